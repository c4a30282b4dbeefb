"""kill -9 `newsreader index` at random moments; then the library must be exactly a clean run's.

.venv/bin/python bench/kill_runs.py                 # 20 kills text-only + 20 with analysis
.venv/bin/python bench/kill_runs.py --kills 5 --seed 3 --mode text

Each mode works on a private copy of a corpus file from ../shared/corpus (text only: Reuters,
19,043 articles; with analysis: the first --slice BBC articles). A clean run gives the expected
article count and the hit totals of 40 queries from queries.txt. Then, on a new library, runs are
started and killed with SIGKILL after a seeded random delay within the clean run's duration;
after every kill no process of the run may be left. A run that completes before its kill is
checked against the clean run, and the library is started again, so kills keep landing
mid-run. At the end a last run completes and the library must match the clean run exactly:
same article count, same totals for every query, no orphan process.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from common import ROOT, corpus_files, emit

NEWSREADER = ROOT / ".venv" / "bin" / "newsreader"
QUERIES = [q for q in (ROOT / "bench" / "queries.txt").read_text().split("\n") if q.strip()][:40]


@dataclass(frozen=True)
class Outcome:
    count: int
    totals: tuple[int, ...]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kills", type=int, default=20, help="kills per mode")
    parser.add_argument("--seed", type=int, default=20261201)
    parser.add_argument("--slice", type=int, default=300, help="BBC articles analysed")
    parser.add_argument("--mode", choices=("text", "analysis", "both"), default="both")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    modes = ("text", "analysis") if args.mode == "both" else (args.mode,)
    work = Path(tempfile.mkdtemp(prefix="newsreader-kills-"))
    try:
        figures = {m: _mode(m, work / m, args.kills, args.slice, rng) for m in modes}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    emit("kill_runs", {"seed": args.seed, **figures})
    if not all(f["passed"] for f in figures.values()):
        sys.exit("kill_runs: FAILED")


def _mode(mode: str, folder: Path, kills: int, slice_size: int, rng: random.Random) -> dict:
    folder.mkdir(parents=True)
    feed = _corpus_copy(mode, folder, slice_size)
    extra = ["--no-analysis"] if mode == "text" else []
    start = time.monotonic()
    clean = _complete(feed, folder / "clean", extra)
    duration = time.monotonic() - start
    library = folder / "killed"
    landed = completed = orphans = 0
    mismatches: list[str] = []
    for _ in range(kills):
        killed, left = _killed_run(feed, library, extra, rng.uniform(0.05, 1.0) * duration)
        orphans += left
        if killed:
            landed += 1
            continue
        completed += 1  # it finished first: check it, and start over so kills land mid-run
        if (got := _outcome(library)) != clean:
            mismatches.append(f"completed run: {got.count} articles")
        shutil.rmtree(library)
    final = _complete(feed, library, extra)
    if final != clean:
        mismatches.append(f"final: {final.count} articles against {clean.count}")
    return {
        "feed": feed.name,
        "articles": clean.count,
        "clean_run_seconds": round(duration, 1),
        "kills_mid_run": landed,
        "runs_done_before_their_kill": completed,
        "orphan_processes": orphans,
        "queries_compared": len(QUERIES),
        "mismatches": mismatches,
        "passed": not mismatches and orphans == 0,
    }


def _corpus_copy(mode: str, folder: Path, slice_size: int) -> Path:
    if mode == "text":
        (source,) = corpus_files("reuters21578.jsonl")
        return Path(shutil.copy(source, folder / source.name))
    (source,) = corpus_files("bbc.jsonl")
    target = folder / f"bbc-{slice_size}.jsonl"
    with source.open(encoding="utf-8") as lines, target.open("w", encoding="utf-8") as out:
        for _, line in zip(range(slice_size), lines, strict=False):
            out.write(line)
    return target


def _env(library: Path) -> dict[str, str]:
    return {**os.environ, "NEWSREADER_LIBRARY": str(library)}


def _complete(feed: Path, library: Path, extra: list[str]) -> Outcome:
    done = subprocess.run(
        [str(NEWSREADER), "index", str(feed), *extra],
        env=_env(library), capture_output=True, text=True,
    )  # fmt: skip
    if done.returncode != 0:
        sys.exit(f"kill_runs: a complete run failed: {done.stderr}")
    return _outcome(library)


def _killed_run(feed: Path, library: Path, extra: list[str], delay: float) -> tuple[bool, int]:
    """(whether the kill landed before the run ended, processes of the run left after it)."""
    proc = subprocess.Popen(
        [str(NEWSREADER), "index", str(feed), *extra],
        env=_env(library), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        proc.wait(timeout=delay)
        return False, 0
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    deadline = time.monotonic() + 30
    while _processes_reading(feed) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = _processes_reading(feed)
    for pid in left:  # count them, then clean up so later rounds are not disturbed
        os.kill(pid, signal.SIGKILL)
    return True, len(left)


def _processes_reading(feed: Path) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes()
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            except (OSError, IndexError):
                continue
            if str(feed).encode() in cmdline and state != "Z":
                found.append(int(entry.name))
    return found


def _outcome(library: Path) -> Outcome:
    from newsreader.index.library import Library

    with Library.open(library) as lib:
        count = lib.count()
        totals = tuple(lib.search(q, limit=1).total for q in QUERIES)
    return Outcome(count, totals)


if __name__ == "__main__":
    main()
