"""The newsreader Textual app: opens the main screen on a library and applies the user's keymap."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, TypeVar

from textual import work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.filter import LineFilter, Monochrome, NoColor
from textual.notifications import SeverityLevel

from .config import load_config, save_theme
from .config_check import keymap_problems
from .display.article_text import safe_text
from .model.search_thread import SearchThread
from .palette import NewsCommands
from .screens.article_view import ArticleScreen
from .screens.claims_view import ClaimsScreen
from .screens.confirm import ConfirmScreen
from .screens.help import HelpScreen, Row, Section, binding_rows
from .screens.main import MainScreen
from .screens.prompt import PromptScreen
from .screens.saved import SavedSearchesScreen
from .screens.speaker_quotes import SpeakerQuotesScreen
from .screens.speakers_view import SpeakersScreen
from .screens.view_screen import ViewScreen
from .session import last_session, save_session
from .terminal import mouse
from .view_switch import ARTICLES, VIEW_BINDINGS, ViewSwitch
from .widgets.quotes_panel import QuotesPanel
from .widgets.reader import Reader
from .widgets.results_list import ResultsList
from .widgets.search_bar import SearchBar
from .widgets.view_table import ViewTable

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from newsreader.index.library import Library

T = TypeVar("T")
_NO_COLOR = NoColor()
MODAL_SCREENS = (HelpScreen, SavedSearchesScreen, PromptScreen, ConfirmScreen)


class NewsReaderApp(App[None]):
    """Keyboard-driven search, triage and reading of a newsreader library.

    `library` is an open Library; `query` the first search; `now` fixes "today" for relative
    dates (tests); `search_thread` may already be fetching the first page (see
    `newsreader.tui.model.search_thread`); the keymap comes from the config file (see
    `newsreader.tui.config`).
    """

    TITLE = "newsreader"
    _theme_applied = False  # until on_load has applied the configured theme
    _theme_problem: str | None = None
    # What is app-wide: each widget and screen has its own styles in its DEFAULT_CSS. NO_COLOR:
    # every colour is the terminal's default, so what colour marked is marked by attributes: the
    # cursor row of the focused list and the input cursor in reverse, the cursor row of a list
    # without focus underlined (Textual already draws the active tab in bold).
    CSS = """
    Screen {
        background: $background;
    }
    OptionList:nocolor > .option-list--option-highlighted {
        text-style: underline;
    }
    OptionList:nocolor:focus > .option-list--option-highlighted {
        text-style: bold reverse;
    }
    Input:nocolor > .input--cursor {
        text-style: reverse;
    }
    """
    COMMANDS: ClassVar = {*App.COMMANDS, NewsCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("Q", "quit", "Quit", id="app.quit"),
        # As in every Textual app, ctrl+c copies the text selected with the mouse; else it quits.
        Binding(
            "ctrl+c",
            "copy_or_quit",
            "Copy selection, or quit",
            show=False,
            priority=True,
            id="app.quit_ctrl_c",
        ),
        *VIEW_BINDINGS,
    ]
    DEFAULT_MODE = ARTICLES  # the main screen; the other views are modes too (view_switch)
    HELP_SECTIONS: ClassVar[list[Section]] = [
        ("Anywhere", MainScreen),
        ("Results list", ResultsList),
        ("Reader", Reader),
        ("Quotes panel", QuotesPanel),
        ("Search bar", SearchBar),
        ("Views", ViewScreen),
        ("View lists", ViewTable),
        ("Speakers", SpeakersScreen),
        ("Their quotes", SpeakerQuotesScreen),
        ("Claims", ClaimsScreen),
        ("View article", ArticleScreen),
        ("App", App),
    ]

    def __init__(
        self,
        library: Library,
        *,
        query: str | None = None,
        now: dt.datetime | None = None,
        search_thread: SearchThread | None = None,
    ) -> None:
        self.config = load_config()
        self.mouse_mode = mouse.effective_mode(self.config.mouse)
        super().__init__(driver_class=mouse.driver_for(self.mouse_mode, self.get_driver_class()))
        self.library = library
        self.initial_query = query or ""
        self.now = now
        self.main_screen: MainScreen | None = None
        # The engine keeps a searcher (and its caches, ~100 MB on a big library) per thread, so
        # every search runs on this one thread rather than on a pool of worker threads.
        self.search_thread = search_thread or SearchThread()
        # "New since last session" (`+`) counts from when the reader last closed on this library.
        self.new_since = last_session(library.path)
        self.add_mode(ARTICLES, self.get_default_screen)
        self.view_switch = ViewSwitch(self)

    def action_fetch_feeds(self) -> None:
        """`R` on any screen: the articles screen's fetcher runs it, behind whatever is shown."""
        if self.main_screen is not None:
            self.main_screen.action_fetch_feeds()

    def action_view(self, mode: str) -> None:
        """Show a view: articles, speakers, claims or sources."""
        self.view_switch.switch(mode)

    async def in_search_thread(self, call: Callable[[], T]) -> T:
        """Run a library call that searches on the app's single search thread."""
        return await self.search_thread.run(call)

    def on_unmount(self) -> None:
        self.search_thread.shutdown()
        save_session(self.library.path, dt.datetime.now(dt.UTC))  # what the next `+` counts from

    def on_load(self) -> None:
        # Before the articles screen is composed: its first frame has the user's theme and keys
        # (the app mounts only once that screen has, which may be after its first page shows).
        if self.config.keys:
            self.set_keymap(self.config.keys)
        self._theme_problem = self._apply_theme(self.config.theme)

    def on_mount(self) -> None:
        problems = [self.config.problem] if self.config.problem else []
        problems += keymap_problems(self._keymap, type(self), self.keymap_classes())
        if self._theme_problem:
            problems.append(self._theme_problem)
        if problems:  # one notice naming everything the config got wrong
            self.notify("\n".join(problems), title="config", severity="warning", timeout=15)

    def keymap_classes(self) -> list[type[DOMNode]]:
        """Every class whose bindings the config's [keys] may remap (besides the app)."""
        return [node for _title, node in self.HELP_SECTIONS[:-1]] + list(MODAL_SCREENS)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every notice of the reader, always as plain text with control characters replaced.

        Notices carry data (URLs, titles, quotes, tags, config values): Textual would parse
        them as markup, so `[a=b=c]` crashed the app, `[@click=app.quit]` became a live action
        and `[sic]` vanished. `markup` is accepted, for Textual's own callers, and ignored.
        """
        super().notify(
            safe_text(message),
            title=safe_text(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def get_line_filters(self) -> list[LineFilter]:
        """Under NO_COLOR, the terminal's own colours rather than Textual's greys.

        Textual's NO_COLOR filter turns every colour into a grey of the same lightness, which
        left dim text at about 1.6:1 on its background; without any colour the terminal draws in
        its default foreground and background, and bold, underline and reverse carry the rest.
        """
        filters = list(super().get_line_filters())
        if self.no_color:
            filters = [_NO_COLOR if isinstance(f, Monochrome) else f for f in filters]
        return filters

    def get_default_screen(self) -> MainScreen:
        """The app opens on the main screen itself: no blank screen beneath it to lay out."""
        self.main_screen = MainScreen(
            self.library,
            self.initial_query,
            self.now,
            split=self.config.split,
            new_since=self.new_since,
        )
        return self.main_screen

    def _apply_theme(self, name: str | None) -> str | None:
        """Use the configured theme; a message when there is no theme of that name."""
        problem = None
        if name and name in self.available_themes:
            self.theme = name
        elif name:
            themes = ", ".join(sorted(self.available_themes))
            problem = f"unknown theme {name!r}; themes: {themes}"
        self._theme_applied = True
        return problem

    def watch_theme(self, theme: str) -> None:
        if self._theme_applied:  # a choice made in the palette, not the config
            self._save_theme(theme)

    @work(thread=True, group="config")
    def _save_theme(self, theme: str) -> None:
        problem = save_theme(theme)
        if problem:
            self.call_from_thread(self.notify, problem, severity="warning")

    def help_rows(self) -> list[Row]:
        """Every binding in force, as (where, keys, description, ids), after remapping."""
        sections = [*self.HELP_SECTIONS[:-1], ("App", type(self))]
        rows = binding_rows(sections, self._keymap, self.get_key_display)
        palette = Binding(self.COMMAND_PALETTE_BINDING, "command_palette")
        palette_row = ("App", self.get_key_display(palette), "Command palette: every action", "")
        return [*rows, palette_row]

    async def action_copy_or_quit(self) -> None:
        """Copy the text selected with the mouse (OSC 52); quit when nothing is selected."""
        selected = self.screen.get_selected_text()
        if not selected:
            await self.action_quit()
            return
        self.copy_to_clipboard(selected)
        self.screen.clear_selection()
        self.notify(f"{len(selected):,} characters", title="Copied", timeout=2)

    def action_help(self) -> None:
        """Show the keys in force."""
        self.push_screen(HelpScreen(self.help_rows()))
