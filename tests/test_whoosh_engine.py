"""The Whoosh engine's own promises, beyond the contract every engine keeps (engine_contract/):
the two-process bulk writer, its write lock after a killed writer, and a damaged table of contents.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from engine_contract.contract_helpers import ARTICLES, D, docs

from newsreader.index.models import Article
from newsreader.index.query.assemble import parse_query
from newsreader.index.search.whoosh.engine import LOCKED_MESSAGE, Engine, EngineError


def ids(engine: Engine, query: str) -> list[str]:
    return [hit.id for hit in engine.search(parse_query(query), limit=50).hits]


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


@pytest.mark.slow
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


def test_raw_posting_blocks_of_earlier_versions_read_beside_compressed_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsreader.index.search.whoosh import textindex

    queries = ("tariff", '"trade war"', "tarif*", "person:kim", "-tariff", "bank OR geneva")
    compressed = Engine.open(tmp_path / "compressed")
    compressed.replace(docs())
    expected = {q: compressed.search(parse_query(q)) for q in queries}
    compressed.close()
    mixed = Engine.open(tmp_path / "mixed")
    monkeypatch.setattr(textindex, "POSTING_COMPRESSION", 0)  # as written before
    mixed.replace(docs()[:3])
    monkeypatch.undo()
    mixed.replace(docs()[3:])
    try:
        for query in queries:
            found = mixed.search(parse_query(query))
            assert {h.id for h in found.hits} == {h.id for h in expected[query].hits}, query
            assert found.total == expected[query].total
    finally:
        mixed.close()
    assert _bytes(tmp_path / "compressed") < _bytes(tmp_path / "mixed")


def _bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


SUB_WRITERS_LEFT_RUNNING = """
import sys, whoosh.index
from whoosh.fields import ID, TEXT, Schema
from newsreader.index.search.whoosh.bulkwriter import BulkWriter

ix = whoosh.index.create_in(sys.argv[1], Schema(id=ID(stored=True), body=TEXT))
writer = BulkWriter(ix, procs=2, batchsize=10, multisegment=True)
for n in range(100):
    writer.add_document(id=str(n), body="harbour council motion " * 20)
sys.exit(130)  # as when Ctrl-C lands between two steps of the run: no commit, no cancel
"""


def test_a_run_that_exits_with_its_sub_writers_started_exits(tmp_path: Path) -> None:
    # The sub-writers ignore Ctrl-C and wait on their job queue: multiprocessing's exit handler
    # joined them for ever, so an interrupted `index` printed its line and never ended.
    done = subprocess.run(
        [sys.executable, "-c", SUB_WRITERS_LEFT_RUNNING, str(tmp_path)], timeout=120
    )  # fmt: skip
    assert done.returncode == 130


def test_a_searcher_kept_between_searches_sees_each_commit(tmp_path: Path) -> None:
    """Postings, day columns and sort keys are kept per searcher between searches: a commit
    (in this process or another) gives the next search a new searcher, and nothing kept from the
    old one, for words, phrases, date spans and the order by date."""
    engine = Engine.open(tmp_path / "ix")
    engine.replace(docs())
    queries = ['"steel tariff"', "tariff date:2025-01-20", "tariff"]
    before = {query: ids(engine, query) for query in queries}
    assert ids(engine, "tariff date:2025-01-20") == []
    added = Article("n1", "Steel tariff doubled", "The steel tariff rose again.", D(2025, 1, 20))
    engine.replace([(added, None)], delete_ids=["a2"])
    for query in queries:
        found = ids(engine, query)
        assert "n1" in found and "a2" not in found, query
        assert set(found) - {"n1"} == set(before[query]) - {"a2"}, query
    newest = engine.search(parse_query("tariff"), limit=1, sort="-date").hits
    assert [hit.id for hit in newest] == ["n1"]
    engine.close()
