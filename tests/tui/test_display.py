"""What the list draws: columns that tell rows apart get room, the title gets the rest;
counts in the singular when there is one."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from tui_helpers import NOW, results, screen_text, search, wait_for

from newsreader.tui.app import NewsReaderApp

pytestmark = pytest.mark.anyio

WIDE, NARROW = (160, 48), (80, 24)
TITLES = [f"Council agrees the new harbour budget at last, part {i}" for i in range(4)]


@pytest.fixture
def undated_library(tmp_path: Path) -> Iterator[object]:
    """Undated articles from one source, like a whole scraped site (the BBC corpus)."""
    from newsreader.index.library import Library

    feed = tmp_path / "bbc.jsonl"
    rows = [
        {"title": t, "text": f"{t}. The harbour budget passed.", "source": "BBC"} for t in TITLES
    ]
    feed.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    library = Library.open(tmp_path / "library")
    library.ingest([feed], analyze=False)
    yield library
    library.close()


def list_lines(app: NewsReaderApp) -> list[str]:
    box = results(app).region
    lines = screen_text(app).splitlines()[box.y : box.y + box.height]
    return [line[box.x : box.x + box.width] for line in lines]


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["wide", "narrow"])
async def test_no_dates_and_one_source_leave_the_row_to_the_title(undated_library, size) -> None:
    app = NewsReaderApp(undated_library, now=NOW)
    async with app.run_test(size=size) as pilot:
        await search(pilot, app, "harbour")
        lines = list_lines(app)
        shown = "\n".join(lines)
        assert "no date" not in shown and "BBC" not in shown
        # The list is about 63 columns wide (wide) or 80 (narrow): every title fits whole.
        for title in TITLES:
            assert any(title in line for line in lines), shown


async def test_dates_and_sources_stay_where_they_differ(library) -> None:
    app = NewsReaderApp(library, now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        await search(pilot, app, "zelensky")
        shown = "\n".join(list_lines(app))
        assert "yesterday" in shown and "2 days ago" in shown


async def test_one_hit_is_counted_in_the_singular(library) -> None:
    app = NewsReaderApp(library, now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        await search(pilot, app, "zebrafish")
        text = screen_text(app)
        assert "1 hit " in text and "1 hits" not in text


async def test_no_color_marks_the_cursor_row_by_attributes(library, monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = NewsReaderApp(library, now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        await search(pilot, app, "zelensky")  # the list has focus
        row = results(app).get_component_rich_style("option-list--option-highlighted")
        assert row.reverse and row.bold
        await pilot.press("enter")  # the reader has focus: the list's row stays marked
        await wait_for(pilot, lambda: app.focused is not results(app))
        row = results(app).get_component_rich_style("option-list--option-highlighted")
        assert row.underline and not row.reverse
