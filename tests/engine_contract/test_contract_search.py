"""The contract, searching: every operator, field and date form against expected hits, relevance,
date sorts, paging, the state filters' id sets, snippets and stored metadata."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine_contract.contract_helpers import NOW, ids
from newsreader.index.models import Article
from newsreader.index.query.assemble import parse_query
from newsreader.index.search.port import SearchEngine

D = dt.date


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tariff", {"a1", "a2", "a6"}),  # tariffs, Tariff, tariffing: one stem
        ("tariff china", {"a1"}),
        ("tariff AND budget", {"a2"}),
        ("+tariff budget", {"a2"}),
        ("tariff -china", {"a2", "a6"}),
        ("tariff NOT china", {"a2", "a6"}),
        ("-tariff", {"a3", "a4", "a5"}),
        ("tariff OR geneva", {"a1", "a2", "a5", "a6"}),
        ("(tariff OR geneva) -china", {"a2", "a6"}),
        ('"trade war"', {"a1", "a5"}),
        ('"war trade"', set()),
        ("tarif*", {"a1", "a2", "a6"}),
        ("title:tariffs", {"a1"}),
        ("source:reuters", {"a1", "a4", "a5"}),
        ('source:"bbc news" budget', {"a2"}),
        ("category:sport", {"a3"}),
        ("person:kim", {"a5", "a6"}),
        ('person:"kim jong"', {"a5"}),
        ("person:lagarde", {"a4"}),
        ('org:"central bank"', {"a4"}),
        ("place:geneva", {"a5"}),
        ("entity:frankfurt", {"a4"}),
        ("speaker:lagarde", {"a4"}),
        ("", {"a1", "a2", "a3", "a4", "a5", "a6"}),
        ("nonexistentword", set()),
    ],
)
def test_operators_and_fields(engine: SearchEngine, query: str, expected: set[str]) -> None:
    assert set(ids(engine, query)) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("date:2025-01", {"a1", "a2", "a5", "a6"}),
        ("date:2024", {"a4"}),
        ("date:2025-01-13", {"a1"}),
        ("date:yesterday", {"a5"}),
        ('date:"last week"', {"a2", "a6"}),
        ('date:"last week"..today', {"a1", "a2", "a5", "a6"}),
        ("date:2024-12-01..2024-12-31", {"a4"}),
        ("date:..2025-01-10", {"a2", "a4"}),
        ("date:2025-01-12..", {"a1", "a5", "a6"}),
        ("date:>2025-01-12", {"a1", "a5"}),
        ("date:>=2025-01-12", {"a1", "a5", "a6"}),
        ("date:<2025-01-12", {"a2", "a4"}),
        ("date:<=2025-01-10", {"a2", "a4"}),
        ('after:"2 weeks ago"', {"a1", "a2", "a5", "a6"}),
        ("before:yesterday", {"a1", "a2", "a4", "a6"}),
        ("tariff date:2025-01-10..2025-01-12", {"a2", "a6"}),
    ],
)
def test_dates(engine: SearchEngine, query: str, expected: set[str]) -> None:
    assert set(ids(engine, query)) == expected


def test_title_weighs_more_than_body(engine: SearchEngine) -> None:
    assert ids(engine, "trade war")[0] == "a5"  # in a5's title, a1's body only


def test_date_sorts_put_undated_articles_last(engine: SearchEngine) -> None:
    assert ids(engine, "", sort="-date") == ["a5", "a1", "a6", "a2", "a4", "a3"]
    assert ids(engine, "", sort="date") == ["a4", "a2", "a6", "a1", "a5", "a3"]


def test_paging_and_total(engine: SearchEngine) -> None:
    page = engine.search(parse_query(""), limit=2, offset=2, sort="-date")
    assert page.total == 6
    assert [h.id for h in page.hits] == ["a6", "a2"]


def test_allow_and_deny_ids(engine: SearchEngine) -> None:
    assert set(ids(engine, "tariff", allow_ids=frozenset({"a1", "a2", "zzz"}))) == {"a1", "a2"}
    assert set(ids(engine, "tariff", deny_ids=frozenset({"a1"}))) == {"a2", "a6"}
    assert ids(engine, "tariff", allow_ids=frozenset()) == []
    many = frozenset(f"x{i}" for i in range(20000)) | {"a6"}
    assert ids(engine, "tariff", allow_ids=many) == ["a6"]


@pytest.mark.parametrize("query", ["tariff", "-tariff", "tariff OR trade", "category:business"])
def test_matching_ids_are_every_hit_the_search_counts(engine: SearchEngine, query: str) -> None:
    # The library views count over every article a query finds, not a page of them.
    parsed = parse_query(query, now=NOW)
    everything = engine.search(parsed, limit=100)
    assert engine.matching_ids(parsed, None, None) == {h.id for h in everything.hits}
    assert len(everything.hits) == everything.total
    allow, deny = frozenset({"a1", "a2", "a4", "zzz"}), frozenset({"a2"})
    expected = {h.id for h in everything.hits} & allow - deny
    assert engine.matching_ids(parsed, allow, deny) == expected
    assert engine.matching_ids(parsed, frozenset(), None) == frozenset()


def test_snippet_marks_stemmed_matches(engine: SearchEngine) -> None:
    hit = next(h for h in engine.search(parse_query("tariff")).hits if h.id == "a6")
    marked = [hit.snippet[s:e] for s, e in hit.marks]
    assert marked == ["tariffs", "Tariffing"]
    assert "\n" not in hit.snippet and len(hit.snippet) <= 170


def test_snippet_without_a_term_is_the_first_line(engine: SearchEngine) -> None:
    hit = next(h for h in engine.search(parse_query("source:reuters")).hits if h.id == "a1")
    assert hit.snippet == "Washington raised tariffs on steel from China.…"
    assert hit.marks == ()


def test_pages_put_together_are_the_whole_list(engine: SearchEngine) -> None:
    for query, sort in (("tariff OR trade OR bank", "relevance"), ("tariff OR trade", "date"),
                        ("-zzz", "-date")):  # fmt: skip
        whole = ids(engine, query, sort=sort)
        parsed = parse_query(query, now=NOW)
        pages = [engine.search(parsed, limit=2, offset=o, sort=sort) for o in range(0, 8, 2)]
        assert [h.id for page in pages for h in page.hits] == whole
        assert {page.total for page in pages} == {len(whole)}


def test_a_page_past_the_end_still_counts(engine: SearchEngine) -> None:
    page = engine.search(parse_query("tariff"), limit=5, offset=10)
    assert (page.hits, page.total) == ((), 3)
    assert engine.search(parse_query("tariff"), limit=0).total == 3


def test_a_query_with_nothing_to_rank_lists_newest_first(engine: SearchEngine) -> None:
    assert ids(engine, "-tariff") == ["a5", "a4", "a3"]
    assert ids(engine, "-zzz") == ["a5", "a1", "a6", "a2", "a4", "a3"]
    assert ids(engine, "category:business", sort="date") == ["a4", "a6", "a1", "a5"]


def test_words_sorted_by_date(engine: SearchEngine) -> None:
    assert ids(engine, "tariff OR trade", sort="-date") == ["a5", "a1", "a6", "a2", "a3"]
    assert ids(engine, "tariff OR trade", sort="date") == ["a2", "a6", "a1", "a5", "a3"]


def test_state_filters_narrow_any_query(engine: SearchEngine) -> None:
    everything = frozenset(a for a in ("a1", "a2", "a3", "a4", "a5", "a6"))
    assert ids(engine, "", allow_ids=frozenset({"a3", "a1"}), sort="-date") == ["a1", "a3"]
    assert ids(engine, "-tariff", deny_ids=everything - {"a4"}) == ["a4"]
    assert ids(engine, "trade", allow_ids=frozenset({"a1", "a5"}), deny_ids=frozenset({"a5"})) == [
        "a1"
    ]


def test_snippet_centres_on_the_best_window(fresh) -> None:
    filler = "Nothing to see in this sentence at all. " * 20
    article = Article("long", "Long", filler + "Tariffs on cheese rose." + filler, D(2025, 1, 1))
    engine = fresh()
    engine.replace([(article, None)])
    hit = engine.search(parse_query("cheese tariff")).hits[0]
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert sorted(hit.snippet[s:e].lower() for s, e in hit.marks) == ["cheese", "tariffs"]


def test_hits_carry_stored_metadata(engine: SearchEngine) -> None:
    hit = engine.search(parse_query("budget")).hits[0]
    assert (hit.id, hit.title, hit.date, hit.source, hit.category) == (
        "a2",
        "Budget deficit widens",
        D(2025, 1, 10),
        "BBC News",
        "politics",
    )
    assert hit.score > 0


QUERY_PIECES = st.sampled_from(
    ['"', "(", ")", ":", "-", "+", "*", " ", "OR", "AND", "NOT", "date:", "person:", "tag:",
     "after:", "..", ">", "title:", "é", "\x00", "\n", "2025-01", "tariff", "trade", "war"]
)  # fmt: skip


@pytest.mark.slow
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.one_of(st.text(max_size=60), st.lists(QUERY_PIECES, max_size=20).map("".join)),
    sort=st.sampled_from(["relevance", "date", "-date", "bogus"]),
    offset=st.integers(-3, 8),
)
def test_search_never_raises(engine: SearchEngine, text: str, sort: str, offset: int) -> None:
    result = engine.search(parse_query(text, now=NOW), sort=sort, offset=offset, limit=5)
    assert result.total >= len(result.hits)
    for hit in result.hits:
        assert all(0 <= s < e <= len(hit.snippet) for s, e in hit.marks)


def test_phrase_or_prefix(engine: SearchEngine) -> None:
    assert set(ids(engine, '"trade war" OR tarif*')) == {"a1", "a2", "a5", "a6"}
