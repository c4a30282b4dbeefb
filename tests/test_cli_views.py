"""`speakers`, `quotes` and `claims` through the entry point, narrowed by the query language, on
a library that mixes dated and undated articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsreader.tui.cli.main import main

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
UNDATED = """Troops gather at the border

Officials counted 4,500 soldiers near the border, up from about 3,000 a month earlier. Prices \
rose 40% and the contract was worth £1.2bn.

"We will not give up an inch of our land," defence minister Rustem Umerov said on Monday.

"Ukraine will hold the line," Volodymyr Zelenskyy said.
"""
ARTICLE_KEYS = {"article_id", "title", "source", "date", "url", "start", "end"}


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The two dated seeds (Zelensky) and one undated article (Zelenskyy, Umerov), analysed."""
    root = tmp_path_factory.mktemp("views")
    (root / "undated").mkdir()
    (root / "undated" / "border.txt").write_text(UNDATED, encoding="utf-8")
    library = root / "library"
    assert main(["index", str(SEEDS), str(root / "undated"), "--library", str(library)]) == 0
    return library


def run(capsys: pytest.CaptureFixture[str], library: Path, *argv: str) -> list[dict]:
    code = main([*argv, "--json", "--library", str(library)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Traceback" not in err
    return [json.loads(line) for line in out.splitlines()]


def human(capsys: pytest.CaptureFixture[str], library: Path, *argv: str) -> str:
    code = main([*argv, "--library", str(library)])
    out, err = capsys.readouterr()
    assert code == 0 and "Traceback" not in err, err
    return out


def test_speakers_are_merged_across_articles_with_counts_and_dates(
    mixed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = {row["speaker"]: row for row in run(capsys, mixed, "speakers")}
    zelensky = next(row for name, row in rows.items() if "Zelensk" in name)
    assert {"Volodymyr Zelensky", "Volodymyr Zelenskyy"} <= set(zelensky["names"])
    # quoted in the seed of 2025-01-13 as "Zelensky", in the undated article as "Zelenskyy"
    assert zelensky["articles"] == 2, "one speaker across the two articles"
    assert zelensky["first"] == zelensky["last"] == "2025-01-13", "the undated one has no date"
    assert rows["Rustem Umerov"] == {
        "speaker": "Rustem Umerov", "quotes": 1, "articles": 1, "first": None, "last": None,
        "names": ["Rustem Umerov"],
    }  # fmt: skip
    counts = [row["quotes"] for row in run(capsys, mixed, "speakers")]
    assert counts == sorted(counts, reverse=True), "the most quoted first"


def test_the_query_language_narrows_speakers(
    mixed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    everyone = {row["speaker"]: row for row in run(capsys, mixed, "speakers")}
    january = {row["speaker"]: row for row in run(capsys, mixed, "speakers", "date:2025-01")}
    assert "Rustem Umerov" in everyone and "Rustem Umerov" not in january
    assert set(january) < set(everyone)
    assert run(capsys, mixed, "speakers", "date:2024") == []
    out = human(capsys, mixed, "speakers")
    assert "Rustem Umerov" in out and "—" in out, "an undated speaker's dates are dashes"


def test_quotes_newest_first_with_article_fields_and_offsets(
    mixed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = run(capsys, mixed, "quotes", "--speaker", "zelensky", "--limit", "0")
    assert rows and all(set(row) >= ARTICLE_KEYS for row in rows)
    assert {row["speaker"] for row in rows} == {rows[0]["speaker"]}, "one merged speaker"
    dates = [row["date"] for row in rows]
    assert dates[-1] is None, "the undated article's quote comes last"
    assert dates[:-1] == sorted(dates[:-1], reverse=True)
    for row in rows:
        code = main(["show", row["article_id"], "--json", "--library", str(mixed)])
        article = json.loads(capsys.readouterr().out)
        assert code == 0
        said = article["text"][row["start"] : row["end"]]
        assert row["quote"]["text"].split()[0] in said


def test_quotes_and_claims_take_the_query_language(
    mixed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    quotes = run(capsys, mixed, "quotes", "date:2025-01", "--limit", "0")
    assert quotes and all(row["date"].startswith("2025-01") for row in quotes)
    claims = run(capsys, mixed, "claims", "date:2025-01", "--limit", "0")
    assert claims and all(row["date"].startswith("2025-01") for row in claims)
    everything = run(capsys, mixed, "claims", "--limit", "0")
    assert len(everything) > len(claims)
    undated = [row for row in everything if row["date"] is None]
    assert {row["shown"] for row in undated} >= {"4,500", "40%", "£1.2bn"}
    assert all(ARTICLE_KEYS | {"group", "claim"} <= set(row) for row in everything)
    assert run(capsys, mixed, "quotes", "source:nowhere") == []
    first = run(capsys, mixed, "quotes", "date:2025-01", "--limit", "1")
    assert first == quotes[:1], "the limit applies to the query's quotes"
    assert run(capsys, mixed, "claims", "--limit", "2") == everything[:2]


def test_claims_grouped_by_what_they_count(mixed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    groups = {row["name"]: row for row in run(capsys, mixed, "claims", "--group")}
    assert {"soldiers", "%", "GBP"} <= set(groups)
    assert groups["soldiers"]["articles"] == 3
    assert groups["GBP"]["first"] is None
    soldiers = run(capsys, mixed, "claims", "--group", "Soldier", "--limit", "0")
    assert len(soldiers) == groups["soldiers"]["claims"]
    assert {row["group"] for row in soldiers} == {"soldiers"}
    out = human(capsys, mixed, "claims", "--group")
    assert "soldiers" in out and "—" in out


def test_a_group_no_claim_counts_is_one_line_saying_where_the_query_goes(
    mixed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["claims", "--group", "date:2025-01", "--library", str(mixed)])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert err == (
        "newsreader: no claims count 'date:2025-01'; `newsreader claims --group` lists what"
        " they count (a query goes before --group)\n"
    )
    assert run(capsys, mixed, "claims", "source:nowhere", "--group", "soldiers") == []
