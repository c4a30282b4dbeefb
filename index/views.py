"""Views across the library: who said what, which numbers were claimed, what each source published.

Each view is narrowed to the articles a query in the search language matches (an empty query:
every article not archived, as the empty search lists), so `date:2025-01 source:reuters` narrows
the speakers as it narrows the hits. Quotes and claims come from the record (`annotation_rows`),
read once and kept until articles change; nothing here loads spaCy.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .claim_pages import ClaimPages
from .models import ArticleRef, ClaimGroup, ClaimRow, QuoteRow, SourceCount, Speaker
from .record import annotation_rows as rows
from .record.added import others_commits
from .record.annotation_rows import Stamp
from .record.claim_groups import group_named, group_names, groups_of
from .record.row_reader import RowReader
from .record.sources import source_counts
from .record.speakers import merged_names, named_as, speakers_of, spellings_of
from .record.tally import PerArticle, per_article, tally
from .view_ids import Ids, KeptMatching, Matching

if TYPE_CHECKING:
    import sqlite3

    from .record.db import Record


@dataclass(frozen=True, slots=True)
class _Library:
    """What the views count over, as of one stamp: speakers and units merged over the whole
    library (a name is the same whatever the query), each article's merged speakers and groups,
    what a row shows of each article, and the whole library's speakers and groups."""

    stamp: Stamp
    speakers: dict[str, str]  # speaker as written -> merged name
    spellings: dict[str, tuple[str, ...]]  # merged name -> its spellings
    groups: dict[str, str]  # unit -> group name
    refs: dict[str, ArticleRef]
    quoted: PerArticle  # article -> its speakers' quotes
    counted: PerArticle  # article -> its groups' claims
    claim_counts: dict[str, int]  # article -> its claims, in a group or not
    all_speakers: list[Speaker]
    all_groups: list[ClaimGroup]


class LibraryViews:
    """The speakers, quotes, claims and sources of one open Library, filtered by a query."""

    def __init__(self, record: Record, matching: Matching) -> None:
        self._record = record
        # The ids a query finds (None: all), `Library.matching_ids`, searched once per query
        # until the record changes (this connection's writes or another process's commits).
        conn = record.conn
        self._matching = KeptMatching(matching, lambda: (conn.total_changes, others_commits(conn)))
        self._library: _Library | None = None
        self._lock = threading.Lock()  # two threads asking at once read the library once

    def quotes(
        self,
        query: str = "",
        *,
        speaker: str | None = None,
        now: dt.datetime | None = None,
        limit: int | None = None,
    ) -> list[QuoteRow]:
        """The quotes of the articles the query matches, newest first (undated last), only
        those of one speaker when ``speaker`` is given (any spelling merged into the name);
        the first ``limit`` of them when given."""
        known, ids = self._read(), self._ids(query, now)
        spellings = None
        if speaker is not None:
            wanted = named_as(speaker, known.speakers)
            spellings = [w for w, merged in known.speakers.items() if merged in wanted]
        if (ids is not None and not ids) or spellings == []:
            return []
        merged, refs = known.speakers, known.refs
        return [
            QuoteRow(refs[a], q, merged.get(q.speaker) if q.speaker else None)
            for a, q in rows.quotes(self._record.conn, ids, spellings, limit)
            if a in refs
        ]

    def speakers(self, query: str = "", *, now: dt.datetime | None = None) -> list[Speaker]:
        """Every named speaker of the articles the query matches, the most quoted first."""
        known, ids = self._read(), self._ids(query, now)
        if ids is None:
            return list(known.all_speakers)
        return speakers_of(tally(known.quoted, ids), known.spellings)

    def claims(
        self,
        query: str = "",
        *,
        group: str | None = None,
        now: dt.datetime | None = None,
        limit: int | None = None,
    ) -> list[ClaimRow]:
        """The numeric claims of the articles the query matches, newest first (undated last),
        only one group's when ``group`` is given; the first ``limit`` of them when given."""
        return self.claim_pages(query, group=group, now=now).read(limit)

    def claim_pages(
        self, query: str = "", *, group: str | None = None, now: dt.datetime | None = None
    ) -> ClaimPages:
        """The claims of `claims`, to be read a part at a time (on the thread this library is
        used on): a front end reads the newest first and the rest after them, in parts."""
        known, ids = self._read(), self._ids(query, now)
        units = None
        if group is not None:
            wanted = group_named(group, known.groups)
            units = [unit for unit, name in known.groups.items() if name == wanted]
        if (ids is not None and not ids) or units == []:
            return ClaimPages(None, known.refs, known.groups)
        reader = RowReader(self._record.conn, "claims", ids, units)
        return ClaimPages(reader, known.refs, known.groups)

    def claim_groups(self, query: str = "", *, now: dt.datetime | None = None) -> list[ClaimGroup]:
        """What the claims of the articles the query matches count, the largest group first."""
        known, ids = self._read(), self._ids(query, now)
        if ids is None:
            return list(known.all_groups)
        return groups_of(tally(known.counted, ids))

    def claim_count(self, query: str = "", *, now: dt.datetime | None = None) -> tuple[int, int]:
        """(claims, articles with any) of the articles the query matches, grouped or not."""
        known, ids = self._read(), self._ids(query, now)
        counts = known.claim_counts
        if ids is None:
            return sum(counts.values()), len(counts)
        # One pass over the ids: intersecting the keys first built a set of them all again.
        found = [counts[a] for a in ids if a in counts]
        return sum(found), len(found)

    def sources(self, query: str = "", *, now: dt.datetime | None = None) -> list[SourceCount]:
        """The sources of the articles the query matches with article and unread counts."""
        return source_counts(self._record.conn, self._ids(query, now))

    def _ids(self, query: str, now: dt.datetime | None) -> Ids:
        return self._matching(query, now=now)

    def prepare(self) -> bool:
        """Read what the views count over now if it is not read yet (a second on a large
        library): a front end calls this off its search thread, so that searches do not wait
        behind it. True when it was read now: it then lives until articles change (a front
        end may tell its garbage collector so)."""
        before = self._library
        return self._read() is not before

    def _read(self) -> _Library:
        """What the views count over, read again only when the record's articles changed."""
        with self._lock:
            stamp = rows.record_stamp(self._record.conn)
            if self._library is None or self._library.stamp != stamp:
                self._library = _read_library(self._record.conn, stamp)
            return self._library


def _read_library(conn: sqlite3.Connection, stamp: Stamp) -> _Library:
    speakers = merged_names(rows.key_counts(conn, "quotes"))
    groups = group_names(rows.key_counts(conn, "claims"))
    refs = rows.article_refs(conn)
    quoted = per_article(rows.pairs(conn, "quotes"), speakers, refs)
    counted = per_article(rows.pairs(conn, "claims"), groups, refs)
    spellings = spellings_of(speakers)
    return _Library(
        stamp,
        speakers,
        spellings,
        groups,
        refs,
        quoted,
        counted,
        rows.totals(conn, "claims"),
        speakers_of(tally(quoted, None), spellings),
        groups_of(tally(counted, None)),
    )
