"""The held-out speaker sample of bench/outlet_speakers.py is the documented draw, and each of
its rows points at a quote's text (skipped without ../shared). The figure itself is not
asserted: the sample is run, not tuned on."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def bench(shared_dir: Path) -> ModuleType:
    # As when run as a script, the benchmark imports its sibling modules from bench/.
    if str(ROOT / "bench") not in sys.path:
        sys.path.insert(0, str(ROOT / "bench"))
    path = ROOT / "bench" / "outlet_speakers.py"
    spec = importlib.util.spec_from_file_location("outlet_speakers", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


def test_the_heldout_sample_is_the_documented_draw(bench: ModuleType) -> None:
    rows = bench.read_rows(bench.SAMPLES["heldout"])
    drawn = bench.drawn("heldout")
    outlet = {article for article, _, _ in bench.read_rows(bench.SAMPLES["outlet"])}
    assert sorted({article for article, _, _ in rows}) == sorted(drawn)
    assert len(drawn) == sum(bench.DRAW)
    assert not outlet & set(drawn)


def test_every_heldout_row_starts_a_quote(bench: ModuleType, shared_dir: Path) -> None:
    rows = bench.read_rows(bench.SAMPLES["heldout"])
    texts = bench.SAMPLES["heldout"].texts({article for article, _, _ in rows})
    assert all(len(row) == 3 for row in rows)
    for article, offset, gold in rows:
        at = int(offset)
        assert texts[article][at - 1] in "\"'", (article, at)
        assert gold and "\t" not in gold, (article, at)
    assert len(rows) == len({(article, offset) for article, offset, _ in rows})
