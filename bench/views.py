"""The library views on an analysed library: the Library calls, then the reader's views.

.venv/bin/python bench/views.py                  # builds (once) bbc + reuters with analysis
.venv/bin/python bench/views.py --library DIR    # any analysed library folder

Library: each view's first call (which reads every quote and claim from the record), the same
call again (rows cached), and filtered by queries. Reader (Textual's headless Pilot, 160x48):
a number key to the view's rows drawn, the first time and again, and a query typed into the
view's search bar to its rows drawn. The library is copied first: nothing in it is changed.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from common import cached_analysed_library, emit, peak_rss_mb

from newsreader.index.library import Library

QUERIES = ("oil", "date:1987-03", "bank rates", "tariff OR trade", "-oil")
KEYS = {"speakers": "2", "claims": "3", "sources": "4"}


def timed(call: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = call()
    return round((time.perf_counter() - start) * 1000, 1), result


def library_figures(folder: Path) -> dict:
    with Library.open(folder) as library:
        library.warm_up()
        views = library.views
        calls = {
            "speakers": views.speakers,
            "claim_groups": views.claim_groups,
            "claims": views.claims,
            "quotes": views.quotes,
            "sources": views.sources,
        }
        figures: dict = {"articles": library.count()}
        first_ms, first = timed(lambda: views.speakers(""))
        figures["first_call_ms (reads every quote and claim)"] = first_ms
        figures["speaker_count"] = len(first)  # type: ignore[arg-type]
        figures["quote_count"] = len(views.quotes(""))
        figures["claim_count"] = len(views.claims(""))
        for name, call in calls.items():
            again = [timed(lambda c=call: c(""))[0] for _ in range(3)]
            filtered = [timed(lambda c=call, q=q: c(q))[0] for q in QUERIES]
            figures[name] = {
                "cached_ms_median": statistics.median(again),
                "filtered_ms_median": statistics.median(filtered),
                "filtered_ms_max": max(filtered),
            }
    return figures


async def reader_figures(folder: Path) -> dict:
    from newsreader.tui.app import NewsReaderApp

    app = NewsReaderApp(Library.open(folder))
    figures: dict = {}
    async with app.run_test(size=(160, 48)) as pilot:
        await until(pilot, lambda: app.main_screen.status.total is not None)
        await pilot.press("escape")
        for mode, key in KEYS.items():
            first = await switch(pilot, key, mode)
            await pilot.press("1")
            again = await switch(pilot, key, mode)
            typed = await type_query(pilot, "oil")
            await type_query(pilot, "")
            await pilot.press("1")
            figures[mode] = {"first_open_ms": first, "open_again_ms": again, "filter_ms": typed}
    return figures


async def switch(pilot, key: str, mode: str) -> float:
    app = pilot.app
    start = time.perf_counter()
    await pilot.press(key)
    await until(pilot, lambda: app.current_mode == mode and drawn(app.screen))
    return round((time.perf_counter() - start) * 1000, 1)


async def type_query(pilot, query: str) -> float:
    screen = pilot.app.screen
    await pilot.press("slash")
    bar = screen.query_one("#view-search")
    bar.value = ""
    start = time.perf_counter()
    bar.value = query
    await until(pilot, lambda: screen.query_text == query and drawn(screen))
    elapsed = round((time.perf_counter() - start) * 1000, 1)
    await pilot.press("escape")
    return elapsed


def drawn(screen) -> bool:
    return bool(screen.summary) and screen.summary != "reading…"


async def until(pilot, condition: Callable[[], bool]) -> None:
    deadline = time.perf_counter() + 300
    while not condition():
        if time.perf_counter() > deadline:
            raise SystemExit("the view did not show its rows in 300 s")
        await pilot.pause(0.005)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--library", type=Path, help="an analysed library (default: build one)")
    args = parser.parse_args()
    source = args.library or cached_analysed_library("bbc.jsonl", "reuters21578.jsonl")
    with tempfile.TemporaryDirectory(prefix="newsreader-views-") as tmp:
        folder = Path(tmp) / "library"
        shutil.copytree(source, folder, ignore=shutil.ignore_patterns("write.lock"))
        figures = {"library": library_figures(folder)}
        figures["reader"] = asyncio.run(reader_figures(folder))
    emit("views", {**figures, **peak_rss_mb()})


if __name__ == "__main__":
    main()
