"""A view's rows read a part at a time come in the same order as read at once, for every
article and for a search's, whatever the parts' sizes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newsreader.index.library import Library
from newsreader.index.record import row_reader
from newsreader.index.record.row_reader import RowReader

OLD = Path(__file__).parent / "fixtures" / "old_library" / "library.db"


@pytest.fixture
def library(tmp_path: Path):
    folder = tmp_path / "library"
    folder.mkdir()
    shutil.copy(OLD, folder / "library.db")
    with Library.open(folder) as opened:
        yield opened


def every(reader: RowReader, part: int) -> list:
    rows = []
    while not reader.done:
        rows += reader.read(part)
    return rows


@pytest.mark.parametrize("table", ["quotes", "claims"])
def test_parts_read_the_rows_in_order(library, table, monkeypatch) -> None:
    conn = library._record.conn
    at_once = every(RowReader(conn, table, None, None), 10_000)
    assert len(at_once) == conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    monkeypatch.setattr(row_reader, "KEYS_AT_ONCE", 1)  # the keys walked one at a time too
    assert every(RowReader(conn, table, None, None), 1) == at_once
    some = {article for article, _ in at_once[::2]}
    searched = every(RowReader(conn, table, some, None), 2)
    assert searched == [row for row in at_once if row[0] in some], "the search's, in order"
    assert every(RowReader(conn, table, set(), None), 3) == []
