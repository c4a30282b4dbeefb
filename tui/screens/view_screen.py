"""What the library views (speakers, claims, sources) share: a header, the search bar, a body.

Each view is the base screen of its own app mode (see `view_switch`), so it keeps its rows and
cursor while another view is shown. The search bar filters every view with the same query: a
view shown again after the query changed elsewhere reads its data again. Data is read on the
app's search thread (the record and the index), never on the event loop.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from rich.text import Text
from textual import events, work
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Input, Static

from newsreader.index.faults import LibraryError

from .. import startup_gc
from ..widgets.feed_fetcher import FETCH_BINDING
from ..widgets.key_bar import KeyBar
from ..widgets.search_bar import SearchBar

if TYPE_CHECKING:
    from newsreader.index.library import Library

    from ..app import NewsReaderApp

T = TypeVar("T")


class ViewScreen(Screen[None], Generic[T]):
    """A library view: `fetch` reads its data for a query (on the search thread), `show` draws
    it. Subclasses compose their body with `compose_body`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "focus_search", "Search", priority=True, id="view.search"),
        Binding("escape", "back", "Back", show=False, id="view.back"),
        Binding("question_mark", "app.help", "Help", id="view.help"),
        FETCH_BINDING,
    ]
    DEFAULT_CSS = """
    ViewScreen > #view-status { height: 1; background: $panel; padding: 0 1; }
    ViewScreen > SearchBar { height: 3; }
    """
    TITLE_TEXT = "View"

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.query_text: str | None = None  # the query the data shown was read for
        self.summary = ""

    def compose(self) -> ComposeResult:
        yield Static(id="view-status")
        yield SearchBar(id="view-search")
        yield from self.compose_body()
        yield KeyBar()

    def compose_body(self) -> ComposeResult:
        """The view's own widgets, between the search bar and the key bar."""
        yield from ()

    @property
    def news_app(self) -> NewsReaderApp:
        return self.app  # type: ignore[return-value]

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        wanted = self.news_app.view_switch.query
        if wanted != self.query_text:
            bar = self.query_one(SearchBar)
            if bar.value != wanted:
                bar.value = wanted
            self.load(wanted)
        if self.focused is None or isinstance(self.focused, SearchBar):
            self.focus_body()

    def focus_body(self) -> None:
        """Give the keys to the view's main list."""

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "view-search" or event.value == self.query_text:
            return
        self.news_app.view_switch.query = event.value
        self.load(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "view-search":
            event.stop()
            self.focus_body()

    def action_focus_search(self) -> None:
        """Put the cursor in the search bar (in it, `/` is the search bar's to read)."""
        search_bar = self.query_one(SearchBar)
        if self.focused is search_bar:
            raise SkipAction
        search_bar.focus()

    def action_back(self) -> None:
        """Escape: out of the search bar into the list."""
        if isinstance(self.focused, SearchBar):
            self.focus_body()

    def load(self, query: str) -> None:
        """Read the view's data for a query and show it (a newer load replaces this one)."""
        self.query_text = query
        self._show_status("reading…")
        self._load_worker(query)

    @work(exclusive=True, group="view")
    async def _load_worker(self, query: str) -> None:
        now = self.news_app.now
        try:
            # Reading every quote and claim the first time takes seconds on a large library:
            # on a thread of its own, so that the articles' searches do not wait behind it.
            if await asyncio.to_thread(self.library.views.prepare):
                startup_gc.keep()  # read to last: later collections need not scan it
            data = await self.news_app.in_search_thread(lambda: self.fetch(query, now))
        except LibraryError as problem:
            self.notify(str(problem), severity="error", timeout=8)
            return
        if query == self.query_text and self.is_attached:
            self.show(data)

    def fetch(self, query: str, now: Any) -> T:
        """The view's data for a query; runs on the search thread."""
        raise NotImplementedError

    def show(self, data: T) -> None:
        """Draw the data fetched for the current query."""
        raise NotImplementedError

    def _show_status(self, summary: str) -> None:
        self.summary = summary
        line = Text()
        line.append(self.TITLE_TEXT, style="bold")
        line.append(f"  {summary}  ")
        line.append(repr(self.query_text) if self.query_text else "all articles", style="italic")
        self.query_one("#view-status", Static).update(line)
