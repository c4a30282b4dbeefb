"""Selecting the article's text with the mouse: what is dragged over is highlighted and is the
text copied, across paragraphs (the reader draws only the rows on screen, in chunks)."""

from __future__ import annotations

import pytest
from tui_helpers import NOW, reader, search

from newsreader.tui.app import NewsReaderApp
from newsreader.tui.widgets.article_body import ArticleBody

pytestmark = pytest.mark.anyio


async def test_dragging_over_two_paragraphs_selects_and_copies_their_text(library) -> None:
    app = NewsReaderApp(library, now=NOW)
    async with app.run_test(size=(160, 48)) as pilot:
        await search(pilot, app, "zelensky")
        body = app.screen.query_one(ArticleBody)
        text = reader(app).article.text
        second = text.index("\n\n") + 2  # where the second paragraph starts
        row = body.row_of(second)[1]
        assert row > 1
        await pilot.mouse_down(ArticleBody, offset=(4, 0))
        await pilot.hover(ArticleBody, offset=(10, row))
        await pilot.mouse_up(ArticleBody, offset=(10, row))
        selected = app.screen.get_selected_text()
        assert selected is not None
        assert selected.startswith(text[4:second])  # all of the first paragraph but 4 letters
        assert selected == text[4 : 4 + len(selected)]
        assert second + 9 <= 4 + len(selected) <= second + 11  # up to the pointer on its row
        selection = app.screen.get_component_rich_style("screen--selection")
        shown = [s for s in body.render_line(row) if s.text.strip()]
        assert shown[0].style is not None and selection.bgcolor == shown[0].style.bgcolor
        assert shown[-1].style is None or shown[-1].style.bgcolor != selection.bgcolor
        app.copy_to_clipboard("")
        await pilot.press("ctrl+c")  # copies the selection, as in every Textual app
        assert app.clipboard == selected
        assert app.is_running
