"""The search language: text typed by the user -> an ``ast`` query, triage filters and problems.

The language is read by ``syntax`` and assembled here into one engine-neutral tree (``ast``), which
an engine compiles. ``parse_query`` never raises: a query it cannot read becomes a search for its
plain words, and ``problem`` says what was wrong.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from .ast import And, MatchAll, MatchNone, Not, Or, Query
from .help import QUERY_HELP
from .syntax import (
    MAX_QUERY_CHARS,
    OPERATORS,
    Leaf,
    Node,
    Parser,
    QuerySyntaxError,
    State,
    tokenize,
)

__all__ = ["QUERY_HELP", "ParsedQuery", "StateFilter", "parse_query"]

ONLY_COMMON_WORDS = "only very common words, which are not indexed"


@dataclass(frozen=True, slots=True)
class StateFilter:
    """Triage filters found in the query; the caller turns them into allowed/denied ids."""

    read: bool | None = None
    starred: bool | None = None
    archived: bool | None = None
    tags: tuple[str, ...] = ()
    exclude_tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """A query ready for ``Engine.search`` (an ``ast`` tree), with the words to highlight and
    any problem."""

    query: Query
    problem: str | None = None
    terms: tuple[str, ...] = ()
    state: StateFilter = field(default_factory=StateFilter)
    text: str = ""


def _cut_at_a_word(text: str) -> str:
    """The query's first MAX_QUERY_CHARS characters, ending before the word the limit falls in
    (a half word would ask for something the user never typed)."""
    kept = text[:MAX_QUERY_CHARS]
    if text[MAX_QUERY_CHARS].isspace():
        return kept
    last_space = max(kept.rfind(c) for c in " \t\n\r")
    return kept[:last_space] if last_space > 0 and kept[:last_space].strip() else kept


def parse_query(text: str, *, now: dt.datetime | None = None) -> ParsedQuery:
    """Read a query in the search language (see QUERY_HELP); never raises."""
    text = text if isinstance(text, str) else str(text)
    problems: list[str] = []
    if len(text) > MAX_QUERY_CHARS:
        text = _cut_at_a_word(text)
        problems.append(f"the query was cut to its first {MAX_QUERY_CHARS:,} characters")
    if not text.strip():
        return ParsedQuery(MatchAll(), "; ".join(problems) or None, (), StateFilter(), text)
    try:
        parser = Parser(tokenize(text), now or dt.datetime.now())
        parsed = _assemble(parser.parse(), text)
        problems += parser.notes
    except (QuerySyntaxError, RecursionError) as exc:
        reason = str(exc) if isinstance(exc, QuerySyntaxError) else "the query is nested too deep"
        parsed = _plain_words(text, reason)
    if problems:
        problems.append(parsed.problem or "")
        parsed = ParsedQuery(
            parsed.query, "; ".join(p for p in problems if p), parsed.terms, parsed.state, text
        )
    return parsed


def _plain_words(text: str, reason: str) -> ParsedQuery:
    words = [w for w in re.findall(r"\w+", text) if w not in OPERATORS]
    leaves = [Parser([], dt.datetime.now()).word(w) for w in words]
    kept = [leaf for leaf in leaves if leaf.query is not None]
    terms = tuple(dict.fromkeys(w for leaf in kept for w in leaf.words))
    if not words:  # nothing to search for: as the empty query
        return ParsedQuery(MatchAll(), f"{reason}: showing all articles instead", (), text=text)
    if not kept:  # words the index leaves out match nothing, as they do in a sound query
        return ParsedQuery(MatchNone(), f"{reason}: {ONLY_COMMON_WORDS}", (), text=text)
    query = kept[0].query if len(kept) == 1 else And(tuple(leaf.query for leaf in kept))
    shown = " ".join(terms)
    return ParsedQuery(
        query, f'{reason}: searched for the words "{shown}" instead', terms, text=text
    )


def _assemble(tree: Any, text: str) -> ParsedQuery:
    items = tree.items if isinstance(tree, Node) and tree.op == "and" else [tree]
    state: dict[str, Any] = {"tags": [], "exclude_tags": []}
    rest = [item for item in items if not _take_state(item, state)]
    if _has_state(rest):
        raise QuerySyntaxError("read:, starred:, archived: and tag: only combine with AND")
    terms: list[str] = []
    query = _to_query(Node("and", tuple(rest)), terms) if rest else MatchAll()
    filters = StateFilter(
        state.get("read"),
        state.get("starred"),
        state.get("archived"),
        tuple(state["tags"]),
        tuple(state["exclude_tags"]),
    )
    problem = None
    if query is None:
        query, problem = MatchNone(), ONLY_COMMON_WORDS
    return ParsedQuery(query, problem, tuple(dict.fromkeys(terms)), filters, text)


def _take_state(item: Any, state: dict[str, Any]) -> bool:
    """Record a top-level (possibly negated) triage filter; False if ``item`` is not one."""
    negated = isinstance(item, Node) and item.op == "not" and isinstance(item.items[0], State)
    found = item.items[0] if negated else item
    if not isinstance(found, State):
        return False
    if found.name == "tag":
        state["exclude_tags" if negated else "tags"].append(found.value)
    else:
        state[found.name] = (not found.value) if negated else found.value
    return True


def _has_state(items: list[Any]) -> bool:
    for item in items:
        if isinstance(item, State) or (isinstance(item, Node) and _has_state(item.items)):
            return True
    return False


def _to_query(tree: Any, terms: list[str]) -> Query | None:
    """The ``ast`` query of a parse tree; None when it holds only stop words. ``terms`` gets the
    words to highlight (none from negated parts)."""
    if isinstance(tree, Leaf):
        terms.extend(tree.words)
        return tree.query
    if tree.op == "not":
        inner = _to_query(tree.items[0], [])
        return None if inner is None else Not(inner)
    parts = [_to_query(item, terms) for item in tree.items]
    kept = tuple(p for p in parts if p is not None)
    if not kept:
        return None
    if len(kept) == 1:
        return kept[0]
    return Or(kept) if tree.op == "or" else And(kept)
