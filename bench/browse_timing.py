"""The reader's first screen without a query, timed on one library: opening the record and the
first page of the empty query in each order the reader offers.

    .venv/bin/python bench/browse_timing.py LIBRARY [--engine tantivy]

The reader opens the record alone (`Library.open(defer_index=True)`) and asks for a page of 50
(`tui/model/search_thread.PAGE`) of the empty query. The first open of a library made by an
older newsreader includes its one-time upgrade (new tables or indexes), so it is reported
apart from the opens after it. CPU is this thread's time, the figure to compare under load.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

PAGE = 50  # the reader's page (tui/model/search_thread.PAGE)
REPEATS = 20
OPENS = 5
NEW = 1000  # "new only" pages: about this many articles entered after the last look
SORTS = ("relevance", "date", "added")


def _clock(call: Callable[[], object]) -> tuple[float, float]:
    """(wall ms, this thread's CPU ms) of one call."""
    start, start_cpu = time.perf_counter(), time.thread_time()
    call()
    return (time.perf_counter() - start) * 1000, (time.thread_time() - start_cpu) * 1000


def _summary(samples: list[tuple[float, float]]) -> dict[str, float]:
    wall, cpu = zip(*samples, strict=True)
    return {
        "first_ms": round(wall[0], 2),
        "first_cpu_ms": round(cpu[0], 2),
        "median_ms": round(statistics.median(wall[1:] or wall), 2),
        "median_cpu_ms": round(statistics.median(cpu[1:] or cpu), 2),
    }


def _opens(folder: Path, engine: str | None) -> dict[str, float]:
    """The first open (with any upgrade), then the median of the next OPENS."""
    from newsreader.index.library import Library

    samples = [_clock(lambda: Library.open(folder, defer_index=True, engine=engine).close())
               for _ in range(OPENS + 1)]  # fmt: skip
    return _summary(samples)


def _since(library: object) -> dt.datetime:
    """A moment after which at least NEW articles entered the library: a second before the
    NEW-th last added one's time, since a run stores thousands of articles in the same second."""
    page = library.search("", limit=1, offset=NEW, sort="added")  # type: ignore[attr-defined]
    when = page.hits[0].added if page.hits else None
    return (when or dt.datetime(1970, 1, 1, 0, 0, 1, tzinfo=dt.UTC)) - dt.timedelta(seconds=1)


def browse_timing(folder: Path, engine: str | None = None) -> dict[str, object]:
    """Open times and the first page of the empty query per order, and of the "new only" list."""
    from newsreader.index.library import Library

    figures: dict[str, object] = {"open": _opens(folder, engine)}
    with Library.open(folder, defer_index=True, engine=engine) as library:
        pages: dict[str, Callable[[], object]] = {
            sort: (lambda s=sort: library.search("", limit=PAGE, sort=s)) for sort in SORTS
        }
        since = _since(library)
        pages["new"] = lambda: library.search("", limit=PAGE, added_since=since)
        pages["new added"] = lambda: library.search("", limit=PAGE, sort="added", added_since=since)
        figures["new_articles"] = library.search("", limit=0, added_since=since).total
        for name, page in pages.items():
            figures[name] = _summary([_clock(page) for _ in range(REPEATS + 1)])
    figures["load_average_1min"] = round(os.getloadavg()[0], 2)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("library", type=Path)
    parser.add_argument("--engine", default=None)
    args = parser.parse_args()
    print(json.dumps(browse_timing(args.library, args.engine), indent=2))


if __name__ == "__main__":
    main()
