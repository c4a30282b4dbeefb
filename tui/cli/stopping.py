"""Ctrl-C and SIGTERM stop a command the same way: one line, whatever is committed kept.

Both raise in the main thread (SIGTERM as `Terminated`, a KeyboardInterrupt, so every cleanup
written for Ctrl-C runs for it too). Python drops an exception raised by a signal handler while
certain code runs (hooks around fork, finalizers: "Exception ignored in ..."), so the signal is
also remembered, and `check` raises it again at the next safe point (each progress report, and
the end of the command); while the run forks its helpers it is only remembered. Python's
"Exception ignored" report of such a dropped stop is left out: `check` raises the stop again,
and the user sees the one line (a Dask scheduler's garbage-collector callback was one place).
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Callable
from types import FrameType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sys import UnraisableHookArgs

EXIT_INTERRUPTED, EXIT_TERMINATED = 128 + signal.SIGINT, 128 + signal.SIGTERM


class Terminated(KeyboardInterrupt):
    """SIGTERM, handled as Ctrl-C is."""


_received: list[int] = []


def catch_stop_signals() -> None:
    """Handle SIGINT and SIGTERM in this process from now on (the commands, not the reader)."""
    if threading.current_thread() is not threading.main_thread():
        return  # only the main thread may set handlers (a command run from a test's thread)
    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    if not getattr(sys.unraisablehook, "quiet_about_stops", False):
        sys.unraisablehook = _quiet_about_stops(sys.unraisablehook)


def check() -> None:
    """Raise the stop a signal asked for, if one was received and possibly swallowed."""
    if _received:
        _raise(_received[0])


def _stop(signum: int, frame: FrameType | None) -> None:
    _received.append(signum)
    from newsreader.index.ingest.childproc import in_fork  # loaded by now in a run that forks

    if not in_fork():
        _raise(signum)


def _raise(signum: int) -> None:
    raise Terminated if signum == signal.SIGTERM else KeyboardInterrupt


def _quiet_about_stops(report: Callable[[UnraisableHookArgs], object]) -> Callable[..., None]:
    """The hook Python reports dropped exceptions with, silent for a remembered stop."""

    def hook(unraisable: UnraisableHookArgs) -> None:
        if isinstance(unraisable.exc_value, KeyboardInterrupt) and _received:
            return
        report(unraisable)

    hook.quiet_about_stops = True  # type: ignore[attr-defined]
    return hook
