"""The Whoosh engine on a small real index in tmp_path: every operator against expected hits."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsreader.index.models import Analysis, Article, Claim, Entity, Quote
from newsreader.index.query.assemble import parse_query
from newsreader.index.search.whoosh.engine import LOCKED_MESSAGE, Engine, EngineError

NOW = dt.datetime(2025, 1, 15, 10, 30)  # a Wednesday
D = dt.date


def entity(name: str, kind: str) -> Entity:
    label = {"person": "PERSON", "org": "ORG", "place": "GPE"}[kind]
    return Entity(name, label, 0, len(name), name, kind)


ARTICLES = [
    Article(
        "a1",
        "US raises tariffs on Chinese steel",
        "Washington raised tariffs on steel from China.\n\nThe trade war deepened, officials said.",
        D(2025, 1, 13),
        "Reuters",
        category="business",
    ),
    Article(
        "a2",
        "Budget deficit widens",
        "The budget deficit grew to 5%. Tariff income fell sharply, the minister said.",
        D(2025, 1, 10),
        "BBC News",
        category="politics",
    ),
    Article(
        "a3",
        "United win the derby",
        "Manchester United won the derby 2-1. The manager praised the trade of players.",
        None,
        "BBC News",
        category="sport",
    ),
    Article(
        "a4",
        "Central bank holds rates",
        'The central bank held interest rates. "Inflation is falling," Christine Lagarde said.',
        D(2024, 12, 20),
        "Reuters",
        category="business",
    ),
    Article(
        "a5",
        "Trade war talks in Geneva",
        "Negotiators met in Geneva to end the trade war between the US and China.",
        D(2025, 1, 14),
        "Reuters",
        category="business",
    ),
    Article(
        "a6",
        "Markets rally",
        "Stocks rallied as tariffs were paused. Tariffing is rare, one trader said.",
        D(2025, 1, 12),
        "BBC News",
        category="business",
    ),
]
ANALYSES = {
    "a4": Analysis(
        entities=(
            entity("Christine Lagarde", "person"),
            entity("European Central Bank", "org"),
            entity("Frankfurt", "place"),
        ),
        quotes=(Quote("Inflation is falling,", 39, 61, ((39, 61),), "Christine Lagarde"),),
        claims=(Claim("3%", 0, 2, 3.0, unit="percent", sentence="Inflation stayed at 3%."),),
    ),
    "a5": Analysis(entities=(entity("Kim Jong Un", "person"), entity("Geneva", "place"))),
    "a6": Analysis(entities=(entity("Jong Kim", "person"),)),
}


def docs() -> list[tuple[Article, Analysis | None]]:
    return [(a, ANALYSES.get(a.id)) for a in ARTICLES]


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    opened = Engine.open(tmp_path_factory.mktemp("engine") / "index")
    assert opened.replace(docs()) == len(ARTICLES)
    yield opened
    opened.close()


def ids(engine: Engine, query: str, **options: object) -> list[str]:
    result = engine.search(parse_query(query, now=NOW), limit=50, **options)
    assert result.problem is None, result.problem
    assert result.total == len(result.hits)
    return [hit.id for hit in result.hits]


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
def test_operators_and_fields(engine: Engine, query: str, expected: set[str]) -> None:
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
def test_dates(engine: Engine, query: str, expected: set[str]) -> None:
    assert set(ids(engine, query)) == expected


def test_title_weighs_more_than_body(engine: Engine) -> None:
    assert ids(engine, "trade war")[0] == "a5"  # in a5's title, a1's body only


def test_date_sorts_put_undated_articles_last(engine: Engine) -> None:
    assert ids(engine, "", sort="-date") == ["a5", "a1", "a6", "a2", "a4", "a3"]
    assert ids(engine, "", sort="date") == ["a4", "a2", "a6", "a1", "a5", "a3"]


def test_paging_and_total(engine: Engine) -> None:
    page = engine.search(parse_query(""), limit=2, offset=2, sort="-date")
    assert page.total == 6
    assert [h.id for h in page.hits] == ["a6", "a2"]


def test_allow_and_deny_ids(engine: Engine) -> None:
    assert set(ids(engine, "tariff", allow_ids=frozenset({"a1", "a2", "zzz"}))) == {"a1", "a2"}
    assert set(ids(engine, "tariff", deny_ids=frozenset({"a1"}))) == {"a2", "a6"}
    assert ids(engine, "tariff", allow_ids=frozenset()) == []
    many = frozenset(f"x{i}" for i in range(20000)) | {"a6"}
    assert ids(engine, "tariff", allow_ids=many) == ["a6"]


def test_snippet_marks_stemmed_matches(engine: Engine) -> None:
    hit = next(h for h in engine.search(parse_query("tariff")).hits if h.id == "a6")
    marked = [hit.snippet[s:e] for s, e in hit.marks]
    assert marked == ["tariffs", "Tariffing"]
    assert "\n" not in hit.snippet and len(hit.snippet) <= 170


def test_snippet_without_a_term_is_the_first_line(engine: Engine) -> None:
    hit = next(h for h in engine.search(parse_query("source:reuters")).hits if h.id == "a1")
    assert hit.snippet == "Washington raised tariffs on steel from China.…"
    assert hit.marks == ()


def test_snippet_centres_on_the_best_window(tmp_path: Path) -> None:
    filler = "Nothing to see in this sentence at all. " * 20
    article = Article("long", "Long", filler + "Tariffs on cheese rose." + filler, D(2025, 1, 1))
    engine = Engine.open(tmp_path / "ix")
    engine.replace([(article, None)])
    hit = engine.search(parse_query("cheese tariff")).hits[0]
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert sorted(hit.snippet[s:e].lower() for s, e in hit.marks) == ["cheese", "tariffs"]
    engine.close()


def test_hits_carry_stored_metadata(engine: Engine) -> None:
    hit = engine.search(parse_query("budget")).hits[0]
    assert (hit.id, hit.title, hit.date, hit.source, hit.category) == (
        "a2",
        "Budget deficit widens",
        D(2025, 1, 10),
        "BBC News",
        "politics",
    )
    assert hit.score > 0


def test_quotes_and_claims(engine: Engine) -> None:
    quotes = engine.search_quotes("inflation")
    assert [(q.article_id, q.quote.speaker) for q in quotes] == [("a4", "Christine Lagarde")]
    assert quotes[0].quote == ANALYSES["a4"].quotes[0]
    assert engine.search_quotes("", speaker="lagarde")[0].title == "Central bank holds rates"
    assert engine.search_quotes("inflation", speaker="someone else") == []
    claims = engine.search_claims("inflation")
    assert [(c.article_id, c.claim.value, c.date) for c in claims] == [("a4", 3.0, D(2024, 12, 20))]


def test_replace_updates_and_deletes_with_their_records(tmp_path: Path) -> None:
    engine = Engine.open(tmp_path / "ix")
    engine.replace(docs())
    changed = Article("a4", "Rates on hold", "Nothing about prices.", D(2024, 12, 21), "Reuters")
    assert engine.replace([(changed, None)], delete_ids=["a1"]) == 1
    assert engine.doc_count() == 5
    assert set(ids(engine, "tariff")) == {"a2", "a6"}
    assert ids(engine, "title:rates") == ["a4"]
    assert engine.search_quotes("inflation") == [] and engine.search_claims("inflation") == []
    engine.clear()
    assert engine.doc_count() == 0 and ids(engine, "") == []
    engine.close()


def test_bulk_mode_indexes_the_same(tmp_path: Path) -> None:
    engine = Engine.open(tmp_path / "ix")
    assert engine.replace(docs(), bulk=True) == len(ARTICLES)
    assert set(ids(engine, "tariff -china")) == {"a2", "a6"}
    assert ids(engine, "speaker:lagarde") == ["a4"]
    changed = Article("a4", "Rates on hold", "Nothing about prices.", D(2024, 12, 21), "Reuters")
    assert engine.replace([(changed, None)], delete_ids=["a1"], bulk=True) == 1
    assert engine.doc_count() == 5
    assert ids(engine, "title:rates") == ["a4"] and ids(engine, "speaker:lagarde") == []
    assert set(ids(engine, "tariff")) == {"a2", "a6"}
    engine.close()


def test_searchers_are_per_thread_and_refresh(tmp_path: Path) -> None:
    engine = Engine.open(tmp_path / "ix")
    engine.replace(docs()[:3])
    results: list[set[str]] = []
    worker = threading.Thread(target=lambda: results.append(set(ids(engine, "tariff"))))
    worker.start()
    worker.join()
    assert results == [{"a1", "a2"}]
    engine.replace(docs()[3:])
    assert set(ids(engine, "tariff")) == {"a1", "a2", "a6"}  # this thread's searcher refreshed
    engine.close()


def test_files_are_private(engine: Engine) -> None:
    assert engine.folder.stat().st_mode & 0o777 == 0o700
    for path in engine.folder.rglob("*"):
        expected = 0o700 if path.is_dir() else 0o600
        assert path.stat().st_mode & 0o777 == expected, path
    assert engine.size_bytes() > 0


def test_a_corrupt_index_raises_engine_error(tmp_path: Path) -> None:
    engine = Engine.open(tmp_path / "ix")
    engine.replace(docs())
    engine.close()
    for toc in (tmp_path / "ix" / "articles").glob("*.toc"):
        toc.write_bytes(b"garbage")
    with pytest.raises(EngineError, match="will not open"):
        Engine.open(tmp_path / "ix")
    with pytest.raises(EngineError, match="no search index"):
        Engine.open(tmp_path / "missing", create=False)


HOLD_WRITER = """
import sys, time
from pathlib import Path
from newsreader.index.search.whoosh.engine import Engine
from newsreader.index.models import Article

def slow_docs():
    yield Article("b1", "Half written", "This article never commits.", None), None
    print("writing", flush=True)
    time.sleep(120)

Engine.open(Path(sys.argv[1])).replace(slow_docs())
"""


def test_a_killed_writer_leaves_no_stale_lock(tmp_path: Path) -> None:
    folder = tmp_path / "ix"
    engine = Engine.open(folder, lock_timeout=0.2)
    engine.replace(docs()[:2])
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD_WRITER, str(folder)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "writing"
        with pytest.raises(EngineError, match=LOCKED_MESSAGE):
            engine.replace(docs()[2:])
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    assert (folder / "articles" / "MAIN_WRITELOCK").exists()  # the file stays, the lock does not
    assert engine.replace(docs()[2:]) == 4
    assert engine.doc_count() == 6 and ids(engine, "title:half") == []
    leftovers = [p.name for p in (folder / "articles").iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []
    engine.close()


QUERY_PIECES = st.sampled_from(
    ['"', "(", ")", ":", "-", "+", "*", " ", "OR", "AND", "NOT", "date:", "person:", "tag:",
     "after:", "..", ">", "title:", "é", "\x00", "\n", "2025-01", "tariff", "trade", "war"]
)  # fmt: skip


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.one_of(st.text(max_size=60), st.lists(QUERY_PIECES, max_size=20).map("".join)),
    sort=st.sampled_from(["relevance", "date", "-date", "bogus"]),
    offset=st.integers(-3, 8),
)
def test_search_never_raises(engine: Engine, text: str, sort: str, offset: int) -> None:
    result = engine.search(parse_query(text, now=NOW), sort=sort, offset=offset, limit=5)
    assert result.total >= len(result.hits)
    for hit in result.hits:
        assert all(0 <= s < e <= len(hit.snippet) for s, e in hit.marks)


def test_phrase_or_prefix(engine: Engine) -> None:
    assert set(ids(engine, '"trade war" OR tarif*')) == {"a1", "a2", "a5", "a6"}
