"""`newsreader index URL`: article pages fetched one by one, extracted, analysed and published.

Each page is stored under its canonical URL (its `<link rel="canonical">`, else where the
redirects ended), so indexing it again leaves it as it is when its
text is unchanged and updates it in place, triage state kept, when it changed. A page that cannot
be fetched or holds no article is one Problem naming its URL; the other pages go on.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ...models import Analysis, Article, IngestReport, Origin, Problem
from ...publish import publish
from ...record.articles import ArticleStore, transaction
from ...record.triage import StateStore
from ..formats.html import article_of_page

if TYPE_CHECKING:
    from ...analysis.pipeline import Analyzer
    from ...search.port import SearchEngine
    from .fetching import Fetcher, Limits, Response

PAGE_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"


def index_pages(
    store: ArticleStore,
    triage: StateStore,
    engine: SearchEngine,
    analyzer: Analyzer | None,
    urls: Sequence[str],
    *,
    on_problem: Callable[[Problem], None] | None = None,
    limits: Limits | None = None,
) -> IngestReport:
    """Fetch, extract, analyse, store and publish the article at each URL."""
    from .fetching import Fetcher

    counts: Counter[str] = Counter()
    problems: list[Problem] = []
    failed = 0
    with Fetcher(limits) as http:
        for url in urls:
            found = _page_article(http, url)
            if isinstance(found, Problem):
                problems.append(found)
                failed += 1
                if on_problem:
                    on_problem(found)
                continue
            analysis = analyzer.analyze(found.text) if analyzer else None
            counts[_store(store, triage, engine, found, analysis)] += 1
    return IngestReport(
        added=counts["added"],
        updated=counts["updated"],
        unchanged=counts["unchanged"],
        duplicates=counts["duplicates"],
        failed=failed,
        problems=tuple(problems),
    )


def _page_article(http: Fetcher, url: str) -> Article | Problem:
    """The article of the page at ``url``, or the Problem that kept it out."""
    from .extraction import NoArticle, extract_article
    from .fetching import FetchError

    try:
        page = http.get(url, accept=PAGE_ACCEPT)
    except FetchError as error:
        return Problem(url, error.reason)
    try:
        extracted = extract_article(_decoded(page), page.url)
    except NoArticle as error:
        return Problem(url, f"{error.reason}; skipped")
    address = extracted.url or page.url  # the page's canonical URL, else where it was found
    return article_of_page(extracted, Origin(address, line=None, offset=0, key=""), address)


def _decoded(page: Response) -> str | bytes:
    """The page as text in the charset its server declared; else its bytes, which the
    extraction decodes as the page's own <meta charset> says."""
    if page.charset:
        try:
            return page.content.decode(page.charset, errors="replace")
        except LookupError:
            pass
    return page.content


def _store(
    store: ArticleStore,
    triage: StateStore,
    engine: SearchEngine,
    article: Article,
    analysis: Analysis | None,
) -> str:
    """Store one page's article under its URL and publish it; what happened to it, as a count
    name of IngestReport."""
    assert article.origin is not None
    old = store.origins_of_file(article.origin.path).get(article.origin.key)
    if old == article.id:
        return "unchanged"
    docs: list[tuple[Article, Analysis | None]] = []
    deleted: list[str] = []
    with transaction(store.conn):
        outcome = "updated" if old else "added"
        if store.has(article.id):
            outcome = outcome if old else "duplicates"  # the same text from another address
        else:
            store.put(article, analysis)
            docs.append((article, analysis))
        store.put_origin(article.origin, article.id)
        if old is not None:
            triage.carry(old, article.id)
            if store.delete_if_orphan(old):
                deleted.append(old)
    publish(store, engine, docs, deleted)
    return outcome
