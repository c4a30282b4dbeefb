"""Sharing the width: the reader stays readable when the quotes panel opens."""

from __future__ import annotations

import pytest
from tui_helpers import NOW, wait_for

from newsreader.tui.app import NewsReaderApp
from newsreader.tui.display.pane_widths import LIST_MIN, READER_MIN, PaneWidths, pane_widths
from newsreader.tui.widgets.quotes_panel import QuotesPanel
from newsreader.tui.widgets.reader import Reader
from newsreader.tui.widgets.results_list import ResultsList


def test_without_the_panel_the_list_takes_its_split() -> None:
    assert pane_widths(160, 40, panel_open=False) == PaneWidths(results=64, panel=0)


@pytest.mark.parametrize("total", [100, 120, 140, 160, 200, 300])
@pytest.mark.parametrize("split", [20, 40, 80])
def test_with_the_panel_the_reader_keeps_a_readable_width(total: int, split: int) -> None:
    widths = pane_widths(total, split, panel_open=True)
    assert total - widths.results - widths.panel >= READER_MIN
    assert widths.results == 0 or LIST_MIN <= widths.results <= total * split // 100
    assert widths.panel > 0


def test_a_wide_screen_keeps_all_three_panes() -> None:
    assert pane_widths(160, 40, panel_open=True) == PaneWidths(results=48, panel=48)


def parts(app: NewsReaderApp) -> tuple[ResultsList, Reader, QuotesPanel]:
    screen = app.screen
    return screen.query_one(ResultsList), screen.query_one(Reader), screen.query_one(QuotesPanel)


@pytest.mark.anyio
async def test_opening_the_panel_at_160_columns_narrows_the_list(library) -> None:
    app = NewsReaderApp(library, query="zelensky", now=NOW)
    async with app.run_test(size=(160, 48)) as pilot:
        results, reader, panel = parts(app)
        await wait_for(pilot, lambda: reader.article is not None)
        wide_list = results.region.width
        await pilot.press("tab", "q")
        await wait_for(pilot, lambda: panel.region.width > 0)
        assert reader.region.width >= READER_MIN
        assert 0 < results.region.width < wide_list
        await pilot.press("q")
        await wait_for(pilot, lambda: results.region.width == wide_list)
        assert not panel.display


@pytest.mark.anyio
async def test_at_120_columns_the_panel_hides_the_list_until_back(library) -> None:
    app = NewsReaderApp(library, query="zelensky", now=NOW)
    async with app.run_test(size=(120, 40)) as pilot:
        results, reader, panel = parts(app)
        await wait_for(pilot, lambda: reader.article is not None)
        await pilot.press("tab", "q")
        await wait_for(pilot, lambda: panel.region.width > 0)
        assert results.region.width == 0
        assert reader.region.width >= READER_MIN
        await pilot.press("enter")  # jump to the quote: the reader takes focus, panel stays
        await wait_for(pilot, lambda: bool(reader.highlights.quote))
        reader.focus()
        await pilot.press("escape")
        await wait_for(pilot, lambda: results.region.width > 0)
        assert app.focused is results and not panel.display
