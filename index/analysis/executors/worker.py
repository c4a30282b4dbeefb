"""The analysis inside a helper process: the model loaded once per process, a batch in, its
results out. The local pool's workers and Dask's workers both run `analyze_batch`, so a batch
is analysed by the same code wherever it goes.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from ...ingest.childproc import become_child
from ...models import Analysis
from ..runtime.blas import single_threaded_blas
from .port import BatchResult

if TYPE_CHECKING:
    from ..pipeline import Analyzer

NO_MODEL = "no spaCy model in the worker process"

_loaded: list[Analyzer | None] = []  # empty until this process has tried to load it
# A Dask worker started with several threads runs several batches at once; the pipeline and its
# caches (pos_lemma.py) are not made for that, so batches take turns on the one loaded model.
_turns = threading.Lock()


def start_pool_worker(parent: int) -> None:
    """Set up a worker of the local pool: it lives and dies with the run, model loaded."""
    become_child(parent)  # dies with the run, leaves Ctrl-C to it
    _analyzer()


def analyze_batch(texts: list[str]) -> BatchResult:
    """Analyse one batch with this process's model (loaded on the first batch)."""
    with _turns:
        analyzer = _analyzer()
        if analyzer is None:
            return [(Analysis(), NO_MODEL) for _ in texts]
        return analyzer.analyze_batch(texts)


def _analyzer() -> Analyzer | None:
    if not _loaded:
        from ..pipeline import Analyzer  # the pipeline imports the executors

        _loaded.append(Analyzer.load())
        single_threaded_blas()  # each worker takes one core; numpy is loaded by now
    return _loaded[0]
