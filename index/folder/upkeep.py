"""Keeping the search index true to the record: checks at open, rebuilds, catching up.

The index holds nothing the SQLite record does not, so whatever is wrong with it (a damaged file,
a record recreated beside an old index, a rebuild cut short) is mended by building it again from
the record, never by repairing it. Every step marks the record first and changes the index after,
so a run killed anywhere leaves work that the next open finishes.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

from ..faults import LibraryError
from ..models import MERGING, WRITING, Progress, Step
from ..publish import publish
from ..record.articles import ArticleStore, transaction
from ..search.port import EngineError
from .writelock import Holder, WaitNotice

if TYPE_CHECKING:
    from ..search.port import Document, EngineOpener, SearchEngine

REBUILD = "rebuild"  # meta key while a rebuild runs: "PID clear" until the old index is emptied
BATCH = 2000
RECREATED = (
    "{db} is new but the search index beside it is not: the record was recreated, so the index"
    " is rebuilt from it; triage state from before (read, starred, tags, saved searches) is gone"
    " unless restored with `newsreader state import` from a `state export`"
)


def open_engine(
    opener: EngineOpener,
    folder: Path,
    store: ArticleStore,
    *,
    record_created: bool,
    writing: Callable[[], AbstractContextManager[object]] = nullcontext,
) -> tuple[SearchEngine, str]:
    """The index, rebuilt first when it is missing, damaged or disagrees with the record; and
    what was done about it ("" when nothing was). A rebuild runs inside ``writing()``, the
    library's write lock: no writer may have the old index open while it is replaced."""
    existed = folder.exists()
    try:
        engine = opener(folder)
    except EngineError as error:
        notice = f"the search index would not open ({error}): rebuilding it"
        with writing():
            return fresh_index(opener, folder, store), notice
    if not existed:
        if store.count() == 0:
            return engine, ""
        store.mark_all_unindexed()
        return engine, "the search index was missing: rebuilding it"
    problem = engine.damage() or disagreement(engine, store)
    if problem is None:
        return engine, ""
    engine.close()
    if record_created:
        notice = RECREATED.format(db=folder.parent / "library.db")
    else:
        notice = f"the search index is damaged ({problem}): rebuilding it from the library record"
    with writing():
        return fresh_index(opener, folder, store), notice


def open_read_only(
    opener: EngineOpener, folder: Path, store: ArticleStore, notices: list[str]
) -> SearchEngine:
    """The index of a library that cannot be written, as it is; what it lacks is said."""
    try:
        engine = opener(folder, create=False, read_only=True)
    except EngineError as error:
        raise LibraryError(f"{error}, and a read-only library cannot rebuild it") from error
    unindexed = store.index_counts()[1]
    if unindexed:
        notices.append(f"{unindexed} articles are not searchable until the library is writable")
    return engine


def rebuild_waits(notices: list[str]) -> WaitNotice:
    """What a rebuild says in ``notices`` when it waits for another writer of the library."""

    def waiting(holder: Holder) -> None:
        notices.append(
            f"waiting for another {holder.describe()} to finish before rebuilding the index"
        )

    return waiting


def fresh_index(opener: EngineOpener, folder: Path, store: ArticleStore) -> SearchEngine:
    """An empty index in place of the old one, with every article marked to be indexed."""
    store.mark_all_unindexed()  # first: killed after this, the next open rebuilds again
    shutil.rmtree(folder, ignore_errors=True)
    return opener(folder)


def rebuild(
    opener: EngineOpener,
    folder: Path,
    store: ArticleStore,
    old: SearchEngine | None,
    notices: list[str],
    damage: str,
) -> SearchEngine:
    """A new index built from the record in place of a damaged one, said in ``notices``."""
    if old is not None:
        old.close()
    notices.append(f"the search index is damaged ({damage}): rebuilding it from the library record")
    engine = fresh_index(opener, folder, store)
    catch_up(store, engine, notices)
    return engine


def disagreement(engine: SearchEngine, store: ArticleStore) -> str | None:
    """How the index and the record disagree on what is searchable, or None."""
    found = None
    for _ in range(2):  # a writer between the two reads can make them differ for a moment
        docs = engine.doc_count()
        total, unindexed, deletes = store.index_counts()
        if docs < total - unindexed:
            found = f"it holds {docs} articles, the record says {total - unindexed} are indexed"
        elif docs > total + deletes:
            found = f"it holds {docs} articles, the record only {total}"
        else:
            return None
    return found


def start_rebuild(store: ArticleStore) -> None:
    """Mark every article to be indexed and the index to be emptied, in one step: a rebuild
    killed at any later point is finished by the next open (see `catch_up`)."""
    with transaction(store.conn):
        store.mark_all_unindexed()
        store.set_meta(REBUILD, f"{os.getpid()} clear")


def rebuilder(store: ArticleStore) -> int | None:
    """The live process, other than this one, that is rebuilding the index; None if none is."""
    value = store.meta(REBUILD)
    if not value:
        return None
    pid = int(value.split()[0])
    return pid if pid != os.getpid() and _alive(pid) else None


def rebuild_progress(store: ArticleStore) -> str:
    """How far a rebuild is, as a reader of the library sees it."""
    total, unindexed, _ = store.index_counts()
    return f"the search index is being rebuilt: {total - unindexed} of {total} articles searchable"


def catch_up(
    store: ArticleStore,
    engine: SearchEngine,
    notices: list[str],
    progress: Progress | None = None,
) -> int:
    """Index what the record holds and the index does not (after a crash, or a rebuild)."""
    if rebuilder(store) is not None:  # it finishes the work; joining in would double it
        notices.append(rebuild_progress(store) + " so far by another newsreader process")
        return 0
    rebuilding = store.meta(REBUILD)
    if rebuilding and "clear" in rebuilding:  # ours, or left by a rebuild that was killed
        store.set_meta(REBUILD, f"{os.getpid()} clear")
        engine.clear()
    if rebuilding:
        store.set_meta(REBUILD, str(os.getpid()))
    done = _index_unindexed(store, engine, notices, progress)
    if rebuilding:
        store.set_meta(REBUILD, None)
    return done


def _index_unindexed(
    store: ArticleStore, engine: SearchEngine, notices: list[str], progress: Progress | None
) -> int:
    deletes = store.pending_deletes()
    total = store.index_counts()[1]
    if not total and not deletes:
        return 0
    if total > 50:
        notices.append(f"indexing {total} articles from the library record")
    done = 0
    batch: list[Document] = []
    for pair in store.articles(only_unindexed=True):
        batch.append(pair)
        if len(batch) >= BATCH:
            _publish(store, engine, batch, deletes, progress, done, total)
            done, batch, deletes = done + len(batch), [], []
    if batch or deletes:
        _publish(store, engine, batch, deletes, progress, done, total)
    return done + len(batch)


def _publish(
    store: ArticleStore,
    engine: SearchEngine,
    batch: list[Document],
    deletes: list[str],
    progress: Progress | None,
    done: int,
    total: int,
) -> None:
    """One batch into the index, reporting each article written and the merge."""
    if progress is None:
        publish(store, engine, batch, deletes)
        return
    publish(
        store, engine, batch, deletes,
        on_written=lambda n: progress(Step(WRITING, done + n, total)),
        on_commit=lambda: progress(Step(MERGING, done + len(batch), total)),
    )  # fmt: skip


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
