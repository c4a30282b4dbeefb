"""The app must start without importing spaCy, dateparser or the web libraries (they load lazily,
elsewhere)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from tui_helpers import run_script

SCRIPT = textwrap.dedent(
    """
    import asyncio, sys
    from pathlib import Path
    from newsreader.index.library import Library
    from newsreader.tui.app import NewsReaderApp

    async def main():
        app = NewsReaderApp(Library.open(Path(sys.argv[1])), query="zelensky")
        async with app.run_test(size=(120, 40)) as pilot:
            # Generous: the suite may be running beside this on a busy machine.
            for _ in range(600):
                shown = app.screen.query("Reader")
                if shown and shown.first().article is not None:
                    break
                await pilot.pause(0.05)
            assert app.screen.query_one("Reader").article is not None, "no article shown"
            await pilot.press("tab", "q", "enter")
            await pilot.pause(0.2)
            await app.workers.wait_for_complete()

    asyncio.run(main())
    slow = ("spacy", "dateparser", "trafilatura", "lxml", "httpx", "feedparser", "plotext",
            "distributed", "dask")
    heavy = sorted(m for m in slow if m in sys.modules)
    print("HEAVY:" + ",".join(heavy))
    """
)


def test_app_does_not_import_spacy_or_dateparser(library_path: Path) -> None:
    lines = run_script(SCRIPT, library_path)
    report = [line for line in lines if line.startswith("HEAVY:")]
    assert report == ["HEAVY:"], lines[-20:]
