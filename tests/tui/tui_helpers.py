"""Helpers shared by the TUI tests: a fixed "now", reading the screen, waiting for workers."""

from __future__ import annotations

import asyncio
import datetime as dt
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from textual.css.query import NoMatches
from textual.widgets import Input

from newsreader.tui.screens.prompt import PromptScreen
from newsreader.tui.widgets.reader import Reader
from newsreader.tui.widgets.results_list import ResultsList
from newsreader.tui.widgets.search_bar import SearchBar

NOW = dt.datetime(2025, 1, 14, 9, 0)


def run_script(script: str, library_path: Path) -> list[str]:
    """Run a Python script in a fresh interpreter with the library path as its argument.

    For what one test process cannot show: which modules an app start imports, or what
    freezing the collector does. Fails on a non-zero exit; returns the script's output lines.
    """
    done = subprocess.run(
        [sys.executable, "-c", script, str(library_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.splitlines()


def screen_text(app: object) -> str:
    """The app's screen as plain text, one line per row."""
    strips = app.screen._compositor.render_strips()  # type: ignore[attr-defined]
    return "\n".join("".join(seg.text for seg in strip).rstrip() for strip in strips)


async def wait_for(pilot: object, condition: Callable[[], bool], timeout: float = 30.0) -> None:
    """Let the app run until condition holds (workers finish in their own time); fail on timeout.

    A widget the condition looks for may not be mounted yet (the main screen is pushed after the
    app starts): that counts as "not yet". The timeout is generous for a loaded machine.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not holds(condition):
        if loop.time() > deadline:
            raise AssertionError("condition not met in time")
        await pilot.pause(0.05)  # type: ignore[attr-defined]


async def wait_for_prompt(pilot: object, app: object) -> None:
    """Wait until a new prompt dialog is up and its empty answer field has the focus: keys typed
    before that go to the screen underneath, or to the last prompt while it is still closing
    (its answer typed), and the answer loses its letters."""

    def ready() -> bool:
        screen = app.screen  # type: ignore[attr-defined]
        focused = screen.focused if isinstance(screen, PromptScreen) else None
        return isinstance(focused, Input) and not focused.value

    await wait_for(pilot, ready)


def holds(condition: Callable[[], bool]) -> bool:
    """The condition's value, False while the widgets it queries are not mounted."""
    try:
        return condition()
    except NoMatches:
        return False


def results(app: object) -> ResultsList:
    """The results list of the app's current screen."""
    return app.screen.query_one(ResultsList)  # type: ignore[attr-defined]


def reader(app: object) -> Reader:
    """The reader of the app's current screen."""
    return app.screen.query_one(Reader)  # type: ignore[attr-defined]


async def search(pilot: object, app: object, query: str) -> None:
    """Type a query in the search bar, press Enter, wait for the first article in the reader."""
    await pilot.press("slash")  # type: ignore[attr-defined]
    app.screen.query_one(SearchBar).value = ""  # type: ignore[attr-defined]
    await pilot.press(*query, "enter")  # type: ignore[attr-defined]
    await wait_for(pilot, lambda: isinstance(app.focused, ResultsList))  # type: ignore[attr-defined]
    await wait_for(pilot, lambda: reader(app).article is not None and bool(results(app).hits))
    await wait_for(pilot, lambda: reader(app).article.id == results(app).current.id)


def private_copy(built: Path, tmp_path: Path, name: str = "library") -> Path:
    """A copy of a library built once, for one test to change."""
    target = tmp_path / name
    shutil.copytree(built, target)
    return target


def opened(folder: Path) -> Iterator[object]:
    """The library at ``folder``, open for the length of a fixture."""
    from newsreader.index.library import Library

    library = Library.open(folder)
    yield library
    library.close()
