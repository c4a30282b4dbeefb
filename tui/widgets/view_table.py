"""A table that draws only the rows on screen: the library views list tens of thousands of rows.

Textual's DataTable and OptionList measure and build every row when it is added (seconds for
30,000 quotes); this keeps the rows as plain tuples of text and renders a line when Textual asks
for it (the Line API of `ScrollView`), so filling it costs nothing whatever its length.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Literal

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..display.article_text import one_line

GAP = 2  # columns between two cells


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its heading, a fixed width (None: it shares what is left), alignment, and the
    table width from which it is shown at all (narrow terminals keep the columns that matter)."""

    title: str
    width: int | None = None
    justify: Literal["left", "right"] = "left"
    shown_from: int = 0


class ViewTable(ScrollView, can_focus=True):
    """Rows of text under a heading line, one cursor row; Enter chooses it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "move(1)", "Down", show=False, id="table.down"),
        Binding("k,up", "move(-1)", "Up", show=False, id="table.up"),
        Binding("pagedown,space", "page(1)", "Page down", show=False, id="table.page_down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="table.page_up"),
        Binding("g,home", "jump(0)", "Top", show=False, id="table.top"),
        Binding("G,end", "jump(-1)", "Bottom", show=False, id="table.bottom"),
        Binding("enter", "choose", "Open", id="table.open"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"view-table--header", "view-table--cursor"}
    DEFAULT_CSS = """
    ViewTable {
        height: 1fr;
        scrollbar-size-vertical: 1;
        overflow-x: hidden;
    }
    ViewTable > .view-table--header { text-style: bold; background: $panel; }
    ViewTable > .view-table--cursor { background: $block-cursor-blurred-background; }
    ViewTable:focus > .view-table--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    ViewTable:ansi > .view-table--cursor { text-style: reverse; background: ansi_default; }
    ViewTable:nocolor > .view-table--cursor { text-style: underline; }
    ViewTable:nocolor:focus > .view-table--cursor { text-style: bold reverse; }
    """

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class Highlighted(Message):
        """The cursor moved to a row."""

        def __init__(self, table: ViewTable, index: int) -> None:
            super().__init__()
            self.table, self.index = table, index

        @property
        def control(self) -> ViewTable:
            return self.table

    class Chosen(Message):
        """Enter was pressed on a row."""

        def __init__(self, table: ViewTable, index: int) -> None:
            super().__init__()
            self.table, self.index = table, index

        @property
        def control(self) -> ViewTable:
            return self.table

    def __init__(self, columns: Sequence[Column], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.columns = tuple(columns)
        self.rows: Sequence[tuple[str, ...]] = ()
        self.empty = "Nothing to list"

    def show_rows(self, rows: Sequence[tuple[str, ...]], *, cursor: int = 0) -> None:
        """Replace the rows (cells are data: shown as text, one line each) and place the cursor.
        The rows are kept as given, so a `LazyRows` formats only the rows drawn."""
        self.rows = rows
        self.virtual_size = Size(self.size.width, len(self.rows) + 1)
        self.cursor = max(0, min(cursor, len(self.rows) - 1))
        self.refresh()

    def watch_cursor(self, index: int) -> None:
        body = max(1, self.scrollable_content_region.height - 1)
        if index < self.scroll_y:
            self.scroll_to(y=index, animate=False, immediate=True)
        elif index >= self.scroll_y + body:
            self.scroll_to(y=index - body + 1, animate=False, immediate=True)
        self.refresh()
        if self.rows:
            self.post_message(self.Highlighted(self, index))

    def action_move(self, step: int) -> None:
        if self.rows:
            self.cursor = max(0, min(len(self.rows) - 1, self.cursor + step))

    def action_page(self, step: int) -> None:
        self.action_move(step * max(1, self.scrollable_content_region.height - 2))

    def action_jump(self, index: int) -> None:
        if self.rows:
            self.cursor = index % len(self.rows)

    def action_choose(self) -> None:
        if self.rows:
            self.post_message(self.Chosen(self, self.cursor))

    def on_click(self, event: events.Click) -> None:
        """A click puts the cursor on its row; a double click chooses it."""
        if event.y >= 1 and self.rows:
            self.cursor = min(len(self.rows) - 1, int(self.scroll_y) + event.y - 1)
            if event.chain == 2:
                self.action_choose()

    def widths(self, total: int) -> list[int]:
        """Each column's width at a table width: fixed ones as asked, the rest share it; 0 for a
        column the table is too narrow to show."""
        shown = [c for c in self.columns if total >= c.shown_from]
        fixed = sum(c.width or 0 for c in shown) + GAP * (len(shown) - 1)
        share = max(8, (total - fixed) // max(1, sum(c.width is None for c in shown)))
        return [
            0 if total < c.shown_from else c.width if c.width is not None else share
            for c in self.columns
        ]

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            cells = tuple(c.title for c in self.columns)
            return self._strip(cells, self.get_component_rich_style("view-table--header"), width)
        index = int(self.scroll_y) + y - 1
        if not self.rows:
            return self._strip((self.empty,) if y == 1 else (), Style(italic=y == 1), width)
        if index >= len(self.rows):
            return Strip.blank(width, self.rich_style)
        style = (
            self.get_component_rich_style("view-table--cursor") if index == self.cursor else None
        )
        return self._strip(self.rows[index], style or self.rich_style, width)

    def _strip(self, cells: tuple[str, ...], style: Style, width: int) -> Strip:
        line = Text(style=style, no_wrap=True, end="")
        if len(cells) == 1 and len(self.columns) > 1 and not self.rows:
            line.append(one_line(cells[0]))
        else:
            sizes = self.widths(width)
            first = True
            for column, size, cell in zip(self.columns, sizes, cells, strict=False):
                if size:
                    line.append("" if first else " " * GAP)
                    line.append(_fitted(one_line(cell), size, column.justify))
                    first = False
        line.truncate(width, overflow="ellipsis", pad=True)
        return Strip(list(line.render(self.app.console)), width).simplify()

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.rows) + 1)


def _fitted(text: str, width: int, justify: str) -> str:
    """The text cut with an ellipsis, or padded, to exactly `width` cells."""
    if cell_len(text) > width:
        cut = Text(text)
        cut.truncate(max(1, width), overflow="ellipsis")
        text = cut.plain
    pad = " " * max(0, width - cell_len(text))
    return pad + text if justify == "right" else text + pad
