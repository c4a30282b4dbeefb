"""Pilot tests of triage: read/star/archive/tags, bulk marking with confirmation, undo, restart."""

from __future__ import annotations

import re

import pytest
from tui_helpers import NOW, screen_text, wait_for, wait_for_prompt

from newsreader.tui.app import NewsReaderApp
from newsreader.tui.screens.confirm import ConfirmScreen
from newsreader.tui.screens.saved import SavedSearchesScreen
from newsreader.tui.widgets.results_list import ResultsList
from newsreader.tui.widgets.search_bar import SearchBar

pytestmark = pytest.mark.anyio

WIDE = (160, 48)


def results(app: NewsReaderApp) -> ResultsList:
    return app.screen.query_one(ResultsList)


async def open_list(pilot, app: NewsReaderApp, total: int) -> None:
    await wait_for(pilot, lambda: app.screen.status.total == total)
    results(app).focus()
    await pilot.pause()


async def test_star_and_read_persist_across_a_restart(library_path) -> None:
    from newsreader.index.library import Library

    library = Library.open(library_path)
    app = NewsReaderApp(library, query="harbour", now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        await open_list(pilot, app, 30)
        first = results(app).current.id
        await pilot.press("s", "m")
        await wait_for(pilot, lambda: results(app).states[first].starred)
        await wait_for(pilot, lambda: results(app).states[first].read)
        assert "★" in screen_text(app)
        await app.workers.wait_for_complete()
    library.close()

    reopened = Library.open(library_path)
    assert reopened.states([first])[first].starred
    again = NewsReaderApp(reopened, query="harbour", now=NOW)
    async with again.run_test(size=WIDE) as pilot:
        await open_list(pilot, again, 30)
        assert results(again).states[first].starred and results(again).states[first].read
    reopened.close()


async def test_opening_an_article_marks_it_read_after_a_moment(library) -> None:
    app = NewsReaderApp(library, query="harbour", now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        await open_list(pilot, app, 30)
        first = results(app).current.id
        assert not results(app).states[first].read
        await pilot.press("enter")
        await wait_for(pilot, lambda: results(app).states[first].read)
        assert library.states([first])[first].read


async def test_undo_restores_the_state_before(library) -> None:
    app = NewsReaderApp(library, query="harbour", now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        await open_list(pilot, app, 30)
        first = results(app).current.id
        await pilot.press("s")
        await wait_for(pilot, lambda: results(app).states[first].starred)
        await pilot.press("u")
        await wait_for(pilot, lambda: not results(app).states[first].starred)
        assert not library.states([first])[first].starred
        await pilot.press("u")  # nothing left: a message, not an error
        assert app.is_running


async def test_space_marks_rows_and_an_action_applies_to_all(library) -> None:
    app = NewsReaderApp(library, query="harbour", now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        await open_list(pilot, app, 30)
        await pilot.press("space", "space", "space")
        assert results(app).highlighted == 3
        marked = results(app).selected_ids()
        assert len(marked) == 3 and "3 marked" in screen_text(app)
        await pilot.press("s")
        await wait_for(pilot, lambda: all(results(app).states[i].starred for i in marked))
        assert not results(app).marked
        states = library.states([hit.id for hit in results(app).hits])
        assert sum(state.starred for state in states.values()) == 3


async def test_range_marking_and_bulk_confirmation(library) -> None:
    app = NewsReaderApp(library, query="harbour", now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        await open_list(pilot, app, 30)
        await pilot.press("V", "G", "V")
        assert len(results(app).marked) == 30
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("n")
        await wait_for(pilot, lambda: not isinstance(app.screen, ConfirmScreen))
        ids = [hit.id for hit in results(app).hits]
        assert not any(s.archived for s in library.states(ids).values())
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_for(pilot, lambda: app.screen.status.total == 0)
        assert all(s.archived for s in library.states(ids).values())
        await pilot.press("u")
        await wait_for(pilot, lambda: app.screen.status.total == 30)
        assert not any(s.archived for s in library.states(ids).values())


async def test_archived_articles_come_back_with_the_archived_filter(library) -> None:
    app = NewsReaderApp(library, query="harbour", now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        await open_list(pilot, app, 30)
        first = results(app).current.id
        await pilot.press("a")
        await wait_for(pilot, lambda: app.screen.status.total == 29)
        assert first not in {hit.id for hit in results(app).hits}
        await pilot.press("A")
        await wait_for(pilot, lambda: app.screen.status.total == 30)


async def test_tags_are_added_with_completion_and_removed(library) -> None:
    app = NewsReaderApp(library, query="harbour", now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        await open_list(pilot, app, 30)
        first = results(app).current.id
        await pilot.press("t")
        await wait_for_prompt(pilot, app)
        await pilot.press(*"ports", "enter")
        await wait_for(pilot, lambda: results(app).states[first].tags == ("ports",))
        assert "#ports" in screen_text(app)
        await pilot.press("t")
        await wait_for_prompt(pilot, app)
        assert "ports" in screen_text(app)  # offered as a known tag
        await pilot.press(*"-ports", "enter")
        await wait_for(pilot, lambda: results(app).states[first].tags == ())
        assert library.states([first])[first].tags == ()


async def test_saved_searches_are_listed_and_run(library) -> None:
    app = NewsReaderApp(library, query="harbour", now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        await open_list(pilot, app, 30)
        await pilot.press("W")
        await wait_for_prompt(pilot, app)
        await pilot.press(*"ports", "enter")
        await wait_for(pilot, lambda: library.saved_searches() != [])
        assert library.saved_searches()[0][:2] == ("ports", "harbour")
        await pilot.press("slash")
        app.screen.query_one(SearchBar).value = "zelensky"
        await wait_for(pilot, lambda: app.screen.status.total == 2)
        results(app).focus()
        await pilot.press("L")
        await wait_for(pilot, lambda: isinstance(app.screen, SavedSearchesScreen))
        await pilot.pause()
        assert re.search(r"ports\s+(29|30) unread", screen_text(app))
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen.status.total == 30)
        assert app.screen.query_one(SearchBar).value == "harbour"
