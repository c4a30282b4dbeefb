"""`newsreader feed add | list | remove | import | export`: the library's subscriptions."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from newsreader.index.models import Feed

from .cluster_options import add_cluster_options
from .opening import open_library
from .output import console, error, jsonable, plain, print_json_lines, say_problem

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2


def feed(args: argparse.Namespace) -> int:
    """Run one `feed` action."""
    return ACTIONS[args.action](args)


def add(args: argparse.Namespace) -> int:
    interval = args.interval * 60 if args.interval else None
    with open_library(args, defer_index=True) as library:
        added = library.subscriptions.add(args.url, name=args.name, tags=args.tag or (),
                                          interval=interval)  # fmt: skip
    if args.json:
        print_json_lines([feed_json(added)])
    else:
        shown = "" if added.url == args.url.strip() else " (the feed the page advertises)"
        sys.stderr.write(f"subscribed to {added.name}: {added.url}{shown}\n")
    return EXIT_OK


def list_feeds(args: argparse.Namespace) -> int:
    with open_library(args, defer_index=True) as library:
        feeds = library.subscriptions.list()
    if args.json:
        print_json_lines(feed_json(f) for f in feeds)
        return EXIT_OK
    if not feeds:
        sys.stderr.write("no feeds yet: newsreader feed add URL\n")
        return EXIT_OK
    from rich.table import Table

    table = Table(box=None, header_style="bold", pad_edge=False)
    for column in ("name", "url", "tags", "last fetched"):
        table.add_column(column, overflow="fold")
    table.add_column("articles", justify="right", no_wrap=True)
    table.add_column("unread", justify="right", no_wrap=True)
    for item in feeds:
        fetched = item.fetched.astimezone().strftime("%Y-%m-%d %H:%M") if item.fetched else "never"
        name = plain(f"! {item.name}", "bold red") if item.error else plain(item.name, "bold")
        table.add_row(name, plain(item.url), plain(", ".join(item.tags)), plain(fetched),
                      str(item.articles), str(item.unread))  # fmt: skip
    console().print(table)
    for item in feeds:
        if item.error:
            console().print(plain(f"! {item.name}: the last fetch failed: {item.error}", "red"))
    return EXIT_OK


def remove(args: argparse.Namespace) -> int:
    with open_library(args, defer_index=not args.purge) as library:
        gone, removed = library.subscriptions.remove(args.feed, purge=args.purge)
    if args.json:
        print_json_lines([{**feed_json(gone), "articles_removed": removed}])
    elif args.purge:
        sys.stderr.write(f"unsubscribed from {gone.name}; {removed} articles removed\n")
    else:
        kept = (
            f"; its {gone.articles} articles stay (--purge removes them)" if gone.articles else ""
        )
        sys.stderr.write(f"unsubscribed from {gone.name}{kept}\n")
    return EXIT_OK


def import_opml(args: argparse.Namespace) -> int:
    path: Path = args.file
    try:
        data = sys.stdin.buffer.read() if str(path) == "-" else path.read_bytes()
    except OSError as problem:
        error(f"{path}: cannot read: {(problem.strerror or str(problem)).lower()}")
        return EXIT_PARTIAL
    with open_library(args, defer_index=True) as library:
        done = library.subscriptions.import_opml(data, str(path))
    for problem in done.skipped:
        say_problem(problem)
    if args.json:
        print_json_lines(feed_json(f) for f in done.added)
    else:
        skipped = f", {len(done.skipped)} skipped" if done.skipped else ""
        sys.stderr.write(f"imported {len(done.added)} feeds{skipped}; "
                         "`newsreader fetch` fetches them\n")  # fmt: skip
    return EXIT_PARTIAL if done.skipped else EXIT_OK


def export_opml(args: argparse.Namespace) -> int:
    with open_library(args, defer_index=True) as library:
        text = library.subscriptions.export_opml()
    if args.file is None or str(args.file) == "-":
        sys.stdout.write(text)
        return EXIT_OK
    try:
        args.file.write_text(text, encoding="utf-8")
    except OSError as problem:
        error(f"{args.file}: cannot write: {(problem.strerror or str(problem)).lower()}")
        return EXIT_PARTIAL
    return EXIT_OK


def feed_json(item: Feed) -> dict[str, Any]:
    """A feed as `feed list --json` prints it."""
    return {
        "name": item.name, "url": item.url, "tags": list(item.tags), "site": item.site,
        "interval": item.interval, "ttl": item.ttl, "added": jsonable(item.added),
        "last_fetched": jsonable(item.fetched), "last_attempt": jsonable(item.attempted),
        "last_error": item.error, "articles": item.articles, "unread": item.unread,
    }  # fmt: skip


ACTIONS = {"add": add, "list": list_feeds, "remove": remove, "import": import_opml,
           "export": export_opml}  # fmt: skip


def add_parsers(sub: Any) -> None:
    """`feed` and its actions, on the command line's sub-parsers."""
    p = sub.add_parser("feed", help="subscribe to feeds, list, remove, import and export them")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    a = actions.add_parser("add", help="subscribe to a feed (or to the one a page advertises)")
    a.add_argument("url", metavar="URL")
    a.add_argument("--name", help="what to call it (default: the feed's own title)")
    a.add_argument("--tag", action="append", metavar="TAG", help="a tag for it (repeatable)")
    a.add_argument(
        "--interval", type=int, metavar="MINUTES",
        help="fetch it at most this often (default: its TTL, else every hour)",
    )  # fmt: skip
    actions.add_parser("list", help="every feed: last fetched, errors, articles, unread")
    a = actions.add_parser("remove", help="unsubscribe (its articles stay, unless --purge)")
    a.add_argument("feed", metavar="URL|NAME")
    a.add_argument("--purge", action="store_true", help="remove its articles too")
    a = actions.add_parser("import", help="subscribe to the feeds of an OPML file")
    a.add_argument("file", type=Path, metavar="FILE.opml")
    a = actions.add_parser("export", help="write the subscriptions as OPML 2.0")
    a.add_argument("file", type=Path, nargs="?", metavar="FILE", help="default: stdout")
    p = sub.add_parser("fetch", help="fetch the feeds that are due and index their new articles")
    p.add_argument("feeds", nargs="*", metavar="URL|NAME", help="only these (default: every one)")
    p.add_argument("--force", action="store_true", help="fetch them even if not due")
    add_cluster_options(p, "index text only (no spaCy)")
    p.add_argument("--quiet", action="store_true", help="print nothing unless something fails")
