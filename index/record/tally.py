"""Counting the views' quotes and claims by merged name (a speaker, a claim group) over a
search's articles: how many, in how many articles, and the first and last date."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field

from ..models import ArticleRef
from .annotation_rows import Pair

# article id -> (merged name, how many of its rows) for each name in the article
PerArticle = dict[str, tuple[tuple[str, int], ...]]


def per_article(pairs: Iterable[Pair], names: Mapping[str, str]) -> PerArticle:
    """The pairs of each article under the names their keys are merged into; keys without one
    are left out."""
    merged: dict[str, Counter[str]] = defaultdict(Counter)
    for article, key, n in pairs:
        name = names.get(key)
        if name is not None:
            merged[article][name] += n
    return {article: tuple(counts.items()) for article, counts in merged.items()}


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


def tally(counts: PerArticle, refs: Mapping[str, ArticleRef], ids: Collection[str] | None) -> Tally:
    """Count the names of the articles among ``ids`` (all when None)."""
    counted = Tally()
    rows, articles, first, last = counted.rows, counted.articles, counted.first, counted.last
    chosen = counts.keys() if ids is None else counts.keys() & ids
    for article in chosen:
        ref = refs.get(article)
        date = ref.date if ref is not None else None
        for name, n in counts[article]:
            rows[name] += n
            articles[name] += 1
            if date is not None:
                if name not in first or date < first[name]:
                    first[name] = date
                if name not in last or date > last[name]:
                    last[name] = date
    return counted
