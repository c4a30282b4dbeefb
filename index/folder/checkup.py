"""`newsreader check`: is the record sound, does the index agree with it, does it search?

The record (library.db) cannot be rebuilt from anything here, so for it the check says how to
restore it; the index is derived, so `repair` rebuilds it from the record.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..faults import restore_advice
from ..models import Checkup
from ..search.port import EngineError
from .upkeep import catch_up, fresh_index

if TYPE_CHECKING:
    from ..record.articles import ArticleStore
    from ..record.db import Record
    from ..search.port import EngineOpener, SearchEngine

SHOWN = 10  # problems of one kind listed; the rest are counted


def check(record: Record, opener: EngineOpener, folder: Path, *, repair: bool) -> Checkup:
    """Check the record and the index in ``folder``, which this process has not opened
    (opening it would already heal it); with ``repair`` rebuild a wrong index."""
    store = record.articles
    problems = record.problems()
    if problems:  # the index is compared with a record that cannot be trusted: not worth it
        return Checkup(tuple(problems), (), 0, advice=restore_advice(record.db))
    index = index_problems(opener, folder, store)
    if not (repair and index):
        return Checkup((), tuple(index), store.count())
    engine = fresh_index(opener, folder, store)
    try:
        catch_up(store, engine, [])  # the check reports the rebuild itself
    finally:
        engine.close()
    repaired = not index_problems(opener, folder, store)
    return Checkup((), tuple(index), store.count(), repaired=repaired)


def index_problems(opener: EngineOpener, folder: Path, store: ArticleStore) -> list[str]:
    """What is wrong with the index files, and where it and the record disagree."""
    try:
        engine = opener(folder, create=False)
    except EngineError as error:
        return [str(error)]
    try:
        damage = engine.damage(deep=True)
        return [damage] if damage else _disagreements(engine, store)
    except Exception as error:  # a file the seals do not cover, failing as it is read
        return [f"the index cannot be read ({type(error).__name__}: {error})"]
    finally:
        engine.close()


def _disagreements(engine: SearchEngine, store: ArticleStore) -> list[str]:
    held = engine.ids()
    indexed = store.ids(indexed=True)
    pending = set(store.pending_deletes())
    known = store.ids() | pending
    found = []
    if missing := indexed - held:
        found.append(f"{len(missing)} articles of the record are not in the index: {_few(missing)}")
    if phantom := held - known:
        found.append(f"the index holds {len(phantom)} articles the record lacks: {_few(phantom)}")
    if (extra := engine.doc_count() - len(held)) > 0:
        found.append(f"the index holds {extra} duplicate documents")
    if waiting := len(known - indexed - pending):
        found.append(f"{waiting} articles of the record are not indexed yet")
    if not found and indexed:
        found.extend(_search_problem(engine, store, min(indexed)))
    return found


def _search_problem(engine: SearchEngine, store: ArticleStore, article_id: str) -> list[str]:
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
