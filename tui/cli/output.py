"""Printing records for people (rich, data never read as markup) and for scripts (JSON Lines)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from newsreader.index.models import Hit, Problem


def jsonable(value: Any) -> Any:
    """Dataclasses, dates, tuples and mappings as plain JSON values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def print_json_lines(rows: Iterable[Any]) -> None:
    out = sys.stdout
    for row in rows:
        out.write(json.dumps(jsonable(row), ensure_ascii=False) + "\n")
    out.flush()


def console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def error(message: str) -> None:
    """One line on stderr: `newsreader: message`."""
    sys.stderr.write(f"newsreader: {message}\n")
    sys.stderr.flush()


def say_problem(problem: Problem) -> None:
    """One line on stderr for a bad input, prefixed "warning:" when it was still used."""
    sys.stderr.write(("" if problem.fatal else "warning: ") + f"{problem}\n")


def say_notices(notices: list[str]) -> None:
    """Print and clear what the library had to say (rebuilt index, missing model...)."""
    for notice in notices:
        error(notice)
    notices.clear()


def marked_snippet(hit: Hit) -> str:
    """The snippet with every matched term wrapped in ** for scripts."""
    parts, last = [], 0
    for start, end in hit.marks:
        parts += [hit.snippet[last:start], "**", hit.snippet[start:end], "**"]
        last = end
    parts.append(hit.snippet[last:])
    return "".join(parts)


def highlighted(text: str, marks: Iterable[tuple[int, int]], style: str = "bold reverse") -> Text:
    """Plain text with styled spans: never parsed as markup."""
    from rich.text import Text

    result = Text(text)
    for start, end in marks:
        result.stylize(style, start, end)
    return result


def hit_json(hit: Hit) -> dict[str, Any]:
    return {
        "id": hit.id,
        "title": hit.title,
        "date": hit.date.isoformat() if hit.date else None,
        "source": hit.source,
        "path": hit.path,
        "score": round(hit.score, 4),
        "snippet": marked_snippet(hit),
    }
