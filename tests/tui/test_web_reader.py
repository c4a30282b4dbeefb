"""The reader on articles that came from the web: the URL in the header, copied with `y`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tui_helpers import NOW, reader, screen_text, search, wait_for

from newsreader.tui.app import NewsReaderApp

WIDE = (160, 48)
URL = "https://gazette.example/news/sea-wall"
PAGE = f"""<!DOCTYPE html><html><head><title>Sea wall delayed again</title>
<link rel="canonical" href="{URL}"><meta property="og:site_name" content="The Harbour Gazette">
</head><body><nav><a href="/">Home</a></nav><article><h1>Sea wall delayed again</h1>
<p>The harbour authority said on Tuesday that the new sea wall would be finished by spring,
two years later than the council had promised when work began.</p>
<p>“We have had to rebuild the foundations twice,” said Maria Okafor, the chief engineer.</p>
</article><footer>All rights reserved.</footer></body></html>"""


@pytest.fixture
def web_library(tmp_path: Path) -> Iterator[object]:
    from newsreader.index.library import Library

    page = tmp_path / "saved" / "sea-wall.html"
    page.parent.mkdir()
    page.write_text(PAGE, encoding="utf-8")
    library = Library.open(tmp_path / "library")
    report = library.ingest([page.parent], analyze=False)
    assert report.added == 1, report.problems
    yield library
    library.close()


def messages(app: NewsReaderApp) -> list[str]:
    return [n.message for n in app._notifications]


@pytest.mark.anyio
async def test_the_header_shows_the_url_and_y_copies_it(web_library) -> None:
    app = NewsReaderApp(web_library, now=NOW)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await search(pilot, app, "sea wall")
        await wait_for(pilot, lambda: reader(app).article is not None)
        assert URL in screen_text(app)
        assert "The Harbour Gazette" in screen_text(app)
        await pilot.press("enter", "y")
        await wait_for(pilot, lambda: URL in messages(app))
        assert app.clipboard == URL


@pytest.mark.anyio
async def test_y_on_an_article_without_a_url_says_so(library) -> None:
    app = NewsReaderApp(library, query="zelensky", now=NOW)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await wait_for(pilot, lambda: reader(app).article is not None)
        await pilot.press("tab", "enter", "y")
        await wait_for(pilot, lambda: "This article has no URL" in messages(app))
        assert app.clipboard == ""
