"""Analysis on this machine: in this process, or in a pool of worker processes (both cores).

Only small ``Analysis`` records cross process boundaries, never spaCy Docs: the workers do the
rule work too (`worker.analyze_batch`).
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING

from ...ingest.childproc import forking
from ..runtime.nlp import load_nlp
from .port import BatchResult
from .worker import analyze_batch, start_pool_worker

if TYPE_CHECKING:
    from ..pipeline import Analyzer

log = logging.getLogger(__name__)


class InProcess:
    """Analyses every batch in this process, one after the other."""

    def __init__(self, analyzer: Analyzer) -> None:
        self.analyzer = analyzer

    def run(self, batches: Iterator[list[str]]) -> Iterator[BatchResult]:
        for batch in batches:
            yield self.analyzer.analyze_batch(batch)


class ProcessPool:
    """Analyses batches in ``n_process`` worker processes, at most a few batches ahead.

    If a worker dies (killed, out of memory) the rest of the input is analysed in this process.
    If the caller stops early (an interrupt, an error, the generator closed), the workers are
    ended at once rather than left to finish the batches queued for them.
    """

    def __init__(self, analyzer: Analyzer, n_process: int) -> None:
        self.analyzer, self.n_process = analyzer, n_process

    def run(self, batches: Iterator[list[str]]) -> Iterator[BatchResult]:
        pending: deque[tuple[list[str], Future[BatchResult]]] = deque()
        pool = ProcessPoolExecutor(
            self.n_process, mp_context=_context(), initializer=start_pool_worker,
            initargs=(os.getpid(),),
        )  # fmt: skip
        finished = False
        try:
            for batch in batches:
                with forking():  # the first submits start the worker processes
                    pending.append((batch, pool.submit(analyze_batch, batch)))
                if len(pending) >= 3 * self.n_process:
                    yield _next_result(pending)
            while pending:
                yield _next_result(pending)
            finished = True
        except BrokenProcessPool:
            log.warning("an analysis worker died; continuing in one process")
            finished = True
        finally:
            if not finished:
                _end_workers(pool)
            pool.shutdown(wait=True, cancel_futures=True)
        # Only reached with batches left after a broken pool: finish them here.
        for batch in itertools.chain([b for b, _ in pending], batches):
            yield self.analyzer.analyze_batch(batch)


def _context() -> multiprocessing.context.BaseContext:
    # fork shares the loaded model copy-on-write and starts instantly, but forking a process that
    # runs other threads (a TUI, a thread pool) can deadlock; spawn is safe there.
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        load_nlp()  # load once before forking so the workers inherit it
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _end_workers(pool: ProcessPoolExecutor) -> None:
    """Kill the pool's worker processes (Python 3.14 has this as a method). SIGKILL, since a
    worker forked a moment ago may still run the run's own signal handlers, and a worker has
    nothing to clean up."""
    kill = getattr(pool, "kill_workers", None)
    if kill is not None:
        kill()
        return
    for process in list((pool._processes or {}).values()):
        process.kill()


def _next_result(pending: deque[tuple[list[str], Future[BatchResult]]]) -> BatchResult:
    result = pending[0][1].result()  # raises before popping, so a lost batch is redone
    pending.popleft()
    return result
