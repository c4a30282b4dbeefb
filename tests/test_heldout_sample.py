"""The drawn speaker samples of bench/outlet_speakers.py (the two held-out ones and the six
development ones) are their documented draws, disjoint from the samples before them, and each
of their rows points at a quote's text (skipped without ../shared). The figures themselves are
not asserted: the held-out sample is run, not tuned on."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest
from bench_helpers import load_bench

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.shared

# The drawn samples, in the order they were drawn (each leaves out the ones before it).
DRAWN = ("heldout", "devel", "devel2", "devel3", "devel4", "heldout2", "devel5", "devel6")


@pytest.fixture(scope="module")
def bench(shared_dir: Path) -> ModuleType:
    return load_bench("outlet_speakers")


@pytest.mark.parametrize("name", DRAWN)
def test_the_sample_is_the_documented_draw(bench: ModuleType, name: str) -> None:
    rows = bench.read_rows(bench.SAMPLES[name])
    drawn = bench.drawn(name)
    assert sorted({article for article, _, _ in rows}) == sorted(drawn)
    assert len(drawn) == len(set(drawn)) == sum(bench.DRAW)
    assert sum(article.startswith("bbc") for article in drawn) == bench.DRAW[0]


def test_the_drawn_samples_are_disjoint_from_the_others(bench: ModuleType) -> None:
    articles = {
        name: {article for article, _, _ in bench.read_rows(bench.SAMPLES[name])}
        for name in ("outlet", *DRAWN)
    }
    for at, name in enumerate(DRAWN):
        _, left_out = bench.DRAWS[name]
        assert set(left_out) == {"outlet", *DRAWN[:at]}
        assert not set().union(*(articles[other] for other in left_out)) & articles[name]


def test_each_draw_is_its_own_stream(bench: ModuleType) -> None:
    assert bench.DRAWS["heldout"] == ("heldout-2026", ("outlet",))
    assert bench.DRAWS["devel"] == ("devel-2026", ("outlet", "heldout"))
    assert bench.DRAWS["devel2"] == ("devel2-2026", ("outlet", "heldout", "devel"))
    assert bench.DRAWS["devel3"] == ("devel3-2026", ("outlet", "heldout", "devel", "devel2"))
    assert bench.DRAWS["devel4"][1] == ("outlet", "heldout", "devel", "devel2", "devel3")
    assert bench.DRAWS["heldout2"] == ("devel5-2026", (*bench.DRAWS["devel4"][1], "devel4"))
    assert bench.DRAWS["devel5"] == ("devel6-2026", (*bench.DRAWS["heldout2"][1], "heldout2"))
    assert bench.DRAWS["devel6"] == ("devel7-2026", (*bench.DRAWS["devel5"][1], "devel5"))


@pytest.mark.parametrize("name", DRAWN)
def test_every_row_starts_a_quote(bench: ModuleType, shared_dir: Path, name: str) -> None:
    rows = bench.read_rows(bench.SAMPLES[name])
    texts = bench.SAMPLES[name].texts({article for article, _, _ in rows})
    assert all(len(row) == 3 for row in rows)
    for article, offset, gold in rows:
        at = int(offset)
        assert texts[article][:at].rstrip()[-1:] in "\"'", (article, at)  # '" a quote' too
        assert gold and "\t" not in gold, (article, at)
    assert len(rows) == len({(article, offset) for article, offset, _ in rows})
