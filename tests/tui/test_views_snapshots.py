"""Snapshots of the library views at 80x24 and 160x48, in colour and with NO_COLOR."""

from __future__ import annotations

import pytest
from test_views import make_app, shown, started
from tui_helpers import wait_for

from newsreader.tui.screens.claims_view import ClaimsScreen
from newsreader.tui.screens.speaker_quotes import SpeakerQuotesScreen
from newsreader.tui.screens.speakers_view import SpeakersScreen
from newsreader.tui.screens.view_screen import ViewScreen

SIZES = [(80, 24), (160, 48)]
VIEWS = ["speakers", "quotes", "claims", "sources"]


async def _speakers(pilot) -> None:
    await pilot.press("2")
    view = await shown(pilot, SpeakersScreen)
    await wait_for(pilot, lambda: view.query("TimeChart"))  # the chart of the first speaker


async def _quotes(pilot) -> None:
    await _speakers(pilot)
    await pilot.press("enter")
    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, SpeakerQuotesScreen) and app.screen.rows)


async def _claims(pilot) -> None:
    await pilot.press("3")
    view = await shown(pilot, ClaimsScreen)
    groups = [row[0] for row in view.group_table.rows]
    view.group_table.cursor = groups.index("soldiers")
    await wait_for(pilot, lambda: view.query("TimeChart"))


async def _sources(pilot) -> None:
    await pilot.press("4")
    await shown(pilot, ViewScreen)


OPEN = {"speakers": _speakers, "quotes": _quotes, "claims": _claims, "sources": _sources}


@pytest.mark.parametrize("no_color", [False, True], ids=["colour", "no-colour"])
@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x48"])
@pytest.mark.parametrize("view", VIEWS)
def test_view(snap_compare, views_path, monkeypatch, view, size, no_color) -> None:
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(views_path)

    async def run_before(pilot) -> None:
        await started(pilot)
        await pilot.press("escape")
        await OPEN[view](pilot)
        await app.workers.wait_for_complete()
        app.clear_notifications()
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
