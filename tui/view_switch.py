"""Switching between the reader's views: 1 Articles, 2 Speakers, 3 Claims, 4 Sources.

Each view is an app mode with its own screen stack (Textual's MODES), so the articles screen
stays as it is and every view keeps its place while another is shown. The views' modules load
when a view is first opened, keeping them off the reader's start-up path. One query filters
every view: the one last typed in any view's search bar.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.screen import Screen

if TYPE_CHECKING:
    from .app import NewsReaderApp

ARTICLES = "articles"
VIEWS: dict[str, tuple[str, str]] = {  # mode -> (key, title)
    ARTICLES: ("1", "Articles"),
    "speakers": ("2", "Speakers"),
    "claims": ("3", "Claims"),
    "sources": ("4", "Sources"),
}
# Not priority bindings: in a search bar the digits are text, and Escape leaves it first.
VIEW_BINDINGS = [
    Binding(key, f"view('{mode}')", f"{title} view", show=False, id=f"views.{mode}")
    for mode, (key, title) in VIEWS.items()
]


def _speakers(app: NewsReaderApp) -> Screen:
    from .screens.speakers_view import SpeakersScreen

    return SpeakersScreen(app.library)


def _claims(app: NewsReaderApp) -> Screen:
    from .screens.claims_view import ClaimsScreen

    return ClaimsScreen(app.library)


def _sources(app: NewsReaderApp) -> Screen:
    from .screens.sources_view import SourcesScreen

    return SourcesScreen(app.library)


class ViewSwitch:
    """The app's views as modes, and the query they share."""

    def __init__(self, app: NewsReaderApp) -> None:
        self.app = app
        self.query = ""
        self._built: list[Screen] = []
        for mode, build in (("speakers", _speakers), ("claims", _claims), ("sources", _sources)):
            app.add_mode(mode, partial(self._build, build))

    def _build(self, build: Callable[[NewsReaderApp], Screen]) -> Screen:
        screen = build(self.app)
        self._built.append(screen)
        return screen

    def library_changed(self) -> None:
        """Articles came in (or feeds failed): each view reads its data again when next shown."""
        for screen in self._built:
            screen.query_text = None  # type: ignore[attr-defined]  # a ViewScreen

    @property
    def current(self) -> str:
        return self.app.current_mode

    def switch(self, mode: str) -> None:
        """Show a view; the articles screen searches for the views' query if it changed."""
        if mode == self.current or mode not in VIEWS:
            return
        main = self.app.main_screen
        if self.current == ARTICLES and main is not None:
            self.query = main.status.query
        self.app.switch_mode(mode)
        if mode == ARTICLES and main is not None and main.status.query != self.query:
            main.search_for(self.query)

    def search_articles(self, query: str) -> None:
        """Show the articles a query finds (a source chosen in the sources view)."""
        self.query = query
        self.switch(ARTICLES)
        if self.app.main_screen is not None and self.app.main_screen.status.query != query:
            self.app.main_screen.search_for(query)

    def palette_commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        """(name, keys, callback) for each view, keys as remapped, for the command palette."""
        keymap = self.app._keymap  # the palette's other commands read it so too
        commands: list[tuple[str, str, Callable[[], object]]] = []
        for mode, (key, title) in VIEWS.items():
            keys = keymap.get(f"views.{mode}", key)
            commands.append((f"{title} view", f"key: {keys}", partial(self.switch, mode)))
        return commands
