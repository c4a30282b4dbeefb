"""`newsreader index` and `reindex`: a progress bar on a terminal, plain lines otherwise."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager

from newsreader.index.library import IngestReport, Library
from newsreader.index.writelock import Holder
from newsreader.tui.cli.output import error, print_json_lines, say_notices, say_problem
from newsreader.tui.cli.stopping import check as check_stop

Progress = Callable[[int, int], None]


def index(args: argparse.Namespace) -> int:
    """Ingest the given paths; exit 1 when some inputs failed."""
    # lexists: a broken link or a link loop is there, and the library names what is wrong with it.
    missing = [p for p in args.paths if not os.path.lexists(p)]
    with Library.open(args.library) as library:
        say_notices(library.notices)
        with writing(library, "index", args), progress_reporter("indexing") as progress:
            report = library.ingest(
                [p for p in args.paths if p not in missing],
                progress=progress,
                on_problem=say_problem,
                analyze=not args.no_analysis,
            )
        say_notices(library.notices)
    for path in missing:
        error(f"{path}: no such file or folder")
    failed = report.failed + len(missing)
    if args.json:
        print_json_lines([_summary(report, failed)])
    else:
        sys.stderr.write(_summary_line(report, failed) + "\n")
    return 1 if failed else 0


def reindex(args: argparse.Namespace) -> int:
    """Rebuild the Whoosh index from SQLite."""
    with (
        Library.open(args.library) as library,
        writing(library, "reindex", args),
        progress_reporter("reindexing") as progress,
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
    return library.writing(purpose, wait=not args.no_wait, on_wait=_say_waiting)


def _say_waiting(holder: Holder) -> None:
    error(f"waiting for another {holder.describe()} to finish")


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


@contextmanager
def progress_reporter(label: str) -> Iterator[Progress]:
    """A rich progress bar when stderr is a terminal, else a plain line every few seconds."""
    if sys.stderr.isatty():
        from rich.progress import BarColumn, Progress, TaskProgressColumn, TimeRemainingColumn

        bar = Progress(
            "[progress.description]{task.description}", BarColumn(), TaskProgressColumn(),
            TimeRemainingColumn(), transient=True, console=_stderr_console(),
        )  # fmt: skip
        task = bar.add_task(label, total=None)
        with bar:
            yield lambda done, total: (
                check_stop(),
                bar.update(task, completed=done, total=total or None),
            )
        return
    last = [0.0]

    def plain(done: int, total: int) -> None:
        check_stop()
        now = time.monotonic()
        if now - last[0] >= 2 or done == total:
            last[0] = now
            share = f"{100 * done // total}%" if total else str(done)
            sys.stderr.write(f"{label}: {share}\n")

    yield plain


def _stderr_console():
    from newsreader.tui.cli.output import console

    return console(stderr=True)
