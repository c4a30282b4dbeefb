"""Measure the analysis pipeline on the BBC corpus: articles/s, words/s and peak memory.

    .venv/bin/python bench/analysis_speed.py [--limit N] [--n-process 2] [--batch-size 16]

Prints one JSON object. Peak RSS is given two ways: sampled every 0.2 s over the whole process
tree (this process and its workers, summed), and from getrusage (this process's peak plus the
largest worker's peak times the number of workers, an upper bound).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from newsreader.index.analysis.pipeline import DEFAULT_BATCH, Analyzer
from newsreader.index.analysis.runtime.nlp import MODEL_HINT

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "bbc.jsonl"


def read_texts(path: Path, limit: int | None) -> list[str]:
    """Return the article texts of a JSONL corpus, at most ``limit`` of them."""
    texts = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if limit is not None and len(texts) >= limit:
                break
            texts.append(json.loads(line)["text"])
    return texts


def tree_rss_mb() -> float:
    """Current resident memory of this process and all its descendants, in MB."""
    return sum(_rss_kb(pid) for pid in _tree(os.getpid())) / 1024


def _tree(pid: int) -> Iterator[int]:
    yield pid
    for child in _children(pid):
        yield from _tree(child)


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                found.extend(int(c) for c in f.read().split())
    except OSError:
        pass
    return found


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class PeakSampler(threading.Thread):
    """Samples the process tree's RSS until stopped and keeps the peak."""

    def __init__(self, interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.interval = interval
        self.peak_mb = 0.0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            self.peak_mb = max(self.peak_mb, tree_rss_mb())
            self.stop.wait(self.interval)


def measure(texts: list[str], n_process: int, batch_size: int) -> dict[str, object]:
    """Analyse ``texts`` and return the figures."""
    analyzer = Analyzer.load()
    if analyzer is None:
        raise SystemExit(MODEL_HINT)
    errors: list[str] = []
    counts = {"entities": 0, "claims": 0, "quotes": 0}
    # The sampler thread is started after the pool forks (see executors.local._context), so
    # begin the clock and sampling together and let the pool pick fork or spawn on its own.
    sampler = PeakSampler()
    start_wall, start_cpu = time.perf_counter(), _cpu_seconds()
    results = analyzer.analyze_many(
        texts, n_process=n_process, batch_size=batch_size, on_error=lambda i, m: errors.append(m)
    )
    first = next(results, None)
    sampler.start()
    for analysis in ([first] if first else []) + list(results):
        counts["entities"] += len(analysis.entities)
        counts["claims"] += len(analysis.claims)
        counts["quotes"] += len(analysis.quotes)
    wall = time.perf_counter() - start_wall
    sampler.stop.set()
    sampler.join()
    words = sum(len(t.split()) for t in texts)
    return {
        "articles": len(texts),
        "words": words,
        "n_process": n_process,
        "batch_size": batch_size,
        "seconds": round(wall, 2),
        "articles_per_s": round(len(texts) / wall, 1),
        "words_per_s": round(words / wall),
        "cpu_seconds": round(_cpu_seconds() - start_cpu, 1),
        "peak_rss_tree_mb": round(sampler.peak_mb),
        "peak_rss_bound_mb": round(_rusage_bound_mb(n_process)),
        "errors": len(errors),
        "first_errors": errors[:3],
        **counts,
    }


def _cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _rusage_bound_mb(n_process: int) -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + (kids * n_process if n_process > 1 else 0)) / 1024


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run the measurement and print it as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="analyse only the first N articles")
    parser.add_argument("--n-process", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 1
    texts = read_texts(args.corpus, args.limit)
    print(json.dumps(measure(texts, args.n_process, args.batch_size), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
