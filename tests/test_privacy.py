"""Everything the library writes is private to the user (0600 files, 0700 folders), whatever
the umask, while a run writes it, after a kill, and for a folder that existed before."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import time
from pathlib import Path

import pytest
from process_helpers import write_feed
from test_cli import NEWSREADER, run

pytestmark = pytest.mark.slow  # newsreader runs killed mid-way


def _modes(folder: Path) -> dict[Path, int]:
    found = {}
    for path in [folder, *folder.rglob("*")]:
        try:
            found[path] = stat.S_IMODE(path.lstat().st_mode)
        except FileNotFoundError:  # a writer's temporary file, gone between listing and stat
            continue
    return found


def _not_private(modes: dict[Path, int]) -> list[str]:
    return [f"{p} {m:o}" for p, m in modes.items() if m & 0o077]


@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_index_files_are_private_during_a_run_and_after_a_kill(
    tmp_path: Path, seeds_dir: Path, umask: int
) -> None:
    feed = tmp_path / "feed.jsonl"
    write_feed(feed, seeds_dir, 3000)  # one commit of 3000: the multi-process writer runs
    library = tmp_path / "lib"
    env = {**os.environ, "NEWSREADER_LIBRARY": str(library)}
    indexing = subprocess.Popen(
        [str(NEWSREADER), "index", str(feed), "--no-analysis"],
        env=env, stderr=subprocess.DEVNULL, preexec_fn=lambda: os.umask(umask),
    )  # fmt: skip
    seen: dict[Path, int] = {}
    try:
        while indexing.poll() is None and not any((library / "index").rglob("*.tmp")):
            seen |= _modes(library) if library.exists() else {}
            time.sleep(0.002)
        for _ in range(50):  # the writer processes' files, as they are being written
            seen |= _modes(library)
            time.sleep(0.01)
    finally:
        indexing.send_signal(signal.SIGKILL)
        indexing.wait()
    seen |= _modes(library)
    assert any(p.suffix == ".seg" or p.name.endswith(".tmp") for p in seen), "caught too late"
    assert _not_private(seen) == []
    done = run("search", "dispatch", library=library)  # the next run tidies up after the kill
    assert done.returncode == 0
    assert _not_private(_modes(library)) == []


def test_an_existing_library_folder_is_made_private(tmp_path: Path, seeds_dir: Path) -> None:
    library = tmp_path / "lib"
    library.mkdir(mode=0o755)
    os.chmod(library, 0o755)
    done = run("index", str(seeds_dir), "--no-analysis", library=library)
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(library.stat().st_mode) == 0o700
    assert _not_private(_modes(library)) == []
