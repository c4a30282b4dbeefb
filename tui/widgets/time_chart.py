"""A small chart of something over time: quotes a month, or one group's claimed values.

Drawn with textual-plotext; this module imports it, so the views import this module only when
a chart is first shown (it is no part of the reader's start-up).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Sequence

from rich.console import RenderableType
from textual_plotext import PlotextPlot

DATE_FORM = "Y-m-d"
MOST_POINTS = 2000  # a chart a few lines high shows no more; plotext's time grows with them


def per_month(days: Sequence[dt.date]) -> list[tuple[str, int]]:
    """How many of the days fall in each month, in order: ("2025-01", 12)."""
    counts = Counter(day.strftime("%Y-%m") for day in days)
    return sorted(counts.items())


def date_ticks(days: Sequence[dt.date], most: int = 5) -> list[str]:
    """Up to ``most`` of the distinct days, evenly spread, the first and the last kept."""
    distinct = sorted(set(days))
    if len(distinct) > most:
        step = (len(distinct) - 1) / (most - 1)
        distinct = [distinct[round(i * step)] for i in range(most)]
    return [day.isoformat() for day in distinct]


def value_ticks(values: Sequence[float], most: int = 4) -> list[float]:
    """Up to ``most`` round values from the smallest to the largest (one when all are equal)."""
    low, high = min(values), max(values)
    if low == high:
        return [low]
    raw = (high - low) / (most - 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.floor(low / step) * step  # at or below the smallest: 0 for most counts
    ticks = (round(first + i * step, 12) for i in range(most + 1))
    return [tick for tick in ticks if tick <= high]


def spread(points: Iterable[tuple[dt.date, float]]) -> list[tuple[dt.date, float]]:
    """The distinct points in order, at most MOST_POINTS of them, evenly spread over the dates
    with the first and last kept. Pure, so a view can prepare tens of thousands off the event
    loop (`show_values` then spreads what is already spread, at once)."""
    ordered = sorted(set(points))
    if len(ordered) <= MOST_POINTS:
        return ordered
    step = (len(ordered) - 1) / (MOST_POINTS - 1)
    return [ordered[round(i * step)] for i in range(MOST_POINTS)]


def compact(value: float) -> str:
    """A tick's label a few characters wide: 2, 2.5, 11k, 1.2m, 3bn."""
    for size, suffix in ((1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if abs(value) >= size:
            return f"{value / size:.3g}{suffix}"
    return f"{value:.3g}"


class TimeChart(PlotextPlot):
    """Bars of counts a month, or points of values by date, under a title."""

    DEFAULT_CSS = """
    TimeChart { height: 12; width: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._version = 0
        self._drawn: tuple[tuple[object, ...], RenderableType] | None = None

    def render(self) -> RenderableType:
        """The chart built once per content, size and theme: plotext builds the whole figure
        each time it is asked, and a view shown again asked for every chart again."""
        key = (self._version, self.size, self.app.theme)
        if self._drawn is None or self._drawn[0] != key:
            self._drawn = (key, super().render())
        return self._drawn[1]

    def show_counts(self, title: str, months: Sequence[tuple[str, int]]) -> None:
        """Bars: one a month."""
        plt = self._fresh(title)
        if months:
            plt.bar([m for m, _ in months], [n for _, n in months], marker="hd", width=0.4)
        self.refresh()

    def show_values(self, title: str, points: Sequence[tuple[dt.date, float]]) -> None:
        """Points: each value at its article's date (undated ones are left out)."""
        plt = self._fresh(title)
        points = spread(points)
        if points:
            plt.date_form(DATE_FORM)
            plt.scatter([d.isoformat() for d, _ in points], [v for _, v in points], marker="dot")
            days = date_ticks([d for d, _ in points])
            plt.xticks(days, days)  # plotext's own repeat a date when there are few of them
            values = value_ticks([v for _, v in points])
            plt.yticks(values, [compact(v) for v in values])
        self.refresh()

    def _fresh(self, title: str):
        self._version += 1
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        plt.title(title)
        return plt
