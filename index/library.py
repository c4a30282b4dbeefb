"""The library folder: one SQLite record of every article plus a Whoosh index derived from it.

This is the API the command line and the TUI share. Opening a library never imports spaCy or
dateparser: analysis loads only when something is ingested, and dates only when a query needs them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from .call_gate import CallGate
from .faults import LibraryError, problem_line, translated
from .folder.private import connect_read_only, private_folder, read_only_reason
from .folder.upkeep import (
    catch_up,
    open_engine,
    open_read_only,
    rebuild,
    rebuild_progress,
    rebuilder,
    start_rebuild,
)
from .folder.writelock import LockBusy, WaitNotice, WriteLock
from .models import (
    LOADING,
    Analysis,
    Article,
    IngestReport,
    Origin,
    Problem,
    Progress,
    SearchResult,
    Step,
)
from .record.articles import ArticleStore, connect
from .record.browse import browse
from .record.state_file import StateFile, dumps
from .record.state_filter import state_filter
from .record.stats import Stats, library_stats
from .record.triage import ArticleState, ImportCounts, StateStore

if TYPE_CHECKING:
    from .analysis.pipeline import Analyzer
    from .search.whoosh.engine import ClaimHit, Engine, QuoteHit

__all__ = [
    "ArticleState",
    "IngestReport",
    "Library",
    "LibraryBusy",
    "LibraryError",
    "Stats",
    "default_path",
]

T = TypeVar("T")
APP_NAME = "newsreader"


class LibraryBusy(LibraryError):
    """Another process is writing the library and the caller chose not to wait."""


def default_path() -> Path:
    """`NEWSREADER_LIBRARY`, else the platform's user data folder."""
    if env := os.environ.get("NEWSREADER_LIBRARY"):
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


@translated
class Library:
    """An open library folder: ingest, search, read, and triage state."""

    def __init__(self, path: Path, store: ArticleStore, state: StateStore) -> None:
        self.path = path
        self.store = store
        self.triage = state
        self.notices: list[str] = []
        self.record_created = False  # library.db did not exist before this open
        self.read_only: str | None = None  # why the library cannot be written, if it cannot
        self._lock = threading.RLock()
        self._engine: Engine | None = None
        self._engine_lock = threading.Lock()
        self._write_lock = WriteLock(path)
        self._gate = CallGate()

    @classmethod
    def open(cls, path: Path | None = None, *, defer_index: bool = False) -> Library:
        """Open (creating if needed) the library folder; rebuilds a missing or broken index.

        With ``defer_index`` only the SQLite record is opened now, and the search index (with
        Whoosh and numpy) on first use or `open_index()`: the reader lists the library first.
        """
        path = (path or default_path()).expanduser()
        try:
            private_folder(path)
            read_only = read_only_reason(path)
            created = not (path / "library.db").exists()
            db = path / "library.db"
            conn = connect_read_only(db) if read_only else connect(db)
            library = cls(path, ArticleStore(conn, read_only=bool(read_only)), StateStore(conn))
        except (OSError, sqlite3.Error) as error:
            raise LibraryError(f"{path}: cannot open the library: {error}") from error
        library.record_created = created
        library.read_only = read_only
        if read_only:
            library.notices.append(f"{read_only}: opened read-only, so indexing and triage are off")
        if not defer_index:
            library.open_index()
        return library

    @property
    def engine(self) -> Engine:
        """The search index, opened (and caught up with the record) on first use."""
        if self._engine is None:
            self.open_index()
        assert self._engine is not None
        return self._engine

    def open_index(self) -> None:
        """Open the search index now, if it is not open yet; its notices go to `notices`."""
        from .search.whoosh.engine import EngineError

        with self._engine_lock:
            if self._engine is not None:
                return
            if self.read_only:  # as it is: neither healed nor caught up
                self._engine = open_read_only(self.path / "index", self.store, self.notices)
                return
            engine, notice = open_engine(
                self.path / "index", self.store, record_created=self.record_created
            )
            if notice:
                self.notices.append(notice)
            self._engine = engine
            with self._write_lock.held_if_free("catch-up") as free:
                if not free:  # the writer publishes what it committed; a reader never waits
                    return
                try:
                    catch_up(self.store, engine, self.notices)
                except EngineError as error:  # a writer of an older version, without the lock
                    self.notices.append(f"{error}: recent articles may not be searchable yet")
                except (OSError, sqlite3.DatabaseError) as error:  # reading works without it
                    if (line := problem_line(error, self.path)) is None:
                        raise
                    self.notices.append(f"{line}: recent articles are not searchable yet")

    def _rebuild(self, damage: str) -> None:
        """Replace a damaged index by one built from the record, saying so in `notices`."""
        with self._lock, self._engine_lock:
            self._engine = rebuild(
                self.path / "index", self.store, self._engine, self.notices, damage
            )

    def close(self) -> None:
        """Wait for the calls other threads have in flight, then close; once only."""
        if not self._gate.close():
            return
        if self._engine is not None:
            self._engine.close()
        self.store.conn.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def warm_up(self) -> None:
        """Open the index and run one throwaway search: the first search of a process also pays
        for importing the query parser and loading the searcher's caches, so a reader does this
        before the user's first search rather than during it."""
        self.open_index()
        self.search("news", limit=1)

    # Writing ------------------------------------------------------------------------------------
    @contextmanager
    def writing(
        self, purpose: str, *, wait: bool = True, on_wait: WaitNotice | None = None
    ) -> Iterator[None]:
        """Hold the library's write lock (see `writelock`) around a block that changes it.

        Every command that changes the library takes it before committing anything: ``purpose``
        names the command to others waiting. With ``wait`` False another writer raises
        LibraryBusy at once; otherwise ``on_wait`` is told whom this waits for, once. Re-entrant:
        `ingest` and `reindex` take it themselves, silently waiting, when the caller did not.
        """
        if self.read_only:
            db = self.path / "library.db"
            raise LibraryError(f"{db}: library is read-only ({self.read_only})")
        try:
            with self._write_lock.held(purpose, wait=wait, on_wait=on_wait):
                yield
        except LockBusy as busy:
            raise LibraryBusy(f"{busy}; try again when it has finished") from None

    # Ingest ------------------------------------------------------------------------------------
    def is_empty(self) -> bool:
        return self.store.count() == 0

    def ingest(
        self,
        paths: Sequence[Path],
        *,
        progress: Progress | None = None,
        on_problem: Callable[[Problem], None] | None = None,
        analyze: bool = True,
        source: str | None = None,
    ) -> IngestReport:
        """Add new, update changed and remove deleted articles under paths (new ones `source`)."""
        from .ingest.run import Ingester  # only indexing needs the source readers

        if analyze and progress:
            progress(Step(LOADING, 0, None))
        analyzer = self._analyzer() if analyze else None
        with self.writing("index"), self._lock:
            catch_up(self.store, self.engine, self.notices)  # committed, never published
            ingester = Ingester(
                self.store, self.triage, self.engine, analyzer,
                on_problem=on_problem, progress=progress, source=source,
            )  # fmt: skip
            return ingester.run(paths)

    def reindex(self, *, progress: Progress | None = None) -> int:
        """Rebuild the whole index from the SQLite record; returns the article count."""
        from .search.whoosh.engine import EngineError

        with self.writing("reindex"), self._lock:
            engine = self.engine
            start_rebuild(self.store)
            try:
                return catch_up(self.store, engine, self.notices, progress)
            except EngineError as error:
                raise LibraryError(f"{self.path}: cannot rebuild the index now: {error}") from error

    def _analyzer(self) -> Analyzer | None:
        """The spaCy analyzer, loaded only when something is ingested; None without a model."""
        from .analysis.runtime.nlp import INSTALL_HINT, load_nlp, missing_analysis

        nlp = load_nlp()
        if nlp is None:
            self.notices.append(
                f"{missing_analysis()}: indexing text only, without entities, claims and quotes."
                f" For them: {INSTALL_HINT}"
            )
            return None
        from .analysis.pipeline import Analyzer  # needs spaCy

        return Analyzer(nlp)

    # Reading and search ---------------------------------------------------------------------
    def article(self, article_id: str) -> Article | None:
        """An article by id (or by the id its source gave it)."""
        return self.store.article(article_id)

    def ids_starting(self, prefix: str, limit: int = 5) -> list[str]:
        """Up to `limit` ids that begin with `prefix`, for ids typed short as git allows."""
        return self.store.ids_starting(prefix.lower(), limit)

    def analysis(self, article_id: str) -> Analysis:
        """Stored annotations; an empty Analysis when the article was not analysed."""
        return self.store.analysis(article_id) or Analysis()

    def origins(self, article_id: str) -> list[Origin]:
        return self.store.origins(article_id)

    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        offset: int = 0,
        sort: str = "relevance",
        now: dt.datetime | None = None,
        include_archived: bool = False,
        abandoned: Callable[[], bool] | None = None,
    ) -> SearchResult:
        """Hits for a query in the query language; a bad query falls back and says why.

        An empty query lists the library newest first (oldest first with sort="date").
        `abandoned` is asked between the words of the query: when it turns true, the search
        raises SearchAbandoned (a newer search wants the thread).
        """
        if not query.strip():
            return browse(
                self.store.conn, limit=limit, offset=offset, sort=sort,
                include_archived=include_archived,
            )  # fmt: skip
        from .query.assemble import parse_query

        parsed = parse_query(query, now=now)
        allow, deny = state_filter(self.triage, parsed, include_archived)
        result = self._healing(lambda: self.engine.search(
            parsed, limit=limit, offset=offset, sort=sort, allow_ids=allow, deny_ids=deny,
            abandoned=abandoned,
        ))  # fmt: skip
        if rebuilder(self.store) is not None:  # another process empties and refills the index
            problem = "; ".join(p for p in (result.problem, rebuild_progress(self.store)) if p)
            result = dataclasses.replace(result, problem=problem)
        return result

    def quotes(
        self, query: str = "", *, speaker: str | None = None, limit: int = 50
    ) -> list[QuoteHit]:
        """Quotes across the library, by words of the quote and/or speaker."""
        return self._healing(lambda: self.engine.search_quotes(query, speaker=speaker, limit=limit))

    def claims(self, query: str = "", *, limit: int = 50) -> list[ClaimHit]:
        """Numeric claims across the library whose sentence or unit matches the query."""
        return self._healing(lambda: self.engine.search_claims(query, limit=limit))

    def _healing(self, search: Callable[[], T]) -> T:
        """A search of the engine; when it failed on a damaged index, again after a rebuild."""
        from .search.whoosh.engine import IndexDamaged

        try:
            return search()
        except IndexDamaged as damage:
            self._rebuild(str(damage))
            return search()

    def stats(self) -> Stats:
        return library_stats(
            self.store.conn, index_bytes=self.engine.size_bytes(), path=str(self.path)
        )

    # Triage state ---------------------------------------------------------------------------
    def states(self, ids: Iterable[str]) -> dict[str, ArticleState]:
        return self.triage.states(ids)

    def set_read(self, ids: Iterable[str], value: bool) -> None:
        self.triage.set_flag(ids, "read", value)

    def set_starred(self, ids: Iterable[str], value: bool) -> None:
        self.triage.set_flag(ids, "starred", value)

    def set_archived(self, ids: Iterable[str], value: bool) -> None:
        self.triage.set_flag(ids, "archived", value)

    def add_tag(self, ids: Iterable[str], tag: str) -> None:
        self.triage.add_tag(ids, tag)

    def remove_tag(self, ids: Iterable[str], tag: str) -> None:
        self.triage.remove_tag(ids, tag)

    def tags(self) -> list[str]:
        """Every tag in use, sorted."""
        return self.triage.tags()

    def restore_states(self, states: dict[str, ArticleState]) -> None:
        """Put back states taken with `states()` before an action: this is how undo works."""
        self.triage.restore(states)

    def export_state(self) -> str:
        """All triage state and saved searches, as the text of a state file (`state_file`)."""
        return dumps(self.triage.export())

    def import_state(self, text: str, *, replace: bool = False) -> tuple[StateFile, ImportCounts]:
        """`StateStore.import_text`; LibraryError when the record cannot take the file, and
        then nothing of it is stored (one transaction)."""
        try:
            with self.writing("state import"):
                return self.triage.import_text(text, replace=replace)
        except sqlite3.Error as error:
            where = self.path / "library.db"
            raise LibraryError(f"{where}: cannot save the imported state: {error}") from error

    def history(self, limit: int = 100) -> list[str]:
        """Past queries, most recent first, without repeats."""
        return self.triage.history(limit)

    def add_history(self, query: str) -> None:
        self.triage.add_history(query)

    def save_search(self, name: str, query: str) -> None:
        self.triage.save_search(name, query)

    def delete_saved_search(self, name: str) -> None:
        self.triage.delete_saved_search(name)

    def saved_searches(self) -> list[tuple[str, str, int]]:
        """(name, query, unread count) for every saved search, by name."""
        return [
            (name, query, self.search(f"({query}) read:no" if query.strip() else "read:no",
                                      limit=1).total)
            for name, query in self.triage.saved_searches()
        ]  # fmt: skip
