"""What the real reader writes to its terminal: colours under NO_COLOR and the mouse modes.

The installed `newsreader` runs on a pseudo-terminal (see pty_run.py) and the bytes it writes
are read back, escape sequence by escape sequence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pty_run import NEWSREADER, PtyApp

pytestmark = pytest.mark.skipif(not NEWSREADER.exists(), reason="newsreader is not installed")

_SGR = re.compile(r"\x1b\[([0-9;:]*)m")
_BASIC_COLOURS = {*range(30, 38), *range(40, 48), *range(90, 98), *range(100, 108)}


def explicit_colours(output: str) -> list[str]:
    """Every SGR sequence that sets a colour other than the terminal's default one."""
    found = []
    for match in _SGR.finditer(output):
        params = [int(p) for p in re.split("[;:]", match.group(1)) if p.isdigit()]
        if any(p in (38, 48) or p in _BASIC_COLOURS for p in params):
            found.append(match.group(1))
    return found


def sgr_attributes(output: str) -> set[int]:
    return {
        int(p)
        for match in _SGR.finditer(output)
        for p in re.split("[;:]", match.group(1))
        if p.isdigit()
    }


@pytest.fixture
def start(library_path: Path, quiet_environment: Path) -> Iterator:
    """Start the reader on the test library with extra environment variables."""
    apps: list[PtyApp] = []

    def started(**env: str) -> PtyApp:
        app = PtyApp(
            ["--library", str(library_path)],
            {"NEWSREADER_CONFIG": str(quiet_environment), "HOME": str(library_path), **env},
        )
        apps.append(app)
        app.wait_for(lambda a: " hits" in a.text and "Search" in a.text)
        return app

    yield started
    for app in apps:
        app.close()


def test_no_color_draws_everything_in_the_terminal_default_colours(start) -> None:
    app = start(NO_COLOR="1")
    app.send("zelensky")
    app.wait_for(lambda a: "'zelensky'" in a.text and "Volodymyr Zelensky" in a.text)
    app.send("\r")  # the list: hit rows, status line, key bar
    app.wait_for(lambda a: "Mark range" in a.text)
    app.send("\r")  # the reader: header, legend, highlighted text
    app.wait_for(lambda a: "toggle" in a.text)
    app.send("q")  # the quotes panel
    app.wait_for(lambda a: "Entities" in a.text and "By speaker" in a.text)
    assert explicit_colours(app.output) == []
    # What colour told apart is told by attributes: the cursor row in reverse, titles in bold.
    assert {1, 7} <= sgr_attributes(app.output)
    assert app.quit() == 0


def test_colour_is_still_drawn_without_no_color(start) -> None:
    app = start()
    assert explicit_colours(app.output)
    assert app.quit() == 0


ALL_MOTION, CLICKS = "\x1b[?1003h", "\x1b[?1000h"
SSH = "192.0.2.1 50000 192.0.2.2 22"


def test_over_ssh_the_mouse_reports_clicks_not_every_motion(start) -> None:
    app = start(SSH_CONNECTION=SSH)
    assert CLICKS in app.output and "\x1b[?1006h" in app.output
    assert ALL_MOTION not in app.output
    assert app.quit() == 0


def test_a_local_terminal_keeps_all_motion_tracking(start) -> None:
    app = start()
    assert ALL_MOTION in app.output
    assert app.quit() == 0


@pytest.mark.parametrize(
    ("setting", "wanted", "unwanted"),
    [("on", ALL_MOTION, None), ("clicks", CLICKS, ALL_MOTION), ("off", None, CLICKS)],
)
def test_the_config_file_chooses_the_mouse_mode_over_ssh(
    start, quiet_environment: Path, setting: str, wanted: str | None, unwanted: str | None
) -> None:
    quiet_environment.write_text(f'mouse = "{setting}"\n', encoding="utf-8")
    app = start(SSH_CONNECTION=SSH)
    if wanted:
        assert wanted in app.output
    if unwanted:
        assert unwanted not in app.output
    assert app.quit() == 0
