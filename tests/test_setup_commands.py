"""The README's two set-up commands: CI runs the test one verbatim; both install analysis."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text("utf-8")
    setup = text.split("## Set-up", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", setup)


def test_ci_runs_exactly_the_readme_test_command() -> None:
    launch, test = _readme_commands()
    ci = (ROOT / ".ci" / "run").read_text("utf-8").strip().splitlines()[-1]
    assert ci == test
    assert "pytest" in test and "newsreader" in launch


def test_both_set_up_commands_install_the_analysis_extra() -> None:
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert any(d.startswith("spacy") for d in extras["optional-dependencies"]["analysis"])
    assert not any(d.startswith("spacy") for d in extras["dependencies"])
    launch, test = _readme_commands()
    assert "'.[analysis]'" in launch
    assert "'.[dev,analysis]'" in test
