"""The installed reader started as a user starts it, in tmux: which library gets the demo
articles, how the reader says they can be removed, and a search given on the command line."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

NEWSREADER = Path(sys.executable).with_name("newsreader")
SEEDS = Path(__file__).resolve().parents[2] / "seeds"
TIMEOUT = 120.0  # first launches analyse the demo articles, beside the rest of the suite


@pytest.fixture
def home(tmp_path: Path, quiet_environment: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user data folder of its own, and no NEWSREADER_LIBRARY: the default library is new."""
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("NEWSREADER_LIBRARY", raising=False)
    return tmp_path / "data" / "newsreader"


@pytest.fixture
def reader() -> Iterator[Callable[..., str]]:
    """Start `newsreader ARGS` in a detached tmux session; the sessions end with the test."""
    names: list[str] = []

    def start(*args: str, env: dict[str, str] | None = None) -> str:
        name = f"nr-launch-{uuid.uuid4().hex[:8]}"
        names.append(name)
        keep = ("XDG_DATA_HOME", "NEWSREADER_CONFIG", "NEWSREADER_LIBRARY", "PATH", "HOME")
        pairs = {k: os.environ[k] for k in keep if k in os.environ} | (env or {})
        command = "env -i TERM=xterm-256color " + " ".join(
            f"{k}={shlex.quote(v)}" for k, v in pairs.items()
        ) + " " + " ".join(shlex.quote(a) for a in (str(NEWSREADER), *args))  # fmt: skip
        _tmux("new-session", "-d", "-s", name, "-x", "120", "-y", "40", command)
        return name

    yield start
    for name in names:
        _tmux("kill-session", "-t", name)


def _tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, timeout=30).stdout


def _wait(name: str, condition: Callable[[str], bool]) -> str:
    deadline = time.monotonic() + TIMEOUT
    text = _tmux("capture-pane", "-p", "-t", name)
    while not condition(text):
        if time.monotonic() > deadline:
            raise AssertionError("screen never matched; last screen:\n" + text)
        time.sleep(0.1)
        text = _tmux("capture-pane", "-p", "-t", name)
    return text


def _quit(name: str) -> None:
    _tmux("send-keys", "-t", name, "C-c")  # the search bar has focus: Q would be typed
    deadline = time.monotonic() + TIMEOUT
    while name in _tmux("list-sessions", "-F", "#{session_name}"):
        assert time.monotonic() < deadline, "the reader did not quit"
        time.sleep(0.1)


def _stats(*args: str) -> dict:
    done = subprocess.run([str(NEWSREADER), *args, "stats", "--json"], capture_output=True,
                          text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_first_launch_seeds_the_default_library_once(home: Path, reader) -> None:
    name = reader()
    screen = _wait(name, lambda s: "2 hits" in s and "These are demo articles" in s)
    assert "newsreader demo" in screen
    _quit(name)
    stats = _stats()
    assert stats["articles"] == 2
    assert stats["sources"] == [["newsreader demo", 2]]
    done = subprocess.run([str(NEWSREADER), "remove", 'source:"newsreader demo"', "--yes"],
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert _stats()["articles"] == 0
    name = reader()  # not a first launch any more: the library stays empty
    _wait(name, lambda s: "The library is empty" in s)
    _quit(name)
    assert _stats()["articles"] == 0


def test_a_named_library_is_never_seeded(home: Path, reader, tmp_path: Path) -> None:
    named, from_env = tmp_path / "named", tmp_path / "from-env"
    for name in (reader("--library", str(named)),
                 reader(env={"NEWSREADER_LIBRARY": str(from_env)})):  # fmt: skip
        _wait(name, lambda s: "The library is empty" in s)
        _quit(name)
    assert _stats("--library", str(named))["articles"] == 0
    assert _stats("--library", str(from_env))["articles"] == 0
    assert not home.exists(), "the default library was not touched"


def test_words_on_the_command_line_open_the_reader_with_that_search(
    home: Path, reader, tmp_path: Path
) -> None:
    library = tmp_path / "lib"
    command = [str(NEWSREADER), "--library", str(library), "index", str(SEEDS), "--no-analysis"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    for args in (("kim", "jong", "un"), ("--", "kim", "jong", "un"), ("--query", "kim jong un")):
        name = reader("--library", str(library), *args)
        _wait(name, lambda s: "'kim jong un'" in s and "hits" in s)
        _quit(name)
