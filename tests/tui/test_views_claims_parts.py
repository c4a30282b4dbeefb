"""The claims view reads a group's claims in parts: a query typed, or a group picked, while
the rest are still being read shows that query's claims, all of them, in order; the group
highlighted stays highlighted when the query changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_helpers import NOW, wait_for

from newsreader.tui.app import NewsReaderApp
from newsreader.tui.screens import claims_view
from newsreader.tui.screens.claims_view import ClaimsScreen
from newsreader.tui.widgets.search_bar import SearchBar
from newsreader.tui.widgets.view_table import ViewTable

SIZE = (120, 36)
pytestmark = pytest.mark.anyio


@pytest.fixture
def small_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every claim in a part of its own, every key walked alone: the reads take many parts."""
    from newsreader.index.record import row_reader

    monkeypatch.setattr(claims_view, "FIRST_ROWS", 1)
    monkeypatch.setattr(claims_view, "REST_ROWS", 1)
    monkeypatch.setattr(row_reader, "KEYS_AT_ONCE", 1)


async def claims_shown(pilot) -> ClaimsScreen:
    app = pilot.app
    await wait_for(pilot, lambda: app.main_screen.status.total is not None)
    await pilot.press("escape", "3")
    await wait_for(pilot, lambda: isinstance(app.screen, ClaimsScreen))
    view = app.screen
    await wait_for(pilot, lambda: view.rows_group is not None)
    return view


def values(view: ClaimsScreen) -> list[str]:
    return [row[1] for row in view.query_one("#claims", ViewTable).rows]


async def test_a_query_typed_while_the_rest_is_read_shows_all_of_its_claims(
    views_path: Path, small_parts: None
) -> None:
    app = NewsReaderApp(_library(views_path), now=NOW)
    async with app.run_test(size=SIZE) as pilot:
        view = await claims_shown(pilot)
        view.group_table.cursor = 0  # all claims: read one at a time
        await pilot.press("slash", *"jobs")  # typed while they are read
        await wait_for(pilot, lambda: view.rows_group == ("jobs", None, "newest"))
        assert view.query_one(SearchBar).value == "jobs"
        assert len(view.rows) == view.data.claims, "every claim of the query, once"
        titles = {row.article.title for row in view.rows}
        assert titles == {"Harbour jobs report", "Harbour jobs cut"}
        dates = [row.article.date for row in view.rows]
        assert dates == sorted(dates, reverse=True), "newest first across the parts"


async def test_the_highlighted_group_stays_when_the_query_changes(
    views_path: Path, small_parts: None
) -> None:
    app = NewsReaderApp(_library(views_path), now=NOW)
    async with app.run_test(size=SIZE) as pilot:
        view = await claims_shown(pilot)
        view.group_table.cursor = view.groups.index("jobs")
        await wait_for(pilot, lambda: view.rows_group == ("", "jobs", "newest"))
        assert values(view) == ["300", "1,200"]
        await pilot.press("slash")
        view.query_one(SearchBar).value = "date:2024-12"  # pasted: no query between
        await wait_for(pilot, lambda: view.rows_group == ("date:2024-12", "jobs", "newest"))
        assert view.current_group == "jobs" and values(view) == ["300"]
        await pilot.press("escape", "down")  # another group picked while it is read
        picked = view.current_group
        assert picked != "jobs"
        await wait_for(pilot, lambda: view.rows_group == ("date:2024-12", picked, "newest"))
        assert {row.group for row in view.rows} == {picked}


def _library(path: Path):
    from newsreader.index.library import Library

    return Library.open(path)


async def test_the_rest_of_a_group_is_read_only_while_the_view_is_shown(
    views_path: Path, small_parts: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(claims_view, "SETTLE", 0.5)
    app = NewsReaderApp(_library(views_path), now=NOW)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.main_screen.status.total is not None)
        await pilot.press("escape", "3")
        await wait_for(pilot, lambda: isinstance(app.screen, ClaimsScreen))
        view = app.screen
        await wait_for(pilot, lambda: view.rows_shown is not None)
        assert len(view.rows) == 1 and view.rows_group is None, "the newest one, the rest later"
        await pilot.press("1")  # to the articles before the keys settle
        await pilot.pause(1.5)
        assert view.rows_group is None, "nothing read while another view is shown"
        await pilot.press("3")
        await wait_for(pilot, lambda: view.rows_group is not None)
        assert len(view.rows) == view.data.groups[0].claims, "all of the largest group"
