"""Output that cannot be written: one line on stderr and exit 1, never a traceback.

A command's standard output may be a full disk (`> /dev/full`), closed (`>&-`), or a pipe whose
reader left (`| head`). `guarded_stdout` puts a thin wrapper around `sys.stdout` for the run: a
write or flush that fails raises `OutputFailed`, which `main` turns into
`newsreader: cannot write the output: REASON` (exit 1), or, for a reader that left, into
silence, as other command-line tools do. A closed standard output is held open on /dev/null, so
no file the run opens (the record, index segments) takes its descriptor and receives output.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

EXIT_UNWRITABLE = 1


class OutputFailed(Exception):
    """Writing the standard output failed with ``error``."""

    def __init__(self, error: OSError) -> None:
        super().__init__(str(error))
        self.error = error


class _Guarded:
    """A text stream whose write and flush failures are OutputFailed; the rest is the stream's.
    ``closed_at_start``: descriptor 1 was closed when Python started (``stream`` is then
    /dev/null, held there), so every write fails as writing to a closed descriptor does."""

    def __init__(self, stream: TextIO, *, closed_at_start: bool = False) -> None:
        self._stream = stream
        self._closed_at_start = closed_at_start

    def write(self, text: str) -> int:
        try:
            self._check()
            return self._stream.write(text)
        except OSError as error:
            raise OutputFailed(error) from None

    def flush(self) -> None:
        if self._closed_at_start:
            return  # every write failed: there is nothing to flush, and no failure to report
        try:
            self._stream.flush()
        except OSError as error:
            raise OutputFailed(error) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)

    def _check(self) -> None:
        if self._closed_at_start:
            raise OSError(errno.EBADF, "the standard output is closed")


@contextmanager
def guarded_stdout() -> Iterator[None]:
    """`sys.stdout` wrapped for the run (see the module's docstring), restored after it."""
    original = sys.stdout
    if original is None:  # Python found descriptor 1 closed when it started
        held = _hold_descriptor(1)
        sys.stdout = _Guarded(held, closed_at_start=True)  # type: ignore[assignment]
    else:
        sys.stdout = _Guarded(original)  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout = original


def flush_stdout() -> None:
    """Flush what the run wrote, inside the guard: a failure here is the run's to report."""
    if sys.stdout is not None:
        sys.stdout.flush()


def unwritable(failed: OutputFailed) -> int:
    """Say why the output could not be written (nothing for a reader that left); the status."""
    _discard_stdout()
    if isinstance(failed.error, BrokenPipeError):
        return 0  # `newsreader search x | head`: the reader had what it wanted
    reason = failed.error.strerror or str(failed.error)
    sys.stderr.write(f"newsreader: cannot write the output: {reason}\n")
    sys.stderr.flush()
    return EXIT_UNWRITABLE


def _discard_stdout() -> None:
    """Point descriptor 1 at /dev/null: Python's last flush, at exit, of what is still buffered
    then succeeds instead of printing 'Exception ignored'."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
    finally:
        os.close(devnull)


def _hold_descriptor(fd: int) -> TextIO:
    """/dev/null opened on the closed descriptor ``fd``, so that no file opened later is given it
    (output meant for the terminal would land in the record or the index)."""
    held = os.open(os.devnull, os.O_WRONLY)
    if held != fd:
        os.dup2(held, fd)
        os.close(held)
    return open(fd, "w", encoding="utf-8", closefd=False)
