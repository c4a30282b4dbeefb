"""Triage on the main screen: read/star/archive/tag with bulk confirmation and undo; history and
saved searches. A mixin so the screen stays readable; its key bindings live on MainScreen."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import work

from newsreader.index.faults import LibraryError
from newsreader.index.record.tags import tag_problem
from newsreader.index.record.triage import ArticleState

from ..screens.confirm import ConfirmScreen
from ..screens.prompt import PromptScreen
from ..screens.saved import SavedSearchesScreen
from ..terminal.opener import article_target, open_externally, ssh_host
from ..widgets.search_bar import SearchBar
from .search_request import full_query

if TYPE_CHECKING:
    from ..screens.main import MainScreen

BULK_LIMIT = 20
UNDO_DEPTH = 50
_SETTERS = {"read": "set_read", "starred": "set_starred", "archived": "set_archived"}
_FIELDS = {
    "set_read": "read",
    "set_starred": "starred",
    "set_archived": "archived",
    "add_tag": "tag",
    "remove_tag": "tag",
}


@dataclass(frozen=True, slots=True)
class Undo:
    """What an action changed: a label for the message, the states before it, and where."""

    label: str
    before: dict[str, ArticleState]
    ids: tuple[str, ...] = ()  # in list order
    field: str = ""  # the query field the action changed: read, starred, archived or tag


class TriageMixin:
    """Triage, undo, tags, history and saved searches for MainScreen."""

    def init_triage(self: MainScreen) -> None:
        """Start with nothing to undo."""
        self.undo_stack: list[Undo] = []

    def target_ids(self: MainScreen) -> list[str]:
        """Marked rows; else the article in the reader when it has focus; else the cursor row."""
        if self.results.marked:
            return self.results.selected_ids()
        if self.focused is self.reader and self.reader.article is not None:
            return [self.reader.article.id]
        return self.results.selected_ids()

    def bulk_threshold(self: MainScreen) -> int:
        """Actions on more rows than this ask first: a screenful of rows, at most BULK_LIMIT."""
        screenful = max(1, self.results.size.height // 2)
        return min(BULK_LIMIT, screenful)

    def confirm_then(
        self: MainScreen, ids: Sequence[str], label: str, run: Callable[[], None]
    ) -> None:
        """Run at once for a few rows; for many, ask in a modal first."""
        if len(ids) <= self.bulk_threshold():
            run()
            return

        def answered(yes: bool | None) -> None:
            if yes:
                run()

        self.app.push_screen(ConfirmScreen(f"{label} {len(ids)} articles?"), answered)

    def action_toggle_state(self: MainScreen, name: str) -> None:
        """Flip read, starred or archived on the target articles (set all when any is unset)."""
        ids = self.target_ids()
        if not ids:
            return
        states = self.results.states
        value = not all(getattr(states.get(i, ArticleState()), name) for i in ids)
        label = {"read": "read", "starred": "star", "archived": "archive"}[name]
        verb = f"{'' if value else 'un'}{label}"
        setter = _SETTERS[name]
        self.confirm_then(
            ids, verb.capitalize(), lambda: self._apply(verb, ids, setter, (ids, value))
        )

    def mark_read(self: MainScreen, article_id: str) -> None:
        """Mark an article read as it is opened (not undoable: it is automatic)."""
        self._apply("", [article_id], "set_read", ([article_id], True))

    @work(thread=True, group="triage")
    def _apply(
        self: MainScreen, label: str, ids: list[str], method: str, args: tuple[object, ...]
    ) -> None:
        try:
            before = self.library.states(ids)
            getattr(self.library, method)(*args)
            after = self.library.states(ids)
        except LibraryError as problem:  # full disk, read-only or damaged: nothing changed
            self.app.call_from_thread(self.notify, str(problem), severity="error", markup=False)
            return
        undo = Undo(label, before, tuple(ids), _FIELDS[method])
        self.app.call_from_thread(self._applied, label, ids, undo, after)

    def _applied(
        self: MainScreen, label: str, ids: list[str], undo: Undo, after: dict[str, ArticleState]
    ) -> None:
        self.results.update_states(after)
        if not label:
            return
        self.undo_stack = [*self.undo_stack[-UNDO_DEPTH + 1 :], undo]
        if self.results.marked:
            self.results.clear_marks()
        self.notify(f"{label}: {len(ids)} article{'s' if len(ids) != 1 else ''} (u undoes)")
        if self.view_filters_on(undo.field):  # rows may have left the view: the cursor stays
            self.run_search(self.status.query, place=self.results.place())

    def view_filters_on(self: MainScreen, field: str) -> bool:
        """Whether the list shown depends on this field, so changing it may add or drop rows."""
        if field == "archived" and not self.status.archived:
            return True
        return f"{field}:" in full_query(self.status.query, self.status).lower()

    def action_undo(self: MainScreen) -> None:
        """Put back the states from before the last triage action."""
        if not self.undo_stack:
            self.notify("Nothing to undo", timeout=2)
            return
        undo = self.undo_stack.pop()
        self._undo_worker(undo)

    @work(thread=True, group="triage")
    def _undo_worker(self: MainScreen, undo: Undo) -> None:
        self.library.restore_states(undo.before)
        after = self.library.states(undo.before)
        self.app.call_from_thread(self._undone, undo, after)

    def _undone(self: MainScreen, undo: Undo, after: dict[str, ArticleState]) -> None:
        self.results.update_states(after)
        self.notify(f"undid {undo.label} on {len(after)} article{'s' if len(after) != 1 else ''}")
        if self.view_filters_on(undo.field):  # the rows come back with the cursor on them
            self.run_search(self.status.query, place=[*undo.ids, *self.results.place()])

    # Tags --------------------------------------------------------------------------------------

    def action_tag(self: MainScreen) -> None:
        """Ask for a tag to add (or `-tag` to remove) on the target articles."""
        ids = self.target_ids()
        if ids:
            self._ask_tag(ids)

    @work(thread=True, group="triage")
    def _ask_tag(self: MainScreen, ids: list[str]) -> None:
        tags = self.library.tags()
        self.app.call_from_thread(self._push_tag_prompt, ids, tags)

    def _push_tag_prompt(self: MainScreen, ids: list[str], tags: list[str]) -> None:
        def answered(tag: str | None) -> None:
            if not tag:
                return
            remove = tag.startswith("-")
            name = tag.lstrip("-").strip()
            if not name:
                return
            problem = None if remove else tag_problem(name)
            if problem:  # the name is the user's: shown as text, never read as markup
                self.notify(problem, severity="error", markup=False)
                return
            method = "remove_tag" if remove else "add_tag"
            label = f"{'untag' if remove else 'tag'} {name}"
            self.confirm_then(ids, label, lambda: self._apply(label, ids, method, (ids, name)))

        question = f"Tag {len(ids)} article{'s' if len(ids) != 1 else ''} (-name removes)"
        self.app.push_screen(PromptScreen(question, tags), answered)

    # History and saved searches ----------------------------------------------------------------

    @work(thread=True, group="history")
    def load_history(self: MainScreen) -> None:
        """Give the search bar the library's query history."""
        history = self.library.history()
        self.app.call_from_thread(self.query_one(SearchBar).set_history, history)

    @work(thread=True, group="history")
    def remember_query(self: MainScreen, query: str) -> None:
        """Add a submitted query to the history."""
        self.library.add_history(query)
        history = self.library.history()
        self.app.call_from_thread(self.query_one(SearchBar).set_history, history)

    def action_save_search(self: MainScreen) -> None:
        """Save the current query under a name."""
        query = self.status.query.strip()
        if not query:
            self.notify("Type a query first", severity="warning")
            return

        def answered(name: str | None) -> None:
            if name:
                self._save_worker(name, query)

        self.app.push_screen(PromptScreen(f"Save {query!r} as"), answered)

    @work(thread=True, group="saved")
    def _save_worker(self: MainScreen, name: str, query: str) -> None:
        self.library.save_search(name, query)
        self.app.call_from_thread(self.notify, f"saved search {name!r}")

    def action_saved_searches(self: MainScreen) -> None:
        """List the saved searches with their unread counts."""
        self._saved_worker()

    @work(group="saved")
    async def _saved_worker(self: MainScreen) -> None:
        # Unread counts are searches: they run on the search thread.
        saved = await self.app.in_search_thread(self.library.saved_searches)
        self.app.push_screen(SavedSearchesScreen(saved), self.search_for)

    def search_for(self: MainScreen, query: str | None) -> None:
        """Put query in the search bar and run it, focusing the results."""
        if query is None:
            return
        self.query_one(SearchBar).value = query
        self._focus_list_after_search = True
        self.remove_class("-reading")
        self.run_search(query)

    # Leaving the terminal ----------------------------------------------------------------------

    def action_open_external(self: MainScreen) -> None:
        """Open the article's URL or file where the user is; else copy it (OSC 52) and show it.

        Served in a browser, Textual's `open_url` opens it on the user's side. In a terminal the
        system opener is started detached (Textual's `open_url` would run `webbrowser`, which
        without a display starts a text browser on top of the reader). Over SSH, or with no
        opener, the target is copied and shown, so it can always be reached.
        """
        article = self.reader.article
        target = article_target(article) if article else None
        if not target:
            self.notify("No article open", severity="warning")
            return
        if self.app.is_web:
            self.app.open_url(target)
            self.notify(target, title="Opening")
            return
        problem = "over SSH" if ssh_host() else open_externally(target)
        if problem is None:
            self.notify(target, title="Opening")
            return
        self.app.copy_to_clipboard(target)
        self.notify(target, title=f"Copied: {problem}", timeout=10)
