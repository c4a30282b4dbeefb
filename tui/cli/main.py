"""The `newsreader` command: the TUI by default, or one of the scriptable commands."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable
from pathlib import Path

from newsreader.tui import startup_gc

COMMANDS = ("index", "reindex", "search", "show", "analyze", "quotes", "claims", "stats", "state")
EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2
READING_COMMANDS = frozenset({"search", "show", "quotes", "claims", "stats"})


def _now(text: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not an ISO date or date-time: {text!r}") from error


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--library", type=Path, metavar="DIR",
        help="library folder (default: $NEWSREADER_LIBRARY or the user data folder)",
    )  # fmt: skip


def build_parser() -> argparse.ArgumentParser:
    """The whole command line; each sub-command's module does the work."""
    from newsreader.index.query_help import QUERY_HELP

    parser = argparse.ArgumentParser(
        prog="newsreader",
        description="A terminal news reader. With no command, opens the reader.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="commands: " + ", ".join(COMMANDS) + "  (newsreader COMMAND --help)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    p = sub.add_parser("index", help="add, update or remove articles from files and folders")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.add_argument("--no-analysis", action="store_true", help="index text only (no spaCy)")
    sub.add_parser("reindex", help="rebuild the search index from the library record")
    p = sub.add_parser(
        "search", help="search the library", epilog=QUERY_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    p.add_argument("query", nargs="*", help="query words (see below)")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--offset", type=int, default=0)
    p.add_argument("--sort", choices=("relevance", "date", "-date"), default="relevance")
    p.add_argument("--archived", action="store_true", help="include archived articles")
    p.add_argument("--now", type=_now, help="resolve relative dates against this ISO time")
    p = sub.add_parser("show", help="print one article with its annotations")
    p.add_argument("id")
    p = sub.add_parser("analyze", help="analyse files without indexing them")
    p.add_argument("paths", nargs="+", type=Path, metavar="FILE")
    p = sub.add_parser("quotes", help="find quotes across the library")
    p.add_argument("query", nargs="*")
    p.add_argument("--speaker", help="only quotes by this speaker")
    p.add_argument("--limit", type=int, default=50)
    p = sub.add_parser("claims", help="find numeric claims across the library")
    p.add_argument("query", nargs="*")
    p.add_argument("--limit", type=int, default=50)
    sub.add_parser("stats", help="article count, date range, sources, index size")
    p = sub.add_parser("state", help="export or import triage state (read, starred, tags)")
    p.add_argument("action", choices=("export", "import"))
    p.add_argument("file", type=Path, help="JSON file ('-' for stdout/stdin)")
    p.add_argument(
        "--replace", action="store_true",
        help="import: make the state exactly the file's instead of merging (newer change wins)",
    )  # fmt: skip
    for child in sub.choices.values():
        _common(child)
        child.add_argument("--json", action="store_true", help="JSON Lines for scripts")
    return parser


def app_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsreader",
        description="A terminal news reader: search, read, see who said what.",
        epilog="commands: " + ", ".join(COMMANDS) + "  (newsreader COMMAND --help)",
    )
    parser.add_argument("words", nargs="*", metavar="QUERY", help="start with this search")
    parser.add_argument("--query", help="start with this search")
    parser.add_argument("--no-mouse", action="store_true", help="do not capture the mouse")
    parser.add_argument("--now", type=_now, help=argparse.SUPPRESS)
    _common(parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `newsreader` script."""
    argv = sys.argv[1:] if argv is None else argv
    try:
        if argv and argv[0] in COMMANDS:
            return _run_command(build_parser().parse_args(argv))
        if argv and argv[0] in ("-h", "--help") and len(argv) == 1:
            app_parser().print_help()
            return EXIT_OK
        return _run_app(app_parser().parse_args(argv))
    except KeyboardInterrupt:
        sys.stderr.write("newsreader: interrupted\n")
        return 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def _run_app(args: argparse.Namespace) -> int:
    startup_gc.pause()  # the main screen resumes it once its first page is drawn
    from newsreader.tui.cli.launch import launch

    return _reporting_library_errors(launch, args)


def _run_command(args: argparse.Namespace) -> int:
    if args.command in READING_COMMANDS:
        # A short process that builds no garbage worth collecting: the collector's passes over
        # the objects of the imports (~30 ms) would be most of its work. Nothing resumes it.
        startup_gc.pause()
    from newsreader.tui.cli import commands

    return _reporting_library_errors(commands.run, args)


def _reporting_library_errors(
    run: Callable[[argparse.Namespace], int], args: argparse.Namespace
) -> int:
    """Run the app or a command; a library that cannot be used is one line, exit 1."""
    from newsreader.index.library import LibraryError
    from newsreader.tui.cli.output import error

    try:
        return run(args)
    except LibraryError as problem:
        error(str(problem))
        return EXIT_PARTIAL


if __name__ == "__main__":
    sys.exit(main())
