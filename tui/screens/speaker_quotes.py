"""One speaker's quotes, newest first, each with its article's title, source and date.

Pushed over the speakers view (Escape goes back to it, at the same speaker); Enter opens the
article at the quote, marked; `y` copies the quote with speaker, title, source, date and URL.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Static

from newsreader.index.faults import LibraryError
from newsreader.index.models import QuoteRow

from ..display.article_text import one_line
from ..display.lazy_rows import LazyRows
from ..widgets.feed_fetcher import FETCH_BINDING
from ..widgets.key_bar import KeyBar
from ..widgets.view_table import Column, ViewTable
from .article_view import ArticleScreen
from .speakers_view import DAY, day

if TYPE_CHECKING:
    from newsreader.index.library import Library

QUOTE_MARKS = "\"'“”‘’«»„"


def quote_citation(row: QuoteRow) -> str:
    """What `y` copies: “words” — speaker, title (source, date) URL."""
    words = row.quote.text.strip().strip(QUOTE_MARKS)
    article = row.article
    where = ", ".join(p for p in (article.source, article.date and article.date.isoformat()) if p)
    cited = f"“{words}” — {row.speaker or 'unknown speaker'}, {article.title}"
    cited += f" ({where})" if where else ""
    return f"{cited} {article.url}" if article.url else cited


class SpeakerQuotesScreen(Screen[None]):
    """Every quote of one speaker in the articles the views' query finds."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,backspace", "app.pop_screen", "Back", id="speaker_quotes.back"),
        Binding("y", "copy", "Copy quote", id="speaker_quotes.copy"),
        Binding("question_mark", "app.help", "Help", id="speaker_quotes.help"),
        FETCH_BINDING,
    ]
    DEFAULT_CSS = """
    SpeakerQuotesScreen > #quotes-status { height: 1; background: $panel; padding: 0 1; }
    """

    def __init__(self, library: Library, speaker: str, query: str) -> None:
        super().__init__()
        self.library = library
        self.speaker = speaker
        self.query_text = query
        self.rows: list[QuoteRow] = []

    def compose(self) -> ComposeResult:
        yield Static(id="quotes-status")
        columns = [Column("date", DAY), Column("source", 14, shown_from=100),
                   Column("title", 30, shown_from=70), Column("quote")]  # fmt: skip
        yield ViewTable(columns, id="speaker-quotes")
        yield KeyBar()

    @property
    def table(self) -> ViewTable:
        return self.query_one(ViewTable)

    def on_mount(self) -> None:
        self.table.empty = "reading…"
        self.table.focus()
        self._status("reading…")
        self._load()

    @work(exclusive=True, group="quotes")
    async def _load(self) -> None:
        speaker, query, now = self.speaker, self.query_text, getattr(self.app, "now", None)
        try:
            rows = await self.app.in_search_thread(  # type: ignore[attr-defined]
                lambda: self.library.views.quotes(query, speaker=speaker, now=now)
            )
        except LibraryError as problem:
            self.notify(str(problem), severity="error", timeout=8)
            return
        self.rows = rows
        self.table.empty = "No quotes"
        self.table.show_rows(LazyRows(rows, _row))
        self._status(f"{len(rows):,} quote{'' if len(rows) == 1 else 's'}, newest first")

    def _status(self, summary: str) -> None:
        line = Text()
        line.append(one_line(self.speaker), style="bold")
        line.append(f"  {summary}  ")
        line.append(repr(self.query_text) if self.query_text else "all articles", style="italic")
        self.query_one("#quotes-status", Static).update(line)

    def on_view_table_chosen(self, event: ViewTable.Chosen) -> None:
        row = self.rows[event.index]
        spans = row.quote.spans or ((row.quote.start, row.quote.end),)
        self.app.push_screen(ArticleScreen(self.library, row.article.id, spans))

    def action_copy(self) -> None:
        """Copy the quote under the cursor with where it comes from (OSC 52)."""
        if not self.rows:
            self.notify("No quote selected", severity="warning")
            return
        text = quote_citation(self.rows[self.table.cursor])
        self.app.copy_to_clipboard(text)
        self.notify(text, title="Copied", timeout=4)


def _row(row: QuoteRow) -> tuple[str, ...]:
    article = row.article
    return (day(article.date), article.source or "", article.title, row.quote.text)
