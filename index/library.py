"""The library folder: one SQLite record of every article plus a search index derived from it.

This is the API the command line and the TUI share. It depends on the record's API (`Record`) and
on the `SearchEngine` port, never on SQLite or an engine themselves. Opening a library never
imports spaCy or dateparser: analysis loads only when something is ingested, and dates only when
a query needs them; the engine loads on first use.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from .added_order import searcher
from .call_gate import CallGate
from .faults import LibraryError, translated
from .folder.checkup import check
from .folder.healing import HealingWrites
from .folder.keeper import IndexKeeper
from .folder.private import private_folder, read_only_reason
from .folder.upkeep import catch_up, rebuild_progress, rebuilder, start_rebuild
from .folder.writelock import LockBusy, WaitNotice, WriteLock
from .ingest.removal import remove_articles
from .models import (
    Analysis,
    AnalysisCluster,
    Article,
    ArticleState,
    Checkup,
    FetchReport,
    ImportCounts,
    IngestReport,
    Origin,
    Problem,
    Progress,
    SearchResult,
    Stats,
)
from .record.db import Record
from .record.state_file import StateFile, dumps
from .search.engines import chosen_engine, engine_opener
from .search.port import EngineError
from .views import LibraryViews

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from .ingest.web.subscriptions import FetchOptions, Subscriptions
    from .search.port import EngineOpener, SearchEngine

__all__ = ["ArticleState", "IngestReport", "Library", "LibraryBusy", "LibraryError", "Stats",
           "default_path"]  # fmt: skip

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

    def __init__(
        self,
        path: Path,
        record: Record,
        opener: EngineOpener,
        *,
        read_only: str | None = None,
        record_created: bool = False,
    ) -> None:
        self.path = path
        self.notices: list[str] = []
        self.record_created = record_created  # library.db did not exist before this open
        self.read_only = read_only  # why the library cannot be written, if it cannot
        self._record = record
        self._store = record.articles
        self._triage = record.triage
        self._lock = threading.RLock()
        self._write_lock = WriteLock(path)
        self._keeper = IndexKeeper(
            path, opener, record.articles, self.notices, write_lock=self._write_lock,
            writes=self._lock, read_only=bool(read_only), record_created=record_created,
        )  # fmt: skip
        self._writes_index = HealingWrites(self._keeper)
        self._gate = CallGate()
        self.views = LibraryViews(record, self.matching_ids)  # speakers, claims, sources
        self.others_commits = record.others_commits  # changes as other processes commit to it

    @classmethod
    def open(
        cls, path: Path | None = None, *, defer_index: bool = False, engine: str | None = None
    ) -> Library:
        """Open (creating if needed) the library folder; rebuilds a missing or broken index.

        With ``defer_index`` only the SQLite record is opened now, and the search index (with
        its engine and numpy) on first use or `open_index()`: the reader lists the library first.
        ``engine`` names the search engine (see `search.engines`); an index another engine built
        is rebuilt with it. None keeps the engine that built the index (Whoosh for a new one).
        """
        path = (path or default_path()).expanduser()
        try:
            private_folder(path)
            read_only = read_only_reason(path)
            opener = engine_opener(chosen_engine(path / "index", engine, read_only=bool(read_only)))
        except (OSError, EngineError) as error:
            raise LibraryError(f"{path}: cannot open the library: {error}") from error
        created = not (path / "library.db").exists()
        record = Record.open(path / "library.db", read_only=bool(read_only))
        library = cls(path, record, opener, read_only=read_only, record_created=created)
        if read_only:
            library.notices.append(f"{read_only}: opened read-only, so indexing and triage are off")
        if not defer_index:
            library.open_index()
        return library

    @property
    def _index(self) -> SearchEngine:
        """The open index, for writers: a write that finds it damaged rebuilds it (`healing`)."""
        return self._writes_index

    def open_index(self) -> None:
        """Open the search index now, if it is not open yet; its notices go to `notices`."""
        self._keeper.open()

    def close(self) -> None:
        """Wait for the calls other threads have in flight, then close; once only."""
        if not self._gate.close():
            return
        self._keeper.close()
        self._record.close()

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
        return self.count() == 0

    def count(self) -> int:
        """Articles in the record, archived ones too."""
        return self._store.count()

    def ingest(
        self,
        paths: Sequence[Path],
        *,
        progress: Progress | None = None,
        on_problem: Callable[[Problem], None] | None = None,
        analyze: bool = True,
        source: str | None = None,
        cluster: AnalysisCluster | None = None,
    ) -> IngestReport:
        """Add new, update changed and remove deleted articles under paths (new ones `source`)."""
        from .analysis.executors.choice import analysis_for  # on `cluster`, if one is named
        from .ingest.run import Ingester  # only indexing needs the source readers

        analysis = analysis_for(analyze, cluster, self.notices, progress)
        with analysis as (analyzer, executor), self.writing("index"), self._lock:
            catch_up(self._store, self._index, self.notices)  # committed, never published
            ingester = Ingester(
                self._store, self._triage, self._index, analyzer,
                on_problem=on_problem, progress=progress, source=source, executor=executor,
            )  # fmt: skip
            return ingester.run(paths)

    def index_pages(
        self,
        urls: Sequence[str],
        *,
        analyze: bool = True,
        on_problem: Callable[[Problem], None] | None = None,
    ) -> IngestReport:
        """`index URL`: fetch, extract, analyse and publish each article page (`single_page`)."""
        from .analysis.runtime.nlp import load_analyzer
        from .ingest.web.single_page import index_pages

        analyzer = load_analyzer(self.notices) if analyze and urls else None
        with self.writing("index"), self._lock:
            catch_up(self._store, self._index, self.notices)
            return index_pages(self._store, self._triage, self._index, analyzer, urls,
                               on_problem=on_problem)  # fmt: skip

    def reindex(self, *, progress: Progress | None = None) -> int:
        """Rebuild the whole index from the SQLite record; returns the article count."""
        with self.writing("reindex"), self._lock:
            engine = self._index
            start_rebuild(self._store)
            try:
                return catch_up(self._store, engine, self.notices, progress)
            except EngineError as error:
                raise LibraryError(f"{self.path}: cannot rebuild the index now: {error}") from error

    def remove(self, ids: Sequence[str]) -> int:
        """Remove articles the user dropped: the record, the index entries and the origins
        (remembered, so that an unchanged file does not bring them back); the count removed."""
        with self.writing("remove"), self._lock:
            return remove_articles(self._record, self._index, ids)

    def check(self, *, repair: bool = False) -> Checkup:
        """Is the record sound, does the index agree with it and search (`folder.checkup`)?
        For a library opened with ``defer_index``: opening the index would already heal it."""
        return check(self._record, self._keeper.opener, self._keeper.folder, repair=repair)

    # Feeds -----------------------------------------------------------------------------------
    @property
    def subscriptions(self) -> Subscriptions:
        """Feed subscriptions: add, list, remove, import, export (`ingest.web.subscriptions`)."""
        from .ingest.web.subscriptions import Subscriptions

        return Subscriptions(self._record, lambda: self._index, self.writing, self.notices)

    def fetch(self, targets: Sequence[str] = (), **options: Unpack[FetchOptions]) -> FetchReport:
        """`Subscriptions.fetch`: the due feeds (or `targets`), as `ingest` does with files."""
        with self.writing("fetch", on_wait=options.pop("on_wait", None)), self._lock:  # as ingest
            return self.subscriptions.fetch(targets, **options)

    # Reading and search ---------------------------------------------------------------------
    def article(self, article_id: str) -> Article | None:
        """An article by id (or by the id its source gave it)."""
        return self._store.article(article_id)

    def ids_starting(self, prefix: str, limit: int = 5) -> list[str]:
        """Up to `limit` ids that begin with `prefix`, for ids typed short as git allows."""
        return self._store.ids_starting(prefix.lower(), limit)

    def analysis(self, article_id: str) -> Analysis:
        """Stored annotations; an empty Analysis when the article was not analysed."""
        return self._store.analysis(article_id) or Analysis()

    def origins(self, article_id: str) -> list[Origin]:
        return self._store.origins(article_id)

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
        added_since: dt.datetime | None = None,
    ) -> SearchResult:
        """Hits for a query in the query language; a bad query falls back and says why.

        An empty query lists newest first (sort "date": oldest; "added": the last added); only
        those added after `added_since`, if given. `abandoned` true raises SearchAbandoned."""
        if not query.strip():
            return self._record.browse(
                limit=limit, offset=offset, sort=sort, include_archived=include_archived,
                added_since=added_since)  # fmt: skip
        from .query.assemble import parse_query

        parsed = parse_query(query, now=now)
        allow, deny = self._record.state_filter(parsed, include_archived, added_since)
        result = self._keeper.healing(lambda engine: searcher(engine, self._record, sort)(
            parsed, limit=limit, offset=offset, sort=sort, allow_ids=allow, deny_ids=deny,
            abandoned=abandoned,
        ))  # fmt: skip
        result = self._record.with_web_fields(result)
        if rebuilder(self._store) is not None:  # another process empties and refills the index
            problem = "; ".join(p for p in (result.problem, rebuild_progress(self._store)) if p)
            result = dataclasses.replace(result, problem=problem)
        return result

    def matching_ids(
        self, query: str, *, now: dt.datetime | None = None, include_archived: bool = False
    ) -> frozenset[str] | None:
        """The ids of every article a search for ``query`` finds (None: every article)."""
        if not query.strip():
            archived = None if include_archived else self._triage.ids_where("archived", True)
            return frozenset(self._store.ids_except(archived)) if archived else None
        from .query.assemble import parse_query

        parsed = parse_query(query, now=now)
        allow, deny = self._record.state_filter(parsed, include_archived)
        return self._keeper.healing(lambda engine: engine.matching_ids(parsed, allow, deny))

    def stats(self) -> Stats:
        return self._record.stats(index_bytes=self._index.size_bytes())

    # Triage state ---------------------------------------------------------------------------
    def states(self, ids: Iterable[str]) -> dict[str, ArticleState]:
        return self._triage.states(ids)

    def set_read(self, ids: Iterable[str], value: bool) -> None:
        self._triage.set_flag(ids, "read", value)

    def set_starred(self, ids: Iterable[str], value: bool) -> None:
        self._triage.set_flag(ids, "starred", value)

    def set_archived(self, ids: Iterable[str], value: bool) -> None:
        self._triage.set_flag(ids, "archived", value)

    def add_tag(self, ids: Iterable[str], tag: str) -> None:
        self._triage.add_tag(ids, tag)

    def remove_tag(self, ids: Iterable[str], tag: str) -> None:
        self._triage.remove_tag(ids, tag)

    def tags(self) -> list[str]:
        """Every tag in use, sorted."""
        return self._triage.tags()

    def restore_states(self, states: dict[str, ArticleState]) -> None:
        """Put back states taken with `states()` before an action: this is how undo works."""
        self._triage.restore(states)

    def export_state(self) -> str:
        """All triage state and saved searches, as the text of a state file (`state_file`)."""
        return dumps(self._triage.export())

    def import_state(self, text: str, *, replace: bool = False) -> tuple[StateFile, ImportCounts]:
        """Merge (or with ``replace`` restore) a state file (`StateStore.import_text`);
        LibraryError when the record cannot take it, and then nothing of it is stored."""
        with self.writing("state import"):
            return self._record.import_state(text, replace=replace)

    def history(self, limit: int = 100) -> list[str]:
        """Past queries, most recent first, without repeats."""
        return self._triage.history(limit)

    def add_history(self, query: str) -> None:
        self._triage.add_history(query)

    def save_search(self, name: str, query: str) -> None:
        self._triage.save_search(name, query)

    def delete_saved_search(self, name: str) -> None:
        self._triage.delete_saved_search(name)

    def saved_searches(self) -> list[tuple[str, str, int]]:
        """(name, query, unread count) for every saved search, by name."""
        return [
            (name, query, self.search(f"({query}) read:no" if query.strip() else "read:no",
                                      limit=1).total)
            for name, query in self._triage.saved_searches()
        ]  # fmt: skip
