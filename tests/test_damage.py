"""A damaged, stale or half-rebuilt search index heals from the record, saying so in one line.

Damage is made as it happens to real files: cut short, scribbled over, deleted.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from process_helpers import write_feed
from test_cli import NEWSREADER, json_lines, run

# Slow: each test damages a real library and runs newsreader processes on it.
pytestmark = pytest.mark.slow


@pytest.fixture
def library(tmp_path: Path, seeds_dir: Path) -> Path:
    library = tmp_path / "lib"
    done = run("index", str(seeds_dir), "--no-analysis", library=library)
    assert done.returncode == 0, done.stderr
    return library


def _hits(library: Path, *words: str) -> tuple[list[dict], str]:
    done = run("search", *words, "--json", library=library)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return json_lines(done.stdout), done.stderr


def _segment(library: Path) -> Path:
    (segment,) = (library / "index" / "articles").glob("*.seg")
    return segment


def _postings_span(segment: Path) -> tuple[int, int]:
    """Where the postings sit inside the compound segment file: (offset, length)."""
    from whoosh.filedb.compound import CompoundStorage
    from whoosh.filedb.filestore import FileStorage

    storage = CompoundStorage(FileStorage(str(segment.parent)).open_file(segment.name))
    entry = next(v for k, v in storage._dir.items() if k.endswith(".pst"))
    storage.close()
    return entry["offset"], entry["length"]


def _truncate(library: Path) -> None:
    os.truncate(_segment(library), 1000)


def _scribble_postings(library: Path) -> None:
    """Random bytes over the postings only: the index opens, and the first search fails."""
    segment = _segment(library)
    offset, length = _postings_span(segment)
    with segment.open("r+b") as handle:
        handle.seek(offset)
        handle.write(os.urandom(length))


def _delete_segment(library: Path) -> None:
    _segment(library).unlink()


def _delete_tables_of_contents(library: Path) -> None:
    for toc in (library / "index").rglob("*.toc"):
        toc.unlink()


@pytest.mark.parametrize(
    "damage", [_truncate, _scribble_postings, _delete_segment, _delete_tables_of_contents]
)
def test_a_damaged_index_is_rebuilt_once_with_one_line(library: Path, damage) -> None:
    damage(library)
    hits, said = _hits(library, "korean")
    assert len(hits) == 2
    assert "the search index is damaged" in said
    assert said.count("\n") <= 2  # the damage, and at most an indexing line
    hits, said = _hits(library, "korean")
    assert len(hits) == 2
    assert said == ""


def test_the_reader_list_needs_no_index(library: Path) -> None:
    """Browsing (the empty query) reads the record alone, whatever became of the index."""
    _truncate(library)
    from newsreader.index.library import Library

    with Library.open(library, defer_index=True) as opened:
        assert opened.search("").total == 2
        assert opened.notices == []


def _forget_record(library: Path) -> None:
    for name in ("library.db", "library.db-wal", "library.db-shm"):
        (library / name).unlink(missing_ok=True)


def test_a_lost_record_beside_an_old_index_gives_no_duplicates(
    library: Path, seeds_dir: Path
) -> None:
    _forget_record(library)
    done = run("index", str(seeds_dir), "--no-analysis", library=library)
    assert done.returncode == 0, done.stderr
    assert "the record was recreated" in done.stderr
    assert "state import" in done.stderr
    hits, said = _hits(library, "korean")
    assert sorted(h["id"] for h in hits) == sorted(set(h["id"] for h in hits))
    assert len(hits) == 2
    assert said == ""


def test_a_lost_record_leaves_no_phantom_hits(library: Path, seeds_dir: Path) -> None:
    _forget_record(library)
    one = sorted(seeds_dir.glob("*.txt"))[0]
    done = run("index", str(one), "--no-analysis", library=library)
    assert done.returncode == 0, done.stderr
    hits, _ = _hits(library, "korean")
    assert [h["path"] for h in hits] == [str(one.resolve())]


@contextmanager
def _writer_lock_held(library: Path, part: str) -> Iterator[None]:
    """Hold one index part's write lock as another writing process would."""
    with (library / "index" / part / "MAIN_WRITELOCK").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
        fcntl.flock(handle, fcntl.LOCK_UN)


def test_a_reindex_stopped_after_marking_heals_on_the_next_command(library: Path) -> None:
    # The record is marked to be rebuilt, then the index is held: the run stops before clearing
    # it, and the next command (whichever) empties and refills it.
    with _writer_lock_held(library, "articles"):
        done = run("reindex", library=library)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "cannot rebuild the index now" in done.stderr
    hits, _ = _hits(library, "korean")
    assert len(hits) == 2
    hits, said = _hits(library, "korean")
    assert len(hits) == 2 and said == ""


def _rebuild_flag(library: Path) -> str | None:
    try:
        with sqlite3.connect(library / "library.db", timeout=5) as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = 'rebuild'").fetchone()
    except sqlite3.OperationalError:
        return None
    return row[0] if row else None


def test_readers_during_a_reindex_are_told_it_is_being_rebuilt(
    tmp_path: Path, seeds_dir: Path
) -> None:
    feed = tmp_path / "feed.jsonl"
    write_feed(feed, seeds_dir, 3000)
    library = tmp_path / "lib"
    assert run("index", str(feed), "--no-analysis", library=library).returncode == 0
    env = {**os.environ, "NEWSREADER_LIBRARY": str(library)}
    rebuild = subprocess.Popen(
        [str(NEWSREADER), "reindex"], env=env, stderr=subprocess.DEVNULL
    )  # fmt: skip
    try:
        while _rebuild_flag(library) is None and rebuild.poll() is None:
            time.sleep(0.002)
        rebuild.send_signal(signal.SIGSTOP)  # half-way: the old index emptied or being emptied
        assert rebuild.poll() is None, "the rebuild finished before it could be caught"
        done = run("search", "dispatch", "--json", library=library)
        assert done.returncode == 0
        assert "the search index is being rebuilt" in done.stderr
        assert "of 3000 articles searchable" in done.stderr
    finally:
        rebuild.send_signal(signal.SIGCONT)
        assert rebuild.wait(timeout=300) == 0
    done = run("search", "dispatch", "--json", "--limit", "5000", library=library)
    assert len(json_lines(done.stdout)) == 3000
    assert done.stderr == ""


def test_check_after_a_rebuild_copy_is_clean(library: Path, tmp_path: Path) -> None:
    """A copy of a library (as a backup restores it) is the same library: nothing to rebuild."""
    copy = tmp_path / "copy"
    shutil.copytree(library, copy)
    hits, said = _hits(copy, "korean")
    assert len(hits) == 2 and said == ""


def _settled_record(library: Path) -> Path:
    """library.db with its write-ahead log folded in, as after a clean close."""
    db = library / "library.db"
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db


def _scribble_pages_of(library: Path, table: str) -> None:
    db = _settled_record(library)
    with sqlite3.connect(db) as conn:
        pages = [
            row[0] for row in conn.execute("SELECT pageno FROM dbstat WHERE name = ?", (table,))
        ]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    with db.open("r+b") as handle:
        for page in pages:
            handle.seek((page - 1) * size)
            handle.write(os.urandom(size))


def _one_clear_line(done: subprocess.CompletedProcess, library: Path) -> str:
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert str(library / "library.db") in lines[0]
    return lines[0]


@pytest.mark.parametrize(
    ("index", "readers"),
    [
        ("articles_date", ()),  # read by no listing since the order indexes: `check` finds it
        # The empty query's orders (record/orders.py): each listing reads its own index.
        ("articles_newest", (("search",),)),
        ("articles_oldest", (("search", "--sort", "date"),)),
        ("articles_added", (("search", "--sort", "added"),)),
    ],
)
def test_a_damaged_record_is_one_clear_line(library: Path, index: str, readers: tuple) -> None:
    _scribble_pages_of(library, index)
    for args in readers:
        line = _one_clear_line(run(*args, library=library), library)
        assert "the library record is damaged (database disk image is malformed)" in line
    done = run("check", library=library)  # SQLite's own check finds it, and says how to restore
    assert done.returncode == 1 and "Traceback" not in done.stderr + done.stdout
    assert done.stdout.startswith("library.db: ") and ".recover" in done.stdout, done.stdout


def test_an_unreadable_stored_value_is_one_clear_line(tmp_path: Path, seeds_dir: Path) -> None:
    library = tmp_path / "lib"
    assert run("index", str(seeds_dir), library=library).returncode == 0
    db = _settled_record(library)
    data = db.read_bytes()
    start = data.index(b'{"e":[[')
    db.write_bytes(data[:start] + b"{not json" + data[start + 9 :])  # same length: SQLite is fine
    hits, _ = _hits(library, "korean")
    shown = [run("show", hit["id"], library=library) for hit in hits]
    assert sorted(done.returncode for done in shown) == [0, 1]  # one article's value is hit
    for done in [*(d for d in shown if d.returncode), run("stats", library=library)]:
        assert "the library record is damaged" in _one_clear_line(done, library)


def test_check_says_healthy_with_exit_0(library: Path) -> None:
    done = run("check", library=library)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines() == [
        "library.db: ok (2 articles)",
        "index: ok (agrees with the record, searches)",
    ]


@pytest.mark.parametrize("damage", [_truncate, _scribble_postings, _delete_tables_of_contents])
def test_check_finds_a_damaged_index_and_repair_rebuilds_it(library: Path, damage) -> None:
    damage(library)
    done = run("check", library=library)
    assert done.returncode == 1
    assert done.stdout.splitlines()[-1].endswith(
        "`newsreader check --repair` rebuilds it from the record"
    )
    done = run("check", "--repair", library=library)
    assert done.returncode == 1
    assert done.stdout.splitlines()[-1] == "index: rebuilt from the record, now ok"
    assert run("check", library=library).returncode == 0
    assert len(_hits(library, "korean")[0]) == 2


def test_check_of_a_damaged_record_says_how_to_restore(library: Path) -> None:
    _scribble_pages_of(library, "articles")
    done = run("check", library=library)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout
    assert done.stdout.startswith("library.db: ")
    assert ".recover" in done.stdout and "state import" in done.stdout
