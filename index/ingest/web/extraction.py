"""An article's text and metadata out of a web page: trafilatura first, then the fallbacks.

trafilatura finds the article in the page and its metadata (title, author, date, site name).
When it finds nothing, or far less than the page declares it holds, the text comes from the
page's JSON-LD ``articleBody``, else from the feed entry's own content; ``Extracted.source``
records which. Paragraphs and headings come out as blocks separated by blank lines, quote marks
as written (the quote and speaker analysis reads both); no markup is kept. Only this module
imports trafilatura, and it does so when a page is first extracted, never at import.

One page is parsed at a time in the process: trafilatura shares one lxml parser across calls,
and lxml parsers are not thread-safe (concurrent extract() calls crash the process with
SIGSEGV, adbar/trafilatura#840 and #925); fetch extracts from its page threads.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from ..normalize import clean_field, normalize
from .urls import url_problem

if TYPE_CHECKING:
    from lxml.html import HtmlElement

TextSource = Literal["trafilatura", "json-ld", "entry"]
_PARSING = threading.RLock()  # held while lxml parses or walks a tree (see above)

# A candidate "far less" than the longest text the page or entry declares is passed over.
FAR_LESS = 0.5
# Below this, a text is a teaser, a caption or a cookie banner, not an article: a page is
# refused (a feed's reader of the page may still store the entry's own summary).
MIN_ARTICLE_CHARS = 100
_BLOCK_TAGS = frozenset(
    {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "pre"}
    | {"table", "tr", "section", "article", "figure", "figcaption", "header", "footer"}
    | {"aside", "dl", "dt", "dd", "hr"}
)
_DROPPED_TAGS = frozenset({"script", "style", "noscript", "template", "iframe", "svg", "form"})
_SPACE_RE = re.compile(r"[^\S\n]+")
_BLANK_LINES_RE = re.compile(r"\n\s*\n+")
_ELLIPSIS = ("...", "…")
# A call to the reader to subscribe or write in, which sites put between an article's paragraphs
# and trafilatura keeps: a short block naming a newsletter, a subscription or the letters page
# and speaking to the reader (you, our) or telling them to act (Sign up...).
MAX_CALL_TO_ACTION_CHARS = 300
_SUBSCRIPTION_RE = re.compile(
    r"\b(newsletters?|unsubscribe|letters? to the editor|your inbox|your email|"
    r"(sign(ing)? up|subscribe|subscribing) (for|to) (our|the))\b",
    re.IGNORECASE,
)
_TO_THE_READER_RE = re.compile(r"(\b(you|your|our|us)\b|^(sign up|subscribe)\b)", re.IGNORECASE)
# A copyright notice ("Copyright 2026 The Gazette", "© 2019 ..."): a year of the site, never the
# article's date. htmldate's text search would take its year for the date, or for a floor under it.
_COPYRIGHT_RE = re.compile(r"©|&copy;|\bcopyright\b|\(c\)\s*\d{4}", re.IGNORECASE)
MAX_NOTICE_CHARS = 300


class NoArticle(Exception):
    """A page with no article text in it, and why, in words for one line on stderr."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Extracted:
    """An article taken out of a web page: plain text (blocks separated by blank lines), its
    metadata where the page gives it, and which source the text came from."""

    text: str
    source: TextSource
    title: str | None = None
    author: str | None = None
    date: dt.date | None = None
    site_name: str | None = None
    url: str | None = None  # the page's canonical URL, when it names one
    description: str | None = None


@dataclass(frozen=True, slots=True)
class _Candidate:
    """One source's text for the article."""

    source: TextSource
    text: str


def extract_article(
    html: str | bytes, url: str | None = None, entry_html: str | None = None
) -> Extracted:
    """Return the article in the page ``html`` (fetched from ``url``), or raise NoArticle.

    ``entry_html`` is the feed entry's own content (HTML or plain text), the last fallback.
    """
    with _PARSING:
        return _extract(html, url, entry_html)


def _extract(html: str | bytes, url: str | None, entry_html: str | None) -> Extracted:
    import trafilatura

    tree = trafilatura.load_html(html) if _has_markup(html) else None
    document = _trafilatura_document(tree, url) if tree is not None else None
    candidates = [
        _Candidate("trafilatura", _trafilatura_text(document, tree)),
        _Candidate("json-ld", _json_ld_body(tree) if tree is not None else ""),
        _Candidate("entry", fragment_text(entry_html) if entry_html else ""),
    ]
    chosen = _choose(candidates)
    if chosen is None:
        raise NoArticle(_why_none(html, tree))
    return _extracted(chosen, document)


def fragment_text(fragment: str) -> str:
    """Return the text of an HTML fragment (a feed entry's content): blocks as paragraphs."""
    if not _has_markup(fragment):
        return _tidy(fragment)
    with _PARSING:
        return _fragment_text(fragment)


def _fragment_text(fragment: str) -> str:
    from lxml import html as lxml_html
    from lxml.etree import ParserError

    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (ParserError, ValueError):
        return _tidy(fragment)
    return _tidy("".join(_element_text(root)))


def _has_markup(html: str | bytes) -> bool:
    """Tell whether ``html`` holds anything but whitespace, and a tag at that."""
    sample = html[:65536]
    if isinstance(sample, bytes):
        return b"<" in sample and bool(sample.strip())
    return "<" in sample and bool(sample.strip())


def _trafilatura_document(tree: HtmlElement, url: str | None) -> Any:
    """Return trafilatura's Document for the page (text tree and metadata), or None."""
    import trafilatura

    try:
        document = trafilatura.bare_extraction(
            tree,
            url=url,
            with_metadata=True,
            include_comments=False,  # readers' comments are not the article
            include_tables=True,
            include_images=False,
            date_extraction_params=_date_params(extensive=False),  # from the markup only
        )
        if document is not None and not document.date:
            document.date = _text_date(tree, url)
    except Exception:  # a third-party parser's internal error must not stop a fetch
        return None
    return document


def _date_params(*, extensive: bool) -> dict[str, Any]:
    """htmldate's options: the date first published, none later than today."""
    today = dt.date.today().isoformat()
    return {"extensive_search": extensive, "original_date": True, "max_date": today}


def _text_date(tree: HtmlElement, url: str | None) -> str | None:
    """The date the page's text gives, when its markup (meta tags, JSON-LD, <time>, the URL)
    gives none: htmldate's search of the text, without the copyright notices, and only a date
    to the day. Its year-only answers (January 1 of a year it saw: a copyright line, a lone
    "1998") are no article's date; an article dated January 1 in its text alone is lost so."""
    from htmldate import find_date  # trafilatura's own date finder

    found = find_date(_without_copyright(tree), url=url, **_date_params(extensive=True))
    return None if not found or found[4:] == "-01-01" else found


def _without_copyright(tree: HtmlElement) -> HtmlElement:
    """A copy of the page without the short elements that hold a copyright notice."""
    page = copy.deepcopy(tree)
    notices = [
        element
        for element in page.iter()
        if isinstance(element.tag, str) and element.getparent() is not None
        and len(element.text_content()) <= MAX_NOTICE_CHARS
        and _COPYRIGHT_RE.search(element.text_content())
    ]  # fmt: skip
    for element in notices:
        if element.getparent() is not None:  # not inside one dropped already
            element.drop_tree()
    return page


def _trafilatura_text(document: Any, tree: HtmlElement | None) -> str:
    """Return trafilatura's text as blocks, led by the page's standfirst when it dropped it."""
    body = getattr(document, "body", None)
    if body is None:
        return ""
    from trafilatura.xml import xmltotxt

    blocks = [_tidy(xmltotxt(child, False)) for child in body]
    text = "\n\n".join(block for block in blocks if block and not _call_to_action(block))
    standfirst = _standfirst(tree, getattr(document, "description", None), text)
    return f"{standfirst}\n\n{text}" if standfirst and text else text


def _call_to_action(block: str) -> bool:
    """Tell whether a block asks the reader to subscribe or write in, rather than reporting."""
    return (
        len(block) <= MAX_CALL_TO_ACTION_CHARS
        and _SUBSCRIPTION_RE.search(block) is not None
        and _TO_THE_READER_RE.search(block) is not None
    )


def _standfirst(tree: HtmlElement | None, description: str | None, text: str) -> str | None:
    """Return the page's description when the page shows it as a paragraph the text lacks.

    Articles often open with a standfirst (the line under the headline) that is also the page's
    meta description; trafilatura takes it for part of the header and drops it. It is kept only
    when a paragraph or heading of the page reads exactly so, which a site-wide description never
    does, and the text does not already hold it (or start with it, cut short).
    """
    if tree is None or not description:
        return None
    wanted = _squash(description)
    if len(wanted) < 20 or wanted.rstrip(".…") in _squash(text):
        return None
    if wanted.endswith(_ELLIPSIS):
        return None  # a cut-off first paragraph, not a standfirst
    for element in tree.iter("p", "h2", "h3"):
        if _squash(element.text_content()) == wanted:
            return _tidy(element.text_content())
    return None


def _squash(text: str) -> str:
    """Return ``text`` on one line with single spaces, to compare renderings of one passage."""
    return " ".join(text.split())


def _json_ld_body(tree: HtmlElement) -> str:
    """Return the longest ``articleBody`` of an article the page's JSON-LD describes, as text.

    Only the page's own articles count (top level, ``@graph``, ``mainEntity``): a live blog's
    updates or a list of related articles, nested deeper, are not the page's text.
    """
    bodies = [
        fragment_text(body)
        for script in tree.iter("script")
        if (script.get("type") or "").strip().lower() == "application/ld+json"
        for body in _article_bodies(_json_or_none(script.text or ""))
    ]
    return max(bodies, key=len, default="")


def _json_or_none(text: str) -> object:
    """Return the JSON value in ``text``, or None when it does not parse."""
    try:
        return json.loads(text, strict=False)  # pages put raw newlines inside JSON strings
    except ValueError:
        return None


def _article_bodies(node: object, depth: int = 0) -> Iterator[str]:
    """Yield the ``articleBody`` strings of the article objects at the top of JSON-LD."""
    if depth > 3:
        return
    if isinstance(node, list):
        for item in node:
            yield from _article_bodies(item, depth + 1)
        return
    if not isinstance(node, dict):
        return
    body = node.get("articleBody")
    if isinstance(body, str) and body.strip() and _is_article_type(node.get("@type")):
        yield body
    for key in ("@graph", "mainEntity"):
        yield from _article_bodies(node.get(key), depth + 1)


def _is_article_type(value: object) -> bool:
    """Tell whether a JSON-LD ``@type`` names an article (NewsArticle, BlogPosting, ...)."""
    types = value if isinstance(value, list) else [value]
    return any(isinstance(name, str) and ("Article" in name or "Posting" in name) for name in types)


def _choose(candidates: list[_Candidate]) -> _Candidate | None:
    """Return the first candidate not far shorter than the longest, or None if none is an article.

    trafilatura comes first, so it wins unless the page's own JSON-LD or the entry says the
    article is more than twice as long as what it found. trafilatura reads JSON-LD itself when
    the page shows nothing, but runs its paragraphs together: the same words from JSON-LD, in
    their paragraphs, are taken from there.
    """
    longest = max((len(candidate.text) for candidate in candidates), default=0)
    if longest < MIN_ARTICLE_CHARS:
        return None
    first = next(c for c in candidates if len(c.text) >= max(longest * FAR_LESS, MIN_ARTICLE_CHARS))
    if first.source == "trafilatura":
        words = "".join(first.text.split())
        same = [c for c in candidates[1:] if "".join(c.text.split()) == words]
        return same[0] if same else first
    return first


def _extracted(chosen: _Candidate, document: Any) -> Extracted:
    """Return the Extracted record for the chosen text and trafilatura's metadata."""
    title = _field(document, "title")
    text, _ = normalize(_without_headline(chosen.text, title))
    return Extracted(
        text=text,
        source=chosen.source,
        title=title,
        author=_field(document, "author"),
        date=_date(_field(document, "date")),
        site_name=_field(document, "sitename"),
        url=_fetchable(_field(document, "url")),
        description=_field(document, "description"),
    )


def _fetchable(url: str | None) -> str | None:
    """A page may name any string its canonical URL (og:url): only one that can be fetched."""
    return url if url and not url_problem(url) else None


def _without_headline(text: str, title: str | None) -> str:
    """Return ``text`` without a first block that repeats the title (the page's headline)."""
    first, _, rest = text.partition("\n\n")
    if title and rest.strip() and _squash(first) == _squash(title):
        return rest
    return text


def _field(document: Any, name: str) -> str | None:
    """Return one metadata field of trafilatura's Document on one line, or None."""
    value = getattr(document, name, None)
    if not isinstance(value, str):
        return None
    return clean_field(value) or None


def _date(value: str | None) -> dt.date | None:
    """Return the date trafilatura found (it writes them YYYY-MM-DD), or None."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _why_none(html: str | bytes, tree: HtmlElement | None) -> str:
    """Return why a page gave no article text, in a few words."""
    if not html.strip():
        return "empty page; no article"
    if tree is None:
        return "not an HTML page; no article"
    return "no article text found in the page"


def _element_text(element: HtmlElement) -> Iterator[str]:
    """Yield the text of ``element`` and its children, blank lines around block elements."""
    tag = element.tag if isinstance(element.tag, str) else None  # None: a comment
    if tag is None or tag in _DROPPED_TAGS:
        yield element.tail or ""
        return
    if tag == "br":
        yield "\n"
    elif tag in _BLOCK_TAGS:
        yield "\n\n"
    yield element.text or ""
    for child in element:
        yield from _element_text(child)
    if tag in _BLOCK_TAGS:
        yield "\n\n"
    yield element.tail or ""


def _tidy(text: str) -> str:
    """Return ``text`` with single spaces, lines trimmed and blocks one blank line apart."""
    lines = (_SPACE_RE.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES_RE.sub("\n\n", "\n".join(lines)).strip()
