"""The sources view: every source with its article and unread counts; Enter searches it."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult

from newsreader.index.models import SourceCount

from ..widgets.view_table import Column, ViewTable
from .speakers_view import DAY, day
from .view_screen import ViewScreen

NO_SOURCE = "(no source)"


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
        columns = [Column("source"), Column("articles", 8, "right"), Column("unread", 8, "right"),
                   Column("first", DAY), Column("last", DAY)]  # fmt: skip
        yield ViewTable(columns, id="sources")

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
        self.table.show_rows(
            [(s.name or NO_SOURCE, f"{s.articles:,}", f"{s.unread:,}", day(s.first), day(s.last))
             for s in data]
        )  # fmt: skip
        self._show_status(f"{len(data):,} source{'' if len(data) == 1 else 's'}")

    def on_view_table_chosen(self, event: ViewTable.Chosen) -> None:
        source = self.sources[event.index]
        if source.name is None or not source.name.split():
            self.notify("These articles have no source to search for", severity="warning")
            return
        self.news_app.view_switch.search_articles(source_query(source.name))
