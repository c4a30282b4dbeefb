"""Progress of `index`, `reindex` and `analyze` as a script or a log sees it (stderr not a tty)."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from process_helpers import NEWSREADER, library_env, write_feed

from newsreader.index.library import Library
from newsreader.index.models import MERGING, WRITING

pytestmark = pytest.mark.slow  # index, reindex and analyze runs, some with spaCy

# `phase: done/total articles, rate/s`, or the phase alone before anything is counted.
LINE = re.compile(
    r"^(?P<phase>[a-z][a-z ]+?)(?:: (?P<done>[\d,]+)(?:/(?P<total>[\d,]+))? articles.*)?$"
)


def run(*args: str, library: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(NEWSREADER), *args], env=library_env(library), capture_output=True, text=True,
        timeout=600,
    )  # fmt: skip


def steps(stderr: str) -> list[tuple[str, int, int | None]]:
    found = []
    for line in stderr.splitlines():
        if match := LINE.match(line):
            done, total = (
                match[k].replace(",", "") if match[k] else None for k in ("done", "total")
            )
            found.append((match["phase"], int(done or 0), int(total) if total else None))
    return found


def phases(found: list[tuple[str, int, int | None]]) -> list[str]:
    """Phases in order of appearance, each once."""
    return list(dict.fromkeys(phase for phase, _, _ in found))


def test_text_only_index_names_its_phases_in_articles(tmp_path: Path, seeds_dir: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    write_feed(feed, seeds_dir, 5000)
    done = run("index", str(feed), "--no-analysis", library=tmp_path / "lib")
    assert done.returncode == 0, done.stderr
    found = steps(done.stderr)
    assert phases(found) == ["reading", "writing the index", "merging"]
    # The total is known from the first line, in articles, and the last line is the whole.
    assert all(total == 5000 for _, _, total in found)
    assert found[-1][1] == 5000
    assert [d for _, d, _ in found] == sorted(d for _, d, _ in found)


def test_analysis_index_shows_loading_and_analysing(tmp_path: Path, seeds_dir: Path, nlp) -> None:
    done = run("index", str(seeds_dir), library=tmp_path / "lib")
    assert done.returncode == 0, done.stderr
    found = steps(done.stderr)
    assert phases(found)[:2] == ["loading the analysis model", "analysing"]
    assert "merging" in phases(found)
    assert found[-1][1:] == (2, 2)


def test_reindex_reports_every_article_and_the_merge(tmp_path: Path, seeds_dir: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    write_feed(feed, seeds_dir, 300)
    library = tmp_path / "lib"
    assert run("index", str(feed), "--no-analysis", library=library).returncode == 0
    done = run("reindex", library=library)
    assert done.returncode == 0, done.stderr
    assert phases(steps(done.stderr)) == ["writing the index", "merging"]
    assert steps(done.stderr)[-1][1:] == (300, 300)
    # Every article moves the count (it moved once per 2,000 before).
    reported = []
    with Library.open(library) as lib:
        lib.reindex(progress=reported.append)
    written = [s.done for s in reported if s.phase == WRITING]
    assert written == list(range(1, 301))
    assert [s.phase for s in reported][-1] == MERGING


def test_analyze_shows_its_progress(tmp_path: Path, seeds_dir: Path, nlp) -> None:
    done = run("analyze", *map(str, sorted(seeds_dir.glob("*.txt"))), library=tmp_path / "lib")
    assert done.returncode == 0, done.stderr
    assert steps(done.stderr)[-1] == ("analysing", 2, 2)


def test_index_json_keeps_stderr_json_lines(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ok.txt").write_text("Markets rallied\n\nShares rose 3% on Monday, traders said.\n")
    (folder / "bad.jsonl").write_text('{"title": "fine", "text": "A fine article."}\n{oops\n')
    done = run("index", str(folder), str(tmp_path / "nowhere"), "--no-analysis", "--json",
               library=tmp_path / "lib")  # fmt: skip
    assert done.returncode == 1
    rows = [json.loads(line) for line in done.stderr.splitlines()]
    problems = [r for r in rows if "problem" in r]
    assert {(Path(r["path"]).name, r["line"], r["fatal"]) for r in problems} == {
        ("bad.jsonl", 2, True), ("nowhere", None, True),
    }  # fmt: skip
    assert all(isinstance(r["problem"], str) and r["problem"] for r in problems)
    assert any(r.get("progress") == "reading" for r in rows)
    summary = json.loads(done.stdout)
    assert summary["added"] == 2 and summary["failed"] == 2
