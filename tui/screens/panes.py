"""Panes and layout on the main screen: focus, quotes panel, split, sort, filters, palette list.

A mixin so the screen stays readable; the key bindings live on MainScreen.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual import work
from textual.actions import SkipAction
from textual.events import Resize

from ..config import clamp_split, save_split
from ..display.pane_widths import NARROW, pane_widths
from ..widgets.quotes_panel import QuotesPanel
from ..widgets.reader import Reader
from ..widgets.search_bar import SearchBar
from .help import binding_rows

if TYPE_CHECKING:
    from .main import MainScreen

SORTS = ("relevance", "-date", "date")


class PanesMixin:
    """Moving between panes and changing the layout, sort and filters, for MainScreen."""

    def action_focus_search(self: MainScreen) -> None:
        """Put the cursor in the search bar, at once (see the binding on MainScreen)."""
        search_bar = self.query_one(SearchBar)
        if self.focused is search_bar:
            raise SkipAction  # the key goes to the search bar, which knows when `/` is text
        self.remove_class("-reading")
        self.set_focus(search_bar)

    async def action_back(self: MainScreen) -> None:
        """Go back one level: panel to reader, reader to list, list to search bar."""
        focused = self.focused
        if self.quotes.display and focused is not None and self.quotes in focused.ancestors:
            await self.action_toggle_quotes()
        elif self.has_class("-reading") or focused is self.reader:
            self.remove_class("-reading")
            if self.has_class("-list-hidden"):
                await self.action_toggle_quotes()  # the panel hid the list: make room for it again
            self.results.focus()
        elif focused is self.results:
            self.query_one(SearchBar).focus()
        else:
            self.results.focus()

    def on_resize(self: MainScreen, event: Resize) -> None:
        self.apply_layout(event.size.width)

    def apply_layout(self: MainScreen, total: int) -> None:
        """Share `total` columns between the panes (see `layout`); one pane when narrow."""
        narrow = total < NARROW
        self.set_class(narrow, "-narrow")
        if narrow:
            self.remove_class("-list-hidden")
            self.results.styles.width = self.quotes.styles.width = "1fr"
            return
        widths = pane_widths(total, self.split, self.quotes.display)
        self.set_class(widths.results == 0, "-list-hidden")
        self.results.styles.width = max(widths.results, 1)
        self.quotes.styles.width = max(widths.panel, 1)

    async def action_toggle_quotes(self: MainScreen) -> None:
        """Show or hide the quotes panel; showing it focuses the quotes."""
        self.show_panel(not self.quotes.display)
        if self.quotes.display:
            await self.quotes.focus_quotes()
        else:
            self.reader.focus()

    def show_panel(self: MainScreen, shown: bool) -> None:
        """Show or hide the quotes panel and share the width again (see `layout`)."""
        self.quotes.display = shown
        self.set_class(shown, "-panel")
        self.apply_layout(self.size.width)

    def panel_hides_list(self: MainScreen) -> bool:
        """Whether the quotes panel takes the list's room (narrow, or too little width)."""
        return self.quotes.display and (self.has_class("-narrow") or self.has_class("-list-hidden"))

    def on_quotes_panel_quote_chosen(self: MainScreen, event: QuotesPanel.QuoteChosen) -> None:
        self.reader.mark_quote(event.quote)  # a hidden reader scrolls to it once shown
        if self.has_class("-narrow"):  # the panel covered the reader: it gives the screen back
            self.show_panel(False)
            self.add_class("-reading")
            self.reader.focus()

    def on_quotes_panel_entity_chosen(self: MainScreen, event: QuotesPanel.EntityChosen) -> None:
        if self.panel_hides_list():  # the results of the search must be seen, and get the keys
            self.set_focus(self.results)  # which closes the panel (MainScreen.on_descendant_focus)
        self.search_for(event.query)

    def action_split(self: MainScreen, step: int) -> None:
        """Widen or narrow the results list and remember the ratio."""
        self.split = clamp_split(self.split + step)
        self.apply_layout(self.size.width)
        self._save_split(self.split)

    @work(thread=True, group="config")
    def _save_split(self: MainScreen, split: int) -> None:
        problem = save_split(split)
        if problem:
            self.app.call_from_thread(self.notify, problem, severity="warning")

    def action_cycle_sort(self: MainScreen) -> None:
        """Switch between relevance, newest first and oldest first."""
        index = SORTS.index(self.status.sort) if self.status.sort in SORTS else 0
        self.status = self._with(sort=SORTS[(index + 1) % len(SORTS)])
        self.run_search(self.status.query)

    def palette_commands(self: MainScreen) -> list[tuple[str, str, Callable[[], object]]]:
        """(name, keys, callback) for every described binding of this screen, keys as remapped."""
        rows = binding_rows([("", type(self))], self.app._keymap, self.app.get_key_display)
        actions = {b.description: b.action for _k, b in self._merged_bindings or ()}
        return [
            (description, f"key: {keys}", partial(self.run_action, actions[description]))
            for _section, keys, description, _ids in rows
            if description in actions
        ]

    def action_filter(self: MainScreen, name: str) -> None:
        """Toggle a filter: unread_only, starred_only or archived (include archived)."""
        self.status = self._with(**{name: not getattr(self.status, name)})
        self.run_search(self.status.query)

    def action_step_article(self: MainScreen, step: int) -> None:
        """Show the next or previous article in the list without leaving the current pane."""
        results = self.results
        if not results.hits:
            return
        index = results.highlighted or 0
        results.highlighted = max(0, min(len(results.hits) - 1, index + step))

    def action_next_hit(self: MainScreen, step: int) -> None:
        """Move the reader to the next or previous search-term occurrence."""
        self.reader.action_next_hit(step)

    def on_reader_hit_moved(self: MainScreen, event: Reader.HitMoved) -> None:
        if event.index is None:
            self.notify("No search terms in this article", timeout=2)
        else:
            self.notify(f"match {event.index + 1} of {event.count}", timeout=1.5)

    def action_layer(self: MainScreen, name: str) -> None:
        """Toggle a highlight layer in the reader."""
        self.reader.action_toggle_layer(name)
