"""The parsed search language as plain values, for any engine to compile and the snippets to read.

A query is a tree of the node types below. The text fields (``TEXT_FIELDS``) hold the index's
terms (lowercase Porter stems, see ``text.terms``); entity fields hold lowercase words as typed.
Nothing here knows an engine: the Whoosh adapter turns a tree into Whoosh queries
(``search.whoosh.compile``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

TEXT_FIELDS = ("title", "body")  # the article's text, held as stems; a plain word searches both


@dataclass(frozen=True, slots=True)
class Term:
    """Documents whose ``field`` holds the term ``text``."""

    field: str
    text: str


@dataclass(frozen=True, slots=True)
class Phrase:
    """Documents whose ``field`` holds ``words`` at consecutive positions."""

    field: str
    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Prefix:
    """Documents whose ``field`` holds a term starting with ``text``."""

    field: str
    text: str


@dataclass(frozen=True, slots=True)
class DateSpan:
    """Articles dated from ``start`` to ``end``, both days included; None is open-ended."""

    start: dt.date | None
    end: dt.date | None


@dataclass(frozen=True, slots=True)
class And:
    """Documents every item matches (an item may be a ``Not``: those it matches are left out)."""

    items: tuple[Query, ...]


@dataclass(frozen=True, slots=True)
class Or:
    """Documents any item matches."""

    items: tuple[Query, ...]


@dataclass(frozen=True, slots=True)
class Not:
    """Documents ``item`` does not match."""

    item: Query


@dataclass(frozen=True, slots=True)
class MatchAll:
    """Every document (the empty query, or one of triage filters alone)."""


@dataclass(frozen=True, slots=True)
class MatchNone:
    """No document (a query of stop words only, or an empty date span)."""


Query = Term | Phrase | Prefix | DateSpan | And | Or | Not | MatchAll | MatchNone


def walk(query: Query) -> list[Query]:
    """Every node of the tree, parents before children, without recursion (queries can be long)."""
    found: list[Query] = []
    pending = [query]
    while pending:
        node = pending.pop()
        found.append(node)
        if isinstance(node, (And, Or)):
            pending.extend(reversed(node.items))
        elif isinstance(node, Not):
            pending.append(node.item)
    return found
