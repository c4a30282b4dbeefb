"""The top of the main screen: the status line, the search bar and the problem line, and the
searches they describe, fetched on the app's search thread and posted up as `Found`."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from newsreader.index.faults import LibraryError, SearchAbandoned
from newsreader.index.models import SearchResult

from ..display.article_text import one_line
from ..model.search_request import SearchRequest, Status, full_query
from ..model.search_thread import PageQuery
from ..screens.prompt import PromptScreen
from ..screens.saved import SavedSearchesScreen
from ..terminal.opener import ssh_host
from .search_bar import SearchBar
from .status_line import StatusLine

if TYPE_CHECKING:
    from newsreader.index.library import Library
    from newsreader.index.models import ArticleState

SORTS = ("relevance", "-date", "date", "added")


class SearchBox(Vertical):
    """Runs the search typed in its bar with the sort and filters of its `status`.

    Every search has a generation; a page of an older one is stale (`is_current`). Pages come
    up as `Found` messages, except the page the launcher listed before the app started, which
    `search` returns, to be shown in the very first frame.
    """

    DEFAULT_CSS = """
    SearchBox {
        height: auto;
        & > #problem {
            height: auto;
            padding: 0 1;
            color: $warning;
            text-style: italic;
        }
    }
    """

    class Found(Message):
        """A page of hits of one search, with the triage states of its articles."""

        def __init__(
            self,
            box: SearchBox,
            request: SearchRequest,
            result: SearchResult,
            states: dict[str, ArticleState],
        ) -> None:
            super().__init__()
            self.box, self.request, self.result, self.states = box, request, result, states

        @property
        def control(self) -> SearchBox:
            """The search box that searched."""
            return self.box

    class Chosen(Message):
        """A saved search was picked: search for its query."""

        def __init__(self, box: SearchBox, query: str) -> None:
            super().__init__()
            self.box, self.query = box, query

        @property
        def control(self) -> SearchBox:
            """The search box the saved search was picked from."""
            return self.box

    class _Failed(Message):
        """The library could not search (a damaged record)."""

        def __init__(self, problem: str) -> None:
            super().__init__()
            self.problem = problem

    class _History(Message):
        """The library's query history, most recent first."""

        def __init__(self, history: list[str]) -> None:
            super().__init__()
            self.history = history

    def __init__(
        self,
        library: Library,
        query: str = "",
        now: dt.datetime | None = None,
        *,
        new_since: dt.datetime | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.library = library
        self.now = now
        # "New since last session" (`new_only`): added after this; None lists every article.
        self.new_since = new_since
        self.status = Status(query=query, host=ssh_host())
        self._generation = 0

    def compose(self) -> ComposeResult:
        yield StatusLine(id="status")
        yield SearchBar(self.status.query, id="search")
        yield Static(id="problem")

    @property
    def bar(self) -> SearchBar:
        """The search bar."""
        return self.query_one(SearchBar)

    def on_mount(self) -> None:
        self.query_one("#problem").display = False
        self.query_one(StatusLine).show(self.status)
        self._history_worker()

    def show_status(self, **changes: object) -> None:
        """Change what the status says (and shows), e.g. `total=` or `marked=`."""
        self.status = dataclasses.replace(self.status, **changes)  # type: ignore[arg-type]
        self.query_one(StatusLine).show(self.status)

    def show_problem(self, problem: str | None) -> None:
        """Show the line saying what was wrong with the query, or hide it."""
        widget = self.query_one("#problem", Static)
        if widget.display or problem:  # an unchanged hidden line costs no layout
            widget.update(Text(one_line(problem or "")))
            widget.display = bool(problem)

    def is_current(self, request: SearchRequest) -> bool:
        """Whether the request belongs to the latest search."""
        return request.generation == self._generation

    def search(self, query: str, place: Sequence[str] = (), at_least: int = 0) -> Found | None:
        """Start a fresh search for query with the current sort and filters.

        `place` (ids, best first) says where the cursor goes in the new rows, `at_least` how
        many rows to fetch (a refreshed view fetches what it showed). The first page is
        returned when it is already there, else posted as `Found` once fetched.
        """
        self._generation += 1
        self.show_status(query=query, total=None)
        request = self._request(query, 0, at_least, tuple(place))
        ready = self.app.search_thread.ready_page(request.page)
        if ready is not None:  # listed while the app was starting
            return self.Found(self, request, *ready)
        self._search_worker(request)
        return None

    def fetch_more(self, offset: int) -> None:
        """Fetch the page of the current search starting at offset."""
        self._more_worker(self._request(self.status.query, offset))

    def cycle_sort(self) -> None:
        """Search again by relevance, newest first, oldest first or last added first, in turn."""
        index = SORTS.index(self.status.sort) if self.status.sort in SORTS else 0
        self.status = dataclasses.replace(self.status, sort=SORTS[(index + 1) % len(SORTS)])

    def toggle_filter(self, name: str) -> None:
        """Turn a filter on or off: unread_only, starred_only, new_only or archived (included)."""
        filters = {
            "unread_only": lambda s: dataclasses.replace(s, unread_only=not s.unread_only),
            "starred_only": lambda s: dataclasses.replace(s, starred_only=not s.starred_only),
            "new_only": lambda s: dataclasses.replace(s, new_only=not s.new_only),
            "archived": lambda s: dataclasses.replace(s, archived=not s.archived),
        }
        self.status = filters[name](self.status)

    def remember(self, query: str) -> None:
        """Add a submitted query to the history the bar recalls."""
        if query.strip():
            self._history_worker(query.strip())

    def _request(
        self, query: str, offset: int, at_least: int = 0, place: tuple[str, ...] = ()
    ) -> SearchRequest:
        page = PageQuery(
            query=full_query(query, self.status),
            offset=offset,
            sort=self.status.sort,
            archived=self.status.archived,
            at_least=at_least,
            added_since=self.new_since if self.status.new_only else None,
        )
        return SearchRequest(page, generation=self._generation, place=place)

    async def _fetch(self, request: SearchRequest) -> None:
        """Fetch a page off the UI thread (a newer search cancels this one) and post it."""
        try:
            page = await self.app.search_thread.page(self.library, request.page, self.now)
        except LibraryError as problem:  # a damaged record: say so, and keep the reader up
            self.post_message(self._Failed(str(problem)))
            return
        except SearchAbandoned:
            return  # a newer search took the thread: its own worker posts its page
        self.post_message(self.Found(self, request, *page))

    @work(exclusive=True, group="search")
    async def _search_worker(self, request: SearchRequest) -> None:
        await self._fetch(request)

    @work(exclusive=True, group="more")
    async def _more_worker(self, request: SearchRequest) -> None:
        await self._fetch(request)

    @on(_Failed)
    def _failed(self, event: _Failed) -> None:
        self.show_problem(event.problem)

    @on(Input.Changed, "#search")
    def _typed(self, event: Input.Changed) -> None:
        if event.value == self.status.query:
            return  # also skips the echo of a value set by the app itself
        # Each key searches at once (a search and its redraw take ~40 ms). Keys that arrive
        # together, or while a redraw is running, are searched once, for the last change.
        if event.value != event.input.value:
            return
        found = self.search(event.value)
        if found is not None:
            self.post_message(found)

    @work(thread=True, group="history")
    def _history_worker(self, submitted: str | None = None) -> None:
        if submitted:
            self.library.add_history(submitted)
        self.post_message(self._History(self.library.history()))

    @on(_History)
    def _history(self, event: _History) -> None:
        self.bar.set_history(event.history)

    def save_search(self) -> None:
        """Ask for a name and save the current query under it."""
        query = self.status.query.strip()
        if not query:
            self.notify("Type a query first", severity="warning")
            return
        self._save_worker(query)

    @work(group="saved")
    async def _save_worker(self, query: str) -> None:
        name = await self.app.push_screen_wait(PromptScreen(f"Save {query!r} as"))
        if name:
            await asyncio.to_thread(self.library.save_search, name, query)
            self.notify(f"saved search {name!r}")

    def pick_saved_search(self) -> None:
        """List the saved searches with their unread counts; the one picked is `Chosen`."""
        self._saved_worker()

    @work(group="saved")
    async def _saved_worker(self) -> None:
        # Unread counts are searches: they run on the search thread.
        saved = await self.app.in_search_thread(self.library.saved_searches)
        query = await self.app.push_screen_wait(SavedSearchesScreen(saved))
        if query is not None:
            self.post_message(self.Chosen(self, query))
