"""End to end: the installed `newsreader` in a real tmux session, driven with send-keys."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

TMUX = shutil.which("tmux")
NEWSREADER = Path(sys.executable).with_name("newsreader")
TIMEOUT = 90.0  # generous: under `pytest -n 2` the whole suite competes for the CPU


def tmux(*args: str) -> str:
    done = subprocess.run(["tmux", *args], capture_output=True, text=True, timeout=30)
    return done.stdout


@pytest.fixture
def session(library_path: Path, quiet_environment: Path) -> Iterator[str]:
    """A detached 120x40 tmux session running the reader on a copy of the test library."""
    if TMUX is None:
        pytest.skip("tmux is not installed")
    if not NEWSREADER.exists():
        pytest.skip(f"the newsreader script is not installed next to {sys.executable}")
    name = f"nr-e2e-{uuid.uuid4().hex[:8]}"
    command = (
        f"env NEWSREADER_CONFIG={quiet_environment} TERM=xterm-256color "
        f"{NEWSREADER} --library {library_path}"
    )
    tmux("new-session", "-d", "-s", name, "-x", "120", "-y", "40", command)
    try:
        yield name
    finally:
        tmux("kill-session", "-t", name)


def screen(name: str) -> str:
    return tmux("capture-pane", "-p", "-t", name)


def footer(text: str) -> str:
    """The last non-empty line of the pane: the footer listing the focused pane's keys."""
    lines = [line for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def wait_for_screen(name: str, condition: Callable[[str], bool], timeout: float = TIMEOUT) -> str:
    """Poll the pane until condition holds on its text; fail with the last screen otherwise."""
    deadline = time.monotonic() + timeout
    text = screen(name)
    while not condition(text):
        if time.monotonic() > deadline:
            raise AssertionError("screen never matched; last screen:\n" + text)
        time.sleep(0.1)
        text = screen(name)
    return text


def send(name: str, *keys: str, literal: bool = False) -> None:
    tmux("send-keys", "-t", name, *(["-l"] if literal else []), *keys)


def test_search_open_and_quotes_in_tmux(session: str) -> None:
    # Each key waits for the screen state it needs, so a slow machine only makes it slower.
    wait_for_screen(session, lambda s: "hits" in s and "all articles" in s)
    send(session, "zelensky", literal=True)
    wait_for_screen(session, lambda s: "2 hits" in s and "'zelensky'" in s)
    send(session, "Enter")
    # The list has focus once its own keys ("space Mark") are in the footer.
    wait_for_screen(session, lambda s: "Mark" in footer(s))
    send(session, "Enter")
    # The reader has focus (the list's keys leave the footer) and shows the article's date line.
    wait_for_screen(
        session,
        lambda s: "Mark" not in footer(s) and "Volodymyr Zelensky" in s and "2025-01-1" in s,
    )
    send(session, "q")
    text = wait_for_screen(session, lambda s: "Quotes" in s and "By speaker" in footer(s))
    assert "Entities" in text
    assert "speaker" in text or "Zelensky" in text
    send(session, "Q")
    deadline = time.monotonic() + TIMEOUT
    while session in tmux("list-sessions", "-F", "#{session_name}"):
        assert time.monotonic() < deadline, "the app did not quit on Q"
        time.sleep(0.1)


def wait_for_exit(name: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while name in tmux("list-sessions", "-F", "#{session_name}"):
        assert time.monotonic() < deadline, "the app did not quit"
        time.sleep(0.1)


def test_keys_sent_in_one_burst_after_slash_land_in_the_search_bar(
    session: str, library_path: Path
) -> None:
    from newsreader.index.library import Library

    wait_for_screen(session, lambda s: "hits" in s and "all articles" in s)
    send(session, "harbour", literal=True)
    wait_for_screen(session, lambda s: "30 hits" in s and "'harbour'" in s)
    send(session, "Enter")
    wait_for_screen(session, lambda s: "Mark" in footer(s))
    send(session, "/kasmz", literal=True)  # one write: the keys arrive together
    text = wait_for_screen(session, lambda s: "0 hits" in s and "'kasmz'" in s)
    assert "kasmz" in text.splitlines()[2], "the search bar holds every key"
    send(session, "C-c")
    wait_for_exit(session)
    library = Library.open(library_path)
    states = library.states(hit.id for hit in library.search("harbour", limit=50).hits)
    library.close()
    assert len(states) == 30
    assert not any(s.starred or s.archived for s in states.values()), "keys ran as commands"


def test_keys_sent_in_one_burst_after_enter_go_to_the_results_list(
    session: str, library_path: Path
) -> None:
    from newsreader.index.library import Library

    wait_for_screen(session, lambda s: "hits" in s and "all articles" in s)
    # One write: the query, Enter, then a row down and a star for the list.
    send(session, "harbour\rjs", literal=True)
    text = wait_for_screen(session, lambda s: "star: 1 article" in s)
    assert "'harbour'" in text and "30 hits" in text
    assert "harbourjs" not in text.splitlines()[2], "the keys after Enter went to the search bar"
    send(session, "C-c")
    wait_for_exit(session)
    library = Library.open(library_path)
    hits = library.search("harbour", limit=50).hits
    states = library.states(hit.id for hit in hits)
    library.close()
    starred = [hit.id for hit in hits if states[hit.id].starred]
    assert starred == [hits[1].id], "the second row of the results, where j moved, is starred"
