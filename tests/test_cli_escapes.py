"""What the command line prints never carries a raw control sequence, and its JSON is JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import json_lines, run

pytestmark = pytest.mark.slow  # newsreader processes, with analysis

HOSTILE = "\x1b]2;pwned\x07\x1b[2J\u009b31m"  # window title, clear screen, C1 CSI


def _no_raw_controls(text: str) -> None:
    assert not [c for c in text if (ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F]


def _strict(line: str) -> dict:
    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} is not JSON")

    return json.loads(line, parse_constant=refuse)


@pytest.fixture
def hostile(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / f"evil{HOSTILE}.txt").write_text("Escape title\n\nBody about tariffs and trade.\n")
    (folder / "feed.jsonl").write_text(
        '{"id": "n1", "title": "Odd numbers", "text": "The ratio was high in the report.",'
        f' "source": {json.dumps("wire" + HOSTILE)}, "score": NaN, "big": 1e999,'
        ' "low": -Infinity}\n'
    )
    library = tmp_path / "library"
    assert run("index", str(folder), "--no-analysis", library=library).returncode == 0
    return folder, library


def test_show_escapes_the_path_and_data(hostile: tuple[Path, Path]) -> None:
    _, library = hostile
    hit = json_lines(run("search", "tariffs", "--json", library=library).stdout)[0]
    done = run("show", hit["id"], library=library)
    assert done.returncode == 0, done.stderr
    _no_raw_controls(done.stdout)
    assert "evil\\x1b]2;pwned\\x07\\x1b[2J\\x9b31m.txt" in done.stdout
    listed = run("search", "ratio", library=library)
    _no_raw_controls(listed.stdout)


def test_problem_lines_and_missing_files_are_escaped(tmp_path: Path) -> None:
    bad = tmp_path / f"bad{HOSTILE}.jsonl"
    bad.write_text("{not json\n")
    done = run("index", str(bad), str(tmp_path / f"gone{HOSTILE}.txt"), library=tmp_path / "l")
    assert done.returncode == 1
    _no_raw_controls(done.stderr)
    assert "bad\\x1b]2;pwned\\x07" in done.stderr
    assert "gone\\x1b]2;pwned\\x07\\x1b[2J\\x9b31m.txt: no such file" in done.stderr


def test_json_escapes_c1_controls_and_has_no_nan(hostile: tuple[Path, Path]) -> None:
    folder, library = hostile
    for argv in (["search", "--json"], ["show", "n1", "--json"]):
        done = run(*argv, library=library)
        assert done.returncode == 0, done.stderr
        _no_raw_controls(done.stdout)
        rows = [_strict(line) for line in done.stdout.splitlines()]
        assert rows
    record = rows[0]
    assert record["metadata"] == {"score": None, "big": None, "low": None}
    paths = {r["path"] for r in map(_strict, run("search", "--json", library=library).stdout
                                    .splitlines())}  # fmt: skip
    assert str(folder / f"evil{HOSTILE}.txt") in paths, "escaped in the JSON text, intact parsed"


BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"  # embeddings, overrides, isolates


def test_bidi_overrides_and_isolates_are_escaped_in_text_and_json(tmp_path: Path) -> None:
    feed = tmp_path / "bidi.jsonl"
    title = f"Budget \u202eteg{BIDI}dub vote"
    feed.write_text(json.dumps({"id": "b1", "title": title, "text": "The budget vote passed.",
                                "source": f"wire{BIDI}"}) + "\n")  # fmt: skip
    library = tmp_path / "library"
    assert run("index", str(feed), "--no-analysis", library=library).returncode == 0
    listed = run("search", "budget", library=library)
    as_json = run("search", "budget", "--json", library=library)
    shown = run("show", json_lines(as_json.stdout)[0]["id"], library=library)
    for done in (listed, as_json, shown):
        assert done.returncode == 0, done.stderr
        assert not [c for c in done.stdout if c in BIDI], done.stdout
    assert "\\u202e" in listed.stdout and "\\u2069" in shown.stdout
    assert _strict(as_json.stdout.splitlines()[0])["title"] == title  # JSON reads back the same
