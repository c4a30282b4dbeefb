"""Quotes and numeric claims found in their own tantivy indexes, with the article they come from."""

from __future__ import annotations

import tantivy
from tantivy import Occur, Query

from ...models import ClaimHit, QuoteHit
from ...text.terms import stem_terms
from .schema import claim_from_record, day_of, quote_from_record


def find_quotes(
    index: tantivy.Index, query: str, speaker: str | None, limit: int
) -> list[QuoteHit]:
    """Quotes whose text has every word of ``query`` and, if given, whose speaker matches."""
    clauses = _words(index.schema, query)
    names = [w.lower() for w in (speaker or "").split() if w.strip()]
    if len(names) > 1:
        clauses.append(Query.phrase_query(index.schema, "speaker", names))
    elif names:
        clauses.append(Query.term_query(index.schema, "speaker", names[0]))
    return [
        QuoteHit(article, title, day, quote_from_record(record), score)
        for article, title, day, record, score in _records(index, clauses, limit)
    ]


def find_claims(index: tantivy.Index, query: str, limit: int) -> list[ClaimHit]:
    """Numeric claims whose text or sentence has every word of ``query``."""
    return [
        ClaimHit(article, title, day, claim_from_record(record), score)
        for article, title, day, record, score in _records(
            index, _words(index.schema, query), limit
        )
    ]


def _words(schema: tantivy.Schema, query: str) -> list[Query]:
    stems = dict.fromkeys(stem_terms(query))  # a repeated word asks nothing more
    return [Query.term_query(schema, "text", stem) for stem in stems]


def _records(index: tantivy.Index, clauses: list[Query], limit: int) -> list[tuple]:
    query = (
        Query.boolean_query([(Occur.Must, clause) for clause in clauses])
        if clauses
        else Query.all_query()
    )
    searcher = index.searcher()
    found = []
    for score, address in searcher.search(query, max(1, limit), count=False).hits:
        doc = searcher.doc(address)
        found.append((
            doc.get_first("article"), doc.get_first("title") or "", day_of(doc.get_first("day")),
            doc.get_first("record"), float(score),
        ))  # fmt: skip
    return found
