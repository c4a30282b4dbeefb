"""The articles a view's query finds, searched once per query while the record stays as it is.

The claims view asks for the same query's ids three times as it shows it (its groups, its
counts, the highlighted group's claims) and again for the rest of the group: each a search of
the whole index (tens of milliseconds for a common word). The ids change only when the record
does (articles, their triage state: `is:starred`, archived ones left out) or the day does (a
relative date such as `date:yesterday`), so they are kept until one of those changes.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Protocol

Ids = frozenset[str] | None
KEPT = 8  # queries kept: the last few typed, so going back to one is free too


class Matching(Protocol):
    """The ids of the articles a search finds (None: every article)."""

    def __call__(self, query: str, *, now: dt.datetime | None = None) -> Ids: ...


class KeptMatching:
    """`matching`, with each query's ids kept while ``changes`` returns the same value."""

    def __init__(self, matching: Matching, changes: Callable[[], object]) -> None:
        self._matching = matching
        self._changes = changes  # what differs whenever the record has changed since
        self._kept: OrderedDict[tuple, Ids] = OrderedDict()
        self._stamp: object = None
        self._lock = threading.Lock()  # the search thread and a view's own thread may ask

    def __call__(self, query: str, *, now: dt.datetime | None = None) -> Ids:
        key = (query, now or dt.date.today())
        with self._lock:
            stamp = self._changes()
            if stamp != self._stamp:
                self._kept.clear()
                self._stamp = stamp
            if key in self._kept:
                self._kept.move_to_end(key)
                return self._kept[key]
        ids = self._matching(query, now=now)  # outside the lock: a search may take a while
        with self._lock:
            if self._stamp == stamp:
                self._kept[key] = ids
                while len(self._kept) > KEPT:
                    self._kept.popitem(last=False)
        return ids
