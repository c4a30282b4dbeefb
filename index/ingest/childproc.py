"""The child processes of an indexing run live and die with it.

An `index` run forks two kinds of helpers: Whoosh's sub-writers (`bulkwriter.py`) and the spaCy
workers (`analysis/pipeline.py`). Both call `become_child` first thing, which gives them the
same two rules:

- They die with the run. Linux kills them when their parent goes (``prctl(PR_SET_PDEATHSIG)``),
  so a run killed with SIGKILL leaves nothing behind: a sub-writer would otherwise wait on its
  job queue for ever holding the index's write lock (and the library's, inherited), a spaCy worker
  would hold ~280 MB for ever. Elsewhere this rule is not available and is skipped.
- They ignore Ctrl-C. A terminal sends SIGINT to the whole foreground process group; the run
  alone decides what to do with it (stop, keep what is committed, say one line) and ends its
  children (SIGKILL), so no child prints a KeyboardInterrupt traceback over its output.

The run marks where it forks them (`forking`): Python runs hooks around a fork in which an
exception raised by a signal handler is dropped and printed ("Exception ignored in ..."), so a
handler that stops the run by raising should only note the signal there (`in_fork`), and raise
it at its next safe point.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager

PR_SET_PDEATHSIG = 1
_forks_in_progress = [0]


@contextmanager
def forking() -> Iterator[None]:
    """Mark a block that forks child processes (see the module docstring)."""
    _forks_in_progress[0] += 1
    try:
        yield
    finally:
        _forks_in_progress[0] -= 1


def in_fork() -> bool:
    """Whether this process is inside a `forking` block now."""
    return _forks_in_progress[0] > 0


def become_child(parent: int) -> None:
    """Set up a helper process of the run whose pid is ``parent`` (see the module docstring)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent's handler is inherited by fork
    die_with_parent(parent)


def die_with_parent(parent: int) -> None:
    """Make the kernel kill this process when its parent goes; exit now if it already has."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)
