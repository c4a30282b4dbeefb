"""OPML subscription lists in and out: the file newsboat, Miniflux and every feed reader share.

Read with the standard library's ElementTree through defusedxml, which refuses entity
declarations (an expansion bomb) and external references. Nested outlines are folders: a feed
inside one gets the folder's title as a tag, as most readers export their categories.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from email.utils import format_datetime
from xml.etree import ElementTree


class OpmlError(Exception):
    """An OPML file that cannot be read; ``reason`` fits one line (with the line number)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Outline:
    """One subscription of an OPML file."""

    url: str
    name: str | None
    tags: tuple[str, ...] = ()


def read_opml(data: bytes) -> list[Outline]:
    """Every feed outline (one with an ``xmlUrl``) in the document, in order."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        root = fromstring(data)
    except ElementTree.ParseError as error:
        line = error.position[0]
        raise OpmlError(f"line {line}: malformed XML ({_words(error)})") from None
    except DefusedXmlException as error:
        raise OpmlError(f"refused: {type(error).__name__} ({error})") from None
    if root.tag != "opml":
        raise OpmlError(f"not an OPML file (its root element is <{root.tag}>)")
    body = root.find("body")
    return list(_outlines(body, ())) if body is not None else []


def _outlines(parent: ElementTree.Element, folders: tuple[str, ...]) -> Iterator[Outline]:
    for node in parent.findall("outline"):
        url = (node.get("xmlUrl") or node.get("xmlurl") or "").strip()
        name = (node.get("title") or node.get("text") or "").strip() or None
        if url:
            categories = [c.strip().strip("/") for c in (node.get("category") or "").split(",")]
            tags = (*folders, *(c for c in categories if c))
            yield Outline(url, name, tuple(dict.fromkeys(tags)))
        yield from _outlines(node, (*folders, name) if not url and name else folders)


def _words(error: ElementTree.ParseError) -> str:
    return str(error).split(":")[0]


@dataclass(frozen=True, slots=True)
class ExportedFeed:
    """What `write_opml` needs of a subscription."""

    url: str
    name: str
    tags: tuple[str, ...]
    site: str | None = None


def write_opml(feeds: Sequence[ExportedFeed], *, now: dt.datetime | None = None) -> str:
    """An OPML 2.0 document of the subscriptions, tags as ``category`` (comma-separated)."""
    root = ElementTree.Element("opml", version="2.0")
    head = ElementTree.SubElement(root, "head")
    ElementTree.SubElement(head, "title").text = "newsreader subscriptions"
    created = now or dt.datetime.now(dt.UTC)
    ElementTree.SubElement(head, "dateCreated").text = format_datetime(created, usegmt=True)
    body = ElementTree.SubElement(root, "body")
    for feed in feeds:
        outline = ElementTree.SubElement(
            body, "outline", type="rss", text=feed.name, title=feed.name, xmlUrl=feed.url
        )
        if feed.site:
            outline.set("htmlUrl", feed.site)
        if feed.tags:
            outline.set("category", ",".join(feed.tags))
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(root, "unicode") + "\n"
