"""The tantivy `SearchEngine`: a tantivy index of the articles, in the ``articles`` subfolder.

As with Whoosh, everything here is derived from the SQLite record: a broken index is reported
(EngineError, IndexDamaged) and the library rebuilds it. tantivy's writer lock is a file lock the
kernel drops with its process; a second writer is refused at once, so a writer retries for
``lock_timeout`` seconds before it reports EngineError. Readers reload when another process's
commit changed ``meta.json`` (checked by its status before each search: no watcher thread).
Quotes and claims are read from the record's tables; version 1 also indexed them here.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import tantivy
from tantivy import DocAddress, Occur, Query

from ...faults import SearchAbandoned
from ...models import SearchResult
from ...query.assemble import ParsedQuery
from ...text.snippets import hit_from_fields, marked_terms
from ..marker import check_engine, mark_engine
from ..port import Document, EngineError, IndexDamaged
from .compile import Compiler, scores_nothing
from .ordering import by_date, by_score
from .schema import article_document, article_schema, day_of, id_text
from .seals import META, find_damage, private_dir, write_seals

__all__ = ["BULK_THRESHOLD", "Engine", "EngineError", "IndexDamaged"]

T = TypeVar("T")
IdSet = frozenset[str] | None
ENGINE_NAME = "tantivy"
INDEX_VERSION = 2  # 2: no quote and claim indexes; another version is rebuilt (`marker`)
PART = "articles"  # the subfolder of the article index
LOCKED_MESSAGE = "index is being written by another newsreader process"
_SORT_KEYS = {"date": "asc", "-date": "desc"}
BULK_THRESHOLD = 1000  # articles in one commit from which two indexing threads pay off
HEAP_BYTES = 96_000_000  # per indexing thread (tantivy wants at least 15 MB)


def _open_part(folder: Path, create: bool) -> tantivy.Index:
    part = folder / PART
    if (part / META).exists():
        try:
            index = tantivy.Index(article_schema(), path=str(part), reuse=True)
        except BaseException as exc:  # a damaged file can make tantivy panic
            if not _is_fault(exc):
                raise
            if "schema does not match" in str(exc):
                message = f"the search index in {part} was built by another version"
                raise EngineError(message) from exc
            raise EngineError(f"the search index in {part} will not open ({exc})") from exc
    elif create:
        private_dir(part)
        index = tantivy.Index(article_schema(), path=str(part))
        write_seals(part)
    else:
        raise EngineError(f"no search index in {folder}")
    index.config_reader(reload_policy="manual")  # reloaded by `Engine._fresh`
    return index


def _is_fault(exc: BaseException) -> bool:
    """An error of the search itself: tantivy's panics are BaseExceptions, not interrupts."""
    return isinstance(exc, Exception) or type(exc).__name__ == "PanicException"


class Engine:
    """The tantivy `SearchEngine`: one index of the articles."""

    def __init__(self, folder: Path, index: tantivy.Index, lock_timeout: float):
        self.folder = folder
        self._index: tantivy.Index | None = index
        self._part = folder / PART
        self._schema = index.schema
        self._lock_timeout = lock_timeout
        self._write_lock = threading.Lock()  # one writer per process; tantivy's lock the rest
        self._seen: tuple[int, int, int] | None = None  # meta.json's status when last reloaded
        self._reload_lock = threading.Lock()

    @classmethod
    def open(
        cls, folder: Path, *, create: bool = True, lock_timeout: float = 2.0,
        read_only: bool = False,
    ) -> Engine:  # fmt: skip
        """Open the index in ``folder``, creating it when missing and ``create`` is set;
        ``read_only`` leaves the folder as it is."""
        folder = Path(folder)
        if (read_only or not create) and not folder.is_dir():
            raise EngineError(f"no search index in {folder}")
        # Another engine's folder, or another version's: rebuilt by the library.
        check_engine(folder, ENGINE_NAME, INDEX_VERSION, read_only=read_only)
        try:
            if not read_only:
                private_dir(folder)
                mark_engine(folder, ENGINE_NAME, INDEX_VERSION)
            index = _open_part(folder, create and not read_only)
        except OSError as exc:
            raise EngineError(f"cannot open the search index in {folder}: {exc}") from exc
        engine = cls(folder, index, lock_timeout)
        engine._fresh()
        return engine

    # Writing

    def _writer(self, threads: int) -> Any:
        deadline = time.monotonic() + self._lock_timeout
        while True:
            try:
                return self._opened().writer(HEAP_BYTES * threads, threads)
            except ValueError as exc:
                if "LockBusy" not in str(exc):
                    raise EngineError(f"cannot write the search index: {exc}") from exc
                if time.monotonic() > deadline:
                    raise EngineError(LOCKED_MESSAGE) from exc
                time.sleep(0.05)

    def replace(
        self,
        docs: Iterable[Document],
        delete_ids: Iterable[str] = (),
        *,
        new: bool = False,
        total: int | None = None,
        on_commit: Callable[[], None] | None = None,
    ) -> int:
        """Delete ``delete_ids`` and add or update ``docs`` in one commit; how many were
        written. From BULK_THRESHOLD articles (``total``) two threads index them."""
        threads = 2 if total is not None and total >= BULK_THRESHOLD else 1
        with self._write_lock:
            return self._committed(threads, lambda w: self._fill(w, docs, delete_ids, new),
                                   on_commit)  # fmt: skip

    def _committed(
        self, threads: int, fill: Callable[[Any], int], on_commit: Callable[[], None] | None
    ) -> int:
        """Fill a writer (how many it wrote), commit it, seal the new files and reload. tantivy
        reports damaged files met on the way (a commit reopens the segments) as ValueError or
        a panic: IndexDamaged when the files show damage, else EngineError."""
        writer = self._writer(threads)
        try:
            try:
                written = fill(writer)
                if on_commit:
                    on_commit()
                writer.commit()
            except BaseException:  # an interrupt too: the writer may not keep the lock
                with contextlib.suppress(Exception):
                    writer.rollback()
                raise
            finally:
                writer.wait_merging_threads()  # merged, and the writer's lock freed
            self._sealed()
        except BaseException as exc:
            if not _is_fault(exc) or isinstance(exc, EngineError):
                raise
            raise self._damaged(exc) or EngineError(
                f"cannot write the search index in {self._part}: {exc}") from exc  # fmt: skip
        return written

    def _fill(
        self, writer: Any, docs: Iterable[Document], delete_ids: Iterable[str], new: bool
    ) -> int:
        for article_id in delete_ids:
            writer.delete_documents_by_term("id", article_id)
        fresh = new or self.doc_count() == 0
        written = 0
        for article, analysis in docs:
            if not fresh:  # tantivy deletes only what was added before the delete
                writer.delete_documents_by_term("id", article.id)
            writer.add_document(article_document(article, analysis))
            written += 1
        return written

    def _sealed(self) -> None:
        """After a commit: this process's searches see it, its files are sealed and private."""
        write_seals(self._part)
        self._fresh()

    def clear(self) -> None:
        """Remove every document."""
        with self._write_lock:
            self._committed(1, _emptied, None)

    # Reading

    def _opened(self) -> tantivy.Index:
        if self._index is None:
            raise EngineError(f"the search index in {self.folder} was closed")
        return self._index

    def _fresh(self) -> tantivy.Index:
        """The index, its reader reloaded if a commit (of any process) changed it since."""
        index = self._opened()
        try:
            status = os.stat(self._part / META)
        except OSError:
            return index  # the search reports what is wrong with the files
        seen = (status.st_mtime_ns, status.st_size, status.st_ino)
        if self._seen != seen:
            with self._reload_lock:
                index.reload()
                self._seen = seen
        return index

    def _searcher(self) -> tantivy.Searcher:
        return self._fresh().searcher()

    def doc_count(self) -> int:
        """Number of articles in the index."""
        return self._searcher().num_docs

    def ids(self) -> set[str]:
        """The ids of the articles the index holds."""
        searcher = self._searcher()
        return set(self._ids_of(searcher, self._all_addresses(searcher, Query.all_query())))

    def _all_addresses(self, searcher: tantivy.Searcher, query: Query) -> list[DocAddress]:
        found = searcher.search(query, max(1, searcher.num_docs), count=False)
        return [address for _, address in found.hits]

    def _ids_of(self, searcher: tantivy.Searcher, addresses: list[DocAddress]) -> list[str]:
        numbers = searcher.fast_field_values("idnum", addresses) if addresses else []
        return [
            id_text(number) if number else searcher.doc(address).get_first("id")
            for number, address in zip(numbers, addresses, strict=True)
        ]

    def damage(self, *, deep: bool = False) -> str | None:
        """What is wrong with the index files, or None (see `seals`)."""
        return find_damage(self._part, deep=deep)

    def _damaged(self, exc: BaseException) -> IndexDamaged | None:
        found = self.damage(deep=True)
        return IndexDamaged(f"{found} ({type(exc).__name__}: {exc})") if found else None

    def size_bytes(self) -> int:
        """Bytes the index files take on disk."""
        return sum(p.stat().st_size for p in self.folder.rglob("*") if p.is_file())

    def close(self) -> None:
        """Drop the index; tantivy frees its files when the last searcher goes."""
        self._index = None

    # Searching

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
        """One page of article hits with snippets (BM25 over title and body) and the total;
        "date" is oldest first, "-date" newest first, undated articles last either way."""
        limit, offset = max(0, limit), max(0, offset)
        try:
            searcher = self._searcher()
            compiler = Compiler.for_query(searcher, self._schema, parsed.query)
            query = self._narrowed(compiler.compile(parsed.query), allow_ids, deny_ids)
            if abandoned is not None and abandoned():
                raise SearchAbandoned
            only = scores_nothing(parsed.query)  # no ranking to try first
            page, total = self._page(searcher, query, sort, offset, limit, only)
            stems, prefixes = marked_terms(parsed.query)
            hits = tuple(
                hit_from_fields(_fields(searcher.doc(address)), score, stems, prefixes)
                for score, address in page
            )
        except SearchAbandoned:
            raise
        except BaseException as exc:  # an odd query must not take the reader down
            if not _is_fault(exc):
                raise
            if damaged := self._damaged(exc):
                raise damaged from exc
            problem = f"the search could not run ({type(exc).__name__}: {exc})"
            return SearchResult((), 0, parsed.text, problem, parsed.terms)
        return SearchResult(hits, total, parsed.text, compiler.problem(parsed.problem),
                            parsed.terms)  # fmt: skip

    def _page(
        self,
        searcher: tantivy.Searcher,
        query: Query,
        sort: str,
        offset: int,
        limit: int,
        filters_only: bool = False,
    ) -> tuple[list[tuple[float, DocAddress]], int]:
        key = _SORT_KEYS.get(sort) or (_SORT_KEYS["-date"] if filters_only else None)
        if key is None:
            hits, total = by_score(searcher, query, offset, limit)
            if not hits or hits[0][0] > 0:
                return hits[offset : offset + limit], total
            key = _SORT_KEYS["-date"]  # nothing to rank by: as the empty query lists
        schema = self._schema
        stored = lambda address: searcher.doc(address).get_first("id")  # noqa: E731
        page, total = by_date(searcher, schema, query, key, offset, limit, stored)
        return [(0.0, address) for address in page], total

    def _narrowed(self, query: Query, allow: IdSet, deny: IdSet) -> Query:
        """The query among ``allow`` (when given) and never in ``deny``; filters score 0."""
        schema = self._schema
        clauses = [(Occur.Must, query)]
        if allow is not None:
            ids = Query.term_set_query(schema, "id", sorted(allow)) if allow else None
            clauses.append((Occur.Must, Query.const_score_query(ids, 0.0) if ids
                            else Query.empty_query()))  # fmt: skip
        if deny:
            clauses.append((Occur.MustNot, Query.term_set_query(schema, "id", sorted(deny))))
        return query if len(clauses) == 1 else Query.boolean_query(clauses)

    def matching_ids(self, parsed: ParsedQuery, allow: IdSet, deny: IdSet) -> frozenset[str]:
        """The ids of every article the query matches, for views that count over them all."""

        def ids() -> frozenset[str]:
            searcher = self._searcher()
            compiled = Compiler.for_query(searcher, self._schema, parsed.query)
            query = self._narrowed(compiled.compile(parsed.query), allow, deny)
            return frozenset(self._ids_of(searcher, self._all_addresses(searcher, query)))

        return self._guarded(ids)

    def _guarded(self, search: Callable[[], T]) -> T:
        """A search; when it fails on damaged files, IndexDamaged saying what is damaged."""
        try:
            return search()
        except BaseException as exc:
            if _is_fault(exc) and (damaged := self._damaged(exc)):
                raise damaged from exc
            raise


def _emptied(writer: Any) -> int:
    """Delete every document (a writer's fill for `clear`): none written."""
    writer.delete_all_documents()
    return 0


def _fields(doc: tantivy.Document) -> dict[str, Any]:
    """A stored article as `hit_from_fields` reads it (Whoosh's stored fields)."""
    fields = {name: values[0] for name, values in doc.to_dict().items() if values}
    day = day_of(fields.pop("day", None))
    if day is not None:
        fields["date"] = dt.datetime(day.year, day.month, day.day)
    return fields
