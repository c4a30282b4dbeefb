"""One segment of the article index as `docsets` reads it: its postings decoded whole from
Whoosh's blocks into numpy arrays, each document's field lengths and day, kept per searcher
(the index a searcher sees never changes), within a bound in bytes for all its segments.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.columns import NumericColumn
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import IndexReader
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length

from .days import DAY_COLUMN, numeric_column

if TYPE_CHECKING:
    from .docsets import Expansion

Postings = tuple[np.ndarray, np.ndarray]  # docnums (int32) and weights (float32, as stored)
# A phrase word's positions (uint32) end to end, and where each posting's start (int32; one
# more than the postings, the last is the end).
Positions = tuple[np.ndarray, np.ndarray]
# Decoded postings kept per searcher, all segments together; past it they are all dropped.
# Kept as 8 bytes a posting (positions only for the words of phrases), where a list of bytes
# objects took about 75: the benchmark's 4,266 words at 105k articles (1.6 million postings) were
# 50 MB with their positions, over the old bound, so every pass read them all again.
MAX_CACHED_BYTES = 48_000_000
_NO_POSTINGS: Postings = (np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32))


class IndexSegment:
    """One segment's reader and searcher, with the whole index's statistics for scoring."""

    def __init__(
        self,
        top: Searcher,
        leaf: Searcher,
        cache: dict[str, Any],
        expansion: Expansion,
        held: list[int] | None = None,
    ) -> None:
        self.top = top
        self.expansion = expansion
        self.leaf = leaf
        self.reader: IndexReader = leaf.reader()
        self.size = self.reader.doc_count_all()
        self.lengths: dict[str, np.ndarray] = cache.setdefault("lengths", {})
        self.cache = cache
        self.held = [0] if held is None else held  # bytes of postings kept, every segment's

    def postings(self, field: str, text: Any) -> Postings:
        """A term's postings, decoded once and kept while the searcher lives (bounded; a word
        the segment lacks is remembered too, sparing the look-up in its term file)."""
        found = self._kept("postings", field, text)
        if found is None:
            found = _NO_POSTINGS
            if (field, text) in self.reader:
                ids, weights = _postings(self.reader, field, text)
                found = (ids.astype(np.int32), weights.astype(np.float32))
            self._keep("postings", field, text, found)
        return found

    def positions(self, field: str, text: Any) -> Positions:
        """A phrase word's positions in each of its postings (see `_packed`), kept as postings."""
        found = self._kept("positions", field, text)
        if found is None:
            values: list[bytes] = []
            if (field, text) in self.reader:
                _postings(self.reader, field, text, values)
            found = _packed(values)
            self._keep("positions", field, text, found)
        return found

    def _kept(self, kind: str, field: str, text: Any) -> Any:
        return self.cache.get(kind, {}).get((field, text))

    def _keep(self, kind: str, field: str, text: Any, arrays: tuple[np.ndarray, ...]) -> None:
        for part in arrays:  # shared by every search of the searcher: never changed
            part.flags.writeable = False
        self.held[0] += sum(part.nbytes for part in arrays) + 100
        if self.held[0] > MAX_CACHED_BYTES:  # crude, but bounds the memory
            self.held[0] = 0
            for segment in self.cache.get("segments", [self.cache]):
                segment.pop("postings", None)
                segment.pop("positions", None)
        self.cache.setdefault(kind, {})[(field, text)] = arrays

    def days(self) -> np.ndarray:
        """Every document's day key (yyyymmdd; undated: UNDATED_ASC), read once per segment."""
        found = self.cache.get(DAY_COLUMN)
        if found is None:
            found = self.cache[DAY_COLUMN] = numeric_column(self.reader, DAY_COLUMN)
        return found

    def field_lengths(self, field: str) -> np.ndarray:
        """Every document's length in ``field``, read once per segment (Whoosh's byte lengths)."""
        found = self.lengths.get(field)
        if found is None:
            found = _stored_lengths(self.reader, field, self.size)
            if found is None:
                length = self.reader.doc_field_length
                found = np.array([length(d, field, 0) or 0 for d in range(self.size)], dtype=float)
            self.lengths[field] = found
        return found


# Whoosh stores each document's field length as one byte; decoding them through a table at once
# spares 20,000 Python calls on the first search of a process (the CLI pays it every time).
_BYTE_LENGTHS = np.array([0] + [byte_to_length(b) for b in range(1, 256)], dtype=float)


def _stored_lengths(reader: IndexReader, field: str, size: int) -> np.ndarray | None:
    """Every document's length in ``field`` from the length column, or None if not readable so."""
    perdoc = getattr(reader, "_perdoc", None)
    if perdoc is None or not hasattr(perdoc, "_cached_reader"):
        return None
    column = perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)
    lengths = np.zeros(size)
    if column is None:
        return lengths
    if not isinstance(column, NumericColumn.Reader) or column._fixedlen != 1:
        return None
    count = min(column._count, size)
    raw = np.frombuffer(column._dbfile.get(column._basepos, count), dtype=np.uint8)
    lengths[:count] = _BYTE_LENGTHS[raw]
    return lengths


def deleted_docnums(reader: IndexReader) -> list[int]:
    """Numbers of the deleted documents a reader still holds."""
    if not reader.has_deletions():
        return []
    segment_set = getattr(reader, "deleted_docs_set", None)
    if segment_set is not None:  # a cached property in some Whoosh versions, a method in others
        return sorted(segment_set() if callable(segment_set) else segment_set)
    return [d for d in range(reader.doc_count_all()) if reader.is_deleted(d)]


def _packed(values: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """Encoded positions (little-endian uint32s, see textindex.FastPositions) as one array, and
    where each posting's start."""
    counts = np.fromiter((len(b) >> 2 for b in values), dtype=np.int32, count=len(values))
    starts = np.zeros(len(values) + 1, dtype=np.int32)
    np.cumsum(counts, out=starts[1:])
    return np.frombuffer(b"".join(values), dtype="<u4"), starts


def _postings(
    reader: IndexReader, field: str, text: Any, values: list[bytes] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Document numbers and weights of one term's posting list (deleted documents included).

    With ``values``, the encoded positions of each posting are appended to it as well.
    """
    matcher = reader.postings(field, text)
    if isinstance(matcher, FilterMatcher):
        matcher = matcher.child  # deletions are removed once, in evaluate
    if not hasattr(matcher, "_read_ids"):
        pairs = [(m.id(), m.weight(), m.value()) for m in _walk(matcher)]
        if values is not None:
            values.extend(p[2] for p in pairs)
        return np.array([p[0] for p in pairs], dtype=np.int64), np.array([p[1] for p in pairs])
    ids: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    # Whole blocks at once from Whoosh's W3LeafMatcher block tuple (ids, weights, values):
    # ids are delta-coded unless stored as bytes; weights are None (all 1.0), one float or an array.
    while matcher.is_active():
        if matcher._data is None:
            matcher._read_data()
        raw_ids, raw_weights = matcher._data[0], matcher._data[1]
        block = np.asarray(raw_ids, dtype=np.int64)
        ids.append(block if matcher._byteids else np.cumsum(block))
        if raw_weights is None or isinstance(raw_weights, float):
            weights.append(np.full(len(block), 1.0 if raw_weights is None else raw_weights))
        else:
            weights.append(np.asarray(raw_weights, dtype=float))
        if values is not None:
            block_values = matcher._data[2]
            values.extend(block_values if block_values is not None else [b""] * len(block))
        matcher._next_block()
    if not ids:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    return np.concatenate(ids), np.concatenate(weights)


def _walk(matcher: Any) -> Any:
    while matcher.is_active():
        yield matcher
        matcher.next()
