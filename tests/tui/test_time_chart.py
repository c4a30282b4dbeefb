"""The claims chart's axes: distinct dates under the points, round values in short labels."""

from __future__ import annotations

import datetime as dt

from newsreader.tui.widgets.time_chart import compact, date_ticks, value_ticks


def test_two_dates_are_two_ticks_not_five_copies_of_the_first() -> None:
    days = [dt.date(2025, 1, 12), dt.date(2025, 1, 13), dt.date(2025, 1, 13)]
    assert date_ticks(days) == ["2025-01-12", "2025-01-13"]


def test_many_dates_are_spread_keeping_the_first_and_the_last() -> None:
    days = [dt.date(2025, 1, 1) + dt.timedelta(days=n) for n in range(90)]
    ticks = date_ticks(days)
    assert len(ticks) == 5
    assert ticks[0] == "2025-01-01" and ticks[-1] == "2025-03-31"


def test_values_get_round_ticks_from_zero_with_labels_a_reader_reads() -> None:
    ticks = value_ticks([2, 300, 11_000])
    assert ticks == [0, 5_000, 10_000]
    assert [compact(t) for t in ticks] == ["0", "5k", "10k"]
    assert compact(1.2e9) == "1.2bn" and compact(3.5e6) == "3.5m" and compact(0.42) == "0.42"


def test_one_value_is_one_tick() -> None:
    assert value_ticks([40.0, 40.0]) == [40.0]


def test_many_points_are_spread_over_the_dates_keeping_the_first_and_the_last() -> None:
    import datetime as dt

    from newsreader.tui.widgets.time_chart import MOST_POINTS, spread

    day = dt.date(2025, 1, 1)
    points = [(day + dt.timedelta(days=n % 5000), float(n)) for n in range(3 * MOST_POINTS)]
    spread_out = spread(points + points)  # repeated points count once
    assert len(spread_out) == MOST_POINTS and spread_out == sorted(spread_out)
    assert spread_out[0] == min(points) and spread_out[-1] == max(points)
    assert spread(spread_out) == spread_out, "spreading what is spread changes nothing"
