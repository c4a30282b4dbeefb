"""Garbage collection is held off while the reader starts and back on once results show."""

from __future__ import annotations

import gc
import textwrap
from pathlib import Path

from tui_helpers import run_script

from newsreader.tui import startup_gc

# In a process of its own: freezing moves every object of the test session out of collection.
SCRIPT = textwrap.dedent(
    """
    import asyncio, gc, sys
    from pathlib import Path
    from newsreader.index.library import Library
    from newsreader.tui import startup_gc

    startup_gc.pause()
    from newsreader.tui.app import NewsReaderApp

    from newsreader.tui.screens.main import MainScreen

    mounted = MainScreen.on_mount

    def on_mount(self):  # the screen is composed; its first page is still to be fetched
        mounted(self)
        print("BEFORE:", gc.isenabled())

    MainScreen.on_mount = on_mount

    async def main():
        app = NewsReaderApp(Library.open(Path(sys.argv[1])))
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(600):  # generous: the suite may be running beside this
                if app.screen.query_one("ResultsList").hits and gc.isenabled():
                    break
                await pilot.pause(0.05)
            print("AFTER:", gc.isenabled(), gc.get_freeze_count() > 0)

    asyncio.run(main())
    """
)


def test_collection_resumes_once_the_first_page_shows(library_path: Path) -> None:
    lines = [
        line for line in run_script(SCRIPT, library_path) if line.startswith(("BEFORE", "AFTER"))
    ]
    assert lines == ["BEFORE: False", "AFTER: True True"]


def test_resume_without_pause_leaves_collection_alone() -> None:
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    startup_gc.resume()
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen


def test_a_reading_command_gives_collection_back_when_it_returns(library_path: Path) -> None:
    from newsreader.tui.cli.main import main

    assert main(["--library", str(library_path), "search", "anything"]) in (0, 1)
    assert gc.isenabled()
