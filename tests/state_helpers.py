"""Shared pieces of the `state` command tests: a small library built once and copied per test."""

from __future__ import annotations

import json
import shutil
import sqlite3
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
    return sorted(r[0] for r in stored(folder, "SELECT id FROM articles"))


def stored(folder: Path, sql: str) -> list[tuple]:
    """Rows of the library's record as SQLite holds them, read beside the library."""
    conn = sqlite3.connect(folder / "library.db")
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def write_state(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path
