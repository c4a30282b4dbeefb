"""Counting annotation rows by what they share (a speaker, a claim group), for the views."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from ..models import ArticleRef


class Row(Protocol):
    """A quote or claim row: the article it is in."""

    @property
    def article(self) -> ArticleRef: ...


@dataclass(slots=True)
class Tally:
    """Rows counted per key: how many, in how many articles, and the first and last date."""

    rows: Counter[str] = field(default_factory=Counter)
    article_ids: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    dates: dict[str, list[dt.date]] = field(default_factory=lambda: defaultdict(list))

    def articles(self, key: str) -> int:
        """How many articles the key's rows are in."""
        return len(self.article_ids[key])

    def span(self, key: str) -> tuple[dt.date | None, dt.date | None]:
        """The first and last date of the key's dated articles (None for none dated)."""
        dates = self.dates[key]
        return min(dates, default=None), max(dates, default=None)


R = TypeVar("R", bound=Row)


def tally(rows: Iterable[R], key: Callable[[R], str | None]) -> Tally:
    """Count the rows by `key`; rows whose key is None are left out."""
    counted = Tally()
    for row in rows:
        name = key(row)
        if name is None:
            continue
        counted.rows[name] += 1
        counted.article_ids[name].add(row.article.id)
        if row.article.date is not None:
            counted.dates[name].append(row.article.date)
    return counted
