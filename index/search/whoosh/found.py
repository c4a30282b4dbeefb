"""Quotes and numeric claims found in their own indexes, with the article they come from."""

from __future__ import annotations

import datetime as dt
from typing import Any

from whoosh.query import And, Every, Phrase, Query, Term
from whoosh.searching import Searcher

from ...models import ClaimHit, QuoteHit
from .schema import claim_from_record, quote_from_record
from .textindex import stem_terms

AND_GROUP = 16  # subqueries per And: Whoosh nests its matchers one per subquery


def all_of(clauses: list[Query]) -> Query:
    """AND of the clauses as a shallow tree of small Ands.

    Whoosh chains the matchers of one And one inside the next (its weighted tree, given
    negative weights, is a list), so an And of thousands of words overflows the stack while it
    is walked; And-of-Ands of AND_GROUP each keeps the depth to a few dozen for any count.
    """
    if not clauses:
        return Every()
    while len(clauses) > AND_GROUP:
        clauses = [
            And(clauses[i : i + AND_GROUP]) if len(clauses[i : i + AND_GROUP]) > 1 else clauses[i]
            for i in range(0, len(clauses), AND_GROUP)
        ]
    return clauses[0] if len(clauses) == 1 else And(clauses)


def find_quotes(searcher: Searcher, query: str, speaker: str | None, limit: int) -> list[QuoteHit]:
    """Quotes whose text has every word of ``query`` and, if given, whose speaker matches."""
    clauses: list[Query] = [Term("text", t) for t in stem_terms(query)]
    names = [w.lower() for w in (speaker or "").split() if w.strip()]
    if names:
        clauses.append(Phrase("speaker", names) if len(names) > 1 else Term("speaker", names[0]))
    return [
        QuoteHit(f["article"], f["title"], _date(f), quote_from_record(f["record"]), score)
        for f, score in _records(searcher, clauses, limit)
    ]


def find_claims(searcher: Searcher, query: str, limit: int) -> list[ClaimHit]:
    """Numeric claims whose text or sentence has every word of ``query``."""
    clauses: list[Query] = [Term("text", t) for t in stem_terms(query)]
    return [
        ClaimHit(f["article"], f["title"], _date(f), claim_from_record(f["record"]), score)
        for f, score in _records(searcher, clauses, limit)
    ]


def _date(fields: dict[str, Any]) -> dt.date | None:
    """The article's date: Whoosh stores no field for a None value, so undated has none."""
    return fields.get("date")


def _records(
    searcher: Searcher, clauses: list[Query], limit: int
) -> list[tuple[dict[str, Any], float]]:
    query = all_of(list(dict.fromkeys(clauses)))  # a repeated word asks nothing more
    results = searcher.search(query, limit=max(1, limit))
    return [(hit.fields(), hit.score or 0.0) for hit in results]
