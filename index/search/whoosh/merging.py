"""Which segments a commit merges: in tiers by size, so that incremental runs do not pile them up.

A search looks each of its words up in every segment, so its cost grows with their number.
Whoosh's own policy (MERGE_SMALL, a Fibonacci rule) merges only the smallest segments, and the
two-process bulk writer adds two segments per run (`multisegment`: merging them would cost the
run a second pass), so an index built in ten runs kept about twenty. Here segments are put in
tiers by size, a tier spanning FAN_IN times the sizes of the one below; a tier holding FAN_IN
segments is merged into one of the next tier (with every smaller segment, which costs little),
and that may fill the next tier in turn. So an index of N articles keeps at most about
(FAN_IN - 1) segments per tier, log(N) tiers, and every article is rewritten about once per tier
it climbs: the write cost stays a small multiple of the indexing, spread over the runs.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

from whoosh.reading import SegmentReader
from whoosh.writing import IndexWriter

FAN_IN = 4  # segments of one tier merged into one of the next
FLOOR = 1000  # documents: every segment smaller is in the first tier
MAX_DELETED = 0.3  # a segment with this share of its documents deleted is merged to drop them


def tier(documents: int) -> int:
    """The size tier of a segment of that many documents (deleted ones included)."""
    return 0 if documents < FLOOR else 1 + int(math.log(documents / FLOOR, FAN_IN))


def to_merge(sizes: list[tuple[int, int]]) -> set[int]:
    """Which segments to merge, by index into ``sizes`` ((documents, deleted) of each)."""
    tiers: dict[int, list[int]] = defaultdict(list)
    for i, (documents, _) in enumerate(sizes):
        tiers[tier(documents)].append(i)
    top: int | None = None  # the highest tier merged: it and every tier below become one
    merged = 0  # documents in the tiers up to ``top``
    for level in sorted(tiers):
        carried = top is not None and tier(merged) == level  # the lower tiers, merged
        if len(tiers[level]) + carried >= FAN_IN:
            top = level
            merged = sum(documents for documents, _ in sizes if tier(documents) <= level)
    chosen = {i for level, members in tiers.items() if top is not None and level <= top
              for i in members}  # fmt: skip
    return chosen | {i for i, size in enumerate(sizes) if _worn(size)}


def _worn(size: tuple[int, int]) -> bool:
    documents, deleted = size
    return documents > 0 and deleted / documents >= MAX_DELETED


def merge_tiers(writer: IndexWriter, segments: list[Any]) -> list[Any]:
    """Whoosh merge policy (``commit(mergetype=...)``): add the segments `to_merge` chooses to
    the commit's new segment; return the segments kept as they are."""
    sizes = [(s.doc_count_all(), s.deleted_count()) for s in segments]
    chosen = to_merge(sizes)
    for i in sorted(chosen):
        reader = SegmentReader(writer.storage, writer.schema, segments[i])
        writer.add_reader(reader)
        reader.close()
    return [s for i, s in enumerate(segments) if i not in chosen]
