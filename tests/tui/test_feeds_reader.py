"""The reader on a library fed by real feeds on 127.0.0.1 (tests/web_server.py): `R` fetches
in the background, what another process publishes joins the list, and a failing feed is marked
in the Sources view with its error, never a traceback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from feed_helpers import serve_news
from tui_helpers import NOW, screen_text, wait_for
from web_server import WebServer

from newsreader.tui.app import NewsReaderApp
from newsreader.tui.screens.sources_view import FAILED, SourcesScreen
from newsreader.tui.widgets.view_table import ViewTable

WIDE = (160, 40)
pytestmark = pytest.mark.anyio


@pytest.fixture
def feed_library(tmp_path: Path, web_server: WebServer) -> Iterator[tuple[object, dict[str, str]]]:
    """An empty library subscribed to the RSS and the undated feed of `serve_news`; the feeds'
    URLs by path."""
    from newsreader.index.library import Library

    feeds = serve_news(web_server)
    library = Library.open(tmp_path / "feeds-library")
    for path in ("/rss.xml", "/notes/feed.xml"):
        library.subscriptions.add(feeds[path])
    yield library, feeds
    library.close()


def messages(app: NewsReaderApp) -> list[str]:
    return [n.message for n in app._notifications]


async def test_sources_mark_the_failing_feeds_with_their_last_error(
    feed_library, web_server: WebServer
) -> None:
    library, feeds = feed_library
    library.subscriptions.add(feeds["/atom.xml"])
    web_server.add("/atom.xml", "gone", status=404)  # fails from its first fetch: no articles
    first = library.fetch(analyze=False)
    assert (first.fetched, first.failed) == (2, 1), first.problems
    web_server.add("/notes/feed.xml", "broken", status=500)  # worked once, fails now
    again = library.fetch([feeds["/notes/feed.xml"]], force=True, analyze=False)
    assert again.failed == 1
    names = {feed.url: feed.name for feed in library.subscriptions.list()}
    app = NewsReaderApp(library, now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(pilot, lambda: app.main_screen.status.total is not None)
        await pilot.press("escape", "4")
        await wait_for(pilot, lambda: isinstance(app.screen, SourcesScreen))
        view = app.screen
        await wait_for(pilot, lambda: "source" in view.summary)
        rows = {row[0]: row for row in view.query_one(ViewTable).rows}
        good, notes, atom = (names[feeds[p]] for p in ("/rss.xml", "/notes/feed.xml", "/atom.xml"))
        assert rows[good][0] == good and rows[good][5] == ""
        assert rows[FAILED + notes][1] == "2" and "HTTP 500" in rows[FAILED + notes][5]
        assert rows[FAILED + atom][1] == "0" and "HTTP 404" in rows[FAILED + atom][5]
        assert "2 feeds failing" in view.summary
        view.query_one(ViewTable).cursor = list(rows).index(FAILED + atom)
        await wait_for(pilot, lambda: "HTTP 404" in view.summary)
        assert "HTTP 404" in screen_text(app)
