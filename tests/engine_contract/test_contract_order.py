"""The contract, ordering and marking: ties of one day listed by id as the record lists them,
across pages; a query of filters only newest first; snippet marks that are exactly the words
carrying the query's stems; and a folder another engine built refused, so the library rebuilds."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from pathlib import Path

import pytest

from engine_contract.contract_helpers import NOW, docs, ids
from newsreader.index.models import Article
from newsreader.index.query.assemble import parse_query
from newsreader.index.search.engines import ENGINES, engine_opener
from newsreader.index.search.port import EngineError, EngineOpener, SearchEngine
from newsreader.index.text.snippets import marked_terms
from newsreader.index.text.terms import WORD_PATTERN, stem_word

D = dt.date


def same_day_articles() -> list[Article]:
    """Eleven articles on two days and two undated, with content-like ids (16 hex digits) and
    two other ids, added in a shuffled order."""
    days = [D(2025, 3, 1)] * 6 + [D(2025, 3, 2)] * 5 + [None] * 2
    found = [
        Article(hashlib.sha256(str(i).encode()).hexdigest()[:16], f"Port {i}",
                f"Port strike, day {i}.", day, "Wire")
        for i, day in enumerate(days)
    ]  # fmt: skip
    found += [Article("zz-other", "Port z", "Port strike z.", D(2025, 3, 1), "Wire"),
              Article("Aa-other", "Port a", "Port strike a.", D(2025, 3, 2), "Wire")]  # fmt: skip
    random.Random(7).shuffle(found)
    return found


def record_order(articles: list[Article], newest_first: bool) -> list[str]:
    """As the record's browse lists them: by date, undated last, ties by id."""
    dated = sorted((a for a in articles if a.date), key=lambda a: a.id)
    dated.sort(key=lambda a: a.date, reverse=newest_first)
    return [a.id for a in dated] + sorted(a.id for a in articles if a.date is None)


@pytest.mark.parametrize("sort", ["date", "-date"])
@pytest.mark.parametrize("query", ["strike", "-zzz", "source:wire"])
@pytest.mark.parametrize("others", [True, False], ids=["other ids", "content ids only"])
def test_ties_of_a_day_go_by_id_on_every_page(fresh, sort: str, query: str, others: bool) -> None:
    articles = [a for a in same_day_articles() if others or not a.id.endswith("-other")]
    engine = fresh()
    engine.replace([(a, None) for a in articles[:7]])
    engine.replace([(a, None) for a in articles[7:]])  # two segments, as after two runs
    expected = record_order(articles, newest_first=sort == "-date")
    parsed = parse_query(query, now=NOW)
    for size in (1, 2, 3, 5):
        pages = [engine.search(parsed, limit=size, offset=o, sort=sort)
                 for o in range(0, len(articles) + size, size)]  # fmt: skip
        assert [h.id for page in pages for h in page.hits] == expected, size
        assert {page.total for page in pages} == {len(articles)}


@pytest.mark.parametrize("query", ["date:2025-01", "date:2024..", "date:2025-01 -tariff"])
def test_a_query_of_dates_only_lists_newest_first(engine: SearchEngine, query: str) -> None:
    expected = {
        "date:2025-01": ["a5", "a1", "a6", "a2"],
        "date:2024..": ["a5", "a1", "a6", "a2", "a4"],
        "date:2025-01 -tariff": ["a5"],
    }[query]
    assert ids(engine, query) == expected


def test_a_date_does_not_change_the_ranking_of_words(engine: SearchEngine) -> None:
    dated = ids(engine, "trade date:2025")
    assert dated == [i for i in ids(engine, "trade") if i in dated] and len(dated) == 2


@pytest.mark.parametrize(
    "query",
    ["tariff", "tariffs china", '"trade war"', "tarif*", "trade -war", "title:budget deficit",
     "(tariff OR inflation) -budget", "person:lagarde rates", "manag* trade"],
)  # fmt: skip
def test_marks_are_exactly_the_words_of_the_querys_stems(engine: SearchEngine, query: str) -> None:
    parsed = parse_query(query, now=NOW)
    stems, prefixes = marked_terms(parsed.query)
    result = engine.search(parsed, limit=50)
    assert result.hits, query
    for hit in result.hits:
        words = [(m.start(), m.end()) for m in WORD_PATTERN.finditer(hit.snippet)]
        wanted = [
            (s, e) for s, e in words
            if stem_word(hit.snippet[s:e].lower()) in stems
            or hit.snippet[s:e].lower().startswith(prefixes or ("\x00",))
        ]  # fmt: skip
        assert list(hit.marks) == wanted, (hit.id, hit.snippet)


def test_the_engines_agree_on_snippets_and_marks(tmp_path: Path) -> None:
    engines = [engine_opener(name)(tmp_path / name) for name in ENGINES]
    try:
        for engine in engines:
            engine.replace(docs())
        for query in ("tariff", '"trade war"', "tarif* -china", "bank OR geneva", "title:budget"):
            parsed = parse_query(query, now=NOW)
            seen = [
                sorted((h.id, h.snippet, h.marks, h.title, h.date, h.source, h.category)
                       for h in engine.search(parsed, limit=50).hits)
                for engine in engines
            ]  # fmt: skip
            assert all(each == seen[0] for each in seen), query
    finally:
        for engine in engines:
            engine.close()


@pytest.mark.parametrize("other", ENGINES)
def test_a_folder_another_engine_built_is_refused(
    opener: EngineOpener, other: str, tmp_path: Path
) -> None:
    built = engine_opener(other)(tmp_path / "index")
    built.replace(docs())
    built.close()
    if engine_opener(other) is opener:
        again = opener(tmp_path / "index", create=False)
        assert again.doc_count() == len(docs())
        again.close()
        return
    for options in ({}, {"create": False}, {"read_only": True}):
        with pytest.raises(EngineError, match=f"built by {other}"):
            opener(tmp_path / "index", **options)
