"""The sources view: every source with its article and unread counts; Enter searches it. A feed
whose last fetch failed is marked, and its error shown (in a column on a wide screen, in the
header when its row is highlighted)."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult

from newsreader.index.models import SourceCount

from ..widgets.view_table import Column, ViewTable
from .speakers_view import DAY, day
from .view_screen import ViewScreen

NO_SOURCE = "(no source)"
FAILED = "\u2717 "  # marks a source whose feed failed the last time it was fetched
ERROR_COLUMN_FROM = 100  # table width from which the error has a column of its own


COLUMNS = (Column("source"), Column("articles", 8, "right"), Column("unread", 8, "right"),
           Column("first", DAY), Column("last", DAY))  # fmt: skip
# Only while some feed is failing: an empty column would say nothing.
ERROR_COLUMN = Column("feed error", shown_from=ERROR_COLUMN_FROM)


def source_cell(source: SourceCount) -> str:
    """The source's name, marked when its feed is failing."""
    return (FAILED if source.feed_error else "") + (source.name or NO_SOURCE)


def source_query(name: str) -> str:
    """The search for one source's articles: `source:"Reuters Business"`."""
    words = name.replace('"', " ").split()
    return f'source:"{" ".join(words)}"' if len(words) > 1 else f"source:{words[0]}"


class SourcesScreen(ViewScreen[list[SourceCount]]):
    """Every source of the articles the query finds, the most articles first."""

    TITLE_TEXT = "Sources"

    def __init__(self, library: Any) -> None:
        super().__init__(library)
        self.sources: list[SourceCount] = []

    def compose_body(self) -> ComposeResult:
        yield ViewTable(COLUMNS, id="sources")

    @property
    def table(self) -> ViewTable:
        return self.query_one("#sources", ViewTable)

    def focus_body(self) -> None:
        self.table.focus()

    def fetch(self, query: str, now: Any) -> list[SourceCount]:
        return self.library.views.sources(query, now=now)

    def show(self, data: list[SourceCount]) -> None:
        self.sources = data
        self.table.empty = "No articles"
        self.table.columns = COLUMNS + (ERROR_COLUMN,) * any(s.feed_error for s in data)
        self.table.show_rows(
            [(source_cell(s), f"{s.articles:,}", f"{s.unread:,}", day(s.first), day(s.last),
              s.feed_error or "") for s in data]
        )  # fmt: skip
        self._show_status(self._counted())

    def _counted(self) -> str:
        failing = sum(bool(s.feed_error) for s in self.sources)
        counted = f"{len(self.sources):,} source{'' if len(self.sources) == 1 else 's'}"
        return counted + (f", {failing} feed{'s' * (failing != 1)} failing" if failing else "")

    def on_view_table_highlighted(self, event: ViewTable.Highlighted) -> None:
        error = self.sources[event.index].feed_error if event.index < len(self.sources) else None
        self._show_status(f"{self._counted()} \u00b7 {FAILED}{error}" if error else self._counted())

    def on_view_table_chosen(self, event: ViewTable.Chosen) -> None:
        source = self.sources[event.index]
        if source.name is None or not source.name.split():
            self.notify("These articles have no source to search for", severity="warning")
            return
        self.news_app.view_switch.search_articles(source_query(source.name))
