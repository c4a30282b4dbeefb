"""Lexer and recursive-descent parser of the search language (see ``help.QUERY_HELP``).

It produces a small parse tree: ``Node`` (and/or/not), ``Leaf`` (a query of ``ast`` nodes with the
words to highlight) and ``State`` (a triage filter); ``assemble`` turns it into one ``ast`` query
and the triage filters. ``QuerySyntaxError`` carries the user's message.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from ..text.terms import WORD_PATTERN, stem_terms
from .ast import TEXT_FIELDS, DateSpan, MatchNone, Or, Phrase, Prefix, Query, Term
from .dates import DateError, compare_range, date_range, date_span

MAX_QUERY_CHARS = 2000
MAX_DEPTH = 40
WORD_FIELDS = frozenset({"source", "category", "person", "org", "place", "entity", "speaker"})
DATE_FIELDS = frozenset({"date", "after", "before"})
STATE_FIELDS = frozenset({"read", "starred", "archived", "tag"})
KNOWN_FIELDS = WORD_FIELDS | DATE_FIELDS | STATE_FIELDS | {"title"}
_YES = {"yes": True, "y": True, "true": True, "1": True}
_YES.update({"no": False, "n": False, "false": False, "0": False})
_FIELD = re.compile(r"^([A-Za-z]+):(.*)$", re.DOTALL)
OPERATORS = frozenset({"OR", "AND", "NOT"})


class QuerySyntaxError(ValueError):
    """Internal: a query the parser cannot read; the message is shown to the user."""


@dataclass(frozen=True, slots=True)
class Leaf:
    """A searchable piece of the query."""

    query: Query | None  # None: only stop words
    words: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class State:
    """A triage filter such as read:no or tag:NAME."""

    name: str
    value: Any


@dataclass(frozen=True, slots=True)
class Node:
    """An operator over sub-trees."""

    op: str  # and | or | not
    items: tuple[Any, ...]


def tokenize(text: str) -> list[tuple[str, str]]:
    """(kind, text) tokens: ( ) - + phrase word."""
    out: list[tuple[str, str]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch in "()":
            out.append((ch, ch))
            i += 1
        elif ch == '"':
            close = text.find('"', i + 1)
            if close == -1:
                raise QuerySyntaxError("unbalanced quote")
            out.append(("phrase", text[i + 1 : close]))
            i = close + 1
        elif ch in "-+" and (i + 1 == n or text[i + 1].isspace() or text[i + 1] == ")"):
            raise QuerySyntaxError(f'a lone "{ch}" with nothing after it')
        elif ch in "-+":
            out.append((ch, ch))
            i += 1
        else:
            i = _read_word(text, i, out)
    return out


def _read_word(text: str, i: int, out: list[tuple[str, str]]) -> int:
    start, n = i, len(text)
    while i < n and not text[i].isspace() and text[i] not in '()"':
        i += 1
        if i < n and text[i] == '"' and ":" in text[start:i]:
            close = text.find('"', i + 1)  # a quoted field value: person:"kim jong"
            if close == -1:
                raise QuerySyntaxError("unbalanced quote")
            i = close + 1
    out.append(("word", text[start:i]))
    return i


class Parser:
    """Recursive descent over the tokens; ``parse`` returns the tree or raises QuerySyntaxError."""

    def __init__(self, tokens: list[tuple[str, str]], now: dt.datetime) -> None:
        self.tokens = tokens
        self.pos = 0
        self.now = now
        self.depth = 0
        self.notes: list[str] = []  # what was read otherwise than written, for the problem line

    def peek(self) -> tuple[str, str]:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else ("end", "")

    def take(self) -> tuple[str, str]:
        token = self.peek()
        self.pos += 1
        return token

    def parse(self) -> Any:
        node = self.parse_or()
        if self.peek()[0] == ")":
            raise QuerySyntaxError("unbalanced parenthesis")
        return node

    def parse_or(self) -> Any:
        items = [self.parse_and()]
        while self.peek() == ("word", "OR"):
            self.take()
            if self.peek()[0] in ("end", ")") or self.peek() == ("word", "OR"):
                raise QuerySyntaxError('a lone "OR" with nothing on one side')
            items.append(self.parse_and())
        return items[0] if len(items) == 1 else Node("or", tuple(items))

    def parse_and(self) -> Any:
        items: list[Any] = []
        while self.peek()[0] not in ("end", ")") and self.peek() != ("word", "OR"):
            if self.peek() == ("word", "AND"):
                self.take()
                if not items or self.peek()[0] in ("end", ")") or self.peek() == ("word", "OR"):
                    raise QuerySyntaxError('a lone "AND" with nothing to join')
                continue
            items.append(self.parse_unary())
        if not items:
            raise QuerySyntaxError(self._empty_reason())
        return items[0] if len(items) == 1 else Node("and", tuple(items))

    def _empty_reason(self) -> str:
        kind, word = self.peek()
        if word == "OR":
            return 'a lone "OR" with nothing on one side'
        return "empty parentheses" if kind == ")" else "nothing to search after an operator"

    def parse_unary(self) -> Any:
        kind, word = self.peek()
        if kind == "-" or (kind, word) == ("word", "NOT"):
            self.take()
            if self.peek()[0] in ("end", ")") or self.peek() == ("word", "OR"):
                raise QuerySyntaxError(f'a lone "{word}" with nothing after it')
            return Node("not", (self.parse_unary(),))
        if kind == "+":
            self.take()
            return self.parse_unary()
        return self.parse_atom()

    def parse_atom(self) -> Any:
        kind, value = self.take()
        if kind == "(":
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise QuerySyntaxError("parentheses nested too deeply")
            inner = self.parse_or()
            if self.take()[0] != ")":
                raise QuerySyntaxError("unbalanced parenthesis")
            self.depth -= 1
            return inner
        if kind == ")":
            raise QuerySyntaxError("unbalanced parenthesis")
        if kind == "phrase":
            return _text_leaf(value, TEXT_FIELDS)
        return self.word(value)

    def word(self, value: str) -> Any:
        found = _FIELD.match(value)
        if found is None:
            return _word_leaf(value)
        name, raw = found.group(1).lower(), found.group(2)
        if name not in KNOWN_FIELDS:
            raise QuerySyntaxError(f'unknown field "{found.group(1)}:"')
        unquoted = raw.replace('"', "").strip()
        if not unquoted:
            raise QuerySyntaxError(f'"{name}:" has no value')
        if name in STATE_FIELDS:
            return _state(name, unquoted)
        if name in DATE_FIELDS:
            return Leaf(_date_query(name, unquoted, self.now, self.notes))
        if name == "title":
            return _text_leaf(unquoted, ("title",))
        words = WORD_PATTERN.findall(unquoted.lower())
        if not words:
            raise QuerySyntaxError(f'"{name}:" has no word to search')
        return Leaf(Term(name, words[0]) if len(words) == 1 else Phrase(name, tuple(words)))


def _word_leaf(value: str) -> Leaf:
    if value.endswith("*") and "*" not in value[:-1]:
        stem = value[:-1].lower()
        if len(stem) >= 2 and WORD_PATTERN.fullmatch(stem):
            return Leaf(Or(tuple(Prefix(f, stem) for f in TEXT_FIELDS)), (stem,))
    return _text_leaf(value, TEXT_FIELDS)


def _text_leaf(text: str, fields: tuple[str, ...]) -> Leaf:
    """Words analysed like the indexed text: one word matches a term, several a phrase."""
    stems = stem_terms(text)
    words = tuple(w for w in WORD_PATTERN.findall(text.lower()) if len(w) > 1)
    if not stems:
        return Leaf(None, ())
    if len(stems) == 1:
        return Leaf(_any_field([Term(f, stems[0]) for f in fields]), words)
    return Leaf(_any_field([Phrase(f, tuple(stems)) for f in fields]), words)


def _any_field(queries: list[Query]) -> Query:
    return queries[0] if len(queries) == 1 else Or(tuple(queries))


def _state(name: str, value: str) -> State:
    if name == "tag":
        return State("tag", value)
    flag = _YES.get(value.lower())
    if flag is None:
        raise QuerySyntaxError(f'"{name}:" takes yes or no, not "{value}"')
    return State(name, flag)


def _date_query(name: str, value: str, now: dt.datetime, notes: list[str]) -> Query:
    try:
        if name == "after":
            found = DateSpan(date_span(value, now)[0], None)
        elif name == "before":
            found = compare_range("<", value, now)
        else:
            found = date_range(value, now)
    except (DateError, ValueError, OverflowError) as exc:
        raise QuerySyntaxError(str(exc) if isinstance(exc, DateError) else "bad date") from exc
    if found.start is not None and found.end is not None and found.start > found.end:
        low, dots, high = value.partition("..")
        if name == "date" and dots:  # a range written backwards means the same dates
            notes.append(f"date:{value} runs backwards: searched date:{high}..{low}")
            return date_range(f"{high}..{low}", now)
        return MatchNone()
    return found
