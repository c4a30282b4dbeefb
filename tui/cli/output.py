"""Printing records for people (rich, data never read as markup) and for scripts (JSON Lines).

Every string a person's terminal gets passes through `escaped`: file names and article data can
hold escape sequences (a title that sets the window title, a path that clears the screen).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import re
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from newsreader.index.models import Hit, Problem


# C0 and C1 controls, DEL, lone surrogates (undecodable file-name bytes) and the bidirectional
# overrides that reorder what a line shows; newline and tab are kept in text made of lines.
_CONTROLS = "\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_ANY_CONTROL = re.compile(f"[{_CONTROLS}]")
_CONTROL_IN_LINES = re.compile(f"(?![\\n\\t])[{_CONTROLS}]")
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}
# Left raw by json.dumps but acted on by a terminal: C1 controls, and the bidi overrides and
# isolates that reorder the line (as `escaped` shows them for people).
_RAW_IN_JSON = re.compile("[\x80-\x9f\u202a-\u202e\u2066-\u2069]")


def escaped(text: str, *, lines: bool = False) -> str:
    """`text` with every control character shown as an escape (`\\x1b`), never sent raw.

    With ``lines``, newlines and tabs are kept (an article's text); otherwise they are escaped
    too (a file name, a title, one line of a message).
    """
    return (_CONTROL_IN_LINES if lines else _ANY_CONTROL).sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def jsonable(value: Any) -> Any:
    """Dataclasses, dates, tuples and mappings as plain JSON values; NaN and infinity as null."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None  # JSON has no NaN or infinity
    return value


def json_line(row: Any) -> str:
    """One JSON object on one line: valid JSON, with no raw control character in it.

    json.dumps escapes C0 controls but, keeping non-ASCII text readable, not C1 ones
    (U+0080-U+009F, among them the CSI introducer U+009B) nor the bidi overrides and isolates:
    they are escaped here.
    """
    text = json.dumps(jsonable(row), ensure_ascii=False, allow_nan=False)
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def print_json_lines(rows: Iterable[Any]) -> None:
    out = sys.stdout
    for row in rows:
        out.write(json_line(row) + "\n")
    out.flush()


def console(stderr: bool = False) -> Console:
    from rich.console import Console

    # No emoji codes either: `:smile:` in a title is text.
    return Console(stderr=stderr, highlight=False, soft_wrap=False, emoji=False)


def plain(value: str | None, style: str = "", *, lines: bool = False) -> Text:
    """Data as rich Text: escaped, never parsed as markup."""
    from rich.text import Text

    return Text(escaped(value or "", lines=lines), style=style)


def error(message: str) -> None:
    """One line on stderr: `newsreader: message`."""
    sys.stderr.write(f"newsreader: {escaped(message)}\n")
    sys.stderr.flush()


def say_problem(problem: Problem) -> None:
    """One line on stderr for a bad input, prefixed "warning:" when it was still used."""
    sys.stderr.write(("" if problem.fatal else "warning: ") + f"{escaped(str(problem))}\n")


def say_problem_json(problem: Problem) -> None:
    """A bad input as one JSON object on stderr, for `--json` runs (see ingest_cmd)."""
    row = {"problem": problem.message, "path": problem.path, "line": problem.line,
           "fatal": problem.fatal}  # fmt: skip
    sys.stderr.write(json_line(row) + "\n")


def say_notices(notices: list[str], *, json_lines: bool = False) -> None:
    """Print and clear what the library had to say (rebuilt index, missing model...)."""
    for notice in notices:
        if json_lines:
            sys.stderr.write(json_line({"notice": notice}) + "\n")
        else:
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
    """Escaped text with styled spans (offsets into `text`): never parsed as markup."""
    from rich.text import Text

    result, last = Text(), 0
    for start, end in sorted(marks):
        if start < last:
            continue
        result.append(escaped(text[last:start]))
        result.append(escaped(text[start:end]), style=style)
        last = end
    result.append(escaped(text[last:]))
    return result


def hit_json(hit: Hit) -> dict[str, Any]:
    return {
        "id": hit.id,
        "title": hit.title,
        "date": hit.date.isoformat() if hit.date else None,
        "source": hit.source,
        "url": hit.url,
        "added": hit.added.isoformat() if hit.added else None,
        "path": hit.path,
        "score": round(hit.score, 4),
        "snippet": marked_snippet(hit),
    }
