"""The reader on very long articles: time to first paint and key latency of PgDn and `G`.

    .venv/bin/python bench/reader_big_article.py [--sizes 480000 4900000] [--keys 5]

For each size, a generated article of that many characters (paragraphs of news-like prose with
people, places and numbers, and the word "harbour" now and then) is indexed with analysis into a
fresh library (the analysis covers the article's first 300,000 characters, as for any article).
The reader then runs headless (Textual's Pilot, 120x40). The figures: the time from the hit
appearing in the list until the reader has drawn the article's first page (the wide layout
previews the highlighted hit; this includes the short delay before it fetches), and per key
the time until the screen shows the new position (PgDn, then `G`, then `N` from the top, which
wraps to the last match), with Textual's scroll animation off.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import emit

from newsreader.index.library import Library

PEOPLE = ["Maria Lopez", "Kim Jong Un", "Volodymyr Zelensky", "Angela Merkel", "John Smith"]
PLACES = ["Seoul", "Kyiv", "Berlin", "the Kursk region", "Lagos", "Brazil"]
PROSE = (
    "the a officials said on Tuesday that ships port traffic grew while prices of grain and oil "
    "rose sharply in markets across region ministers met to discuss plans for new roads bridges"
)
WORDS = PROSE.split(" ")
SIZES = (480_000, 4_900_000)
SIZE = (120, 40)


def sentence(rng: random.Random) -> str:
    """One sentence of prose with a person, a place and a number in it."""
    words = rng.choices(WORDS, k=rng.randint(8, 18))
    words.insert(rng.randrange(len(words)), rng.choice(PEOPLE))
    words.insert(rng.randrange(len(words)), f"in {rng.choice(PLACES)}")
    words.insert(rng.randrange(len(words)), f"{rng.randint(2, 900)} ships")
    if rng.random() < 0.1:
        words.insert(rng.randrange(len(words)), "harbour")
    return " ".join(words).capitalize() + "."


def article_text(size: int, seed: int = 7) -> str:
    """An article of about `size` characters (at least one paragraph), ending with a marked one."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    length = 0
    while length < size or not paragraphs:
        paragraph = " ".join(sentence(rng) for _ in range(rng.randint(2, 6)))
        paragraphs.append(paragraph)
        length += len(paragraph) + 2
    paragraphs.append("The last harbour paragraph ends here.")
    return "\n\n".join(paragraphs)


def build_library(folder: Path, size: int) -> Library:
    """A library holding one article of `size` characters, analysed."""
    source = folder / "big.md"
    body = article_text(size)
    source.write_text(f"date 2025-01-10\n# A very long harbour report\n\n{body}\n", "utf-8")
    library = Library.open(folder / "library")
    report = library.ingest([source])
    assert report.failed == 0, report.problems
    return library


def screen_text(app: object) -> str:
    """The screen as plain text, rendered now (what the next paint would draw)."""
    strips = app.screen._compositor.render_strips()  # type: ignore[attr-defined]
    return "\n".join("".join(seg.text for seg in strip).rstrip() for strip in strips)


async def until(pilot: object, app: object, ready: object, timeout: float = 900.0) -> float:
    """Seconds until ready(screen text) holds, polling between the app's message passes."""
    start = time.perf_counter()
    while not ready(screen_text(app)):  # type: ignore[operator]
        if time.perf_counter() - start > timeout:
            raise SystemExit("the reader never drew the expected text")
        await pilot.pause(0.005)  # type: ignore[attr-defined]
    return time.perf_counter() - start


async def measure(library: Library, keys: int) -> dict[str, float]:
    """Open the article and press PgDn, G and n in the reader, timing each until it is drawn."""
    from newsreader.tui.app import NewsReaderApp
    from newsreader.tui.widgets.reader import Reader
    from newsreader.tui.widgets.results_list import ResultsList

    app = NewsReaderApp(library, query="harbour", now=dt.datetime(2025, 1, 14))
    # Without the smooth-scroll animation a key's figure is the work it costs, not the 0.2 s
    # or so of animation the reader adds on purpose.
    app.animation_level = "none"
    first_words = " ".join(article_text(0).split()[:3])
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, app, lambda text: "1 hit" in text)
        start = time.perf_counter()
        # The wide layout previews the highlighted hit: the article is fetched and drawn.
        await until(pilot, app, lambda text: first_words in text)
        figures = {"hit_to_first_paint_s": time.perf_counter() - start}
        reader = app.screen.query_one(Reader)
        while not isinstance(app.focused, ResultsList):
            await pilot.press("tab")
        await pilot.press("enter")
        await until(pilot, app, lambda _: app.focused is reader)
        pages = []
        for _ in range(keys):
            before = reader.scroll_y
            start = time.perf_counter()
            await pilot.press("pagedown")
            await until(pilot, app, lambda _, before=before: reader.scroll_y > before)
            pages.append(time.perf_counter() - start)
        start = time.perf_counter()
        await pilot.press("G")
        await until(pilot, app, lambda text: "The last harbour paragraph ends here." in text)
        figures["G_s"] = time.perf_counter() - start
        await pilot.press("g")
        await until(pilot, app, lambda _: reader.scroll_y == 0)
        start = time.perf_counter()
        await pilot.press("N")  # wraps to the last match, at the very end
        await until(pilot, app, lambda text: "The last harbour paragraph ends here." in text)
        figures["N_to_last_match_s"] = time.perf_counter() - start
        figures["pgdn_median_s"] = statistics.median(pages)
        figures["pgdn_max_s"] = max(pages)
    return {name: round(value, 3) for name, value in figures.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--keys", type=int, default=5, help="PgDn presses timed per size")
    args = parser.parse_args()
    results = {}
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            library = build_library(Path(tmp), size)
            try:
                results[str(size)] = asyncio.run(measure(library, args.keys))
            finally:
                library.close()
        print(size, results[str(size)], flush=True)
    emit("reader_big_article", {"size": list(SIZE), "results": results})


if __name__ == "__main__":
    main()
