"""Output that cannot be written: a full disk (`> /dev/full`) or a closed standard output is
one line, `newsreader: cannot write the output: REASON`, exit 1; a pipe whose reader left
(`| head`) is silent, as other command-line tools are. Never a traceback.

Through the installed entry point, on the bundled seeds (text only)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from cli_helpers import NEWSREADER, SEEDS, run

pytestmark = pytest.mark.slow  # newsreader processes

FULL = "newsreader: cannot write the output: No space left on device\n"
CLOSED = "newsreader: cannot write the output: the standard output is closed\n"
WRITERS = [
    ("search", "zelensky"),
    ("search", "zelensky", "--json"),
    ("stats",),
    ("feed", "export"),
    ("state", "export", "-"),
    ("completion", "bash"),
    ("--version",),
    ("search", "--help"),
]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    library = tmp_path_factory.mktemp("output") / "library"
    done = run("index", str(SEEDS), "--no-analysis", library=library)
    assert done.returncode == 0, done.stderr
    return library


def newsreader(library: Path, *args: str, **options) -> subprocess.CompletedProcess:
    env = {**os.environ, "NEWSREADER_LIBRARY": str(library), "NO_COLOR": "1"}
    return subprocess.run([str(NEWSREADER), *args], stderr=subprocess.PIPE, text=True, env=env,
                          timeout=300, **options)  # fmt: skip


@pytest.mark.parametrize("args", WRITERS, ids=" ".join)
def test_a_full_disk_is_one_line(seeded: Path, args: tuple[str, ...]) -> None:
    with open("/dev/full", "w") as full:
        done = newsreader(seeded, *args, stdout=full)
    assert (done.returncode, done.stderr) == (1, FULL)


@pytest.mark.parametrize("args", WRITERS[:3], ids=" ".join)
def test_a_closed_standard_output_is_one_line(seeded: Path, args: tuple[str, ...]) -> None:
    done = newsreader(seeded, *args, stdout=subprocess.DEVNULL, preexec_fn=lambda: os.close(1))
    assert (done.returncode, done.stderr) == (1, CLOSED)


def test_a_command_that_prints_nothing_runs_with_its_output_closed(seeded: Path) -> None:
    done = newsreader(seeded, "index", str(SEEDS), "--no-analysis", stdout=subprocess.DEVNULL,
                      preexec_fn=lambda: os.close(1))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[-1].endswith("2 unchanged, 0 removed, 0 duplicates, "
                                                 "0 failed, 0 warnings")  # fmt: skip


@pytest.mark.parametrize("args", WRITERS[:4], ids=" ".join)
def test_a_reader_that_left_is_silence(seeded: Path, args: tuple[str, ...]) -> None:
    env = {**os.environ, "NEWSREADER_LIBRARY": str(seeded), "NO_COLOR": "1"}
    with subprocess.Popen([str(NEWSREADER), *args], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, env=env) as process:  # fmt: skip
        process.stdout.close()  # before the command writes: its first write meets EPIPE
        _, err = process.communicate(timeout=300)
    assert (process.returncode, err) == (0, "")
