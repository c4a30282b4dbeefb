"""Plain frozen records that cross the boundary between the index and its front ends.

Nothing here knows about Whoosh, SQLite or spaCy: the TUI and the command line only ever
see these types.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True, slots=True)
class Origin:
    """Where an article was read from: a file and, in multi-record files, the line and offset."""

    path: str
    line: int | None = None
    offset: int = 0
    key: str = ""  # unique within the file: a JSON record's id or line; "" for one-article files


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as stored: normalised text plus metadata.

    ``text`` is normalised for reading (line endings, runs of blank lines, trailing spaces) and is
    what every annotation's offsets refer to.
    """

    id: str
    title: str
    text: str
    date: dt.date | None = None
    source: str | None = None
    url: str | None = None
    category: str | None = None
    origin: Origin | None = None
    external_id: str | None = None
    metadata: Mapping[str, object] = field(default_factory=dict)
    added: dt.datetime | None = None  # when it entered the library (UTC); None before it did

    @property
    def path(self) -> str | None:
        return self.origin.path if self.origin else None


@dataclass(frozen=True, slots=True)
class Entity:
    """A named-entity mention with its canonical name within the article."""

    text: str
    label: str  # spaCy label: PERSON, ORG, GPE, LOC, NORP, DATE, EVENT, ...
    start: int
    end: int
    canonical: str
    kind: str  # display group: person, org, place, group, date, event, other


@dataclass(frozen=True, slots=True)
class Claim:
    """A number stating how many or how much of something."""

    text: str
    start: int
    end: int
    value: float | None
    low: float | None = None
    high: float | None = None
    hedge: str | None = None
    unit: str | None = None
    sentence: str = ""

    @property
    def shown(self) -> str:
        """The value formatted for reading: "2,700", "40%", "£1.2bn", "10–15"."""
        from .record.claim_groups import shown  # the record's rules; it imports this module

        return shown(self)


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quote, possibly split in several spans by its attribution, and its speaker."""

    text: str
    start: int
    end: int
    spans: tuple[tuple[int, int], ...]
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None
    partial: bool = False  # woven into the writer's sentence ('called it "a con"'), not direct
    speaker_rule: str | None = None  # id of the speaker rule that answered (quotes/rules.py)


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the analysis found in one article; offsets index the article text."""

    entities: tuple[Entity, ...] = ()
    claims: tuple[Claim, ...] = ()
    quotes: tuple[Quote, ...] = ()


@dataclass(frozen=True, slots=True)
class AnalysisCluster:
    """Where a run's analysis goes past this process: a Dask scheduler already running
    (``scheduler``, ``tcp://HOST:8786``), or a cluster of ``workers`` local worker processes."""

    scheduler: str | None = None
    workers: int | None = None

    def __str__(self) -> str:
        return self.scheduler or f"a local Dask cluster of {self.workers} workers"


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result: stored metadata and a snippet with the matched terms located."""

    id: str
    title: str
    date: dt.date | None
    source: str | None
    path: str | None
    score: float
    snippet: str
    marks: tuple[tuple[int, int], ...] = ()  # (start, end) of matched terms in ``snippet``
    category: str | None = None
    url: str | None = None
    added: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class SearchResult:
    """A page of hits, the total count, and why the query was read differently, if it was."""

    hits: tuple[Hit, ...]
    total: int
    query: str
    problem: str | None = None  # e.g. "unbalanced quote: searched for the words instead"
    terms: tuple[str, ...] = ()  # words to highlight in the reader


@dataclass(frozen=True, slots=True)
class ArticleState:
    """Triage state of one article."""

    read: bool = False
    starred: bool = False
    archived: bool = False
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ImportCounts:
    """What `state import` did: articles merged and changed, ids this library lacks, searches."""

    merged: int
    changed: int
    unknown: int
    saved_searches: int


@dataclass(frozen=True, slots=True)
class Stats:
    """Counts and ranges over the whole library."""

    articles: int
    first_date: dt.date | None
    last_date: dt.date | None
    sources: tuple[tuple[str, int], ...]
    index_bytes: int
    quotes: int
    claims: int
    entities: int
    path: str


@dataclass(frozen=True, slots=True)
class Checkup:
    """What `check` found in the record and the index, and what it mended."""

    record: tuple[str, ...]
    index: tuple[str, ...]
    articles: int
    repaired: bool = False
    advice: str | None = None

    @property
    def healthy(self) -> bool:
        return not self.record and not self.index


@dataclass(frozen=True, slots=True)
class Problem:
    """One bad input: a clear message naming the file and, where known, the line."""

    path: str
    message: str
    line: int | None = None
    fatal: bool = True  # False for warnings: the article was still ingested
    # What the problem cost of its file, so that ingest knows which stored articles to keep:
    # "record" (that record only), "rest" (everything from there on could not be parsed) or
    # "unreadable" (the file or folder could not be read at all: tried again next run).
    scope: Literal["record", "rest", "unreadable"] = "record"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


LOADING, READING, ANALYSING = "loading the analysis model", "reading", "analysing"
WRITING, MERGING = "writing the index", "merging"
"""The phases of a long run, as a progress display names them."""


@dataclass(frozen=True, slots=True)
class Step:
    """Where a long run is: its phase and how many articles of the run are done."""

    phase: str
    done: int
    total: int | None  # articles the run expects in all; None while not known
    unit: str = "articles"  # what done and total count (a fetch counts feeds)
    new: int | None = None  # a fetch's new articles so far; their rate is the one shown


Progress = Callable[[Step], None]


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What one `index` run did."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    failed: int = 0
    duplicates: int = 0
    warnings: int = 0
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True, slots=True)
class Feed:
    """One feed subscription as stored, with what its last fetch said."""

    url: str
    name: str
    tags: tuple[str, ...] = ()
    site: str | None = None  # the web site the feed belongs to
    interval: int | None = None  # seconds between fetches, the user's; over the feed's TTL
    ttl: int | None = None  # seconds, from the feed's <ttl>
    etag: str | None = None
    last_modified: str | None = None
    added: dt.datetime | None = None
    fetched: dt.datetime | None = None  # the last fetch that succeeded (a 304 included)
    attempted: dt.datetime | None = None
    error: str | None = None  # why the last fetch failed; None when it did not
    articles: int = 0  # in the library now
    unread: int = 0


@dataclass(frozen=True, slots=True)
class FetchReport:
    """What one `fetch` run did: feeds fetched, unchanged (304 or same entries), failed, not
    due; articles new and updated; and every problem (a failed feed's names its URL)."""

    fetched: int = 0
    unchanged: int = 0
    failed: int = 0
    not_due: int = 0
    new: int = 0
    updated: int = 0
    problems: tuple[Problem, ...] = ()


# Across-library views: who said what, which numbers were claimed, what each source published.


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """The article a quote or claim of a library view comes from."""

    id: str
    title: str
    date: dt.date | None = None
    source: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class QuoteRow:
    """One quote in a library view, its speaker named as merged across articles."""

    article: ArticleRef
    quote: Quote
    speaker: str | None  # merged name; None when the analysis found no speaker


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """One numeric claim in a library view, with what it counts and its value for reading."""

    article: ArticleRef
    claim: Claim
    group: str | None  # what it counts: a counted noun ("soldiers"), "%" or a currency code

    @property
    def shown(self) -> str:
        """The value formatted for reading: "2,700", "40%", "£1.2bn", "10–15". Written when
        asked for: a view holds tens of thousands of claims and draws a screenful."""
        return self.claim.shown


@dataclass(frozen=True, slots=True)
class Speaker:
    """One speaker across the library (or a search's articles) and how much they said."""

    name: str
    quotes: int
    articles: int
    first: dt.date | None  # None when none of their articles is dated
    last: dt.date | None
    names: tuple[str, ...] = ()  # every spelling merged into `name`


@dataclass(frozen=True, slots=True)
class ClaimGroup:
    """The claims that count one thing ("soldiers", "%", "GBP")."""

    name: str
    claims: int
    articles: int
    first: dt.date | None
    last: dt.date | None


@dataclass(frozen=True, slots=True)
class SourceCount:
    """One source (a feed or an article's `source` field) with its article and unread counts,
    and why the feed of that name failed the last time it was fetched, if it did."""

    name: str | None  # None: the articles without a source
    articles: int
    unread: int
    first: dt.date | None
    last: dt.date | None
    feed_error: str | None = None
