"""Counting the views' quotes and claims by merged name (a speaker, a claim group) over a
search's articles: how many, in how many articles, and the first and last date.

A view counts again for every query typed, over up to every article of the library (`-oil`:
19,000 articles, 60,000 pairs of an article and a name): counted pair by pair in Python that
took 40-80 ms. So the pairs are kept as numpy arrays, and a search's are counted at once.
numpy is imported when the views first count, not with this module: the reader's start-up
imports the record, and numpy only after its first frame (see `browse`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..models import ArticleRef
from .annotation_rows import Pair

if TYPE_CHECKING:
    import numpy as np

UNDATED = 0  # the day of an undated article: date ordinals start at 1


@dataclass(frozen=True, slots=True)
class PerArticle:
    """Each article's merged names and how many of its rows have each, as one entry per pair
    of an article and a name."""

    places: dict[str, int]  # article id -> its place in `days`
    names: list[str]  # the merged names, by number
    article: np.ndarray  # per pair: the article's place
    name: np.ndarray  # per pair: the name's number
    rows: np.ndarray  # per pair: how many of the article's rows have the name
    days: np.ndarray  # per article place: its date's ordinal, UNDATED when it has none


def per_article(
    pairs: Iterable[Pair], names: Mapping[str, str], refs: Mapping[str, ArticleRef]
) -> PerArticle:
    """The pairs under the names their keys are merged into (keys without one left out), with
    each article's date from ``refs``."""
    import numpy as np

    merged: Counter[tuple[str, str]] = Counter()
    for article, key, n in pairs:
        name = names.get(key)
        if name is not None:
            merged[article, name] += n
    places: dict[str, int] = {}
    numbers: dict[str, int] = {}
    for article, name in merged:
        places.setdefault(article, len(places))
        numbers.setdefault(name, len(numbers))
    days = [UNDATED] * len(places)
    for article, place in places.items():
        ref = refs.get(article)
        if ref is not None and ref.date is not None:
            days[place] = ref.date.toordinal()
    return PerArticle(
        places,
        list(numbers),
        np.fromiter((places[a] for a, _ in merged), np.int64, len(merged)),
        np.fromiter((numbers[n] for _, n in merged), np.int64, len(merged)),
        np.fromiter(merged.values(), np.int64, len(merged)),
        np.array(days, np.int64),
    )


@dataclass(slots=True)
class Tally:
    """Rows counted per merged name: how many, in how many articles, the first and last date."""

    rows: Counter[str] = field(default_factory=Counter)
    articles: Counter[str] = field(default_factory=Counter)
    first: dict[str, dt.date] = field(default_factory=dict)
    last: dict[str, dt.date] = field(default_factory=dict)

    def span(self, name: str) -> tuple[dt.date | None, dt.date | None]:
        """The first and last date of the name's dated articles (None for none dated)."""
        return self.first.get(name), self.last.get(name)


def tally(counts: PerArticle, ids: Collection[str] | None) -> Tally:
    """Count the names of the articles among ``ids`` (all when None)."""
    import numpy as np

    article, name, rows = counts.article, counts.name, counts.rows
    if ids is not None:
        places = counts.places
        wanted = np.zeros(len(places), bool)
        wanted[[places[i] for i in ids if i in places]] = True
        chosen = wanted[article]
        article, name, rows = article[chosen], name[chosen], rows[chosen]
    size = len(counts.names)
    days = counts.days[article]
    dated = days != UNDATED
    first = np.full(size, np.iinfo(np.int64).max)
    last = np.full(size, UNDATED)
    np.minimum.at(first, name[dated], days[dated])
    np.maximum.at(last, name[dated], days[dated])
    return _counted(
        counts.names,
        np.bincount(name, weights=rows, minlength=size).astype(np.int64).tolist(),
        np.bincount(name, minlength=size).tolist(),
        first.tolist(),
        last.tolist(),
    )


def _counted(
    names: list[str], rows: list[int], articles: list[int], first: list[int], last: list[int]
) -> Tally:
    """The names found in any article, with what was counted for them (by name number)."""
    counted = Tally()
    for number, in_articles in enumerate(articles):
        if not in_articles:
            continue
        name = names[number]
        counted.rows[name] = rows[number]
        counted.articles[name] = in_articles
        if last[number] != UNDATED:
            counted.first[name] = dt.date.fromordinal(first[number])
            counted.last[name] = dt.date.fromordinal(last[number])
    return counted
