"""One page of hits from the matching documents: their order, then each hit's stored fields and
snippet (read for the page only)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from whoosh.searching import Searcher

from ...models import Hit
from ...query.ast import Query
from ...text.snippets import hit_from_fields, marked_terms

_SORT_KEYS = {"relevance": None, "date": "day", "-date": "rday"}


def ordered(
    docs: np.ndarray, scores: np.ndarray, sort: str, column: Callable[[str], Any], count: int
) -> np.ndarray:
    """The positions in ``docs`` of the first ``count`` in the order of ``sort``: by score (ties
    by docnum), or by date ("date" oldest first, "-date" newest first; undated last, ties by
    id). A query of filters only, which scores nothing, lists newest first, as the empty query
    does. Only the first ``count`` are sorted: 75,000 hits of a common word at 105k articles took
    5 ms to sort whole for a page of 20."""
    if count <= 0:
        return np.zeros(0, dtype=np.intp)
    key = _SORT_KEYS.get(sort)
    if not key and not scores.any():
        key = _SORT_KEYS["-date"]
    if key:  # day key and id rank in one integer (a day < 2**27, a rank < 2**31): all distinct
        return _smallest(column(key)[docs] << 32 | column("id_rank")[docs], count)
    if count < len(docs):  # the best ``count`` scores, with every tie of the last of them
        threshold = np.partition(scores, len(scores) - count)[len(scores) - count]
        chosen = np.flatnonzero(scores >= threshold)
        return chosen[np.lexsort((docs[chosen], -scores[chosen]))][:count]
    return np.lexsort((docs, -scores))


def _smallest(keys: np.ndarray, count: int) -> np.ndarray:
    """Positions of the ``count`` smallest of distinct ``keys``, smallest first."""
    if count < len(keys):
        chosen = np.argpartition(keys, count)[:count]
        return chosen[np.argsort(keys[chosen])]
    return np.argsort(keys)


def page_hits(
    searcher: Searcher, docs: np.ndarray, scores: np.ndarray, chosen: np.ndarray, query: Query
) -> tuple[Hit, ...]:
    """The hits of the ``chosen`` positions, with their snippets and marks."""
    stems, prefixes = marked_terms(query)
    return tuple(
        hit_from_fields(searcher.stored_fields(int(docs[i])), float(scores[i]), stems, prefixes)
        for i in chosen
    )
