"""Search latency: top-20 hits with snippets over a fixed mixed query set, on both corpora.

    .venv/bin/python bench/search_latency.py            # build the index once, then time
    .venv/bin/python bench/search_latency.py --rebuild  # re-time the bulk indexing too
    .venv/bin/python bench/search_latency.py --write-queries  # regenerate bench/queries.txt
    .venv/bin/python bench/search_latency.py --runs 10  # the index built in ten runs instead

The index is built once (Engine.replace in bulk) into bench/results/search-index and reused;
with ``--runs N`` it is built in N runs of equal size (as N incremental `index` runs write it)
into bench/results/search-index-runsN, and the figures say how many segments it has. Every
query is parsed and searched once (its CPU time is reported as the first pass: the engine keeps
recently decoded posting lists per searcher, so later runs are faster), then timed over three
passes; figures are per search (parse + search + snippets), in milliseconds.
Wall-clock figures include waiting for the CPU when other processes are busy; the CPU figures
are this thread's own time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import shutil
import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import RESULTS, corpus_files, emit
from whoosh import index as whoosh_index

from newsreader.index.models import Article
from newsreader.index.query.assemble import parse_query
from newsreader.index.search.whoosh.engine import Engine
from newsreader.index.text.terms import STOP_WORDS, WORD_PATTERN

CORPORA = ("bbc.jsonl", "reuters21578.jsonl")
QUERIES = Path(__file__).resolve().parent / "queries.txt"
INDEX = RESULTS / "search-index"
PASSES = 3
# Words nobody searches news for; they are still indexed, but a query set of them would measure
# nothing a reader does. Topical common words (said, market, billion, government) stay in.
FUNCTION_WORDS = frozenset(
    [
        "about",
        "above",
        "after",
        "again",
        "against",
        "also",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "could",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "even",
        "every",
        "further",
        "here",
        "into",
        "just",
        "more",
        "most",
        "much",
        "must",
        "only",
        "other",
        "over",
        "same",
        "should",
        "since",
        "some",
        "such",
        "than",
        "their",
        "theirs",
        "them",
        "then",
        "there",
        "these",
        "they",
        "those",
        "through",
        "under",
        "until",
        "upon",
        "very",
        "were",
        "what",
        "where",
        "which",
        "while",
        "whom",
        "with",
        "would",
        "your",
        "also",
        "still",
        "well",
        "many",
        "made",
        "make",
        "back",
        "like",
        "year",
        "years",
        "first",
        "last",
        "three",
        "four",
        "five",
        "told",
        "week",
        "month",
    ]
)


def articles() -> Iterator[Article]:
    """Articles of both corpora, as the JSON loader would make them (text only, no analysis)."""
    for path in corpus_files(*CORPORA):
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                date = dt.date.fromisoformat(record["date"]) if record.get("date") else None
                yield Article(
                    id=record["id"],
                    title=record["title"] or "",
                    text=record["text"] or "",
                    date=date,
                    source=record.get("source"),
                    category=record.get("category"),
                )


def build_index(folder: Path, runs: int = 1) -> dict[str, float]:
    """Bulk-index both corpora into ``folder`` in ``runs`` commits; the indexing figures."""
    shutil.rmtree(folder, ignore_errors=True)
    docs = list(articles())
    engine = Engine.open(folder)
    wall, cpu = time.perf_counter(), _cpu_seconds()
    size = -(-len(docs) // runs)
    written = 0
    each: list[tuple[float, int]] = []  # seconds and segments after each run
    for start in range(0, len(docs), size):
        batch = [(a, None) for a in docs[start : start + size]]
        began = time.perf_counter()
        written += engine.replace(batch, new=True, total=len(batch))
        each.append((round(time.perf_counter() - began, 1), segments(folder)))
    wall, cpu = time.perf_counter() - wall, _cpu_seconds() - cpu
    engine.close()
    return {
        "articles": written,
        "runs": runs,
        "seconds_per_run": [s for s, _ in each],
        "segments_after_each_run": [n for _, n in each],
        "index_seconds": round(wall, 1),
        "articles_per_second": round(written / wall),
        "cpu_seconds_all_processes": round(cpu, 1),
        "load_average_1min": round(os.getloadavg()[0], 2),
    }


def segments(folder: Path) -> int:
    """How many segments the article index has: a search reads each of its words in every one."""
    ix = whoosh_index.open_dir(str(folder / "articles"))
    try:
        return len(ix._segments())
    finally:
        ix.close()


def _cpu_seconds() -> float:
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def write_queries() -> None:
    """Regenerate the fixed query set from the corpora's own vocabulary (deterministic)."""
    docs = list(articles())
    df: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    for article in docs:
        words = [w for w in WORD_PATTERN.findall(article.text.lower()) if w.isalpha()]
        df.update(set(words))
        pairs.update(itertools.pairwise(words))
    vocabulary = sorted(w for w, n in df.items() if 5 <= n <= 8000 and len(w) > 3)
    singles = vocabulary[:: max(1, len(vocabulary) // 120)][:120]
    common = [
        w for w, _ in df.most_common(600) if len(w) > 3 and w not in FUNCTION_WORDS | STOP_WORDS
    ][:60]
    phrases = [" ".join(p) for p, n in pairs.most_common(3000) if all(len(w) > 3 for w in p)]
    queries = list(singles)
    queries += [f"{a} {b}" for a, b in zip(common[::2], common[1::2], strict=False)]
    queries += [f'"{p}"' for p in phrases[:40]]
    queries += [f"{a} OR {b}" for a, b in zip(singles[::3], common, strict=False)][:30]
    queries += [f"{a} -{b}" for a, b in zip(common, common[7:], strict=False)][:30]
    queries += [
        f"({a} OR {b}) {c}" for a, b, c in zip(common, common[3:], common[11:], strict=False)
    ][:20]
    queries += [f"{w[:4]}*" for w in singles[::6]][:20]
    queries += [f"title:{w}" for w in common[:20]]
    queries += [
        f"category:{c} {w}" for c, w in zip(["sport", "business", "tech"] * 5, common, strict=False)
    ]
    months = [f"1987-{m:02d}" for m in range(3, 11)]
    queries += [f"{w} date:{m}" for w, m in zip(common, months * 3, strict=False)][:20]
    queries += [f"{w} date:>1987-06-01" for w in common[20:30]]
    queries += [f"{w} date:1987-03-01..1987-04-15" for w in common[30:40]]
    queries += ["date:1987-04-01", "date:..1987-03-31", "after:1987-10-01", "before:1987-03-05"]
    QUERIES.write_text("\n".join(dict.fromkeys(queries)) + "\n", encoding="utf-8")
    print(f"wrote {len(set(queries))} queries to {QUERIES}")


def time_queries(folder: Path, queries: list[str]) -> dict[str, object]:
    """Warm up once, then time every query PASSES times (every 5th sorted newest first)."""
    engine = Engine.open(folder, create=False)
    sorts = ["-date" if i % 5 == 4 else "relevance" for i in range(len(queries))]
    first: list[float] = []  # each query's first run: decoded postings not yet cached for it
    for query, sort in zip(queries, sorts, strict=True):
        start = time.thread_time()
        engine.search(parse_query(query), limit=20, sort=sort)
        first.append((time.thread_time() - start) * 1000)
    first.sort()
    timings: list[float] = []
    cpu: list[float] = []  # this thread's CPU time: what the search costs when the machine is busy
    slowest: list[tuple[float, str]] = []
    for _ in range(PASSES):
        for query, sort in zip(queries, sorts, strict=True):
            start, start_cpu = time.perf_counter(), time.thread_time()
            result = engine.search(parse_query(query), limit=20, sort=sort)
            elapsed = (time.perf_counter() - start) * 1000
            timings.append(elapsed)
            cpu.append((time.thread_time() - start_cpu) * 1000)
            slowest.append((elapsed, f"{query} [{sort}] total={result.total}"))
    engine.close()
    timings.sort()
    cpu.sort()
    return {
        "queries": len(queries),
        "searches_timed": len(timings),
        "p50_ms": round(statistics.median(timings), 2),
        "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 2),
        "max_ms": round(timings[-1], 2),
        "cpu_p50_ms": round(statistics.median(cpu), 2),
        "cpu_p95_ms": round(cpu[int(len(cpu) * 0.95) - 1], 2),
        "first_pass_cpu_p50_ms": round(statistics.median(first), 2),
        "first_pass_cpu_p95_ms": round(first[int(len(first) * 0.95) - 1], 2),
        "slowest": [q for _, q in sorted(slowest, reverse=True)[:5]],
        "load_average_1min": round(os.getloadavg()[0], 2),
    }


def main() -> None:
    """Build (once) and time; print the figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached index")
    parser.add_argument("--write-queries", action="store_true", help="regenerate queries.txt")
    parser.add_argument("--runs", type=int, default=1, help="build the index in this many runs")
    args = parser.parse_args()
    if args.write_queries:
        write_queries()
        return
    figures: dict[str, object] = {}
    folder = INDEX if args.runs == 1 else INDEX.with_name(f"{INDEX.name}-runs{args.runs}")
    if args.rebuild or not (folder / "articles").is_dir():
        figures["indexing"] = build_index(folder, args.runs)
    figures["segments"] = segments(folder)
    queries = [q for q in QUERIES.read_text(encoding="utf-8").splitlines() if q.strip()]
    figures.update(time_queries(folder, queries))
    emit("search_latency" if args.runs == 1 else f"search_latency_runs{args.runs}", figures)


if __name__ == "__main__":
    main()
