"""Which analysis executor a run uses: chosen by its options, opened for the run, then closed.

A run opens its analysis before it takes the library's write lock or stores anything, so a
cluster that cannot be reached is said before any change.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from ...faults import LibraryError
from ...models import LOADING, AnalysisCluster, Progress, Step
from ..runtime.nlp import load_analyzer
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


@contextmanager
def analysis_for(
    analyze: bool,
    where: AnalysisCluster | None,
    notices: list[str],
    progress: Progress | None = None,
) -> Iterator[tuple[Analyzer | None, AnalysisExecutor | None]]:
    """A run's analyzer (None when it does not analyse, or spaCy is missing: ``notices`` says
    so) and its executor (`executor_for`); ``progress`` is told while the model loads."""
    if analyze and progress:
        progress(Step(LOADING, 0, None))
    analyzer = load_analyzer(notices) if analyze else None
    with executor_for(where, analyzer) as executor:
        yield analyzer, executor
