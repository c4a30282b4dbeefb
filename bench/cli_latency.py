"""End-to-end latency of a `newsreader search` process: start, open, search, print.

    .venv/bin/python bench/cli_latency.py [--runs 40]

Runs on a text-only library of bbc + reuters (21,268 articles), built once into bench/results/.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from common import cached_library, compile_package, emit

QUERIES = ["oil prices", "tariff -china", '"interest rates"', "title:profit", "bank OR loan"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    compile_package()
    library = cached_library("bbc.jsonl", "reuters21578.jsonl")
    exe = Path(sys.executable).with_name("newsreader")
    env = {**os.environ, "NEWSREADER_LIBRARY": str(library)}
    times = []
    for run in range(args.runs):
        query = QUERIES[run % len(QUERIES)]
        start = time.perf_counter()
        done = subprocess.run(
            [str(exe), "search", query, "--json"], env=env, capture_output=True, check=True
        )
        times.append(time.perf_counter() - start)
        assert done.stdout, query
    times.sort()
    emit(
        "cli_latency",
        {
            "runs": args.runs,
            "median_ms": round(statistics.median(times) * 1000, 1),
            "p95_ms": round(times[int(0.95 * (len(times) - 1))] * 1000, 1),
            "min_ms": round(times[0] * 1000, 1),
        },
    )


if __name__ == "__main__":
    main()
