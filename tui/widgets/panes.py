"""The three panes under the search bar: results list, reader and quotes panel. Their layout,
the article the list's cursor rests on (read in a worker, shown in the reader), and triage of
the articles they show (through the screen's `Triage` object).

How the width is shared is `display/pane_widths`; which pane shows on a narrow screen is the
classes set here (`-narrow`, `-reading`, `-panel`, `-list-hidden`) and the styles below.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.css.query import NoMatches
from textual.message import Message
from textual.reactive import var
from textual.timer import Timer
from textual.worker import get_current_worker

from newsreader.index.faults import LibraryError
from newsreader.index.models import Analysis, Article, Hit

from ..config import DEFAULT_SPLIT, clamp_split, save_split
from ..display.pane_widths import NARROW, pane_widths
from ..model.triage import Change, Flag, Triage, flag_label, flag_value, tag_answer, tag_label
from ..screens.confirm import ConfirmScreen
from ..screens.prompt import PromptScreen
from .quotes_panel import QuotesPanel
from .reader import Reader
from .results_list import ResultsList
from .search_bar import SearchBar

if TYPE_CHECKING:
    from newsreader.index.library import Library

ARTICLE_DELAY = 0.06
# While typing, the first hit's article waits for a pause: drawing it takes longer than a key.
TYPING_ARTICLE_DELAY = 0.3
BULK_LIMIT = 20


class Panes(Horizontal):
    """Lays out the results list, the reader and the quotes panel for the width there is.

    `split` is the list's share of a wide screen in percent; `reading` gives the reader the
    whole of a narrow screen (the list otherwise takes it); `terms` are highlighted in the
    articles shown. Triage (`Triage`) acts on the marked rows, the article open in a focused
    reader, or the cursor row; `Triaged` tells the screen what changed.
    """

    DEFAULT_CSS = """
    Panes {
        height: 1fr;
        /* Wide, with the quotes panel open and too little room for three panes. */
        &.-list-hidden > ResultsList {
            display: none;
        }
        /* Narrow: the list takes the width; opening an article gives the reader the screen. */
        &.-narrow > ResultsList {
            width: 1fr;
            border-right: none;
        }
        &.-narrow > Reader {
            display: none;
        }
        &.-narrow.-reading > ResultsList {
            display: none;
        }
        &.-narrow.-reading > Reader {
            display: block;
        }
        &.-narrow > QuotesPanel {
            width: 1fr;
            border-left: none;
        }
        &.-narrow.-panel > ResultsList, &.-narrow.-panel > Reader {
            display: none;
        }
    }
    """

    split: var[int] = var(DEFAULT_SPLIT, init=False)
    reading: var[bool] = var(False, init=False)

    class Triaged(Message):
        """Triage changed (or undid) the states of some articles: the view may need a refresh."""

        def __init__(self, panes: Panes, change: Change) -> None:
            super().__init__()
            self.panes = panes
            self.change = change

        @property
        def control(self) -> Panes:
            """The panes whose articles changed."""
            return self.panes

    class _Changed(Message):
        """A triage worker's change, or why the library refused it."""

        def __init__(self, change: Change | None, problem: str | None = None) -> None:
            super().__init__()
            self.change, self.problem = change, problem

    class ArticleLoaded(Message):
        """The article worker read an article (None: no longer in the library) and analysis."""

        def __init__(
            self,
            article_id: str,
            article: Article | None,
            analysis: Analysis,
            terms: tuple[str, ...],
        ) -> None:
            super().__init__()
            self.article_id, self.article, self.analysis = article_id, article, analysis
            self.terms = terms

    def __init__(
        self,
        library: Library,
        triage: Triage,
        *,
        split: int = DEFAULT_SPLIT,
        now: dt.datetime | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.set_reactive(Panes.split, clamp_split(split))
        self.library = library
        self.triage = triage
        self.terms: tuple[str, ...] = ()
        self._now = now
        self._article_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield ResultsList(id="results", now=self._now)
        yield Reader(id="reader")
        yield QuotesPanel(id="quotes")

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

    @property
    def narrow(self) -> bool:
        """Whether one pane takes the whole screen."""
        return self.has_class("-narrow")

    def on_mount(self) -> None:
        self.apply_layout(self.app.size.width)

    def on_resize(self, event: events.Resize) -> None:
        self.apply_layout(event.size.width)

    def watch_reading(self, reading: bool) -> None:
        self.set_class(reading, "-reading")

    def watch_split(self, split: int) -> None:
        self.apply_layout(self.size.width)

    def apply_layout(self, total: int) -> None:
        """Share `total` columns between the panes (see `pane_widths`); one pane when narrow."""
        narrow = total < NARROW
        self.set_class(narrow, "-narrow")
        results, quotes = self.results, self.quotes
        if narrow:
            self.remove_class("-list-hidden")
            results.styles.width = quotes.styles.width = "1fr"
            return
        widths = pane_widths(total, self.split, quotes.display)
        self.set_class(widths.results == 0, "-list-hidden")
        results.styles.width = max(widths.results, 1)
        quotes.styles.width = max(widths.panel, 1)

    def show_panel(self, shown: bool) -> None:
        """Show or hide the quotes panel and share the width again."""
        self.quotes.display = shown
        self.set_class(shown, "-panel")
        self.apply_layout(self.size.width)

    def panel_hides_list(self) -> bool:
        """Whether the quotes panel takes the list's room (narrow, or too little width)."""
        return self.quotes.display and (self.narrow or self.has_class("-list-hidden"))

    def list_hidden(self) -> bool:
        """Whether the panel took the list's room on a wide screen."""
        return self.has_class("-list-hidden")

    async def toggle_quotes(self) -> None:
        """Show or hide the quotes panel; showing it focuses the quotes, hiding it the reader."""
        self.show_panel(not self.quotes.display)
        if self.quotes.display:
            await self.quotes.focus_quotes()
        else:
            self.reader.focus()

    def step_split(self, step: int) -> None:
        """Widen or narrow the results list by `step` percent and remember the ratio."""
        self.split = clamp_split(self.split + step)
        self._save_split(self.split)

    @work(group="config")
    async def _save_split(self, split: int) -> None:
        problem = await asyncio.to_thread(save_split, split)
        if problem:
            self.notify(problem, severity="warning")

    def step_article(self, step: int) -> None:
        """Move the list's cursor to the next or previous article, wherever the focus is."""
        results = self.results
        if results.hits:
            index = results.highlighted or 0
            results.highlighted = max(0, min(len(results.hits) - 1, index + step))

    def show_message(self, message: str) -> None:
        """Show a message in the reader instead of an article (nothing in the panel)."""
        self.reader.show_message(message)
        self.quotes.show(None, self.reader.analysis)

    # Reading --------------------------------------------------------------------------------

    def on_results_list_highlighted(self, event: ResultsList.Highlighted) -> None:
        shown = self.reader.article  # a refresh around the article shown keeps the reader's place
        if shown is None or shown.id != event.hit.id or self.reader.terms != self.terms:
            self._load_article(event.hit)

    def on_results_list_opened(self, event: ResultsList.Opened) -> None:
        self.reading = True
        self.reader.focus()  # opens the article: see on_descendant_focus

    def _load_article(self, hit: Hit) -> None:
        """Read and show the article of a hit in a worker, once the cursor rests a moment."""
        if self._article_timer is not None:
            self._article_timer.stop()
        # Holding j should not build every article it passes over.
        typing = isinstance(self.screen.focused, SearchBar)
        self._article_timer = self.set_timer(
            TYPING_ARTICLE_DELAY if typing else ARTICLE_DELAY,
            lambda: self._article_worker(hit.id, self.terms),
        )

    @work(thread=True, exclusive=True, group="article")
    def _article_worker(self, article_id: str, terms: tuple[str, ...]) -> None:
        article = self.library.article(article_id)
        analysis = self.library.analysis(article_id)
        if not get_current_worker().is_cancelled:
            self.post_message(self.ArticleLoaded(article_id, article, analysis, terms))

    async def on_panes_article_loaded(self, event: ArticleLoaded) -> None:
        if not self.is_attached:
            return  # the app is closing
        current = self.results.current
        if current is None or current.id != event.article_id:
            return  # the cursor moved on while this one loaded
        if event.article is None:
            self.reader.show_message("This article is no longer in the library.")
            return
        try:
            await self.reader.show_article(event.article, event.analysis, event.terms)
            self.quotes.show(event.article, event.analysis)
        except NoMatches:  # the app closed while the article was shown: its panes are gone
            return
        if self.screen.focused is self.reader:  # ] and [ in the reader open each article
            self._opened()

    # An article is read when the user opens it (Enter, or focus moved into the reader) or reads
    # it to its end; an article the reader merely previews (search as you type, the list's
    # cursor moving) stays unread, so unread counts, `U` and `read:no` keep their meaning.

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if event.widget is self.reader:
            self._opened()
        elif event.widget is self.results and self.panel_hides_list():
            self.show_panel(False)  # the keys go to the list: it must be seen

    def on_reader_read_to_end(self, event: Reader.ReadToEnd) -> None:
        self._opened()

    def _opened(self) -> None:
        article, current = self.reader.article, self.results.current
        if article is None or current is None or article.id != current.id:
            return  # the reader still shows another article: that one was not opened
        state = self.results.states.get(article.id)
        if state is None or not state.read:
            self._triage_worker(partial(self.triage.mark_read, article.id))

    def on_reader_hit_moved(self, event: Reader.HitMoved) -> None:
        if event.index is None:
            self.notify("No search terms in this article", timeout=2)
        else:
            self.notify(f"match {event.index + 1} of {event.count}", timeout=1.5)

    @on(QuotesPanel.QuoteChosen)
    def _show_quote(self, event: QuotesPanel.QuoteChosen) -> None:
        self.reader.mark_quote(event.quote)  # a hidden reader scrolls to it once shown
        if self.narrow:  # the panel covered the reader: it gives the screen back
            self.show_panel(False)
            self.reading = True
            self.reader.focus()

    # Triage -------------------------------------------------------------------------------

    def target_ids(self) -> list[str]:
        """Marked rows; else the article in the reader when it has focus; else the cursor row."""
        if self.results.marked:
            return self.results.selected_ids()
        if self.screen.focused is self.reader and self.reader.article is not None:
            return [self.reader.article.id]
        return self.results.selected_ids()

    def confirm_then(self, ids: Sequence[str], label: str, run: Callable[[], None]) -> None:
        """Run at once for a few rows; for more than a screenful (at most BULK_LIMIT), ask first."""
        if len(ids) <= min(BULK_LIMIT, max(1, self.results.size.height // 2)):
            run()
            return
        question = ConfirmScreen(f"{label} {len(ids)} articles?")
        self.app.push_screen(question, lambda yes: run() if yes else None)

    def toggle_flag(self, flag: Flag) -> None:
        """Flip read, starred or archived on the target articles (set all when any is unset)."""
        ids = self.target_ids()
        if not ids:
            return
        value = flag_value(flag, ids, self.results.states)
        change = partial(self.triage.set_flag, ids, flag, value)
        self.confirm_then(
            ids, flag_label(flag, value).capitalize(), lambda: self._triage_worker(change)
        )

    def ask_tag(self) -> None:
        """Ask for a tag to add (or `-tag` to remove) on the target articles."""
        ids = self.target_ids()
        if ids:
            self._tag_worker(ids)

    @work(group="triage")
    async def _tag_worker(self, ids: list[str]) -> None:
        tags = await asyncio.to_thread(self.library.tags)
        question = f"Tag {len(ids)} article{'s' if len(ids) != 1 else ''} (-name removes)"
        answer = tag_answer(await self.app.push_screen_wait(PromptScreen(question, tags)))
        if answer is None:
            return
        if answer.problem:  # the name is the user's: shown as text, never read as markup
            self.notify(answer.problem, severity="error")
            return
        change = partial(self.triage.tag, ids, answer.name, remove=answer.remove)
        self.confirm_then(ids, tag_label(answer), lambda: self._triage_worker(change))

    def undo(self) -> None:
        """Put back the states from before the last triage action."""
        if not self.triage.can_undo():
            self.notify("Nothing to undo", timeout=2)
            return
        self._triage_worker(self.triage.undo)

    @work(thread=True, group="triage")
    def _triage_worker(self, change: Callable[[], Change | None]) -> None:
        try:
            self.post_message(self._Changed(change()))
        except LibraryError as problem:  # full disk, read-only or damaged: nothing changed
            self.post_message(self._Changed(None, str(problem)))

    @on(_Changed)
    def _changed(self, event: _Changed) -> None:
        change = event.change
        if change is None:
            if event.problem:
                self.notify(event.problem, severity="error")
            return
        self.results.update_states(change.after)
        if not change.label:
            return  # automatic (opening an article): nothing to say or undo
        count = f"{len(change.ids)} article{'s' if len(change.ids) != 1 else ''}"
        if change.undone:
            self.notify(f"undid {change.label} on {count}")
        else:
            if self.results.marked:
                self.results.clear_marks()
            self.notify(f"{change.label}: {count} (u undoes)")
        self.post_message(self.Triaged(self, change))
