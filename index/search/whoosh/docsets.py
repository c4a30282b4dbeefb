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
from whoosh.query import And, AndNot, Every, Not, Or, Phrase, Query, Term
from whoosh.query.qcore import _NullQuery
from whoosh.query.ranges import NumericRange
from whoosh.query.terms import MultiTerm
from whoosh.query.wrappers import WrappingQuery
from whoosh.searching import Searcher

from ...faults import SearchAbandoned
from .days import DaySpan, span_mask
from .hitsets import (
    HitSet,
    common,
    complement,
    intersection,
    member,
    sorted_unique,
    summed,
    union,
    without,
)
from .segment import IndexSegment, deleted_docnums
from .textindex import FastPositions

B, K1 = 0.75, 1.2
MAX_SCORED_EXPANSION = 64  # words of a prefix query scored one by one; above, constant score
Vectors = tuple[np.ndarray, np.ndarray]  # (bool mask, float64 scores) over a segment's docs
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
        keys = found if keys is None else common(keys, found)
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
