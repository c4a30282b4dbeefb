"""Every quote and claim of the library as rows of their own, for the views across the library.

An article's analysis is stored as one JSON document (`codec.encode_analysis`), most of it
entities. The library views need only the quotes and claims, across 20,000 articles, and
decoding every document to find them took seconds. So SQLite keeps them in two tables beside
the articles, filled by triggers whenever an article's analysis is written, replaced or
deleted: whatever writes the record (an index run, a fetch, an older newsreader), the tables
hold what the articles hold, in the same transaction. Each row keeps the codec's positional
JSON row (`row`) with the columns the views select and sort on beside it: the speaker or unit,
and the article's date (indexed newest first, undated last, so the first rows come at once).

A library made before these tables existed is filled once when it is first opened for writing
(`migrate`); one opened read-only gets the same tables in its connection's temporary schema.
"""

from __future__ import annotations

import sqlite3

from .codec import CLAIMS, QUOTES

VERSION = "1"  # meta `annotation_rows`: the tables are filled for every article
META_KEY = "annotation_rows"

# The codec's row positions: a quote's speaker, a claim's unit.
_SPEAKER, _UNIT = 4, 7

_TABLES = """
CREATE TABLE IF NOT EXISTS {schema}quotes (
    article_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    date TEXT,
    speaker TEXT,
    row TEXT NOT NULL,
    PRIMARY KEY (article_id, seq)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS {schema}quotes_speaker ON quotes(speaker, date DESC, article_id, seq);
CREATE INDEX IF NOT EXISTS {schema}quotes_newest ON quotes(date DESC, article_id, seq);
CREATE TABLE IF NOT EXISTS {schema}claims (
    article_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    date TEXT,
    unit TEXT,
    row TEXT NOT NULL,
    PRIMARY KEY (article_id, seq)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS {schema}claims_unit ON claims(unit, date DESC, article_id, seq);
CREATE INDEX IF NOT EXISTS {schema}claims_newest ON claims(date DESC, article_id, seq);
"""
# What a view row shows of its article, read from this index alone: the date and the rest sit
# behind the text in an article's row, so reading them from the table read the text's pages.
ARTICLE_REF_INDEX = "articles_ref"
_ARTICLE_REFS = f"""
CREATE INDEX IF NOT EXISTS {ARTICLE_REF_INDEX} ON articles(id, date, source, title, url);
"""


def _fill(row: str, among: str = "", where: str = "") -> list[str]:
    """The statements that add articles' rows: ``row`` is the article's row (`new` in a
    trigger), read from the tables in ``among`` (none in a trigger)."""
    source = f"{among}, " if among else ""
    return [
        f"INSERT INTO {table} (article_id, seq, date, {column}, row)"
        f" SELECT {row}.id, j.key, {row}.date, json_extract(j.value, '$[{position}]'), j.value"
        f" FROM {source}json_each({row}.analysis, '$.{key}') AS j {where}"
        for table, column, position, key in (
            ("quotes", "speaker", _SPEAKER, QUOTES),
            ("claims", "unit", _UNIT, CLAIMS),
        )
    ]


def _clear(article: str) -> str:
    return (
        f"DELETE FROM quotes WHERE article_id = {article};"
        f" DELETE FROM claims WHERE article_id = {article};"
    )


def _body(*statements: str) -> str:
    return " ".join(s if s.endswith(";") else f"{s};" for s in statements)


# INSERT OR REPLACE deletes the old row without firing delete triggers (recursive triggers are
# off), so the insert trigger clears the article's rows first.
TRIGGERS = f"""
CREATE TRIGGER IF NOT EXISTS articles_annotations_insert AFTER INSERT ON articles BEGIN
    {_body(_clear("new.id"), *_fill("new"))}
END;
CREATE TRIGGER IF NOT EXISTS articles_annotations_update AFTER UPDATE OF id, date, analysis
ON articles BEGIN
    {_body(_clear("old.id"), *_fill("new"))}
END;
CREATE TRIGGER IF NOT EXISTS articles_annotations_delete AFTER DELETE ON articles BEGIN
    {_clear("old.id")}
END;
"""


def _backfill(schema: str = "") -> list[str]:
    """Every article's rows, into the tables of ``schema`` ("temp." for a read-only library)."""
    fill = _fill("a", "articles AS a", "WHERE a.analysis IS NOT NULL")
    return [
        f"DELETE FROM {schema}quotes",
        f"DELETE FROM {schema}claims",
        *(s.replace("INSERT INTO ", f"INSERT INTO {schema}", 1) for s in fill),
    ]


def prepare(conn: sqlite3.Connection, *, read_only: bool) -> None:
    """Make sure the tables hold every article's rows: in a library opened for writing, the
    tables and triggers, filled once (`migrate`); where that cannot be written (read-only, a
    full disk), the same tables filled in the connection's temporary schema, which the views
    read by the same names (`temp` comes first)."""
    if not read_only:
        conn.executescript(_TABLES.format(schema="") + TRIGGERS + _ARTICLE_REFS)
    if _filled(conn):
        return
    if not read_only:
        from .articles import transaction  # articles.py imports this module

        try:
            with transaction(conn):
                migrate(conn)
            return
        except sqlite3.OperationalError:  # full disk, or another writer for 30 s
            pass
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'articles'").fetchone():
        conn.executescript(_TABLES.format(schema="temp."))
        for statement in _backfill("temp."):
            conn.execute(statement)


def migrate(conn: sqlite3.Connection) -> bool:
    """Fill the tables from every stored analysis once per library; True when this filled them.
    Call it in a write transaction, so that a second process opening the library meanwhile
    waits, then finds it done."""
    if _filled(conn):
        return False
    for statement in _backfill():
        conn.execute(statement)
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (META_KEY, VERSION))
    return True


def _filled(conn: sqlite3.Connection) -> bool:
    done = conn.execute("SELECT value FROM meta WHERE key = ?", (META_KEY,)).fetchone()
    return bool(done) and done[0] == VERSION
