"""The README's set-up commands: CI runs the test one verbatim; all install analysis; the one
that starts from a feed subscribes, fetches and opens the reader (run here on a loopback feed)."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text("utf-8")
    setup = text.split("## Set-up", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", setup)


def test_ci_runs_exactly_the_readme_test_command() -> None:
    *launches, test = _readme_commands()
    ci = (ROOT / ".ci" / "run").read_text("utf-8").strip().splitlines()[-1]
    assert ci == test
    assert "pytest" in test and all("newsreader" in launch for launch in launches)
    assert len(launches) == 2  # the demo articles, and a feed


def test_both_set_up_commands_install_the_analysis_extra() -> None:
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert any(d.startswith("spacy") for d in extras["optional-dependencies"]["analysis"])
    assert not any(d.startswith("spacy") for d in extras["dependencies"])
    *launches, test = _readme_commands()
    assert all("'.[analysis]'" in launch for launch in launches)
    assert "'.[dev,analysis]'" in test


@pytest.mark.slow
def test_the_command_that_starts_from_a_feed_subscribes_and_fetches_it(
    tmp_path: Path, web_server
) -> None:
    from feed_helpers import serve_news

    feed = serve_news(web_server)["/rss.xml"]
    _demo, from_feed, _test = _readme_commands()
    steps = [shlex.split(step) for step in from_feed.split(" && ")]
    newsreader = [step for step in steps if step[0] == ".venv/bin/newsreader"]
    assert [step[1:2] for step in newsreader] == [["feed"], ["fetch"], []]
    binary = str(Path(sys.executable).with_name("newsreader"))
    env = {"NEWSREADER_LIBRARY": str(tmp_path / "library"), "PATH": "/usr/bin:/bin"}
    for step in newsreader[:2]:  # the reader itself needs a terminal: the Pilot tests open it
        args = [binary, *(feed if arg.startswith("https://") else arg for arg in step[1:])]
        done = subprocess.run(args, capture_output=True, text=True, env=env, timeout=600)
        assert done.returncode == 0, done.stderr
    listed = subprocess.run([binary, "search", "--json", ""], capture_output=True, text=True,
                            env=env, timeout=120)  # fmt: skip
    assert listed.stdout.count('"id"') == 2, listed.stderr  # the feed's two, no demo articles
