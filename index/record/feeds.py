"""Feed subscriptions and what fetching them left in the record: validators, entries, errors.

An article from the web has the origin (its canonical URL, "") when its entry links a page, or
(the feed's URL, the entry's guid) when it does not; `feed_entries` maps each (feed, guid) to
that origin, so a fetch knows the entries it has seen and `feed list` counts articles per feed.
`pages` holds each page's validators for the next conditional GET. Writes run inside the
caller's transaction (`transaction`), with the articles they belong to.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass

from ..models import Feed
from .articles import transaction

SCHEMA = """
CREATE TABLE IF NOT EXISTS feeds (
    url TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    tags TEXT NOT NULL DEFAULT '[]',
    site TEXT,
    interval INTEGER,
    ttl INTEGER,
    etag TEXT,
    last_modified TEXT,
    added TEXT NOT NULL,
    fetched TEXT,
    attempted TEXT,
    error TEXT
);
CREATE TABLE IF NOT EXISTS feed_entries (
    feed TEXT NOT NULL,
    guid TEXT NOT NULL,
    path TEXT NOT NULL,
    key TEXT NOT NULL DEFAULT '',
    fingerprint TEXT NOT NULL,
    PRIMARY KEY (feed, guid)
);
CREATE INDEX IF NOT EXISTS feed_entries_origin ON feed_entries(path, key);
CREATE TABLE IF NOT EXISTS pages (url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT);
"""

DEFAULT_INTERVAL = 3600  # seconds between two fetches of a feed that names no TTL


def due(feed: Feed, now: dt.datetime) -> bool:
    """Tell whether the feed's interval (else its TTL, else an hour) has passed since its last
    good fetch; a feed whose last fetch failed is always due."""
    if feed.fetched is None or feed.error:
        return True
    every = feed.interval or feed.ttl or DEFAULT_INTERVAL
    return (now - feed.fetched).total_seconds() >= every


@dataclass(frozen=True, slots=True)
class EntryRecord:
    """A feed entry seen before: the origin of its article and the feed's fingerprint of it."""

    path: str
    key: str
    fingerprint: str


_COLUMNS = (
    "url, name, tags, site, interval, ttl, etag, last_modified, added, fetched, attempted, error"
)


class FeedStore:
    """The feeds, feed_entries and pages tables of the library record."""

    def __init__(self, conn: sqlite3.Connection, *, read_only: bool = False) -> None:
        self.conn = conn
        if not read_only:
            conn.executescript(SCHEMA)
        elif not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'feeds'").fetchone():
            # a library older than feeds, opened read-only: empty tables in memory stand in
            tables = [line for line in SCHEMA.splitlines() if "CREATE INDEX" not in line]
            conn.executescript("\n".join(tables).replace("CREATE TABLE", "CREATE TEMP TABLE"))

    # Subscriptions --------------------------------------------------------------------------
    def feeds(self) -> list[Feed]:
        """Every subscription by name, with its articles and unread counts."""
        counts = self.counts()
        rows = self.conn.execute(f"SELECT {_COLUMNS} FROM feeds ORDER BY name COLLATE NOCASE")
        return [_feed(row, counts) for row in rows]

    def feed(self, url_or_name: str) -> Feed | None:
        """The feed with this URL, else with this name (case-insensitive)."""
        row = self.conn.execute(f"SELECT {_COLUMNS} FROM feeds WHERE url = ?", (url_or_name,))
        found = (
            row.fetchone()
            or self.conn.execute(
                f"SELECT {_COLUMNS} FROM feeds WHERE name = ? COLLATE NOCASE", (url_or_name,)
            ).fetchone()
        )
        return _feed(found, self.counts(found[0])) if found else None

    def add(self, feed: Feed) -> None:
        with transaction(self.conn):
            self.conn.execute(
                "INSERT INTO feeds (url, name, tags, site, interval, ttl, added)"
                " VALUES (?,?,?,?,?,?,?)",
                (feed.url, feed.name, json.dumps(list(feed.tags)), feed.site, feed.interval,
                 feed.ttl, _stamp(feed.added or dt.datetime.now(dt.UTC))),
            )  # fmt: skip

    def remove(self, url: str) -> list[tuple[str, str]]:
        """Forget a feed; the origins of its entries that no other feed has."""
        with transaction(self.conn):
            origins = self.conn.execute(
                "SELECT DISTINCT path, key FROM feed_entries e WHERE feed = ? AND NOT EXISTS"
                " (SELECT 1 FROM feed_entries o WHERE o.path = e.path AND o.key = e.key"
                "  AND o.feed != e.feed)",
                (url,),
            ).fetchall()
            self.conn.execute("DELETE FROM feed_entries WHERE feed = ?", (url,))
            self.conn.execute("DELETE FROM feeds WHERE url = ?", (url,))
        return [(path, key) for path, key in origins]

    def name_taken(self, name: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM feeds WHERE name = ? COLLATE NOCASE", (name,))
        return row.fetchone() is not None

    def counts(self, url: str | None = None) -> dict[str, tuple[int, int]]:
        """feed URL -> (its articles, its unread articles), for one feed or every one."""
        rows = self.conn.execute(
            "SELECT e.feed, count(DISTINCT o.article_id),"
            " count(DISTINCT CASE WHEN coalesce(s.read, 0) = 0 THEN o.article_id END)"
            " FROM feed_entries e JOIN origins o ON o.path = e.path AND o.key = e.key"
            " LEFT JOIN state s ON s.article_id = o.article_id"
            f"{' WHERE e.feed = ?' if url else ''} GROUP BY e.feed",
            (url,) if url else (),
        )
        return {url: (n, unread) for url, n, unread in rows}

    # What a fetch leaves (inside the caller's transaction) ----------------------------------
    def fetched(self, feed: Feed) -> None:
        """Store a fetch's outcome: validators, TTL, times and error, as ``feed`` holds them."""
        self.conn.execute(
            "UPDATE feeds SET site = ?, ttl = ?, etag = ?, last_modified = ?, fetched = ?,"
            " attempted = ?, error = ? WHERE url = ?",
            (feed.site, feed.ttl, feed.etag, feed.last_modified, _stamp(feed.fetched),
             _stamp(feed.attempted), feed.error, feed.url),
        )  # fmt: skip

    def entries(self, feed_url: str) -> dict[str, EntryRecord]:
        rows = self.conn.execute(
            "SELECT guid, path, key, fingerprint FROM feed_entries WHERE feed = ?", (feed_url,)
        )
        return {guid: EntryRecord(path, key, fp) for guid, path, key, fp in rows}

    def put_entry(self, feed_url: str, guid: str, entry: EntryRecord) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO feed_entries (feed, guid, path, key, fingerprint)"
            " VALUES (?,?,?,?,?)",
            (feed_url, guid, entry.path, entry.key, entry.fingerprint),
        )

    def page(self, url: str) -> tuple[str | None, str | None]:
        """The (ETag, Last-Modified) a page was last fetched with."""
        row = self.conn.execute("SELECT etag, last_modified FROM pages WHERE url = ?", (url,))
        found = row.fetchone()
        return (found[0], found[1]) if found else (None, None)

    def put_page(self, url: str, etag: str | None, last_modified: str | None) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO pages (url, etag, last_modified) VALUES (?,?,?)",
            (url, etag, last_modified),
        )


def _feed(row: tuple, counts: dict[str, tuple[int, int]]) -> Feed:
    url, name, tags, site, interval, ttl, etag, modified, added, fetched, attempted, error = row
    articles, unread = counts.get(url, (0, 0))
    return Feed(
        url=url, name=name, tags=tuple(json.loads(tags or "[]")), site=site, interval=interval,
        ttl=ttl, etag=etag, last_modified=modified, added=_time(added), fetched=_time(fetched),
        attempted=_time(attempted), error=error, articles=articles, unread=unread,
    )  # fmt: skip


def _stamp(when: dt.datetime | None) -> str | None:
    return when.astimezone(dt.UTC).isoformat(timespec="seconds") if when else None


def _time(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None
