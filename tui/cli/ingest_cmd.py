"""`newsreader index` and `reindex`: progress on stderr (see progress_view), then a summary.

With `--json` everything on stderr is JSON Lines too: each bad input as
`{"problem": MESSAGE, "path": PATH, "line": N or null, "fatal": BOOL}` (fatal false for a
warning: the article was still stored), each notice as `{"notice": TEXT}`, progress as
`{"progress": PHASE, ...}`; the summary is one JSON object on stdout.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from contextlib import AbstractContextManager
from pathlib import Path

from newsreader.index.folder.writelock import Holder
from newsreader.index.library import IngestReport, Library
from newsreader.index.models import Problem

from .cluster_options import cluster_of
from .opening import open_library
from .output import (
    error,
    print_json_lines,
    say_notices,
    say_problem,
    say_problem_json,
)
from .progress_view import progress_view

URL_PREFIXES = ("http://", "https://")  # an argument naming an article page, not a file
# Any other scheme://... that is not a file names a URL too: the fetch says it is not fetched,
# where a path would have said "no such file" of a name it had changed (ftp://x -> ftp:/x).
_OTHER_URL = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*://")


def index(args: argparse.Namespace) -> int:
    """Ingest the given paths and article pages (URLs); exit 1 when some inputs failed."""
    urls = [a for a in args.paths if _is_url(a)]
    paths = [Path(a) for a in args.paths if a not in urls]
    # lexists: a broken link or a link loop is there, and the library names what is wrong with it.
    missing = [p for p in paths if not os.path.lexists(p)]
    on_problem = say_problem_json if args.json else say_problem
    with open_library(args) as library:
        say_notices(library.notices, json_lines=args.json)
        with writing(library, "index", args), progress_view(json_lines=args.json) as progress:
            found = [p for p in paths if p not in missing]
            report = IngestReport()
            if found or not urls:
                report = library.ingest(found, progress=progress, on_problem=on_problem,
                                        analyze=not args.no_analysis,
                                        cluster=cluster_of(args))  # fmt: skip
            if urls:
                pages = library.index_pages(urls, analyze=not args.no_analysis,
                                            on_problem=on_problem)  # fmt: skip
                report = _added_up(report, pages)
        say_notices(library.notices, json_lines=args.json)
    for path in missing:
        on_problem(Problem(str(path), "no such file or folder"))
    failed = report.failed + len(missing)
    if args.json:
        print_json_lines([_summary(report, failed)])
    else:
        sys.stderr.write(_summary_line(report, failed) + "\n")
    return 1 if failed else 0


def _is_url(argument: str) -> bool:
    if argument.lower().startswith(URL_PREFIXES):
        return True
    return bool(_OTHER_URL.match(argument)) and not os.path.lexists(argument)


def reindex(args: argparse.Namespace) -> int:
    """Rebuild the Whoosh index from SQLite."""
    with (
        open_library(args) as library,
        writing(library, "reindex", args),
        progress_view(json_lines=args.json) as progress,
    ):
        count = library.reindex(progress=progress)
    if args.json:
        print_json_lines([{"indexed": count}])
    else:
        sys.stderr.write(f"reindexed {count} articles\n")
    return 0


def writing(
    library: Library, purpose: str, args: argparse.Namespace
) -> AbstractContextManager[None]:
    """The library's write lock for a command: wait for another writer saying so, or, with
    `--no-wait`, refuse at once (LibraryBusy, one line)."""
    return library.writing(purpose, wait=not args.no_wait, on_wait=say_waiting)


def say_waiting(holder: Holder) -> None:
    """The line a command prints before it waits for another writer of the library."""
    error(f"waiting for another {holder.describe()} to finish")


def _added_up(first: IngestReport, second: IngestReport) -> IngestReport:
    """The counts of two runs of one command, added up."""
    counts = {
        name: getattr(first, name) + getattr(second, name)
        for name in ("added", "updated", "unchanged", "removed", "failed", "duplicates", "warnings")
    }
    return IngestReport(**counts, problems=first.problems + second.problems)


def _summary(report: IngestReport, failed: int) -> dict[str, int]:
    return {
        "added": report.added,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "removed": report.removed,
        "duplicates": report.duplicates,
        "failed": failed,
        "warnings": report.warnings,
    }


def _summary_line(report: IngestReport, failed: int) -> str:
    return ", ".join(f"{v} {k}" for k, v in _summary(report, failed).items())
