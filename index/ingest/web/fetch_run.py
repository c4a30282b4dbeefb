"""`fetch`: every due feed, its new entries' pages, analysis, then the record and the index.

The network runs in threads (`Harvester`: feeds four at a time, pages eight, both under the
Fetcher's per-host limit); this thread analyses each feed's new articles, commits them to SQLite
in batches and publishes them to the index every few seconds, as `index` does. A feed's
validators are committed only with its last batch, so a fetch killed at any moment loses
nothing published: the next fetch reads the feed again in full and skips the entries stored.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from typing import TYPE_CHECKING

from ...models import ANALYSING, Analysis, Article, Feed, FetchReport, Problem, Progress, Step
from ...publish import publish
from ...record.articles import ArticleStore, transaction
from ...record.feeds import EntryRecord, FeedStore, due
from ...record.triage import StateStore
from .fetching import Fetcher, Limits, Validators
from .harvest import EntryHarvest, FeedHarvest, Harvester, Known

if TYPE_CHECKING:
    from ...analysis.executors.port import AnalysisExecutor
    from ...analysis.pipeline import Analyzer
    from ...search.port import SearchEngine

FETCHING = "fetching"
FEED_THREADS, PAGE_THREADS = 4, 8
BATCH = 50  # entries per commit: small enough that a kill costs little work
PUBLISH_EVERY = 2.0  # seconds: readers beside the fetch see new articles at least this often


class FetchRun:
    """One fetch of a set of feeds into the library."""

    def __init__(
        self,
        store: ArticleStore,
        feeds: FeedStore,
        state: StateStore,
        engine: SearchEngine,
        analyzer: Analyzer | None,
        *,
        progress: Progress | None = None,
        on_problem: Callable[[Problem], None] | None = None,
        limits: Limits | None = None,
        executor: AnalysisExecutor | None = None,
    ) -> None:
        self.store, self.feeds, self.state, self.engine = store, feeds, state, engine
        self.analyzer = analyzer
        self.executor = executor  # a Dask cluster's, when asked for; else this process
        self.progress = progress or (lambda step: None)
        self.on_problem = on_problem
        self.limits = limits
        self.counts: Counter[str] = Counter()
        self.problems: list[Problem] = []
        self._stop = threading.Event()
        self._done = 0
        self._docs: list[tuple[Article, Analysis | None]] = []  # committed, not yet published
        self._deleted: list[str] = []
        self._published = time.monotonic()

    def run(self, feeds: list[Feed], *, not_due: int = 0) -> FetchReport:
        self.counts["not_due"] = not_due
        self._report(FETCHING, len(feeds))
        with (
            Fetcher(self.limits, stopped=self._stop.is_set) as http,
            ThreadPoolExecutor(PAGE_THREADS, "newsreader-page") as pages,
            ThreadPoolExecutor(FEED_THREADS, "newsreader-feed") as pool,
            self._stopping(http),
        ):
            harvester = Harvester(http, pages)
            jobs = {pool.submit(harvester.harvest, f, self._known(f)) for f in feeds}
            for harvest in self._as_done(jobs, len(feeds)):
                self._store(harvest, len(feeds))
            self._publish(at_end=True)
        return FetchReport(**self.counts, problems=tuple(self.problems))

    @contextmanager
    def _stopping(self, http: Fetcher) -> Iterator[None]:
        """However the run ends, the threads' waits and transfers end first: the pools are
        left only once their threads return, and a stop (Ctrl-C, a reader quitting) must not
        wait for a slow server's timeout."""
        try:
            yield
        finally:
            self._stop.set()
            http.abort()

    def _as_done(self, jobs: set[Future[FeedHarvest]], total: int) -> Iterator[FeedHarvest]:
        """Harvests as they finish; the progress report between waits lets a stop through."""
        pending = set(jobs)
        while pending:
            done, pending = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
            for job in done:
                yield job.result()
            self._report(FETCHING, total)

    def _known(self, feed: Feed) -> Known:
        entries = {guid: (e.path, e.key, e.fingerprint)
                   for guid, e in self.feeds.entries(feed.url).items()}  # fmt: skip
        pages = {path: Validators(*self.feeds.page(path)) for path, key, _ in entries.values()
                 if not key}  # fmt: skip
        return Known(entries, pages)

    # Storing ------------------------------------------------------------------------------
    def _store(self, harvest: FeedHarvest, total: int) -> None:
        feed = harvest.feed
        if harvest.outcome == "failed":
            self.counts["failed"] += 1
            self._problem(Problem(feed.url, feed.error or "failed", scope="unreadable"))
            with transaction(self.store.conn):
                self.feeds.fetched(feed)
        else:
            self.counts[harvest.outcome] += 1
            for reason in harvest.skipped:
                where, _, why = reason.partition(": ")
                self._problem(Problem(where, why, fatal=False))
            batches = [harvest.entries[i : i + BATCH]
                       for i in range(0, len(harvest.entries), BATCH)] or [()]  # fmt: skip
            for n, batch in enumerate(batches, 1):
                self._commit(feed, batch, last=n == len(batches), total=total)
        self._done += 1
        self._report(FETCHING, total)

    def _commit(
        self, feed: Feed, batch: tuple[EntryHarvest, ...], *, last: bool, total: int
    ) -> None:
        writes = [e for e in batch if e.article is not None and self._wanted(e)]
        analyses = self._analyses(writes, total)
        docs, deleted = self._docs, self._deleted
        with transaction(self.store.conn):
            for entry in batch:
                if entry.warning:
                    where = entry.about or entry.origin.path
                    self._problem(Problem(where, entry.warning, fatal=False))
                analysis = analyses.get(id(entry))
                doc = self._put(entry, analysis, deleted) if id(entry) in analyses else None
                if doc is not None:
                    docs.append(doc)
                self.feeds.put_entry(feed.url, entry.guid, _entry_record(entry))
                if entry.page_url is not None and entry.validators is not None:
                    self.feeds.put_page(entry.origin.path, entry.validators.etag,
                                        entry.validators.last_modified)  # fmt: skip
            if last:
                self.feeds.fetched(feed)
        self._publish()

    def _publish(self, *, at_end: bool = False) -> None:
        """Publish the committed articles to the index every PUBLISH_EVERY seconds or BATCH
        articles: an index commit costs far more than a feed's SQLite one. What a kill leaves
        committed but unpublished, the next open publishes (`catch_up`)."""
        due = time.monotonic() - self._published >= PUBLISH_EVERY or len(self._docs) >= BATCH
        if not (self._docs or self._deleted) or not (due or at_end):
            return
        publish(self.store, self.engine, self._docs, self._deleted)
        self._docs, self._deleted = [], []
        self._published = time.monotonic()

    def _wanted(self, entry: EntryHarvest) -> bool:
        """False for an article the user removed: it stays removed."""
        return entry.origin.key not in self.store.removed_keys(entry.origin.path)

    def _analyses(self, writes: list[EntryHarvest], total: int) -> dict[int, Analysis | None]:
        """id(entry) -> its analysis (None without an analyzer), for the entries to write."""
        if self.analyzer is None or not writes:
            return {id(e): None for e in writes}
        self._report(ANALYSING, total)
        texts = (e.article.text for e in writes if e.article is not None)

        def failed(position: int, message: str) -> None:
            url = writes[position].origin.path
            self._problem(Problem(url, f"analysis failed: {message}", fatal=False))

        found = self.analyzer.analyze_many(
            texts, n_process=1, on_error=failed, executor=self.executor
        )
        return {id(e): a for e, a in zip(writes, found, strict=True)}

    def _put(
        self, entry: EntryHarvest, analysis: Analysis | None, deleted: list[str]
    ) -> tuple[Article, Analysis | None] | None:
        """Store one entry's article (inside the transaction); the index document, if new."""
        article = entry.article
        assert article is not None
        old = self.store.origins_of_file(entry.origin.path).get(entry.origin.key)
        if old == article.id:
            return None
        if old is not None:
            previous = self.store.article(old)
            if previous is not None and previous.added is not None:
                article = dataclasses.replace(article, added=previous.added)
        doc = None
        if not self.store.has(article.id):  # the same text under another URL is stored once
            self.store.put(article, analysis)
            doc = (article, analysis)
            self.counts["updated" if old else "new"] += 1
        self.store.put_origin(entry.origin, article.id)
        if old is not None:
            self.state.carry(old, article.id)
            if self.store.delete_if_orphan(old):
                deleted.append(old)
        return doc

    def _problem(self, problem: Problem) -> None:
        self.problems.append(problem)
        if self.on_problem:
            self.on_problem(problem)

    def _report(self, phase: str, total: int) -> None:
        self.progress(Step(phase, self._done, total, unit="feeds", new=self.counts["new"]))


def _entry_record(entry: EntryHarvest) -> EntryRecord:
    return EntryRecord(entry.origin.path, entry.origin.key, entry.fingerprint)


def due_feeds(feeds: list[Feed], now: dt.datetime) -> list[Feed]:
    """The feeds whose time has come (see `record.feeds.due`)."""
    return [feed for feed in feeds if due(feed, now)]
