"""Shared pieces of the `state` command tests: a small library built once and copied per test."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from newsreader.tui.cli.main import main

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run `newsreader ARGS` through its entry point: (exit status, stdout, stderr)."""
    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def build(folder: Path) -> Path:
    """A text-only library of the seeds."""
    code = main(["index", str(SEEDS), "--no-analysis", "--library", str(folder)])
    assert code == 0
    return folder


def copy(built: Path, target: Path) -> Path:
    shutil.copytree(built, target)
    return target


def article_ids(folder: Path) -> list[str]:
    from newsreader.index.library import Library

    with Library.open(folder) as library:
        return sorted(r[0] for r in library.store.conn.execute("SELECT id FROM articles"))


def write_state(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path
