"""Analysis on a Dask cluster: a scheduler already running, or a LocalCluster of N workers.

Only this module imports Dask, and it is imported only when a run asks for a cluster
(`--scheduler`, `--workers`; `choice.executor_for`): the reader and every other command never
load it. Each worker loads the model once and runs `worker.analyze_batch` on the batches sent to
it, returning only Analysis records; the run's own process, the one holding the library's write
lock, stores them in input order. Workers never see the library.

A worker that dies takes its batches with it: the scheduler sends them to another worker (a
LocalCluster's nanny starts a new one) and the run waits for them, so every batch is analysed
and stored exactly once. A batch that killed Dask's `allowed-failures` workers (KilledWorker:
an article that takes all memory, say) is analysed in this process instead, as the local pool
does after a worker dies.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections import deque
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import TYPE_CHECKING

from distributed import Client, Future, KilledWorker, LocalCluster, WorkerPlugin

from ...faults import LibraryError
from ...models import AnalysisCluster
from .port import BatchResult
from .worker import analyze_batch

if TYPE_CHECKING:
    from distributed import Worker

    from ..pipeline import Analyzer

log = logging.getLogger(__name__)

# The scheduler's HTTP server starts even without a dashboard, on 8787 unless told otherwise:
# beside a cluster already there, it would move and warn on the run's stderr.
NO_DASHBOARD = {"dashboard_address": "127.0.0.1:0", "scheduler_kwargs": {"dashboard": False}}
CONNECT_SECONDS = 10  # to reach a scheduler, and for it to have a worker
AHEAD_PER_THREAD = 3  # batches in flight per worker thread: enough to keep every one busy
# Dask's own log lines (a worker restarted, a heartbeat lost while the cluster closes) stay off the
# run's stderr: the run says what matters in its own words.
QUIET = logging.CRITICAL


class DaskExecutor:
    """Sends batches to the cluster's workers and gives their results back in input order."""

    def __init__(self, client: Client, fallback: Analyzer, where: AnalysisCluster) -> None:
        self.client, self.fallback, self.where = client, fallback, where

    def run(self, batches: Iterator[list[str]]) -> Iterator[BatchResult]:
        pending: deque[tuple[list[str], Future]] = deque()
        ahead = AHEAD_PER_THREAD * max(1, sum(self.client.nthreads().values()))
        try:
            for batch in batches:
                pending.append((batch, self.client.submit(analyze_batch, batch, pure=False)))
                if len(pending) >= ahead:
                    yield self._next_result(pending)
            while pending:
                yield self._next_result(pending)
        finally:
            # Stopped early (an interrupt, an error): the workers drop what is left.
            if pending:
                self.client.cancel([future for _, future in pending])

    def _next_result(self, pending: deque[tuple[list[str], Future]]) -> BatchResult:
        batch, future = pending[0]
        try:
            result = future.result()
        except KilledWorker:
            log.warning("a batch killed Dask workers; analysing it in this process")
            result = self.fallback.analyze_batch(batch)
        except Exception as error:  # the workers cannot run newsreader at all
            raise LibraryError(
                f"{self.where}: a Dask worker failed to analyse a batch"
                f" ({type(error).__name__}: {error}); the workers need newsreader[analysis]"
                " installed, the same version as here"
            ) from error
        pending.popleft()
        return result


class _LeaveCtrlCToTheRun(WorkerPlugin):
    """Local workers share the terminal's process group, so a Ctrl-C reaches them too: the run
    alone decides what it means and ends them; they print no traceback over its output."""

    def setup(self, worker: Worker) -> None:
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGINT, signal.SIG_IGN)


@contextmanager
def dask_executor(where: AnalysisCluster, fallback: Analyzer) -> Iterator[DaskExecutor]:
    """An executor on the cluster ``where`` names, closed (a local one ended) on leaving."""
    logging.getLogger("distributed").setLevel(QUIET)
    with ExitStack() as stack:
        if where.scheduler:
            client = stack.enter_context(_connected(where.scheduler))
        else:
            cluster = LocalCluster(
                n_workers=where.workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                silence_logs=QUIET, **NO_DASHBOARD,
            )  # fmt: skip
            stack.enter_context(cluster)
            client = stack.enter_context(Client(cluster))
            client.register_plugin(_LeaveCtrlCToTheRun(), name="newsreader-ctrl-c")
        yield DaskExecutor(client, fallback, where)


def _connected(address: str) -> Client:
    """A client of the scheduler at ``address`` with a worker, or one LibraryError naming it."""
    try:
        client = Client(address, timeout=CONNECT_SECONDS)
    except (OSError, TimeoutError, ValueError) as error:
        raise LibraryError(f"{address}: cannot reach the Dask scheduler ({_why(error)})") from None
    try:
        client.wait_for_workers(1, timeout=CONNECT_SECONDS)
    except (OSError, TimeoutError):
        client.close()
        raise LibraryError(
            f"{address}: the Dask scheduler has no workers (none after {CONNECT_SECONDS} s)"
        ) from None
    return client


def _why(error: Exception) -> str:
    # Dask retries a refused connection until its timeout, then says only that it timed out.
    text = " ".join(str(error).split())
    if isinstance(error, TimeoutError) or text.startswith("Timed out"):
        return f"no answer within {CONNECT_SECONDS} s"
    return text or type(error).__name__
