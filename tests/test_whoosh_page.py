"""The order of a page of hits (`whoosh.page.ordered`): only the first of them are sorted, in
the order sorting every hit gives, ties and all."""

from __future__ import annotations

import numpy as np
import pytest

from newsreader.index.search.whoosh.page import ordered

SIZE = 500


def _columns(rng: np.random.Generator) -> dict[str, np.ndarray]:
    day = rng.integers(20240101, 20240110, SIZE)
    day[rng.random(SIZE) < 0.2] = 99_999_999  # undated
    rday = np.where(day == 99_999_999, 99_999_999, 99_999_999 - day)
    return {"day": day, "rday": rday, "id_rank": rng.permutation(SIZE)}


@pytest.mark.parametrize("sort", ["relevance", "date", "-date"])
@pytest.mark.parametrize("count", [0, 1, 7, 20, 137, SIZE // 2, SIZE])
def test_the_first_hits_are_those_of_the_whole_order(sort: str, count: int) -> None:
    rng = np.random.default_rng(count)
    columns = _columns(rng)
    docs = np.sort(rng.choice(SIZE, SIZE // 2, replace=False))
    scores = rng.choice([0.5, 1.25, 2.0, 3.5], len(docs))  # many ties
    if sort == "relevance":
        whole = np.lexsort((docs, -scores))
    else:
        key = "day" if sort == "date" else "rday"
        whole = np.lexsort((columns["id_rank"][docs], columns[key][docs]))
    found = ordered(docs, scores, sort, columns.__getitem__, count)
    assert found.tolist() == whole[:count].tolist()


def test_filters_only_list_newest_first() -> None:
    columns = _columns(np.random.default_rng(3))
    docs = np.arange(0, SIZE, 3)
    scores = np.zeros(len(docs))
    newest = np.lexsort((columns["id_rank"][docs], columns["rday"][docs]))
    assert (
        ordered(docs, scores, "relevance", columns.__getitem__, 20).tolist() == newest[:20].tolist()
    )
