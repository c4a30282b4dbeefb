"""The Whoosh engine's merge policy: an index written in many runs keeps few segments, and
merging loses no article and keeps no deleted one."""

from __future__ import annotations

import math
from pathlib import Path

from whoosh import index as whoosh_index

from newsreader.index.models import Article
from newsreader.index.query.assemble import parse_query
from newsreader.index.search.whoosh.engine import Engine
from newsreader.index.search.whoosh.merging import FAN_IN, FLOOR, tier, to_merge


def _after_runs(runs: int, added: list[int]) -> list[int]:
    """Segment sizes after ``runs`` commits, each adding segments of the ``added`` sizes."""
    segments: list[int] = []
    for _ in range(runs):
        chosen = to_merge([(size, 0) for size in segments])
        kept = [size for i, size in enumerate(segments) if i not in chosen]
        merged = [sum(segments[i] for i in chosen)] if chosen else []
        segments = kept + merged + added
    return segments


def test_many_runs_keep_a_few_segments_per_tier() -> None:
    for runs, added in ((10, [1050, 1050]), (100, [1050, 1050]), (500, [12]), (60, [4000])):
        segments = _after_runs(runs, added)
        assert sum(segments) == runs * sum(added)  # nothing lost or counted twice
        tiers = tier(sum(segments)) + 1
        assert len(segments) <= (FAN_IN - 1) * tiers + len(added), (runs, added, segments)


def test_ten_bulk_runs_of_a_small_library() -> None:
    assert len(_after_runs(10, [1050, 1050])) <= 5  # about twenty with Whoosh's own policy


def test_a_segment_mostly_deleted_is_merged() -> None:
    assert to_merge([(50_000, 0), (9_000, 4_000)]) == {1}
    assert to_merge([(50_000, 0), (9_000, 100)]) == set()


def test_tiers_grow_by_the_fan_in() -> None:
    assert tier(FLOOR - 1) == 0 and tier(FLOOR) == 1
    assert tier(FLOOR * FAN_IN - 1) == 1 and tier(FLOOR * FAN_IN) == 2
    assert tier(FLOOR * FAN_IN**3) == 1 + round(math.log(FAN_IN**3, FAN_IN))


def _segments(folder: Path) -> int:
    ix = whoosh_index.open_dir(str(folder / "articles"))
    try:
        return len(ix._segments())
    finally:
        ix.close()


def _article(n: int) -> Article:
    return Article(f"m{n:04}", f"Harbour report {n}", f"The harbour of town{n} reopened.")


def test_commit_after_commit_keeps_few_segments_and_every_article(tmp_path: Path) -> None:
    engine = Engine.open(tmp_path / "ix")
    try:
        for run in range(12):
            engine.replace([(_article(run * 5 + i), None) for i in range(5)], new=True)
        engine.replace([], delete_ids=["m0003"])
        assert _segments(tmp_path / "ix") < FAN_IN
        result = engine.search(parse_query("harbour"), limit=100)
        assert result.total == 59 and "m0003" not in {h.id for h in result.hits}
        assert engine.doc_count() == 59 and len(engine.ids()) == 59
    finally:
        engine.close()


def test_bulk_runs_keep_few_segments(tmp_path: Path) -> None:
    """Each bulk run adds two segments (one per writer process); Whoosh's own policy let them
    pile up to fourteen in eight runs of 300 articles before merging any."""
    engine = Engine.open(tmp_path / "ix")
    try:
        for run in range(8):
            batch = [(_article(run * 300 + i), None) for i in range(300)]
            engine.replace(batch, new=True, bulk=True)
            assert _segments(tmp_path / "ix") <= FAN_IN + 2, run
        assert engine.search(parse_query("harbour"), limit=0).total == 2400
        assert engine.search(parse_query("town1117"), limit=5).hits[0].id == "m1117"
    finally:
        engine.close()
