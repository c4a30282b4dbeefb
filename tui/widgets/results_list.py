"""The list of search hits: a virtualised OptionList with read/star marks and a snippet per row."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from newsreader.index.models import ArticleState, Hit

from ..display.hit_row import Columns, HitRow, page_columns

MORE_MARGIN = 15  # ask for the next page when the cursor is this close to the end
HOLD_LIMIT = 10.0  # seconds keys wait for rows: a search that never lands must not eat them


class ResultsList(OptionList):
    """Search hits, one two-line row each, with marking for bulk triage.

    Rows are added a page at a time; `NeedMore` asks for the next page as the cursor nears the end.
    """

    DEFAULT_CSS = """
    ResultsList, ResultsList:focus {
        height: 1fr;
        border: none;
        border-right: vkey $panel;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    ResultsList:focus {
        border-right: vkey $accent;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("k", "cursor_up", "Up", show=False, id="list.up"),
        Binding("g", "first", "Top", show=False, id="list.top"),
        Binding("G", "last", "Bottom", show=False, id="list.bottom"),
        Binding("space", "toggle_mark", "Mark", id="list.mark"),
        Binding("V", "mark_range", "Mark range", id="list.mark_range"),
    ]

    class _Message(Message):
        """A message about the list; `control` is the list, for `@on(..., "#id")`."""

        def __init__(self, results_list: ResultsList) -> None:
            super().__init__()
            self.results_list = results_list

        @property
        def control(self) -> ResultsList:
            """The list the message is about."""
            return self.results_list

    class Highlighted(_Message):
        """The cursor moved to a hit."""

        def __init__(self, results_list: ResultsList, hit: Hit) -> None:
            super().__init__(results_list)
            self.hit = hit

    class Opened(_Message):
        """Enter was pressed on a hit."""

        def __init__(self, results_list: ResultsList, hit: Hit) -> None:
            super().__init__(results_list)
            self.hit = hit

    class NeedMore(_Message):
        """The cursor is near the last loaded row and more hits exist."""

    class MarksChanged(_Message):
        """The set of marked rows changed."""

        def __init__(self, results_list: ResultsList, count: int) -> None:
            super().__init__(results_list)
            self.count = count

    def __init__(self, *, id: str | None = None, now: dt.datetime | None = None) -> None:
        super().__init__(id=id)
        self.hits: list[Hit] = []
        self.states: dict[str, ArticleState] = {}
        self.marked: set[str] = set()
        self.total = 0
        self.now = now
        self._anchor: int | None = None
        self._asked_more = False
        self.columns = Columns()
        self._rows_ready = asyncio.Event()
        self._rows_ready.set()

    def hold_keys(self) -> None:
        """Make the keys the list gets wait for the next rows shown (a search is on its way).

        Keys typed in one burst after Enter in the search bar would otherwise act on the rows
        of the query typed so far, then lose the cursor to the new rows.
        """
        self._rows_ready.clear()

    async def _on_key(self, event: events.Key) -> None:
        if not self._rows_ready.is_set():  # later keys queue behind this one, in order
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._rows_ready.wait(), HOLD_LIMIT)
            self._rows_ready.set()

    @property
    def current(self) -> Hit | None:
        """The hit under the cursor."""
        index = self.highlighted
        return self.hits[index] if index is not None and index < len(self.hits) else None

    def show_hits(
        self,
        hits: Sequence[Hit],
        total: int,
        states: Mapping[str, ArticleState],
        *,
        append: bool = False,
        place: Sequence[str] = (),
    ) -> None:
        """Show a page of hits, replacing the rows or appending to them.

        Replacing, the cursor goes to the first of the `place` ids listed, else to the top; a
        refresh (with `place`) keeps the marks on the rows still listed.
        """
        if not append:
            listed = {hit.id for hit in hits}
            marked = {i for i in self.marked if i in listed} if place else set()
            self.hits, self.states, self.marked, self._anchor = [], {}, marked, None
            self.clear_options()
            self.post_message(self.MarksChanged(self, len(marked)))
        known = {hit.id for hit in self.hits}
        fresh = [hit for hit in hits if hit.id not in known]
        self.hits.extend(fresh)
        self.states.update(states)
        self.total = total
        self._asked_more = False
        columns = page_columns(self.hits, self.now)
        if columns != self.columns:  # a new page made a column worth drawing, or not
            self.columns = columns
            for index in range(len(self.hits) - len(fresh)):
                self._refresh_row(index)
        self.add_options([self._option(hit) for hit in fresh])
        self._rows_ready.set()
        if not append and self.hits:
            self.highlighted = self._first_listed(place)
        elif append and self.highlighted is not None:
            self._maybe_need_more(self.highlighted)

    def _first_listed(self, ids: Sequence[str]) -> int:
        rows = {hit.id: index for index, hit in enumerate(self.hits)}
        return next((rows[i] for i in ids if i in rows), 0)

    def place(self) -> list[str]:
        """Where the cursor belongs once rows may have left: on its row, else on the row that
        took its place (the next one), else on the nearest row above, as mail readers do."""
        index = self.highlighted or 0
        ids = [hit.id for hit in self.hits]
        return ids[index:] + ids[:index][::-1]

    def _maybe_need_more(self, index: int) -> None:
        """Ask for the next page when the cursor is near the last loaded row."""
        near_end = index >= len(self.hits) - MORE_MARGIN
        if near_end and len(self.hits) < self.total and not self._asked_more:
            self._asked_more = True
            self.post_message(self.NeedMore(self))

    def _option(self, hit: Hit) -> Option:
        state = self.states.get(hit.id, ArticleState())
        row = HitRow(hit, state, hit.id in self.marked, self.now, self.columns)
        return Option(row, id=hit.id)

    def _refresh_row(self, index: int) -> None:
        hit = self.hits[index]
        state = self.states.get(hit.id, ArticleState())
        self.replace_option_prompt_at_index(
            index, HitRow(hit, state, hit.id in self.marked, self.now, self.columns)
        )

    def update_states(self, states: Mapping[str, ArticleState]) -> None:
        """Redraw the rows whose triage state changed."""
        self.states.update(states)
        for index, hit in enumerate(self.hits):
            if hit.id in states:
                self._refresh_row(index)

    def selected_ids(self) -> list[str]:
        """The marked rows in list order, or the row under the cursor when none is marked."""
        if self.marked:
            return [hit.id for hit in self.hits if hit.id in self.marked]
        return [self.current.id] if self.current else []

    def clear_marks(self) -> None:
        """Unmark every row."""
        indexes = [i for i, hit in enumerate(self.hits) if hit.id in self.marked]
        self.marked.clear()
        self._anchor = None
        for index in indexes:
            self._refresh_row(index)
        self.post_message(self.MarksChanged(self, 0))

    def _set_marks(self, indexes: Iterable[int], value: bool) -> None:
        for index in indexes:
            hit_id = self.hits[index].id
            if value:
                self.marked.add(hit_id)
            else:
                self.marked.discard(hit_id)
            self._refresh_row(index)
        self.post_message(self.MarksChanged(self, len(self.marked)))

    def action_toggle_mark(self) -> None:
        """Mark or unmark the row under the cursor and move to the next one."""
        index = self.highlighted
        if index is None or not self.hits:
            return
        self._set_marks([index], self.hits[index].id not in self.marked)
        self.action_cursor_down()

    def action_mark_range(self) -> None:
        """Start a range at the cursor; pressed again, mark every row from its start to here.

        Only `V` opens a range (as visual mode in aerc or vim): rows marked with space before
        it are kept but do not start it.
        """
        index = self.highlighted
        if index is None or not self.hits:
            return
        if self._anchor is None:
            self._anchor = index
            self._set_marks([index], True)
            self.notify("Range started: move, then press V again", timeout=3)
            return
        low, high = sorted((self._anchor, index))
        self._set_marks(range(low, high + 1), True)
        self._anchor = None

    def _on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option_index < len(self.hits):
            self.post_message(self.Highlighted(self, self.hits[event.option_index]))
        self._maybe_need_more(event.option_index)

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_index < len(self.hits):
            self.post_message(self.Opened(self, self.hits[event.option_index]))
