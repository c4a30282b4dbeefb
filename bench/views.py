"""The library views on the 21k-article library with analysis: the Library calls, then the reader.

.venv/bin/python bench/views.py                  # the cached bbc + reuters library (below)
.venv/bin/python bench/views.py --library DIR    # any analysed library folder

The library is BBC + Reuters-21578 from ../shared/corpus, indexed with the full analysis. Building
it takes 20-40 minutes (every article goes through spaCy), so it is built once, by
`newsreader index ../shared/corpus/bbc.jsonl ../shared/corpus/reuters21578.jsonl --library
CACHE`, into a cache folder outside the repository and reused: CACHE is
$NEWSREADER_BENCH_CACHE/analysed-bbc-reuters21578, by default under ~/.cache/newsreader-bench/.
It is copied to a temporary folder before each run, so nothing in it changes; a library made
before the quote and claim tables existed is migrated on the copy, and the time that took is
reported.

Library: the first call after opening (which reads what the views count over), each view's call
again (cached), and filtered by queries; a group's claims and a speaker's quotes; the CLI's first
50 rows. Reader (Textual's headless Pilot, 160x48): a number key to the view's rows drawn
(the claims view: its groups and the largest group's newest claims), the first time and again,
and a query typed into the view's search bar to its rows drawn. One sample of each was too few
on a shared machine (the same code gave 89-250 ms for a view shown again), so the reader runs
three times (a new app each time, so that every query typed is new to it), each showing every
view again five times: medians and maxima of 3 first opens, 15 shows again and 15 queries. Each
is measured twice: to the rows shown (for a key, to Pilot's `press` returning, which waits for
the process to be idle: at least 60 ms of its own), and to the first frame that shows them
("_frame"; see `watch_frames`). The load average is reported with the figures: on a shared
machine they are no better than it.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from common import ROOT, corpus_files, emit, peak_rss_mb

from newsreader.index.library import Library

QUERIES = ("oil", "date:1987-03", "bank rates", "tariff OR trade", "-oil")
KEYS = {"speakers": "2", "claims": "3", "sources": "4"}
CORPORA = ("bbc.jsonl", "reuters21578.jsonl")
READER_RUNS = 3  # apps started, each typing the queries once: new to it every time
AGAIN = 5  # each view shown again this many times per run


def cache_folder() -> Path:
    root = os.environ.get("NEWSREADER_BENCH_CACHE") or Path.home() / ".cache" / "newsreader-bench"
    return Path(root) / "analysed-bbc-reuters21578"


def cached_library() -> Path:
    """The analysed library, built into the cache folder the first time (with `newsreader
    index`, as a user builds one); a build cut short is finished by the next run."""
    folder = cache_folder()
    if not (folder / "library.db").exists() or not (folder / "built").exists():
        folder.mkdir(parents=True, exist_ok=True)
        paths = [str(p) for p in corpus_files(*CORPORA)]
        script = Path(sys.executable).with_name("newsreader")
        subprocess.run([str(script), "index", *paths, "--library", str(folder)], check=True)
        (folder / "built").write_text("bbc + reuters21578, analysed\n")
    return folder


def timed(call: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = call()
    return round((time.perf_counter() - start) * 1000, 1), result


def library_figures(folder: Path) -> dict:
    figures: dict = {}
    figures["open_ms (migrates a library made before the tables)"], library = timed(
        lambda: Library.open(folder)
    )
    with library:  # type: ignore[attr-defined]
        library.warm_up()
        views = library.views
        figures["articles"] = library.count()
        figures["first_call_ms (reads what the views count over)"], first = timed(
            lambda: views.speakers("")
        )
        groups = views.claim_groups("")
        figures["speakers"], figures["claim_groups"] = len(first), len(groups)  # type: ignore[arg-type]
        figures["quotes"] = len(views.quotes(""))
        figures["claims"] = views.claim_count("")[0]
        top, largest = first[0].name, groups[0].name  # type: ignore[index]
        calls = {
            "speakers": views.speakers,
            "claim_groups": views.claim_groups,
            "claim_count": views.claim_count,
            "sources": views.sources,
            f"quotes of {top}": lambda q: views.quotes(q, speaker=top),
            f"claims of group {largest!r}": lambda q: views.claims(q, group=largest),
            "quotes, first 50 (CLI)": lambda q: views.quotes(q, limit=50),
            "claims, first 50 (CLI)": lambda q: views.claims(q, limit=50),
        }
        for name, call in calls.items():
            again = [timed(lambda c=call: c(""))[0] for _ in range(3)]
            filtered = [timed(lambda c=call, q=q: c(q))[0] for q in QUERIES]
            figures[name] = {
                "whole_library_ms_median": statistics.median(again),
                "filtered_ms_median": statistics.median(filtered),
                "filtered_ms_max": max(filtered),
            }
    return figures


MEASURES = ("first_open", "open_again", "filter")


async def reader_figures(folder: Path) -> dict:
    samples: dict[str, dict[str, list[float]]] = {
        mode: {f"{m}{to}": [] for m in MEASURES for to in ("", "_frame")} for mode in KEYS
    }
    for _ in range(READER_RUNS):
        await reader_run(folder, samples)
    return {
        mode: {
            f"{name}_ms_{kind}": round(pick(values), 1)
            for name, values in taken.items()
            for kind, pick in (("median", statistics.median), ("max", max))
        }
        for mode, taken in samples.items()
    }


async def reader_run(folder: Path, samples: dict[str, dict[str, list[float]]]) -> None:
    from newsreader.tui.app import NewsReaderApp

    app = NewsReaderApp(Library.open(folder))
    async with app.run_test(size=(160, 48)) as pilot:
        frames = watch_frames(app)
        await until(pilot, lambda: app.main_screen.status.total is not None)
        await pilot.press("escape")
        for mode, key in KEYS.items():
            taken = samples[mode]
            take(taken, "first_open", await switch(pilot, key, mode, frames))
            for _ in range(AGAIN):
                await pilot.press("1")
                take(taken, "open_again", await switch(pilot, key, mode, frames))
            for query in QUERIES:
                take(taken, "filter", await type_query(pilot, query, frames))
            await type_query(pilot, "", frames)
            await pilot.press("1")


def take(taken: dict[str, list[float]], measure: str, both: tuple[float, float]) -> None:
    taken[measure].append(both[0])
    taken[f"{measure}_frame"].append(both[1])


Frames = dict[object, list[float]]


def watch_frames(app) -> Frames:
    """When each view's frames with its rows were rendered. Textual renders every frame in the
    headless test driver too and drops it in `App._display` (an internal, wrapped here): the
    "_frame" figures run from the key to the first frame that shows the rows. The others run
    to the rows shown and, for a key, to Pilot's `press` returning, which waits until the
    process has been idle for 20 ms, three times over: at least 60 ms on top of the app."""
    from newsreader.tui.screens.view_screen import ViewScreen

    frames: Frames = {}
    display = app._display

    def recorded(screen, renderable) -> None:
        if renderable is not None and isinstance(screen, ViewScreen) and drawn(screen):
            frames.setdefault(screen, []).append(time.perf_counter())
        display(screen, renderable)

    app._display = recorded
    return frames


async def first_frame(pilot, frames: Frames, screen, start: float) -> float:
    """Milliseconds from start to the first frame of the screen with its rows since start."""
    await until(pilot, lambda: any(t > start for t in frames.get(screen, ())))
    return round((next(t for t in frames[screen] if t > start) - start) * 1000, 1)


async def switch(pilot, key: str, mode: str, frames: Frames) -> tuple[float, float]:
    app = pilot.app
    start = time.perf_counter()
    await pilot.press(key)
    await until(pilot, lambda: app.current_mode == mode and drawn(app.screen))
    shown = round((time.perf_counter() - start) * 1000, 1)
    return shown, await first_frame(pilot, frames, app.screen, start)


async def type_query(pilot, query: str, frames: Frames) -> tuple[float, float]:
    screen = pilot.app.screen
    await pilot.press("slash")
    bar = screen.query_one("#view-search")
    start = time.perf_counter()
    bar.value = query
    await until(pilot, lambda: screen.query_text == query and drawn(screen))
    shown = round((time.perf_counter() - start) * 1000, 1)
    frame = await first_frame(pilot, frames, screen, start)
    await pilot.press("escape")
    return shown, frame


def drawn(screen) -> bool:
    """The view's rows are on screen for its query (the claims view: a group's claims too)."""
    from newsreader.tui.screens.claims_view import ClaimsScreen

    if not screen.summary or screen.summary == "reading…":
        return False
    if not isinstance(screen, ClaimsScreen):
        return True
    return screen.rows_shown is not None and screen.rows_shown[0] == (screen.query_text or "")


async def until(pilot, condition: Callable[[], bool]) -> None:
    deadline = time.perf_counter() + 300
    while not condition():
        if time.perf_counter() > deadline:
            raise SystemExit("the view did not show its rows in 300 s")
        await pilot.pause(0.005)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--library", type=Path, help="an analysed library (default: the cache)")
    args = parser.parse_args()
    source = args.library or cached_library()
    load = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="newsreader-views-") as tmp:
        folder = Path(tmp) / "library"
        shutil.copytree(source, folder, ignore=shutil.ignore_patterns("write.lock", "built"))
        figures = {"library": library_figures(folder)}
        figures["reader"] = asyncio.run(reader_figures(folder))
    figures["load_average_1min"] = {"start": round(load[0], 2), "end": os.getloadavg()[0]}
    figures["code"] = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    emit("views", {**figures, **peak_rss_mb()})


if __name__ == "__main__":
    main()
