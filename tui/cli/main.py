"""The `newsreader` command: the TUI by default, or one of the scriptable commands."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import startup_gc
from . import output_guard, stopping
from .stopping import EXIT_INTERRUPTED, EXIT_TERMINATED, Terminated

COMMANDS = (
    "index", "reindex", "search", "show", "analyze", "speakers", "quotes", "claims", "stats",
    "state", "remove", "completion", "check", "feed", "fetch",
)  # fmt: skip
EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2
READING_COMMANDS = frozenset({"search", "show", "speakers", "quotes", "claims", "stats"})
# Options of the top level that take a value: the word after them is not the command.
VALUE_OPTIONS = ("--library", "--query", "--now")
READER_ONLY = "--query and --no-mouse are options of the reader, not of a command"


def _now(text: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not an ISO date or date-time: {text!r}") from error


class _Version(argparse.Action):
    """`--version`: the installed distribution's version, looked up only when asked for."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS, **_: object):
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS,
                         help="print the version and exit")  # fmt: skip

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("newsreader")
        except PackageNotFoundError:  # run from a source tree that was never installed
            number = "unknown"
        sys.stdout.write(f"newsreader {number}\n")
        parser.exit()


def _common(parser: argparse.ArgumentParser, top: bool = False) -> None:
    """Options every command takes, before or after its name (after it, they win)."""
    default = None if top else argparse.SUPPRESS  # a command's own default must not override
    parser.add_argument(
        "--library", type=Path, metavar="DIR", default=default,
        help="library folder (default: $NEWSREADER_LIBRARY or the user data folder)",
    )  # fmt: skip


def _reader_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--version", action=_Version)
    parser.add_argument(
        "--query", dest="start_query", metavar="QUERY", help="open the reader with this search"
    )
    parser.add_argument("--no-mouse", action="store_true", help="do not capture the mouse")
    parser.add_argument("--now", type=_now, help=argparse.SUPPRESS)
    _common(parser, top=True)


def _no_wait(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--no-wait", action="store_true",
        help="if another newsreader process is writing the library, stop at once instead of "
        "waiting for it",
    )  # fmt: skip


def _view_parser(sub: Any, name: str, about: str, query_help: str) -> argparse.ArgumentParser:
    """A library view's command: QUERY narrows it to the articles a search finds."""
    p = sub.add_parser(
        name, help=about, description=f"{about}, in the articles a search for QUERY finds.",
        epilog=query_help, formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    p.add_argument("query", nargs="*", help="a search, as for `newsreader search` (below)")
    p.add_argument("--limit", type=int, default=50, help="at most this many lines (0: all)")
    p.add_argument(
        "--now", type=_now, default=argparse.SUPPRESS,
        help="resolve relative dates against this ISO time",
    )  # fmt: skip
    return p


def build_parser() -> argparse.ArgumentParser:
    """The whole command line; each sub-command's module does the work."""
    from newsreader.index.query.help import QUERY_HELP

    from .cluster_options import add_cluster_options

    parser = argparse.ArgumentParser(
        prog="newsreader",
        description="A terminal news reader. With no command, opens the reader.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="commands: " + ", ".join(COMMANDS) + "  (newsreader COMMAND --help)",
    )
    _reader_options(parser)
    parser.add_argument("--json", action="store_true", help="JSON Lines for scripts")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    p = sub.add_parser(
        "index", help="add, update or remove articles from files and folders, or article pages"
    )
    p.add_argument("paths", nargs="+", metavar="PATH|URL")
    add_cluster_options(p, "index text only (no spaCy)")
    _no_wait(p)
    _no_wait(sub.add_parser("reindex", help="rebuild the search index from the library record"))
    p = sub.add_parser(
        "search", help="search the library", epilog=QUERY_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    p.add_argument("query", nargs="*", help="query words (see below)")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--offset", type=int, default=0)
    p.add_argument("--sort", choices=("relevance", "date", "-date", "added"), default="relevance")
    p.add_argument("--archived", action="store_true", help="include archived articles")
    p.add_argument(
        "--now", type=_now, default=argparse.SUPPRESS,
        help="resolve relative dates against this ISO time",
    )  # fmt: skip
    p = sub.add_parser("show", help="print one article with its annotations")
    p.add_argument("id", help="the article's id, or a unique prefix of it")
    p = sub.add_parser("analyze", help="analyse files without indexing them")
    p.add_argument("paths", nargs="+", type=Path, metavar="FILE")
    p = _view_parser(sub, "speakers", "every speaker, with quote and article counts", QUERY_HELP)
    p = _view_parser(sub, "quotes", "quotes across the library, newest first", QUERY_HELP)
    p.add_argument("--speaker", help="only quotes by this speaker (any of the name's words)")
    p = _view_parser(sub, "claims", "numeric claims across the library", QUERY_HELP)
    p.add_argument(
        "--group", nargs="?", const=True, metavar="NAME",
        help="what the claims count, one line per group; with NAME, only that group's claims",
    )  # fmt: skip
    sub.add_parser("stats", help="article count, date range, sources, index size")
    p = sub.add_parser("remove", help="remove the articles a query matches (asks first)")
    p.add_argument("query", nargs="+", help="query words, as for search (archived included)")
    p.add_argument("--yes", action="store_true", help="do not ask (needed without a terminal)")
    p = sub.add_parser("completion", help="print a shell completion script (bash, zsh, fish)")
    p.add_argument("shell", choices=("bash", "zsh", "fish"))
    p = sub.add_parser("state", help="export or import triage state (read, starred, tags)")
    p.add_argument("action", choices=("export", "import"))
    p.add_argument("file", type=Path, help="JSON file ('-' for stdout/stdin)")
    p.add_argument(
        "--replace", action="store_true",
        help="import: make the state exactly the file's instead of merging (newer change wins)",
    )  # fmt: skip
    p = sub.add_parser("check", help="check the library record and the search index")
    p.add_argument("--repair", action="store_true", help="rebuild the index if it is wrong")
    from .feed_cmd import add_parsers as feed_parsers

    feed_parsers(sub)
    for child in [*sub.choices.values(), *_actions(sub.choices["feed"])]:
        _common(child)
        child.add_argument(
            "--json", action="store_true", default=argparse.SUPPRESS, help="JSON Lines for scripts"
        )
    return parser


def _actions(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """The sub-parsers of a command with actions (`feed add`...)."""
    found = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return [child for action in found for child in action.choices.values()]


def app_parser() -> argparse.ArgumentParser:
    """The reader's options alone: light, since the reader's start-up parses only these."""
    parser = argparse.ArgumentParser(
        prog="newsreader",
        description="A terminal news reader: search, read, see who said what.",
        usage="newsreader [options] [QUERY...]   or   newsreader [options] COMMAND ...",
        epilog="commands: " + ", ".join(COMMANDS) + "  (newsreader COMMAND --help)\n"
        "A first word that is a command runs it; to search for such a word, write\n"
        "newsreader -- WORDS or newsreader --query 'WORDS'.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "words", nargs="*", metavar="QUERY", help="open the reader with this search"
    )
    _reader_options(parser)
    return parser


def first_word(argv: list[str]) -> str | None:
    """The first word that is neither an option nor an option's value; None after `--`."""
    value_next = False
    for arg in argv:
        if value_next:
            value_next = False
        elif arg == "--":
            return None
        elif arg.startswith("-") and arg != "-":
            # argparse accepts unique prefixes (`--lib DIR`): they take a value too
            value_next = (
                arg.startswith("--")
                and "=" not in arg
                and any(option.startswith(arg) for option in VALUE_OPTIONS)
            )
        else:
            return arg
    return None


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `newsreader` script."""
    argv = sys.argv[1:] if argv is None else argv
    with output_guard.guarded_stdout():
        try:
            try:
                status = _main(argv)
            except SystemExit:  # argparse's --help and usage errors leave so
                output_guard.flush_stdout()
                raise
            output_guard.flush_stdout()
            return status
        except output_guard.OutputFailed as failed:
            return output_guard.unwritable(failed)


def _main(argv: list[str]) -> int:
    try:
        word = first_word(argv)
        if word in COMMANDS:
            return _run_command(_command_args(argv))
        if word is not None and (meant := near_commands(word)):
            return _not_a_command(word, meant)
        return _run_app(app_parser().parse_args(argv))
    except Terminated:
        sys.stderr.write("newsreader: terminated\n")
        return EXIT_TERMINATED
    except KeyboardInterrupt:
        sys.stderr.write("newsreader: interrupted\n")
        return EXIT_INTERRUPTED


def _command_args(argv: list[str]) -> argparse.Namespace:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.start_query is not None or args.no_mouse:
        parser.error(READER_ONLY)
    return args


def count_problem(args: argparse.Namespace) -> str | None:
    """A --limit or --offset out of range, in words; argparse checks only that it is a number.
    `search --limit 0` would list nothing (the views read 0 as all, as their help says)."""
    limit, offset = getattr(args, "limit", None), getattr(args, "offset", None)
    floor = 1 if args.command == "search" else 0
    if limit is not None and limit < floor:
        meaning = " (0: all)" if floor == 0 else ""
        return f"{args.command}: --limit must be {floor} or more{meaning}, not {limit}"
    if offset is not None and offset < 0:
        return f"{args.command}: --offset must be 0 or more, not {offset}"
    return None


def near_commands(word: str) -> list[str]:
    """Commands a mistyped first word was probably meant as (`stat`, `serach`), closest first."""
    word = word.lower()
    if word in COMMANDS:
        return [word]
    allowed = 1 if len(word) < 6 else 2
    scored = sorted((edit_distance(word, c), c) for c in COMMANDS)
    best = scored[0][0]
    return [c for d, c in scored if d == best] if best <= allowed and len(word) >= 3 else []


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions, swaps."""
    previous, row = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + (ca != cb))
            if previous is not None and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, previous[j - 2] + 1)
            current.append(cost)
        previous, row = row, current
    return row[-1]


def _not_a_command(word: str, meant: list[str]) -> int:
    from .output import error  # it escapes what the user typed

    options = " or ".join(f"'{c}'" for c in meant)
    error(f"'{word}' is not a command; did you mean {options}? (to search: newsreader -- {word})")
    return EXIT_USAGE


def _run_app(args: argparse.Namespace) -> int:
    if not all(stream.isatty() for stream in (sys.stdin, sys.stdout, sys.stderr)):
        # Textual draws on stderr, reads keys from stdin: it would draw into a file or a pipe
        # and wait for keys that never come
        from .output import error

        error("the reader needs a terminal; use `newsreader search` for scripts")
        return EXIT_USAGE
    startup_gc.pause()  # the main screen resumes it once its first page is drawn
    from .launch import launch

    return _reporting_library_errors(launch, args)


def _run_command(args: argparse.Namespace) -> int:
    if problem := count_problem(args):
        from .output import error

        error(problem)
        return EXIT_USAGE
    stopping.catch_stop_signals()
    if args.command in READING_COMMANDS:
        # A short process that builds no garbage worth collecting: the collector's passes over
        # the objects of the imports (~30 ms) would be most of its work. Nothing resumes it.
        startup_gc.pause()
    from . import commands

    try:
        status = _reporting_library_errors(commands.run, args)
    finally:
        startup_gc.release()
    stopping.check()  # a stop signal swallowed near the end still decides the exit status
    return status


def _reporting_library_errors(
    run: Callable[[argparse.Namespace], int], args: argparse.Namespace
) -> int:
    """Run the app or a command; a library that cannot be used is one line, exit 1."""
    from newsreader.index.library import LibraryError

    from .output import error

    try:
        return run(args)
    except LibraryError as problem:
        error(str(problem))
        return EXIT_PARTIAL


if __name__ == "__main__":
    sys.exit(main())
