"""The claims view: numeric claims side by side, grouped by what they count.

The groups ("soldiers", "%", "GBP") are on the left, the highlighted group's claims on the
right (hedge, value as written for reading, sentence, article, date) over a chart of their
values by date. `S` orders the claims by date or value; Enter on a claim opens its article there.
The groups are read for the query; a group's claims when the cursor comes to it, on the search
thread, sorted there, and formatted only as they are drawn: the whole library holds tens of
thousands. Newest first, the first 500 are read with the groups and drawn with them; the rest
in parts, in the background, once the keys have settled.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical

from newsreader.index.faults import LibraryError
from newsreader.index.models import ClaimGroup, ClaimRow

from ..display.article_text import one_line
from ..display.lazy_rows import LazyRows
from ..widgets.view_table import Column, ViewTable
from .article_view import ArticleScreen
from .speakers_view import DAY, day
from .view_screen import ViewScreen

if TYPE_CHECKING:
    from newsreader.index.claim_pages import ClaimPages

ALL = "all claims"
FIRST = object()  # before the first read: the cursor goes to the largest group
FIRST_ROWS = 500  # claims read first, newest first: screenfuls while the rest are read
REST_ROWS = 2000  # claims read at once after them: a few milliseconds on the search thread
SETTLE = 0.3  # seconds without a new query, group or order before the rest are read


def _value(row: ClaimRow) -> float:
    c = row.claim
    return next((v for v in (c.value, c.low, c.high) if v is not None), 0.0)


def _newest(row: ClaimRow) -> tuple:
    date = row.article.date
    return date is None, -(date.toordinal() if date else 0), row.article.id, row.claim.start


SORTS: dict[str, Any] = {  # name -> key, the first is the default
    "newest": _newest,
    "oldest": lambda r: (r.article.date is None, r.article.date or 0, r.claim.start),
    "largest": lambda r: (-_value(r), _newest(r)),
    "smallest": lambda r: (_value(r), _newest(r)),
}


Wanted = tuple[str, "str | None", str]  # (query, group, sort) of a group's claims


@dataclass(frozen=True, slots=True)
class FirstClaims:
    """The newest claims of the group a query's groups will highlight, read with the groups:
    the view shows both at once instead of asking for the claims once the groups are drawn."""

    wanted: Wanted
    pages: ClaimPages  # the rest are read from it
    rows: list[ClaimRow]


@dataclass(frozen=True, slots=True)
class ClaimsData:
    """What the claims view reads for a query: the groups, and how many claims in how many
    articles in all (claims that count no unit are in no group)."""

    groups: list[ClaimGroup]
    claims: int
    articles: int
    first: FirstClaims | None = None


class ClaimsScreen(ViewScreen[ClaimsData]):
    """Groups of claims and the claims of the highlighted group, with a chart of their values."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("S", "cycle_sort", "Sort", id="claims.sort"),
    ]
    DEFAULT_CSS = """
    ClaimsScreen #claim-groups { width: 30%; min-width: 26; max-width: 38; margin-right: 2; }
    ClaimsScreen #claims-side { width: 1fr; }
    ClaimsScreen TimeChart { height: 10; }
    """
    TITLE_TEXT = "Claims"

    def __init__(self, library: Any) -> None:
        super().__init__(library)
        self.data = ClaimsData([], 0, 0)
        self.groups: list[str | None] = []  # None: all claims
        self.rows: Sequence[ClaimRow] = ()  # the highlighted group's, in the order shown
        # (query, group, sort) of the rows shown, and of the rows once all are read
        self.rows_shown: tuple[str, str | None, str] | None = None
        self.rows_group: tuple[str, str | None, str] | None = None
        self.rows_reading: Wanted | None = None  # what the claims worker is reading
        self.sort = "newest"
        self._placed: object = FIRST  # the group highlighted when a load began
        self._changed = 0.0  # when the query, group or order last changed (monotonic)

    def compose_body(self) -> ComposeResult:
        counts = [Column("counts"), Column("claims", 6, "right"), Column("articles", 8, "right")]
        claims = [
            Column("hedge", 10, shown_from=60), Column("value", 10, "right"), Column("claim"),
            Column("article", shown_from=90), Column("date", DAY),
        ]  # fmt: skip
        with Horizontal():
            yield ViewTable(counts, id="claim-groups")
            with Vertical(id="claims-side"):
                yield ViewTable(claims, id="claims")

    @property
    def group_table(self) -> ViewTable:
        return self.query_one("#claim-groups", ViewTable)

    @property
    def claim_table(self) -> ViewTable:
        return self.query_one("#claims", ViewTable)

    def focus_body(self) -> None:
        self.group_table.focus()

    def on_screen_resume(self) -> None:
        # Shown again: the rest of a group waits until the keys settle here too (ViewScreen's
        # handler runs after this one, as Textual calls each class's).
        self._changed = time.monotonic()

    def load(self, query: str) -> None:
        self._placed = self.current_group if self.groups else FIRST  # read here, not off the loop
        self._changed = time.monotonic()
        super().load(query)

    def fetch(self, query: str, now: Any) -> ClaimsData:
        views = self.library.views
        groups = views.claim_groups(query, now=now)
        data = ClaimsData(groups, *views.claim_count(query, now=now))
        if self.sort != "newest":  # the others need all the claims: the worker reads them
            return data
        names: list[str | None] = [None, *(g.name for g in groups)]
        # The group `show` will highlight: the one highlighted before if still there.
        group = next((n for n in names if n == self._placed), names[min(1, len(groups))])
        pages = views.claim_pages(query, group=group, now=now)
        first = FirstClaims((query, group, self.sort), pages, pages.read(FIRST_ROWS))
        return dataclasses.replace(data, first=first)

    def show(self, data: ClaimsData) -> None:
        current = self.current_group if self.groups else FIRST
        self.data = data
        self.groups = [None, *(g.name for g in data.groups)]
        rows = [(ALL, f"{data.claims:,}", f"{data.articles:,}")]
        rows += [(g.name, f"{g.claims:,}", f"{g.articles:,}") for g in data.groups]
        place = self.groups.index(current) if current in self.groups else min(1, len(data.groups))
        self.rows_group = self.rows_shown = self.rows_reading = None
        self.group_table.show_rows(rows, cursor=place)
        first = data.first
        if first is not None and self._still(first.wanted):  # read with the groups: shown now
            self._show_rows(first.rows, first.wanted, complete=first.pages.done)
            if not first.pages.done:
                self.rows_reading = first.wanted
                self._claims_worker(first.wanted, (first.pages, first.rows))
        self._show_claims()
        self._status()

    def _status(self) -> None:
        count = self.data.claims
        self._show_status(f"{count:,} claim{'' if count == 1 else 's'}  sort: {self.sort}")

    @property
    def current_group(self) -> str | None:
        index = self.group_table.cursor if self.is_mounted else 0
        return self.groups[index] if 0 <= index < len(self.groups) else None

    def _show_claims(self) -> None:
        """Read the highlighted group's claims (unless they are shown or being read already)
        and show them."""
        wanted = (self.query_text or "", self.current_group, self.sort)
        self._changed = time.monotonic()
        if wanted not in (self.rows_group, self.rows_reading):
            self.rows_reading = wanted
            self._claims_worker(wanted)

    @work(exclusive=True, group="claims")
    async def _claims_worker(
        self, wanted: Wanted, started: tuple[ClaimPages, list[ClaimRow]] | None = None
    ) -> None:
        """Newest first, the first screenfuls are shown at once (``started``: read and shown
        already); the rest (a group holds up to tens of thousands) are read after them, once
        the keys have settled, in parts, each its own call on the search thread, so that a
        query typed or a group picked meanwhile waits for one part at most: the reading stops
        once the claims are no longer wanted. Other orders need them all at once."""
        query, group, sort = wanted
        now, views, search = self.news_app.now, self.library.views, self.news_app.in_search_thread
        try:
            if started is None:
                pages = await search(lambda: views.claim_pages(query, group=group, now=now))
                found = await search(lambda: pages.read(FIRST_ROWS))
                if sort == "newest":
                    if not self._still(wanted):
                        return
                    self._show_rows(found, wanted, complete=pages.done)
            else:
                pages, found = started
            found = list(found)  # the rows shown stay as they are while more are read
            while not pages.done:
                if sort == "newest":  # shown already: the rest can wait; other orders cannot
                    await self._settled()
                if not self._still(wanted):
                    return
                found += await search(lambda: pages.read(REST_ROWS))
            if sort != "newest":
                found = await search(lambda: sorted(found, key=SORTS[sort]))
        except LibraryError as problem:
            self.rows_reading = None
            self.notify(str(problem), severity="error", timeout=8)
            return
        if self._still(wanted) and self.rows_group != wanted:  # not shown whole above
            self._show_rows(found, wanted, complete=True)

    async def _settled(self) -> None:
        """Wait while the view is hidden, or was shown again only just, or its keys are still
        moving: the rest of a group is read in the background, and reading it took the
        processor from the keys typed and the views shown meanwhile (both threads need
        Python's lock), for nothing if the query or the group moved on."""
        while not self.is_current or time.monotonic() - self._changed < SETTLE:
            await asyncio.sleep(SETTLE / 3)

    def _still(self, wanted: tuple[str, str | None, str]) -> bool:
        """Whether the claims read are still those wanted: the cursor, the query or the order
        may have moved on meanwhile."""
        return wanted == (self.query_text or "", self.current_group, self.sort)

    def _show_rows(
        self, found: list[ClaimRow], wanted: tuple[str, str | None, str], *, complete: bool
    ) -> None:
        cursor = self.claim_table.cursor if self.rows_shown == wanted else 0
        self.rows, self.rows_shown = found, wanted
        self.claim_table.empty = "No numeric claims in these articles"
        self.claim_table.show_rows(LazyRows(found, _row), cursor=cursor)
        if complete:
            self.rows_group = wanted
            self._chart(wanted[1])

    def on_view_table_highlighted(self, event: ViewTable.Highlighted) -> None:
        if event.table is self.group_table and self.groups:
            self._show_claims()

    def on_view_table_chosen(self, event: ViewTable.Chosen) -> None:
        if event.table is self.group_table:
            self.claim_table.focus()
            return
        row = self.rows[event.index]
        spans = ((row.claim.start, row.claim.end),)
        self.app.push_screen(ArticleScreen(self.library, row.article.id, spans))

    def action_cycle_sort(self) -> None:
        """Order the claims newest, oldest, largest or smallest first."""
        names = list(SORTS)
        self.sort = names[(names.index(self.sort) + 1) % len(names)]
        self._show_claims()
        self._status()

    @work(exclusive=True, group="chart")
    async def _chart(self, group: str | None) -> None:
        """The group's values by date; no chart for all claims (they count different things).
        The points of tens of thousands of claims are gathered on a thread: on the event loop
        that held up the keys for 60 ms."""
        from ..widgets.time_chart import TimeChart, spread

        side = self.query_one("#claims-side", Vertical)
        charts = self.query(TimeChart)
        if group is None:
            if charts:
                charts.first().display = False
            return
        chart = charts.first() if charts else TimeChart(id="claims-chart")
        if not charts:
            await side.mount(chart)
        chart.display = True
        scale = 100 if group == "%" else 1  # percentages are stored as fractions
        rows = self.rows
        points = await asyncio.to_thread(
            lambda: spread((r.article.date, _value(r) * scale) for r in rows if r.article.date)
        )
        if rows is self.rows:  # else other claims are shown now: their chart comes next
            chart.show_values(f"{one_line(group)} by date", points)


def _row(row: ClaimRow) -> tuple[str, ...]:
    c = row.claim
    return (
        c.hedge or "",
        row.shown,
        c.sentence or c.text,
        row.article.title,
        day(row.article.date),
    )
