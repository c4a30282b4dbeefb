"""Which analysis executor a run uses: chosen by its options, opened for the run, then closed."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from ...faults import LibraryError
from ...models import AnalysisCluster
from .port import AnalysisExecutor

if TYPE_CHECKING:
    from ..pipeline import Analyzer

CLUSTER_HINT = "pip install 'newsreader[cluster]'"


@contextmanager
def executor_for(
    where: AnalysisCluster | None, analyzer: Analyzer | None
) -> Iterator[AnalysisExecutor | None]:
    """The cluster's executor when ``where`` names one; else None, and each analysis picks this
    process or the local pool by its size. No analyzer (text only): nothing to execute."""
    if where is None or analyzer is None:
        yield None
        return
    if importlib.util.find_spec("distributed") is None:
        raise LibraryError(f"analysis on {where} needs Dask distributed: {CLUSTER_HINT}")
    from .dask_cluster import dask_executor  # Dask loads here, for this run only

    with dask_executor(where, analyzer) as executor:
        yield executor
