"""One writer at a time per library: the lock every command that changes the library takes.

`index`, `reindex`, `remove`, `state import` (and a future `fetch`) hold it for their whole run,
before they commit anything, so two of them never interleave batches in the record and the
search index. It is ``fcntl.flock`` on ``write.lock`` in the library folder: the kernel drops it
when the holding process dies (kill -9 included), so a killed run never leaves the library
locked. Readers (the reader, `search`) never take it and are never blocked by it.

The holder writes "PID PURPOSE" into the file so a waiting command can say whom it waits for.
The lock is re-entrant within one process and shared by its threads one at a time.
"""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

LOCK_NAME = "write.lock"


@dataclass(frozen=True, slots=True)
class Holder:
    """Who holds the lock, as the holder wrote it; either may be unknown for a moment."""

    pid: int | None
    purpose: str

    def describe(self) -> str:
        """`newsreader index (pid 123)`, or as much of it as is known."""
        name = f"newsreader {self.purpose}" if self.purpose else "newsreader process"
        return f"{name} (pid {self.pid})" if self.pid else name


class LockBusy(Exception):
    """Another process holds the write lock and the caller chose not to wait."""

    def __init__(self, holder: Holder) -> None:
        super().__init__(f"another {holder.describe()} is writing this library")
        self.holder = holder


WaitNotice = Callable[[Holder], None]
"""Called once, before blocking, when another process holds the lock."""


class WriteLock:
    """The write lock of one library folder."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / LOCK_NAME
        self._fd: int | None = None
        self._depth = 0
        self._guard = threading.RLock()

    @contextmanager
    def held(
        self, purpose: str, *, wait: bool = True, on_wait: WaitNotice | None = None
    ) -> Iterator[None]:
        """Hold the lock for the block; wait for another holder, or raise LockBusy."""
        with self._guard:
            if self._depth == 0:
                self._acquire(purpose, wait, on_wait)
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                if self._depth == 0:
                    self._release()

    @contextmanager
    def held_if_free(self, purpose: str) -> Iterator[bool]:
        """Hold the lock for the block if nobody else does; yields whether it is held."""
        if not self._guard.acquire(blocking=False):
            yield False
            return
        try:
            if self._depth == 0 and not self._try_acquire(purpose):
                yield False
                return
            self._depth += 1
            try:
                yield True
            finally:
                self._depth -= 1
                if self._depth == 0:
                    self._release()
        finally:
            self._guard.release()

    def holder(self) -> Holder:
        """Who the lock file says holds the lock (meaningful only while it is held)."""
        try:
            text = self.path.read_text("utf-8", errors="replace")
        except OSError:
            return Holder(None, "")
        pid, _, purpose = text.strip().partition(" ")
        return Holder(int(pid) if pid.isdigit() else None, purpose)

    def _acquire(self, purpose: str, wait: bool, on_wait: WaitNotice | None) -> None:
        if self._try_acquire(purpose):
            return
        if not wait:
            raise LockBusy(self.holder())
        if on_wait:
            on_wait(self.holder())
        fd = self._open()
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)  # a signal (Ctrl-C) interrupts the wait
        except BaseException:
            os.close(fd)
            raise
        self._claim(fd, purpose)

    def _try_acquire(self, purpose: str) -> bool:
        fd = self._open()
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        self._claim(fd, purpose)
        return True

    def _open(self) -> int:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        os.fchmod(fd, 0o600)
        return fd

    def _claim(self, fd: int, purpose: str) -> None:
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()} {purpose}\n".encode(), 0)
        self._fd = fd

    def _release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        # The pid is left in the file: it is only read while someone holds the lock, who
        # has rewritten it by then.
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
