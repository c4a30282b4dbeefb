"""One row of the results list, laid out for the width it gets: marks, date, title, source, snippet.

The title is the only part that gives way: it is cut (with an ellipsis) so that the date before it
and the source after it stay visible however narrow the list is. A column that tells the rows
apart is drawn; one that carries nothing on the loaded page is dropped and its room goes to the
title (no date on any row, or one source for every row; see `page_columns`). A row is a Textual
Visual of a known height, so the list can lay out a page of rows without rendering any of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.text import Text
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

from newsreader.index.models import ArticleState, Hit

from .article_text import TERM_STYLE, one_line, safe_text

DATE_WIDTH = 10  # "2025-01-14", "2 days ago": the widest label
SOURCE_SHARE = 4  # the source takes at most a quarter of the row
SOURCE_MIN, SOURCE_MAX = 6, 24
INDENT = "    "
HEIGHT = 2


def date_label(date: dt.date | None, now: dt.datetime | None) -> str:
    """A short date: relative within a week of `now`, else ISO."""
    if date is None:
        return "no date"
    if now is not None:
        days = (now.date() - date).days
        if days == 0:
            return "today"
        if days == 1:
            return "yesterday"
        if 1 < days < 7:
            return f"{days} days ago"
    return date.isoformat()


@dataclass(frozen=True, slots=True)
class Columns:
    """The optional columns of the rows: the date's width (0: dropped) and whether the source
    is drawn."""

    date_width: int = DATE_WIDTH
    source: bool = True


def page_columns(hits: Sequence[Hit], now: dt.datetime | None) -> Columns:
    """The columns worth their room on this page: the date unless no row has one (as wide as
    its widest label), the source unless every row has the same one (or none)."""
    dated = any(hit.date is not None for hit in hits)
    width = max((len(date_label(hit.date, now)) for hit in hits), default=0) if dated else 0
    sources = {hit.source or "" for hit in hits}
    source = bool(sources - {""}) and (len(sources) > 1 or len(hits) == 1)
    return Columns(date_width=width, source=source)


def snippet_text(hit: Hit) -> Text:
    """The hit's snippet on one line with the matched terms styled."""
    snippet = safe_text(hit.snippet).replace("\n", " ").replace("\r", " ")
    text = Text(snippet, style="italic")
    for start, end in hit.marks:
        if 0 <= start < end <= len(snippet):
            text.stylize(TERM_STYLE, start, end)
    return text


def marks_text(state: ArticleState, marked: bool) -> Text:
    """Four one-cell marks: bulk-marked, unread, starred, archived."""
    line = Text()
    line.append("+" if marked else " ", style="bold reverse" if marked else "")
    line.append("●" if not state.read else " ", style="bold")
    line.append("★" if state.starred else " ", style="bold yellow")
    line.append("A" if state.archived else " ", style="dim")
    return line


def fitted(text: Text, width: int) -> Text:
    """The text cut to width cells with an ellipsis (never wrapped)."""
    out = text.copy()
    out.no_wrap, out.overflow = True, "ellipsis"
    out.truncate(max(width, 0), overflow="ellipsis")
    return out


@dataclass(frozen=True, slots=True)
class HitLines:
    """The two lines of one hit, laid out for a given width."""

    hit: Hit
    state: ArticleState
    marked: bool
    now: dt.datetime | None
    columns: Columns = field(default_factory=Columns)

    def title_line(self, width: int) -> Text:
        """Marks, date, title and source on one line of exactly `width` cells or fewer."""
        head = marks_text(self.state, self.marked)
        head.append(" ")
        if self.columns.date_width:
            label = date_label(self.hit.date, self.now)
            head.append(label.ljust(self.columns.date_width), style="dim")
            head.append(" ")
        shown = self.hit.source if self.columns.source else None
        source = Text(safe_text(shown or ""), style="dim")
        room = max(SOURCE_MIN, min(SOURCE_MAX, width // SOURCE_SHARE))
        source = fitted(source, room) if source.plain else source
        tail = cell_len(source.plain) + 2 if source.plain else 0
        title = one_line(self.hit.title) or "(untitled)"
        title_text = Text(title, style="bold" if not self.state.read else "")
        line = head + fitted(title_text, width - cell_len(head.plain) - tail)
        if source.plain:
            line.append("  ")
            line.append_text(source)
        return fitted(line, width)

    def detail_line(self, width: int) -> Text:
        """The tags, then the snippet, indented under the title."""
        line = Text(INDENT)
        for tag in self.state.tags:
            line.append(f"#{one_line(tag)} ", style="bold")
        line.append_text(snippet_text(self.hit))
        return fitted(line, width)

    def lines(self, width: int) -> list[Text]:
        """Both lines for this width."""
        return [self.title_line(width), self.detail_line(width)]


class HitRow(Visual):
    """A results-list row: the hit's lines, drawn at whatever width the list has."""

    def __init__(
        self,
        hit: Hit,
        state: ArticleState,
        marked: bool,
        now: dt.datetime | None,
        columns: Columns | None = None,
    ) -> None:
        self.content = HitLines(hit, state, marked, now, columns or Columns())

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        """The row as strips, on the list's style for it (e.g. the highlighted row's colours)."""
        return render_lines(self.content.lines(width), width, style)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        """Rows use the whole width of the list."""
        return container_width

    def get_height(self, rules: RulesMap, width: int) -> int:
        """Always two lines: the list never has to render a row to lay it out."""
        return HEIGHT


_CONSOLE = Console(width=200, color_system="truecolor", legacy_windows=False, force_terminal=True)


def render_lines(lines: list[Text], width: int, style: Style) -> list[Strip]:
    """Rich lines as strips of `width` cells on a base style."""
    base = style.rich_style
    strips = []
    for line in lines:
        segments = Segment.apply_style(line.render(_CONSOLE), base)
        strips.append(Strip(segments).crop_extend(0, width, base))
    return strips
