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
from typing import TYPE_CHECKING, Protocol

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


class LibraryViews:
    """The speakers, quotes, claims and sources of one open Library, filtered by a query."""

    def __init__(self, record: Record, matching: Matching) -> None:
        self._record = record
        self._matching = matching  # the ids a query finds (None: all): `Library.matching_ids`
        self._rows = RowCache()
        self._names: tuple[Stamp, dict[str, str], dict[str, str]] | None = None
        self._names_lock = threading.Lock()

    def quotes(
        self, query: str = "", *, speaker: str | None = None, now: dt.datetime | None = None
    ) -> list[QuoteRow]:
        """The quotes of the articles the query matches, newest first (undated last), only
        those of one speaker when ``speaker`` is given (any spelling merged into the name)."""
        rows, speakers, _ = self._named()
        found = speaker_rows(rows.quotes, rows.articles, speakers, self._ids(query, now))
        if speaker is not None:
            wanted = named_as(speaker, speakers)
            found = [r for r in found if r.speaker in wanted]
        return sorted(found, key=_newest_first)

    def speakers(self, query: str = "", *, now: dt.datetime | None = None) -> list[Speaker]:
        """Every named speaker of the articles the query matches, the most quoted first."""
        rows, speakers, _ = self._named()
        return speakers_of(
            speaker_rows(rows.quotes, rows.articles, speakers, self._ids(query, now)), speakers
        )

    def claims(
        self, query: str = "", *, group: str | None = None, now: dt.datetime | None = None
    ) -> list[ClaimRow]:
        """The numeric claims of the articles the query matches, newest first (undated last),
        only one group's when ``group`` is given."""
        rows, _, groups = self._named()
        found = claim_rows(rows.claims, rows.articles, groups, self._ids(query, now))
        if group is not None:
            wanted = group_named(group, groups)
            found = [r for r in found if r.group == wanted]
        return sorted(found, key=_newest_first)

    def claim_groups(self, query: str = "", *, now: dt.datetime | None = None) -> list[ClaimGroup]:
        """What the claims of the articles the query matches count, the largest group first."""
        rows, _, groups = self._named()
        return groups_of(claim_rows(rows.claims, rows.articles, groups, self._ids(query, now)))

    def sources(self, query: str = "", *, now: dt.datetime | None = None) -> list[SourceCount]:
        """The sources of the articles the query matches with article and unread counts."""
        return source_counts(self._record.conn, self._ids(query, now))

    def _ids(self, query: str, now: dt.datetime | None) -> Ids:
        return self._matching(query, now=now)

    def _named(self) -> tuple[AnnotationRows, dict[str, str], dict[str, str]]:
        """The rows with speaker names and claim groups merged over the whole library, so a
        name is the same whatever the query."""
        rows = self._rows.rows(self._record.conn)
        with self._names_lock:
            if self._names is None or self._names[0] != rows.stamp:
                said = Counter(q.speaker for _, q in rows.quotes if q.speaker)
                groups = group_names(c.unit for _, c in rows.claims)
                self._names = (rows.stamp, merged_names(said), groups)
            return rows, self._names[1], self._names[2]


def _newest_first(row: QuoteRow | ClaimRow) -> tuple[bool, int, str, int]:
    date = row.article.date
    start = row.quote.start if isinstance(row, QuoteRow) else row.claim.start
    return date is None, -(date.toordinal() if date else 0), row.article.id, start
