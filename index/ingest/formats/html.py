"""Saved web pages (.html, .htm): one article a file, its text taken out as for fetched pages."""

from __future__ import annotations

from collections.abc import Iterator

from ...models import Article, Origin, Problem
from ..normalize import content_id, derive_title
from ..web.extraction import Extracted, NoArticle, extract_article
from .common import SourceRecord


def read_html_article(
    name: str, data: bytes, url: str | None = None
) -> Iterator[SourceRecord | Problem]:
    """Yield the article in the page ``data`` (read from ``name``), or a Problem saying why not.

    The stored text is the extracted text, so annotation offsets refer to it: ``raw_text`` is
    that text, not the markup it came from.
    """
    try:
        extracted = extract_article(data, url=url)
    except NoArticle as error:
        yield Problem(name, f"{error.reason}; skipped")
        return
    article = article_of_page(extracted, Origin(name, line=1, offset=0, key=""), url)
    yield SourceRecord(article, article.text, 0)


def article_of_page(extracted: Extracted, origin: Origin, url: str | None = None) -> Article:
    """Return the Article for an extracted page: its title (or the text's first sentence), the
    page's date, site name as source and URL (canonical first), the author and where the text
    came from as metadata."""
    title = extracted.title or derive_title(extracted.text)
    metadata: dict[str, object] = {"text_from": extracted.source}
    if extracted.author:
        metadata["author"] = extracted.author
    return Article(
        id=content_id(title, extracted.text),
        title=title,
        text=extracted.text,
        date=extracted.date,
        source=extracted.site_name,
        url=extracted.url or url,
        origin=origin,
        metadata=metadata,
    )
