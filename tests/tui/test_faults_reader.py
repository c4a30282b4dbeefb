"""The reader on a full disk (a small tmpfs, for real): a triage key says so in one notice and
the reader stays up. Mounting needs root: without it the test is skipped, saying so."""

from __future__ import annotations

import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from tui_helpers import NOW, results, wait_for

from newsreader.tui.app import NewsReaderApp

pytestmark = pytest.mark.anyio


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    disk = tmp_path / "disk"
    disk.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(disk)],
        capture_output=True, text=True,
    )  # fmt: skip
    if done.returncode:
        pytest.skip(f"cannot mount a tmpfs ({done.stderr.strip()}): needs root")
    yield disk
    subprocess.run(["umount", "-l", str(disk)], check=False)


def _fill(disk: Path) -> None:
    """Take every free block of the disk."""
    with (disk / "filler").open("wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0" * 4096)
        except OSError:
            pass


async def test_starring_on_a_full_disk_is_one_notice(full_disk: Path) -> None:
    from newsreader.index.library import Library

    seeds = Path(__file__).resolve().parents[2] / "seeds"
    library = Library.open(full_disk / "lib")
    library.ingest([seeds], analyze=False)
    log = sqlite3.connect(full_disk / "lib" / "library.db")
    log.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # no room left in the log
    log.close()
    _fill(full_disk)
    app = NewsReaderApp(library, query="korean", now=NOW)
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_for(pilot, lambda: app.screen.status.total == 2)
        results(app).focus()
        first = results(app).current.id
        for _ in range(40):  # each star is a write; the first ones may still find a free page
            await pilot.press("s")
            await app.workers.wait_for_complete()
            if any("no space left" in n.message for n in app._notifications):
                break
        messages = [n.message for n in app._notifications]
        assert any(m.startswith("no space left on device writing") for m in messages), messages
        assert app.is_running
        assert library.states([first])[first].starred == results(app).states[first].starred
    library.close()


@pytest.fixture
def read_only_library(tmp_path: Path) -> Iterator[Path]:
    from newsreader.index.library import Library

    seeds = Path(__file__).resolve().parents[2] / "seeds"
    source = tmp_path / "source"
    with Library.open(source / "lib") as library:
        library.ingest([seeds], analyze=False)
    view = tmp_path / "view"
    view.mkdir()
    for args in (["--bind", str(source), str(view)], ["-o", "remount,bind,ro", str(view)]):
        done = subprocess.run(["mount", *args], capture_output=True, text=True)
        if done.returncode:
            subprocess.run(["umount", "-l", str(view)], check=False)
            pytest.skip(f"cannot mount read-only ({done.stderr.strip()}): needs root")
    yield view / "lib"
    subprocess.run(["umount", "-l", str(view)], check=False)


async def test_a_triage_key_on_a_read_only_library_says_so(read_only_library: Path) -> None:
    from newsreader.index.library import Library

    library = Library.open(read_only_library, defer_index=True)
    assert any("opened read-only" in notice for notice in library.notices)
    app = NewsReaderApp(library, query="", now=NOW)
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_for(pilot, lambda: app.screen.status.total == 2)
        results(app).focus()
        await pilot.press("s")
        await app.workers.wait_for_complete()
        await wait_for(
            pilot, lambda: any("library is read-only" in n.message for n in app._notifications)
        )
        assert any("opened read-only" in n.message for n in app._notifications)
        assert app.is_running
    library.close()
