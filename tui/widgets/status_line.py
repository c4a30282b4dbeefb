"""The header line: hit count, active query, sort, filters, a fetch's progress and the SSH
host."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ..model.search_request import Status

SORT_LABELS = {
    "relevance": "relevance",
    "-date": "newest first",
    "date": "oldest first",
    "added": "last added first",
}


def status_text(status: Status) -> Text:
    """The header line as Rich Text; the query is data and is never parsed as markup."""
    total = status.total
    count = "searching…" if total is None else f"{total:,} hit{'' if total == 1 else 's'}"
    line = Text()
    line.append(count, style="bold")
    line.append("  ")
    line.append(repr(status.query) if status.query else "all articles", style="italic")
    # Without words nothing is ranked: the library lists newest first (see index/record/browse.py).
    sort = "-date" if status.sort == "relevance" and not status.query.strip() else status.sort
    line.append(f"  sort: {SORT_LABELS.get(sort, sort)}")
    filters = [
        name
        for name, on in (
            ("unread", status.unread_only),
            ("starred", status.starred_only),
            ("new", status.new_only),
            ("+archived", status.archived),
        )
        if on
    ]
    if filters:
        line.append("  filter: " + " ".join(filters), style="bold")
    if status.marked:
        line.append(f"  {status.marked} marked", style="reverse")
    if status.fetching:
        line.append(f"  {status.fetching}", style="italic")
    if status.host:
        line.append(f"  @{status.host}", style="bold")
    return line


class StatusLine(Static):
    """A one-line header describing the current search."""

    DEFAULT_CSS = """
    StatusLine {
        height: 1;
        width: 1fr;
        background: $panel;
        padding: 0 1;
    }
    """

    def show(self, status: Status) -> None:
        """Display this status."""
        # One line, full width: a new status never changes the layout, so skip laying out the
        # whole screen again on every key typed.
        self.update(status_text(status), layout=False)
