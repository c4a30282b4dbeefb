"""Indexing speed and memory on ../shared/corpus.

.venv/bin/python bench/index_speed.py            # text only, bbc + reuters (21,268 articles)
.venv/bin/python bench/index_speed.py --analysis # full analysis, bbc (2,225 articles)
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from pathlib import Path

from common import corpus_files, emit, peak_rss_mb

from newsreader.index.library import Library


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--analysis", action="store_true", help="with spaCy analysis, on bbc")
    args = parser.parse_args()
    names = ("bbc.jsonl",) if args.analysis else ("bbc.jsonl", "reuters21578.jsonl")
    paths = corpus_files(*names)
    folder = Path(tempfile.mkdtemp(prefix="newsreader-bench-"))
    try:
        with Library.open(folder / "library") as library:
            start, cpu = time.perf_counter(), _cpu_seconds()
            report = library.ingest(paths, analyze=args.analysis)
            first = time.perf_counter() - start
            (own_end, workers_end), (own_start, workers_start) = _cpu_seconds(), cpu
            own, workers = own_end - own_start, workers_end - workers_start
            start = time.perf_counter()
            again = library.ingest(paths, analyze=args.analysis)
            rerun = time.perf_counter() - start
            stats = library.stats()
        stored = report.added + report.duplicates
        emit(
            "index_analysis" if args.analysis else "index_text",
            {
                "corpora": names,
                "articles_read": stored,
                "articles_stored": stats.articles,
                "seconds": round(first, 2),
                "articles_per_second": round(stored / first, 1),
                "cpu_seconds_main": round(own, 1),
                "cpu_seconds_workers": round(workers, 1),
                "unchanged_rerun_seconds": round(rerun, 3),
                "unchanged_rerun_articles": again.unchanged,
                "index_mb": round(stats.index_bytes / 1e6, 1),
                "quotes": stats.quotes,
                "claims": stats.claims,
                **peak_rss_mb(),
            },
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _cpu_seconds() -> tuple[float, float]:
    """User + system CPU of this process and of its finished child processes."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


if __name__ == "__main__":
    main()
