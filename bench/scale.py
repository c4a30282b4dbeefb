"""Large libraries: indexing speed, size on disk and search latency per engine, against raw tantivy.

    .venv/bin/python bench/scale.py                       # 21k articles, one run and ten
    .venv/bin/python bench/scale.py --sizes 105k,210k --runs 1 --startup

A library of N articles is copies of both corpora (21,268 articles), each copy with ids of its
own and the same text, dates and sources (text only, no analysis), written as JSON Lines into
``--runs`` files and indexed through `Library.ingest`, one `newsreader index` run per file, with
each engine (``--engines``). For each library: articles per second (record and index), bytes of
``library.db`` and of the index, segments, and the p50/p95 of the 369 queries of
``bench/queries.txt`` through `Library.search` (top 20 with snippets, every fifth newest first),
one warm-up pass and PASSES timed ones (``--no-search`` skips them), and the reader's first
screen without a query: opening the record, the first one with any upgrade, and the first page
of the empty query in each order (bench/browse_timing.py). Raw tantivy is measured in the same
run on the same articles: its own English stemmer, the query parsed by tantivy (conjunction,
title boost 2), top 20 with tantivy's own snippets of the body. ``--startup`` times the
reader's start-up on the largest library of each engine (bench/tui_startup.py). Sizes are only
as large as asked.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browse_timing import browse_timing
from common import RESULTS, corpus_files, emit

CORPORA = ("bbc.jsonl", "reuters21578.jsonl")
QUERIES = Path(__file__).resolve().parent / "queries.txt"
WORK = RESULTS / "scale"
PASSES = 2
BUILT = "scale-build.json"  # a built library's indexing figures, for --reuse


def size_of(text: str) -> int:
    return int(float(text[:-1]) * 1000) if text.lower().endswith("k") else int(text)


def write_copies(size: int, runs: int) -> list[Path]:
    """``size`` articles in ``runs`` JSON Lines files: copies of the corpora with distinct ids."""
    folder = WORK / f"data-{size}-{runs}"
    files = [folder / f"part{i:02d}.jsonl" for i in range(runs)]
    if all(f.exists() for f in files):
        return files
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    records = [json.loads(line) for path in corpus_files(*CORPORA) for line in path.open()]
    per_file = -(-size // runs)
    outs = [f.open("w", encoding="utf-8") for f in files]
    for n in range(size):
        record = dict(records[n % len(records)])
        copy = n // len(records)
        record["id"] = hashlib.sha256(f"{copy}:{record['id']}".encode()).hexdigest()[:16]
        if copy:  # the same text would be one article stored once: a copy is told apart
            record["title"] = f"{record.get('title') or ''} ({copy})"
        outs[n // per_file].write(json.dumps(record) + "\n")
    for out in outs:
        out.close()
    return files


def build_library(
    files: list[Path], engine: str, folder: Path, reuse: bool = False
) -> dict[str, object]:
    """Index the files one `ingest` run each with ``engine``; the indexing figures.

    With ``reuse``, a library this function built before (its figures kept beside it in
    BUILT) is searched again as it is: changes to the search path need no new build.
    """
    from newsreader.index.library import Library

    if reuse and (folder / BUILT).exists():
        return {**json.loads((folder / BUILT).read_text()), "reused": True}
    shutil.rmtree(folder, ignore_errors=True)
    seconds: list[float] = []
    added = 0
    for path in files:
        began = time.perf_counter()
        with Library.open(folder, engine=engine) as library:
            added += library.ingest([path], analyze=False).added
        seconds.append(time.perf_counter() - began)
    index = folder / "index"
    figures = {
        "articles": added,
        "runs": len(files),
        "index_seconds": round(sum(seconds), 1),
        "articles_per_second": round(added / sum(seconds)),
        "record_mb": round(sum(p.stat().st_size for p in folder.glob("library.db*")) / 1e6, 1),
        "index_mb": round(sum(p.stat().st_size for p in index.rglob("*") if p.is_file()) / 1e6, 1),
        "load_average_1min": round(os.getloadavg()[0], 2),
    }
    (folder / BUILT).write_text(json.dumps(figures))
    return figures


def timed(search: Callable[[str, str], object], queries: list[str]) -> dict[str, object]:
    """One warm-up pass, then PASSES timed passes of every query (every 5th newest first)."""
    sorts = ["-date" if i % 5 == 4 else "relevance" for i in range(len(queries))]
    for query, sort in zip(queries, sorts, strict=True):
        search(query, sort)
    wall: list[float] = []
    cpu: list[float] = []
    for _ in range(PASSES):
        for query, sort in zip(queries, sorts, strict=True):
            start, start_cpu = time.perf_counter(), time.thread_time()
            search(query, sort)
            wall.append((time.perf_counter() - start) * 1000)
            cpu.append((time.thread_time() - start_cpu) * 1000)
    wall.sort()
    cpu.sort()
    return {
        "p50_ms": round(statistics.median(wall), 2),
        "p95_ms": round(wall[int(len(wall) * 0.95) - 1], 2),
        "cpu_p50_ms": round(statistics.median(cpu), 2),
        "cpu_p95_ms": round(cpu[int(len(cpu) * 0.95) - 1], 2),
        "load_average_1min": round(os.getloadavg()[0], 2),
    }


def newsreader_latency(folder: Path, engine: str, queries: list[str]) -> dict[str, object]:
    from newsreader.index.library import Library

    with Library.open(folder, engine=engine) as library:
        return timed(lambda q, sort: library.search(q, limit=20, sort=sort), queries)


def raw_tantivy(files: list[Path], folder: Path, queries: list[str]) -> dict[str, object]:
    """tantivy on its own: its stemmer and query parser, top 20 with its snippets."""
    import tantivy

    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    builder = tantivy.SchemaBuilder()
    for name in ("title", "body"):
        builder.add_text_field(name, stored=True, tokenizer_name="en_stem")
    builder.add_integer_field("day", indexed=True, fast=True)
    schema = builder.build()
    index = tantivy.Index(schema, path=str(folder))
    began, added = time.perf_counter(), 0
    for path in files:
        writer = index.writer(192_000_000, 2)
        for line in path.open(encoding="utf-8"):
            record = json.loads(line)
            doc = tantivy.Document(title=record.get("title") or "", body=record.get("text") or "")
            if record.get("date"):
                doc.add_integer("day", int(record["date"].replace("-", "")))
            writer.add_document(doc)
            added += 1
        writer.commit()
        writer.wait_merging_threads()
    seconds = time.perf_counter() - began
    index.reload()
    searcher = index.searcher()

    def search(text: str, sort: str) -> None:
        query, _ = index.parse_query_lenient(
            text.split(" date:")[0], ["title", "body"],
            field_boosts={"title": 2.0}, conjunction_by_default=True,
        )  # fmt: skip
        order = {"order_by_field": "day"} if sort == "-date" else {}
        hits = searcher.search(query, 20, **order).hits
        snippets = tantivy.SnippetGenerator.create(searcher, query, schema, "body")
        for _, address in hits:
            snippets.snippet_from_doc(searcher.doc(address)).fragment()

    figures = timed(search, queries)
    return {
        "articles": added,
        "index_seconds": round(seconds, 1),
        "articles_per_second": round(added / seconds),
        "index_mb": round(sum(p.stat().st_size for p in folder.iterdir()) / 1e6, 1),
        **figures,
    }


def startup(folder: Path, engine: str, runs: int) -> dict[str, object]:
    """The reader's start-up on the library (bench/tui_startup.py, its own figures)."""
    script = Path(__file__).with_name("tui_startup.py")
    done = subprocess.run(
        [sys.executable, str(script), "--library", str(folder), "--engine", engine,
         "--runs", str(runs), "--no-browse"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    figures = json.loads(done.stdout)
    return {"ready_s": figures["ready_s"], "rss_at_ready_mb": figures["rss_at_ready_mb"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="21k", help="library sizes, e.g. 21k,105k,210k")
    parser.add_argument("--runs", default="1,10", help="build each library in these many runs")
    parser.add_argument("--engines", default="whoosh,tantivy")
    parser.add_argument("--no-raw", action="store_true", help="skip raw tantivy")
    parser.add_argument("--no-search", action="store_true", help="skip the 369 queries")
    parser.add_argument(
        "--reuse", action="store_true",
        help="search the libraries built before instead of building them again",
    )  # fmt: skip
    parser.add_argument(
        "--startup", type=int, default=0, metavar="RUNS",
        help="time the reader's start-up on the largest library, RUNS times",
    )  # fmt: skip
    args = parser.parse_args()
    queries = [q for q in QUERIES.read_text("utf-8").splitlines() if q.strip()]
    sizes = [size_of(s) for s in args.sizes.split(",")]
    engines = args.engines.split(",")
    results: list[dict[str, object]] = []
    for size in sizes:
        for runs in (int(r) for r in args.runs.split(",")):
            files = write_copies(size, runs)
            row: dict[str, object] = {"size": size, "runs": runs}
            for engine in engines:
                folder = WORK / f"library-{size}-{runs}-{engine}"
                row[engine] = build_library(files, engine, folder, args.reuse)
                # Before the searches: the first open of a library built before is its upgrade.
                row[engine]["browse"] = browse_timing(folder, engine)
                if not args.no_search:
                    row[engine]["search"] = newsreader_latency(folder, engine, queries)
                print(json.dumps({"size": size, "runs": runs, engine: row[engine]}), flush=True)
            if not args.no_raw:
                row["raw_tantivy"] = raw_tantivy(files, WORK / f"raw-{size}-{runs}", queries)
                print(
                    json.dumps({"size": size, "runs": runs, "raw": row["raw_tantivy"]}), flush=True
                )
            results.append(row)
    figures: dict[str, object] = {"queries": len(queries), "passes": PASSES, "libraries": results}
    if args.startup:
        largest = max(sizes)
        runs = int(args.runs.split(",")[0])
        figures["startup"] = {
            engine: startup(WORK / f"library-{largest}-{runs}-{engine}", engine, args.startup)
            for engine in engines
        }
    emit("scale", figures)


if __name__ == "__main__":
    main()
