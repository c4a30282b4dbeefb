"""`newsreader speakers | quotes | claims`: the library views, narrowed by a search query.

QUERY is the search's query language (`date:2025-01 source:reuters`): each command lists what
the articles that search finds hold. Undated articles show "—" for their date and sort last.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

from newsreader.index.library import Library
from newsreader.index.models import ArticleRef, ClaimRow, QuoteRow

from .opening import open_library
from .output import console, error, jsonable, plain, print_json_lines, say_notices

NO_DATE = "—"


def speakers(args: argparse.Namespace) -> int:
    """One line per speaker: speaker, quotes, articles, first and last date."""
    with open_library(args) as library:
        found = _limited(library.views.speakers(_query(args), now=args.now), args.limit)
        say_notices(library.notices)
    if args.json:
        print_json_lines(
            {"speaker": s.name, "quotes": s.quotes, "articles": s.articles, "first": s.first,
             "last": s.last, "names": s.names}
            for s in found
        )  # fmt: skip
        return 0
    table = _table(("speaker", "left"), ("quotes", "right"), ("articles", "right"),
                   ("first", "left"), ("last", "left"))  # fmt: skip
    for s in found:
        table.add_row(plain(s.name), str(s.quotes), str(s.articles), _day(s.first), _day(s.last))
    _print(table, found, "no speakers found")
    return 0


def quotes(args: argparse.Namespace) -> int:
    """What people said in the articles a query finds, newest first."""
    with open_library(args) as library:
        rows = library.views.quotes(
            _query(args), speaker=args.speaker, now=args.now, limit=args.limit or None
        )
        say_notices(library.notices)
    if args.json:
        print_json_lines(_quote_json(r) for r in rows)
        return 0
    from rich.padding import Padding

    out = console()
    for row in rows:
        line = plain(row.speaker or "unknown speaker", "bold")
        line.append_text(plain(f"  {_day(row.article.date)}  {_where(row.article)}", "dim"))
        out.print(line, no_wrap=True, overflow="ellipsis")
        out.print(Padding(plain(f"“{row.quote.text}”", lines=True), (0, 0, 0, 2), expand=False))
    if not rows:
        sys.stderr.write("no quotes found\n")
    return 0


def claims(args: argparse.Namespace) -> int:
    """Numeric claims side by side; with --group, what they count (or one group's claims)."""
    with open_library(args) as library:
        if args.group is True:
            return _groups(library, args)
        rows = library.views.claims(
            _query(args), group=args.group or None, now=args.now, limit=args.limit or None
        )
        say_notices(library.notices)
        if args.group and not rows and not library.views.claims(group=args.group, limit=1):
            # `claims --group date:2025-01` reads the query as the group's name: say so.
            error(f"no claims count {args.group!r}; `newsreader claims --group` lists what they"
                  " count (a query goes before --group)")  # fmt: skip
            return 1
    if args.json:
        print_json_lines(_claim_json(r) for r in rows)
        return 0
    table = _table(("value", "right"), ("counts", "left"), ("hedge", "left"),
                   ("claim", "left"), ("date", "left"), ("article", "left"))  # fmt: skip
    for row in rows:
        c = row.claim
        table.add_row(row.shown, plain(row.group), plain(c.hedge), plain(c.text),
                      _day(row.article.date), plain(_where(row.article)))  # fmt: skip
    _print(table, rows, "no claims found")
    return 0


def _groups(library: Library, args: argparse.Namespace) -> int:
    found = _limited(library.views.claim_groups(_query(args), now=args.now), args.limit)
    say_notices(library.notices)
    if args.json:
        print_json_lines(found)
        return 0
    table = _table(("counts", "left"), ("claims", "right"), ("articles", "right"),
                   ("first", "left"), ("last", "left"))  # fmt: skip
    for g in found:
        table.add_row(plain(g.name), str(g.claims), str(g.articles), _day(g.first), _day(g.last))
    _print(table, found, "no claims found")
    return 0


def _query(args: argparse.Namespace) -> str:
    return " ".join(args.query)


def _limited(rows: list, limit: int) -> list:
    return rows[:limit] if limit > 0 else rows


def _day(day: dt.date | None) -> str:
    return day.isoformat() if day else NO_DATE


def _where(article: ArticleRef) -> str:
    return f"{article.title}  ({article.source})" if article.source else article.title


def _article_json(article: ArticleRef) -> dict[str, Any]:
    return {"article_id": article.id, "title": article.title, "source": article.source,
            "date": jsonable(article.date), "url": article.url}  # fmt: skip


def _quote_json(row: QuoteRow) -> dict[str, Any]:
    q = row.quote
    return {**_article_json(row.article), "speaker": row.speaker, "start": q.start, "end": q.end,
            "quote": jsonable(q)}  # fmt: skip


def _claim_json(row: ClaimRow) -> dict[str, Any]:
    c = row.claim
    return {**_article_json(row.article), "group": row.group, "shown": row.shown,
            "start": c.start, "end": c.end, "claim": jsonable(c)}  # fmt: skip


def _table(*columns: tuple[str, str]) -> Any:
    from rich.table import Table

    wide = {"claim", "article", "speaker"}
    table = Table(
        box=None, header_style="bold", pad_edge=False, expand=bool(wide & {*dict(columns)})
    )
    for name, justify in columns:
        table.add_column(
            name, justify=justify, no_wrap=True, overflow="ellipsis",  # type: ignore[arg-type]
            ratio=1 if name in wide else None, min_width=None if name in wide else len(name),
        )  # fmt: skip
    return table


def _print(table: Any, rows: list, empty: str) -> None:
    if rows:
        console().print(table)
    else:
        sys.stderr.write(f"{empty}\n")
