"""Helpers shared by the benchmarks: where the corpora are, a cache folder, peak memory."""

from __future__ import annotations

import compileall
import json
import resource
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
RESULTS = ROOT / "bench" / "results"


def corpus_files(*names: str) -> list[Path]:
    """The named corpus files; exits with a clear line when ../shared is absent."""
    paths = [CORPUS / name for name in names]
    missing = [p for p in paths if not p.exists()]
    if missing:
        sys.exit(f"benchmark needs {missing[0]} (../shared beside the project)")
    return paths


def compile_package() -> None:
    """Write the package's bytecode, as `pip install` does for a normal install.

    An editable install never gets it where PYTHONDONTWRITEBYTECODE is set (as on this machine),
    and compiling ~60 modules on every start would add ~50 ms to each launch measured.
    """
    import newsreader.index
    import newsreader.tui

    for package in (newsreader.index, newsreader.tui):
        for folder in package.__path__:
            compileall.compile_dir(folder, quiet=1)


def peak_rss_mb() -> dict[str, float]:
    """Peak resident memory of this process and of its (waited-for) children, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"self_mb": round(own, 1), "children_mb": round(children, 1)}


def emit(name: str, figures: dict) -> None:
    """Print the figures as JSON and keep a copy under bench/results/."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"benchmark": name, **figures}, indent=2)
    (RESULTS / f"{name}.json").write_text(text + "\n")
    print(text)


def cached_library(*names: str) -> Path:
    """A text-only library of the named corpora, built once under bench/results/ and reused."""
    from newsreader.index.library import Library

    folder = RESULTS / ("library-" + "-".join(n.split(".")[0] for n in names))
    with Library.open(folder) as library:
        library.ingest(corpus_files(*names), analyze=False)
    return folder


def cached_analysed_library(*names: str) -> Path:
    """A library of the named corpora with full analysis, built once under bench/results/ and
    reused (building it takes minutes: every article goes through spaCy)."""
    from newsreader.index.library import Library

    folder = RESULTS / ("library-analysed-" + "-".join(n.split(".")[0] for n in names))
    with Library.open(folder) as library:
        library.ingest(corpus_files(*names), analyze=True)
    return folder
