"""The command line, run through its installed entry point as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # newsreader processes over a library analysed with spaCy

NEWSREADER = Path(sys.executable).with_name("newsreader")


def run(*args: str, library: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "NEWSREADER_LIBRARY": str(library), "NO_COLOR": "1", "COLUMNS": "120"}
    return subprocess.run(
        [str(NEWSREADER), *args], capture_output=True, text=True, env=env, input=stdin, timeout=300
    )


def json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    library = tmp_path_factory.mktemp("cli") / "library"
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    done = run("index", str(seeds), "--json", library=library)
    assert done.returncode == 0, done.stderr
    assert json_lines(done.stdout)[0]["added"] == 2
    return library


def test_search_json_lines(seeded: Path) -> None:
    done = run("search", "north", "korean", "soldiers", "--json", library=seeded)
    assert done.returncode == 0, done.stderr
    hits = json_lines(done.stdout)
    assert len(hits) == 2
    assert set(hits[0]) >= {"id", "title", "date", "source", "path", "score", "snippet"}
    assert {h["date"] for h in hits} == {"2025-01-13", "2025-01-12"}
    assert any("**" in h["snippet"] for h in hits)


def test_search_human_table_shows_count(seeded: Path) -> None:
    done = run("search", "ultimatums", library=seeded)
    assert done.returncode == 0
    assert "1-1 of 1 hit" in done.stdout and "1 hits" not in done.stdout


def test_bad_query_falls_back_with_a_reason(seeded: Path) -> None:
    done = run("search", '"kursk', "region", "--json", library=seeded)
    assert done.returncode == 0
    assert "Traceback" not in done.stderr
    assert done.stderr.strip()
    assert len(json_lines(done.stdout)) == 2


def test_date_filter_with_fixed_now(seeded: Path) -> None:
    done = run("search", "date:yesterday", "--now", "2025-01-13T10:00", "--json", library=seeded)
    assert [h["date"] for h in json_lines(done.stdout)] == ["2025-01-12"]


def test_show_json_has_annotations(seeded: Path) -> None:
    hit = json_lines(run("search", "ultimatums", "--json", library=seeded).stdout)[0]
    done = run("show", hit["id"], "--json", library=seeded)
    record = json_lines(done.stdout)[0]
    assert record["id"] == hit["id"]
    assert record["origins"][0]["path"].endswith(".txt")
    text = record["text"]
    for key in ("entities", "claims", "quotes"):
        assert isinstance(record[key], list)
    assert record["entities"], "the seeds name people and places"
    for entity in record["entities"]:
        assert text[entity["start"] : entity["end"]] == entity["text"]


def test_show_unknown_id_is_one_clear_line(seeded: Path) -> None:
    done = run("show", "nope", library=seeded)
    assert done.returncode == 1
    assert done.stderr.strip() == "newsreader: no article with id 'nope'"


def test_stats(seeded: Path) -> None:
    info = json_lines(run("stats", "--json", library=seeded).stdout)[0]
    assert info["articles"] == 2
    assert (info["first_date"], info["last_date"]) == ("2025-01-12", "2025-01-13")


def test_index_reports_bad_files_and_exits_1(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ok.txt").write_text("Markets rallied\n\nShares rose 3% on Monday, traders said.\n")
    (folder / "bad.json").write_text("[{]")
    done = run("index", str(folder), "--no-analysis", library=tmp_path / "lib")
    assert done.returncode == 1
    assert "bad.json" in done.stderr
    assert "1 added" in done.stderr and "1 failed" in done.stderr
    assert "Traceback" not in done.stderr


def test_usage_error_exits_2(tmp_path: Path) -> None:
    assert run("search", "--limit", "many", library=tmp_path / "lib").returncode == 2
    assert run("index", library=tmp_path / "lib").returncode == 2


def test_missing_path_is_named(tmp_path: Path) -> None:
    done = run("index", str(tmp_path / "nowhere"), "--no-analysis", library=tmp_path / "lib")
    assert done.returncode == 1
    assert "nowhere" in done.stderr


def test_state_export_import_merges(seeded: Path, tmp_path: Path) -> None:
    hit = json_lines(run("search", "ultimatums", "--json", library=seeded).stdout)[0]
    other = tmp_path / "other"
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    assert run("index", str(seeds), "--no-analysis", library=other).returncode == 0
    exported = tmp_path / "state.json"
    from newsreader.index.library import Library

    with Library.open(other) as library:
        library.set_starred([hit["id"]], True)
        library.add_tag([hit["id"]], "check")
    assert run("state", "export", str(exported), library=other).returncode == 0
    with Library.open(seeded) as library:
        library.set_read([hit["id"]], True)
    assert run("state", "import", str(exported), library=seeded).returncode == 0
    with Library.open(seeded) as library:
        state = library.states([hit["id"]])[hit["id"]]
    assert state.read and state.starred and state.tags == ("check",)


def test_state_import_rejects_garbage(seeded: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    done = run("state", "import", str(bad), library=seeded)
    assert done.returncode == 1
    assert "bad.json" in done.stderr and "Traceback" not in done.stderr


def test_analyze_offsets_slice_the_raw_file(seeds_dir: Path, tmp_path: Path) -> None:
    path = next(seeds_dir.glob("000_*.txt"))
    done = run("analyze", str(path), "--json", library=tmp_path / "unused")
    assert done.returncode == 0, done.stderr
    row = json_lines(done.stdout)[0]
    raw = path.read_text("utf-8")
    assert row["quotes"] and row["claims"] and row["entities"]
    for entity in row["entities"]:
        assert raw[entity["start"] : entity["end"]] == entity["text"]
    for claim in row["claims"]:
        assert raw[claim["start"] : claim["end"]] == claim["text"]
    for quote in row["quotes"]:
        for start, end in quote["spans"]:
            assert raw[start:end] in quote["text"]


def test_analyze_shows_claimed_values_as_an_article_writes_them(tmp_path: Path) -> None:
    path = tmp_path / "figures.txt"
    path.write_text("Profits rose 40% to £1.2bn last year, and the firm cut 2,700 jobs.\n", "utf-8")
    done = run("analyze", str(path), library=tmp_path / "unused")
    assert done.returncode == 0, done.stderr
    lines = [line.strip() for line in done.stdout.splitlines() if line.strip().startswith("claim")]
    assert lines == [
        "claim  40%  = 40%",
        "claim  £1.2bn  = £1.2bn",
        "claim  2,700 jobs  = 2,700 jobs",
    ]
    row = json_lines(run("analyze", str(path), "--json", library=tmp_path / "unused").stdout)[0]
    assert [(c["value"], c["shown"]) for c in row["claims"]] == [
        (0.4, "40%"),
        (1.2e9, "£1.2bn"),
        (2700.0, "2,700"),
    ]


def test_a_corrupt_library_is_one_clear_line(tmp_path: Path) -> None:
    library = tmp_path / "lib"
    library.mkdir()
    (library / "library.db").write_bytes(b"not a database " * 100)
    for args in (("stats",), ("search", "x")):  # the reader wants a terminal first
        done = run(*args, library=library)
        assert done.returncode == 1
        assert "Traceback" not in done.stderr
        assert done.stderr.strip().endswith("cannot open the library: file is not a database")


def test_each_quote_in_json_names_the_rule_that_found_its_speaker(tmp_path: Path) -> None:
    library = tmp_path / "library"
    path = tmp_path / "harbour.txt"
    path.write_text(
        'Harbour reopens\n\n"The harbour will reopen in May," Maria Lopez said on Monday.\n\n'
        '"The boats have waited long enough for it."\n',
        "utf-8",
    )
    analysed = json_lines(run("analyze", str(path), "--json", library=library).stdout)[0]
    rules = [(q["speaker"], q["speaker_rule"]) for q in analysed["quotes"]]
    assert rules == [("Maria Lopez", "tail-clause"), ("Maria Lopez", "continues-previous")]
    assert run("index", str(path), library=library).returncode == 0
    [hit] = json_lines(run("search", "boats", "waited", "--json", library=library).stdout)
    shown = json_lines(run("show", hit["id"], "--json", library=library).stdout)[0]
    assert [(q["speaker"], q["speaker_rule"]) for q in shown["quotes"]] == rules
