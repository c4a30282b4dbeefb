"""Analysis on a Dask cluster against the local process pool, on the same articles.

    .venv/bin/python bench/analysis_cluster.py [--limit N] [--workers 2] [--scheduler ADDR]

Analyses the BBC corpus (2,225 articles) twice through `Analyzer.analyze_many`: in the local pool of
``--workers`` processes, then on a Dask LocalCluster of as many workers (or on the cluster of
``--scheduler``). Prints one JSON object: for each, seconds and articles/s (the cluster's
start-up, its workers loading the model, is given apart and counted in neither), how many
articles' analyses differ between the two (0 expected), and the load average around the runs,
since the machine may be shared. A copy goes to bench/results/analysis_cluster.json.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from analysis_speed import CORPUS, read_texts
from common import emit

from newsreader.index.analysis.executors.choice import executor_for
from newsreader.index.analysis.executors.port import AnalysisExecutor
from newsreader.index.analysis.pipeline import DEFAULT_BATCH, Analyzer
from newsreader.index.analysis.runtime.nlp import MODEL_HINT
from newsreader.index.models import Analysis, AnalysisCluster


def timed(
    analyzer: Analyzer, texts: list[str], n_process: int, executor: AnalysisExecutor | None
) -> tuple[list[Analysis], dict[str, float]]:
    """The analyses of ``texts`` and how long they took."""
    start = time.perf_counter()
    found = list(analyzer.analyze_many(texts, n_process=n_process, executor=executor))
    seconds = time.perf_counter() - start
    return found, {"seconds": round(seconds, 2), "articles_per_s": round(len(texts) / seconds, 1)}


def measure(texts: list[str], where: AnalysisCluster, workers: int) -> dict[str, object]:
    """Both runs on ``texts``, the local pool first."""
    analyzer = Analyzer.load()
    if analyzer is None:
        raise SystemExit(MODEL_HINT)
    load_before = os.getloadavg()
    local, local_figures = timed(analyzer, texts, workers, None)
    started = time.perf_counter()
    with executor_for(where, analyzer) as executor:
        assert executor is not None
        # Every worker loads the model on its first batch: one small batch each, not timed.
        list(analyzer.analyze_many(texts[:workers], batch_size=1, executor=executor))
        start_up = time.perf_counter() - started
        cluster, cluster_figures = timed(analyzer, texts, workers, executor)
    return {
        "articles": len(texts),
        "batch_size": DEFAULT_BATCH,
        "local_pool": {"processes": workers, **local_figures},
        "dask": {
            "cluster": str(where),
            "start_up_seconds": round(start_up, 1),
            **cluster_figures,
        },
        "dask_speed_over_local": round(local_figures["seconds"] / cluster_figures["seconds"], 2),
        "analyses_differing": sum(a != b for a, b in zip(local, cluster, strict=True)),
        "load_average_before_after": [round(load_before[0], 1), round(os.getloadavg()[0], 1)],
        "cpus": os.cpu_count(),
    }


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run both measurements and print them as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--workers", type=int, default=2, help="local processes and workers")
    parser.add_argument("--scheduler", help="an existing cluster instead of a LocalCluster")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 1
    where = AnalysisCluster(scheduler=args.scheduler) if args.scheduler else None
    where = where or AnalysisCluster(workers=args.workers)
    texts = read_texts(args.corpus, args.limit)
    emit("analysis_cluster", measure(texts, where, args.workers))
    return 0


if __name__ == "__main__":  # the cluster's workers are spawned: they import this module again
    sys.exit(main())
