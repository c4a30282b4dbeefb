"""Quotes and numeric claims found in their own indexes, with the article they come from."""

from __future__ import annotations

import datetime as dt
from typing import Any

from whoosh.searching import Searcher

from ...models import ClaimHit, QuoteHit
from ...query import ast
from ...text.terms import stem_terms
from .compile import all_of
from .schema import claim_from_record, quote_from_record


def find_quotes(searcher: Searcher, query: str, speaker: str | None, limit: int) -> list[QuoteHit]:
    """Quotes whose text has every word of ``query`` and, if given, whose speaker matches."""
    clauses: list[ast.Query] = [ast.Term("text", t) for t in stem_terms(query)]
    names = tuple(w.lower() for w in (speaker or "").split() if w.strip())
    if names:
        speaker_words = (
            ast.Phrase("speaker", names) if len(names) > 1 else ast.Term("speaker", names[0])
        )
        clauses.append(speaker_words)
    return [
        QuoteHit(f["article"], f["title"], _date(f), quote_from_record(f["record"]), score)
        for f, score in _records(searcher, clauses, limit)
    ]


def find_claims(searcher: Searcher, query: str, limit: int) -> list[ClaimHit]:
    """Numeric claims whose text or sentence has every word of ``query``."""
    clauses: list[ast.Query] = [ast.Term("text", t) for t in stem_terms(query)]
    return [
        ClaimHit(f["article"], f["title"], _date(f), claim_from_record(f["record"]), score)
        for f, score in _records(searcher, clauses, limit)
    ]


def _date(fields: dict[str, Any]) -> dt.date | None:
    """The article's date: Whoosh stores no field for a None value, so undated has none."""
    return fields.get("date")


def _records(
    searcher: Searcher, clauses: list[ast.Query], limit: int
) -> list[tuple[dict[str, Any], float]]:
    query = all_of(clauses)  # a repeated word asks nothing more
    results = searcher.search(query, limit=max(1, limit))
    return [(hit.fields(), hit.score or 0.0) for hit in results]
