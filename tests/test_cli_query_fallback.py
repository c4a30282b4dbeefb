"""`newsreader search` with queries whose words are all missing from the index: words no
article holds, and words the index leaves out (stop words), in sound queries and in broken ones
whose fallback search keeps only such words. Each finds nothing; none lists every article.

Through the installed entry point, on the bundled seeds (text only)."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import SEEDS, json_lines, run

pytestmark = pytest.mark.slow  # newsreader processes

COMMON = "only very common words, which are not indexed"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    library = tmp_path_factory.mktemp("fallback") / "library"
    done = run("index", str(SEEDS), "--no-analysis", library=library)
    assert done.returncode == 0, done.stderr
    assert len(json_lines(run("search", "--json", library=library).stdout)) == 2
    return library


@pytest.mark.parametrize(
    ("query", "problem"),
    [
        ("zzqxv", None),
        ("zzqxv blorf", None),
        ("zzqxv OR blorf", None),
        ("title:zzqxv", None),
        ("zzqxv*", None),
        ("the of", COMMON),
        ("the)", f"unbalanced parenthesis: {COMMON}"),
        ('"of the', f"unbalanced quote: {COMMON}"),
        ("the -", f'a lone "-" with nothing after it: {COMMON}'),
        ("zzqxv)", 'unbalanced parenthesis: searched for the words "zzqxv" instead'),
        ("foo:zzqxv", 'unknown field "foo:": searched for the words "foo zzqxv" instead'),
    ],
)
def test_a_query_of_missing_words_finds_nothing(seeded: Path, query: str, problem: str) -> None:
    done = run("search", "--json", "--", query, library=seeded)
    assert done.returncode == 0, done.stderr
    assert json_lines(done.stdout) == []
    expected = [f"newsreader: {problem}"] if problem else []
    assert done.stderr.splitlines() == expected


def test_a_broken_query_still_searches_its_real_words(seeded: Path) -> None:
    done = run("search", "--json", "--", "zelensky the)", library=seeded)
    assert len(json_lines(done.stdout)) == 2
    assert done.stderr == (
        'newsreader: unbalanced parenthesis: searched for the words "zelensky" instead\n'
    )


def test_a_broken_query_with_no_words_at_all_lists_everything_as_the_empty_query(
    seeded: Path,
) -> None:
    done = run("search", "--json", "--", '"', library=seeded)
    assert len(json_lines(done.stdout)) == 2
    assert done.stderr == "newsreader: unbalanced quote: showing all articles instead\n"


def test_a_date_range_written_backwards_is_read_forwards_and_says_so(seeded: Path) -> None:
    forwards = run("search", "--json", "date:2025-01-01..2025-01-31", library=seeded)
    backwards = run("search", "--json", "date:2025-01-31..2025-01-01", library=seeded)
    assert len(json_lines(forwards.stdout)) == 2 and forwards.stderr == ""
    assert backwards.stdout == forwards.stdout
    assert backwards.stderr == (
        "newsreader: date:2025-01-31..2025-01-01 runs backwards: searched "
        "date:2025-01-01..2025-01-31\n"
    )
