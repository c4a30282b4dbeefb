"""Oracle: `docsets` (whole posting lists as numpy vectors) scores as Whoosh's own BM25F does.

The article index is written in several segments, one of them with deleted documents, so the
scores also check that the whole index's statistics (idf, average field length) are used in every
segment and that deleted documents neither match nor count. Whoosh's own searcher, walking its
matchers one document at a time, is the oracle; where `docsets` scores differently on purpose
(phrases as the sum of their words, prefixes over their words) only the matching set is compared.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

import numpy as np
import pytest
from whoosh import index as whoosh_index
from whoosh.index import Index
from whoosh.lang.porter import stem
from whoosh.query import And, AndNot, Not, Or, Phrase, Prefix, Query, Term

from newsreader.index.models import Article
from newsreader.index.search.whoosh import segment as segments
from newsreader.index.search.whoosh.docsets import evaluate
from newsreader.index.search.whoosh.schema import article_schema, index_document
from newsreader.index.search.whoosh.textindex import NewsCodec

# Words that are their own Porter stems, so a query term is the word itself.
WORDS = [
    "bank",
    "trade",
    "war",
    "steel",
    "rate",
    "port",
    "grain",
    "oil",
    "court",
    "vote",
    "fund",
    "tax",
    "coal",
]
SEGMENTS = 4
PER_SEGMENT = 25


def _article(rng: random.Random, number: int) -> Article:
    title = " ".join(rng.choices(WORDS, k=rng.randint(1, 4)))
    body = " ".join(rng.choices([*WORDS, "the", "and"], k=rng.randint(3, 60)))
    return Article(f"d{number:03}", title, body)


@pytest.fixture(scope="module")
def ix(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Index]:
    """An article index in SEGMENTS unmerged segments; the second loses some documents in a
    later commit (which leaves them deleted in place, not merged away)."""
    assert all(stem(w) == w for w in WORDS)
    folder = tmp_path_factory.mktemp("oracle")
    ix = whoosh_index.create_in(str(folder), article_schema())
    rng = random.Random(11)
    for segment in range(SEGMENTS):
        writer = ix.writer(codec=NewsCodec())
        for n in range(segment * PER_SEGMENT, (segment + 1) * PER_SEGMENT):
            writer.add_document(**index_document(_article(rng, n), None))
        if segment == SEGMENTS - 1:
            for gone in range(PER_SEGMENT + 3, 2 * PER_SEGMENT, 4):
                writer.delete_by_term("id", f"d{gone:03}")
        writer.commit(merge=False)
    yield ix
    ix.close()


def both(word: str) -> Query:
    return Or([Term("title", word), Term("body", word)])


SCORED = {
    "one word in the body": Term("body", "steel"),
    "one word in the title": Term("title", "bank"),
    "a word in title or body": both("grain"),
    "two words": And([both("oil"), both("court")]),
    "either word": Or([both("vote"), both("tax")]),
    "a word but not another": AndNot(both("fund"), both("rate")),
    "boosted": Or([Term("title", "port", boost=3.0), Term("body", "war")]),
    "nested": Or([And([both("bank"), both("trade")]), AndNot(both("oil"), both("war"))]),
}
MATCHED = {
    "a phrase": Phrase("body", ["trade", "war"]),
    "a prefix": Or([Prefix("body", "st"), Prefix("title", "co")]),
}


def _whoosh(ix: Index, query: Query) -> dict[int, float]:
    with ix.searcher() as searcher:
        return {hit.docnum: hit.score for hit in searcher.search(query, limit=None)}


def _docsets(ix: Index, query: Query) -> dict[int, float]:
    with ix.searcher() as searcher:
        mask, scores = evaluate(searcher, query, {})
        return {int(d): float(scores[d]) for d in np.flatnonzero(mask)}


def test_the_index_has_several_segments_and_deletions(ix: Index) -> None:
    with ix.searcher() as searcher:
        assert len(searcher.leaf_searchers()) == SEGMENTS
        assert searcher.doc_count() < searcher.doc_count_all()


@pytest.mark.parametrize("name", SCORED)
def test_scores_are_whooshs_bm25f(ix: Index, name: str) -> None:
    expected = _whoosh(ix, SCORED[name])
    found = _docsets(ix, SCORED[name])
    assert expected, "the oracle query should match something"
    assert found.keys() == expected.keys()
    docs = sorted(expected)
    assert np.allclose([found[d] for d in docs], [expected[d] for d in docs], rtol=1e-9)


@pytest.mark.parametrize("name", MATCHED)
def test_matches_are_whooshs(ix: Index, name: str) -> None:
    expected = _whoosh(ix, MATCHED[name])
    assert expected and _docsets(ix, MATCHED[name]).keys() == expected.keys()


def test_deleted_documents_never_match(ix: Index) -> None:
    with ix.searcher() as searcher:
        deleted = {d for d in range(searcher.doc_count_all()) if searcher.reader().is_deleted(d)}
    assert deleted and not deleted & _docsets(ix, Or([both(w) for w in WORDS])).keys()


def test_not_is_every_live_document_but_the_matches(ix: Index) -> None:
    """Against the live documents rather than Whoosh's own Not, whose inverse matcher yields a
    deleted document at the end of a segment (seen here with Whoosh-Reloaded 2.7.5)."""
    with ix.searcher() as searcher:
        live = {d for d in range(searcher.doc_count_all()) if not searcher.reader().is_deleted(d)}
    found = _docsets(ix, Not(both("steel")))
    assert found.keys() == live - _whoosh(ix, both("steel")).keys()
    assert set(found.values()) == {0.0}


def test_a_full_postings_cache_is_emptied_and_the_scores_stay(
    ix: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One searcher's cache shared by every query, so small that it fills up again and again."""
    monkeypatch.setattr(segments, "MAX_CACHED_BYTES", 2_000)
    queries = [*SCORED.values(), *MATCHED.values()] * 2
    with ix.searcher() as searcher:
        cache: dict = {}
        for query in queries:
            mask, scores = evaluate(searcher, query, cache)
            fresh_mask, fresh_scores = evaluate(searcher, query, {})
            assert (mask == fresh_mask).all() and (scores[mask] == fresh_scores[mask]).all()
        assert 0 < cache["held"][0] <= 2_000 + 1_000
