"""Which command runs: options before the command, near-misses, the reader's own words."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from cli_helpers import NEWSREADER, SEEDS, json_lines, run

from newsreader.tui.cli.main import edit_distance, near_commands

ONE_SEED = SEEDS / "000_904cde68c2f7b3f6.txt"


def test_options_before_the_command(tmp_path: Path) -> None:
    library = tmp_path / "chosen"
    done = run("--library", str(library), "--json", "index", str(ONE_SEED), "--no-analysis",
               library=tmp_path / "elsewhere")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json_lines(done.stdout)[0]["added"] == 1
    stats = json_lines(run("--library", str(library), "stats", "--json").stdout)[0]
    assert stats["articles"] == 1, "only the named file, no demo articles"
    assert not (tmp_path / "elsewhere").exists()


@pytest.mark.slow
def test_global_now_and_option_after_the_command_wins(tmp_path: Path) -> None:
    library = tmp_path / "lib"
    assert run("index", str(SEEDS), "--no-analysis", library=library).returncode == 0
    done = run("--now", "2025-01-13T10:00", "search", "date:yesterday", "--json", library=library)
    assert [h["date"] for h in json_lines(done.stdout)] == ["2025-01-12"]
    other = tmp_path / "other"
    done = run("--library", str(other), "stats", "--library", str(library), "--json")
    assert json_lines(done.stdout)[0]["articles"] == 2
    assert not other.exists()


@pytest.mark.parametrize(("typed", "meant"), [("stat", "stats"), ("serach", "search"),
                                              ("indx", "index"), ("qoutes", "quotes")])  # fmt: skip
def test_a_near_miss_is_a_usage_error_naming_the_command(
    typed: str, meant: str, tmp_path: Path
) -> None:
    library = tmp_path / "lib"
    done = run(typed, "korea", library=library)
    assert done.returncode == 2
    assert f"did you mean '{meant}'" in done.stderr or f"'{meant}'?" in done.stderr
    assert f"newsreader -- {typed}" in done.stderr, "says how to search for the word"
    assert len(done.stderr.strip().splitlines()) == 1
    assert not library.exists(), "nothing opened, nothing seeded"


def test_words_far_from_every_command_still_go_to_the_reader(tmp_path: Path) -> None:
    # Without a terminal the reader refuses: the message shows the words went to it.
    for argv in (["kim", "jong", "un"], ["--", "stats"], ["--query", "index"]):
        done = run(*argv, library=tmp_path / "lib")
        assert done.returncode == 2, argv
        assert "the reader needs a terminal" in done.stderr, argv


def test_the_reader_without_a_terminal_refuses_at_once(tmp_path: Path) -> None:
    library = tmp_path / "lib"
    with (tmp_path / "out").open("w") as out:
        done = subprocess.run([str(NEWSREADER), "--library", str(library)], stdout=out,
                              stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
                              timeout=60)  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "newsreader: the reader needs a terminal; use `newsreader search` for scripts"
    ]
    assert (tmp_path / "out").read_text() == ""
    assert not library.exists()


def test_reader_options_with_a_command_are_a_usage_error(tmp_path: Path) -> None:
    done = run("--no-mouse", "stats", library=tmp_path / "lib")
    assert done.returncode == 2
    assert "options of the reader" in done.stderr


def test_version() -> None:
    from importlib.metadata import version

    for argv in (["--version"], ["--library", "/nonexistent", "--version"]):
        done = run(*argv)
        assert done.returncode == 0
        assert done.stdout == f"newsreader {version('newsreader')}\n"


def test_near_commands_keeps_news_words_apart() -> None:
    assert edit_distance("serach", "search") == 1
    assert near_commands("stat") == ["state", "stats"]
    for word in ("kim", "tariff", "korea", "ukraine", "trade", "soldiers", "elections"):
        assert near_commands(word) == [], word


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts(shell: str) -> None:
    done = run("completion", shell)
    assert done.returncode == 0, done.stderr
    script = done.stdout
    assert "newsreader" in script
    for command in ("index", "search", "show", "quotes", "completion"):
        assert command in script
    marker = {"bash": "complete -o", "zsh": "#compdef newsreader", "fish": "complete -c newsreader"}
    assert marker[shell] in script


def test_bash_completion_loads_and_completes_a_command(tmp_path: Path) -> None:
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash is not installed")
    script = tmp_path / "newsreader.bash"
    script.write_text(run("completion", "bash").stdout)
    probe = (
        f"source {script} && complete -p newsreader >/dev/null && "
        'COMP_WORDS=(newsreader sea); COMP_CWORD=1; COMP_LINE="newsreader sea"; '
        "COMP_POINT=${#COMP_LINE}; _shtab_newsreader newsreader sea newsreader; "
        'echo "${COMPREPLY[*]}"; '
        'COMP_WORDS=(newsreader search --li); COMP_CWORD=2; COMP_LINE="newsreader search --li"; '
        "COMP_POINT=${#COMP_LINE}; _shtab_newsreader newsreader --li search; "
        'echo "${COMPREPLY[*]}"'
    )
    done = subprocess.run([bash, "--norc", "-c", probe], capture_output=True, text=True,
                          timeout=60)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["search", "--limit --library"]


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (("search", "--limit", "0"), "search: --limit must be 1 or more, not 0"),
        (("search", "x", "--limit", "-1"), "search: --limit must be 1 or more, not -1"),
        (("search", "--offset", "-2"), "search: --offset must be 0 or more, not -2"),
        (("quotes", "--limit", "-1"), "quotes: --limit must be 0 or more (0: all), not -1"),
        (("claims", "--group", "--limit", "-3"),
         "claims: --limit must be 0 or more (0: all), not -3"),
    ],
)  # fmt: skip
def test_a_limit_out_of_range_is_one_usage_line(tmp_path: Path, args, line: str) -> None:
    done = run(*args, library=tmp_path / "library")
    assert (done.returncode, done.stdout, done.stderr) == (2, "", f"newsreader: {line}\n")
    assert not (tmp_path / "library").exists()  # refused before the library is opened


def test_the_views_still_take_limit_0_for_all(tmp_path: Path) -> None:
    done = run("speakers", "--limit", "0", library=tmp_path / "library")
    assert done.returncode == 0, done.stderr
