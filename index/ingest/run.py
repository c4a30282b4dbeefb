"""Ingest: sources -> articles -> analysis -> SQLite record -> Whoosh index, incrementally.

Work flows as a stream of small operations in file order. Articles that need analysis are fed
to spaCy in one long `nlp.pipe` stream (so worker processes start once), and every batch is
committed to SQLite before the index, so an interruption never loses committed articles: the
next open indexes whatever SQLite holds that the index does not.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..models import Analysis, IngestReport, Origin, Problem, Progress
from ..publish import publish
from ..record.articles import ArticleStore, FileRecord, transaction
from ..record.triage import StateStore
from .progress import RunProgress, expected_articles
from .sources import (
    SourceRecord,
    iter_files,
    path_of_text,
    path_text,
    read_source,
)

if TYPE_CHECKING:
    from ..analysis.executors.port import AnalysisExecutor
    from ..analysis.pipeline import Analyzer
    from ..search.port import SearchEngine

SMALL_RUN_BYTES = 256 * 1024  # below this, forking spaCy workers costs more than it saves


@dataclass(slots=True)
class _Write:
    record: SourceRecord
    replaces: str | None
    analysis: Analysis | None = None


@dataclass(frozen=True, slots=True)
class _Link:
    origin: Origin
    article_id: str
    replaces: str | None


@dataclass(frozen=True, slots=True)
class _Unlink:
    path: str
    key: str


@dataclass(frozen=True, slots=True)
class _FileDone:
    record: FileRecord | None
    path: str
    forget_removed: bool = False  # its removed articles were read again, or it is gone


_Op = _Write | _Link | _Unlink | _FileDone


class Ingester:
    """One ingest run over a set of paths."""

    def __init__(
        self,
        store: ArticleStore,
        state: StateStore,
        engine: SearchEngine,
        analyzer: Analyzer | None,
        *,
        on_problem: Callable[[Problem], None] | None = None,
        progress: Progress | None = None,
        batch_size: int | None = None,
        source: str | None = None,
        executor: AnalysisExecutor | None = None,
    ) -> None:
        self.store, self.state, self.engine, self.analyzer = store, state, engine, analyzer
        self.executor = executor  # a Dask cluster's, when asked for; else chosen by size
        self.on_problem = on_problem
        self.tally = RunProgress(progress, analysing=analyzer is not None)
        # Analysed batches stay small so progress is committed often; text-only ones are large
        # so that the multi-process index writer pays off.
        self.batch_size = batch_size or (500 if analyzer else 4000)
        self.counts: Counter[str] = Counter()
        self.problems: list[Problem] = []
        self._queued: set[str] = set()
        self._unread: list[str] = []  # real paths that could not be read: their articles stay
        self.source = source  # every article read gets this source (the bundled demo articles)
        self._named: set[str] = set()  # files named on the command line, not found in a folder

    def run(self, paths: Sequence[Path]) -> IngestReport:
        self._named = {path_text(p.resolve()) for p in paths if p.is_file()}
        files, roots = self._collect(paths)
        total = sum(size for _, size in files)
        expected = [expected_articles(path, self.store) for path, _ in files]
        self.tally.expect(sum(expected))
        ops = self._scan(files, expected, roots)
        if self.analyzer is not None:
            ops = self._analyzed(ops, n_process=2 if total > SMALL_RUN_BYTES else 1)
        batch: list[_Op] = []
        writes = 0
        for op in ops:
            batch.append(op)
            writes += isinstance(op, _Write)
            if isinstance(op, _Write | _Link):
                self.tally.article_done()
            if writes >= self.batch_size or len(batch) >= 20 * self.batch_size:
                self._commit(batch)
                batch, writes = [], 0
                self.tally.working()
        self._commit(batch)
        return IngestReport(**self.counts, problems=tuple(self.problems))

    # Scanning -------------------------------------------------------------------------------
    def _collect(self, paths: Sequence[Path]) -> tuple[list[tuple[Path, int]], list[Path]]:
        files: list[tuple[Path, int]] = []
        for item in iter_files(paths):
            if isinstance(item, Problem):
                if item.scope == "unreadable":
                    self._keep_under(item.path)
                self._problem(item)
                continue
            try:
                files.append((item, item.stat().st_size))
            except OSError as error:
                self._unreadable(path_text(item), error)
        roots = [p.resolve() for p in paths if p.is_dir()]
        return files, roots

    def _scan(
        self, files: list[tuple[Path, int]], expected: list[int], roots: list[Path]
    ) -> Iterator[_Op]:
        seen: set[str] = set()
        for (path, _), articles in zip(files, expected, strict=True):
            path = path.resolve()
            seen.add(path_text(path))
            before = self.tally.read
            yield from self._scan_file(path)
            self.tally.file_read(articles, self.tally.read - before)
        for root in roots:
            yield from self._vanished(path_text(root), seen)

    def _scan_file(self, path: Path) -> Iterator[_Op]:
        name = path_text(path)
        try:
            st = path.stat()
        except OSError as error:
            self._unreadable(name, error)
            return
        known = self.store.file(name)
        existing = self.store.origins_of_file(name)
        # Articles the user removed stay removed, unless their file is named again.
        removed = self.store.removed_keys(name)
        readd = bool(removed) and name in self._named
        if readd:
            known, removed = None, set()
        if known and (known.size, known.mtime_ns) == (st.st_size, st.st_mtime_ns):
            self.counts["unchanged"] += max(len(existing), 1)
            return
        try:
            digest = _sha256(path)
        except OSError as error:
            self._unreadable(name, error)
            return
        fingerprint = FileRecord(name, st.st_size, st.st_mtime_ns, digest)
        if known and known.sha256 == digest:
            self.counts["unchanged"] += max(len(existing), 1)
            yield _FileDone(fingerprint, name)
            return
        outcome = _Outcome(skip=removed)
        yield from self._read_file(path, name, existing, outcome)
        if outcome.unreadable:
            return  # keep what the file gave before; read it again next run
        for key in existing.keys() - outcome.keys - self._kept_keys(name, outcome):
            self.counts["removed"] += 1
            yield _Unlink(name, key)
        yield _FileDone(fingerprint, name, forget_removed=readd)

    def _read_file(
        self,
        path: Path,
        name: str,
        existing: dict[str, str],
        outcome: _Outcome,
    ) -> Iterator[_Op]:
        """The ops for every record of one file, noting in ``outcome`` what could not be read."""
        for item in _guarded(name, read_source(path)):
            if isinstance(item, SourceRecord):
                origin = item.article.origin or Origin(name)
                if origin.key in outcome.skip:
                    continue
                outcome.keys.add(origin.key)
                self.tally.article_read()
                yield from self._record_ops(item, origin, existing.get(origin.key))
                continue
            self._problem(item)
            if item.fatal:
                outcome.note(item)

    def _kept_keys(self, name: str, outcome: _Outcome) -> set[str]:
        """The stored keys of a file to keep although this run did not read them.

        After a problem that cost the rest of the file, every one; after bad records, those read
        before from the lines that are bad now (an editor may be half-way through a line).
        """
        lines = self.store.origin_lines_of_file(name)
        if outcome.rest_lost:
            return set(lines)
        return {key for key, line in lines.items() if line in outcome.bad_lines}

    def _record_ops(self, record: SourceRecord, origin: Origin, old: str | None) -> Iterator[_Op]:
        article_id = record.article.id
        if old == article_id:
            self.counts["unchanged"] += 1
            yield _Link(origin, article_id, None)
            return
        if old is None:
            self.counts["added"] += 1
        else:
            self.counts["updated"] += 1
        if article_id in self._queued or self.store.has(article_id):
            self.counts["duplicates"] += old is None
            self.counts["added"] -= old is None
            yield _Link(origin, article_id, old)
            return
        self._queued.add(article_id)
        if self.source:
            record = replace(record, article=replace(record.article, source=self.source))
        yield _Write(record, old)

    def _vanished(self, root: str, seen: set[str]) -> Iterator[_Op]:
        for name in self.store.files_under(root):
            if name in seen or self._was_unread(name) or _still_there(name):
                continue
            for key in self.store.origins_of_file(name):
                self.counts["removed"] += 1
                yield _Unlink(name, key)
            yield _FileDone(None, name, forget_removed=True)

    def _was_unread(self, name: str) -> bool:
        """Tell whether a stored file is, or is inside, something this run could not read."""
        return any(name == path or name.startswith(path.rstrip(os.sep) + os.sep)
                   for path in self._unread)  # fmt: skip

    # Analysis ---------------------------------------------------------------------------------
    def _analyzed(self, ops: Iterable[_Op], *, n_process: int) -> Iterator[_Op]:
        """Pass ops through in order, with an Analysis attached to every write."""
        assert self.analyzer is not None
        pending: deque[_Op] = deque()
        origins: list[Origin | None] = []

        def texts() -> Iterator[str]:
            for op in ops:
                pending.append(op)
                if isinstance(op, _Write):
                    origins.append(op.record.article.origin)
                    yield op.record.article.text

        def failed(position: int, message: str) -> None:
            origin = origins[position] or Origin("?")
            line = origin.line if origin.key else None
            self._problem(Problem(origin.path, f"analysis failed: {message}", line, fatal=False))

        analyses = self.analyzer.analyze_many(
            texts(), n_process=n_process, on_error=failed, executor=self.executor
        )
        for analysis in analyses:
            while not isinstance(pending[0], _Write):
                yield pending.popleft()
            write = pending.popleft()
            assert isinstance(write, _Write)
            write.analysis = analysis
            yield write
        yield from pending

    # Committing -------------------------------------------------------------------------------
    def _commit(self, batch: list[_Op]) -> None:
        if not batch:
            return
        orphans: set[str] = set()
        written: list[_Write] = []
        self.tally.writing()
        with transaction(self.store.conn):
            for op in batch:
                self._apply(op, orphans, written)
            deleted = [i for i in orphans if self.store.delete_if_orphan(i)]
        docs = [(w.record.article, w.analysis) for w in written]
        # Every write is an id the record did not hold, so it cannot be in the index either.
        publish(
            self.store, self.engine, docs, deleted, new=True,
            on_commit=self.tally.merging,
        )  # fmt: skip

    def _apply(self, op: _Op, orphans: set[str], written: list[_Write]) -> None:
        if isinstance(op, _Write):
            article = op.record.article
            self.store.put(article, op.analysis)
            self.store.put_origin(article.origin or Origin(""), article.id)
            written.append(op)
            self._replaced(op.replaces, article.id, orphans)
        elif isinstance(op, _Link):
            self.store.put_origin(op.origin, op.article_id)
            self._replaced(op.replaces, op.article_id, orphans)
        elif isinstance(op, _Unlink):
            old = self.store.drop_origin(op.path, op.key)
            if old:
                orphans.add(old)
        else:
            if op.forget_removed:
                self.store.forget_removed(op.path)
            if op.record is None:
                self.store.drop_file(op.path)
            else:
                self.store.put_file(op.record)

    def _replaced(self, old: str | None, new: str, orphans: set[str]) -> None:
        if old and old != new:
            self.state.carry(old, new)
            orphans.add(old)

    def _problem(self, problem: Problem) -> None:
        if problem.fatal:
            self.counts["failed"] += 1
        else:
            self.counts["warnings"] += 1
        self.problems.append(problem)
        if self.on_problem:
            self.on_problem(problem)

    def _keep_under(self, name: str) -> None:
        """Keep the stored files at or under ``name`` (as shown: maybe relative, maybe a link)."""
        self._unread.append(path_text(os.path.realpath(path_of_text(name))))

    def _unreadable(self, name: str, error: OSError) -> None:
        """Report a file that could not be read; its stored articles are kept."""
        self._keep_under(name)
        reason = (error.strerror or str(error)).lower()
        self._problem(Problem(name, f"cannot read: {reason}", scope="unreadable"))


@dataclass(slots=True)
class _Outcome:
    """What reading one file gave: the keys read, and what its problems cost."""

    skip: set[str] = field(default_factory=set)  # keys of articles the user removed
    keys: set[str] = field(default_factory=set)
    bad_lines: set[int] = field(default_factory=set)
    rest_lost: bool = False
    unreadable: bool = False

    def note(self, problem: Problem) -> None:
        if problem.scope == "unreadable":
            self.unreadable = True
        elif problem.scope == "rest" or problem.line is None:
            self.rest_lost = True
        else:
            self.bad_lines.add(problem.line)


def _guarded(
    name: str, items: Iterator[SourceRecord | Problem]
) -> Iterator[SourceRecord | Problem]:
    """Pass a reader's items on; an error of the reader's own ends the file with a Problem.

    The readers turn every bad input they know into a Problem; one they do not know must cost
    this file's records in this run (kept, and read again next run), not the whole run.
    """
    while True:
        try:
            item = next(items)
        except StopIteration:
            return
        except Exception as error:
            message = f"could not be read ({type(error).__name__}: {error}); please report this"
            yield Problem(name, message, scope="unreadable")
            return
        yield item


def _still_there(name: str) -> bool:
    """Tell whether a stored file name (see path_text) still names something on disk."""
    return os.path.lexists(name) or os.path.lexists(path_of_text(name))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
