"""The quote and claim tables the library views read: filled once in a library made before them,
kept equal to the stored analyses by SQLite's triggers, and stood in for by temporary tables in
a library opened read-only.

`fixtures/old_library/library.db` was written by newsreader at b241366, before the tables
existed: `tests/tui/views_library.py`'s sources (the seeds, an undated article and three sourced
ones) indexed with the analysis, then `VACUUM INTO` that file.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from newsreader.index.library import Library
from newsreader.index.models import Analysis, Claim, Quote
from newsreader.index.record.codec import decode_analysis, encode_analysis
from newsreader.index.record.db import Record
from newsreader.tui.cli.main import main

OLD = Path(__file__).parent / "fixtures" / "old_library" / "library.db"


@pytest.fixture
def old_library(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    shutil.copy(OLD, folder / "library.db")
    return folder


def stored(db: Path) -> tuple[list[tuple[str, Quote]], list[tuple[str, Claim]]]:
    """Every (article id, quote) and (article id, claim) decoded from the analyses' JSON."""
    conn = sqlite3.connect(db)
    quotes, claims = [], []
    for article_id, data in conn.execute("SELECT id, analysis FROM articles ORDER BY id"):
        analysis = decode_analysis(data)
        quotes += [(article_id, q) for q in analysis.quotes]
        claims += [(article_id, c) for c in analysis.claims]
    conn.close()
    return quotes, claims


def table_rows(conn: sqlite3.Connection, table: str) -> list[tuple[str, list]]:
    rows = conn.execute(f"SELECT article_id, row FROM {table} ORDER BY article_id, seq")
    return [(article_id, json.loads(row)) for article_id, row in rows]


def as_rows(pairs: list[tuple[str, object]]) -> list[tuple[str, list]]:
    """Quotes and claims as the codec stores their rows."""
    out = []
    for article_id, item in pairs:
        analysis = Analysis(
            quotes=(item,) if isinstance(item, Quote) else (),
            claims=(item,) if isinstance(item, Claim) else (),
        )
        encoded = json.loads(encode_analysis(analysis))
        out.append((article_id, (encoded["q"] or encoded["c"])[0]))
    return out


def test_a_library_from_before_the_tables_is_filled_once_on_open(old_library: Path) -> None:
    db = old_library / "library.db"
    quotes, claims = stored(db)
    assert quotes and claims, "the fixture holds an analysed library"
    with Library.open(old_library) as library:
        conn = sqlite3.connect(db)
        assert table_rows(conn, "quotes") == as_rows(quotes)
        assert table_rows(conn, "claims") == as_rows(claims)
        names = {s.name for s in library.views.speakers()}
        assert {"Volodymyr Zelensky", "Maria Lopez", "Rustem Umerov"} <= names
        assert conn.execute("SELECT value FROM meta WHERE key = 'annotation_rows'").fetchone()
        conn.close()


def test_the_commands_read_a_migrated_old_library(
    old_library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["speakers", "--json", "--library", str(old_library)]) == 0
    speakers = {
        row["speaker"]: row for row in map(json.loads, capsys.readouterr().out.split("\n")[:-1])
    }
    assert speakers["Maria Lopez"]["quotes"] == 3 and speakers["Maria Lopez"]["articles"] == 3
    assert main(["claims", "--group", "jobs", "--json", "--library", str(old_library)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [row["shown"] for row in rows] == ["300", "1,200"]


def test_the_tables_follow_every_article_written_replaced_or_removed(old_library: Path) -> None:
    db = old_library / "library.db"
    record = Record.open(db)
    conn, store = record.conn, record.articles
    article_id = conn.execute("SELECT id FROM articles WHERE source = 'Wire'").fetchone()[0]
    article = store.article(article_id)
    assert article is not None
    quote = Quote("“Still steady,”", 0, 15, ((0, 15),), "Ann Bell")
    claim = Claim("7 ships", 20, 27, 7.0, unit="ships", sentence="They counted 7 ships.")
    store.put(article, Analysis(quotes=(quote,), claims=(claim,)))
    assert table_rows(conn, "quotes") == as_rows(stored(db)[0])
    assert [r for r in table_rows(conn, "quotes") if r[0] == article_id] == as_rows(
        [(article_id, quote)]
    )
    store.put(article, None)  # stored again without an analysis: its rows go
    assert not conn.execute("SELECT 1 FROM claims WHERE article_id = ?", (article_id,)).fetchone()
    record.remove([conn.execute("SELECT id FROM articles WHERE source = 'Border Gazette'")
                   .fetchone()[0]])  # fmt: skip
    assert table_rows(conn, "quotes") == as_rows(stored(db)[0])
    assert table_rows(conn, "claims") == as_rows(stored(db)[1])
    record.close()


def test_a_read_only_old_library_gets_the_rows_in_memory(old_library: Path) -> None:
    db = old_library / "library.db"
    before = db.read_bytes()
    record = Record.open(db, read_only=True)
    assert table_rows(record.conn, "quotes") == as_rows(stored(db)[0])
    assert table_rows(record.conn, "claims") == as_rows(stored(db)[1])
    record.close()
    assert db.read_bytes() == before, "nothing written to a library opened read-only"
