"""Faults of the library's files (damaged record, full disk, read-only) as one line each.

The facade turns them into `LibraryError`, which the command line prints as one line and the
reader as one notice: never a traceback, and the process goes on where it can.
"""

from __future__ import annotations

import errno
import functools
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

C = TypeVar("C", bound=type)
READ_ONLY = (errno.EROFS, errno.EACCES, errno.EPERM)


class LibraryError(Exception):
    """The library cannot be used: a clear message for the user, never a traceback."""


class SearchAbandoned(BaseException):
    """A search was given up at a check point because a newer one was asked for.

    Like asyncio's CancelledError, not an Exception: the handlers that keep an odd query from
    taking the reader down must not turn it into a failed search.
    """


def restore_advice(db: Path) -> str:
    """How to get a damaged record back: SQLite's recovery, or the sources and a state export."""
    return (
        f"to restore {db}: stop newsreader, then either run `sqlite3 {db} .recover | sqlite3"
        f" {db}.recovered` and move {db}.recovered in its place, or move {db} aside, run"
        " `newsreader index` on your sources again and `newsreader state import` a state export"
    )


def problem_line(error: BaseException, folder: Path) -> str | None:
    """One line for a fault of the library's files; None for an error that is not one."""
    db = folder / "library.db"
    if isinstance(error, sqlite3.DatabaseError):
        text = str(error)
        if "full" in text:
            return f"no space left on device writing {db}"
        if "readonly" in text:
            return f"{db}: library is read-only ({text})"
        if "locked" in text or "busy" in text:
            return f"{db}: the library is busy in another newsreader process ({text})"
        return f"{db}: the library record is damaged ({text}); `newsreader check` says more"
    if isinstance(error, OSError) and error.errno == errno.ENOSPC:
        return f"no space left on device writing {error.filename or folder}"
    if isinstance(error, OSError) and error.errno in READ_ONLY:
        return f"{error.filename or folder}: library is read-only ({error.strerror})"
    return None


def translated(cls: C) -> C:
    """Make every public method of the class raise `LibraryError` for a fault of the files.

    Each call also passes the instance's `_gate` (see `call_gate`), except `close`, which
    shuts it.
    """
    for name, method in list(vars(cls).items()):
        if callable(method) and not name.startswith("_"):
            setattr(cls, name, _translating(method, gated=name != "close"))
    return cls


def _translating(method: Callable[..., Any], *, gated: bool) -> Callable[..., Any]:
    @functools.wraps(method)
    def call(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            if not gated:
                return method(self, *args, **kwargs)
            with self._gate.entered():
                return method(self, *args, **kwargs)
        except (sqlite3.DatabaseError, OSError) as error:
            line = problem_line(error, self.path)
            if line is None:
                raise
            raise LibraryError(line) from error

    return call
