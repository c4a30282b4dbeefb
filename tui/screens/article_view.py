"""One article opened from a library view, at the quote or claim chosen there, marked.

Pushed on the view's own screen stack, so Escape pops it and the view is where it was.
Opening it marks the article read, as opening one from the results list does.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen

from newsreader.index.faults import LibraryError
from newsreader.index.models import Analysis, Article

from ..widgets.feed_fetcher import FETCH_BINDING
from ..widgets.key_bar import KeyBar
from ..widgets.reader import Reader

if TYPE_CHECKING:
    from newsreader.index.library import Library


class ArticleScreen(Screen[None]):
    """The reader alone, on an article, with `spans` of its text marked and scrolled to."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,backspace", "app.pop_screen", "Back", id="article.back"),
        Binding("e", "layer('entities')", "Entities", show=False, id="article.entities"),
        Binding("c", "layer('claims')", "Numbers", show=False, id="article.claims"),
        Binding("question_mark", "app.help", "Help", id="article.help"),
        FETCH_BINDING,
    ]

    def __init__(self, library: Library, article_id: str, spans: Sequence[tuple[int, int]]):
        super().__init__()
        self.library = library
        self.article_id = article_id
        self.spans = tuple(spans)

    def compose(self) -> ComposeResult:
        yield Reader(id="view-reader")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(Reader).focus()
        self._load()

    @work(thread=True, exclusive=True, group="article")
    def _load(self) -> None:
        try:
            article = self.library.article(self.article_id)
            analysis = self.library.analysis(self.article_id)
            if article is not None and not self.library.read_only:
                self.library.set_read([article.id], True)
        except LibraryError as problem:
            self.app.call_from_thread(self.notify, str(problem), severity="error")
            return
        self.app.call_from_thread(self._show, article, analysis)

    async def _show(self, article: Article | None, analysis: Analysis) -> None:
        reader = self.query_one(Reader)
        if article is None:
            reader.show_message("This article is no longer in the library.")
            return
        await reader.show_article(article, analysis)
        if self.spans:
            self.call_after_refresh(reader.mark_spans, self.spans)

    def action_layer(self, name: str) -> None:
        self.query_one(Reader).action_toggle_layer(name)
