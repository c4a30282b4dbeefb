"""One feed's fetch over the network: the feed, then each new or changed entry's page.

This side never touches the record: the run hands it what the record knows of the feed (its
validators, the entries seen, the pages' validators) and stores what it gives back, so the
pages of many feeds are fetched in threads while the run analyses and commits in its own.
An entry the feed says is unchanged costs nothing; a page that answers 304 only its request.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import Literal

from ...models import Article, Feed, Origin
from ..normalize import clean_field, content_id, derive_title, normalize
from .feeds import FeedEntry, FeedMalformed, ParsedFeed, parse_feed
from .fetching import Fetcher, FetchError, Response, Validators, check_url
from .page_text import PageText, entry_text, page_text
from .urls import canonical_url

FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.8"
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"


@dataclass(frozen=True, slots=True)
class Known:
    """What the record holds of one feed's entries: guid -> (origin path, key, fingerprint), and
    the validators of those entries' pages."""

    entries: Mapping[str, tuple[str, str, str]]
    pages: Mapping[str, Validators]


@dataclass(frozen=True, slots=True)
class EntryHarvest:
    """One entry to store: its origin, the feed's fingerprint of it and, unless its page
    answered 304, its article (with the validators of the page it came from)."""

    guid: str
    fingerprint: str
    origin: Origin
    article: Article | None
    page_url: str | None = None
    validators: Validators | None = None
    warning: str | None = None  # the page could not be used: the feed's own text was stored
    about: str | None = None  # the URL the warning names, when it is not the origin's


@dataclass(frozen=True, slots=True)
class FeedHarvest:
    """A fetched feed: ``feed`` with its new validators, times and error; the entries to store."""

    feed: Feed
    outcome: Literal["fetched", "unchanged", "failed"]
    entries: tuple[EntryHarvest, ...] = ()
    skipped: tuple[str, ...] = ()  # why entries without any text were left out


class Harvester:
    """Fetches feeds and their entries' pages through one shared Fetcher."""

    def __init__(
        self,
        http: Fetcher,
        pages: Executor,
        *,
        now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
    ) -> None:
        self.http, self.pages, self.now = http, pages, now

    def harvest(self, feed: Feed, known: Known) -> FeedHarvest:
        """Fetch ``feed`` and the pages of its new and changed entries; never raises for what
        the network or the feed did (the outcome says "failed" and why)."""
        started = self.now()
        try:
            response = self.http.get(feed.url, Validators(feed.etag, feed.last_modified),
                                     accept=FEED_ACCEPT)  # fmt: skip
            parsed = None if response.not_modified else parse_feed(
                response.content, response.url, response.header("content-type") or ""
            )  # fmt: skip
        except FetchError as error:
            return FeedHarvest(_failed(feed, started, error.reason), "failed")
        except FeedMalformed as error:
            return FeedHarvest(_failed(feed, started, error.reason), "failed")
        if parsed is None:
            return FeedHarvest(_succeeded(feed, started, response, None), "unchanged")
        fresh = [e for e in parsed.entries if _changed(e, known)]
        jobs = [self.pages.submit(self._entry, feed, entry, known) for entry in fresh]
        results = [job.result() for job in jobs]
        entries = tuple(r for r in results if isinstance(r, EntryHarvest))
        skipped = tuple(r for r in results if isinstance(r, str))
        outcome = "fetched" if fresh else "unchanged"
        return FeedHarvest(_succeeded(feed, started, response, parsed), outcome, entries, skipped)

    def _entry(self, feed: Feed, entry: FeedEntry, known: Known) -> EntryHarvest | str:
        seen = known.entries.get(entry.guid)
        if entry.link is None:
            return self._unlinked(feed, entry)
        try:
            check_url(entry.link)
        except FetchError as error:  # a link no client can follow: stored as if it had none
            return self._unlinked(feed, entry, error)
        link = canonical_url(entry.link)
        path = seen[0] if seen and seen[1] == "" else link
        try:
            page = self.http.get(entry.link, known.pages.get(path), accept=PAGE_ACCEPT)
        except FetchError as error:
            text = entry_text(entry.content_html)
            warning = f"{error.reason}: stored the feed's own text instead"
            return self._harvested(feed, entry, Origin(path), text, None, None, warning)
        if page.not_modified:
            return EntryHarvest(entry.guid, entry.fingerprint, Origin(path), None)
        text = page_text(page, entry.content_html)
        origin = Origin(text.url if text and text.url else path)
        warning = f"{text.warning}: stored the feed's own text instead" if text.warning else None
        return self._harvested(feed, entry, origin, text, page.url, page.validators, warning)

    def _unlinked(
        self, feed: Feed, entry: FeedEntry, bad: FetchError | None = None
    ) -> EntryHarvest | str:
        """An entry stored from the feed's own text, under the feed and its guid; ``bad`` says
        why its link cannot be followed, when it has one (the warning names that link)."""
        text = entry_text(entry.content_html)
        origin = Origin(feed.url, key=entry.guid)
        if bad is None:
            return self._harvested(feed, entry, origin, text, None, None, None)
        if text is None or not text.text.strip():
            return f"{bad.url}: {bad.reason}, nor text in the entry, left out"
        warning = f"{bad.reason}: stored the feed's own text instead"
        found = self._harvested(feed, entry, origin, text, None, None, warning)
        return (
            dataclasses.replace(found, about=bad.url) if isinstance(found, EntryHarvest) else found
        )

    def _harvested(
        self,
        feed: Feed,
        entry: FeedEntry,
        origin: Origin,
        text: PageText | None,
        page_url: str | None,
        validators: Validators | None,
        warning: str | None,
    ) -> EntryHarvest | str:
        if text is None or not text.text.strip():
            why = f"{text.warning}, nor text in the entry" if text and text.warning else (
                "no text in the entry or its page")  # fmt: skip
            return f"{entry.link or feed.url}: {why}, left out"
        # A keyed origin is an entry stored from the feed under its guid: it has no page URL.
        body, _ = normalize(text.text)
        title = clean_field(entry.title or text.title or "") or derive_title(body)
        stamp = entry.published or entry.updated
        metadata: dict[str, object] = {"feed": feed.url, "guid": entry.guid,
                                       "text from": text.source}  # fmt: skip
        if author := entry.author or text.author:
            metadata["author"] = author
        article = Article(
            id=content_id(title, body), title=title, text=body,
            date=stamp.date() if stamp else text.date, source=feed.name,
            url=None if origin.key else origin.path, origin=origin, metadata=metadata,
        )  # fmt: skip
        return EntryHarvest(entry.guid, entry.fingerprint, origin, article, page_url,
                            validators, warning)  # fmt: skip


def _changed(entry: FeedEntry, known: Known) -> bool:
    seen = known.entries.get(entry.guid)
    return seen is None or seen[2] != entry.fingerprint


def _failed(feed: Feed, started: dt.datetime, reason: str) -> Feed:
    return dataclasses.replace(feed, attempted=started, error=reason)


def _succeeded(
    feed: Feed, started: dt.datetime, response: Response, parsed: ParsedFeed | None
) -> Feed:
    validators = response.validators
    changes: dict[str, object] = {
        "attempted": started, "fetched": started, "error": None,
        "etag": validators.etag or feed.etag, "last_modified":
        validators.last_modified or feed.last_modified,
    }  # fmt: skip
    if parsed is not None:
        changes.update(site=parsed.link or feed.site,
                       ttl=parsed.ttl_minutes * 60 if parsed.ttl_minutes else None)  # fmt: skip
    return dataclasses.replace(feed, **changes)  # type: ignore[arg-type]
