"""Feed subscriptions as the command line and the reader use them: add, list, remove, OPML in
and out, and `fetch`. Every change takes the library's write lock, as `index` does.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, TypedDict
from urllib.parse import urlsplit

from ...faults import LibraryError
from ...folder.upkeep import catch_up
from ...folder.writelock import WaitNotice
from ...models import AnalysisCluster, Feed, FetchReport, Problem, Progress
from ...publish import publish
from ...record.articles import transaction
from .feeds import FeedMalformed, ParsedFeed, parse_feed
from .fetching import Fetcher, FetchError, Limits, Response, check_url
from .harvest import FEED_ACCEPT
from .opml import ExportedFeed, OpmlError, read_opml, write_opml
from .urls import feed_links

if TYPE_CHECKING:
    from ...record.db import Record
    from ...search.port import SearchEngine

Writing = Callable[..., AbstractContextManager[None]]  # `Library.writing`


class FetchOptions(TypedDict, total=False):
    """`Library.fetch`'s options, as `Subscriptions.fetch` takes them."""

    force: bool
    analyze: bool
    progress: Progress | None
    on_problem: Callable[[Problem], None] | None
    on_wait: WaitNotice | None
    cluster: AnalysisCluster | None


@dataclasses.dataclass(frozen=True, slots=True)
class Imported:
    """What `import_opml` did: the feeds added, and those skipped with why."""

    added: tuple[Feed, ...]
    skipped: tuple[Problem, ...]


class Subscriptions:
    """The feeds of one open library: its record, its index (opened when first needed), its
    write lock (`Library.writing`) and its notices."""

    def __init__(
        self,
        record: Record,
        engine: Callable[[], SearchEngine],
        writing: Writing,
        notices: list[str],
        limits: Limits | None = None,
    ) -> None:
        self.record, self.engine, self.writing, self.notices = record, engine, writing, notices
        self.feeds = record.feeds
        self.limits = limits

    def list(self) -> list[Feed]:
        """Every feed by name, with its article and unread counts."""
        return self.feeds.feeds()

    def find(self, url_or_name: str) -> Feed:
        """The feed with this URL or name; LibraryError naming the choices when none has."""
        found = self.feeds.feed(url_or_name.strip())
        if found is None:
            raise LibraryError(f"{url_or_name}: no feed with this URL or name"
                               " (`newsreader feed list` shows them)")  # fmt: skip
        return found

    def chosen(self, targets: Sequence[str]) -> list[Feed]:
        """The feeds named (every one when none is), in the order given."""
        if not targets:
            return self.list()
        return list({feed.url: feed for feed in map(self.find, targets)}.values())

    # Changes --------------------------------------------------------------------------------
    def add(
        self,
        url: str,
        *,
        name: str | None = None,
        tags: Sequence[str] = (),
        interval: int | None = None,
    ) -> Feed:
        """Subscribe to the feed at ``url``, or to the first feed an HTML page there advertises
        (`<link rel="alternate">`); its name is ``name`` or the feed's own title. ``interval``
        (seconds) is how often to fetch it, over the feed's TTL and the hour by default."""
        check_url_or_fail(url)
        feed_url, parsed = self._discover(url.strip())
        if existing := self.feeds.feed(feed_url):
            raise LibraryError(f"{feed_url}: already subscribed, as {existing.name!r}")
        if name and self.feeds.name_taken(name):
            raise LibraryError(f"{name!r}: another feed has this name; choose another with --name")
        feed = Feed(
            url=feed_url, name=name or self._free_name(parsed.title, feed_url),
            tags=tuple(dict.fromkeys(tags)), site=parsed.link, interval=interval,
        )  # fmt: skip
        with self.writing("feed add"):
            self.feeds.add(feed)
        return self.find(feed.url)

    def remove(self, target: str, *, purge: bool = False) -> tuple[Feed, int]:
        """Unsubscribe; with ``purge`` its articles go too (those no other feed has). Returns
        the feed and the number of articles removed."""
        feed = self.find(target)
        store = self.record.articles
        with self.writing("feed remove"):
            origins = self.feeds.remove(feed.url)
            if not purge:
                return feed, 0
            with transaction(store.conn):
                olds = {old for path, key in origins if (old := store.drop_origin(path, key))}
                deleted = [old for old in olds if store.delete_if_orphan(old)]
            publish(store, self.engine(), [], deleted)
        return feed, len(deleted)

    def import_opml(self, data: bytes, where: str) -> Imported:
        """Subscribe to every feed of an OPML file not subscribed to yet, without fetching."""
        try:
            outlines = read_opml(data)
        except OpmlError as error:
            raise LibraryError(f"{where}: {error.reason}") from None
        added: list[Feed] = []
        skipped: list[Problem] = []
        with self.writing("feed import"):
            for outline in outlines:
                try:
                    check_url(outline.url)
                except FetchError as error:
                    skipped.append(Problem(where, f"{outline.url}: {error.reason}", fatal=False))
                    continue
                if self.feeds.feed(outline.url):
                    continue  # subscribed already: importing a file twice changes nothing
                name = self._free_name(outline.name or "", outline.url)
                self.feeds.add(Feed(url=outline.url, name=name, tags=outline.tags))
                added.append(self.find(outline.url))
        return Imported(tuple(added), tuple(skipped))

    def export_opml(self) -> str:
        """Every subscription as an OPML 2.0 document."""
        exported = [ExportedFeed(f.url, f.name, f.tags, f.site) for f in self.list()]
        return write_opml(exported)

    # Fetching ---------------------------------------------------------------------------------
    def fetch(
        self,
        targets: Sequence[str] = (),
        *,
        force: bool = False,
        analyze: bool = True,
        progress: Progress | None = None,
        on_problem: Callable[[Problem], None] | None = None,
        on_wait: WaitNotice | None = None,
        cluster: AnalysisCluster | None = None,
    ) -> FetchReport:
        """Fetch the due feeds (``targets`` only, when given; due or not with ``force``), the
        pages of their new entries, analyse them (on ``cluster`` when one is named) and publish
        them (`fetch_run`)."""
        from ...analysis.executors.choice import analysis_for
        from .fetch_run import FetchRun, due_feeds

        chosen = self.chosen(targets)
        with self.writing("fetch", on_wait=on_wait):
            chosen = [self.find(feed.url) for feed in chosen]  # as the last fetch left them
            feeds = chosen if force else due_feeds(chosen, dt.datetime.now(dt.UTC))
            analysis = analysis_for(analyze and bool(feeds), cluster, self.notices)
            with analysis as (analyzer, executor):
                store, engine = self.record.articles, self.engine()
                catch_up(store, engine, self.notices)
                run = FetchRun(
                    store, self.feeds, self.record.triage, engine, analyzer, progress=progress,
                    on_problem=on_problem, limits=self.limits, executor=executor,
                )  # fmt: skip
                return run.run(feeds, not_due=len(chosen) - len(feeds))

    # Helpers ----------------------------------------------------------------------------------
    def _discover(self, url: str) -> tuple[str, ParsedFeed]:
        """The feed at ``url``, or at the first feed link of the HTML page there."""
        with Fetcher(self.limits) as http:
            response = _get(http, url)
            try:
                return url, parse_feed(response.content, response.url, response.content_type)
            except FeedMalformed as error:
                page = response.content.decode(response.charset or "utf-8", errors="replace")
                links = feed_links(page, response.url) if "html" in response.content_type else []
                if not links:
                    raise LibraryError(
                        f"{url}: {error.reason}, nor a page advertising one"
                    ) from None
            feed = _get(http, links[0])
            try:
                return links[0], parse_feed(feed.content, feed.url, feed.content_type)
            except FeedMalformed as error:
                raise LibraryError(f"{links[0]} (advertised by {url}): {error.reason}") from None

    def _free_name(self, title: str, url: str) -> str:
        """The title, else the host; with " (2)", " (3)"... while another feed has it."""
        base = " ".join(title.split()) or urlsplit(url).hostname or url
        name, n = base, 1
        while self.feeds.name_taken(name):
            n += 1
            name = f"{base} ({n})"
        return name


def check_url_or_fail(url: str) -> None:
    try:
        check_url(url.strip())
    except FetchError as error:
        raise LibraryError(str(error)) from None


def _get(http: Fetcher, url: str) -> Response:
    try:
        return http.get(url, accept=FEED_ACCEPT + ", text/html;q=0.7")
    except FetchError as error:
        raise LibraryError(str(error)) from None
