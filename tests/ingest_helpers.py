"""Running `newsreader index` through the CLI entry point and reading back what it stored."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from newsreader.index.library import Library
from newsreader.index.models import Article, Origin
from newsreader.tui.cli.main import main


@dataclass(frozen=True)
class Run:
    """One `newsreader index` run: exit code, the JSON summary and every line it printed."""

    code: int
    summary: dict[str, int]
    lines: list[str]

    def naming(self, fragment: str) -> list[str]:
        """The printed lines that name ``fragment`` (a file name, or file:line)."""
        return [line for line in self.lines if fragment in line]


def index(capsys: pytest.CaptureFixture[str], library: Path, *paths: Path | str) -> Run:
    """Run `newsreader index PATHS --no-analysis --json` in this process, as a user would."""
    args = ["index", *map(str, paths), "--library", str(library), "--no-analysis", "--json"]
    code = main(args)
    out, err = capsys.readouterr()
    lines = out.splitlines() + [_as_text(json.loads(line)) for line in err.splitlines()]
    summaries = [json.loads(line) for line in out.splitlines() if line.startswith('{"added"')]
    assert summaries, f"no summary line in {out!r}"
    assert "Traceback" not in err, err
    return Run(code, summaries[-1], lines)


def _as_text(row: dict) -> str:
    """A JSON line of stderr as the line a person would read (with --json, stderr is JSON)."""
    if "problem" not in row:
        return json.dumps(row)
    where = f"{row['path']}:{row['line']}" if row["line"] else row["path"]
    return ("" if row["fatal"] else "warning: ") + f"{where}: {row['problem']}"


def stored(library: Path) -> dict[str, tuple[Article, list[Origin]]]:
    """Every stored article by title, with its origins."""
    with Library.open(library) as lib:
        hits = lib.search("", limit=10_000, include_archived=True).hits
        found = {}
        for hit in hits:
            article = lib.article(hit.id)
            assert article is not None
            found[article.title] = (article, lib.origins(hit.id))
        return found
