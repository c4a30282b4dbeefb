"""A full disk and a read-only filesystem, for real (a small tmpfs, a read-only mount).

Each is one clear line naming the library, nothing is left half-written, and reading goes on.
Mounting needs root: without it these tests are skipped, saying so.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from process_helpers import write_feed
from test_cli import json_lines, run

pytestmark = pytest.mark.slow  # newsreader processes on full, read-only and failing disks

LEFTOVER = re.compile(r".*\.tmp|.*\.toc\..*|SEALS\.json\..*|.*\.(pst|trm|col|fvz|dci|dcz)")


def _mount(*args: str) -> None:
    done = subprocess.run(["mount", *args], capture_output=True, text=True)
    if done.returncode:
        pytest.skip(f"cannot mount ({done.stderr.strip()}): needs root in a mount namespace")


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    disk = tmp_path / "disk"
    disk.mkdir()
    _mount("-t", "tmpfs", "-o", "size=6m", "tmpfs", str(disk))
    yield disk
    subprocess.run(["umount", "-l", str(disk)], check=False)


def _leftovers(library: Path) -> list[str]:
    """Temporary files of a write that did not finish (segments are compound once done)."""
    return [str(p) for p in (library / "index").rglob("*") if LEFTOVER.fullmatch(p.name)]


def test_a_full_disk_is_one_line_and_reading_goes_on(
    small_disk: Path, tmp_path: Path, seeds_dir: Path
) -> None:
    library = small_disk / "lib"
    assert run("index", str(seeds_dir), "--no-analysis", library=library).returncode == 0
    feed = tmp_path / "feed.jsonl"
    write_feed(feed, seeds_dir, 3000)  # more than the disk holds, in record and index together
    done = run("index", str(feed), "--no-analysis", library=library)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    said = [line for line in done.stderr.splitlines() if not line.startswith("indexing")]
    assert said[-1].startswith(f"newsreader: no space left on device writing {library}")
    assert _leftovers(library) == []

    for _ in range(2):  # every later command: reads work, and each failed catch-up tidies up
        found = run("search", "korean", "--json", library=library)
        assert found.returncode == 0, found.stderr
        assert len(json_lines(found.stdout)) == 2
        assert "Traceback" not in found.stderr
        assert _leftovers(library) == []
    hit = json_lines(found.stdout)[0]
    assert run("show", hit["id"], library=library).returncode == 0

    _mount("-o", "remount,size=64m", str(small_disk))  # space again: what was kept is indexed
    found = run("search", "dispatch", "--json", "--limit", "5000", library=library)
    stored = run("search", "--json", "--limit", "5000", library=library)
    assert len(json_lines(found.stdout)) == len(json_lines(stored.stdout)) - 2


@pytest.fixture
def read_only_library(tmp_path: Path, seeds_dir: Path) -> Iterator[Path]:
    """A library as a read-only mount shows it: closed cleanly, so no -wal or -shm beside it."""
    source = tmp_path / "source"
    assert run("index", str(seeds_dir), "--no-analysis", library=source / "lib").returncode == 0
    view = tmp_path / "view"
    view.mkdir()
    _mount("--bind", str(source), str(view))
    try:
        _mount("-o", "remount,bind,ro", str(view))
        yield view / "lib"
    finally:
        subprocess.run(["umount", "-l", str(view)], check=False)


def test_a_read_only_library_is_browsed_and_searched(read_only_library: Path) -> None:
    library = read_only_library
    assert not list(library.glob("library.db-*"))
    for words, count in (((), 2), (("korean",), 2), (("ultimatums",), 1)):
        done = run("search", *words, "--json", library=library)
        assert done.returncode == 0, done.stderr
        assert len(json_lines(done.stdout)) == count
        assert done.stderr.strip() == (
            f"newsreader: {library} is on a read-only filesystem: opened read-only,"
            " so indexing and triage are off"
        )
    assert run("stats", library=library).returncode == 0


def test_writing_to_a_read_only_library_is_one_line(
    read_only_library: Path, seeds_dir: Path, tmp_path: Path
) -> None:
    (tmp_path / "new.md").write_text("# A new article\n\nAbout a harbour.\n", encoding="utf-8")
    done = run("index", str(tmp_path / "new.md"), library=read_only_library)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert (
        done.stderr.strip()
        .splitlines()[-1]
        .startswith(f"newsreader: {read_only_library / 'library.db'}: library is read-only")
    )
