"""Views across the library: who said what, which numbers were claimed, what each source published.

Each view is narrowed to the articles a query in the search language matches (an empty query:
every article not archived, as the empty search lists), so `date:2025-01 source:reuters` narrows
the speakers as it narrows the hits. Quotes and claims come from the record (`annotation_rows`),
read once and kept until articles change; nothing here loads spaCy.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TypeVar

from .models import ClaimGroup, ClaimRow, QuoteRow, SourceCount, Speaker
from .record.annotation_rows import AnnotationRows, RowCache, Stamp
from .record.claim_groups import claim_rows, group_named, group_names, groups_of
from .record.sources import source_counts
from .record.speakers import merged_names, named_as, speaker_rows, speakers_of

if TYPE_CHECKING:
    from .record.db import Record


class Matching(Protocol):
    """The ids of the articles a search finds (None: every article)."""

    def __call__(self, query: str, *, now: dt.datetime | None = None) -> frozenset[str] | None: ...


Ids = frozenset[str] | None
R = TypeVar("R", QuoteRow, ClaimRow)


@dataclass(frozen=True, slots=True)
class _Built:
    """Every quote and claim of the library as view rows, newest first, as of one stamp."""

    stamp: Stamp
    quotes: list[QuoteRow]
    claims: list[ClaimRow]
    speakers: dict[str, str]  # speaker as written -> merged name
    groups: dict[str, str]  # unit -> group name
    all_speakers: list[Speaker]  # for the whole library, asked for most often
    all_groups: list[ClaimGroup]


class LibraryViews:
    """The speakers, quotes, claims and sources of one open Library, filtered by a query."""

    def __init__(self, record: Record, matching: Matching) -> None:
        self._record = record
        self._matching = matching  # the ids a query finds (None: all): `Library.matching_ids`
        self._rows = RowCache()
        self._built: _Built | None = None
        self._lock = threading.Lock()

    def quotes(
        self, query: str = "", *, speaker: str | None = None, now: dt.datetime | None = None
    ) -> list[QuoteRow]:
        """The quotes of the articles the query matches, newest first (undated last), only
        those of one speaker when ``speaker`` is given (any spelling merged into the name)."""
        built = self._build()
        found = _among(built.quotes, self._ids(query, now))
        if speaker is not None:
            wanted = named_as(speaker, built.speakers)
            found = [r for r in found if r.speaker in wanted]
        return found

    def speakers(self, query: str = "", *, now: dt.datetime | None = None) -> list[Speaker]:
        """Every named speaker of the articles the query matches, the most quoted first."""
        built, ids = self._build(), self._ids(query, now)
        return (
            built.all_speakers
            if ids is None
            else speakers_of(_among(built.quotes, ids), built.speakers)
        )

    def claims(
        self, query: str = "", *, group: str | None = None, now: dt.datetime | None = None
    ) -> list[ClaimRow]:
        """The numeric claims of the articles the query matches, newest first (undated last),
        only one group's when ``group`` is given."""
        built = self._build()
        found = _among(built.claims, self._ids(query, now))
        if group is not None:
            wanted = group_named(group, built.groups)
            found = [r for r in found if r.group == wanted]
        return found

    def claim_groups(self, query: str = "", *, now: dt.datetime | None = None) -> list[ClaimGroup]:
        """What the claims of the articles the query matches count, the largest group first."""
        built, ids = self._build(), self._ids(query, now)
        return list(built.all_groups) if ids is None else groups_of(_among(built.claims, ids))

    def sources(self, query: str = "", *, now: dt.datetime | None = None) -> list[SourceCount]:
        """The sources of the articles the query matches with article and unread counts."""
        return source_counts(self._record.conn, self._ids(query, now))

    def _ids(self, query: str, now: dt.datetime | None) -> Ids:
        return self._matching(query, now=now)

    def prepare(self) -> None:
        """Read the rows now if they are not read yet (seconds on a large library): a front end
        calls this off its search thread, so that searches do not wait behind it."""
        self._build()

    def _build(self) -> _Built:
        """The view rows, built again only when the record's articles have changed; names and
        groups are merged over the whole library, so a name is the same whatever the query."""
        rows = self._rows.rows(self._record.conn)
        with self._lock:
            if self._built is None or self._built.stamp != rows.stamp:
                self._built = _built(rows)
            return self._built


def _built(rows: AnnotationRows) -> _Built:
    speakers = merged_names(Counter(q.speaker for _, q in rows.quotes if q.speaker))
    groups = group_names(c.unit for _, c in rows.claims)
    quotes = _newest_first(speaker_rows(rows.quotes, rows.articles, speakers, None))
    claims = _newest_first(claim_rows(rows.claims, rows.articles, groups, None))
    return _Built(
        rows.stamp,
        quotes,
        claims,
        speakers,
        groups,
        speakers_of(quotes, speakers),
        groups_of(claims),
    )


def _among(rows: list[R], ids: Ids) -> list[R]:
    return list(rows) if ids is None else [r for r in rows if r.article.id in ids]


def _newest_first(rows: list[R]) -> list[R]:
    """Newest article first, undated ones last, then by article and place in its text (the
    rows come in article and text order, and the sort is stable)."""
    return sorted(rows, key=lambda r: (r.article.date is None, _minus_days(r.article.date)))


def _minus_days(day: dt.date | None) -> int:
    return -day.toordinal() if day else 0
