"""`show` takes a unique prefix of an id, as git does; an ambiguous one lists candidates."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

import pytest
from cli_helpers import json_lines, run

pytestmark = pytest.mark.slow  # newsreader processes over a library of many articles

ARTICLES = 400  # enough for two ids to share their first four digits


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    root = tmp_path_factory.mktemp("prefix")
    feed = root / "feed.jsonl"
    rows = [{"title": f"Report number {n}", "text": f"Harbour traffic report {n}."} for n in
            range(ARTICLES)]  # fmt: skip
    feed.write_text("".join(json.dumps(row) + "\n" for row in rows))
    library = root / "library"
    assert run("index", str(feed), "--no-analysis", library=library).returncode == 0
    found = run("search", "--limit", str(ARTICLES), "--json", library=library)
    return library, sorted(h["id"] for h in json_lines(found.stdout))


def test_a_unique_prefix_shows_the_article(many: tuple[Path, list[str]]) -> None:
    library, ids = many
    target = ids[len(ids) // 2]
    prefix = next(target[:n] for n in range(4, 17) if sum(i.startswith(target[:n]) for i in ids)
                  == 1)  # fmt: skip
    done = run("show", prefix, "--json", library=library)
    assert done.returncode == 0, done.stderr
    assert json_lines(done.stdout)[0]["id"] == target
    assert run("show", prefix.upper(), "--json", library=library).returncode == 0


def test_an_ambiguous_prefix_is_one_line_listing_candidates(many: tuple[Path, list[str]]) -> None:
    library, ids = many
    shared = next(a[:4] for a, b in pairwise(ids) if a[:4] == b[:4])
    done = run("show", shared, library=library)
    assert done.returncode == 1
    assert done.stdout == ""
    (line,) = done.stderr.splitlines()
    assert f"id prefix '{shared}' is ambiguous" in line
    assert sum(i in line for i in ids if i.startswith(shared)) >= 2


def test_too_short_or_unknown_is_no_article(many: tuple[Path, list[str]]) -> None:
    library, ids = many
    for typed in (ids[0][:3], "zzzz"):
        done = run("show", typed, library=library)
        assert done.returncode == 1
        assert done.stderr.splitlines() == [f"newsreader: no article with id '{typed}'"]
