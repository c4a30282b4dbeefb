"""Hostile queries: thousands of words, deep parentheses, random query syntax never raise."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsreader.index.library import Library
from newsreader.tui.cli.main import main

pytestmark = pytest.mark.slow  # a library analysed with spaCy, and thousands of generated queries

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
    # (The words are a search in the query language, which cuts a query at 2,000 characters:
    # "soldiers " goes into them evenly, so no word is cut in half.)
    code, once, _ = run(capsys, command, "soldiers", "--json", "--library", str(seeded))
    assert code == 0 and once.strip()
    repeated = " ".join(["soldiers"] * MANY)[: len("soldiers ") * (2000 // len("soldiers "))]
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


TOKENS = [
    "kim",
    "soldiers",
    "korea",
    "ab*",
    "k*",
    "*",
    "-",
    "+",
    "(",
    ")",
    '"',
    "OR",
    "AND",
    "NOT",
    "title:",
    "person:",
    "date:",
    "after:",
    "before:",
    "tag:",
    "read:",
    "starred:",
    "yes",
    "no",
    ">",
    "<",
    "2024",
    "2025-01",
    "..",
    ":",
    "[a=b=c]",
    "\\",
    "é",
    "\x1b[31m",
    "\u200d",
    "",
]


@pytest.fixture(scope="module")
def text_library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    """The seeds without analysis: enough words and dates for every part of the language."""
    library = Library.open(tmp_path_factory.mktemp("fuzz") / "library")
    report = library.ingest([SEEDS], analyze=False)
    assert report.failed == 0
    yield library
    library.close()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(st.sampled_from(TOKENS), st.text(max_size=4)),
        max_size=12,
    ),
    st.sampled_from([" ", "", "  "]),
)
def test_random_query_syntax_never_raises(
    text_library: Library, tokens: list[str], glue: str
) -> None:
    query = glue.join(tokens)
    result = text_library.search(query, now=dt.datetime(2025, 1, 14))
    assert result.total >= len(result.hits) >= 0
    assert result.problem is None or "\n" not in result.problem


def two_letter_prefixes(count: int) -> list[str]:
    """Two-letter prefixes ("de*", "th*", ...), as a pasted list of word starts holds them."""
    letters = "tdrscpmbfghlwaeinou"
    return [a + b + "*" for a in letters for b in letters][:count]


def test_hundreds_of_short_prefixes_are_limited_and_say_so(text_library: Library) -> None:
    # 250 prefixes in two fields share 2,000 words: each keeps its 8 shortest, fewer than the
    # seeds hold for "de*", "re*" or "th*" (9 each).
    prefixes = two_letter_prefixes(250)
    assert {"de*", "re*", "th*"} <= set(prefixes)
    result = text_library.search(" OR ".join(prefixes), now=dt.datetime(2025, 1, 14))
    assert result.total > 0
    assert "a prefix matched too many words: each searched for its 8 shortest" in (
        result.problem or ""
    )
    alone = text_library.search("de*", now=dt.datetime(2025, 1, 14))
    assert alone.problem is None and alone.total > 0  # one prefix keeps up to 500 words
