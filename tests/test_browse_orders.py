"""The empty query's orders are read from indexes spelled as their ORDER BY (`record/orders.py`):
SQLite sorts nothing for a page, a library made before the indexes gains them when opened, and
one that cannot be written lists the same order by sorting."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsreader.index.library import Library
from newsreader.index.record import orders
from newsreader.index.record.browse import browse
from newsreader.index.record.db import Record

SORTS = ("relevance", "-date", "date", "added")
SINCE = dt.datetime(2025, 6, 1, tzinfo=dt.UTC)
# Ties of date, undated articles and articles of unknown entry, so every term of each order counts.
DATES = ["2025-01-02", None, "2025-03-04", "2025-01-02", None, "2024-12-31", "2025-03-04"] * 2
ADDED = ["2025-05-01T10:00:00+00:00", "2025-07-01T09:00:00+00:00", None] * 4 + [None, None]


def _write_library(folder: Path, tmp_path: Path) -> Path:
    source = tmp_path / "articles.jsonl"
    lines = [
        {"id": f"a{n:02d}", "title": f"Harbour {n}", "text": f"Ships came in, day {n}.", "date": d}
        for n, d in enumerate(DATES)
    ]
    source.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    with Library.open(folder) as library:
        assert library.ingest([source], analyze=False).added == len(DATES)
    with sqlite3.connect(folder / "library.db") as conn:
        ids = [row[0] for row in conn.execute("SELECT id FROM articles ORDER BY title")]
        conn.executemany("UPDATE articles SET added = ? WHERE id = ?", zip(ADDED, ids, strict=True))
    return folder


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return _write_library(tmp_path / "lib", tmp_path)


def _pages(folder: Path) -> dict[str, list[str]]:
    """Every order's listing, and each "new since" one, as the library gives them."""
    with Library.open(folder, defer_index=True) as library:
        listed = {s: [h.id for h in library.search("", sort=s, limit=50).hits] for s in SORTS}
        for sort in SORTS:
            page = library.search("", sort=sort, limit=50, added_since=SINCE)
            listed[f"new {sort}"] = [h.id for h in page.hits]
        found = library.search("ships", sort="-date", limit=50, added_since=SINCE)  # `added_after`
        listed["new ships"] = [h.id for h in found.hits]
    return listed


def _statements(conn: sqlite3.Connection, **kwargs: object) -> Iterator[str]:
    """The statements one `browse` call runs."""
    seen: list[str] = []
    conn.set_trace_callback(seen.append)
    browse(conn, limit=20, offset=0, **kwargs)  # type: ignore[arg-type]
    conn.set_trace_callback(None)
    return iter(seen)


def test_no_page_of_the_empty_query_is_sorted(folder: Path) -> None:
    with sqlite3.connect(folder / "library.db") as conn:
        for sort in SORTS:
            for since in (None, SINCE):
                pages = [s for s in _statements(conn, sort=sort, added_since=since)
                         if s.startswith("SELECT id FROM articles")]  # fmt: skip
                assert len(pages) == 1
                plan = " | ".join(row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {pages[0]}"))
                if since is None or sort == "added":
                    assert "TEMP B-TREE" not in plan, (sort, since, plan)
                    assert "USING COVERING INDEX articles_" in plan, (sort, since, plan)
                else:  # only the new articles, from the range of times of entry, are sorted
                    assert "SEARCH articles USING COVERING INDEX articles_added" in plan, plan


def test_the_lists_are_in_order(folder: Path) -> None:
    with sqlite3.connect(folder / "library.db") as conn:
        rows = conn.execute("SELECT id, date, added FROM articles").fetchall()
    newest = sorted(rows, key=lambda r: r[0])
    newest.sort(key=lambda r: r[1] or "", reverse=True)
    newest.sort(key=lambda r: r[1] is None)
    by_added = sorted(rows, key=lambda r: r[0])
    by_added.sort(key=lambda r: r[2] or "", reverse=True)
    by_added.sort(key=lambda r: r[2] is None)
    pages = _pages(folder)
    assert pages["relevance"] == pages["-date"] == [r[0] for r in newest]
    assert pages["added"] == [r[0] for r in by_added]
    new = {r[0] for r in rows if r[2] and r[2] > SINCE.isoformat()}
    assert pages["new added"] == [r[0] for r in by_added if r[0] in new]
    assert pages["new relevance"] == [r[0] for r in newest if r[0] in new]
    assert sorted(pages["new ships"]) == sorted(new)


def _drop_order_indexes(folder: Path) -> None:
    """The record as a newsreader from before the order indexes left it."""
    with sqlite3.connect(folder / "library.db") as conn:
        for name in orders.INDEXES:
            conn.execute(f"DROP INDEX {name}")


def _index_names(folder: Path) -> set[str]:
    with sqlite3.connect(folder / "library.db") as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}


def test_an_older_library_gains_the_indexes_on_open_and_lists_the_same(
    folder: Path, tmp_path: Path
) -> None:
    expected = _pages(folder)
    _drop_order_indexes(folder)
    with sqlite3.connect(folder / "library.db") as conn:
        before = {s: [h.id for h in browse(conn, limit=50, offset=0, sort=s).hits] for s in SORTS}
    assert before == {s: expected[s] for s in SORTS}  # sorted by SQLite, as before
    assert not set(orders.INDEXES) & _index_names(folder)
    assert _pages(folder) == expected  # this open made the indexes
    assert set(orders.INDEXES) <= _index_names(folder)


def test_a_read_only_open_leaves_an_older_library_as_it_is(folder: Path) -> None:
    expected = _pages(folder)
    _drop_order_indexes(folder)
    record = Record.open(folder / "library.db", read_only=True)
    try:
        for sort in SORTS:
            page = record.browse(limit=50, offset=0, sort=sort, include_archived=False)
            assert [h.id for h in page.hits] == expected[sort]
    finally:
        record.close()
    assert not set(orders.INDEXES) & _index_names(folder)


def test_a_record_another_writer_holds_opens_without_the_indexes(folder: Path) -> None:
    _drop_order_indexes(folder)
    db = folder / "library.db"
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        conn = sqlite3.connect(db, timeout=0.05, isolation_level=None)
        orders.prepare(conn)  # waits 50 ms for the write lock, then leaves the record as it is
        assert orders.missing(conn) == list(orders.INDEXES)
        conn.close()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
