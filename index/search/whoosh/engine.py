"""The full-text search engine: a Whoosh index of the articles, in the ``articles`` subfolder.

SQLite is the record; everything here is derived and can be rebuilt from it, so a broken index is
reported as EngineError and the caller rebuilds rather than repairs. Quotes and claims are read
from the record's tables (`record.annotation_tables`); version 1 also indexed them here.

Locking: Whoosh's write lock is ``fcntl.flock`` on a ``*_WRITELOCK`` file. The kernel drops a flock
when its process dies, so the file a killed writer leaves behind does not block the next writer;
only a live process holding the lock does, and that is reported as EngineError. A killed writer's
``MAIN.tmp`` folder is reused and removed by the next writer (Whoosh names it after the index),
and its uncommitted segment files are deleted by the next commit, which keeps only the files of
the segments its table of contents lists."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.index import Index, LockError
from whoosh.query import Query
from whoosh.searching import Searcher
from whoosh.writing import IndexWriter

from ...models import SearchResult
from ...query.assemble import ParsedQuery
from ..marker import check_engine, mark_engine
from ..port import Document, EngineError, IndexDamaged
from .bulkwriter import BulkWriter
from .columns import column
from .compile import compile_query
from .docsets import Expansion, matching
from .hitsets import member, sorted_unique
from .merging import merge_tiers
from .page import ordered, page_hits
from .schema import article_schema, index_document
from .seals import abandon, find_damage, make_private, private_dir, write_seals
from .textindex import NewsCodec

__all__ = ["BULK_THRESHOLD", "Engine", "EngineError", "IndexDamaged"]

T = TypeVar("T")
ENGINE_NAME = "whoosh"  # as `search.engines` and the index folder's marker name it
INDEX_VERSION = 2  # 2: no quote and claim indexes; another version is rebuilt (`marker`)
PART = "articles"  # the subfolder of the article index
IdSet = frozenset[str] | None
LOCKED_MESSAGE = "index is being written by another newsreader process"
BULK_THRESHOLD = 1000  # articles in one commit from which the multi-process writer pays off
BULK_LIMIT_MB = 512  # per process: keeps a 20,000-article rebuild's postings in memory


def _open_part(folder: Path, create: bool) -> Index:
    part = folder / PART
    if part.is_dir() and any(part.glob("*.toc")):
        try:
            # Reading segments through files rather than mmap keeps the TUI's resident memory at
            # a third (measured: 75 MB against 279 MB after browsing) for ~2 ms more at p95.
            ix = FileStorage(str(part), supports_mmap=False).open_index()
        except Exception as exc:  # Whoosh raises many kinds for a damaged TOC or segment
            raise EngineError(f"the search index in {part} will not open ({exc})") from exc
        if set(ix.schema.names()) != set(article_schema().names()):
            ix.close()
            raise EngineError(f"the search index in {part} was built by another version")
        return ix
    if not create:
        raise EngineError(f"no search index in {folder}")
    private_dir(part)
    ix = whoosh_index.create_in(str(part), article_schema())
    write_seals(ix, part)
    return ix


class Engine:
    """The Whoosh `SearchEngine`: one index of the articles."""

    def __init__(self, folder: Path, ix: Index, lock_timeout: float) -> None:
        self.folder = folder
        self._ix = ix
        self._part = folder / PART
        self._lock_timeout = lock_timeout
        self._write_lock = threading.Lock()  # one writer per process; flock guards the rest
        self._local = threading.local()
        self._searchers: list[Searcher] = []
        self._searchers_lock = threading.Lock()
        self._columns: dict[int, tuple[Searcher, dict[str, Any]]] = {}

    @classmethod
    def open(
        cls,
        folder: Path,
        *,
        create: bool = True,
        lock_timeout: float = 2.0,
        read_only: bool = False,
    ) -> Engine:
        """Open the index in ``folder``, creating it when missing and ``create`` is set;
        ``read_only`` leaves the folder as it is (no creating, no tightening of modes)."""
        folder = Path(folder)
        if (read_only or not create) and not folder.is_dir():
            raise EngineError(f"no search index in {folder}")
        # Another engine's folder, or another version's: rebuilt by the library.
        check_engine(folder, ENGINE_NAME, INDEX_VERSION, read_only=read_only)
        try:
            if not read_only:
                private_dir(folder)
                mark_engine(folder, ENGINE_NAME, INDEX_VERSION)
            ix = _open_part(folder, create and not read_only)
        except OSError as exc:
            raise EngineError(f"cannot open the search index in {folder}: {exc}") from exc
        return cls(folder, ix, lock_timeout)

    # Writing

    def _writer(self, bulk: bool) -> IndexWriter:
        ix = self._ix
        try:
            if bulk:
                writer: IndexWriter = BulkWriter(
                    ix, procs=2, limitmb=BULK_LIMIT_MB, multisegment=True, batchsize=200,
                    codec=NewsCodec(),
                )  # fmt: skip
            else:
                writer = ix.writer(timeout=self._lock_timeout, limitmb=128, codec=NewsCodec())
        except LockError as exc:
            raise EngineError(LOCKED_MESSAGE) from exc
        return writer

    def replace(
        self,
        docs: Iterable[Document],
        delete_ids: Iterable[str] = (),
        *,
        new: bool = False,
        total: int | None = None,
        on_commit: Callable[[], None] | None = None,
        bulk: bool | None = None,
    ) -> int:
        """Delete ``delete_ids`` and add or update ``docs`` in one go; return how many were written.

        From BULK_THRESHOLD articles (``total``), or with ``bulk=True``, articles are indexed
        with two processes. ``new=True`` promises that no article of ``docs`` is in the index
        yet, which spares the look-up of an old version (a third of the cost of adding to a large
        index). ``on_commit`` is called once every document is added, before the commits (which
        merge segments: the longest step of a large write)."""
        if bulk is None:
            bulk = total is not None and total >= BULK_THRESHOLD
        with self._write_lock:
            fill = lambda writer: self._fill(writer, docs, delete_ids, new)  # noqa: E731
            return self._committed(self._writer(bulk), fill, on_commit, merge_tiers)

    def _committed(
        self,
        writer: IndexWriter,
        fill: Callable[[IndexWriter], int],
        on_commit: Callable[[], None] | None,
        merge: Callable[[IndexWriter, list], list],
    ) -> int:
        """Fill the writer (how many it wrote), commit it with ``merge`` and seal the new files;
        a failure (an interrupt too) abandons the writer: no writer may keep the lock."""
        try:
            written = fill(writer)
            if on_commit:
                on_commit()
            writer.commit(mergetype=merge)
            make_private(self._part)
            write_seals(self._ix, self._part)
        except BaseException as exc:
            if not writer.is_closed:
                abandon(writer, self._ix, self._part)
            if isinstance(exc, OSError) and not exc.filename:  # Whoosh's files name none
                exc.filename = str(self.folder)
            raise
        return written

    def _fill(
        self, writer: IndexWriter, docs: Iterable[Document], delete_ids: Iterable[str], new: bool
    ) -> int:
        for article_id in delete_ids:
            writer.delete_by_term("id", article_id)
        add = writer.add_document if new or self._ix.is_empty() else writer.update_document
        written = 0
        for article, analysis in docs:
            add(**index_document(article, analysis))
            written += 1
        return written

    def clear(self) -> None:
        """Remove every document."""
        with self._write_lock:
            try:
                writer = self._ix.writer(timeout=self._lock_timeout)
            except LockError as exc:
                raise EngineError(LOCKED_MESSAGE) from exc
            self._committed(writer, lambda _: 0, None, _clear_segments)

    def doc_count(self) -> int:
        """Number of articles in the index."""
        return self._ix.doc_count()

    def ids(self) -> set[str]:
        """The ids of the articles the index holds (one each, however often it holds them)."""
        return set(self._column(self._searcher(), "id"))

    def damage(self, *, deep: bool = False) -> str | None:
        """What is wrong with the index files, or None. Without ``deep`` only what is cheap to
        see at open (a table or segment that will not open, a file cut short or missing);
        ``deep`` also reads every file back against the hash it was written with."""
        return find_damage(self._ix, self._part, deep=deep)

    def _damaged(self, exc: Exception) -> IndexDamaged | None:
        """After a failed search: the damage that explains it, if the files show any."""
        found = self.damage(deep=True)
        return IndexDamaged(f"{found} ({type(exc).__name__}: {exc})") if found else None

    def size_bytes(self) -> int:
        """Bytes the index files take on disk."""
        return sum(p.stat().st_size for p in self.folder.rglob("*") if p.is_file())

    def close(self) -> None:
        """Close every searcher and the index; the engine is unusable afterwards."""
        with self._searchers_lock:
            for searcher in self._searchers:
                searcher.close()
            self._searchers.clear()
            self._columns.clear()
        self._ix.close()

    # Searching

    def _searcher(self) -> Searcher:
        """This thread's searcher, refreshed when the index changed on disk."""
        current: Searcher | None = getattr(self._local, "searcher", None)
        if current is not None and current.up_to_date():
            return current
        fresh = self._ix.searcher()
        with self._searchers_lock:
            if current is not None:
                self._searchers.remove(current)
                self._columns.pop(id(current), None)
                current.close()
            self._searchers.append(fresh)
        self._local.searcher = fresh
        return fresh

    def _column(self, searcher: Searcher, name: str) -> Any:
        """Per-searcher cached data (see `columns.column`); "cache" is docsets.matching's cache."""
        cached = self._columns.get(id(searcher))
        if cached is None or cached[0] is not searcher:
            cached = (searcher, {"cache": {}})
            with self._searchers_lock:
                self._columns[id(searcher)] = cached
        columns = cached[1]
        if name not in columns:
            columns[name] = column(searcher.reader(), name)
        return columns[name]

    def search(
        self,
        parsed: ParsedQuery,
        *,
        limit: int = 20,
        offset: int = 0,
        sort: str = "relevance",
        allow_ids: frozenset[str] | None = None,
        deny_ids: frozenset[str] | None = None,
        abandoned: Callable[[], bool] | None = None,
    ) -> SearchResult:
        """One page of article hits with snippets (BM25F over title and body) and the total.

        ``sort`` is "relevance", "date" (oldest first) or "-date" (newest first); undated
        articles come last either way.
        """
        limit, offset = max(0, limit), max(0, offset)
        try:
            searcher, query = self._searcher(), compile_query(parsed.query)
            bound = Expansion.of(query, abandoned)  # prefix words; a newer search
            docs, scores = self._matching(searcher, query, bound, allow_ids, deny_ids)
            column = lambda name: self._column(searcher, name)  # noqa: E731
            order = ordered(docs, scores, sort, column, offset + limit)
            hits = page_hits(searcher, docs, scores, order[offset:], parsed.query)
        except Exception as exc:  # an odd query must not take the reader down
            if damaged := self._damaged(exc):
                raise damaged from exc
            problem = f"the search could not run ({type(exc).__name__}: {exc})"
            return SearchResult((), 0, parsed.text, problem, parsed.terms)
        return SearchResult(hits, len(docs), parsed.text, bound.problem(parsed), parsed.terms)

    def matching_ids(self, parsed: ParsedQuery, allow: IdSet, deny: IdSet) -> frozenset[str]:
        """The ids of every article the query matches, for views that count over them all."""

        def ids() -> frozenset[str]:
            searcher, query = self._searcher(), compile_query(parsed.query)
            docs, _ = self._matching(searcher, query, Expansion.of(query), allow, deny)
            by_docnum = self._column(searcher, "ids")
            return frozenset(by_docnum[d] for d in docs)

        return self._guarded(ids)

    def _matching(
        self, searcher: Searcher, query: Query, bound: Expansion, allow: IdSet, deny: IdSet
    ) -> tuple[np.ndarray, np.ndarray]:
        """The matching live documents (sorted docnums) and their scores (`docsets.matching`)."""
        docs, scores = matching(searcher, query, self._column(searcher, "cache"), bound)
        keep = None
        if allow is not None:
            keep = member(docs, self._docnums(searcher, allow))
        if deny:
            away = ~member(docs, self._docnums(searcher, deny))
            keep = away if keep is None else keep & away
        return (docs, scores) if keep is None else (docs[keep], scores[keep])

    def _docnums(self, searcher: Searcher, ids: frozenset[str]) -> np.ndarray:
        """The live docnums of the articles ``ids`` names, sorted."""
        mapping = self._column(searcher, "id")
        return sorted_unique(np.fromiter((mapping[i] for i in ids if i in mapping), np.int64))

    def _guarded(self, search: Callable[[], T]) -> T:
        """A search; when it fails on damaged files, IndexDamaged saying what is damaged."""
        try:
            return search()
        except Exception as exc:
            if damaged := self._damaged(exc):
                raise damaged from exc
            raise


def _clear_segments(writer: IndexWriter, segments: list) -> list:
    """Merge policy that drops every existing segment: how ``clear`` empties an index."""
    return []
