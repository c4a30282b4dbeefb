"""Start-up time and memory of the reader (the real installed `newsreader`) in a tmux pane.

    .venv/bin/python bench/tui_startup.py [--runs 10]

Each run starts `newsreader --library <bbc + reuters library>` in a fresh 160x48 tmux session
and polls the pane until the header shows the hit count and result rows are drawn (the time a
user waits before they can work). It then reads VmRSS/VmHWM of the app process, runs a few
searches and opens articles, and reads them again. The runs use a private copy of the
library (index hard-linked, database copied) so the shared one keeps its read marks.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from common import cached_library, compile_package, emit

SEARCHES = ["oil prices", "tariff -china", '"interest rates"', "bank OR loan"]
COUNT = re.compile(r"\b\d[\d,]* hits\b")
ROW = re.compile(r"^\s*[+ ][● ][★ ][A ] (\d{4}-\d\d-\d\d|no date|today|yesterday|\d days ago)")
POLL = 0.01
TYPING_PACE = 0.12  # seconds between keys: a fast typist, about 100 words a minute
TIMEOUT = 60.0


def tmux(*args: str) -> str:
    """Run a tmux command and return its output."""
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=False).stdout


def pane(name: str) -> str:
    """The visible text of the session's pane."""
    return tmux("capture-pane", "-p", "-t", name)


def wait_until(name: str, ready: Callable[[str], bool]) -> float:
    """Poll the pane until ready(text); the monotonic time it became so."""
    deadline = time.monotonic() + TIMEOUT
    while True:
        text = pane(name)
        now = time.monotonic()
        if ready(text):
            return now
        if now > deadline:
            sys.exit("the reader never became ready; last screen:\n" + text)
        time.sleep(POLL)


def has_results(text: str) -> bool:
    """The header shows a hit count and at least one result row is drawn."""
    return bool(COUNT.search(text)) and any(ROW.match(line) for line in text.splitlines())


def searched(query: str) -> Callable[[str], bool]:
    """The header shows the count for this query."""
    return lambda text: repr(query) in text and bool(COUNT.search(text))


def descendants(pid: int) -> list[int]:
    """Every process below pid, depth first."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        for child in task.read_text().split():
            found += [int(child), *descendants(int(child))]
    return found


def app_pid(name: str) -> int:
    """The pid of the Python process running the reader in the session's pane."""
    root = int(tmux("list-panes", "-t", name, "-F", "#{pane_pid}").split()[0])
    for pid in [root, *descendants(root)]:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        if any(part.endswith(b"python") or b"python3" in part for part in cmdline[:1]):
            return pid
    sys.exit(f"no python process under pane pid {root}")


def memory_mb(pid: int) -> dict[str, float]:
    """VmRSS, VmHWM (peak resident) and the RSS split into anonymous and file-backed, in MB.

    File-backed pages are mostly the memory-mapped search index: shared page cache that the
    kernel can drop, unlike the anonymous (heap) part.
    """
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM", "RssAnon", "RssFile"):
            fields[key] = round(int(value.split()[0]) / 1024, 1)
    return fields


def footer(text: str) -> str:
    """The last non-empty line: the keys of the focused pane."""
    lines = [line for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def clear_search_bar(name: str) -> None:
    """Focus the search bar and empty it, re-sending until the placeholder shows.

    Each key waits for the state it needs: keys sent while the app is busy are not lost, but a
    binding's action may run after the keys typed behind it.
    """
    deadline = time.monotonic() + TIMEOUT
    while "Search: words" not in pane(name):
        if time.monotonic() > deadline:
            sys.exit("the search bar never emptied; last screen:\n" + pane(name))
        tmux("send-keys", "-t", name, "/")
        tmux("send-keys", "-t", name, "C-u")
        time.sleep(0.05)


def type_query(name: str, query: str, pace: float | None) -> float:
    """Type query into the emptied search bar; seconds from its last key to its hit count.

    With a pace, keys go that many seconds apart; without one, each key goes as soon as the
    previous one shows in the search bar, usually while that key's search is still drawing.
    """
    clear_search_bar(name)
    for end in range(1, len(query)):
        tmux("send-keys", "-t", name, "-l", query[end - 1])
        if pace is None:
            wait_until(name, lambda text, q=query[:end]: q in text.splitlines()[2])
        else:
            time.sleep(pace)
    last_key = time.monotonic()
    tmux("send-keys", "-t", name, "-l", query[-1])
    return wait_until(name, searched(query)) - last_key


def browse(name: str) -> dict[str, list[float]]:
    """Type each search twice, open its first article, then return to the search bar.

    Returns, per search, the seconds from the last key typed to its hit count on screen
    (search as you type: no Enter), with keys TYPING_PACE apart ("paced") and as fast as the
    search bar echoes them ("burst").
    """
    typed: dict[str, list[float]] = {"paced": [], "burst": []}
    for query in SEARCHES:
        typed["burst"].append(type_query(name, query, None))
        typed["paced"].append(type_query(name, query, TYPING_PACE))
        tmux("send-keys", "-t", name, "Enter")
        wait_until(name, lambda text, q=query: searched(q)(text) and "Mark" in footer(text))
        tmux("send-keys", "-t", name, "Enter")
        wait_until(name, lambda text: "Mark" not in footer(text) and "e c h: toggle" in text)
    return typed


def one_run(exe: Path, library: Path, config: Path, browsing: bool = True) -> dict[str, Any]:
    """Launch, wait for results, measure memory, browse (unless not ``browsing``), measure
    again, close."""
    name = f"nr-bench-{uuid.uuid4().hex[:8]}"
    command = f"env NEWSREADER_CONFIG={config} TERM=xterm-256color {exe} --library {library}"
    start = time.monotonic()
    tmux("new-session", "-d", "-s", name, "-x", "160", "-y", "48", command)
    try:
        ready = wait_until(name, has_results)
        pid = app_pid(name)
        at_start = memory_mb(pid)
        typed = browse(name) if browsing else {"paced": [0.0], "burst": [0.0]}
        after = memory_mb(pid)
    finally:
        tmux("kill-session", "-t", name)
    return {
        "ready_s": ready - start,
        "rss_start_mb": at_start["VmRSS"],
        "rss_after_mb": after["VmRSS"],
        "hwm_mb": after["VmHWM"],
        "anon_after_mb": after["RssAnon"],
        "file_after_mb": after["RssFile"],
        "typed_s": typed,
    }


def private_copy(library: Path, into: Path) -> Path:
    """A copy of the library (hard-linked index, copied database) that runs may mark read."""
    target = into / "library"
    shutil.copytree(library, target, copy_function=os.link)
    for db in target.glob("*.db*"):
        db.unlink()
        shutil.copy2(library / db.name, db)
    return target


def summary(values: list[float], digits: int = 3) -> dict[str, float]:
    """Median and max of the figures."""
    return {"median": round(statistics.median(values), digits), "max": round(max(values), digits)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--library", type=Path, help="this library instead of bbc + reuters")
    parser.add_argument("--engine", help="the search engine config.toml names")
    parser.add_argument("--no-browse", action="store_true", help="start-up and memory only")
    args = parser.parse_args()
    compile_package()
    if shutil.which("tmux") is None:
        sys.exit("this benchmark needs tmux")
    exe = Path(sys.executable).with_name("newsreader")
    shared = args.library or cached_library("bbc.jsonl", "reuters21578.jsonl")
    keeper = f"nr-bench-keeper-{uuid.uuid4().hex[:6]}"
    tmux("new-session", "-d", "-s", keeper)  # the tmux server's start-up is not the app's
    with tempfile.TemporaryDirectory() as tmp:
        library = private_copy(shared, Path(tmp))
        config = Path(tmp) / "config" / "config.toml"
        if args.engine:
            config.parent.mkdir()
            config.write_text(f'engine = "{args.engine}"\n', encoding="utf-8")
        try:
            runs = [one_run(exe, library, config, not args.no_browse) for _ in range(args.runs)]
        finally:
            tmux("kill-session", "-t", keeper)
    emit(
        "tui_startup",
        {
            "runs": args.runs,
            "library": shared.name,
            "terminal": "160x48",
            "ready_s": summary([r["ready_s"] for r in runs]),
            "last_key_to_hits_s": summary([t for r in runs for t in r["typed_s"]["paced"]]),
            "last_key_to_hits_burst_s": summary([t for r in runs for t in r["typed_s"]["burst"]]),
            "typing_pace_s": TYPING_PACE,
            "rss_at_ready_mb": summary([r["rss_start_mb"] for r in runs], 1),
            "rss_after_browsing_mb": summary([r["rss_after_mb"] for r in runs], 1),
            "peak_rss_mb": summary([r["hwm_mb"] for r in runs], 1),
            "rss_after_browsing_anon_mb": summary([r["anon_after_mb"] for r in runs], 1),
            "rss_after_browsing_file_mb": summary([r["file_after_mb"] for r in runs], 1),
            "ready_s_each": [round(r["ready_s"], 3) for r in runs],
            "load_average_1min": round(os.getloadavg()[0], 2),
            "browsing": {"searches": SEARCHES, "articles_opened": len(SEARCHES)},
        },
    )


if __name__ == "__main__":
    main()
