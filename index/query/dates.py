"""Date expressions of the query language, resolved to inclusive day ranges.

Every expression names a span: ``2025`` a year, ``2025-01`` a month, ``2025-01-13`` or
``yesterday`` a day, ``last week`` a Monday-to-Sunday week. A lower bound takes the first day of
its span and an upper bound the last, so ``date:2025-01..2025-02`` runs from January 1 to
February 28. ISO forms and a few common words are read here; anything else goes to dateparser
(English, relative to ``now``), which is imported only when a query needs it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from .ast import DateSpan

_ISO = re.compile(r"^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$")
_COMPARISON = re.compile(r"^(>=|<=|>|<)\s*(.*)$", re.DOTALL)


class DateError(ValueError):
    """A date expression that cannot be read; the message quotes it."""


def _month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _week_span(day: dt.date) -> tuple[dt.date, dt.date]:
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def _iso_span(match: re.Match[str]) -> tuple[dt.date, dt.date]:
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    if month is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if day is None:
        return _month_span(year, month)
    return dt.date(year, month, day), dt.date(year, month, day)


def _word_span(text: str, today: dt.date) -> tuple[dt.date, dt.date] | None:
    """Spans of the commonest words, without paying for dateparser."""
    day = {"today": 0, "yesterday": -1, "tomorrow": 1}.get(text)
    if day is not None:
        when = today + dt.timedelta(days=day)
        return when, when
    if text in ("this week", "last week"):
        return _week_span(today - dt.timedelta(days=7 if text == "last week" else 0))
    if text in ("this month", "last month"):
        first = today.replace(day=1)
        if text == "last month":
            first = (first - dt.timedelta(days=1)).replace(day=1)
        return _month_span(first.year, first.month)
    if text in ("this year", "last year"):
        year = today.year - (1 if text == "last year" else 0)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    return None


def _parsed_span(text: str, now: dt.datetime) -> tuple[dt.date, dt.date]:
    from dateparser.date import DateDataParser  # slow to import: only for natural language

    base = now.replace(tzinfo=None)
    parser = DateDataParser(
        languages=["en"], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}
    )
    try:
        data = parser.get_date_data(text)
    except Exception as exc:  # dateparser raises assorted errors on odd input
        raise DateError(f'cannot read the date "{text}"') from exc
    if data.date_obj is None:
        raise DateError(f'cannot read the date "{text}"')
    day = data.date_obj.date()
    if data.period == "year":
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    if data.period == "month":
        return _month_span(day.year, day.month)
    if data.period == "week":
        return _week_span(day)
    return day, day


def date_span(text: str, now: dt.datetime) -> tuple[dt.date, dt.date]:
    """First and last day of the span a date expression names; raises DateError."""
    clean = " ".join(text.strip().lower().split())
    if not clean:
        raise DateError("empty date")
    iso = _ISO.match(clean)
    try:
        if iso:
            return _iso_span(iso)
        return _word_span(clean, now.date()) or _parsed_span(clean, now)
    except (ValueError, OverflowError) as exc:
        if isinstance(exc, DateError):
            raise
        raise DateError(f'cannot read the date "{text.strip()}"') from exc


def date_range(value: str, now: dt.datetime) -> DateSpan:
    """The range of a ``date:`` value: a span, ``a..b``, ``..b``, ``a..``, or ``>a`` ``<=b``..."""
    value = value.strip()
    if ".." in value:
        low, _, high = value.partition("..")
        if not low.strip() and not high.strip():
            raise DateError('a date range needs at least one end, as in "2025-01..2025-03"')
        start = date_span(low, now)[0] if low.strip() else None
        end = date_span(high, now)[1] if high.strip() else None
        return DateSpan(start, end)
    comparison = _COMPARISON.match(value)
    if comparison:
        return compare_range(comparison.group(1), comparison.group(2), now)
    first, last = date_span(value, now)
    return DateSpan(first, last)


def compare_range(operator: str, value: str, now: dt.datetime) -> DateSpan:
    """``>x``: after x's span; ``>=x``: from its start; ``<x``: before it; ``<=x``: to its end."""
    first, last = date_span(value, now)
    one = dt.timedelta(days=1)
    if operator == ">":
        return DateSpan(last + one, None)
    if operator == ">=":
        return DateSpan(first, None)
    if operator == "<":
        return DateSpan(None, first - one)
    return DateSpan(None, last)
