"""The main screen: search bar, results, reader and quotes panel, and the workers behind them."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from newsreader.index.faults import LibraryError, SearchAbandoned
from newsreader.index.models import Analysis, Article, Hit, SearchResult

from .. import startup_gc
from ..config import DEFAULT_SPLIT
from ..display.article_text import one_line
from ..model.search_request import SearchRequest, full_query, no_hits_message
from ..model.search_thread import PageQuery
from ..model.triage import TriageMixin
from ..terminal.opener import ssh_host
from ..widgets.key_bar import KeyBar
from ..widgets.quotes_panel import QuotesPanel
from ..widgets.reader import Reader
from ..widgets.results_list import ResultsList
from ..widgets.search_bar import SearchBar
from ..widgets.status_line import Status, StatusLine
from .panes import PanesMixin

if TYPE_CHECKING:
    from newsreader.index.library import Library
    from newsreader.index.record.triage import ArticleState

ARTICLE_DELAY = 0.06
# While typing, the first hit's article waits for a pause: drawing it takes longer than a key.
TYPING_ARTICLE_DELAY = 0.3
# A query typed so far that matches nothing (often a word half typed) keeps the last results on
# screen until the typist pauses this long, or presses Enter.
EMPTY_DELAY = TYPING_ARTICLE_DELAY
INDEX_DELAY = 0.1  # after the first page is drawn, so loading the engine does not delay it
GC_AT_LATEST = 3.0


class MainScreen(PanesMixin, TriageMixin, Screen[None]):
    """Search, list and read: the screen the app opens on."""

    # Styles: main.tcss beside this file, loaded with the app's (see NewsReaderApp.CSS_PATH).
    BINDINGS: ClassVar[list[BindingType]] = [
        # A priority binding runs while the app routes the key, before it routes the next one:
        # the keys typed after it in one burst (a paste, SSH) then reach the pane it focused.
        Binding("slash", "focus_search", "Search", priority=True, id="main.search"),
        Binding("escape,backspace", "back", "Back", show=False, id="main.back"),
        Binding(
            "tab", "app.focus_next", "Next pane", show=False, priority=True, id="main.next_pane"
        ),
        Binding(
            "shift+tab",
            "app.focus_previous",
            "Prev pane",
            show=False,
            priority=True,
            id="main.prev_pane",
        ),
        Binding(
            "right_square_bracket",
            "step_article(1)",
            "Next article",
            show=False,
            id="main.next_article",
        ),
        Binding(
            "left_square_bracket",
            "step_article(-1)",
            "Prev article",
            show=False,
            id="main.prev_article",
        ),
        Binding("n", "next_hit(1)", "Next match", id="main.next_hit"),
        Binding("N", "next_hit(-1)", "Prev match", show=False, id="main.prev_hit"),
        Binding("e", "layer('entities')", "Entities", show=False, id="main.entities"),
        Binding("c", "layer('claims')", "Numbers", show=False, id="main.claims"),
        Binding("h", "layer('terms')", "Matches", show=False, id="main.terms"),
        Binding("q", "toggle_quotes", "Quotes", id="main.quotes"),
        Binding("less_than_sign", "split(-5)", "Narrower list", show=False, id="main.narrower"),
        Binding("greater_than_sign", "split(5)", "Wider list", show=False, id="main.wider"),
        Binding("S", "cycle_sort", "Sort", id="main.sort"),
        Binding("U", "filter('unread_only')", "Unread only", show=False, id="main.unread_only"),
        Binding(
            "asterisk", "filter('starred_only')", "Starred only", show=False, id="main.starred"
        ),
        Binding("A", "filter('archived')", "Show archived", show=False, id="main.archived"),
        Binding("m", "toggle_state('read')", "Read", id="main.read"),
        Binding("s", "toggle_state('starred')", "Star", id="main.star"),
        Binding("a", "toggle_state('archived')", "Archive", show=False, id="main.archive"),
        Binding("t", "tag", "Tag", show=False, id="main.tag"),
        Binding("u", "undo", "Undo", show=False, id="main.undo"),
        Binding("W", "save_search", "Save search", show=False, id="main.save_search"),
        Binding("L", "saved_searches", "Saved searches", show=False, id="main.saved"),
        Binding("o", "open_external", "Open", show=False, id="main.open"),
        Binding("question_mark", "app.help", "Help", id="main.help"),
    ]

    def __init__(
        self,
        library: Library,
        query: str = "",
        now: dt.datetime | None = None,
        split: int = DEFAULT_SPLIT,
    ) -> None:
        super().__init__()
        self.library = library
        self.now = now
        self.status = Status(query=query, host=ssh_host())
        self.split = split
        self._initial_query = query
        self._generation = 0
        self._article_timer: Timer | None = None
        self._focus_list_after_search = False
        self._index_requested = False
        self.terms: tuple[str, ...] = ()
        self.init_triage()

    def compose(self) -> ComposeResult:
        yield StatusLine(id="status")
        yield SearchBar(self._initial_query, id="search")
        yield Static(id="problem")
        with Horizontal(id="panes"):
            yield ResultsList(id="results", now=self.now)
            yield Reader(id="reader")
            yield QuotesPanel(id="quotes")
        yield KeyBar()

    @property
    def results(self) -> ResultsList:
        """The results list."""
        return self.query_one(ResultsList)

    @property
    def reader(self) -> Reader:
        """The reader pane."""
        return self.query_one(Reader)

    @property
    def quotes(self) -> QuotesPanel:
        """The quotes panel."""
        return self.query_one(QuotesPanel)

    def on_mount(self) -> None:
        self.apply_layout(self.size.width)
        self.query_one("#problem").display = False
        self.query_one(StatusLine).show(self.status)
        self.load_history()
        self.run_search(self._initial_query)
        self.query_one(SearchBar).focus()
        self.set_timer(GC_AT_LATEST, startup_gc.resume)  # should the first page never come

    # Searching ------------------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        if not isinstance(event.input, SearchBar) or event.value == self.status.query:
            return  # also skips the echo of a value set by the app itself
        # Each key searches at once (a search and its redraw take ~40 ms). Keys that arrive
        # together, or while a redraw is running, are searched once, for the last change.
        if event.value != event.input.value:
            return
        self.run_search(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if not isinstance(event.input, SearchBar):
            return
        event.stop()
        self._focus_list_after_search = True
        self.run_search(event.value)
        if event.value.strip():
            self.remember_query(event.value.strip())

    def run_search(self, query: str, place: Sequence[str] = ()) -> None:
        """Start a fresh search for query with the current sort and filters.

        With `place` (ids, best first) the view is being refreshed after triage: the rows loaded
        so far are fetched again and the cursor goes to the first of those ids still listed.
        """
        self._generation += 1
        self.status = self._with(query=query, total=None)
        self.query_one(StatusLine).show(self.status)
        at_least = len(self.results.hits) if place else 0
        request = self._request(query, 0, at_least, tuple(place))
        ready = self.app.search_thread.ready_page(request.page)
        if ready is not None:  # listed while the app was starting: in the very first frame
            self._show_result(*ready, request)
        else:
            self._search_worker(request)

    def _request(
        self, query: str, offset: int, at_least: int = 0, place: tuple[str, ...] = ()
    ) -> SearchRequest:
        page = PageQuery(
            query=full_query(query, self.status),
            offset=offset,
            sort=self.status.sort,
            archived=self.status.archived,
            at_least=at_least,
        )
        return SearchRequest(page, generation=self._generation, place=place)

    async def _fetch(self, request: SearchRequest) -> None:
        """Fetch a page off the UI thread and show it (a newer search cancels this one)."""
        try:
            page = await self.app.search_thread.page(self.library, request.page, self.now)
        except LibraryError as problem:  # a damaged record: say so, and keep the reader up
            self._show_problem(str(problem))
            return
        except SearchAbandoned:
            return  # a newer search took the thread: its own worker shows its page
        self._show_result(*page, request)

    @work(exclusive=True, group="search")
    async def _search_worker(self, request: SearchRequest) -> None:
        await self._fetch(request)

    @work(exclusive=True, group="more")
    async def _more_worker(self, request: SearchRequest) -> None:
        await self._fetch(request)

    def _show_result(
        self,
        result: SearchResult,
        states: dict[str, ArticleState],
        request: SearchRequest,
        held: bool = False,
    ) -> None:
        if request.generation != self._generation or not self.is_attached:
            return  # a newer search has started since, or the app is closing
        if not held and self._hold_empty(result, request):
            self.set_timer(EMPTY_DELAY, lambda: self._show_result(result, states, request, True))
            return
        offset = request.page.offset
        self.results.show_hits(
            result.hits, result.total, states, append=offset > 0, place=request.place
        )
        if offset == 0:
            self.terms = result.terms
            self._show_problem(result.problem)
            if not result.hits:
                self.reader.show_message(no_hits_message(result))
                self.quotes.show(None, self.reader.analysis)
        self.status = self._with(total=result.total)
        self.query_one(StatusLine).show(self.status)
        self._say_notices()
        if not self._index_requested:
            self._index_requested = True
            self.call_after_refresh(startup_gc.resume)
            self.set_timer(INDEX_DELAY, self._open_index)
        if self._focus_list_after_search and offset == 0:
            self._focus_list_after_search = False
            self.results.focus()

    def _hold_empty(self, result: SearchResult, request: SearchRequest) -> bool:
        """Whether to keep the last results a moment instead of showing that nothing matches.

        While the user types, a query matching nothing is most often a word not yet finished;
        showing "No articles match" for it would flash between every two keys.
        """
        typing = isinstance(self.focused, SearchBar) and not self._focus_list_after_search
        return typing and not result.hits and request.page.offset == 0 and bool(self.results.hits)

    @work(group="index")
    async def _open_index(self) -> None:
        """Load the search engine while the first page (listed from SQLite) is being read."""
        await self.app.in_search_thread(self.library.warm_up)
        self._say_notices()

    def _say_notices(self) -> None:
        """Show what the library had to say (an index rebuilt, a writer busy) as toasts."""
        while self.library.notices:
            self.notify(self.library.notices.pop(0), title="library", timeout=8)

    def _show_problem(self, problem: str | None) -> None:
        widget = self.query_one("#problem", Static)
        if widget.display or problem:  # an unchanged hidden line costs no layout
            widget.update(Text(one_line(problem or "")))
            widget.display = bool(problem)

    def on_results_list_need_more(self, event: ResultsList.NeedMore) -> None:
        self._more_worker(self._request(self.status.query, len(self.results.hits)))

    def _with(self, **changes: object) -> Status:
        marked = len(self.results.marked) if self.is_mounted else 0
        return dataclasses.replace(self.status, marked=marked, **changes)  # type: ignore[arg-type]

    # Reading --------------------------------------------------------------------------------

    def on_results_list_highlighted(self, event: ResultsList.Highlighted) -> None:
        self.load_article(event.hit)

    def on_results_list_opened(self, event: ResultsList.Opened) -> None:
        self.add_class("-reading")
        self.reader.focus()  # opens the article: see on_descendant_focus

    def on_results_list_marks_changed(self, event: ResultsList.MarksChanged) -> None:
        self.status = self._with()
        self.query_one(StatusLine).show(self.status)

    def load_article(self, hit: Hit) -> None:
        """Fetch and show the article of a hit in a worker, once the cursor rests a moment."""
        if self._article_timer is not None:
            self._article_timer.stop()
        # Holding j should not build every article it passes over.
        typing = isinstance(self.focused, SearchBar)
        self._article_timer = self.set_timer(
            TYPING_ARTICLE_DELAY if typing else ARTICLE_DELAY,
            lambda: self._article_worker(hit.id, self.terms),
        )

    @work(thread=True, exclusive=True, group="article")
    def _article_worker(self, article_id: str, terms: tuple[str, ...]) -> None:
        article = self.library.article(article_id)
        analysis = self.library.analysis(article_id)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_article, article_id, article, analysis, terms)

    async def _show_article(
        self,
        article_id: str,
        article: Article | None,
        analysis: Analysis,
        terms: tuple[str, ...],
    ) -> None:
        if not self.is_attached:
            return  # the app is closing
        current = self.results.current
        if current is None or current.id != article_id:
            return  # the cursor moved on while this one loaded
        if article is None:
            self.reader.show_message("This article is no longer in the library.")
            return
        try:
            await self.reader.show_article(article, analysis, terms)
            self.quotes.show(article, analysis)
        except NoMatches:  # the app closed while the article was shown: its panes are gone
            return
        if self.focused is self.reader:  # stepping with ] and [ in the reader opens each article
            self._mark_open_article_read()

    # An article is read when the user opens it (Enter, or focus moved into the reader) or reads
    # it to its end; an article the reader merely previews (search as you type, the list's
    # cursor moving) stays unread, so unread counts, `U` and `read:no` keep their meaning.

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if event.widget is self.reader:
            self._mark_open_article_read()
        elif event.widget is self.results and self.panel_hides_list():
            self.show_panel(False)  # the keys go to the list: it must be seen

    def on_reader_read_to_end(self, event: Reader.ReadToEnd) -> None:
        self._mark_open_article_read()

    def _mark_open_article_read(self) -> None:
        article, current = self.reader.article, self.results.current
        if article is None or current is None or article.id != current.id:
            return  # the reader still shows another article: that one was not opened
        state = self.results.states.get(article.id)
        if state is None or not state.read:
            self.mark_read(article.id)
