"""`newsreader check`: is the record sound, does the index agree with it, does it search?

The record (library.db) cannot be rebuilt from anything here, so for it the check says how to
restore it; the index is derived, so `repair` rebuilds it from the record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..faults import restore_advice
from ..record.articles import ArticleStore
from .upkeep import catch_up, fresh_index

if TYPE_CHECKING:
    from ..library import Library
    from ..search.whoosh.engine import Engine

SHOWN = 10  # problems of one kind listed; the rest are counted


@dataclass(frozen=True, slots=True)
class Checkup:
    """What the check found, and what it mended."""

    record: tuple[str, ...]
    index: tuple[str, ...]
    articles: int
    repaired: bool = False
    advice: str | None = None

    @property
    def healthy(self) -> bool:
        return not self.record and not self.index


def check(library: Library, *, repair: bool = False) -> Checkup:
    """Check the record and the index of a library opened with ``defer_index``."""
    store = library.store
    record = record_problems(store)
    advice = restore_advice(library.path / "library.db") if record else None
    if record:  # the index is compared with a record that cannot be trusted: not worth it
        return Checkup(tuple(record), (), 0, advice=advice)
    folder = library.path / "index"
    index = index_problems(library)
    if not (repair and index):
        return Checkup((), tuple(index), store.count())
    catch_up(store, fresh_index(folder, store), library.notices)
    library.notices.clear()  # the check reports the rebuild itself
    return Checkup((), tuple(index), store.count(), repaired=not index_problems(library))


def record_problems(store: ArticleStore) -> list[str]:
    """SQLite's own integrity check, then every stored article read back."""
    try:
        found = [row[0] for row in store.conn.execute("PRAGMA integrity_check")]
        if found != ["ok"]:
            return found[:SHOWN]
        for _ in store.articles():
            pass
    except Exception as error:  # a damaged page raises from wherever it is met
        return [str(error)]
    return []


def index_problems(library: Library) -> list[str]:
    """What is wrong with the index files, and where it and the record disagree."""
    from ..search.whoosh.engine import Engine, EngineError

    try:
        engine = Engine.open(library.path / "index", create=False)
    except EngineError as error:
        return [str(error)]
    try:
        damage = engine.damage(deep=True)
        return [damage] if damage else _disagreements(engine, library.store)
    except Exception as error:  # a file the seals do not cover, failing as it is read
        return [f"the index cannot be read ({type(error).__name__}: {error})"]
    finally:
        engine.close()


def _disagreements(engine: Engine, store: ArticleStore) -> list[str]:
    held = engine.ids()
    conn = store.conn
    indexed = {row[0] for row in conn.execute("SELECT id FROM articles WHERE indexed = 1")}
    known = {row[0] for row in conn.execute("SELECT id FROM articles")}
    known |= set(store.pending_deletes())
    found = []
    if missing := indexed - held:
        found.append(f"{len(missing)} articles of the record are not in the index: {_few(missing)}")
    if phantom := held - known:
        found.append(f"the index holds {len(phantom)} articles the record lacks: {_few(phantom)}")
    if (extra := engine.doc_count() - len(held)) > 0:
        found.append(f"the index holds {extra} duplicate documents")
    if waiting := len(known - indexed - set(store.pending_deletes())):
        found.append(f"{waiting} articles of the record are not indexed yet")
    if not found and indexed:
        found.extend(_search_problem(engine, store, min(indexed)))
    return found


def _search_problem(engine: Engine, store: ArticleStore, article_id: str) -> list[str]:
    """An article's own title must find it."""
    from ..query.assemble import parse_query

    article = store.article(article_id)
    words = " ".join(re.findall(r"\w+", article.title.lower())) if article else ""
    if not words:
        return []
    result = engine.search(parse_query(words), allow_ids=frozenset({article_id}))
    if result.problem or [hit.id for hit in result.hits] != [article_id]:
        return [
            f"searching for {words!r} does not find {article_id} ({result.problem or 'no hit'})"
        ]
    return []


def _few(ids: set[str]) -> str:
    shown = ", ".join(sorted(ids)[:SHOWN])
    return shown + (f" and {len(ids) - SHOWN} more" if len(ids) > SHOWN else "")
