"""The article's text in the reader, drawn only where it is on screen (Textual's Line API).

One widget for the whole text, as tall as the wrapped article: the layout (`article_layout`)
says which line of text each row shows, and only the rows the compositor asks for are styled
and wrapped, a few dozen rows at a time, and kept in a small cache. Opening, paging through or
jumping to the end of a multi-megabyte article therefore costs about what a short one does.
Rows look exactly as one `Static` per paragraph drew them before (a blank row after each
paragraph, subheadings bold and underlined, on the paragraph they head).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.style import Style as RichStyle
from rich.text import Text
from textual.cache import LRUCache
from textual.geometry import Size
from textual.strip import Strip
from textual.visual import Visual, visualize
from textual.widget import Widget

from ..display.article_layout import Layout, Line, layout, lines_of, row_starts
from ..display.article_text import Block, safe_text

CHUNK_ROWS = 48  # rows styled and wrapped together: a screenful or two
MIN_WIDTH = 8
Styler = Callable[[Block], Text]


class ArticleBody(Widget):
    """The paragraphs of one article; `show` replaces them, `restyle` redraws the highlights."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"article-body--heading"}
    DEFAULT_CSS = """
    ArticleBody {
        height: auto;
        & > .article-body--heading {
            text-style: bold underline;
        }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = ""
        self._lines: list[Line] = []
        self._starts: list[int] = []
        self._styler: Styler | None = None
        # Textual asks for the height without and then with the scrollbar: two widths.
        self._layouts: LRUCache[int, Layout] = LRUCache(4)
        self._chunks: LRUCache[tuple[int, int, int], list[Strip]] = LRUCache(64)
        self._row_starts: LRUCache[tuple[int, int], list[int]] = LRUCache(16)

    def show(self, text: str, blocks: Sequence[Block], styler: Styler) -> None:
        """Show the blocks of `text`, each part styled by `styler` when it is drawn."""
        self._text = safe_text(text)
        self._lines = lines_of(self._text, blocks)
        self._starts = [line.start for line in self._lines]
        self._styler = styler
        self._layouts.clear()
        self._chunks.clear()
        self._row_starts.clear()
        self.refresh(layout=True)

    def clear(self) -> None:
        """Show nothing."""
        self.show("", [], lambda block: Text())

    def restyle(self) -> None:
        """Draw again with what the styler gives now (a highlight layer or mark changed)."""
        self._chunks.clear()
        self.refresh()

    def layout_at(self, width: int) -> Layout:
        """The rows of the text at a width, computed once per width."""
        # Before the pane has a width, rows one character wide would cost minutes on a long
        # article; no pane narrower than MIN_WIDTH is readable anyway.
        width = max(width, MIN_WIDTH)
        found = self._layouts.get(width)
        if found is None:
            found = self._layouts[width] = layout(self._text, self._lines, self._starts, width)
        return found

    def row_of(self, offset: int) -> tuple[int, int]:
        """(row of the offset's block start, row of the offset) at the current width."""
        current = self.layout_at(self.size.width)
        if not self._lines:
            return 0, 0
        index = current.line_at(offset)
        return current.block_top(index), current.row_of(self._text, offset)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self.layout_at(width).height

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        where = self.layout_at(width).locate(y) if width >= MIN_WIDTH else None
        if where is None:
            return self._blank(width)
        index, row = where
        strips = self._chunk(index, row // CHUNK_ROWS, width)
        within = row % CHUNK_ROWS
        if within >= len(strips):  # cannot happen while layout and wrapping agree
            return self._blank(width)
        return strips[within]

    def _blank(self, width: int) -> Strip:
        """An empty row on the reader's background (no colour of its own, as a margin)."""
        return Strip.blank(width, RichStyle(bgcolor=self.visual_style.rich_style.bgcolor))

    def _chunk(self, index: int, chunk: int, width: int) -> list[Strip]:
        """The strips of rows [chunk * CHUNK_ROWS, +CHUNK_ROWS) of line `index`."""
        key = (width, index, chunk)
        cached = self._chunks.get(key)
        if cached is not None:
            return cached
        line = self._lines[index]
        start, end = self._rows_range(index, chunk, width)
        assert self._styler is not None
        styled = self._styler(Block(start, end, line.heading))
        style = (
            self.get_visual_style("article-body--heading") if line.heading else self.visual_style
        )
        strips = Visual.to_strips(self, visualize(self, styled), width, None, style)
        self._chunks[key] = strips
        return strips

    def _rows_range(self, index: int, chunk: int, width: int) -> tuple[int, int]:
        """The text range of one chunk of rows of a line; the whole line when it is short."""
        line = self._lines[index]
        if self.layout_at(width).rows[index] <= CHUNK_ROWS:
            return line.start, line.end
        starts = self._row_starts.get((width, index))
        if starts is None:
            starts = row_starts(self._text[line.start : line.end], width)
            self._row_starts[(width, index)] = starts
        first, after = chunk * CHUNK_ROWS, (chunk + 1) * CHUNK_ROWS
        start = line.start + starts[first]
        if after >= len(starts):
            return start, line.end
        # Wrapping drops the spaces that end a row; a chunk ending mid-line must drop them too.
        end = line.start + starts[after]
        while end > start and self._text[end - 1].isspace():
            end -= 1
        return start, end
