"""Snippet text that needs no search engine: whitespace flattening and an article's lead line.

Kept apart from `snippets` so that listing the library without a query (`browse`) does not load
Whoosh.
"""

from __future__ import annotations

import re

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

    ``str.split`` collapses the runs in C; a mark (a word, never whitespace) moves to the length
    of the window before it, collapsed the same way (a run just before it is one space). Visiting
    each changed run in Python was still a third of a snippet's time in agency copy, whose lines
    end in newlines.
    """
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(body) else ""
    window = body[start:end]
    if not _CHANGED.search(window) and not window[:1].isspace() and not window[-1:].isspace():
        shift = len(prefix) - start  # nothing to collapse or strip: marks only move by start
        return prefix + window + suffix, tuple((s + shift, e + shift) for s, e in marks)
    placed = []
    for mark_start, mark_end in marks:
        before = body[start:mark_start]
        offset = len(" ".join(before.split()))
        if offset and before[-1].isspace():
            offset += 1
        offset += len(prefix)
        placed.append((offset, offset + mark_end - mark_start))
    return prefix + " ".join(window.split()) + suffix, tuple(placed)
