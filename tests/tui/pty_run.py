"""Run the installed `newsreader` on a pseudo-terminal and keep every byte it writes.

For what only the terminal sees: the escape sequences the app sends (mouse modes, colours) and
whether anything from the data reaches the terminal raw. The app runs as a user would start it.
"""

from __future__ import annotations

import fcntl
import os
import re
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path

NEWSREADER = Path(sys.executable).with_name("newsreader")
TIMEOUT = 90.0  # generous: under `pytest -n 2` the whole suite competes for the CPU
# What a terminal shows, roughly: escape sequences removed, so waiting can look for words.
_SEQUENCE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b.")


class PtyApp:
    """The reader on a pty of `size` (columns, rows); `output` is everything it wrote so far."""

    def __init__(
        self, args: list[str], env: Mapping[str, str], size: tuple[int, int] = (120, 40)
    ) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        self._master = master
        self._buffer = bytearray()
        self._lock = threading.Lock()
        self.process = subprocess.Popen(
            [str(NEWSREADER), *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env={"PATH": os.environ.get("PATH", ""), "TERM": "xterm-256color", **env},
            start_new_session=True,
        )
        os.close(slave)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self._master, 65536)
            except OSError:
                return
            if not chunk:
                return
            with self._lock:
                self._buffer.extend(chunk)

    @property
    def output(self) -> str:
        """Every byte written so far, decoded (invalid UTF-8 shown as U+FFFD)."""
        with self._lock:
            return self._buffer.decode("utf-8", errors="replace")

    @property
    def text(self) -> str:
        """The output without its escape sequences: the words drawn, in drawing order."""
        return _SEQUENCE.sub("", self.output)

    def wait_for(self, condition: Callable[[PtyApp], bool], timeout: float = TIMEOUT) -> None:
        """Poll until condition holds; fail with the tail of the drawn text otherwise."""
        deadline = time.monotonic() + timeout
        while not condition(self):
            if self.process.poll() is not None:
                raise AssertionError(f"the app exited ({self.process.returncode}): {self.tail()}")
            if time.monotonic() > deadline:
                raise AssertionError("never matched; last text drawn:\n" + self.tail())
            time.sleep(0.05)

    def tail(self) -> str:
        return self.text[-3000:]

    def mark(self) -> int:
        """A position in the output, to wait for what is drawn after it."""
        with self._lock:
            return len(self._buffer)

    def since(self, position: int) -> str:
        """The drawn text written after a mark."""
        with self._lock:
            data = bytes(self._buffer[position:])
        return _SEQUENCE.sub("", data.decode("utf-8", errors="replace"))

    def send(self, keys: str) -> None:
        """Type keys as the terminal would send them."""
        os.write(self._master, keys.encode("utf-8"))

    def quit(self, timeout: float = TIMEOUT) -> int:
        """Press ctrl+c (Quit wherever focus is) and wait for the app to end; its exit code."""
        self.send("\x03")
        return self.process.wait(timeout=timeout)

    def close(self) -> None:
        """Make sure the app is gone and the pty closed."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=30)
        os.close(self._master)
        self._reader.join(timeout=5)
