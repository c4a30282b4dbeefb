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
    docs: np.ndarray, scores: np.ndarray, sort: str, column: Callable[[str], Any]
) -> np.ndarray:
    """Positions in ``docs`` in the order of ``sort``: by score (ties by docnum), or by date
    ("date" oldest first, "-date" newest first; undated last, ties by id). A query of filters
    only, which scores nothing, lists newest first, as the empty query does."""
    key = _SORT_KEYS.get(sort)
    if not key and not scores.any():
        key = _SORT_KEYS["-date"]
    if key:
        return np.lexsort((column("id_rank")[docs], column(key)[docs]))
    return np.lexsort((docs, -scores))


def page_hits(
    searcher: Searcher, docs: np.ndarray, scores: np.ndarray, chosen: np.ndarray, query: Query
) -> tuple[Hit, ...]:
    """The hits of the ``chosen`` positions, with their snippets and marks."""
    stems, prefixes = marked_terms(query)
    return tuple(
        hit_from_fields(searcher.stored_fields(int(docs[i])), float(scores[i]), stems, prefixes)
        for i in chosen
    )
