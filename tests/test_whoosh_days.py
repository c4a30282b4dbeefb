"""Oracle: a date span read from the day column (`days.DaySpan`) finds the documents Whoosh's own
date range does, over several segments with deletions and undated articles."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

import numpy as np
import pytest
from whoosh import index as whoosh_index
from whoosh.index import Index
from whoosh.query import And, DateRange, Query, Term

from newsreader.index.models import Article
from newsreader.index.search.whoosh.columns import column
from newsreader.index.search.whoosh.days import DaySpan, numeric_column
from newsreader.index.search.whoosh.docsets import evaluate
from newsreader.index.search.whoosh.schema import article_schema, index_document
from newsreader.index.search.whoosh.textindex import NewsCodec

FIRST = dt.date(2024, 12, 20)
SPANS = [
    (dt.date(2025, 1, 1), dt.date(2025, 1, 31)),
    (dt.date(2024, 12, 30), None),
    (None, dt.date(2025, 1, 3)),
    (dt.date(2025, 1, 5), dt.date(2025, 1, 5)),
    (None, None),
]


def _article(rng: random.Random, number: int) -> Article:
    day = None if number % 7 == 3 else FIRST + dt.timedelta(days=rng.randint(0, 40))
    return Article(f"d{number:03}", "title", rng.choice(["oil price", "grain"]), date=day)


@pytest.fixture(scope="module")
def ix(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Index]:
    """Three segments; the last commit deletes documents of the first."""
    ix = whoosh_index.create_in(str(tmp_path_factory.mktemp("days")), article_schema())
    rng = random.Random(5)
    for segment in range(3):
        writer = ix.writer(codec=NewsCodec())
        for n in range(segment * 30, (segment + 1) * 30):
            writer.add_document(**index_document(_article(rng, n), None))
        if segment == 2:
            for gone in range(1, 30, 5):
                writer.delete_by_term("id", f"d{gone:03}")
        writer.commit(merge=False)
    yield ix
    ix.close()


def _whoosh(ix: Index, query: DateRange) -> set[int]:
    with ix.searcher() as searcher:
        return {hit.docnum for hit in searcher.search(query, limit=None)}


def _docsets(ix: Index, query: Query) -> set[int]:
    with ix.searcher() as searcher:
        mask, scores = evaluate(searcher, query, {})
        assert not isinstance(query, DaySpan) or not scores.any(), "a date span ranks nothing"
        return {int(d) for d in np.flatnonzero(mask)}


def _midnight(day: dt.date | None) -> dt.datetime | None:
    return None if day is None else dt.datetime(day.year, day.month, day.day)


@pytest.mark.parametrize(("start", "end"), SPANS)
def test_a_span_finds_what_whooshs_date_range_finds(
    ix: Index, start: dt.date | None, end: dt.date | None
) -> None:
    expected = _whoosh(ix, DateRange("date", _midnight(start), _midnight(end)))
    assert expected, "the oracle span should match something"
    assert _docsets(ix, DaySpan(start, end)) == expected
    assert _whoosh(ix, DaySpan(start, end)) == expected  # still a range Whoosh itself can run


def test_undated_and_deleted_documents_are_in_no_span(ix: Index) -> None:
    with ix.searcher() as searcher:
        reader = searcher.reader()
        docs = range(reader.doc_count_all())
        dead = {d for d in docs if reader.is_deleted(d)}
        undated = {d for d in docs if "date" not in reader.stored_fields(d)} - dead
    found = _docsets(ix, DaySpan(None, None))
    assert dead and undated and not found & (dead | undated)
    grain = _docsets(ix, Term("body", "grain"))
    assert _docsets(ix, And([DaySpan(None, None), Term("body", "grain")])) == grain - undated


def test_the_day_column_read_whole_is_the_column_read_by_document(ix: Index) -> None:
    with ix.searcher() as searcher:
        reader = searcher.reader()
        for name in ("day", "rday"):
            by_document = [reader.column_reader(name)[d] for d in range(reader.doc_count_all())]
            assert numeric_column(reader, name).tolist() == by_document
            assert column(reader, name).tolist() == by_document
