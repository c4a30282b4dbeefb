"""Pilot tests of the key bar: the keys of the focused pane, and clicking one presses it."""

from __future__ import annotations

import pytest
from tui_helpers import NOW, results, screen_text, wait_for

from newsreader.tui.app import NewsReaderApp
from newsreader.tui.screens.help import HelpScreen
from newsreader.tui.widgets.key_bar import KeyBar

pytestmark = pytest.mark.anyio

WIDE = (160, 48)


def bottom_line(app: NewsReaderApp) -> str:
    return screen_text(app).splitlines()[-1]


async def test_the_bar_follows_the_focused_pane(library) -> None:
    app = NewsReaderApp(library, now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(pilot, lambda: results(app).total > 2)
        line = bottom_line(app)
        assert "/ Search" in line and "Mark" not in line
        assert line.rstrip().endswith("▏^p palette")
        await pilot.press("tab")
        await wait_for(pilot, lambda: "space Mark" in bottom_line(app))
        assert "? Help" in bottom_line(app)
        await pilot.press("slash")
        await wait_for(pilot, lambda: "Mark" not in bottom_line(app))


async def test_clicking_a_key_presses_it(library) -> None:
    app = NewsReaderApp(library, now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(pilot, lambda: results(app).total > 2)
        await pilot.press("tab")
        await wait_for(pilot, lambda: "? Help" in bottom_line(app))
        column = bottom_line(app).index("? Help") + 1
        await pilot.click(KeyBar, offset=(column, 0))
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
