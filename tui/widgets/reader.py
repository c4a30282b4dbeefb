"""The reader pane: one article in paragraphs with switchable highlight layers."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from newsreader.index.models import Analysis, Article, Quote

from ..display.article_text import (
    Block,
    Layers,
    Marks,
    blocks,
    legend,
    one_line,
    safe_text,
    styled_range,
    term_spans,
)
from ..terminal.opener import article_target, open_externally, ssh_host
from .article_body import ArticleBody


class Reader(VerticalScroll, can_focus=True):
    """Shows an article: title, date, source, path, a legend and the highlighted text.

    The text is one `ArticleBody`, which styles and wraps only the rows on screen, so an
    article of millions of characters opens, pages and jumps as fast as a short one.
    """

    DEFAULT_CSS = """
    Reader {
        width: 1fr;
        height: 1fr;
        padding: 0 1;
        &:focus {
            background-tint: $foreground 3%;
        }
        & > #reader-title {
            text-style: bold;
            margin-bottom: 0;
        }
        & > #reader-legend {
            margin-bottom: 1;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "scroll_down", "Down", show=False, id="reader.down"),
        Binding("k,up", "scroll_up", "Up", show=False, id="reader.up"),
        Binding("g,home", "scroll_home", "Top", show=False, id="reader.top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="reader.bottom"),
        Binding("space", "page_down", "Page", show=False, id="reader.page"),
        Binding("y", "copy_url", "Copy URL", show=False, id="reader.copy_url"),
    ]

    class HitMoved(Message):
        """`n`/`N` moved to a search hit (index is 0-based), or found none."""

        def __init__(self, reader: Reader, index: int | None, count: int) -> None:
            super().__init__()
            self.reader = reader
            self.index = index
            self.count = count

        @property
        def control(self) -> Reader:
            """The reader that moved."""
            return self.reader

    class ReadToEnd(Message):
        """The open article was scrolled to its last line."""

        def __init__(self, reader: Reader) -> None:
            super().__init__()
            self.reader = reader

        @property
        def control(self) -> Reader:
            """The reader showing the article."""
            return self.reader

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.terms: tuple[str, ...] = ()  # the search terms highlighted in the article
        self.analysis = Analysis()
        self.highlights = Layers()
        self._marks = Marks.of(Analysis(), ())
        self._hits: list[tuple[int, int]] = []
        self._hit_index: int | None = None
        self._pending_scroll: int | None = None  # an offset to show once the pane has a size

    def compose(self) -> ComposeResult:
        yield Static(id="reader-title")
        yield Static(id="reader-meta")
        yield Static(id="reader-legend")
        yield ArticleBody(id="reader-body")

    def on_mount(self) -> None:
        self.show_message("No article open. Search, then press Enter on a result.")

    @property
    def hit_count(self) -> int:
        """How many search-term occurrences the open article has."""
        return len(self._hits)

    def show_message(self, message: str) -> None:
        """Empty the pane and show a message instead of an article."""
        self.article = None
        self.analysis = Analysis()
        self._hits, self._hit_index = [], None
        self.highlights = dataclasses.replace(self.highlights, current=None, quote=())
        self.query_one("#reader-title", Static).update(Text(message, style="italic"))
        for name in ("#reader-meta", "#reader-legend"):
            self.query_one(name, Static).update("")
        self.query_one(ArticleBody).clear()

    async def show_article(
        self, article: Article, analysis: Analysis, terms: Sequence[str] = ()
    ) -> None:
        """Display an article with its annotations; terms are highlighted as search matches."""
        self.article, self.analysis, self.terms = article, analysis, tuple(terms)
        self._hits = term_spans(article.text, terms)
        self._marks = Marks.of(analysis, self._hits)
        self._hit_index, self._pending_scroll = None, None
        self.highlights = dataclasses.replace(self.highlights, current=None, quote=())
        self.query_one("#reader-title", Static).update(
            Text(" ".join(safe_text(article.title).split()), "bold")
        )
        self.query_one("#reader-meta", Static).update(meta_text(article))
        self._show_legend()
        self.query_one(ArticleBody).show(article.text, blocks(article.text), self._styled)
        self.scroll_home(animate=False)

    def action_copy_url(self) -> None:
        """Copy the open article's URL (OSC 52: it reaches the user's clipboard over SSH too)."""
        url = self.article.url if self.article else None
        if not url:
            self.notify("This article has no URL", severity="warning")
            return
        self.app.copy_to_clipboard(url)
        self.notify(url, title="Copied")

    def on_resize(self) -> None:
        if self._pending_scroll is not None:  # the paragraphs are placed after this refresh
            self.call_after_refresh(self._scroll_to_offset, self._pending_scroll)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        # Only a scroll reaches the end: an article that fits the pane was not read by showing it.
        if self.article is not None and new_value > old_value and new_value >= self.max_scroll_y:
            self.post_message(self.ReadToEnd(self))

    def _styled(self, block: Block) -> Text:
        """A part of the open article with the highlights in force now."""
        assert self.article is not None
        return styled_range(self.article.text, block, self._marks, self.highlights)

    def _show_legend(self) -> None:
        line = legend(self.highlights, self.analysis)
        line.append("   e c h: toggle", style="dim")
        self.query_one("#reader-legend", Static).update(line)

    def _rerender(self) -> None:
        if self.article is None:
            return
        self.query_one(ArticleBody).restyle()
        self._show_legend()

    def _scroll_to_offset(self, offset: int) -> None:
        """Scroll the paragraph holding the offset to the top, or the offset's row if it is far
        down a long paragraph."""
        if not self.size.height:  # hidden (the narrow layout's other panes): once it is shown
            self._pending_scroll = offset
            return
        self._pending_scroll = None
        body = self.query_one(ArticleBody)
        block_top, row = body.row_of(offset)
        top = block_top if row - block_top < self.scrollable_content_region.height else row
        self.scroll_to(y=body.virtual_region.y + top, animate=False)

    def action_toggle_layer(self, name: str) -> None:
        """Switch one highlight layer (terms, entities, claims) on or off."""
        value = not getattr(self.highlights, name)
        self.highlights = dataclasses.replace(self.highlights, **{name: value})
        self._rerender()
        self.notify(f"{name} highlighting {'on' if value else 'off'}", timeout=2)

    def action_next_hit(self, step: int) -> None:
        """Move to the next (1) or previous (-1) search-term occurrence, wrapping around."""
        if not self._hits:
            self.post_message(self.HitMoved(self, None, 0))
            return
        if self._hit_index is None:
            index = 0 if step > 0 else len(self._hits) - 1
        else:
            index = (self._hit_index + step) % len(self._hits)
        self._hit_index = index
        self.highlights = dataclasses.replace(self.highlights, current=self._hits[index])
        self._rerender()
        self._scroll_to_offset(self._hits[index][0])
        self.post_message(self.HitMoved(self, index, len(self._hits)))

    def mark_quote(self, quote: Quote) -> None:
        """Mark a quote in the text and scroll to it."""
        self.mark_spans(quote.spans or ((quote.start, quote.end),))

    def mark_spans(self, spans: Sequence[tuple[int, int]]) -> None:
        """Mark parts of the text (a quote's, a claim's) and scroll to the first."""
        self.highlights = dataclasses.replace(self.highlights, quote=tuple(spans))
        self._rerender()
        self._scroll_to_offset(spans[0][0])

    def open_article(self) -> None:
        """Open the article's URL or file where the user is; else copy it (OSC 52) and show it.

        Served in a browser, Textual's `open_url` opens it on the user's side. In a terminal the
        system opener is started detached (Textual's `open_url` would run `webbrowser`, which
        without a display starts a text browser on top of the reader). Over SSH, or with no
        opener, the target is copied and shown, so it can always be reached.
        """
        target = article_target(self.article) if self.article else None
        if not target:
            self.notify("No article open", severity="warning")
            return
        if self.app.is_web:
            self.app.open_url(target)
            self.notify(target, title="Opening")
            return
        problem = "over SSH" if ssh_host() else open_externally(target)
        if problem is None:
            self.notify(target, title="Opening")
            return
        self.app.copy_to_clipboard(target)
        self.notify(target, title=f"Copied: {problem}", timeout=10)


def meta_text(article: Article) -> Text:
    """The lines under the title: date, source, category and path; then the URL, if any."""
    parts = [
        article.date.isoformat() if isinstance(article.date, dt.date) else "no date",
        article.source or "unknown source",
    ]
    if article.category:
        parts.append(article.category)
    if article.path:
        parts.append(display_path(article.path))
    meta = Text(safe_text(" · ".join(parts)), style="dim")
    if article.url:
        meta.append("\n")
        meta.append(one_line(article.url), style="underline")
    return meta


def display_path(path: str) -> str:
    """A path as short as it can be read: relative to the working folder, else with ~ for home."""
    target = Path(path)
    for base, prefix in ((Path.cwd(), ""), (Path.home(), "~/")):
        try:
            return prefix + str(target.relative_to(base))
        except ValueError:
            continue
    return path
