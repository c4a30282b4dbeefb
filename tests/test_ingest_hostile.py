"""Inputs that used to abort a whole `newsreader index` run, or to lose or keep the wrong articles.

Each test runs the command line on a real library in tmp_path and checks what it printed and
what the library holds afterwards.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ingest_helpers import index, stored

NEWSREADER = Path(sys.executable).with_name("newsreader")


def article(folder: Path, name: str | bytes, title: str, body: str = "") -> Path:
    """A one-article text file: a headline, a blank line, a body."""
    folder.mkdir(parents=True, exist_ok=True)
    path = os.path.join(os.fsencode(folder), os.fsencode(name))
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(f"{title}\n\n{body or title + ' was reported on Monday, officials said.'}\n")
    return Path(os.fsdecode(path))


def jsonl(path: Path, *records: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = (r if isinstance(r, str) else json.dumps(r) for r in records)
    path.write_text("".join(row + "\n" for row in rows), encoding="utf-8")
    return path


# 1. File names that are not UTF-8 -----------------------------------------------------------


def test_file_names_that_are_not_utf8_are_indexed_and_shown_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    article(folder, "plain.txt", "Plain name")
    bad = article(folder, b"caf\xe9.txt", "Latin-1 name")
    article(folder / os.fsdecode(b"d\xff"), "inside.txt", "Inside a bad folder")
    library = tmp_path / "lib"

    first = index(capsys, library, folder)
    assert (first.code, first.summary["added"], first.summary["failed"]) == (0, 3, 0)
    paths = {title: origins[0].path for title, (_, origins) in stored(library).items()}
    assert paths["Latin-1 name"].endswith("caf\\xe9.txt")
    assert "d\\xff" in paths["Inside a bad folder"]
    for path in paths.values():
        path.encode("utf-8")  # strict: no surrogates were stored

    again = index(capsys, library, folder)
    assert (again.summary["unchanged"], again.summary["removed"]) == (3, 0)
    bad.unlink()
    gone = index(capsys, library, folder)
    assert gone.summary["removed"] == 1
    assert "Latin-1 name" not in stored(library)


def test_a_problem_in_a_file_with_a_bad_name_is_printed_without_raw_bytes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    article(folder, "good.txt", "Good one")
    (folder / os.fsdecode(b"empty\xff.txt")).write_bytes(b"")
    done = index(capsys, tmp_path / "lib", folder)
    assert done.code == 1 and done.summary["added"] == 1
    [line] = done.naming("empty\\xff.txt")
    assert "empty file" in line
    assert all("\udcff" not in line for line in done.lines)


# 2-4. Values the JSON reader or the record could not take ------------------------------------


def test_an_integer_over_the_conversion_limit_is_kept_as_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    digits = "9" * 5000
    feed = tmp_path / "in" / "feed.jsonl"
    feed.parent.mkdir()
    feed.write_text(
        '{"title": "Before", "text": "First record."}\n'
        f'{{"title": "Huge number", "text": "Second record.", "n": -{digits}}}\n'
        '{"title": "After", "text": "Third record."}\n'
    )
    array = tmp_path / "in" / "array.json"
    array.write_text(f'[\n{{"title": "In array", "text": "Fourth.", "id": {digits}}}\n]\n')
    done = index(capsys, tmp_path / "lib", feed.parent)
    assert (done.code, done.summary["added"], done.summary["failed"]) == (0, 4, 0)
    [line] = done.naming("feed.jsonl:2")
    assert "5,000 digits" in line
    assert done.naming("array.json:2")
    articles = stored(tmp_path / "lib")
    assert articles["Huge number"][0].metadata["n"] == "-" + digits
    assert articles["In array"][0].external_id == digits


def test_lone_surrogates_in_metadata_are_stored_replaced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = jsonl(
        tmp_path / "in" / "feed.jsonl",
        '{"title": "Odd key", "text": "One.", "k\\ud800": "v\\udc00", "list": ["\\udfff"]}',
        '{"title": "T\\ud800itle", "text": "Two.", "source": "S\\ud800"}',
        {"title": "Fine", "text": "Three."},
    )
    done = index(capsys, tmp_path / "lib", feed)
    assert (done.code, done.summary["added"]) == (0, 3)
    articles = stored(tmp_path / "lib")
    assert articles["Odd key"][0].metadata == {"k\ufffd": "v\ufffd", "list": ["\ufffd"]}
    assert articles["Title"][0].source == "S"


def test_fields_nested_hundreds_deep_cost_only_that_field_or_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deep = "[" * 500 + '"x"' + "]" * 500
    deeper = "[" * 100_000 + "]" * 100_000
    feed = jsonl(
        tmp_path / "in" / "feed.jsonl",
        f'{{"title": {deep}, "text": "Deep title. More text."}}',
        f'{{"title": "Deep metadata", "text": "Two.", "extra": {deep}, "kept": 1}}',
        f'{{"title": "Too deep", "text": "Three.", "extra": {deeper}}}',
        {"title": "Fine", "text": "Four."},
    )
    done = index(capsys, tmp_path / "lib", feed)
    assert (done.code, done.summary["added"], done.summary["failed"]) == (1, 3, 1)
    assert "title" in done.naming("feed.jsonl:1")[0]
    assert "extra" in done.naming("feed.jsonl:2")[0]
    assert "nested too deeply" in done.naming("feed.jsonl:3")[0]
    articles = stored(tmp_path / "lib")
    assert set(articles) == {"Deep title", "Deep metadata", "Fine"}
    assert articles["Deep metadata"][0].metadata == {"kept": 1}


# 5. Files with bad lines are recorded, and removals from them happen -------------------------


def test_a_file_with_a_bad_line_is_recorded_and_its_removals_happen(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = tmp_path / "in" / "feed.jsonl"
    one, two, three = (
        {"id": f"n{i}", "title": f"Story {i}", "text": f"Text {i}."} for i in (1, 2, 3)
    )
    jsonl(feed, one, "{broken", two, three)
    library = tmp_path / "lib"
    first = index(capsys, library, feed)
    assert (first.code, first.summary["added"], len(first.naming("feed.jsonl:2"))) == (1, 3, 1)

    again = index(capsys, library, feed)  # unchanged: not read again, not reported again
    assert (again.code, again.summary["unchanged"], again.naming("feed.jsonl")) == (0, 3, [])

    jsonl(feed, one, "{broken", three)
    removed = index(capsys, library, feed)
    assert (removed.summary["removed"], len(removed.naming("feed.jsonl:2"))) == (1, 1)
    assert set(stored(library)) == {"Story 1", "Story 3"}


def test_a_line_that_breaks_keeps_the_article_it_held(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = tmp_path / "in" / "feed.jsonl"
    rows = [{"id": f"n{i}", "title": f"Story {i}", "text": f"Text {i}."} for i in (1, 2, 3)]
    jsonl(feed, *rows)
    library = tmp_path / "lib"
    assert index(capsys, library, feed).summary["added"] == 3
    jsonl(feed, rows[0], json.dumps(rows[1])[:-5], rows[2])  # line 2 cut short by an editor
    broken = index(capsys, library, feed)
    assert (broken.code, broken.summary["removed"], broken.summary["unchanged"]) == (1, 0, 2)
    assert set(stored(library)) == {"Story 1", "Story 2", "Story 3"}


def test_a_truncated_array_keeps_the_articles_after_the_break(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    array = tmp_path / "in" / "array.json"
    array.parent.mkdir()
    rows = [{"title": f"Story {i}", "text": f"Text {i}."} for i in (1, 2, 3)]
    array.write_text(json.dumps(rows, indent=1))
    library = tmp_path / "lib"
    assert index(capsys, library, array).summary["added"] == 3
    array.write_text(json.dumps(rows, indent=1)[:60])  # the rest not written yet
    cut = index(capsys, library, array)
    assert (cut.code, cut.summary["removed"], len(cut.naming("array.json"))) == (1, 0, 1)
    assert set(stored(library)) == {"Story 1", "Story 2", "Story 3"}


# 6. What cannot be read keeps its articles ----------------------------------------------------


def _index_without_root_powers(
    library: Path, *paths: Path, cwd: Path
) -> subprocess.CompletedProcess:
    """Run the CLI so that file permissions apply, dropping root's override when needed."""
    command = [str(NEWSREADER), "index", *map(str, paths), "--library", str(library)]
    command += ["--no-analysis", "--json"]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("root reads anything, and setpriv is absent to drop that power")
        command = [setpriv, "--bounding-set=-dac_override,-dac_read_search", *command]
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=cwd, timeout=300)


@pytest.mark.slow
def test_an_unreadable_folder_or_file_keeps_its_articles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    article(folder, "top.txt", "Top story")
    article(folder / "sub", "inner.txt", "Inner story")
    secret = article(folder, "secret.txt", "Secret story")
    library = tmp_path / "lib"
    assert index(capsys, library, folder).summary["added"] == 3
    (folder / "sub").chmod(0)
    secret.write_text("Secret story\n\nRewritten, so that it has to be read again.\n")
    secret.chmod(0)
    try:
        done = _index_without_root_powers(library, Path("in"), cwd=tmp_path)  # relative, as typed
    finally:
        (folder / "sub").chmod(0o755)
        secret.chmod(0o644)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    summary = json.loads(done.stdout.splitlines()[-1])
    assert (summary["removed"], summary["failed"]) == (0, 2)
    problems = [line for line in done.stderr.splitlines() if "permission denied" in line]
    assert len(problems) == 2
    assert any("sub" in line for line in problems)
    assert any("secret.txt" in line for line in problems)
    assert set(stored(library)) == {"Top story", "Inner story", "Secret story"}
    healed = index(capsys, library, folder)
    assert (healed.code, healed.summary["unchanged"], healed.summary["removed"]) == (0, 2, 0)
    assert healed.summary["updated"] == 1


# 8-9. Symbolic links ----------------------------------------------------------------------------


def test_a_symlink_loop_on_the_command_line_is_named_as_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    good = article(tmp_path / "in", "good.txt", "Good story")
    done = index(capsys, tmp_path / "lib", loop, good)
    assert (done.code, done.summary["added"], done.summary["failed"]) == (1, 1, 1)
    [line] = done.naming("loop")
    assert "symbolic link loop" in line
    assert "no such file" not in line


def test_links_out_of_the_folder_given_are_not_followed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article(tmp_path, "outside.txt", "Outside story")
    folder = tmp_path / "in"
    article(folder / "sub", "inner.txt", "Inner story")
    (folder / "up").symlink_to("..")
    (folder / "also").symlink_to("sub")  # inside the folder: followed, counted once
    (folder / "linked.txt").symlink_to("../outside.txt")
    done = index(capsys, tmp_path / "lib", folder)
    assert (done.code, done.summary["added"], done.summary["duplicates"]) == (0, 1, 0)
    assert set(stored(tmp_path / "lib")) == {"Inner story"}
    [up] = done.naming(f"{folder / 'up'}:")
    [linked] = done.naming(f"{folder / 'linked.txt'}:")
    assert "outside" in up and "outside" in linked
