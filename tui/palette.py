"""The command palette provider: every bound action of the main screen, and the saved searches.

The palette reads a str prompt or help text as markup: names and queries go in as Content and
escaped help, so a saved search called `[@click=app.quit]` is only a name."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.markup import escape
from textual.screen import Screen

from .display.article_text import one_line
from .screens.help import binding_rows

Command = tuple[str, str, Callable[[], object]]


def screen_commands(screen: Screen) -> list[Command]:
    """(name, keys, callback) for every described binding of a screen, keys as remapped."""
    app = screen.app
    rows = binding_rows([("", type(screen))], app._keymap, app.get_key_display)
    actions = {b.description: b.action for _k, b in screen._merged_bindings or ()}
    return [
        (description, f"key: {keys}", partial(screen.run_action, actions[description]))
        for _section, keys, description, _ids in rows
        if description in actions
    ]


class NewsCommands(Provider):
    """Offers each action the app binds to a key, plus "Saved search: NAME" for each saved one."""

    async def startup(self) -> None:
        """Collect the commands once per palette opening (saved searches are read in a thread)."""
        app = self.app
        main = getattr(app, "main_screen", None)
        self._commands: list[Command] = []
        if main is None:
            return
        self._commands = screen_commands(main) + app.view_switch.palette_commands()
        saved = await app.in_search_thread(main.library.saved_searches)
        for name, query, unread in saved:
            self._commands.append(
                (
                    f"Saved search: {one_line(name)}",
                    f"{one_line(query)} ({unread} unread)",
                    partial(main.search_for, query),
                )
            )

    async def discover(self) -> Hits:
        """Every command, for the empty palette."""
        for name, help_text, callback in self._commands:
            yield DiscoveryHit(Content(name), callback, text=name, help=escape(help_text))

    async def search(self, query: str) -> Hits:
        """Commands whose name fuzzily matches query."""
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands:
            score = matcher.match(name)
            if score > 0:
                prompt = highlighted(matcher, name)
                yield Hit(score, prompt, callback, text=name, help=escape(help_text))


def highlighted(matcher: Matcher, name: str) -> Content:
    """The name with the matched letters styled, as text: the palette parses a str as markup
    (saved-search names are data)."""
    content = Content(name)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, name)
    for offset in offsets:
        if not name[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
