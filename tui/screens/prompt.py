"""A one-line question answered in an Input, with completion from known values."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Input, Static

from ..display.article_text import one_line
from .dialog import DialogScreen


class PromptScreen(DialogScreen[str | None]):
    """Ask for a value; Enter answers the text (stripped), Escape answers None.

    `suggestions` complete what is typed (Right arrow accepts a suggestion).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="prompt.cancel")
    ]

    def __init__(self, question: str, suggestions: Sequence[str] = (), value: str = "") -> None:
        super().__init__()
        self._question = one_line(question)
        # Names come from the library (imported state among them): shown, and completed, clean.
        self._suggestions = [one_line(s) for s in suggestions]
        self._value = value

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text(self._question), id="question")
            suggester = SuggestFromList(self._suggestions, case_sensitive=False)
            yield Input(self._value, suggester=suggester, id="answer")
            if self._suggestions:
                known = Text("known: " + ", ".join(self._suggestions), style="dim")
                yield Static(known, id="known")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        """Close without an answer."""
        self.dismiss(None)
