"""`--scheduler` and `--workers`: the options of `index` and `fetch` that send analysis to Dask.

They exclude each other and `--no-analysis` (argparse says so, exit 2). A scheduler that cannot
be reached is the library's one line (exit 1), before anything is stored.
"""

from __future__ import annotations

import argparse

from newsreader.index.models import AnalysisCluster


def add_cluster_options(parser: argparse.ArgumentParser, no_analysis_help: str) -> None:
    """`--no-analysis`, `--scheduler ADDRESS` and `--workers N`, one of them at most."""
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--no-analysis", action="store_true", help=no_analysis_help)
    where.add_argument(
        "--scheduler", metavar="tcp://HOST:8786",
        help="analyse on the Dask cluster of this scheduler (needs newsreader[cluster] here and"
        " newsreader[analysis] on its workers); only this process writes the library",
    )  # fmt: skip
    where.add_argument(
        "--workers", type=_worker_count, metavar="N",
        help="analyse on a local Dask cluster of N worker processes (needs newsreader[cluster])",
    )  # fmt: skip


def cluster_of(args: argparse.Namespace) -> AnalysisCluster | None:
    """The cluster the options name, or None to analyse on this machine as usual."""
    if args.scheduler:
        return AnalysisCluster(scheduler=args.scheduler.strip())
    if args.workers:
        return AnalysisCluster(workers=args.workers)
    return None


def _worker_count(text: str) -> int:
    try:
        count = int(text)
    except ValueError:
        count = 0
    if count < 1:
        raise argparse.ArgumentTypeError(f"not a number of workers (1 or more): {text!r}")
    return count
