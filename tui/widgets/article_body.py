"""The article's text in the reader, drawn only where it is on screen (Textual's Line API).

One widget for the whole text, as tall as the wrapped article: the layout (`article_layout`)
says which line of text each row shows, and only the rows the compositor asks for are styled
and wrapped, a few dozen rows at a time, and kept in a small cache. Opening, paging through or
jumping to the end of a multi-megabyte article therefore costs about what a short one does.
Rows look exactly as one `Static` per paragraph drew them before (a blank row after each
paragraph, subheadings bold and underlined, on the paragraph they head).

Mouse selection works on the whole text: every cell carries its offset in the article (Textual
reads it to know what the pointer is on), so a selection is a range of the article's text,
drawn and copied as such, across paragraphs and cached chunks alike.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style as RichStyle
from rich.text import Text
from textual.cache import LRUCache
from textual.geometry import Size
from textual.selection import Selection
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
        selected = self._selected_range()
        return strips[within] if selected is None else self._highlight(strips[within], *selected)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The selected part of the article, as it is shown (see the module's docstring)."""
        start, end = _text_range(selection, len(self._text))
        return self._text[start:end], "\n"

    def _selected_range(self) -> tuple[int, int] | None:
        """The article range the user selected with the mouse, if any."""
        selection = self.text_selection
        return None if selection is None else _text_range(selection, len(self._text))

    def _highlight(self, strip: Strip, start: int, end: int) -> Strip:
        """The row with the characters of the article range [start, end) in selection style."""
        style = self.screen.get_component_rich_style("screen--selection")
        segments: list[Segment] = []
        for segment in strip:
            offset = segment.style.meta.get("offset") if segment.style else None
            low, high = (start - offset[0], end - offset[0]) if offset else (0, 0)
            text = segment.text
            if not offset or high <= 0 or low >= len(text):
                segments.append(segment)
                continue
            low, high = max(low, 0), min(high, len(text))
            base = segment.style
            segments += [Segment(text[:low], base), Segment(text[low:high], base + style)]
            segments.append(Segment(text[high:], base))
        return Strip([s for s in segments if s.text], strip.cell_length)

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
        strips = Visual.to_strips(
            self, visualize(self, styled), width, None, style, apply_selection=False
        )
        strips = [_offsets_from(strip, start) for strip in strips]
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


def _offsets_from(strip: Strip, start: int) -> Strip:
    """The strip with each cell's offset in the chunk made its offset in the article: (x, 0)."""
    segments = []
    for segment in strip:
        meta = segment.style.meta if segment.style else {}
        if "offset" in meta:
            x, _y = meta["offset"]
            moved = RichStyle.from_meta({"offset": (start + x, 0)})
            segment = Segment(segment.text, segment.style + moved)  # type: ignore[operator]
        segments.append(segment)
    return Strip(segments, strip.cell_length)


def _text_range(selection: Selection, length: int) -> tuple[int, int]:
    """[start, end) in the article of a selection (None ends: from the start, to the end)."""
    start = 0 if selection.start is None else min(selection.start.x, length)
    end = length if selection.end is None else min(selection.end.x, length)
    return start, max(start, end)
