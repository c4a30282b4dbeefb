"""`newsreader remove QUERY [--yes]`: drop the articles a query matches, asking first."""

from __future__ import annotations

import argparse
import sys

from newsreader.index.ingest.removal import matching

from .ingest_cmd import say_waiting
from .opening import open_library
from .output import error, escaped, print_json_lines

SHOWN = 5  # titles listed before asking


def remove(args: argparse.Namespace) -> int:
    """Remove what the query matches: after a yes on the terminal, or with --yes."""
    query = " ".join(args.query).strip()
    if not query:
        error("remove needs a query: say which articles (an empty one would match them all)")
        return 2
    with open_library(args) as library:
        hits, problem = matching(library, query)
        if problem:
            error(f"not removing anything: {problem}")
            return 2
        if not hits:
            error(f"no article matches {query!r}: nothing removed")
            return 0
        if not args.yes and not _confirmed(query, hits):
            return 2 if not sys.stdin.isatty() else 1
        with library.writing("remove", on_wait=say_waiting):
            removed = library.remove([hit.id for hit in hits])
    if args.json:
        print_json_lines([{"removed": removed}])
    else:
        sys.stderr.write(f"removed {_articles(removed)}\n")
    return 0


def _confirmed(query: str, hits: list) -> bool:
    """Ask on the terminal; without one, say that --yes is needed."""
    count = _articles(len(hits))
    if not sys.stdin.isatty():
        error(f"{count} match {query!r}; not removing them without --yes (no terminal to ask)")
        return False
    out = sys.stderr
    out.write(f"{count} match {escaped(query)!r}:\n")
    for hit in hits[:SHOWN]:
        out.write(f"  {hit.id}  {escaped(hit.title)}\n")
    if len(hits) > SHOWN:
        out.write(f"  ... and {len(hits) - SHOWN} more\n")
    out.write("Remove them from the library? [y/N] ")
    out.flush()
    answer = sys.stdin.readline().strip().lower()
    if answer not in ("y", "yes"):
        out.write("nothing removed\n")
        return False
    return True


def _articles(count: int) -> str:
    return f"{count} article" + ("" if count == 1 else "s")
