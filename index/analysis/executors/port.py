"""The analysis executor: the one small interface behind which analysis batches run.

`Analyzer.analyze_many` cuts its texts into batches and hands them to an executor, which gives
back each batch's results, batch for batch in input order: this process (`local.InProcess`), a
pool of worker processes on this machine (`local.ProcessPool`), or a Dask cluster
(`dask_cluster.DaskExecutor`). An executor only analyses: the one process that owns the library
writes its record and index from what the executor returns.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from ...models import Analysis

BatchResult = list[tuple[Analysis, str | None]]
"""Each text's Analysis and its one-line problem (None when it had none), in batch order."""


class AnalysisExecutor(Protocol):
    """Runs batches of article texts through the analysis; results come back in input order."""

    def run(self, batches: Iterator[list[str]]) -> Iterator[BatchResult]:
        """One result per batch, in the order the batches came; stopping early drops the rest."""
        ...
