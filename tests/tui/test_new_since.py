"""`+` (only the articles added since the reader last closed on the library) and `S` by time
added, on the TUI test library with times of entry set as if articles had come in then."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from tui_helpers import NOW, results, screen_text, wait_for

from newsreader.tui.app import NewsReaderApp
from newsreader.tui.session import last_session, save_session

WIDE = (160, 48)
LAST_SESSION = dt.datetime(2025, 1, 13, 18, 0, tzinfo=dt.UTC)


def set_added(library_path: Path, added: dict[str, str]) -> None:
    """Give articles a time of entry, as if they had come in then (the test's clock)."""
    conn = sqlite3.connect(library_path / "library.db")
    with conn:
        conn.executemany(
            "UPDATE articles SET added = ? WHERE id = ?", [(t, i) for i, t in added.items()]
        )
    conn.close()


@pytest.fixture
def dated_library(library_path: Path) -> Iterator[tuple[object, list[str]]]:
    """The TUI test library where five harbour reports came in after the last session, one a
    minute, and every other article before it; with the ids of those five, last added first."""
    from newsreader.index.library import Library

    with Library.open(library_path) as library:
        ids = sorted(hit.id for hit in library.search("harbour report", limit=100).hits)
        every = [hit.id for hit in library.search("", limit=100).hits]
    added = dict.fromkeys(every, "2025-01-10T08:00:00+00:00")
    new = [ids[n] for n in (2, 4, 3, 1, 0)]
    for minute, article_id in enumerate(reversed(new)):
        added[article_id] = f"2025-01-14T08:{minute:02}:00+00:00"
    set_added(library_path, added)
    save_session(library_path, LAST_SESSION)
    library = Library.open(library_path)
    yield library, new
    library.close()


@pytest.mark.anyio
@pytest.mark.parametrize("query", ["", "harbour"])
async def test_plus_lists_only_the_articles_new_since_the_last_session(
    dated_library, query: str
) -> None:
    library, new = dated_library
    app = NewsReaderApp(library, query=query, now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        main = app.main_screen
        await wait_for(pilot, lambda: main.status.total not in (None, 5))
        results(app).focus()
        await pilot.press("plus")
        await wait_for(pilot, lambda: main.status.total == 5)
        assert {hit.id for hit in results(app).hits} == set(new)
        assert "filter: new" in screen_text(app)
        await pilot.press("plus")
        await wait_for(pilot, lambda: (main.status.total or 0) > 5)


@pytest.mark.anyio
@pytest.mark.parametrize("query", ["", "harbour"])
async def test_S_sorts_by_the_time_articles_were_added(dated_library, query: str) -> None:
    library, new = dated_library
    app = NewsReaderApp(library, query=query, now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        main = app.main_screen
        await wait_for(pilot, lambda: main.status.total is not None)
        results(app).focus()
        while main.status.sort != "added":
            await pilot.press("S")
        await wait_for(pilot, lambda: [h.id for h in results(app).hits[:5]] == new)
        assert "sort: last added first" in screen_text(app)
        total = main.status.total
        await pilot.press("plus")  # the filter and the sort together
        await wait_for(pilot, lambda: [h.id for h in results(app).hits] == new)
        assert total is not None and total > 5


@pytest.mark.anyio
async def test_closing_the_reader_starts_the_next_session(library_path: Path, library) -> None:
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    app = NewsReaderApp(library, now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(pilot, lambda: app.main_screen.status.total is not None)
    closed = last_session(library_path)
    assert closed is not None and closed >= before
    assert NewsReaderApp(library, now=NOW).new_since == closed


def test_search_sorts_by_time_added_on_the_command_line(dated_library) -> None:
    from cli_helpers import json_lines, run

    library, new = dated_library
    done = run("search", "harbour", "--sort", "added", "--limit", "5", "--json",
               library=library.path)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert [row["id"] for row in json_lines(done.stdout)] == new
