"""The results row: date and source stay visible next to a long title, at any width."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from rich.cells import cell_len
from textual.style import Style
from tui_helpers import NOW

from newsreader.index.models import ArticleState, Hit
from newsreader.tui.display.hit_row import DATE_WIDTH, HEIGHT, HitRow, date_label

LONG_TITLE = (
    "Ukraine's president Volodymyr Zelensky says talks with allies on air defence "
    "and long-range weapons will continue through the winter"
)


def hit(title: str = LONG_TITLE, source: str | None = "Reuters") -> Hit:
    return Hit(
        id="a1",
        title=title,
        date=dt.date(2024, 12, 30),
        source=source,
        path=None,
        score=1.0,
        snippet="the zelensky government said on Monday that it would",
        marks=((4, 12),),
    )


def rendered(row: HitRow, width: int) -> list[str]:
    """The row drawn at this width, as text; every strip is exactly the width."""
    strips = row.render_strips(width, None, Style(), None)  # type: ignore[arg-type]
    assert len(strips) == HEIGHT == row.get_height(None, width)  # type: ignore[arg-type]
    assert all(strip.cell_length == width for strip in strips)
    return [strip.text for strip in strips]


@pytest.mark.parametrize("width", [40, 60, 80, 160])
def test_date_title_and_source_fit_the_width(width: int) -> None:
    title, detail = rendered(HitRow(hit(), ArticleState(), False, NOW), width)
    assert cell_len(title) <= width and cell_len(detail) <= width
    assert title.startswith(" ●   2024-12-30 Ukraine")
    assert title.rstrip().endswith("Reuters")
    assert "…" in title or width >= 160
    assert detail.startswith("    the zelensky")


def test_a_short_title_is_not_cut() -> None:
    title, _ = rendered(HitRow(hit("Short one"), ArticleState(read=True), False, NOW), 60)
    assert title.rstrip() == "     2024-12-30 Short one  Reuters"


def test_marks_tags_and_missing_source() -> None:
    state = ArticleState(read=True, starred=True, archived=True, tags=("ukraine", "defence"))
    title, detail = rendered(HitRow(hit(source=None), state, True, NOW), 60)
    assert title.startswith("+ ★A 2024-12-30 Ukraine")
    assert title.rstrip().endswith("…")
    assert detail.startswith("    #ukraine #defence the zelensky")


def test_a_long_source_takes_at_most_a_quarter_of_the_row() -> None:
    title, _ = rendered(
        HitRow(hit(source="Agence France-Presse Wire Service"), ArticleState(), False, NOW), 60
    )
    source_part = title.rstrip().rsplit("  ", 1)[1]
    assert source_part.startswith("Agence") and source_part.endswith("…")
    assert cell_len(source_part) <= 60 // 4


def test_relative_dates_are_padded_to_one_width() -> None:
    labels = [date_label(NOW.date() - dt.timedelta(days=d), NOW) for d in (0, 1, 3, 30)]
    assert labels == ["today", "yesterday", "3 days ago", "2024-12-15"]
    assert all(len(label) <= DATE_WIDTH for label in labels)
    assert date_label(None, NOW) == "no date"


def test_page_columns_drop_what_every_row_shares() -> None:
    from newsreader.tui.display.hit_row import Columns, page_columns

    undated = [dataclasses.replace(hit(), date=None, id=f"u{i}") for i in range(3)]
    assert page_columns(undated, NOW) == Columns(date_width=0, source=False)
    mixed = [*undated, dataclasses.replace(hit(), source="AP")]
    assert page_columns(mixed, NOW) == Columns(date_width=DATE_WIDTH, source=True)
    title, _ = rendered(HitRow(undated[0], ArticleState(), False, NOW, Columns(0, False)), 60)
    assert title.startswith(" ●   Ukraine") and "Reuters" not in title
