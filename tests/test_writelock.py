"""One writer per library: a second `index` waits for the first (or refuses with --no-wait)."""

from __future__ import annotations

import fcntl
import os
import subprocess
from pathlib import Path

import pytest
from process_helpers import start, stored, wait_until, write_feed

from newsreader.index.folder.writelock import LOCK_NAME, WriteLock
from newsreader.index.library import Library

pytestmark = pytest.mark.slow  # concurrent index runs in newsreader processes


def _held_by_another(library: Path) -> bool:
    path = library / LOCK_NAME
    if not path.exists():
        return False
    fd = os.open(path, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


def test_no_wait_refuses_in_one_line_and_commits_nothing(tmp_path: Path, seeds_dir: Path) -> None:
    library = tmp_path / "lib"
    Library.open(library).close()
    with WriteLock(library).held("state import"):
        done = start("index", str(seeds_dir), "--no-analysis", "--no-wait", library=library)
        _, err = done.communicate(timeout=120)
    assert done.returncode == 1
    assert err == (
        f"newsreader: another newsreader state import (pid {os.getpid()}) is writing this "
        "library; try again when it has finished\n"
    )
    assert stored(library / "library.db") == 0


def test_index_waits_for_the_writer_and_says_whom(tmp_path: Path, seeds_dir: Path) -> None:
    library = tmp_path / "lib"
    Library.open(library).close()
    lock = WriteLock(library)
    with lock.held("reindex"):
        waiting = start("index", str(seeds_dir), "--no-analysis", library=library)
        wait_until(
            lambda: (library / "library.db").exists() and waiting.poll() is None,
            60, "the second run started",
        )  # fmt: skip
        # It says so at once, and commits nothing while the writer holds the lock.
        expected = f"waiting for another newsreader reindex (pid {os.getpid()}) to finish"
        assert waiting.stderr.readline() == f"newsreader: {expected}\n"
        assert stored(library / "library.db") == 0
    _, err = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, err
    assert "Traceback" not in err
    assert stored(library / "library.db") == 2


def test_two_concurrent_index_runs_both_complete(tmp_path: Path, seeds_dir: Path) -> None:
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    write_feed(first, seeds_dir, 3000, prefix="a")
    write_feed(second, seeds_dir, 200, prefix="b")
    library = tmp_path / "lib"
    one = start("index", str(first), "--no-analysis", library=library)
    wait_until(lambda: _held_by_another(library) or one.poll() is not None, 120, "the first run")
    two = start("index", str(second), "--no-analysis", library=library)
    results = [p.communicate(timeout=300) for p in (one, two)]
    for proc, (_, err) in zip((one, two), results, strict=True):
        assert proc.returncode == 0, err
        assert "Traceback" not in err
    assert "waiting for another newsreader index" in results[1][1]
    with Library.open(library) as lib:
        assert lib.count() == 3200
        assert lib.search("dispatch").total == 3200


def test_readers_are_not_blocked_by_a_writer(tmp_path: Path, seeds_dir: Path) -> None:
    library = tmp_path / "lib"
    seeded = start("index", str(seeds_dir), "--no-analysis", library=library)
    assert seeded.wait(timeout=120) == 0
    with WriteLock(library).held("index"):
        search = subprocess.run(
            [str(Path(seeded.args[0])), "search", "zelensky", "--json"],
            env={**os.environ, "NEWSREADER_LIBRARY": str(library)},
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
    assert search.returncode == 0, search.stderr
    assert search.stdout.count("\n") == 2


def test_remove_waits_for_the_writer_too(tmp_path: Path, seeds_dir: Path) -> None:
    library = tmp_path / "lib"
    assert start("index", str(seeds_dir), "--no-analysis", library=library).wait(120) == 0
    with WriteLock(library).held("index"):
        remove = start("remove", "zelensky", "--yes", library=library)
        expected = (
            f"newsreader: waiting for another newsreader index (pid {os.getpid()}) to finish\n"
        )
        assert remove.stderr.readline() == expected
        assert stored(library / "library.db") == 2
    _, err = remove.communicate(timeout=120)
    assert remove.returncode == 0, err
    assert stored(library / "library.db") == 0
