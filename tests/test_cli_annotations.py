"""`quotes`, `claims` and `reindex` through the command line, on dated and undated articles."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import SEEDS, json_lines, run

pytestmark = pytest.mark.slow  # newsreader processes over a library analysed with spaCy

UNDATED = """Troops gather at the border

Officials counted 4,500 soldiers near the border, up from about 3,000 a month earlier.

"We will not give up an inch of our land," defence minister Rustem Umerov said on Monday.
"""


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The two dated seeds and one article without a date, analysed."""
    root = tmp_path_factory.mktemp("mixed")
    (root / "undated").mkdir()
    (root / "undated" / "border.txt").write_text(UNDATED, encoding="utf-8")
    library = root / "library"
    done = run("index", str(SEEDS), str(root / "undated"), "--json", library=library)
    assert done.returncode == 0, done.stderr
    assert json_lines(done.stdout)[0]["added"] == 3
    return library


def _quotes(library: Path, *words: str) -> list[dict]:
    done = run("quotes", *words, "--json", library=library)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return json_lines(done.stdout)


def test_quotes_lists_dated_and_undated_articles(mixed: Path) -> None:
    rows = _quotes(mixed)
    dates = {row["date"] for row in rows}
    assert None in dates, "the undated article's quote is listed"
    assert {"2025-01-12", "2025-01-13"} <= dates
    undated = [row for row in rows if row["date"] is None]
    assert any("inch of our land" in row["quote"]["text"] for row in undated)


def test_quotes_by_speaker_and_human_output(mixed: Path) -> None:
    assert any("Umerov" in (r["quote"]["speaker"] or "") for r in _quotes(mixed, "land"))
    done = run("quotes", "land", library=mixed)
    assert done.returncode == 0, done.stderr
    assert "inch of our land" in done.stdout
    assert "—" in done.stdout, "an undated quote shows a dash for its date"


def test_claims_lists_dated_and_undated_articles(mixed: Path) -> None:
    done = run("claims", "--json", library=mixed)
    assert done.returncode == 0, done.stderr
    rows = json_lines(done.stdout)
    assert any(row["date"] is None and row["claim"]["value"] == 4500 for row in rows)
    assert any(row["date"] is not None for row in rows)
    human = run("claims", "soldiers", library=mixed)
    assert human.returncode == 0, human.stderr
    assert "4,500" in human.stdout


def test_reindex_keeps_quotes_and_claims(mixed: Path) -> None:
    before = _quotes(mixed)
    done = run("reindex", "--json", library=mixed)
    assert done.returncode == 0, done.stderr
    assert json_lines(done.stdout) == [{"indexed": 3}]
    after = _quotes(mixed)
    assert sorted(r["quote"]["text"] for r in after) == sorted(r["quote"]["text"] for r in before)
    claims = json_lines(run("claims", "soldiers", "--json", library=mixed).stdout)
    assert any(row["claim"]["value"] == 4500 for row in claims)
