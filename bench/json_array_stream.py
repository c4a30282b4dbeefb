"""Memory and time to read (and optionally index) one big JSON array file.

.venv/bin/python bench/json_array_stream.py                # a 200 MB array, read only
.venv/bin/python bench/json_array_stream.py --size-mb 300 --index   # and `newsreader index` it

The file is generated in a temporary folder: news-like records of about 2 KB each, with
non-ASCII characters. Each measurement runs in a fresh process; its peak resident memory is
that process's ru_maxrss, so the figures include the interpreter and the imports (about 40 MB
for reading, more for indexing with Whoosh's writer processes, reported separately).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import emit

READ = """
import resource, sys, time
from pathlib import Path
from newsreader.index.ingest.sources import SourceRecord, read_source
start = time.perf_counter()
count = sum(1 for item in read_source(Path(sys.argv[1])) if isinstance(item, SourceRecord))
seconds = time.perf_counter() - start
print(count, seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

INDEX = """
import resource, sys, time
from newsreader.tui.cli.main import main
start = time.perf_counter()
code = main(["index", sys.argv[1], "--library", sys.argv[2], "--no-analysis", "--json"])
seconds = time.perf_counter() - start
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(code, seconds, own, workers, file=sys.stderr)
"""


def write_array(path: Path, size_bytes: int) -> int:
    """Write a JSON array of articles about ``size_bytes`` long; return the record count."""
    body = "Shares in Zürich rose by 3 € on Monday after the results, traders said. " * 25
    count = 0
    with path.open("w", encoding="utf-8") as handle:
        handle.write("[\n")
        while handle.tell() < size_bytes:
            record = {"id": f"r{count}", "title": f"Story {count}", "date": "2025-01-13"}
            prefix = ",\n" if count else ""
            handle.write(prefix + json.dumps({**record, "text": body}, ensure_ascii=False))
            count += 1
        handle.write("\n]\n")
    return count


def measure_read(path: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", READ, str(path)], capture_output=True, text=True, check=True
    )
    count, seconds, peak_kb = out.stdout.split()
    return {"records": int(count), "seconds": round(float(seconds), 1),
            "peak_rss_mb": round(int(peak_kb) / 1024, 1)}  # fmt: skip


def measure_index(path: Path, library: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", INDEX, str(path), str(library)], capture_output=True, text=True
    )
    code, seconds, own_kb, workers_kb = out.stderr.split()[-4:]
    summary = json.loads(out.stdout.splitlines()[-1])
    return {"exit": int(code), "added": summary["added"], "seconds": round(float(seconds), 1),
            "peak_rss_mb": round(int(own_kb) / 1024, 1),
            "largest_child_peak_rss_mb": round(int(workers_kb) / 1024, 1)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size-mb", type=int, default=200)
    parser.add_argument("--index", action="store_true", help="also run `newsreader index` on it")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="newsreader-bench-"))
    try:
        path = folder / "array.json"
        start = time.perf_counter()
        count = write_array(path, args.size_mb * 1_000_000)
        figures: dict[str, object] = {
            "file_mb": round(path.stat().st_size / 1_000_000, 1),
            "records": count,
            "generated_seconds": round(time.perf_counter() - start, 1),
            "read": measure_read(path),
        }
        if args.index:
            figures["index"] = measure_index(path, folder / "library")
        emit("json_array_stream", figures)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
