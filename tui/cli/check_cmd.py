"""`newsreader check [--repair]`: the record's integrity, the index against it, one search."""

from __future__ import annotations

import argparse
import sys

from newsreader.index.faults import LibraryError, restore_advice
from newsreader.index.library import default_path

from .opening import open_library
from .output import error, print_json_lines


def check(args: argparse.Namespace) -> int:
    """Exit 0 when the library is healthy, 1 when problems were found (repaired or not)."""
    try:
        # The index is opened by the check itself: opening it here would already heal it.
        with open_library(args, defer_index=True) as library:
            report = library.check(repair=args.repair)
    except LibraryError as problem:
        error(str(problem))
        error(restore_advice((args.library or default_path()).expanduser() / "library.db"))
        return 1
    if args.json:
        print_json_lines([report])
        return 0 if report.healthy else 1
    out = sys.stdout
    for line in report.record:
        out.write(f"library.db: {line}\n")
    if not report.record:
        out.write(f"library.db: ok ({report.articles} articles)\n")
    for line in report.index:
        out.write(f"index: {line}\n")
    if not report.index and not report.record:
        out.write("index: ok (agrees with the record, searches)\n")
    if report.index:
        out.write(_index_verdict(report.repaired, args.repair) + "\n")
    if report.advice:
        out.write(report.advice + "\n")
    return 0 if report.healthy else 1


def _index_verdict(repaired: bool, asked: bool) -> str:
    if repaired:
        return "index: rebuilt from the record, now ok"
    if asked:
        return "index: still wrong after a rebuild"
    return "index: `newsreader check --repair` rebuilds it from the record"
