"""The saved searches with their unread counts; Enter runs one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..display.article_text import one_line
from .dialog import DialogScreen


def saved_prompt(name: str, query: str, unread: int) -> Text:
    """One saved search: its name, unread count and query."""
    line = Text()
    line.append(one_line(name), style="bold")
    line.append(f"  {unread} unread", style="reverse" if unread else "dim")
    line.append(f"\n  {one_line(query)}", style="italic")
    return line


class SavedSearchesScreen(DialogScreen[str | None]):
    """Pick a saved search; answers its query, or None on Escape."""

    DEFAULT_CSS = """
    SavedSearchesScreen #saved-list {
        height: auto;
        max-height: 20;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "cancel", "Close", id="saved.close"),
        Binding("j", "cursor('down')", "Down", show=False, id="saved.down"),
        Binding("k", "cursor('up')", "Up", show=False, id="saved.up"),
    ]

    def __init__(self, saved: Sequence[tuple[str, str, int]]) -> None:
        super().__init__()
        self._saved = list(saved)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text("Saved searches", style="bold"), id="question")
            options = [Option(saved_prompt(*entry)) for entry in self._saved]
            if not options:
                options = [
                    Option(Text("None yet: press W to save the current query."), disabled=True)
                ]
            yield OptionList(*options, id="saved-list")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self._saved[event.option_index][1])

    def action_cursor(self, direction: str) -> None:
        """Move the cursor in the list."""
        saved_list = self.query_one(OptionList)
        if direction == "down":
            saved_list.action_cursor_down()
        else:
            saved_list.action_cursor_up()

    def action_cancel(self) -> None:
        """Close without choosing."""
        self.dismiss(None)
