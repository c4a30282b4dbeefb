"""A multi-megabyte article opens, pages, jumps to its end and finds its last match at once.

The reader used to build one widget per paragraph and style each against every annotation:
a 4.9-million-character article froze it for minutes, this 3.3-million-character one for about
three (`bench/reader_big_article.py` measures it; no test asserts a time). What the tests
assert is what the screen shows, also inside one very long paragraph, where `n` used to scroll
to the paragraph's top and leave the match off screen.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from tui_helpers import NOW, reader, results, screen_text, wait_for

from newsreader.index.models import Quote
from newsreader.tui.app import NewsReaderApp
from newsreader.tui.widgets.results_list import ResultsList

PARAGRAPHS = 9_000  # about 3.3 million characters
SIZE = (120, 40)
pytestmark = [pytest.mark.anyio, pytest.mark.slow]  # an article of millions of characters

LAST = "The last harbour paragraph ends here."
LATER = re.compile(r"Paragraph [1-9]\d* begins\.")


def paragraph(index: int) -> str:
    """A paragraph of ordinary prose that names its own number."""
    body = " ".join(
        f"Officials said {index * 7 + k} ships waited outside the port on Tuesday, while"
        for k in range(5)
    )
    mention = " The harbour master kept count." if index % 50 == 0 else ""
    return f"Paragraph {index} begins. {body} traffic grew.{mention}"


def article_text() -> str:
    return "\n\n".join([*(paragraph(i) for i in range(PARAGRAPHS)), LAST])


@pytest.fixture(scope="module")
def big_library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """A library holding one article of about three million characters (no analysis)."""
    from newsreader.index.library import Library

    root = tmp_path_factory.mktemp("big")
    source = root / "big.md"
    source.write_text(f"date 2025-01-10\n# A very long report\n\n{article_text()}\n", "utf-8")
    library = Library.open(root / "library")
    report = library.ingest([source], analyze=False)
    assert report.failed == 0, report.problems
    assert len(library.article(library.search("harbour").hits[0].id).text) > 3_000_000
    yield library
    library.close()


def reader_text(app: NewsReaderApp) -> str:
    """What the reader pane shows, one line per row (the list beside it left out)."""
    region = reader(app).region
    rows = screen_text(app).split("\n")[region.y : region.bottom]
    return "\n".join(row[region.x : region.right] for row in rows)


async def shown(pilot: object, app: NewsReaderApp, text: str) -> None:
    """Wait until the reader shows the text."""
    await wait_for(pilot, lambda: text in reader_text(app))


async def open_article(
    pilot: object, app: NewsReaderApp, first: str = "Paragraph 0 begins."
) -> None:
    """Wait for the hit, open it with Enter and wait until the reader shows its first words."""
    await wait_for(pilot, lambda: bool(results(app).hits))
    while not isinstance(app.focused, ResultsList):
        await pilot.press("tab")  # type: ignore[attr-defined]
    await pilot.press("enter")  # type: ignore[attr-defined]
    await shown(pilot, app, first)
    await wait_for(pilot, lambda: app.focused is reader(app))


async def test_end_key_shows_the_last_paragraph(big_library: object) -> None:
    app = NewsReaderApp(big_library, query="harbour", now=NOW)
    async with app.run_test(size=SIZE) as pilot:
        await open_article(pilot, app)
        await pilot.press("pagedown")
        await wait_for(pilot, lambda: "Paragraph 0 begins." not in reader_text(app))
        assert LATER.search(reader_text(app))
        await pilot.press("G")
        await shown(pilot, app, LAST)
        assert f"Paragraph {PARAGRAPHS - 1} begins." in reader_text(app)
        await pilot.press("g")
        await shown(pilot, app, "Paragraph 0 begins.")


async def test_match_navigation_reaches_the_end_and_wraps(big_library: object) -> None:
    app = NewsReaderApp(big_library, query="harbour", now=NOW)
    async with app.run_test(size=SIZE) as pilot:
        await open_article(pilot, app)
        view = reader(app)
        assert view.hit_count == PARAGRAPHS // 50 + 1  # every 50th paragraph, and the last
        await pilot.press("N")  # backwards from the top: the last match, in the last paragraph
        await shown(pilot, app, LAST)
        assert view.highlights.current == view._hits[-1]
        await pilot.press("N")  # the one before: paragraph 8950
        await shown(pilot, app, "Paragraph 8950 begins.")
        await pilot.press("n", "n")  # forwards past the last: back to paragraph 0's match
        await shown(pilot, app, "Paragraph 0 begins.")
        assert view.highlights.current == view._hits[0]


async def test_a_quote_deep_in_the_article_is_shown_when_chosen(big_library: object) -> None:
    app = NewsReaderApp(big_library, query="harbour", now=NOW)
    async with app.run_test(size=SIZE) as pilot:
        await open_article(pilot, app)
        view = reader(app)
        text = view.article.text
        start = text.index("Paragraph 7000 begins.")
        end = start + len("Paragraph 7000 begins.")
        view.mark_quote(Quote(text=text[start:end], start=start, end=end, spans=()))
        await shown(pilot, app, "Paragraph 7000 begins.")
        assert view.highlights.quote == ((start, end),)


@pytest.fixture
def long_paragraph_library(tmp_path: Path) -> Iterator[object]:
    """An article that is one paragraph of about 200,000 characters, with 'harbour' in three
    places: its first sentence, its middle and its last sentence."""
    from newsreader.index.library import Library

    sentences = [f"Sentence {i} tells of ships counted on the coast." for i in range(4_000)]
    for index in (0, 2_000, 3_999):
        sentences[index] = f"Sentence {index} names the harbour."
    source = tmp_path / "long.md"
    source.write_text(f"date 2025-01-10\n# One long paragraph\n\n{' '.join(sentences)}\n", "utf-8")
    library = Library.open(tmp_path / "library")
    report = library.ingest([source], analyze=False)
    assert report.failed == 0, report.problems
    yield library
    library.close()


async def test_matches_inside_one_long_paragraph_are_scrolled_into_view(
    long_paragraph_library: object,
) -> None:
    app = NewsReaderApp(long_paragraph_library, query="harbour", now=NOW)
    async with app.run_test(size=SIZE) as pilot:
        await open_article(pilot, app, "Sentence 0 names the harbour.")
        await pilot.press("n", "n")  # the second match, in the middle of the paragraph
        await shown(pilot, app, "Sentence 2000 names the harbour.")
        assert "Sentence 0 names" not in reader_text(app)
        await pilot.press("n")  # the last, at the paragraph's end
        await shown(pilot, app, "Sentence 3999 names the harbour.")
        await pilot.press("n")  # wraps to the first
        await shown(pilot, app, "Sentence 0 names the harbour.")
