"""Running `newsreader` as a user does, in a child process, and watching what it leaves behind."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

NEWSREADER = Path(sys.executable).with_name("newsreader")


def write_feed(path: Path, seeds_dir: Path, count: int, prefix: str = "a") -> None:
    """Many distinct articles built from the seed paragraphs, as JSON Lines."""
    paragraphs = [
        p.strip()
        for seed in sorted(seeds_dir.glob("*.txt"))
        for p in seed.read_text("utf-8").split("\n")
        if len(p.strip()) > 80
    ]
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            text = "\n\n".join(paragraphs[(n + k) % len(paragraphs)] for k in range(4))
            record = {"id": f"{prefix}{n}", "title": f"Dispatch number {prefix}{n}", "text": text}
            out.write(json.dumps(record) + "\n")


def library_env(library: Path) -> dict[str, str]:
    return {**os.environ, "NEWSREADER_LIBRARY": str(library), "NO_COLOR": "1", "COLUMNS": "120"}


def start(*args: str, library: Path, **popen: object) -> subprocess.Popen:
    """`newsreader ARGS` in its own process group (as a shell runs a foreground job)."""
    return subprocess.Popen(
        [str(NEWSREADER), *args],
        env=library_env(library),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        **popen,  # type: ignore[arg-type]
    )


def stored(db: Path) -> int:
    """Articles committed to a library record, 0 while it does not exist yet."""
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def processes_reading(feed: Path) -> list[int]:
    """Pids of live processes whose command line names the feed (the run and its forks)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes()
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            except (OSError, IndexError):
                continue
            if str(feed).encode() in cmdline and state != "Z":
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    """Whether a process exists and is not a zombie."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def wait_until(condition: Callable[[], bool], timeout: float, what: str) -> None:
    """Poll until the condition holds; fail naming what never happened (generous timeouts)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting: {what}"
        time.sleep(0.05)
