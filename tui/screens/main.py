"""The main screen: search bar, the panes (results, reader, quotes panel), and the workers behind
them. Triage goes through a `Triage` object; every worker posts what it found as a message."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen

from newsreader.index.faults import LibraryError

from .. import startup_gc
from ..config import DEFAULT_SPLIT
from ..model.search_request import Status, hides_results, no_hits_message, view_depends_on
from ..model.state_changes import state_changes
from ..model.triage import FLAGS, Triage
from ..widgets.feed_fetcher import FETCH_BINDING, FeedFetcher
from ..widgets.key_bar import KeyBar
from ..widgets.panes import TYPING_ARTICLE_DELAY, Panes
from ..widgets.quotes_panel import QuotesPanel
from ..widgets.reader import Reader
from ..widgets.results_list import ResultsList
from ..widgets.search_bar import SearchBar
from ..widgets.search_box import SearchBox

if TYPE_CHECKING:
    from newsreader.index.library import Library

# A query typed so far that matches nothing (often a word half typed) keeps the last results on
# screen until the typist pauses this long, or presses Enter (the first hit's article waits as
# long, see Panes).
EMPTY_DELAY = TYPING_ARTICLE_DELAY
INDEX_DELAY = 0.1  # after the first page is drawn, so loading the engine does not delay it
GC_AT_LATEST = 3.0


class MainScreen(Screen[None]):
    """Search, list and read: the screen the app opens on.

    Its bindings are the keys that work wherever the focus is on it; each pane binds the keys
    that work while it has the focus.
    """

    DEFAULT_CSS = """
    MainScreen {
        layout: vertical;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        # A priority binding runs while the app routes the key, before it routes the next one:
        # the keys typed after it in one burst (a paste, SSH) then reach the pane it focused.
        Binding("slash", "focus_search", "Search", priority=True, id="main.search"),
        Binding(
            "enter", "submit_search", "Go to results", show=False, priority=True, id="main.submit"
        ),
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
        Binding("plus", "filter('new_only')", "New since last session", show=False, id="main.new"),
        Binding("m", "toggle_state('read')", "Read", id="main.read"),
        Binding("s", "toggle_state('starred')", "Star", id="main.star"),
        Binding("a", "toggle_state('archived')", "Archive", show=False, id="main.archive"),
        Binding("t", "tag", "Tag", show=False, id="main.tag"),
        Binding("u", "undo", "Undo", show=False, id="main.undo"),
        Binding("W", "save_search", "Save search", show=False, id="main.save_search"),
        Binding("L", "saved_searches", "Saved searches", show=False, id="main.saved"),
        Binding("o", "open_external", "Open", show=False, id="main.open"),
        FETCH_BINDING,
        Binding("question_mark", "app.help", "Help", id="main.help"),
    ]

    def __init__(
        self,
        library: Library,
        query: str = "",
        now: dt.datetime | None = None,
        split: int = DEFAULT_SPLIT,
        new_since: dt.datetime | None = None,
    ) -> None:
        super().__init__()
        self.library = library
        self.new_since = new_since  # when the last session ended: what `+` counts as new
        self.triage = Triage(library)
        self.now = now
        self._split = split
        self._initial_query = query
        self._focus_list_after_search = False
        self._index_requested = False

    def compose(self) -> ComposeResult:
        yield SearchBox(
            self.library, self._initial_query, self.now, new_since=self.new_since, id="search-box"
        )
        yield Panes(self.library, self.triage, split=self._split, now=self.now, id="panes")
        yield KeyBar()
        yield FeedFetcher(self.library)

    @property
    def search_box(self) -> SearchBox:
        """The status line, search bar and problem line, and the searches."""
        return self.query_one(SearchBox)

    @property
    def status(self) -> Status:
        """What is searched for: query, sort, filters, hit count."""
        return self.search_box.status

    @property
    def panes(self) -> Panes:
        """The results list, reader and quotes panel, and their layout."""
        return self.query_one(Panes)

    @property
    def results(self) -> ResultsList:
        """The results list."""
        return self.panes.results

    @property
    def reader(self) -> Reader:
        """The reader pane."""
        return self.panes.reader

    @property
    def quotes(self) -> QuotesPanel:
        """The quotes panel."""
        return self.panes.quotes

    def on_mount(self) -> None:
        self.run_search(self._initial_query)
        self.query_one(SearchBar).focus()
        self.set_timer(GC_AT_LATEST, startup_gc.resume)  # should the first page never come

    # Searching ------------------------------------------------------------------------------

    def action_submit_search(self) -> None:
        """Search for what the bar holds and move to the results, at once (see the binding).

        The list takes the keys typed after Enter at once, and holds them until the rows
        they act on are there.
        """
        bar = self.query_one(SearchBar)
        if self.focused is not bar:
            raise SkipAction  # Enter in the list opens the article
        self.results.hold_keys()
        self.set_focus(self.results)
        self.run_search(bar.value)
        self.search_box.remember(bar.value)

    def run_search(self, query: str, place: Sequence[str] = ()) -> None:
        """Start a fresh search for query with the current sort and filters.

        With `place` (ids, best first) the view is being refreshed after triage: the rows loaded
        so far are fetched again and the cursor goes to the first of those ids still listed.
        """
        at_least = len(self.results.hits) if place else 0
        found = self.search_box.search(query, place, at_least)
        if found is not None:  # listed while the app was starting: in the very first frame
            self._show_result(found)

    def on_search_box_found(self, event: SearchBox.Found) -> None:
        self._show_result(event)

    def _show_result(self, found: SearchBox.Found, held: bool = False) -> None:
        result, request = found.result, found.request
        if not self.search_box.is_current(request) or not self.is_attached:
            return  # a newer search has started since, or the app is closing
        typing = isinstance(self.focused, SearchBar) and not self._focus_list_after_search
        if not held and typing and hides_results(result, request, bool(self.results.hits)):
            self.set_timer(EMPTY_DELAY, lambda: self._show_result(found, True))
            return
        offset = request.page.offset
        self.results.show_hits(
            result.hits, result.total, found.states, append=offset > 0, place=request.place
        )
        if offset == 0:
            self.search_box.show_problem(result.problem)
            self.panes.terms = result.terms
            if not result.hits:
                self.panes.show_message(no_hits_message(result))
        self._show_status(total=result.total)
        self._say_notices()
        if not self._index_requested:
            self._index_requested = True
            self.call_after_refresh(startup_gc.resume)
            self.set_timer(INDEX_DELAY, self._open_index)
        if self._focus_list_after_search and offset == 0:
            self._focus_list_after_search = False
            self.results.focus()

    @work(group="index")
    async def _open_index(self) -> None:
        """Load the search engine while the first page (listed from SQLite) is being read."""
        await self.app.in_search_thread(self.library.warm_up)
        self._say_notices()

    def _say_notices(self) -> None:
        """Show what the library had to say (an index rebuilt, a writer busy) as toasts."""
        while self.library.notices:
            self.notify(self.library.notices.pop(0), title="library", timeout=8)

    def on_results_list_need_more(self, event: ResultsList.NeedMore) -> None:
        self.search_box.fetch_more(len(self.results.hits))

    def _show_status(self, **changes: object) -> None:
        self.search_box.show_status(marked=len(self.results.marked), **changes)

    def action_cycle_sort(self) -> None:
        """Switch between relevance, newest first, oldest first and last added first."""
        self.search_box.cycle_sort()
        self.run_search(self.status.query)

    def action_filter(self, name: str) -> None:
        """Toggle a filter: unread_only, starred_only, new_only (added since the last session)
        or archived (include archived)."""
        self.search_box.toggle_filter(name)
        self.run_search(self.status.query)

    def search_for(self, query: str | None) -> None:
        """Put query in the search bar and run it, focusing the results."""
        if query is None:
            return
        self.query_one(SearchBar).value = query
        self._focus_list_after_search = True
        self.panes.reading = False
        self.run_search(query)

    def on_results_list_marks_changed(self, event: ResultsList.MarksChanged) -> None:
        self._show_status()

    # Fetching -------------------------------------------------------------------------------

    def action_fetch_feeds(self) -> None:
        """Fetch the feeds that are due, in the background; new articles join the list."""
        if not self.query_one(FeedFetcher).fetch():
            self.notify("The feeds are being fetched already", timeout=3)
        elif not self.is_current:  # a view shows no progress line: say that it started
            self.notify("Fetching the feeds that are due\u2026", timeout=3)

    def on_feed_fetcher_progress(self, event: FeedFetcher.Progress) -> None:
        self._show_status(fetching=event.line)

    def on_feed_fetcher_finished(self, event: FeedFetcher.Finished) -> None:
        self._show_status(fetching=None)  # the fetcher says what the run did

    def on_feed_fetcher_arrived(self, event: FeedFetcher.Arrived) -> None:
        """Articles were committed elsewhere: list them, the cursor and marks staying put."""
        self.app.view_switch.library_changed()
        self.run_search(self.status.query, place=self.results.place())

    # Moving between panes -------------------------------------------------------------------

    def action_focus_search(self) -> None:
        """Put the cursor in the search bar, at once (see the binding above)."""
        search_bar = self.query_one(SearchBar)
        if self.focused is search_bar:
            raise SkipAction  # the key goes to the search bar, which knows when `/` is text
        self.panes.reading = False
        self.set_focus(search_bar)

    async def action_back(self) -> None:
        """Go back one level: panel to reader, reader to list, list to search bar."""
        focused, panes = self.focused, self.panes
        if self.quotes.display and focused is not None and self.quotes in focused.ancestors:
            await panes.toggle_quotes()
        elif panes.reading or focused is self.reader:
            panes.reading = False
            if panes.list_hidden():
                await panes.toggle_quotes()  # the panel hid the list: make room for it again
            self.results.focus()
        elif focused is self.results:
            self.query_one(SearchBar).focus()
        else:
            self.results.focus()

    async def action_toggle_quotes(self) -> None:
        """Show or hide the quotes panel; showing it focuses the quotes."""
        await self.panes.toggle_quotes()

    def action_split(self, step: int) -> None:
        """Widen or narrow the results list and remember the ratio."""
        self.panes.step_split(step)

    def action_step_article(self, step: int) -> None:
        """Show the next or previous article in the list without leaving the current pane."""
        self.panes.step_article(step)

    def action_next_hit(self, step: int) -> None:
        """Move the reader to the next or previous search-term occurrence."""
        self.reader.action_next_hit(step)

    def action_layer(self, name: str) -> None:
        """Toggle a highlight layer in the reader."""
        self.reader.action_toggle_layer(name)

    def action_open_external(self) -> None:
        """Open the reader's article where the user is (see Reader.open_article)."""
        self.reader.open_article()

    def on_quotes_panel_entity_chosen(self, event: QuotesPanel.EntityChosen) -> None:
        if self.panes.panel_hides_list():  # the results must be seen, and get the keys
            self.set_focus(self.results)  # which closes the panel (see Panes.on_descendant_focus)
        self.search_for(event.query)

    # Triage (see Panes) ---------------------------------------------------------------------

    def action_toggle_state(self, name: str) -> None:
        """Flip read, starred or archived on the target articles (set all when any is unset)."""
        self.panes.toggle_flag(FLAGS[name])

    def action_tag(self) -> None:
        """Ask for a tag to add (or `-tag` to remove) on the target articles."""
        self.panes.ask_tag()

    def action_undo(self) -> None:
        """Put back the states from before the last triage action."""
        self.panes.undo()

    def on_panes_triaged(self, event: Panes.Triaged) -> None:
        change = event.change
        if view_depends_on(change.field, self.status):  # rows may have left or come back
            place = [*change.ids] if change.undone else []
            self.run_search(self.status.query, place=[*place, *self.results.place()])

    def on_screen_resume(self) -> None:
        """Back from another view or a dialog, where articles may have been read (one opened
        from the speakers view): the listed rows' states are read again."""
        if self.results.hits:
            self._refresh_states()

    @work(exclusive=True, group="states")
    async def _refresh_states(self) -> None:
        ids = [hit.id for hit in self.results.hits]
        try:
            states = await self.app.in_search_thread(lambda: self.library.states(ids))
        except LibraryError:
            return  # the next search or triage action says what is wrong
        changes = state_changes(self.results.states, states)
        if not changes.states or not self.is_attached:
            return
        self.results.update_states(changes.states)
        if any(view_depends_on(field, self.status) for field in changes.fields):
            self.run_search(self.status.query, place=self.results.place())

    # Saved searches -------------------------------------------------------------------------

    def action_save_search(self) -> None:
        """Save the current query under a name."""
        self.search_box.save_search()

    def action_saved_searches(self) -> None:
        """List the saved searches with their unread counts."""
        self.search_box.pick_saved_search()

    def on_search_box_chosen(self, event: SearchBox.Chosen) -> None:
        self.search_for(event.query)
