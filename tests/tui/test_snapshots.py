"""Snapshots of the main screens on the seeds, at 80x24 and 160x48, in colour and with NO_COLOR."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_helpers import NOW, wait_for

from newsreader.tui.app import NewsReaderApp
from newsreader.tui.widgets.reader import Reader
from newsreader.tui.widgets.results_list import ResultsList

SIZES = [(80, 24), (160, 48)]


@pytest.fixture
def steady(built_library: Path, library_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Article paths shown relative to the sources' folder."""
    monkeypatch.chdir(built_library.parent)
    return library_path


def make_app(library_path: Path) -> NewsReaderApp:
    from newsreader.index.library import Library

    return NewsReaderApp(Library.open(library_path), query="zelensky", now=NOW)


async def settled(pilot) -> None:
    """Wait for the search and the article (previewed, so unread), so the screen stays still."""
    app = pilot.app
    screen = app.screen
    await wait_for(pilot, lambda: screen.status.total == 2)
    await wait_for(pilot, lambda: screen.query_one(Reader).article is not None)
    await app.workers.wait_for_complete()
    app.clear_notifications()
    await pilot.pause()


@pytest.mark.parametrize("no_color", [False, True], ids=["colour", "no-colour"])
@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x48"])
def test_main_screen(snap_compare, steady, monkeypatch, size, no_color) -> None:
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(steady)

    async def run_before(pilot) -> None:
        await settled(pilot)
        app.screen.query_one(ResultsList).focus()
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("no_color", [False, True], ids=["colour", "no-colour"])
@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x48"])
def test_quotes_panel(snap_compare, steady, monkeypatch, size, no_color) -> None:
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(steady)

    async def run_before(pilot) -> None:
        await settled(pilot)
        listed = app.screen.query_one(ResultsList)
        listed.focus()
        await pilot.press("enter", "q")  # Enter opens the first article: it is read
        await wait_for(pilot, lambda: listed.states[listed.hits[0].id].read)
        await app.workers.wait_for_complete()
        app.clear_notifications()
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
