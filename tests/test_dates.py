"""Date expressions resolve to the right inclusive spans, against a fixed ``now``."""

from __future__ import annotations

import datetime as dt

import pytest

from newsreader.index.query.dates import DateError, DateSpan, compare_range, date_range, date_span

NOW = dt.datetime(2025, 1, 15, 10, 30)  # a Wednesday
D = dt.date


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("2025", (D(2025, 1, 1), D(2025, 12, 31))),
        ("2025-01", (D(2025, 1, 1), D(2025, 1, 31))),
        ("2024-02", (D(2024, 2, 1), D(2024, 2, 29))),
        ("2025-01-13", (D(2025, 1, 13), D(2025, 1, 13))),
        ("2025/1/3", (D(2025, 1, 3), D(2025, 1, 3))),
        ("today", (D(2025, 1, 15), D(2025, 1, 15))),
        ("yesterday", (D(2025, 1, 14), D(2025, 1, 14))),
        ("Yesterday ", (D(2025, 1, 14), D(2025, 1, 14))),
        ("this week", (D(2025, 1, 13), D(2025, 1, 19))),
        ("last week", (D(2025, 1, 6), D(2025, 1, 12))),
        ("last month", (D(2024, 12, 1), D(2024, 12, 31))),
        ("this month", (D(2025, 1, 1), D(2025, 1, 31))),
        ("last year", (D(2024, 1, 1), D(2024, 12, 31))),
    ],
)
def test_spans_without_dateparser(text: str, span: tuple[dt.date, dt.date]) -> None:
    assert date_span(text, NOW) == span


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("3 days ago", (D(2025, 1, 12), D(2025, 1, 12))),
        ("2 weeks ago", (D(2024, 12, 30), D(2025, 1, 5))),  # the week holding Jan 1
        ("March 2024", (D(2024, 3, 1), D(2024, 3, 31))),
        ("1 year ago", (D(2024, 1, 1), D(2024, 12, 31))),
        ("jan 5 2025", (D(2025, 1, 5), D(2025, 1, 5))),
    ],
)
def test_natural_language_spans(text: str, span: tuple[dt.date, dt.date]) -> None:
    assert date_span(text, NOW) == span


def test_ranges_take_the_start_of_the_lower_and_the_end_of_the_upper_span() -> None:
    assert date_range("2025-01..2025-02", NOW) == DateSpan(D(2025, 1, 1), D(2025, 2, 28))
    assert date_range("2025-01-01..2025-01-31", NOW) == DateSpan(D(2025, 1, 1), D(2025, 1, 31))
    assert date_range("last week..today", NOW) == DateSpan(D(2025, 1, 6), D(2025, 1, 15))


def test_open_ranges() -> None:
    assert date_range("..2025-01-10", NOW) == DateSpan(None, D(2025, 1, 10))
    assert date_range("2024..", NOW) == DateSpan(D(2024, 1, 1), None)
    assert date_range("..2025-01", NOW) == DateSpan(None, D(2025, 1, 31))


def test_a_single_value_is_its_span() -> None:
    assert date_range("2025-01", NOW) == DateSpan(D(2025, 1, 1), D(2025, 1, 31))
    assert date_range("yesterday", NOW) == DateSpan(D(2025, 1, 14), D(2025, 1, 14))


def test_comparisons_use_the_right_end_of_the_span() -> None:
    assert date_range(">2025-01-10", NOW) == DateSpan(D(2025, 1, 11), None)
    assert date_range(">=2025-01", NOW) == DateSpan(D(2025, 1, 1), None)
    assert date_range("<2025", NOW) == DateSpan(None, D(2024, 12, 31))
    assert date_range("<=2025-01-10", NOW) == DateSpan(None, D(2025, 1, 10))
    assert compare_range(">", "2024", NOW) == DateSpan(D(2025, 1, 1), None)


@pytest.mark.parametrize("text", ["", "   ", "2025-13", "2025-02-30", "flibbertigibbet", ".."])
def test_unreadable_dates_raise_date_error_with_the_text(text: str) -> None:
    with pytest.raises(DateError):
        date_range(text, NOW)
