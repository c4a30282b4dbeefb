"""An entry's article text: out of its fetched page (`extraction`), else the feed's own words.

The page's canonical URL is its `<link rel="canonical">` when it names one (else the one
trafilatura found), else the address the redirects ended at, tracking parameters stripped.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .fetching import Response
from .urls import canonical_url, page_canonical


@dataclass(frozen=True, slots=True)
class PageText:
    """Plain text for an article and what its source said of it."""

    text: str
    source: str  # "trafilatura", "json-ld" or "entry": which the text came from
    title: str | None = None
    author: str | None = None
    date: dt.date | None = None
    url: str | None = None  # canonical
    warning: str | None = None  # why the page gave no article (the text is the entry's, if any)


def page_text(page: Response, entry_html: str) -> PageText:
    """The article in a fetched page, or the entry's own text when the page holds none (then
    `warning` says why the page gave none: an empty page, one with no article text)."""
    from .extraction import NoArticle, extract_article

    html = _decoded(page)
    canonical = page_canonical(html[:200_000], page.url) or canonical_url(page.url)
    try:
        found = extract_article(html, page.url, entry_html or None)
    except NoArticle as error:
        text = entry_text(entry_html)
        words, source = (text.text, text.source) if text else ("", "entry")
        return PageText(words, source, url=canonical, warning=error.reason)
    return PageText(found.text, found.source, found.title, found.author, found.date, canonical)


def entry_text(entry_html: str) -> PageText | None:
    """The text of a feed entry's own content (HTML or plain), or None when it has none."""
    from .extraction import fragment_text

    text = fragment_text(entry_html) if entry_html.strip() else ""
    return PageText(text, "entry") if text.strip() else None


def _decoded(page: Response) -> str:
    """The page as text: its declared charset, else its <meta charset>, else UTF-8 (cp1252 for
    bytes that are not UTF-8, as browsers read undeclared pages)."""
    for encoding in (page.charset, _meta_charset(page.content)):
        if encoding:
            try:
                return page.content.decode(encoding, errors="replace")
            except LookupError:
                continue
    try:
        return page.content.decode("utf-8")
    except UnicodeDecodeError:
        return page.content.decode("cp1252", errors="replace")


def _meta_charset(content: bytes) -> str | None:
    head = content[:4096].decode("ascii", errors="ignore")
    found = re.search(r"""<meta[^>]+charset=["']?([\w.:-]+)""", head, re.IGNORECASE)
    return found.group(1) if found else None
