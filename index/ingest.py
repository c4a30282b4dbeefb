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
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from newsreader.index.models import Analysis, IngestReport, Origin, Problem, Progress
from newsreader.index.sources import SourceRecord, iter_files, read_source
from newsreader.index.state import StateStore
from newsreader.index.store import ArticleStore, FileRecord, publish, transaction

if TYPE_CHECKING:
    from newsreader.index.analysis.pipeline import Analyzer
    from newsreader.index.engine import Engine

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


_Op = _Write | _Link | _Unlink | _FileDone


class Ingester:
    """One ingest run over a set of paths."""

    def __init__(
        self,
        store: ArticleStore,
        state: StateStore,
        engine: Engine,
        analyzer: Analyzer | None,
        *,
        on_problem: Callable[[Problem], None] | None = None,
        progress: Progress | None = None,
        batch_size: int | None = None,
    ) -> None:
        self.store, self.state, self.engine, self.analyzer = store, state, engine, analyzer
        self.on_problem = on_problem
        self.progress = progress
        # Analysed batches stay small so progress is committed often; text-only ones are large
        # so that the multi-process index writer pays off.
        self.batch_size = batch_size or (500 if analyzer else 4000)
        self.counts: Counter[str] = Counter()
        self.problems: list[Problem] = []
        self._queued: set[str] = set()

    def run(self, paths: Sequence[Path]) -> IngestReport:
        files, roots = self._collect(paths)
        total = sum(size for _, size in files)
        ops = self._scan(files, roots, total)
        if self.analyzer is not None:
            ops = self._analyzed(ops, n_process=2 if total > SMALL_RUN_BYTES else 1)
        batch: list[_Op] = []
        writes = 0
        for op in ops:
            batch.append(op)
            writes += isinstance(op, _Write)
            if writes >= self.batch_size or len(batch) >= 20 * self.batch_size:
                self._commit(batch)
                batch, writes = [], 0
        self._commit(batch)
        return IngestReport(**self.counts, problems=tuple(self.problems))

    # Scanning -------------------------------------------------------------------------------
    def _collect(self, paths: Sequence[Path]) -> tuple[list[tuple[Path, int]], list[Path]]:
        files: list[tuple[Path, int]] = []
        for item in iter_files(paths):
            if isinstance(item, Problem):
                self._problem(item)
                continue
            try:
                files.append((item, item.stat().st_size))
            except OSError as error:
                self._problem(Problem(str(item), f"cannot read: {error.strerror}"))
        roots = [p.resolve() for p in paths if p.is_dir()]
        return files, roots

    def _scan(self, files: list[tuple[Path, int]], roots: list[Path], total: int) -> Iterator[_Op]:
        done = 0
        seen: set[str] = set()
        for path, size in files:
            key = str(path.resolve())
            seen.add(key)
            yield from self._scan_file(Path(key), done, total)
            done += size
            self._report(done, total)
        for root in roots:
            yield from self._vanished(root, seen)

    def _scan_file(self, path: Path, done: int, total: int) -> Iterator[_Op]:
        name = str(path)
        try:
            st = path.stat()
        except OSError as error:
            self._problem(Problem(name, f"cannot read: {error.strerror}"))
            return
        known = self.store.file(name)
        existing = self.store.origins_of_file(name)
        if known and (known.size, known.mtime_ns) == (st.st_size, st.st_mtime_ns):
            self.counts["unchanged"] += max(len(existing), 1)
            return
        try:
            digest = _sha256(path)
        except OSError as error:
            self._problem(Problem(name, f"cannot read: {error.strerror}"))
            return
        fingerprint = FileRecord(name, st.st_size, st.st_mtime_ns, digest)
        if known and known.sha256 == digest:
            self.counts["unchanged"] += max(len(existing), 1)
            yield _FileDone(fingerprint, name)
            return
        seen_keys: set[str] = set()
        failed = False
        for item in read_source(path):
            if isinstance(item, Problem):
                failed |= item.fatal
                self._problem(item)
                continue
            origin = item.article.origin or Origin(name)
            seen_keys.add(origin.key)
            yield from self._record_ops(item, origin, existing.get(origin.key))
            self._report(done + origin.offset, total)
        if failed:
            return  # keep what the file gave before; retry it next run
        for key in existing.keys() - seen_keys:
            self.counts["removed"] += 1
            yield _Unlink(name, key)
        yield _FileDone(fingerprint, name)

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
        yield _Write(record, old)

    def _vanished(self, root: Path, seen: set[str]) -> Iterator[_Op]:
        for name in self.store.files_under(str(root)):
            if name in seen or os.path.exists(name):
                continue
            for key in self.store.origins_of_file(name):
                self.counts["removed"] += 1
                yield _Unlink(name, key)
            yield _FileDone(None, name)

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

        analyses = self.analyzer.analyze_many(texts(), n_process=n_process, on_error=failed)
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
        with transaction(self.store.conn):
            for op in batch:
                self._apply(op, orphans, written)
            deleted = [i for i in orphans if self.store.delete_if_orphan(i)]
        docs = [(w.record.article, w.analysis) for w in written]
        # Every write is an id the record did not hold, so it cannot be in the index either.
        publish(self.store, self.engine, docs, deleted, new=True)

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
        elif op.record is None:
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

    def _report(self, done: int, total: int) -> None:
        if self.progress:
            self.progress(min(done, total), total)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
