"""The one thread the reader searches on, and the page of hits it fetches for the main screen.

Free of Textual, so that the launcher can ask for the first page while the app is still being
imported (a quarter of a second): the page is then ready before the first frame is drawn.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from newsreader.index.library import Library
    from newsreader.index.models import ArticleState, SearchResult

T = TypeVar("T")
PAGE = 50  # two screenfuls at 48 lines; snippets are most of a page's cost

Page = tuple["SearchResult", dict[str, "ArticleState"]]


@dataclass(frozen=True, slots=True)
class PageQuery:
    """What decides a page of hits: the query (filters included), where it starts, the order."""

    query: str
    offset: int = 0
    sort: str = "relevance"
    archived: bool = False
    at_least: int = 0  # rows wanted, a page if fewer: a refreshed view fetches what it showed
    added_since: dt.datetime | None = None  # only articles added after it (new since last session)


def fetch_page(
    library: Library,
    page: PageQuery,
    now: dt.datetime | None,
    abandoned: Callable[[], bool] | None = None,
) -> Page:
    """One page of hits and the triage states of its articles (see Library.search for
    `abandoned`)."""
    result = library.search(
        page.query,
        limit=max(PAGE, page.at_least),
        offset=page.offset,
        sort=page.sort,
        now=now,
        include_archived=page.archived,
        abandoned=abandoned,
        added_since=page.added_since,
    )
    return result, library.states(hit.id for hit in result.hits)


class SearchThread:
    """Runs library calls on one thread, so the engine keeps one searcher and its caches.

    A page asked for early (`prefetch`) is handed to the first `page` call that wants it.
    Asking for a page abandons the one being fetched, if any, at its next word (its caller
    gets SearchAbandoned), so a slow query never holds up the one typed after it.
    """

    def __init__(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="search")
        self._early: tuple[PageQuery, Future[Page]] | None = None
        self._latest = 0  # how many pages were asked for: only the last may run to its end

    def _newest(self) -> Callable[[], bool]:
        """Count a new page asked for; the check that says a later one was asked for since."""
        self._latest += 1
        mine = self._latest
        return lambda: self._latest != mine

    def prefetch(self, library: Library, page: PageQuery, now: dt.datetime | None) -> None:
        """Start fetching a page now; the main screen will ask for it soon."""
        future = self._executor.submit(fetch_page, library, page, now, self._newest())
        self._early = (page, future)

    async def run(self, call: Callable[[], T]) -> T:
        """Run a library call on the thread and wait for it without blocking the event loop."""
        return await asyncio.get_running_loop().run_in_executor(self._executor, call)

    def ready_page(self, page: PageQuery) -> Page | None:
        """The prefetched page if it is this page and has arrived (then it is handed over)."""
        if self._early is None or self._early[0] != page or not self._early[1].done():
            return None
        future = self._early[1]
        if future.exception() is not None:
            return None  # `page` will raise it where the screen handles a failed search
        self._early = None
        return future.result()

    async def page(self, library: Library, page: PageQuery, now: dt.datetime | None) -> Page:
        """A page of hits: the prefetched one if it is this page, else fetched now."""
        early, self._early = self._early, None
        if early is not None and early[0] == page:
            return await asyncio.wrap_future(early[1])
        abandoned = self._newest()
        return await self.run(lambda: fetch_page(library, page, now, abandoned))

    def shutdown(self) -> None:
        """Stop taking work: what is queued is dropped, a page being fetched is abandoned."""
        self._latest += 1
        self._executor.shutdown(wait=False, cancel_futures=True)
