"""The gate every library call passes, so closing the library waits for the calls in flight.

SQLite's connection must never be closed while another thread runs a statement on it: the
process crashes (a segmentation fault, seen when the reader quit while its search thread was
still fetching a page). Closing shuts the gate and waits for the calls already inside; a call
that comes later gets `LibraryError`, which the reader and the command line show as one line.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from .faults import LibraryError


class CallGate:
    """Counts the calls in flight; `close` shuts the gate and waits until none is left."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._inside = 0
        self._closed = False

    @contextmanager
    def entered(self) -> Iterator[None]:
        """Hold the gate open for one call; LibraryError once the library is closed."""
        with self._changed:
            if self._closed:
                raise LibraryError("the library is closed")
            self._inside += 1
        try:
            yield
        finally:
            with self._changed:
                self._inside -= 1
                self._changed.notify_all()

    def close(self) -> bool:
        """Shut the gate and wait for the calls inside; False if it was already shut."""
        with self._changed:
            if self._closed:
                return False
            self._closed = True
            self._changed.wait_for(lambda: self._inside == 0)
            return True
