"""`newsreader search | show | stats`: thin views over the Library API."""

from __future__ import annotations

import argparse

from newsreader.index.library import Library
from newsreader.index.models import Article

from .opening import open_library
from .output import (
    console,
    error,
    highlighted,
    hit_json,
    jsonable,
    plain,
    print_json_lines,
    say_notices,
)

MAX_QUERY = 2000
MAX_CANDIDATES = 4  # ids listed for an ambiguous prefix


def search(args: argparse.Namespace) -> int:
    """Top hits for a query, as a table or JSON Lines."""
    query = " ".join(args.query)
    with open_library(args) as library:
        result = library.search(
            query, limit=max(args.limit, 0), offset=max(args.offset, 0), sort=args.sort,
            now=args.now, include_archived=args.archived,
        )  # fmt: skip
        say_notices(library.notices)
    if result.problem:
        error(result.problem)
    if args.json:
        print_json_lines(hit_json(h) for h in result.hits)
        return 0
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, show_header=True, header_style="bold", pad_edge=False, expand=True)
    table.add_column("id", style="dim", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("title / snippet", ratio=1)
    for hit in result.hits:
        title = plain(hit.title, "bold")
        title.append_text(plain(f"  {hit.source or ''}", "dim"))
        body = Text("\n").join([title, highlighted(hit.snippet, hit.marks)])
        table.add_row(hit.id, hit.date.isoformat() if hit.date else "—", body)
    out = console()
    out.print(table)
    shown = f"{args.offset + 1}-{args.offset + len(result.hits)}" if result.hits else "0"
    hits = "hit" if result.total == 1 else "hits"
    out.print(Text(f"{shown} of {result.total} {hits}", style="dim"))
    return 0


def show(args: argparse.Namespace) -> int:
    """One article with its metadata and (with --json) its annotations."""
    with open_library(args) as library:
        article = _article(library, args.id)
        if article is None:
            return 1
        analysis = library.analysis(article.id)
        origins = library.origins(article.id)
        state = library.states([article.id])[article.id]
        say_notices(library.notices)
    if args.json:
        record = jsonable(article)
        record.update(origins=jsonable(origins), state=jsonable(state), **jsonable(analysis))
        print_json_lines([record])
        return 0
    out = console()
    out.print(plain(article.title, "bold"))
    meta = [article.date.isoformat() if article.date else "undated", article.source or ""]
    meta += [o.path + (f":{o.line}" if o.line and o.key else "") for o in origins]
    out.print(plain("  ".join(m for m in meta if m), "dim"))
    out.print()
    out.print(plain(article.text, lines=True))
    if analysis.quotes:
        out.print()
        for quote in analysis.quotes:
            line = plain(f"{quote.speaker or 'unknown speaker'}: ", "bold")
            line.append_text(plain(f"“{quote.text}”", lines=True))
            out.print(line)
    return 0


def _article(library: Library, typed: str) -> Article | None:
    """The article with that id, source id, or unique id prefix (4 characters at least, as
    git asks); None once what went wrong is said."""
    article = library.article(typed)
    if article is not None:
        return article
    candidates = library.ids_starting(typed, limit=MAX_CANDIDATES + 1) if len(typed) >= 4 else []
    if len(candidates) == 1:
        return library.article(candidates[0])
    if candidates:
        shown = ", ".join(candidates[:MAX_CANDIDATES])
        more = ", ..." if len(candidates) > MAX_CANDIDATES else ""
        error(f"id prefix {typed!r} is ambiguous: {shown}{more}")
    else:
        error(f"no article with id {typed!r}")
    return None


def stats(args: argparse.Namespace) -> int:
    """Counts over the library."""
    with open_library(args) as library:
        info = library.stats()
        say_notices(library.notices)
    if args.json:
        print_json_lines([info])
        return 0
    out = console()
    span = f"{info.first_date or '—'} .. {info.last_date or '—'}"
    out.print(plain(f"library   {info.path}"))
    out.print(f"articles  {info.articles}   dates {span}")
    out.print(f"analysis  {info.entities} entities, {info.claims} claims, {info.quotes} quotes")
    out.print(f"index     {info.index_bytes / 1e6:.1f} MB")
    for source, count in info.sources[:10]:
        out.print(plain(f"  {count:>7}  {source}"))
    return 0
