"""The bottom line: the keys that matter in the focused pane, and the command palette's key."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.binding import ActiveBinding
    from textual.screen import Screen

PALETTE_SEPARATOR = "▏"
DIM = Style(dim=True)  # a binding that is there but cannot run now


class _Spot(NamedTuple):
    """Where one key is drawn on the line, so that a click can press it."""

    start: int
    end: int
    key: str


def shown_bindings(bindings: dict[str, ActiveBinding]) -> list[ActiveBinding]:
    """The bindings to list, one per action, in the order the screen reports them."""
    seen: set[str] = set()
    shown = []
    for active in bindings.values():
        binding = active.binding
        if binding.show and binding.action not in seen:
            seen.add(binding.action)
            shown.append(active)
    return shown


class KeyBar(Widget):
    """One line listing the bindings in force, drawn as one piece of text.

    It shows what Textual's Footer shows (key, then description, the palette key on the right),
    but as a single widget: the Footer builds a widget per key and rebuilds them all on every
    focus change, which was ~45 ms of the reader's start-up and of each move between panes.
    Clicking a key presses it.
    """

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-bar--key",
        "key-bar--description",
        "key-bar--palette",
    }
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .key-bar--palette {
            color: $foreground 20%;
        }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._spots: list[_Spot] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if screen is self.screen:
            self.refresh()

    def render(self) -> Text:
        line, self._spots = Text(no_wrap=True, overflow="crop"), []
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        bindings = self.screen.active_bindings  # walks the focus chain: once per drawing
        for active in shown_bindings(bindings):
            self._append_key(line, active, key_style, description_style)
        palette = self._palette_text(bindings, key_style, description_style)
        room = self.size.width - palette.cell_len
        if palette and line.cell_len <= room:
            line.pad_right(room - line.cell_len)
            palette_key = self.app.COMMAND_PALETTE_BINDING
            self._spots.append(_Spot(line.cell_len, self.size.width, palette_key))
            line.append_text(palette)
        return line

    def _append_key(
        self, line: Text, active: ActiveBinding, key_style: Style, description_style: Style
    ) -> None:
        binding = active.binding
        start = line.cell_len
        dim = Style() if active.enabled else DIM
        line.append(f" {self.app.get_key_display(binding)} ", style=key_style + dim)
        line.append(f"{binding.description} ", style=description_style + dim)
        self._spots.append(_Spot(start, line.cell_len, binding.key.split(",")[0].strip()))

    def _palette_text(
        self, bindings: dict[str, ActiveBinding], key_style: Style, description_style: Style
    ) -> Text:
        app = self.app
        if not app.ENABLE_COMMAND_PALETTE:
            return Text()
        active = bindings.get(app.COMMAND_PALETTE_BINDING)
        if active is None:
            return Text()
        separator = self.get_component_rich_style("key-bar--palette")
        text = Text(PALETTE_SEPARATOR, style=separator)
        text.append(app.get_key_display(active.binding), style=key_style)
        text.append(f" {active.binding.description} ", style=description_style)
        return text

    def on_click(self, event: events.Click) -> None:
        for spot in self._spots:
            if spot.start <= event.x < spot.end:
                self.app.simulate_key(spot.key)
                return
