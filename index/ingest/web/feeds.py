"""RSS 0.9x/1.0/2.0 and Atom, read by feedparser: a feed's title, TTL and entries.

Only this module imports feedparser. A feed that is not well-formed XML is refused with the
parser's line and reason rather than half-read by the lenient fallback; one that declares XML
entities is refused before parsing (feedparser would drop its DOCTYPE, but no real feed has
any, and an entity-expansion bomb is made of them).
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import re
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from .urls import joined, url_problem


class FeedMalformed(Exception):
    """A body that is not a feed, or not well-formed XML; ``reason`` fits one line."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One item of a feed: its id, its link (absolute) and what the feed itself says of it."""

    guid: str
    link: str | None
    title: str
    content_html: str  # the longest of content and summary, as the feed gives it (HTML)
    published: dt.datetime | None
    updated: dt.datetime | None
    author: str | None

    @property
    def fingerprint(self) -> str:
        """Changes when the feed says the entry changed (its date, title, link or content)."""
        stamp = self.updated or self.published
        parts = (self.title, self.link or "", stamp.isoformat() if stamp else "", self.content_html)
        return hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """A feed's title, its site's link, its TTL (RSS `<ttl>`, minutes) and its entries."""

    title: str
    link: str | None
    ttl_minutes: int | None
    entries: tuple[FeedEntry, ...]


def parse_feed(content: bytes, url: str, content_type: str = "") -> ParsedFeed:
    """The feed in ``content`` fetched from ``url`` (relative links resolve against it)."""
    import feedparser

    if re.search(rb"<!ENTITY\s", content[:65536]):  # real feeds declare none
        raise FeedMalformed("refused: it declares XML entities (an entity-expansion bomb?)")
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(content, response_headers=headers, sanitize_html=True)
    problem = parsed.get("bozo_exception")
    if parsed.get("bozo") and _is_xml_error(problem):
        line = getattr(problem, "getLineNumber", lambda: None)()
        where = f"line {line}: " if line else ""
        raise FeedMalformed(f"malformed XML ({where}{problem.getMessage()})")  # type: ignore[union-attr]
    if not parsed.get("version"):
        raise FeedMalformed("not an RSS or Atom feed")
    channel = parsed.feed
    entries = tuple(_entry(item, url) for item in parsed.entries)
    return ParsedFeed(
        title=" ".join(str(channel.get("title", "")).split()) or urlsplit(url).hostname or url,
        link=_site(channel.get("link"), url),
        ttl_minutes=_ttl(channel.get("ttl")),
        entries=tuple(e for e in entries if e.guid),
    )


def _is_xml_error(problem: object) -> bool:
    from xml.sax import SAXParseException

    return isinstance(problem, SAXParseException)


def _entry(item: Any, feed_url: str) -> FeedEntry:
    link = _absolute(item.get("link"), feed_url)
    bodies = [c.get("value", "") for c in item.get("content", [])]
    bodies.append(item.get("summary", ""))
    content = max(bodies, key=len)
    title = " ".join(str(item.get("title", "")).split())
    guid = str(item.get("id") or "").strip() or link or ""
    if not guid and (title or content):  # neither id nor link: the entry's own words name it
        guid = "sha256:" + hashlib.sha256(f"{title}\x00{content}".encode()).hexdigest()[:24]
    return FeedEntry(
        guid=guid,
        link=link,
        title=title,
        content_html=content,
        published=_when(dict.get(item, "published_parsed")),
        updated=_when(dict.get(item, "updated_parsed")),  # no feedparser fallback to published
        author=" ".join(str(item.get("author", "")).split()) or None,
    )


def _absolute(link: object, base: str) -> str | None:
    """The link made absolute; one that cannot be fetched is kept as it is, for the fetch to
    name it in a warning (its entry is stored from the feed's own text)."""
    if not isinstance(link, str) or not link.strip():
        return None
    return joined(base, link) or link.strip()


def _site(link: object, base: str) -> str | None:
    """The feed's site, when it is a URL that can be fetched (it is shown and exported)."""
    found = _absolute(link, base)
    return found if found and not url_problem(found) else None


def _when(parsed: time.struct_time | None) -> dt.datetime | None:
    """feedparser's UTC struct_time as an aware datetime."""
    if not parsed:
        return None
    try:
        return dt.datetime.fromtimestamp(calendar.timegm(parsed), dt.UTC)
    except (OverflowError, ValueError, OSError):
        return None


def _ttl(value: object) -> int | None:
    text = str(value or "").strip()
    return int(text) if text.isdigit() and 0 < int(text) < 60 * 24 * 365 else None
