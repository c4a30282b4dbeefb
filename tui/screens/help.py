"""The help screen: every key in force, generated from the real bindings after remapping."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap, BindingType
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.widgets import Static

from .dialog import DialogScreen

Section = tuple[str, type[DOMNode]]


Row = tuple[str, str, str, str]  # where, keys, what it does, binding id(s) for config.toml


def binding_rows(
    sections: Sequence[Section], keymap: dict[str, str], key_display: object
) -> list[Row]:
    """(section, keys, description, ids) for every described binding, keys as remapped."""
    rows: list[Row] = []
    for title, node_type in sections:
        merged = node_type._merged_bindings
        bindings = merged.copy() if merged is not None else BindingsMap()
        if keymap:
            bindings.apply_keymap(keymap)
        by_action: dict[str, list[str]] = {}
        ids: dict[str, list[str]] = {}
        described: dict[str, Binding] = {}
        for _key, binding in bindings:
            if not binding.description:
                continue
            by_action.setdefault(binding.action, []).append(key_display(binding))  # type: ignore[operator]
            ids.setdefault(binding.action, []).append(binding.id or "")
            described.setdefault(binding.action, binding)
        for action, keys in by_action.items():
            keys_text = " ".join(dict.fromkeys(keys))
            id_text = " ".join(i for i in dict.fromkeys(ids[action]) if i)
            rows.append((title, keys_text, described[action].description, id_text))
    return rows


def help_table(rows: Sequence[Row]) -> Table:
    """The rows as a Rich table (built from Text: descriptions are not markup); the last column
    is the id to remap in config.toml's [keys]."""
    table = Table(box=None, expand=True, show_header=True, header_style="bold reverse")
    table.add_column("Where")
    table.add_column("Keys", style="bold")
    table.add_column("Does")
    table.add_column(Text("Id ([keys] in config.toml)"), style="dim")
    previous = ""
    for section, keys, description, ids in rows:
        where = Text(section if section != previous else "")
        table.add_row(where, Text(keys), Text(description), Text(ids))
        previous = section
    return table


class HelpScreen(DialogScreen[None]):
    """A modal listing every binding in force; any of Escape, q or ? closes it."""

    DEFAULT_CSS = """
    HelpScreen #help-body {
        width: 100;
        max-width: 98%;
        height: 90%;
        border: thick $accent;
        background: $surface;
        padding: 0 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss_help", "Close help", id="help.close"),
        # The same keys scroll here as in the list, the reader and the quotes panel.
        Binding("j", "scroll('down')", "Down", show=False, id="help.down"),
        Binding("k", "scroll('up')", "Up", show=False, id="help.up"),
        Binding("g", "scroll('home')", "Top", show=False, id="help.top"),
        Binding("G", "scroll('end')", "Bottom", show=False, id="help.bottom"),
    ]

    def __init__(self, rows: Sequence[Row]) -> None:
        super().__init__()
        self._rows = list(rows)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(Text("newsreader keys", style="bold"), id="help-title")
            yield Static(help_table(self._rows))

    def action_scroll(self, where: str) -> None:
        """Scroll the key list a line down or up, or to its top or bottom."""
        body = self.query_one("#help-body", VerticalScroll)
        getattr(body, f"scroll_{where}")(animate=False)

    def action_dismiss_help(self) -> None:
        """Close the help screen."""
        self.dismiss(None)
