"""The command palette provider: every bound action of the main screen, and the saved searches."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

Command = tuple[str, str, Callable[[], object]]


class NewsCommands(Provider):
    """Offers each action the app binds to a key, plus "Saved search: NAME" for each saved one."""

    async def startup(self) -> None:
        """Collect the commands once per palette opening (saved searches are read in a thread)."""
        app = self.app
        main = getattr(app, "main_screen", None)
        self._commands: list[Command] = []
        if main is None:
            return
        self._commands = main.palette_commands()
        saved = await app.in_search_thread(main.library.saved_searches)
        for name, query, unread in saved:
            self._commands.append(
                (
                    f"Saved search: {name}",
                    f"{query} ({unread} unread)",
                    partial(main.search_for, query),
                )
            )

    async def discover(self) -> Hits:
        """Every command, for the empty palette."""
        for name, help_text, callback in self._commands:
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        """Commands whose name fuzzily matches query."""
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands:
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
