"""Interrupting or killing an indexing run: one line, nothing committed lost, no process left."""

from __future__ import annotations

import os
import re
import signal
import subprocess
from pathlib import Path

import pytest
from process_helpers import (
    NEWSREADER,
    alive,
    library_env,
    processes_reading,
    start,
    stored,
    wait_until,
    write_feed,
)

from newsreader.index.library import Library

pytestmark = pytest.mark.slow  # runs stopped by signals, some with spaCy workers

PROGRESS_LINE = re.compile(
    r"^(loading the analysis model|reading|analysing|writing the index|merging)(: |$)"
)


def _messages(stderr: str) -> list[str]:
    """stderr without the plain progress lines a run prints when it is not on a terminal."""
    return [line for line in stderr.splitlines() if not PROGRESS_LINE.match(line)]


def _wait_for_workers(proc: subprocess.Popen, feed: Path, library: Path, count: int) -> None:
    """Until the run has committed a batch and runs ``count`` child processes beside itself."""
    wait_until(
        lambda: proc.poll() is not None
        or (stored(library / "library.db") > 0 and len(processes_reading(feed)) > count),
        300, "a committed batch and the run's child processes",
    )  # fmt: skip
    assert proc.poll() is None, "indexing finished before it could be interrupted"


def _assert_no_process_left(feed: Path) -> None:
    wait_until(lambda: not processes_reading(feed), 60, "the run's child processes to end")


def _complete_run(feed: Path, library: Path, expected: int, *extra: str) -> None:
    done = subprocess.run(
        [str(NEWSREADER), "index", str(feed), *extra],
        env=library_env(library), capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    with Library.open(library) as lib:
        assert lib.count() == expected
        assert lib.search("dispatch").total == expected


def test_kill_mid_run_then_open_and_search(tmp_path: Path, seeds_dir: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    write_feed(feed, seeds_dir, 6000)
    library = tmp_path / "lib"
    proc = start("index", str(feed), "--no-analysis", library=library)
    # Kill while the first batch is committed to SQLite and being written by the index's
    # sub-writer processes: the worst moment.
    _wait_for_workers(proc, feed, library, 1)
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    # Its index sub-writers must not outlive it: they hold the index's write lock.
    _assert_no_process_left(feed)
    with Library.open(library) as lib:
        stored_now = lib.count()
        assert 0 < stored_now < 6000
        assert lib.search("dispatch").total == stored_now
    # A second run completes the job, with the killed writer's locks left behind.
    _complete_run(feed, library, 6000, "--no-analysis")


@pytest.mark.parametrize(
    ("sig", "line", "status"),
    [
        (signal.SIGINT, "newsreader: interrupted", 130),
        (signal.SIGTERM, "newsreader: terminated", 143),
    ],
)
def test_ctrl_c_or_sigterm_is_one_line_and_keeps_what_was_committed(
    tmp_path: Path, seeds_dir: Path, sig: signal.Signals, line: str, status: int
) -> None:
    feed = tmp_path / "feed.jsonl"
    write_feed(feed, seeds_dir, 6000)
    library = tmp_path / "lib"
    proc = start("index", str(feed), "--no-analysis", library=library)
    _wait_for_workers(proc, feed, library, 1)
    # A terminal sends Ctrl-C to the whole foreground process group; kill(1) and service
    # managers send SIGTERM to the process.
    if sig == signal.SIGINT:
        os.killpg(proc.pid, sig)
    else:
        proc.send_signal(sig)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == status, err
    assert _messages(err) == [line]
    _assert_no_process_left(feed)
    assert stored(library / "library.db") > 0
    _complete_run(feed, library, 6000, "--no-analysis")


@pytest.fixture
def analysed_feed(tmp_path: Path, seeds_dir: Path, nlp) -> Path:
    """A feed large enough that the run analyses it in two worker processes."""
    feed = tmp_path / "feed.jsonl"
    write_feed(feed, seeds_dir, 400)
    assert feed.stat().st_size > 256 * 1024
    return feed


def _analysis_workers(proc: subprocess.Popen, feed: Path) -> list[int]:
    return [pid for pid in processes_reading(feed) if pid != proc.pid]


def _analysis_run_with_workers(library: Path, feed: Path) -> subprocess.Popen:
    """An `index` run with analysis, once its two spaCy workers are up (or it has ended)."""
    proc = start("index", str(feed), library=library)
    wait_until(
        lambda: proc.poll() is not None or len(_analysis_workers(proc, feed)) >= 2,
        300, "two analysis workers",
    )  # fmt: skip
    return proc


def test_kill_9_of_an_analysis_run_takes_its_spacy_workers(
    tmp_path: Path, analysed_feed: Path
) -> None:
    proc = _analysis_run_with_workers(tmp_path / "lib", analysed_feed)
    assert proc.poll() is None, "the run finished before it could be killed"
    workers = _analysis_workers(proc, analysed_feed)
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    wait_until(lambda: not any(alive(pid) for pid in workers), 60, f"workers {workers} to die")


def test_ctrl_c_of_an_analysis_run_is_one_line(tmp_path: Path, analysed_feed: Path) -> None:
    proc = _analysis_run_with_workers(tmp_path / "lib", analysed_feed)
    assert proc.poll() is None, "the run finished before it could be interrupted"
    workers = _analysis_workers(proc, analysed_feed)
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130
    assert _messages(err) == ["newsreader: interrupted"]
    wait_until(lambda: not any(alive(pid) for pid in workers), 60, f"workers {workers} to end")
