"""The reader on a library fed by real feeds on 127.0.0.1 (tests/web_server.py): `R` fetches
in the background, what another process publishes joins the list, and a failing feed is marked
in the Sources view with its error, never a traceback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from feed_helpers import PAGES, serve_news
from tui_helpers import NOW, results, screen_text, wait_for
from web_server import WebServer

from newsreader.tui.app import NewsReaderApp
from newsreader.tui.screens.sources_view import FAILED, SourcesScreen
from newsreader.tui.widgets.view_table import ViewTable

WIDE = (160, 40)
RSS_AND_NOTES = ("/news/ferry-terminal", "/news/fishing-quotas", "/notes/market-day")
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


async def test_R_fetches_in_the_background_lists_what_came_in_and_names_the_failing_feed(
    feed_library, web_server: WebServer
) -> None:
    library, feeds = feed_library
    library.subscriptions.add(feeds["/atom.xml"])
    # It worked when added; it fails now, slowly: the fetch is seen running in the status line.
    web_server.add("/atom.xml", "broken", status=500, delay=2)
    app = NewsReaderApp(library, now=NOW)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await wait_for(pilot, lambda: app.main_screen.status.total == 0)
        await pilot.press("escape", "R")
        await wait_for(pilot, lambda: app.main_screen.status.fetching is not None)
        await wait_for(pilot, lambda: any(" new, 0 updated" in m for m in messages(app)), 180)
        await wait_for(pilot, lambda: app.main_screen.status.total == 4)  # RSS 2, the notes 2
        listed = {hit.title for hit in results(app).hits}
        assert {PAGES[page][0] for page in RSS_AND_NOTES} <= listed, listed
        failed = [m for m in messages(app) if feeds["/atom.xml"] in m]
        assert failed and "HTTP 500" in failed[0], messages(app)
        assert not any("Traceback" in m for m in messages(app))
        assert app.main_screen.status.fetching is None
        await pilot.press("4")  # the sources view marks the feed that failed
        await wait_for(pilot, lambda: isinstance(app.screen, SourcesScreen))
        await wait_for(pilot, lambda: "failing" in app.screen.summary)
        assert "HTTP 500" in screen_text(app)


async def test_R_while_reading_keeps_the_cursor_the_marks_and_the_article(
    feed_library, web_server: WebServer
) -> None:
    library, feeds = feed_library
    first = library.fetch([feeds["/notes/feed.xml"]], analyze=False)
    assert first.new == 2, first.problems
    app = NewsReaderApp(library, now=NOW)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        main = app.main_screen
        await wait_for(pilot, lambda: main.status.total == 2)
        await pilot.press("escape", "space")  # mark the first row, the cursor on the second
        cursor = results(app).current.id
        await wait_for(pilot, lambda: main.reader.article is not None)
        await wait_for(pilot, lambda: main.reader.article.id == cursor)
        shown = main.reader.article
        await pilot.press("R")
        await wait_for(pilot, lambda: any("new, 0 updated" in m for m in messages(app)), 180)
        await wait_for(pilot, lambda: (main.status.total or 0) > 2)  # None while a search runs
        assert results(app).current.id == cursor
        assert len(results(app).marked) == 1
        assert main.reader.article is shown  # not read again: its scroll stays where it was


async def test_R_with_no_feeds_says_how_to_subscribe(tmp_path: Path) -> None:
    from newsreader.index.library import Library

    with Library.open(tmp_path / "empty") as library:
        app = NewsReaderApp(library, now=NOW)
        async with app.run_test(size=WIDE, notifications=True) as pilot:
            await wait_for(pilot, lambda: app.main_screen.status.total == 0)
            await pilot.press("escape", "R")
            await wait_for(pilot, lambda: any("newsreader feed add" in m for m in messages(app)))
            assert app.main_screen.status.fetching is None


async def test_articles_another_process_fetches_join_the_list_within_seconds(
    feed_library, web_server: WebServer
) -> None:
    import asyncio
    import subprocess
    import sys

    library, _feeds = feed_library
    newsreader = Path(sys.executable).with_name("newsreader")
    command = [str(newsreader), "fetch", "--no-analysis", "--quiet", "--library",
               str(library.path)]  # fmt: skip
    app = NewsReaderApp(library, now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        main = app.main_screen
        await wait_for(pilot, lambda: main.status.total == 0)
        done = await asyncio.get_running_loop().run_in_executor(
            None, lambda: subprocess.run(command, capture_output=True, text=True, timeout=300)
        )
        assert done.returncode == 0, done.stderr
        await wait_for(pilot, lambda: main.status.total == 4)  # the RSS feed's 2, the notes' 2
        assert "Market day moves to Saturday" in {hit.title for hit in results(app).hits}


async def test_R_is_a_binding_with_an_id_in_help_and_the_palette_and_remappable(
    feed_library, quiet_environment: Path
) -> None:
    from newsreader.tui.palette import screen_commands

    library, _feeds = feed_library
    quiet_environment.write_text('[keys]\n"main.fetch" = "f5"\n"main.new" = "f6"\n')
    app = NewsReaderApp(library, now=NOW)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await wait_for(pilot, lambda: app.main_screen.status.total == 0)
        rows = {description: (keys, ids) for _s, keys, description, ids in app.help_rows()}
        assert rows["Fetch feeds"][1] == "main.fetch" and "f5" in rows["Fetch feeds"][0].lower()
        assert rows["New since last session"][1] == "main.new"
        commands = {name: keys for name, keys, _call in screen_commands(app.main_screen)}
        assert "f5" in commands["Fetch feeds"].lower() and "New since last session" in commands
        await pilot.press("escape", "f5")
        await wait_for(pilot, lambda: any("new, 0 updated" in m for m in messages(app)), 180)


async def test_quitting_during_R_stops_the_fetch_keeping_what_it_committed(
    feed_library, web_server: WebServer
) -> None:
    import asyncio
    import threading

    from newsreader.index.library import Library

    library, feeds = feed_library
    library.subscriptions.add(feeds["/atom.xml"])
    web_server.routes["/atom.xml"].delay = 600  # never answers while the reader runs
    app = NewsReaderApp(library, now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        main = app.main_screen
        await wait_for(pilot, lambda: main.status.total == 0)
        await pilot.press("escape", "R")
        await wait_for(pilot, lambda: main.status.total == 4, 180)  # RSS and notes are in

    def fetch_threads() -> list[str]:
        return [t.name for t in threading.enumerate() if t.name.startswith("newsreader-")]

    for _ in range(200):  # the run ends at its next step and cuts the waiting request
        if not fetch_threads():
            break
        await asyncio.sleep(0.1)
    assert not fetch_threads(), "the fetch waits for the request's timeout (30 s)"
    with Library.open(library.path) as after:
        titles = {hit.title for hit in after.search("", limit=50).hits}
        assert titles >= {PAGES[page][0] for page in RSS_AND_NOTES}
        assert PAGES["/valley/bridge-reopens"][0] not in titles  # its feed had not answered
        atom = after.subscriptions.find(feeds["/atom.xml"])
        assert atom.fetched is None  # so the next fetch reads it, and stores the rest
        web_server.routes["/atom.xml"].delay = 0
        report = after.fetch([feeds["/atom.xml"]], analyze=False)
        assert report.new >= 1, report.problems


@pytest.mark.parametrize("view", ["2", "3", "4"])
async def test_R_fetches_from_every_view(feed_library, view: str) -> None:
    from newsreader.tui.screens.view_screen import ViewScreen

    library, _feeds = feed_library
    app = NewsReaderApp(library, now=NOW)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await wait_for(pilot, lambda: app.main_screen.status.total == 0)
        await pilot.press("escape", view)
        await wait_for(pilot, lambda: isinstance(app.screen, ViewScreen))
        shown = app.screen
        await wait_for(pilot, lambda: shown.summary not in ("", "reading…"))
        await pilot.press("R")
        await wait_for(pilot, lambda: any(" new, 0 updated" in m for m in messages(app)), 180)
        assert app.screen is shown  # the fetch ran behind the view, which stays
        await wait_for(pilot, lambda: app.main_screen.status.total == 4)  # RSS 2, the notes 2
