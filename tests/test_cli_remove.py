"""`newsreader remove`: asks first, removes record, index entries and origins; an unchanged
file does not bring the articles back, naming the file to `index` again does."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from cli_helpers import NEWSREADER, SEEDS, json_lines, run

# Slow: newsreader processes over an analysed library, some on a pseudo-terminal.
pytestmark = pytest.mark.slow

FEED = [
    {"id": "z1", "title": "Zebra crossing",
     "text": 'The zebra crossing is new. "It is safer now," said Anna Berg.'},
    {"id": "h1", "title": "Harbour news", "text": "The harbour counted 120 ships on Tuesday."},
]  # fmt: skip
NOTE = "Zebra census\n\nRangers counted 400 zebra in the park, up from 300 last year.\n"


def _hits(library: Path, query: str) -> list[dict]:
    done = run("search", query, "--archived", "--json", library=library)
    assert done.returncode == 0, done.stderr
    return json_lines(done.stdout)


def _make(root: Path, *analysis: str) -> tuple[Path, Path]:
    folder = root / "news"
    folder.mkdir()
    (folder / "feed.jsonl").write_text("".join(json.dumps(row) + "\n" for row in FEED))
    (folder / "note.txt").write_text(NOTE)
    lib = root / "library"
    done = run("index", str(folder), str(SEEDS), *analysis, library=lib)
    assert done.returncode == 0, done.stderr
    assert len(_hits(lib, "zebra")) == 2
    return folder, lib


@pytest.fixture
def library(tmp_path: Path) -> tuple[Path, Path]:
    return _make(tmp_path, "--no-analysis")


def test_without_a_terminal_it_refuses_without_yes(library: tuple[Path, Path]) -> None:
    _, lib = library
    done = run("remove", "zebra", library=lib, stdin="y\n")
    assert done.returncode == 2
    assert "2 articles match 'zebra'; not removing them without --yes" in done.stderr
    assert len(_hits(lib, "zebra")) == 2


def test_remove_then_index_again(tmp_path: Path) -> None:
    folder, lib = _make(tmp_path)  # analysed: the quotes index must lose the article too
    done = run("remove", "zebra", "--yes", "--json", library=lib)
    assert done.returncode == 0, done.stderr
    assert json_lines(done.stdout) == [{"removed": 2}]
    assert _hits(lib, "zebra") == []
    assert json_lines(run("stats", "--json", library=lib).stdout)[0]["articles"] == 3
    quotes = json_lines(run("quotes", "safer", "--json", library=lib).stdout)
    assert quotes == [], "the removed article's quotes are gone from the index too"
    # The folder again, files unchanged: nothing comes back.
    again = json_lines(run("index", str(folder), "--json", "--no-analysis", library=lib).stdout)[0]
    assert again["added"] == 0
    assert _hits(lib, "zebra") == []
    # A changed file is read again, but what was removed from it stays removed.
    with (folder / "feed.jsonl").open("a") as feed:
        feed.write(
            json.dumps({"id": "z2", "title": "Zebra fish", "text": "Zebrafish study."}) + "\n"
        )
    changed = json_lines(run("index", str(folder), "--no-analysis", "--json", library=lib).stdout)[
        0
    ]
    assert changed["added"] == 1
    assert [h["title"] for h in _hits(lib, "zebra OR zebrafish")] == ["Zebra fish"]
    # Naming a file to `index` brings its removed articles back.
    note = str(folder / "note.txt")
    named = json_lines(run("index", note, "--no-analysis", "--json", library=lib).stdout)[0]
    assert named["added"] == 1
    assert {h["title"] for h in _hits(lib, "zebra")} == {"Zebra census", "Zebra fish"}
    run("index", str(folder / "feed.jsonl"), library=lib)
    back = {h["title"] for h in _hits(lib, "zebra")}
    assert back == {"Zebra census", "Zebra fish", "Zebra crossing"}
    assert json_lines(run("quotes", "safer", "--json", library=lib).stdout)


def _on_a_terminal(lib: Path, answer: str, *words: str) -> tuple[int, str]:
    """Run remove with its stdin on a pseudo-terminal, typing `answer`."""
    controller, terminal = os.openpty()
    try:
        os.write(controller, answer.encode())
        env = {**os.environ, "NEWSREADER_LIBRARY": str(lib), "NO_COLOR": "1"}
        done = subprocess.run([str(NEWSREADER), "remove", *words], stdin=terminal,
                              capture_output=True, text=True, env=env, timeout=120)  # fmt: skip
    finally:
        os.close(terminal)
        os.close(controller)
    return done.returncode, done.stderr


def test_on_a_terminal_it_shows_and_asks(library: tuple[Path, Path]) -> None:
    _, lib = library
    code, said = _on_a_terminal(lib, "n\n", "zebra")
    assert code == 1
    assert "2 articles match 'zebra':" in said
    assert "Zebra crossing" in said and "Zebra census" in said
    assert "[y/N]" in said and "nothing removed" in said
    assert len(_hits(lib, "zebra")) == 2
    code, said = _on_a_terminal(lib, "y\n", "zebra")
    assert code == 0, said
    assert "removed 2 articles" in said
    assert _hits(lib, "zebra") == []


def test_an_empty_or_unreadable_query_removes_nothing(library: tuple[Path, Path]) -> None:
    _, lib = library
    for words in (["  "], ['"zebra'], ["nosuchword"]):
        done = run("remove", *words, "--yes", library=lib)
        assert "Traceback" not in done.stderr
        assert done.returncode == (0 if words == ["nosuchword"] else 2), done.stderr
    assert len(_hits(lib, "zebra")) == 2
