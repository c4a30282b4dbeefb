"""Snippet text that needs no search engine: whitespace flattening and an article's lead line.

Kept apart from `snippets` so that listing the library without a query (`browse`) does not load
Whoosh.
"""

from __future__ import annotations

import re
from bisect import bisect_right

SNIPPET_WIDTH = 160
_CHANGED = re.compile(r"\s{2,}|[^\S ]")  # whitespace runs that do not stay as they are


def lead_span(body: str, width: int = SNIPPET_WIDTH) -> tuple[int, int]:
    """The start of the first non-blank line, cut at a word boundary within width chars."""
    start = len(body) - len(body.lstrip())
    line_end = body.find("\n", start)
    line_end = len(body) if line_end == -1 else line_end
    end = min(line_end, start + width)
    if end < line_end:
        space = body.rfind(" ", start, end)
        end = space if space > start else end
    return start, end


def flatten(
    body: str, start: int, end: int, marks: list[tuple[int, int]]
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Collapse whitespace runs in body[start:end] to single spaces, moving the marks along.

    Only the runs that change (two characters or more, or one that is not a space) are visited:
    the single spaces between most words stay as they are, which makes this a few pieces per
    snippet rather than one per word (it was a third of a search's time).
    """
    pieces: list[str] = []
    shift_at: list[int] = []  # body offsets where the characters removed so far change
    shifts: list[int] = []  # chars removed before each of those offsets
    removed = 0
    cursor = start
    for run in _CHANGED.finditer(body, start, end):
        pieces.append(body[cursor : run.start()])
        pieces.append(" ")
        removed += run.end() - run.start() - 1
        shift_at.append(run.end())
        shifts.append(removed)
        cursor = run.end()
    pieces.append(body[cursor:end])
    raw = "".join(pieces)
    text = raw.strip()
    lead = len(raw) - len(raw.lstrip())
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(body) else ""

    def moved(offset: int) -> int:
        before = bisect_right(shift_at, offset)
        shift = shifts[before - 1] if before else 0
        return offset - start - shift - lead + len(prefix)

    placed = tuple((moved(s), moved(s) + (e - s)) for s, e in marks)
    return prefix + text + suffix, placed
