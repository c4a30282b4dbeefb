"""Killing an indexing process at any point leaves a library that opens and searches."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from newsreader.index.library import Library

NEWSREADER = Path(sys.executable).with_name("newsreader")


def _feed(path: Path, seeds_dir: Path, count: int) -> None:
    """Many distinct articles built from the seed paragraphs."""
    paragraphs = [
        p.strip()
        for seed in sorted(seeds_dir.glob("*.txt"))
        for p in seed.read_text("utf-8").split("\n")
        if len(p.strip()) > 80
    ]
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            text = "\n\n".join(paragraphs[(n + k) % len(paragraphs)] for k in range(4))
            record = {"id": f"a{n}", "title": f"Dispatch number {n}", "text": text}
            out.write(json.dumps(record) + "\n")


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def _processes_reading(feed: Path) -> list[int]:
    """Pids of live processes whose command line names the feed (the run and its forks)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes()
                state = (entry / "stat").read_text().split()[2]
            except OSError:
                continue
            if str(feed).encode() in cmdline and state != "Z":
                found.append(int(entry.name))
    return found


def test_kill_mid_run_then_open_and_search(tmp_path: Path, seeds_dir: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    _feed(feed, seeds_dir, 6000)
    library = tmp_path / "lib"
    env = {**os.environ, "NEWSREADER_LIBRARY": str(library)}
    proc = subprocess.Popen(
        [str(NEWSREADER), "index", str(feed), "--no-analysis"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    # Kill while the first batch is committed to SQLite and being written by the index's
    # sub-writer processes: the worst moment.
    while (
        _stored(library / "library.db") == 0 or len(_processes_reading(feed)) < 2
    ) and time.monotonic() < deadline:
        assert proc.poll() is None, "indexing finished before it could be interrupted"
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    # Its index sub-writers must not outlive it: they hold the index's write lock.
    deadline = time.monotonic() + 10
    while _processes_reading(feed) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _processes_reading(feed), "indexing processes outlived the killed run"
    with Library.open(library) as lib:
        stored = lib.store.count()
        assert 0 < stored < 6000
        assert lib.search("dispatch").total == stored
    # A second run completes the job, with the killed writer's lock left behind.
    done = subprocess.run(
        [str(NEWSREADER), "index", str(feed), "--no-analysis"], env=env, capture_output=True
    )
    assert done.returncode == 0, done.stderr
    with Library.open(library) as lib:
        assert lib.search("dispatch").total == 6000
