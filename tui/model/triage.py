"""Triage on the library: read, star, archive and tag articles, and undo what was done.

A plain object, no widgets: the main screen asks it for changes from a thread worker (every
call here is a blocking library call) and shows what it answers. It owns the undo stack.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from newsreader.index.models import ArticleState
from newsreader.index.record.tags import tag_problem

if TYPE_CHECKING:
    from newsreader.index.library import Library

Flag = Literal["read", "starred", "archived"]
FLAGS: dict[str, Flag] = {"read": "read", "starred": "starred", "archived": "archived"}
UNDO_DEPTH = 50
_VERBS: dict[Flag, str] = {"read": "read", "starred": "star", "archived": "archive"}


@dataclass(frozen=True, slots=True)
class Change:
    """What one triage action did: its label ("" for an automatic one), the articles in list
    order, the query field it changed (read, starred, archived or tag), and their states now."""

    label: str
    ids: tuple[str, ...]
    field: str
    after: dict[str, ArticleState]
    undone: bool = False


@dataclass(frozen=True, slots=True)
class _Undo:
    """How to put a change back: the states from before it."""

    change: Change
    before: dict[str, ArticleState]


@dataclass(frozen=True, slots=True)
class TagAnswer:
    """What was typed at the tag prompt: a tag to add, or to remove (`-name`); `problem` says
    why the name cannot be a tag."""

    name: str
    remove: bool
    problem: str | None = None


def tag_answer(typed: str | None) -> TagAnswer | None:
    """The tag prompt's answer read; None when nothing (or only `-`) was typed."""
    if not typed:
        return None
    remove = typed.startswith("-")
    name = typed.lstrip("-").strip()
    if not name:
        return None
    return TagAnswer(name, remove, None if remove else tag_problem(name))


def tag_label(answer: TagAnswer) -> str:
    """What adding or removing the tag is called: `tag NAME`, `untag NAME`."""
    return f"{'untag' if answer.remove else 'tag'} {answer.name}"


def flag_label(flag: Flag, value: bool) -> str:
    """The verb the user sees for setting (or clearing) a flag: read, unstar, archive..."""
    return f"{'' if value else 'un'}{_VERBS[flag]}"


def flag_value(flag: Flag, ids: Sequence[str], states: dict[str, ArticleState]) -> bool:
    """What toggling a flag on these articles sets: on unless every one has it already."""
    return not all(_has(states.get(i, ArticleState()), flag) for i in ids)


def _has(state: ArticleState, flag: Flag) -> bool:
    return {"read": state.read, "starred": state.starred, "archived": state.archived}[flag]


class Triage:
    """Changes triage state through the library and remembers how to undo each change.

    Every method but `can_undo` blocks on the library: call them from a thread worker. The
    undo stack is guarded by a lock, since workers may finish in any order.
    """

    def __init__(self, library: Library) -> None:
        self.library = library
        self._undo: list[_Undo] = []
        self._lock = threading.Lock()

    def can_undo(self) -> bool:
        """Whether there is a change to undo."""
        with self._lock:
            return bool(self._undo)

    def set_flag(self, ids: Sequence[str], flag: Flag, value: bool) -> Change:
        """Set or clear read, starred or archived on the articles; undoable."""
        setters: dict[Flag, Callable[[Sequence[str], bool], None]] = {
            "read": self.library.set_read,
            "starred": self.library.set_starred,
            "archived": self.library.set_archived,
        }
        return self._change(flag_label(flag, value), ids, flag, lambda: setters[flag](ids, value))

    def mark_read(self, article_id: str) -> Change:
        """Mark an article read as it is opened: automatic, so not undoable."""
        return self._change(
            "", [article_id], "read", lambda: self.library.set_read([article_id], True)
        )

    def tag(self, ids: Sequence[str], name: str, *, remove: bool = False) -> Change:
        """Add a tag to the articles, or remove it; undoable."""
        if remove:
            return self._change(
                f"untag {name}", ids, "tag", lambda: self.library.remove_tag(ids, name)
            )
        return self._change(f"tag {name}", ids, "tag", lambda: self.library.add_tag(ids, name))

    def undo(self) -> Change | None:
        """Put back the states from before the last undoable change; None if there is none."""
        with self._lock:
            if not self._undo:
                return None
            last = self._undo.pop()
        self.library.restore_states(last.before)
        after = self.library.states(last.before)
        return Change(last.change.label, last.change.ids, last.change.field, after, undone=True)

    def _change(
        self, label: str, ids: Sequence[str], field: str, run: Callable[[], None]
    ) -> Change:
        """Run one change, with the states before it kept for undo when it has a label.

        A LibraryError (full disk, read-only, damaged record) passes through: nothing changed.
        """
        before = self.library.states(ids)
        run()
        change = Change(label, tuple(ids), field, self.library.states(ids))
        if label:
            with self._lock:
                self._undo = [*self._undo[-UNDO_DEPTH + 1 :], _Undo(change, before)]
        return change
