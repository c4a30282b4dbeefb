"""Evaluate a query over whole posting lists at once: the matching set and its BM25F scores.

Whoosh walks its matcher tree one document at a time in Python, which costs tens of milliseconds
for a common word on 20,000 articles, and counting the full result set walks it again. Here each
term's posting blocks are read whole into numpy arrays; AND/OR/NOT become operations on sorted
document numbers (`hitsets`), so a part costs what it matches rather than the segment's size, and
BM25F scores are summed as arrays (Whoosh's own formula: B=0.75, K1=1.2, idf = log(N/(df+1))+1,
the title's field boost carried in its weights). Phrases are checked by Whoosh's phrase matcher,
then scored as the sum of their words. Prefixes are scored over their words; ranges match and
score nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import islice
from typing import Any

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.columns import NumericColumn
from whoosh.matching.wrappers import FilterMatcher
from whoosh.query import And, AndNot, Every, Not, Or, Phrase, Query, Term
from whoosh.query.qcore import _NullQuery
from whoosh.query.ranges import NumericRange
from whoosh.query.terms import MultiTerm
from whoosh.query.wrappers import WrappingQuery
from whoosh.reading import IndexReader
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length

from ...faults import SearchAbandoned
from .days import DAY_COLUMN, DaySpan, numeric_column, span_mask
from .hitsets import HitSet, complement, intersection, member, sorted_unique, summed, union, without
from .textindex import FastPositions

B, K1 = 0.75, 1.2
MAX_SCORED_EXPANSION = 64  # words of a prefix query scored one by one; above, constant score
Vectors = tuple[np.ndarray, np.ndarray]  # (bool mask, float64 scores) over a segment's docs
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
# A pasted list of short prefixes expanded every one to all its words (100 prefixes: 4.3 s on
# one search thread). The words a query's prefixes expand to are shared out between them, each
# keeping its shortest words (the word itself and its common forms come first).
MAX_EXPANDED_WORDS = 2_000  # per segment, for all the prefixes of a query together
MAX_PREFIX_WORDS = 500  # one prefix in one field, however few the query has
MIN_PREFIX_WORDS = 8  # the least each prefix keeps when many share the budget
MAX_LEXICON_WALK = 20_000  # words of a prefix read from the lexicon to choose the shortest


@dataclass(slots=True)
class Expansion:
    """How many words each prefix of one query may expand to, whether any was cut, and when
    to give the evaluation up (checked before each word's postings are read)."""

    per_prefix: int = MAX_PREFIX_WORDS
    limited: bool = False
    abandoned: Callable[[], bool] | None = None

    @classmethod
    def of(cls, query: Query, abandoned: Callable[[], bool] | None = None) -> Expansion:
        count = sum(isinstance(q, MultiTerm) for q in _walk_query(query))
        share = MAX_EXPANDED_WORDS // max(count, 1)
        return cls(max(MIN_PREFIX_WORDS, min(MAX_PREFIX_WORDS, share)), abandoned=abandoned)

    def check(self) -> None:
        """Raise SearchAbandoned if a newer search wants the thread."""
        if self.abandoned is not None and self.abandoned():
            raise SearchAbandoned

    def problem(self, parsed: Any) -> str | None:
        """The parsed query's problem line, with a word on any prefix that was cut."""
        note = None
        if self.limited:
            note = (
                f"a prefix matched too many words: each searched for its {self.per_prefix:,} "
                "shortest (type more letters to see the rest)"
            )
        return "; ".join(p for p in (parsed.problem, note) if p) or None


def _walk_query(query: Query) -> Any:
    """Every query in the tree, iteratively (a pasted query can be long)."""
    pending = [query]
    while pending:
        current = pending.pop()
        yield current
        if isinstance(current, MultiTerm):
            continue  # a prefix's children are its words, expanded only when evaluated
        pending.extend(current.children())


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


def evaluate(
    top: Searcher,
    query: Query,
    cache: dict[Any, Any],
    expansion: Expansion | None = None,
) -> Vectors:
    """Mask of live matching documents and their scores, over the searcher's global docnums
    (`matching`, as vectors over every document)."""
    docs, scores = matching(top, query, cache, expansion)
    size = top.doc_count_all()
    mask, dense = np.zeros(size, dtype=bool), np.zeros(size)
    mask[docs] = True
    dense[docs] = scores
    return mask, dense


def matching(
    top: Searcher,
    query: Query,
    cache: dict[Any, Any],
    expansion: Expansion | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """The live documents the query matches (sorted global docnums) and their scores.

    ``query`` is a Whoosh query, as ``compile`` makes them from the query language's tree.

    ``cache`` belongs to the searcher: it keeps each segment's field lengths and recently
    decoded postings between calls (the index a searcher sees never changes). ``expansion``
    bounds the words prefixes expand to and records whether one was cut.
    """
    expansion = expansion or Expansion.of(query)
    docs, scores = [], []
    held = cache.setdefault("held", [0])
    leaves = top.leaf_searchers()
    caches = [cache.setdefault(index, {}) for index in range(len(leaves))]
    for (leaf, offset), own in zip(leaves, caches, strict=True):
        own["segments"] = caches  # so that a full cache empties every segment's postings
        segment = IndexSegment(top, leaf, own, expansion, held)
        hits = _hits(query, segment)
        deleted = deleted_docnums(segment.reader)
        if deleted:
            hits = without(hits, np.array(deleted, dtype=np.int64))
        docs.append(hits.ids + offset)
        scores.append(hits.scores)
    if not docs:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    return np.concatenate(docs), np.concatenate(scores)


def deleted_docnums(reader: IndexReader) -> list[int]:
    """Numbers of the deleted documents a reader still holds."""
    if not reader.has_deletions():
        return []
    segment_set = getattr(reader, "deleted_docs_set", None)
    if segment_set is not None:  # a cached property in some Whoosh versions, a method in others
        return sorted(segment_set() if callable(segment_set) else segment_set)
    return [d for d in range(reader.doc_count_all()) if reader.is_deleted(d)]


def _hits(query: Query, seg: IndexSegment) -> HitSet:
    if isinstance(query, Term):
        return _term(seg, query.fieldname, query.text, query.boost)
    if isinstance(query, Or):
        return union([_hits(q, seg) for q in query.subqueries], seg.size)
    if isinstance(query, And):
        return intersection([_hits(q, seg) for q in query.subqueries])
    if isinstance(query, AndNot):
        return without(_hits(query.a, seg), _hits(query.b, seg).ids)
    if isinstance(query, Not):
        return complement(_hits(query.query, seg), seg.size)
    if isinstance(query, Every):
        return HitSet.constant(np.arange(seg.size, dtype=np.int64), 0.0)
    if isinstance(query, _NullQuery):
        return HitSet.empty()
    # A date range narrows the hits and ranks nothing: a query of dates alone lists newest first.
    if isinstance(query, DaySpan):
        return HitSet.constant(np.flatnonzero(span_mask(query, seg.days())), 0.0)
    if isinstance(query, NumericRange):
        return _hits(query._compile_query(seg.reader), seg).rescored(0.0)
    if isinstance(query, WrappingQuery):  # e.g. the ConstantScoreQuery a range compiles to
        return _hits(query.child, seg).rescored(0.0)
    if isinstance(query, MultiTerm):
        return _expansion(query, seg)
    if isinstance(query, Phrase):
        return _phrase(query, seg)
    return HitSet.constant(_matcher_ids(query, seg), getattr(query, "boost", 1.0))


def _matcher_ids(query: Query, seg: IndexSegment) -> np.ndarray:
    """The documents Whoosh's own matcher finds for a query in the segment, sorted."""
    return sorted_unique(np.fromiter(query.matcher(seg.leaf).all_ids(), dtype=np.int64))


def _expansion(query: MultiTerm, seg: IndexSegment) -> HitSet:
    """A prefix or range: BM25F summed over its words, or a constant score when it has so many
    that scoring them all would be slow (a short prefix)."""
    terms = _shortest_words(query, seg)
    scored = len(terms) <= MAX_SCORED_EXPANSION
    words = union([_term(seg, field, btext, 1.0, scored) for field, btext in terms], seg.size)
    return words if scored else words.rescored(getattr(query, "boost", 1.0))


def _shortest_words(query: MultiTerm, seg: IndexSegment) -> list[tuple[str, Any]]:
    """The words a prefix or range expands to, cut to the shortest the query's share allows."""
    terms = list(islice(query.expanded_terms(seg.reader), MAX_LEXICON_WALK + 1))
    cap = seg.expansion.per_prefix
    if len(terms) <= cap:
        return terms
    seg.expansion.limited = True
    return sorted(terms, key=lambda term: (len(term[1]), term[1]))[:cap]


def _phrase(query: Phrase, seg: IndexSegment) -> HitSet:
    """Documents where the words occur at consecutive positions, scored as the sum of the words.

    Positions (uint32 arrays, see schema.FastPositions) of every posting of every word in the
    documents holding all the words are decoded with one frombuffer per word; a match is a key
    doc << 32 | position - i present for every word i.
    """
    words = [_term(seg, query.fieldname, w, query.boost) for w in query.words]
    candidates = intersection(words).ids
    if not len(candidates):
        return HitSet.empty()
    if not isinstance(seg.top.schema[query.fieldname].format, FastPositions):
        found = candidates[member(candidates, _matcher_ids(query, seg))]
        return HitSet(found, summed(words, found))
    keys = None
    for i, word in enumerate(query.words):
        found = _position_keys(seg, query.fieldname, word, candidates) - i
        keys = found if keys is None else keys[member(keys, found)]
        if not len(keys):
            return HitSet.empty()
    found = sorted_unique(keys >> 32)
    return HitSet(found, summed(words, found))


def _position_keys(seg: IndexSegment, field: str, word: str, docs: np.ndarray) -> np.ndarray:
    """doc << 32 | position for every occurrence of ``word`` in ``docs`` (sorted docnums)."""
    ids, _ = seg.postings(field, word)
    positions, starts = seg.positions(field, word)
    chosen = np.flatnonzero(member(ids, docs))
    first = starts[chosen].astype(np.int64)
    counts = starts[chosen + 1] - first
    # each chosen posting's positions, gathered end to end
    gather = np.repeat(first - (np.cumsum(counts) - counts), counts) + np.arange(counts.sum())
    return (np.repeat(ids[chosen].astype(np.int64), counts) << 32) | positions[gather]


def _packed(values: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """Encoded positions (little-endian uint32s, see textindex.FastPositions) as one array, and
    where each posting's start."""
    counts = np.fromiter((len(b) >> 2 for b in values), dtype=np.int32, count=len(values))
    starts = np.zeros(len(values) + 1, dtype=np.int32)
    np.cumsum(counts, out=starts[1:])
    return np.frombuffer(b"".join(values), dtype="<u4"), starts


def _term(seg: IndexSegment, field: str, text: Any, boost: float, scored: bool = True) -> HitSet:
    """The documents of one term in one field and their BM25F scores."""
    seg.expansion.check()
    stored_ids, stored_weights = seg.postings(field, text)
    if not len(stored_ids):
        return HitSet.empty()
    ids, weights = stored_ids.astype(np.int64), stored_weights.astype(np.float64)
    if not scored or not seg.top.schema[field].scorable:
        return HitSet.constant(ids, boost)
    idf = seg.top.idf(field, text)
    avg = seg.top.avg_field_length(field) or 1.0
    lengths = seg.field_lengths(field)[ids]
    return HitSet(
        ids, boost * idf * (weights * (K1 + 1)) / (weights + K1 * (1 - B + B * lengths / avg))
    )


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
