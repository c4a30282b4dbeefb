"""Row counting without rendering: the same rows as Textual's wrapping, for any text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich._wrap import divide_line

from newsreader.tui.display.article_layout import layout, lines_of, row_starts
from newsreader.tui.display.article_text import blocks

PIECES = [
    "a",
    "bb",
    "word",
    " ",
    "  ",
    "é",
    "“",
    "”",
    "x" * 30,
    "漢字",
    "e\u0301",
    "😀",
    "\u00a0",
    "-",
]


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40), st.integers(min_value=1, max_value=40))
def test_row_starts_match_textual_wrapping(pieces: list[str], width: int) -> None:
    line = "".join(pieces)
    assert row_starts(line, width) == [0, *divide_line(line, width, fold=True)]


def test_layout_counts_rows_and_a_blank_after_each_paragraph_but_a_heading() -> None:
    text = "First paragraph is here.\n\nA Heading\n\nSecond one,\nin two lines."
    found = lines_of(text, blocks(text))
    rows = layout(text, found, [line.start for line in found], 10)
    # "First..." 3 rows and a blank; the heading 1 row, no blank; "Second one," 2 rows;
    # "in two lines." 2 rows and a blank
    assert list(rows.rows) == [3, 1, 2, 2]
    assert list(rows.tops) == [0, 4, 5, 7]
    assert rows.height == 10
    assert rows.locate(3) is None and rows.locate(5) == (2, 0) and rows.locate(9) is None
    assert rows.row_of(text, text.index("in two")) == 7
    assert rows.row_of(text, text.index("lines.")) == 8
