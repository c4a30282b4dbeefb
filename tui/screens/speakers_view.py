"""The speakers view: everyone quoted in the library (or the search's articles), most quoted first.

Enter lists that speaker's quotes (`SpeakerQuotesScreen`); `S` changes the order; the chart
under the list counts the highlighted speaker's quotes a month.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType

from newsreader.index.models import Speaker

from ..display.article_text import one_line
from ..display.lazy_rows import LazyRows
from ..widgets.view_table import Column, ViewTable
from .view_screen import ViewScreen

DAY = 10
SORTS: dict[str, Any] = {  # name -> key, the first is the default
    "quotes": lambda s: (-s.quotes, s.name.casefold()),
    "articles": lambda s: (-s.articles, -s.quotes, s.name.casefold()),
    "latest": lambda s: (s.last is None, -(s.last.toordinal() if s.last else 0), -s.quotes),
    "name": lambda s: (s.name.casefold(), -s.quotes),
}
CHART_DELAY = 0.3  # the cursor rests this long before its speaker's chart is read


def day(value: dt.date | None) -> str:
    return value.isoformat() if value else "—"


class SpeakersScreen(ViewScreen[list[Speaker]]):
    """Every speaker with quote and article counts and the dates of their first and last."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("S", "cycle_sort", "Sort", id="speakers.sort"),
    ]
    DEFAULT_CSS = """
    SpeakersScreen TimeChart { height: 10; }
    """
    TITLE_TEXT = "Speakers"

    def __init__(self, library: Any) -> None:
        super().__init__(library)
        self.speakers: list[Speaker] = []
        self.sort = "quotes"
        self._chart_timer: Any = None

    def compose_body(self) -> ComposeResult:
        columns = [Column("speaker"), Column("quotes", 7, "right"), Column("articles", 8, "right"),
                   Column("first", DAY), Column("last", DAY)]  # fmt: skip
        yield ViewTable(columns, id="speakers")

    @property
    def table(self) -> ViewTable:
        return self.query_one("#speakers", ViewTable)

    def focus_body(self) -> None:
        self.table.focus()

    def fetch(self, query: str, now: Any) -> list[Speaker]:
        return self.library.views.speakers(query, now=now)

    def show(self, data: list[Speaker]) -> None:
        current = self.current
        self.speakers = sorted(data, key=SORTS[self.sort])
        self.table.empty = "No speaker is quoted in these articles"
        place = next(
            (i for i, s in enumerate(self.speakers) if current and s.name == current.name), 0
        )
        self.table.show_rows(LazyRows(self.speakers, self._row), cursor=place)
        count = len(self.speakers)
        self._show_status(f"{count:,} speaker{'' if count == 1 else 's'}  sort: {self.sort}")

    @staticmethod
    def _row(s: Speaker) -> tuple[str, ...]:
        return (s.name, f"{s.quotes:,}", f"{s.articles:,}", day(s.first), day(s.last))

    @property
    def current(self) -> Speaker | None:
        index = self.table.cursor if self.is_mounted else 0
        return self.speakers[index] if 0 <= index < len(self.speakers) else None

    def action_cycle_sort(self) -> None:
        """Order by quotes, articles, latest quote or name."""
        names = list(SORTS)
        self.sort = names[(names.index(self.sort) + 1) % len(names)]
        self.show(self.speakers)

    def on_view_table_chosen(self, event: ViewTable.Chosen) -> None:
        speaker = self.speakers[event.index]
        from .speaker_quotes import SpeakerQuotesScreen

        self.app.push_screen(SpeakerQuotesScreen(self.library, speaker.name, self.query_text or ""))

    def on_view_table_highlighted(self, event: ViewTable.Highlighted) -> None:
        if self._chart_timer is not None:
            self._chart_timer.stop()
        self._chart_timer = self.set_timer(CHART_DELAY, self._chart_worker)

    @work(exclusive=True, group="chart")
    async def _chart_worker(self) -> None:
        speaker, query, now = self.current, self.query_text or "", self.news_app.now
        if speaker is None:
            return
        rows = await self.news_app.in_search_thread(
            lambda: self.library.views.quotes(query, speaker=speaker.name, now=now)
        )
        days = [r.article.date for r in rows if r.article.date is not None]
        from ..widgets.time_chart import TimeChart, per_month

        charts = self.query(TimeChart)
        chart = charts.first() if charts else TimeChart(id="speaker-chart")
        if not charts:
            await self.mount(chart, after=self.table)
        chart.show_counts(f"quotes a month: {one_line(speaker.name)}", per_month(days))
