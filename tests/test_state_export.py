"""`newsreader state export FILE`: private whatever the umask, safe to `cat`, and whole or not
at all (a full disk leaves the previous export as it was)."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest
from cli_helpers import NEWSREADER
from state_helpers import article_ids, build, cli, copy

from newsreader.index.library import Library


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("state-export") / "library")


@pytest.fixture
def folder(built: Path, tmp_path: Path) -> Path:
    return copy(built, tmp_path / "library")


@pytest.fixture
def open_umask():
    old = os.umask(0)
    yield
    os.umask(old)


def export(capsys, folder: Path, target: str) -> tuple[int, str, str]:
    return cli(capsys, "state", "export", target, "--library", str(folder))


def test_the_export_is_private_whatever_the_umask(capsys, folder, tmp_path, open_umask) -> None:
    fresh, existing = tmp_path / "fresh.json", tmp_path / "existing.json"
    existing.write_text("old")
    existing.chmod(0o644)
    for target in (fresh, existing):
        code, _, err = export(capsys, folder, str(target))
        assert code == 0, err
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
        assert json.loads(target.read_text("utf-8"))["format"] == "newsreader-state"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["existing.json", "fresh.json", "library"]


def test_stdout_export_is_unchanged(capsys, folder) -> None:
    code, out, _ = export(capsys, folder, "-")
    assert code == 0 and json.loads(out)["version"] == 2


def test_control_characters_are_escaped_in_the_file(capsys, folder, tmp_path) -> None:
    """A library written by an older version may hold names with C1 controls in it."""
    first = article_ids(folder)[0]
    conn = sqlite3.connect(folder / "library.db")
    with conn:
        conn.execute("INSERT INTO saved_searches VALUES ('csi\u009b2J', 'q\x1b]2;x\x07 caf\u00e9')")
        conn.execute("INSERT INTO tags (article_id, tag) VALUES (?, 'nel\u0085')", (first,))
    conn.close()
    target = tmp_path / "state.json"
    assert export(capsys, folder, str(target))[0] == 0
    raw = target.read_bytes()
    assert not any(b < 0x20 and b != 0x0A for b in raw)
    text = raw.decode("utf-8")
    assert not any(0x7F <= ord(c) <= 0x9F for c in text)
    assert "\\u009b" in text and "café" in text  # readable non-ASCII stays as it is
    data = json.loads(text)
    assert data["saved_searches"] == {"csi\u009b2J": "q\x1b]2;x\x07 caf\u00e9"}
    assert data["articles"][first]["tags"] == ["nel\u0085"]


@pytest.mark.slow
def test_a_full_disk_leaves_the_previous_export_whole(capsys, folder, small_disk) -> None:
    first, second = article_ids(folder)
    with Library.open(folder) as library:
        for n in range(3000):  # an export larger than what is left
            library.add_tag([first, second], f"tag{n:05}")
    target = small_disk / "state.json"
    target.write_text("the previous export\n")
    with open(small_disk / "filler", "wb", buffering=0) as out:
        try:
            while True:
                out.write(b"\0" * 4096)
        except OSError:
            pass
    code, _, err = export(capsys, folder, str(target))
    assert code == 1
    assert err == f"newsreader: {target}: cannot write: No space left on device\n"
    assert target.read_text() == "the previous export\n"
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler", "state.json"]


def test_a_missing_folder_is_one_line(capsys, folder, tmp_path) -> None:
    target = tmp_path / "nowhere" / "state.json"
    code, _, err = export(capsys, folder, str(target))
    assert code == 1 and err == f"newsreader: {target}: cannot write: No such file or directory\n"


def test_a_symbolic_link_is_written_through_to_its_target(capsys, folder, tmp_path) -> None:
    real, link = tmp_path / "real.json", tmp_path / "link.json"
    real.write_text("the previous export\n")
    link.symlink_to(real.name)
    dangling = tmp_path / "dangling.json"
    dangling.symlink_to("made.json")
    for target in (link, dangling):
        code, _, err = export(capsys, folder, str(target))
        assert code == 0, err
        assert target.is_symlink()  # the link stays; what it points to holds the export
    assert json.loads(real.read_text("utf-8"))["format"] == "newsreader-state"
    assert json.loads((tmp_path / "made.json").read_text("utf-8"))["format"] == "newsreader-state"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "dangling.json", "library", "link.json", "made.json", "real.json"
    ]  # fmt: skip


def test_a_fifo_is_written_into_not_replaced(capsys, folder, tmp_path) -> None:
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    read: list[str] = []
    reader = threading.Thread(target=lambda: read.append(fifo.read_text("utf-8")), daemon=True)
    reader.start()
    code, _, err = export(capsys, folder, str(fifo))
    reader.join(timeout=60)
    assert code == 0, err
    assert json.loads(read[0])["format"] == "newsreader-state"
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_link_to_the_standard_output_is_written_as_a_redirection_would(tmp_path) -> None:
    """What /dev/stdout is (a link to /proc/self/fd/1), made here: renaming a file over the
    real one would replace it for every process on the machine."""
    from cli_helpers import run

    library = build(tmp_path / "library")
    stdout = tmp_path / "stdout"
    stdout.symlink_to("/proc/self/fd/1")
    done = run("state", "export", str(stdout), library=library)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["format"] == "newsreader-state"
    assert stdout.is_symlink() and sorted(p.name for p in tmp_path.iterdir()) == [
        "library", "stdout"
    ]  # fmt: skip
    with open("/dev/full", "w") as full:
        failed = subprocess.run([str(NEWSREADER), "state", "export", str(stdout), "--library",
                                 str(library)], stdout=full, capture_output=False,
                                stderr=subprocess.PIPE, text=True, timeout=120)  # fmt: skip
    assert failed.returncode == 1
    assert failed.stderr == f"newsreader: {stdout}: cannot write: No space left on device\n"
