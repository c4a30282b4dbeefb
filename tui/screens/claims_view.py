"""The claims view: numeric claims side by side, grouped by what they count.

The groups ("soldiers", "%", "GBP") are on the left, the highlighted group's claims on the
right (hedge, value as written for reading, sentence, article, date) over a chart of their
values by date. `S` orders the claims by date or value; Enter on a claim opens its article there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical

from newsreader.index.models import ClaimGroup, ClaimRow

from ..display.article_text import one_line
from ..widgets.view_table import Column, ViewTable
from .article_view import ArticleScreen
from .speakers_view import DAY, day
from .view_screen import ViewScreen

ALL = "all claims"


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


@dataclass(frozen=True, slots=True)
class ClaimsData:
    """What the claims view reads for a query: the groups and every claim."""

    groups: list[ClaimGroup]
    claims: list[ClaimRow]


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
        self.data = ClaimsData([], [])
        self.groups: list[str | None] = []  # None: all claims
        self.rows: list[ClaimRow] = []
        self.sort = "newest"

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

    def fetch(self, query: str, now: Any) -> ClaimsData:
        views = self.library.views
        return ClaimsData(views.claim_groups(query, now=now), views.claims(query, now=now))

    def show(self, data: ClaimsData) -> None:
        current = self.current_group
        self.data = data
        self.groups = [None, *(g.name for g in data.groups)]
        articles = len({r.article.id for r in data.claims})
        rows = [(ALL, f"{len(data.claims):,}", f"{articles:,}")]
        rows += [(g.name, f"{g.claims:,}", f"{g.articles:,}") for g in data.groups]
        place = self.groups.index(current) if current in self.groups else 0
        self.group_table.show_rows(rows, cursor=place)
        self._show_claims()
        count = len(data.claims)
        self._show_status(f"{count:,} claim{'' if count == 1 else 's'}  sort: {self.sort}")

    @property
    def current_group(self) -> str | None:
        index = self.group_table.cursor if self.is_mounted else 0
        return self.groups[index] if 0 <= index < len(self.groups) else None

    def _show_claims(self) -> None:
        group = self.current_group
        rows = [r for r in self.data.claims if group is None or r.group == group]
        self.rows = sorted(rows, key=SORTS[self.sort])
        self.claim_table.empty = "No numeric claims in these articles"
        self.claim_table.show_rows([_row(r) for r in self.rows])
        self._chart(group)

    def on_view_table_highlighted(self, event: ViewTable.Highlighted) -> None:
        if event.table is self.group_table:
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
        count = len(self.data.claims)
        self._show_status(f"{count:,} claim{'' if count == 1 else 's'}  sort: {self.sort}")

    @work(exclusive=True, group="chart")
    async def _chart(self, group: str | None) -> None:
        """The group's values by date; no chart for all claims (they count different things)."""
        from ..widgets.time_chart import TimeChart

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
        points = [(r.article.date, _value(r) * scale) for r in self.rows if r.article.date]
        chart.show_values(f"{one_line(group)} by date", sorted(points))


def _row(row: ClaimRow) -> tuple[str, ...]:
    c = row.claim
    return (
        c.hedge or "",
        row.shown,
        c.sentence or c.text,
        row.article.title,
        day(row.article.date),
    )
