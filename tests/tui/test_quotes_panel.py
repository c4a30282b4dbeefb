"""Pilot tests of the quotes panel: listing quotes, grouping, entities, copying, narrow layout."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList
from tui_helpers import NOW, reader, screen_text, search, wait_for

from newsreader.tui.app import NewsReaderApp
from newsreader.tui.widgets.quotes_panel import QuotesPanel
from newsreader.tui.widgets.search_bar import SearchBar

pytestmark = pytest.mark.anyio

WIDE, NARROW = (160, 48), (80, 24)


async def test_quotes_panel_lists_quotes_and_jumps_to_one(library) -> None:
    app = NewsReaderApp(library, query="zelensky", now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(pilot, lambda: reader(app).article is not None)
        panel = app.screen.query_one(QuotesPanel)
        assert not panel.display and not panel.children, "built when first opened"
        await pilot.press("tab", "q")
        assert panel.display
        quotes_list = panel.query_one("#quotes-list", OptionList)
        assert app.focused is quotes_list
        analysis = reader(app).analysis
        assert analysis.quotes, "the seed articles have quotes"
        assert quotes_list.option_count == len(analysis.quotes)
        shown = [panel._quote_at(i) for i in range(quotes_list.option_count)]
        assert [q.start for q in shown] == sorted(q.start for q in analysis.quotes)
        speakers = {q.speaker or "unknown speaker" for q in analysis.quotes}
        assert any(name in screen_text(app) for name in speakers)
        await pilot.press("G", "enter")
        last = shown[-1]
        assert reader(app).highlights.quote[0][0] == (last.spans or ((last.start, last.end),))[0][0]
        await wait_for(pilot, lambda: reader(app).scroll_y > 0)
        await pilot.press("q")
        assert not panel.display


async def test_quotes_group_by_speaker(library) -> None:
    app = NewsReaderApp(library, query="zelensky", now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(pilot, lambda: reader(app).article is not None)
        await pilot.press("tab", "q", "b")
        panel = app.screen.query_one(QuotesPanel)
        assert panel.by_speaker
        quotes_list = panel.query_one("#quotes-list", OptionList)
        headers = [o for o in quotes_list.options if o.disabled]
        speakers = {q.speaker or "unknown speaker" for q in reader(app).analysis.quotes}
        assert len(headers) == len(speakers)
        await pilot.press("b")
        assert not any(o.disabled for o in quotes_list.options)


async def test_selecting_an_entity_searches_for_it(library) -> None:
    app = NewsReaderApp(library, query="zelensky", now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(pilot, lambda: reader(app).article is not None)
        await pilot.press("tab", "q")
        panel = app.screen.query_one(QuotesPanel)
        panel.query_one("TabbedContent").active = "tab-entities"
        entities = panel.query_one("#entities-list", OptionList)
        entities.focus()
        await pilot.pause()
        await pilot.press("enter")
        search_bar = app.screen.query_one(SearchBar)
        await wait_for(pilot, lambda: ":" in search_bar.value)
        assert search_bar.value.split(":")[0] in {"person", "org", "place", "entity"}
        await wait_for(pilot, lambda: app.screen.status.total is not None)
        assert app.screen.status.query == search_bar.value
        assert app.screen.status.total >= 1


async def test_y_copies_the_quote_and_o_copies_the_target_over_ssh(library, monkeypatch) -> None:
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.1 5000 10.0.0.2 22")
    app = NewsReaderApp(library, query="zelensky", now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(pilot, lambda: reader(app).article is not None)
        article = reader(app).article
        await pilot.press("tab", "q", "y")
        quote = app.screen.query_one(QuotesPanel).current_quote
        assert quote is not None
        assert app.clipboard.endswith(f"({article.title}, {article.date.isoformat()})")
        assert (quote.speaker or "unknown speaker") in app.clipboard
        await pilot.press("escape", "o")
        assert app.clipboard == (article.url or article.path)


async def test_narrow_quotes_panel_takes_the_screen_and_returns_to_the_quote(library) -> None:
    app = NewsReaderApp(library, now=NOW)
    async with app.run_test(size=NARROW) as pilot:
        await search(pilot, app, "zelensky")
        await pilot.press("enter", "q")
        panel = app.screen.query_one(QuotesPanel)
        await wait_for(pilot, lambda: panel.region.width > 70)
        assert reader(app).region.width == 0
        await pilot.press("enter")
        await wait_for(pilot, lambda: reader(app).region.width > 70)
        assert not panel.display and app.focused is reader(app)
        assert reader(app).highlights.quote


async def test_the_closed_panel_catches_up_with_the_article_when_opened(library) -> None:
    app = NewsReaderApp(library, query="zelensky", now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(pilot, lambda: reader(app).article is not None)
        first = reader(app).article.id
        await pilot.press("tab", "j")  # browse to the second article with the panel closed
        await wait_for(pilot, lambda: reader(app).article.id != first)
        await pilot.press("q")
        panel = app.screen.query_one(QuotesPanel)
        assert panel.article.id == reader(app).article.id
        quotes_list = panel.query_one("#quotes-list", OptionList)
        analysis = reader(app).analysis
        shown = [panel._quote_at(i) for i in range(quotes_list.option_count)]
        assert [q.start for q in shown if q] == sorted(q.start for q in analysis.quotes)
