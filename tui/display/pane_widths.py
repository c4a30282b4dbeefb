"""How the main screen's width is shared between the results list, the reader and the quotes panel.

The reader is what the user is there for, so it keeps a readable measure: when the quotes panel
opens, the panel and the reader are sized first and the list gets what is left (or nothing, on a
screen too small for three panes; `[` and `]` still step through the hidden list).
"""

from __future__ import annotations

from dataclasses import dataclass

NARROW = 100  # below this many columns one pane takes the whole screen
READER_MIN = 64  # columns, border and padding included: about 60 characters a line
PANEL_SHARE, PANEL_MIN, PANEL_MAX = 30, 36, 60  # the quotes panel: 30% of the width, bounded
LIST_MIN = 30  # a list narrower than this is hidden while the panel is open


@dataclass(frozen=True, slots=True)
class PaneWidths:
    """Column widths of the list and the panel; the reader takes the rest. 0 means hidden."""

    results: int
    panel: int


def pane_widths(total: int, split: int, panel_open: bool) -> PaneWidths:
    """The widths for a wide screen of `total` columns with the list at `split` percent."""
    wanted = total * split // 100
    if not panel_open:
        return PaneWidths(results=wanted, panel=0)
    panel = max(PANEL_MIN, min(PANEL_MAX, total * PANEL_SHARE // 100))
    results = min(wanted, total - panel - READER_MIN)
    return PaneWidths(results=results if results >= LIST_MIN else 0, panel=panel)
