"""`newsreader state export|import`: the newer change of each flag and tag wins, `--replace`
restores wholesale, files from the previous version still import, old libraries are migrated."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from state_helpers import article_ids, build, cli, copy, write_state

from newsreader.index.library import Library


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("state") / "library")


@pytest.fixture
def pair(built: Path, tmp_path: Path) -> tuple[Path, Path]:
    """Two libraries of the same articles: here, and another machine's."""
    return copy(built, tmp_path / "here"), copy(built, tmp_path / "there")


def states(folder: Path):
    with Library.open(folder) as library:
        ids = article_ids(folder)
        return library.states(ids)


def export(capsys, folder: Path, target: Path) -> dict:
    code, _, err = cli(capsys, "state", "export", str(target), "--library", str(folder))
    assert code == 0, err
    return json.loads(target.read_text("utf-8"))


def test_a_newer_unstar_and_unread_carry_over(capsys, pair, tmp_path) -> None:
    here, there = pair
    first = article_ids(here)[0]
    with Library.open(here) as library:
        library.set_starred([first], True)
        library.set_read([first], True)
    with Library.open(there) as library:  # later, on the other machine: starred, then undone
        library.set_starred([first], True)
        library.set_read([first], True)
        library.set_starred([first], False)
        library.set_read([first], False)
    export(capsys, there, tmp_path / "state.json")
    code, _, err = cli(
        capsys, "state", "import", str(tmp_path / "state.json"), "--library", str(here)
    )
    assert code == 0, err
    assert not states(here)[first].starred and not states(here)[first].read


def test_an_older_change_does_not_win(capsys, pair, tmp_path) -> None:
    here, there = pair
    first = article_ids(here)[0]
    with Library.open(there) as library:
        library.set_starred([first], True)
    export(capsys, there, tmp_path / "state.json")
    with Library.open(here) as library:  # after that export: starred and unstarred here
        library.set_starred([first], True)
        library.set_starred([first], False)
    cli(capsys, "state", "import", str(tmp_path / "state.json"), "--library", str(here))
    assert not states(here)[first].starred


def test_a_removed_tag_is_removed_and_a_later_added_one_kept(capsys, pair, tmp_path) -> None:
    here, there = pair
    first, second = article_ids(here)
    with Library.open(here) as library:
        library.add_tag([first], "check")
    with Library.open(there) as library:
        library.add_tag([first, second], "check")
        library.remove_tag([first, second], "check")
    data = export(capsys, there, tmp_path / "state.json")
    assert data["articles"][first]["tags"] == []
    assert "check" in data["articles"][first]["changed"]["tags"]  # the removal, with its time
    with Library.open(here) as library:  # after the removal there: tagged again here
        library.add_tag([second], "check")
    cli(capsys, "state", "import", str(tmp_path / "state.json"), "--library", str(here))
    assert states(here)[first].tags == ()
    assert states(here)[second].tags == ("check",)


def test_replace_restores_the_file_wholesale(capsys, pair, tmp_path) -> None:
    here, there = pair
    first, second = article_ids(here)
    with Library.open(there) as library:
        library.set_read([first], True)
        library.save_search("kept", "harbour")
    export(capsys, there, tmp_path / "state.json")
    with Library.open(here) as library:  # newer than the export, but a restore is a restore
        library.set_starred([second], True)
        library.add_tag([second], "later")
        library.set_read([first], False)
        library.save_search("dropped", "x")
    code, _, err = cli(
        capsys, "state", "import", "--replace", str(tmp_path / "state.json"), "--library", str(here)
    )
    assert code == 0, err
    assert states(here)[first].read
    assert states(here)[second] == states(there)[second]
    with Library.open(here) as library:
        assert [s[:2] for s in library.saved_searches()] == [("kept", "harbour")]


def test_a_file_of_the_previous_version_still_imports(capsys, pair, tmp_path) -> None:
    """Version 1 files carry no times: they count as older than any change stored here."""
    here, _ = pair
    first, second = article_ids(here)
    with Library.open(here) as library:
        library.set_starred([first], True)
        library.set_starred([first], False)
    old = {
        "format": "newsreader-state",
        "version": 1,
        "articles": {
            first: {"read": False, "starred": True, "archived": False, "tags": []},
            second: {"read": True, "starred": False, "archived": False, "tags": ["old"]},
        },
        "saved_searches": {"ports": "harbour"},
    }
    code, _, err = cli(
        capsys, "state", "import", str(write_state(tmp_path / "v1.json", old)),
        "--library", str(here),
    )  # fmt: skip
    assert code == 0, err
    assert not states(here)[first].starred  # the un-star here is newer
    assert states(here)[second].read and states(here)[second].tags == ("old",)


def test_export_carries_the_times_and_round_trips(capsys, pair, tmp_path) -> None:
    here, there = pair
    first = article_ids(here)[0]
    with Library.open(there) as library:
        library.set_archived([first], True)
        library.add_tag([first], "keep")
    data = export(capsys, there, tmp_path / "a.json")
    assert data["version"] == 2
    changed = data["articles"][first]["changed"]
    assert set(changed) == {"archived", "tags"} and set(changed["tags"]) == {"keep"}
    cli(capsys, "state", "import", str(tmp_path / "a.json"), "--library", str(here))
    again = export(capsys, here, tmp_path / "b.json")
    assert again["articles"] == data["articles"]


def _downgrade(folder: Path) -> None:
    """Rewrite the triage tables as the previous version stored them (no per-flag times)."""
    conn = sqlite3.connect(folder / "library.db")
    conn.executescript(
        """
        DROP TABLE state; DROP TABLE tags;
        CREATE TABLE state (article_id TEXT PRIMARY KEY, read INTEGER NOT NULL DEFAULT 0,
            starred INTEGER NOT NULL DEFAULT 0, archived INTEGER NOT NULL DEFAULT 0,
            updated REAL NOT NULL DEFAULT 0);
        CREATE TABLE tags (article_id TEXT NOT NULL, tag TEXT NOT NULL,
            PRIMARY KEY (article_id, tag));
        CREATE INDEX tags_tag ON tags(tag);
        """
    )
    return conn


def test_an_old_library_is_migrated_without_losing_state(capsys, pair, tmp_path) -> None:
    here, _ = pair
    first, second = article_ids(here)
    conn = _downgrade(here)
    with conn:
        conn.execute("INSERT INTO state VALUES (?, 1, 0, 1, 1700000000.5)", (first,))
        conn.execute("INSERT INTO tags VALUES (?, 'old')", (second,))
    conn.close()
    data = export(capsys, here, tmp_path / "state.json")
    entry = data["articles"][first]
    assert (entry["read"], entry["starred"], entry["archived"]) == (True, False, True)
    # A set flag is dated by the row's last change; an unset one counts as never changed.
    assert entry["changed"] == {"read": 1700000000.5, "archived": 1700000000.5}
    assert data["articles"][second]["tags"] == ["old"]
    assert states(here)[second].tags == ("old",)


def test_merge_reports_counts_with_plurals(capsys, pair, tmp_path) -> None:
    here, there = pair
    first = article_ids(here)[0]
    with Library.open(there) as library:
        library.set_read([first], True)
    export(capsys, there, tmp_path / "state.json")
    code, _, err = cli(
        capsys, "state", "import", str(tmp_path / "state.json"), "--library", str(here)
    )
    assert code == 0
    assert "merged state of 1 article:" in err and "1 changed" in err
    assert "1 articles" not in err


def test_import_json_counts_and_replace_is_for_import_only(capsys, pair, tmp_path) -> None:
    here, there = pair
    first = article_ids(here)[0]
    with Library.open(there) as library:
        library.set_read([first], True)
    export(capsys, there, tmp_path / "state.json")
    args = ("--library", str(here))
    code, out, _ = cli(capsys, "state", "import", str(tmp_path / "state.json"), "--json", *args)
    assert code == 0
    assert json.loads(out) == {
        "merged": 1, "changed": 1, "not_in_library": 0, "saved_searches": 0, "problems": 0
    }  # fmt: skip
    code, _, err = cli(capsys, "state", "export", "--replace", str(tmp_path / "x.json"), *args)
    assert code == 2 and "--replace is for state import" in err
    assert not (tmp_path / "x.json").exists()


def test_the_library_refuses_a_tag_outside_the_alphabet(pair) -> None:
    from newsreader.index.record.tags import TagError

    here, _ = pair
    first = article_ids(here)[0]
    with Library.open(here) as library:
        for name in ("to read", "a,b", "-x", "x" * 65, "bell\x07", ""):
            with pytest.raises(TagError):
                library.add_tag([first], name)
        library.add_tag([first], "à-lire:2025")
        assert library.tags() == ["à-lire:2025"]


def test_import_from_stdin(capsys, pair, tmp_path, monkeypatch) -> None:
    import io
    import sys

    here, there = pair
    first = article_ids(here)[0]
    with Library.open(there) as library:
        library.set_archived([first], True)
    text = export(capsys, there, tmp_path / "state.json")
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(text)))
    code, _, err = cli(capsys, "state", "import", "-", "--library", str(here))
    assert code == 0, err
    assert states(here)[first].archived
