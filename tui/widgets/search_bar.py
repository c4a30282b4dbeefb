"""The query input: search as you type, Up/Down walk the query history."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.widgets import Input

SEARCH_KEY = "slash"


class SearchBar(Input):
    """An Input for the query whose Up/Down keys recall earlier queries, most recent first."""

    DEFAULT_CSS = """
    SearchBar {
        height: 3;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "history(1)", "Older query", show=False, id="search.history_back"),
        Binding("down", "history(-1)", "Newer query", show=False, id="search.history_forward"),
    ]

    def __init__(self, value: str = "", *, id: str | None = None) -> None:
        super().__init__(
            value=value,
            placeholder='Search: words, "phrases", person:, read:no, starred:yes, tag:…',
            id=id,
        )
        self._history: list[str] = []
        self._position = -1  # -1: editing the live query, 0..n-1: showing history[position]
        self._draft = value

    async def _on_key(self, event: events.Key) -> None:
        # `/` moves to the search bar: pressed in it out of habit, it is no part of the query.
        if event.key == SEARCH_KEY and not self.value:
            event.stop()
            event.prevent_default()

    def set_history(self, history: Sequence[str]) -> None:
        """Replace the recalled queries (most recent first) and return to the live query."""
        self._history = list(history)
        self._position = -1

    def action_history(self, step: int) -> None:
        """Show an older (step 1) or newer (step -1) query from the history."""
        if self._position == -1:
            self._draft = self.value
        position = max(-1, min(len(self._history) - 1, self._position + step))
        if position == self._position:
            return
        self._position = position
        self.value = self._draft if position == -1 else self._history[position]
        self.cursor_position = len(self.value)
