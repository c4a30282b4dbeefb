"""The look every modal dialog of the reader shares: centred on a dimmed screen, in a box."""

from __future__ import annotations

from textual.screen import ModalScreen, ScreenResultType


class DialogScreen(ModalScreen[ScreenResultType]):
    """A modal screen whose `#dialog` container is a bordered box in the middle of the screen,
    with its `#question` above the rest."""

    DEFAULT_CSS = """
    DialogScreen {
        align: center middle;
        background: $background 60%;
        & #dialog {
            width: 70;
            max-width: 95%;
            height: auto;
            max-height: 90%;
            border: thick $accent;
            background: $surface;
            padding: 1 2;
        }
        & #question {
            margin-bottom: 1;
        }
    }
    """
