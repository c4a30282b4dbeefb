"""Hostile queries: thousands of words, deep parentheses, random query syntax, never raise."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsreader.tui.cli.main import main

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
MANY = 5000


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A library of the seeds, analysed (so it has quotes and claims)."""
    library = tmp_path_factory.mktemp("limits") / "library"
    assert main(["index", str(SEEDS), "--library", str(library)]) == 0
    return library


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("command", ["quotes", "claims"])
def test_thousands_of_repeated_words_search_quotes_and_claims(
    seeded: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    # One word said 5,000 times asks what the word once asks: the same hits, no RecursionError.
    code, once, _ = run(capsys, command, "soldiers", "--json", "--library", str(seeded))
    assert code == 0 and once.strip()
    repeated = " ".join(["soldiers"] * MANY)
    code, out, err = run(capsys, command, repeated, "--json", "--library", str(seeded))
    assert code == 0, err
    assert [json.loads(line) for line in out.splitlines()] == [
        json.loads(line) for line in once.splitlines()
    ]


def test_thousands_of_mixed_words_and_stop_words_ask_what_each_word_asks_once(
    seeded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    words = ["north", "korean", "soldiers"]
    code, once, _ = run(capsys, "claims", *words, "--json", "--library", str(seeded))
    assert code == 0 and once.strip()
    pasted = " ".join([*words, "the", "a"] * (MANY // 5))
    code, out, err = run(capsys, "claims", pasted, "--json", "--library", str(seeded))
    assert (code, err) == (0, "")
    assert out == once


def test_search_with_thousands_of_words_or_parentheses_says_why(
    seeded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for query in (" a" * MANY, " soldiers" * MANY, "(" * MANY + "kim" + ")" * MANY):
        code, _, err = run(capsys, "search", query, "--json", "--library", str(seeded))
        assert code == 0
        assert err.startswith("newsreader: the query was cut to its first 2,000 characters")
        assert len(err.strip().splitlines()) == 1
