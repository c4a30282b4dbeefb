"""`fetch` of 200 entries from a loopback server: entries/s, text only and with analysis.

.venv/bin/python bench/fetch.py                 # 10 feeds of 20 entries, both modes
.venv/bin/python bench/fetch.py --feeds 4 --entries 50 --mode text

Each mode fetches into a new library, through `Library.fetch` as `newsreader fetch` does, from
tests/web_server.py on 127.0.0.1 serving RSS feeds and one article page per entry (paragraphs
from seeds/, with the navigation and footer real pages have). Where the time goes is measured
by timing the run's parts where they are called: HTTP (`Fetcher.get`, summed over the network
threads), extraction (`page_text`, likewise), then in the run's own thread analysis, the SQLite
commits and publishing to the index. Thread sums can exceed the wall time: they overlap.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from common import ROOT, emit

sys.path.insert(0, str(ROOT / "tests"))
from web_server import WebServer, article_page

from newsreader.index.ingest.web import fetch_run, fetching, harvest
from newsreader.index.library import Library


class Clock:
    """Seconds spent in named parts, summed across threads."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = defaultdict(float)
        self.lock = threading.Lock()

    def wrap(self, owner: object, name: str, part: str) -> None:
        original: Callable = getattr(owner, name)

        def timed(*args: object, **kwargs: object) -> object:
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                with self.lock:
                    self.spent[part] += time.perf_counter() - start

        setattr(owner, name, timed)


def paragraphs() -> list[str]:
    found = [p.strip() for seed in sorted((ROOT / "seeds").glob("*.txt"))
             for p in seed.read_text("utf-8").split("\n") if len(p.strip()) > 80]  # fmt: skip
    return found


def serve(server: WebServer, feeds: int, entries: int) -> None:
    text = paragraphs()
    for f in range(feeds):
        items = []
        for n in range(entries):
            k = f * entries + n
            body = [text[(k + i) % len(text)] for i in range(6)] + [f"Dispatch number {k}."]
            path = f"/f{f}/story-{n}"
            server.add(path, article_page(f"Dispatch {k}", body))
            date = f"Mon, 05 Jan 2026 10:{n % 60:02d}:00 GMT"
            link = f"<link>{server.url(path)}</link>"
            items.append(f"<item><title>Dispatch {k}</title><guid>g{k}</guid>{link}"
                         f"<pubDate>{date}</pubDate></item>")  # fmt: skip
        channel = f"<title>Feed {f}</title>{''.join(items)}"
        server.add(f"/f{f}.xml", f"<rss version='2.0'><channel>{channel}</channel></rss>",
                   content_type="application/rss+xml")  # fmt: skip


def measure(server: WebServer, feeds: int, analyze: bool) -> dict[str, object]:
    clock = Clock()
    clock.wrap(fetching.Fetcher, "get", "http (thread sum)")
    clock.wrap(harvest, "page_text", "extraction (thread sum)")
    clock.wrap(fetch_run.FetchRun, "_analyses", "analysis")
    clock.wrap(fetch_run, "publish", "index publish")
    clock.wrap(fetch_run.FetchRun, "_commit", "commit incl. analysis and publish")
    with tempfile.TemporaryDirectory() as folder, Library.open(Path(folder) / "lib") as library:
        for f in range(feeds):
            library.subscriptions.add(server.url(f"/f{f}.xml"))
        if analyze:  # the model loads once per process: not part of a fetch's rate
            from newsreader.index.analysis.runtime.nlp import load_analyzer

            load_analyzer([])
        start = time.perf_counter()
        report = library.fetch(analyze=analyze)
        wall = time.perf_counter() - start
    return {
        "articles_new": report.new, "failed": report.failed, "wall_s": round(wall, 2),
        "entries_per_s": round(report.new / wall, 1),
        "seconds": {part: round(s, 2) for part, s in clock.spent.items()},
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=10)
    parser.add_argument("--entries", type=int, default=20)
    parser.add_argument("--mode", choices=("text", "analysis", "both"), default="both")
    args = parser.parse_args()
    server = WebServer().start()
    try:
        serve(server, args.feeds, args.entries)
        figures: dict[str, object] = {"entries": args.feeds * args.entries}
        for mode in ("text", "analysis"):
            if args.mode in (mode, "both"):
                originals = _originals()
                figures[mode] = measure(server, args.feeds, analyze=mode == "analysis")
                _restore(originals)
        emit("fetch", figures)
    finally:
        server.close()


_PATCHED = [(fetching.Fetcher, "get"), (harvest, "page_text"), (fetch_run.FetchRun, "_analyses"),
            (fetch_run, "publish"), (fetch_run.FetchRun, "_commit")]  # fmt: skip


def _originals() -> list[tuple[object, str, object]]:
    return [(owner, name, getattr(owner, name)) for owner, name in _PATCHED]


def _restore(originals: list[tuple[object, str, object]]) -> None:
    for owner, name, value in originals:
        setattr(owner, name, value)


if __name__ == "__main__":
    main()
