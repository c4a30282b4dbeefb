"""Whitespace normalisation of article text, with a map back to the raw characters.

Only whitespace and control characters are touched: quote marks, spelling and stray words stay
exactly as written, so every annotation made on the normalised text can be traced back to the
source file through ``raw_index``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

# C0 and C1 controls (and DEL) other than "\n" and "\t": ESC and friends must never reach the
# terminal. "\r" is in this range but is turned into "\n" before controls are dropped. Lone
# surrogates (only JSON "\ud800" escapes can make them) go too: they cannot be encoded or shown.
_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff"
_CONTROL_RE = re.compile(f"[{_CONTROL}]")

# Whitespace other than " " and "\t" that can end a line (C0/C1 ones are controls already).
_RARE_TRAILING_RE = re.compile(r"[\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]\n")
_LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")

_SENTENCE_END_RE = re.compile(r"[.!?][\"'”’)\]]*(?=\s|$)")
_ABBREVIATION_WORDS = (
    "mr mrs ms dr st jr sr prof gen sen rep gov lt col sgt capt cpl maj adm rev hon pres "
    "vs etc inc co corp ltd plc no nos fig jan feb mar apr jun jul aug sep sept oct nov dec "
    "mt ft approx dept univ est"
)
_ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split())


def normalize(raw: str) -> tuple[str, Sequence[int]]:
    """Return ``raw`` normalised for reading and, for each character, its index in ``raw``.

    The index list has ``len(text) + 1`` entries; the last one is the end position in ``raw``
    of the normalised text, so a span ``(s, e)`` of the text covers
    ``raw[raw_index[s]:raw_index[e - 1] + 1]``. When ``raw`` is already clean (the common
    case for corpora) it is returned as is with a ``range`` as its index, which costs nothing.
    """
    if _is_clean(raw):
        return raw, range(len(raw) + 1)
    return _normalize_slow(raw)


def _is_clean(raw: str) -> bool:
    """Tell whether normalize() would leave ``raw`` unchanged, with cheap scans first."""
    if not raw:
        return True
    if raw[0].isspace() or raw[-1].isspace() or " \n" in raw or "\t\n" in raw:
        return False  # a leading blank line is caught here too: it starts with whitespace
    if "\n\n\n" in raw or _CONTROL_RE.search(raw) is not None:
        return False
    # A run of blank lines is "\n\n\n" or holds a line ending in whitespace, both seen above.
    return _RARE_TRAILING_RE.search(raw) is None


def _normalize_slow(raw: str) -> tuple[str, list[int]]:
    """Rebuild the text line by line, keeping the raw position of every kept character."""
    parts: list[str] = []
    index: list[int] = []
    pending_break: int | None = None  # raw position of the newline ending the last kept line
    pending_blank: int | None = None  # raw position of the newline ending a following blank line
    for line, positions, break_at in _clean_lines(raw):
        if not line:
            if pending_break is not None and break_at is not None:
                pending_blank = break_at
            continue
        if pending_break is not None:
            parts.append("\n")
            index.append(pending_break)
            if pending_blank is not None:
                parts.append("\n")
                index.append(pending_blank)
        parts.append(line)
        index.extend(positions)
        pending_break, pending_blank = break_at, None
    index.append(index[-1] + 1 if index else 0)
    return "".join(parts), index


def _clean_lines(raw: str) -> list[tuple[str, list[int] | range, int | None]]:
    """Split ``raw`` into lines without controls or trailing whitespace.

    Each line comes with the raw index of each of its characters and the raw index of the
    newline that ends it (None for the last line). A "\\r\\n" pair maps to its "\\n".
    """
    lines: list[tuple[str, list[int] | range, int | None]] = []
    start = 0
    for match in _LINE_BREAK_RE.finditer(raw):
        lines.append((*_clean_line(raw, start, match.start()), match.end() - 1))
        start = match.end()
    lines.append((*_clean_line(raw, start, len(raw)), None))
    return lines


def _clean_line(raw: str, start: int, end: int) -> tuple[str, list[int] | range]:
    """Return one line with controls dropped and trailing whitespace removed, and its indices."""
    line = raw[start:end]
    if _CONTROL_RE.search(line) is None:
        kept = line.rstrip()
        return kept, range(start, start + len(kept))
    chars: list[str] = []
    positions: list[int] = []
    for offset, char in enumerate(line):
        if _CONTROL_RE.match(char) is None:
            chars.append(char)
            positions.append(start + offset)
    kept = "".join(chars).rstrip()
    return kept, positions[: len(kept)]


def clean_field(value: str) -> str:
    """Return a one-line metadata value (title, source...): no controls, single spaces."""
    return " ".join(_CONTROL_RE.sub("", value).split())


def content_id(title: str, text: str) -> str:
    """Return the stable article id: 16 hex chars of sha256 over title, NUL, normalised text."""
    digest = hashlib.sha256(f"{title}\x00{text}".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:16]


def derive_title(text: str, limit: int = 90) -> str:
    """Return the first sentence of ``text``, cut at a word boundary with "…" past ``limit``."""
    sentence = " ".join(_first_sentence(_first_paragraph(text)).split())
    if sentence.endswith(".") and not sentence.endswith(".."):
        sentence = sentence[:-1]
    return _shorten(sentence, limit)


def _first_paragraph(text: str, limit: int = 2000) -> str:
    """Return the first paragraph as one line: it ends at a blank or an indented line.

    Wire copy wraps lines at ~65 columns and indents new paragraphs, so a hard line break
    alone does not end a paragraph.
    """
    lines = text.lstrip().split("\n", 40)
    parts = [lines[0].strip()]
    for line in lines[1:]:
        if not line.strip() or line[0].isspace() or sum(map(len, parts)) > limit:
            break
        parts.append(line.strip())
    return " ".join(parts)


def _first_sentence(paragraph: str) -> str:
    """Return the paragraph up to its first sentence end that is not an abbreviation."""
    for match in _SENTENCE_END_RE.finditer(paragraph):
        if paragraph[match.start()] == "." and _is_abbreviation(paragraph, match.start()):
            continue
        return paragraph[: match.end()]
    return paragraph


def _is_abbreviation(paragraph: str, dot: int) -> bool:
    """Tell whether the "." at ``dot`` ends an abbreviation or an initial rather than a sentence."""
    word = paragraph[:dot].rsplit(None, 1)[-1] if paragraph[:dot].strip() else ""
    word = word.lstrip("\"'“‘(")
    if len(word) == 1 and word.isalpha():
        return True  # an initial, as in "George W. Bush"
    return "." in word or word.lower() in _ABBREVIATIONS  # "U.S." or "Mr."


def _shorten(sentence: str, limit: int) -> str:
    """Cut ``sentence`` to at most ``limit`` chars at a word boundary, ending in "…"."""
    if len(sentence) <= limit:
        return sentence
    cut = sentence[: max(limit - 1, 1)]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + "…"
