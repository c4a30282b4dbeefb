"""The side panel: who said what in the open article, and its entities and numeric claims."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, TabbedContent, TabPane
from textual.widgets.option_list import Option

from newsreader.index.models import Analysis, Article, Entity, Quote

from ..display.article_text import (
    CLAIM_STYLE,
    KIND_STYLES,
    claim_label,
    entity_kind,
    one_line,
    safe_text,
)

UNKNOWN = "unknown speaker"
_QUOTE_MARKS = '“”"«»'
_FIELDS = {"person": "person", "org": "org", "place": "place"}


def entity_query(entity: Entity) -> str:
    """A library query finding articles that mention this entity, e.g. person:"Kim Jong Un"."""
    name = (entity.canonical or entity.text).replace('"', " ").strip()
    return f'{_FIELDS.get(entity.kind, "entity")}:"{name}"'


def quote_prompt(quote: Quote, with_speaker: bool = True) -> Text:
    """A quote row: the speaker in bold, then the words."""
    line = Text()
    if with_speaker:
        line.append(one_line(quote.speaker or UNKNOWN) + "\n", style="bold")
    line.append("  " + safe_text(" ".join(quote.text.split())), style="italic")
    return line


def ordered_quotes(quotes: Sequence[Quote], by_speaker: bool) -> list[Quote]:
    """Quotes in reading order, or grouped by speaker (groups in order of first appearance)."""
    in_order = sorted(quotes, key=lambda q: q.start)
    if not by_speaker:
        return in_order
    first_seen: dict[str, int] = {}
    for index, quote in enumerate(in_order):
        first_seen.setdefault(quote.speaker or UNKNOWN, index)
    return sorted(in_order, key=lambda q: (first_seen[q.speaker or UNKNOWN], q.start))


def entity_counts(entities: Sequence[Entity]) -> list[tuple[Entity, int]]:
    """One representative per canonical name with its mention count, most mentioned first."""
    counts: Counter[tuple[str, str]] = Counter()
    first: dict[tuple[str, str], Entity] = {}
    for entity in entities:
        key = (entity_kind(entity), entity.canonical or entity.text)
        counts[key] += 1
        first.setdefault(key, entity)
    return [(first[key], n) for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def quote_citation(quote: Quote, article: Article) -> str:
    """A quote as copied by `y`: the words, the speaker, the article's title and date."""
    speaker = quote.speaker or "unknown speaker"
    when = f", {article.date.isoformat()}" if article.date else ""
    words = quote.text.strip().strip(_QUOTE_MARKS)
    return f"“{words}” — {speaker} ({article.title}{when})"


class QuotesPanel(Vertical):
    """Tabs listing the open article's quotes with speakers, and its entities and claims."""

    DEFAULT_CSS = """
    QuotesPanel {
        display: none;  /* until `q` */
        height: 1fr;
        border-left: vkey $accent;
        & TabbedContent, & TabPane, & OptionList {
            height: 1fr;
        }
        & OptionList, & OptionList:focus {
            border: none;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("b", "toggle_grouping", "By speaker", id="quotes.group"),
        Binding("y", "copy_quote", "Copy quote", id="quotes.copy"),
        Binding("j", "cursor('down')", "Down", show=False, id="quotes.down"),
        Binding("k", "cursor('up')", "Up", show=False, id="quotes.up"),
        Binding("g", "cursor('first')", "Top", show=False, id="quotes.top"),
        Binding("G", "cursor('last')", "Bottom", show=False, id="quotes.bottom"),
    ]

    class QuoteChosen(Message):
        """A quote was selected: the reader should show it."""

        def __init__(self, panel: QuotesPanel, quote: Quote) -> None:
            super().__init__()
            self.panel = panel
            self.quote = quote

        @property
        def control(self) -> QuotesPanel:
            """The panel the quote was chosen in."""
            return self.panel

    class EntityChosen(Message):
        """An entity was selected: search the library for it."""

        def __init__(self, panel: QuotesPanel, query: str) -> None:
            super().__init__()
            self.panel = panel
            self.query = query

        @property
        def control(self) -> QuotesPanel:
            """The panel the entity was chosen in."""
            return self.panel

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.analysis = Analysis()
        self.by_speaker = False
        self._quotes: list[Quote] = []
        self._entities: list[Entity | None] = []
        self._stale = True  # the lists do not show the current article yet
        self._built = False

    def compose(self) -> ComposeResult:
        if not self._built:
            return  # built when first opened: most sessions never open it, and start-up is leaner
        with TabbedContent(id="panel-tabs"):
            with TabPane("Quotes", id="tab-quotes"):
                yield OptionList(id="quotes-list")
            with TabPane("Entities", id="tab-entities"):
                yield OptionList(id="entities-list")

    def show(self, article: Article | None, analysis: Analysis) -> None:
        """List the quotes, entities and claims of this article (when the panel is next seen)."""
        self.article, self.analysis = article, analysis
        self._stale = True
        if self.display and self._built:
            self._refresh_lists()

    def _refresh_lists(self) -> None:
        """Fill the lists if the article changed since they were filled."""
        if self._stale:
            self._stale = False
            self._fill_quotes()
            self._fill_entities()

    @property
    def quotes_list(self) -> OptionList:
        """The list of quotes."""
        return self.query_one("#quotes-list", OptionList)

    def _fill_quotes(self) -> None:
        self._quotes = ordered_quotes(self.analysis.quotes, self.by_speaker)
        options: list[Option] = []
        speaker: str | None = None
        for quote in self._quotes:
            name = quote.speaker or UNKNOWN
            if self.by_speaker and name != speaker:
                header = Text(f"── {one_line(name)}", style="bold reverse")
                options.append(Option(header, disabled=True))
                speaker = name
            options.append(Option(quote_prompt(quote, with_speaker=not self.by_speaker)))
        if not options:
            empty = "No quotes found." if self.article else "No article open."
            options.append(Option(Text(empty, style="italic"), disabled=True))
        self.quotes_list.set_options(options)
        self.quotes_list.highlighted = self._first_enabled(options)

    @staticmethod
    def _first_enabled(options: Sequence[Option]) -> int | None:
        return next((i for i, option in enumerate(options) if not option.disabled), None)

    def _fill_entities(self) -> None:
        options: list[Option] = []
        self._entities = []
        for entity, count in entity_counts(self.analysis.entities):
            kind = entity_kind(entity)
            line = Text()
            line.append(safe_text(entity.canonical or entity.text), style=KIND_STYLES[kind])
            line.append(f"  {kind} ×{count}", style="dim")
            options.append(Option(line))
            self._entities.append(entity)
        if self.analysis.claims:
            options.append(Option(Text("── Numbers", style="bold reverse"), disabled=True))
            self._entities.append(None)
            for claim in sorted(self.analysis.claims, key=lambda c: c.start):
                options.append(Option(Text(safe_text(claim_label(claim)), style=CLAIM_STYLE)))
                self._entities.append(None)
        if not options:
            options.append(Option(Text("No entities found.", style="italic"), disabled=True))
        entities_list = self.query_one("#entities-list", OptionList)
        entities_list.set_options(options)
        entities_list.highlighted = self._first_enabled(options)

    def _quote_at(self, index: int | None) -> Quote | None:
        """The quote shown at an option index (headers are skipped)."""
        if index is None:
            return None
        quotes = iter(self._quotes)
        for row_index, option in enumerate(self.quotes_list.options):
            if option.disabled:
                continue
            quote = next(quotes, None)
            if row_index == index:
                return quote
        return None

    @property
    def current_quote(self) -> Quote | None:
        """The quote under the cursor in the quotes tab."""
        return self._quote_at(self.quotes_list.highlighted) if self._built else None

    async def focus_quotes(self) -> None:
        """Show the quotes tab and focus its list (building the tabs the first time)."""
        if not self._built:
            self._built = True
            await self.recompose()
        # Filling the lists waits until now: browsing with the panel closed stays cheap.
        self._refresh_lists()
        self.query_one(TabbedContent).active = "tab-quotes"
        self.quotes_list.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_list.id == "quotes-list":
            quote = self._quote_at(event.option_index)
            if quote is not None:
                self.post_message(self.QuoteChosen(self, quote))
            return
        entity = self._entities[event.option_index] if self._entities else None
        if entity is not None:
            self.post_message(self.EntityChosen(self, entity_query(entity)))

    def action_toggle_grouping(self) -> None:
        """Switch the quotes between reading order and grouped by speaker."""
        self.by_speaker = not self.by_speaker
        self._fill_quotes()
        order = "by speaker" if self.by_speaker else "in reading order"
        self.notify(f"quotes {order}", timeout=2)

    def action_copy_quote(self) -> None:
        """Copy the selected quote with its speaker and the article's title and date (OSC 52)."""
        quote = self.current_quote
        if quote is None or self.article is None:
            self.notify("No quote selected", severity="warning")
            return
        text = quote_citation(quote, self.article)
        self.app.copy_to_clipboard(text)
        self.notify(text, title="Copied", timeout=4)

    def action_cursor(self, where: str) -> None:
        """Move the cursor of the list in the active tab."""
        focused = self.screen.focused
        if isinstance(focused, OptionList):
            getattr(focused, f"action_{'cursor_' if where in ('up', 'down') else ''}{where}")()
