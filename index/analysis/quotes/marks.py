"""Quote marks in text: which characters are marks, and whether each can open or close.

Straight marks are read from their surroundings (a mark after a space and before a letter
opens); curly marks and guillemets say what they are, except that “ also closes a „ quote; a
single mark between two letters or before a digit is an apostrophe (don't, the '90s); NYT copy
writes a double mark as two apostrophes ('').
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPENERS = frozenset("“„«")
DOUBLE_CLOSERS = frozenset("”»")
SINGLE_OPENERS = frozenset("‘‚")
SINGLE_CLOSERS = frozenset("’")
# Every character that can be (part of) a quote mark, backticks of ``-style copy included.
MARK_CHARACTERS = (
    DOUBLE_OPENERS | DOUBLE_CLOSERS | SINGLE_OPENERS | SINGLE_CLOSERS | frozenset("\"'`")
)
# Characters that may sit right before an opening mark or right after a closing one.
OPEN_LEFT = frozenset(" \t\n([{—–-/:;")
CLOSE_RIGHT = frozenset(" \t\n.,;:!?)]}—–-/…")

_MARK = re.compile(r"''|``|[\"“”„«»'‘’‚]")


@dataclass(frozen=True, slots=True)
class Mark:
    """One quote mark: where it sits, how long it is, its family and what it can do."""

    start: int
    end: int
    family: str  # "double" or "single"
    glyph: str  # "straight", "curly", "guillemet", "low" (for „ and ‚)
    can_open: bool
    can_close: bool


def _glyph(mark: str) -> str:
    if mark in "“”‘’":
        return "curly"
    if mark in "«»":
        return "guillemet"
    if mark in "„‚":
        return "low"
    return "straight"


def _context(text: str, start: int, end: int) -> tuple[bool, bool]:
    """Whether the surroundings of a mark look like an opening and like a closing position."""
    left = text[start - 1] if start > 0 else "\n"
    right = text[end] if end < len(text) else "\n"
    # Nested marks set apart by a space (`outreach,' " he said`, `said, " 'Go`): the mark
    # beside the space tells the side, as if they touched.
    if left == " " and start > 1 and is_mark_char(text[start - 2]):
        left = text[start - 2]
    if right == " " and end + 1 < len(text) and is_mark_char(text[end + 1]):
        right = text[end + 1]
    opening = (left in OPEN_LEFT or is_mark_char(left)) and not right.isspace()
    closing = (not left.isspace()) and (right in CLOSE_RIGHT or is_mark_char(right))
    return opening, closing


def is_mark_char(char: str) -> bool:
    return char in MARK_CHARACTERS


def _possessive(text: str, start: int, end: int) -> bool:
    """Whether a straight double mark stands for the apostrophe of a possessive, as copy
    converted from old wire systems prints it ("Indonesia"s economy", "September"s")."""
    after = text[end : end + 2]
    return start > 0 and text[start - 1].isalpha() and after[:1] == "s" and not after[1:].isalnum()


def _classify(text: str, match: re.Match[str]) -> Mark | None:
    """Turn one matched mark into a Mark, or None when it is an apostrophe."""
    raw, start, end = match.group(), match.start(), match.end()
    opening, closing = _context(text, start, end)
    if raw in ('"', "''", "``"):
        if raw == '"' and _possessive(text, start, end):
            return None
        if raw == "``":
            return Mark(start, end, "double", "straight", True, False)
        return Mark(start, end, "double", "straight", opening or not closing, closing)
    if raw in DOUBLE_OPENERS:
        # „…“ (German) closes with “, so a “ in closing position may also close.
        return Mark(start, end, "double", _glyph(raw), True, raw == "“" and closing)
    if raw in DOUBLE_CLOSERS:
        return Mark(start, end, "double", _glyph(raw), False, True)
    return _classify_single(text, raw, start, end, opening, closing)


def _classify_single(
    text: str, raw: str, start: int, end: int, opening: bool, closing: bool
) -> Mark | None:
    left = text[start - 1] if start > 0 else " "
    right = text[end] if end < len(text) else " "
    if left.isalnum() and right.isalnum():
        return None  # don't, it’s, O'Neill
    if right.isdigit():
        return None  # the '90s
    can_open = opening and raw != "’"
    can_close = closing and raw not in SINGLE_OPENERS
    if not (can_open or can_close):
        return None
    return Mark(start, end, "single", _glyph(raw), can_open, can_close)


def find_marks(text: str, start: int = 0, end: int | None = None) -> list[Mark]:
    """Every quote mark in ``text[start:end]``, apostrophes left out."""
    stop = len(text) if end is None else end
    marks = []
    for match in _MARK.finditer(text, start, stop):
        mark = _classify(text, match)
        if mark is not None:
            marks.append(mark)
    return marks
