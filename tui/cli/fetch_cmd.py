"""`newsreader fetch`: the due feeds into the library, progress on stderr, then a summary.

Exit 0 when every feed was fetched, 1 when some failed (each failure one line on stderr:
`URL: why`), 2 for a feed that is not subscribed to. `--quiet` prints nothing but failures (for
cron); `--json` makes stderr JSON Lines (problems, notices, progress) and prints the summary as
one JSON object on stdout.
"""

from __future__ import annotations

import argparse
import sys

from newsreader.index.library import LibraryError
from newsreader.index.models import FetchReport, Problem

from .cluster_options import cluster_of
from .ingest_cmd import say_waiting
from .opening import open_library
from .output import error, print_json_lines, say_notices, say_problem, say_problem_json
from .progress_view import progress_view

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2


def fetch(args: argparse.Namespace) -> int:
    """Fetch the feeds named (or every due one) and publish their new articles."""
    shown = say_problem_json if args.json else say_problem

    def on_problem(problem: Problem) -> None:
        if problem.fatal or not args.quiet:
            shown(problem)

    with open_library(args) as library:
        try:
            library.subscriptions.chosen(args.feeds)
        except LibraryError as unknown:
            error(str(unknown))
            return EXIT_USAGE
        if not args.quiet:
            say_notices(library.notices, json_lines=args.json)
        with progress_view(json_lines=args.json, quiet=args.quiet) as progress:
            report = library.fetch(
                args.feeds, force=args.force, analyze=not args.no_analysis, progress=progress,
                on_problem=on_problem, on_wait=None if args.quiet else say_waiting,
                cluster=cluster_of(args),
            )  # fmt: skip
        if not args.quiet:
            say_notices(library.notices, json_lines=args.json)
    if args.json:
        print_json_lines([summary(report)])
    elif not args.quiet:
        sys.stderr.write(summary_line(report) + "\n")
    return EXIT_PARTIAL if report.failed else EXIT_OK


def summary(report: FetchReport) -> dict[str, int]:
    """The counts of a fetch, as `--json` prints them."""
    return {
        "feeds_fetched": report.fetched,
        "feeds_unchanged": report.unchanged,
        "feeds_failed": report.failed,
        "feeds_not_due": report.not_due,
        "articles_new": report.new,
        "articles_updated": report.updated,
    }


def summary_line(report: FetchReport) -> str:
    """`feeds: 3 fetched, 1 unchanged, 0 failed (2 not due); articles: 12 new, 1 updated`."""
    due = f" ({report.not_due} not due)" if report.not_due else ""
    return (
        f"feeds: {report.fetched} fetched, {report.unchanged} unchanged, {report.failed} failed"
        f"{due}; articles: {report.new} new, {report.updated} updated"
    )
