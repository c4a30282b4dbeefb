"""One-article text files: the seed format (a leading ``date`` line) and plain .txt/.md."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ...models import Article, Origin, Problem
from ..normalize import clean_field, content_id, derive_title, normalize
from .common import SourceRecord, parse_with_dateparser

MAX_DATE_TOKENS = 6
MAX_HEADLINE_CHARS = 120

# "date", optional ":", then what follows on the first line. Leading blank lines are allowed.
_SEED_RE = re.compile(r"\A\s*(date)\b([^\S\n]*:)?[^\S\n]*", re.IGNORECASE)
_ISO_TOKEN_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})[.,;:]?(?=\s|$)")
_TOKEN_RE = re.compile(r"[^\s]+")
_DATE_TRAILER = ".,;:"
_MARKDOWN_HEADING_RE = re.compile(r"#{1,6}[^\S\n]+")
_SENTENCE_END = (".", ",", ";", ":")


@dataclass(frozen=True)
class _Header:
    """The split of a seed file's first line: the date, where the body starts, any warning."""

    date: dt.date | None
    body_start: int
    warning: str | None


def read_text_article(name: str, decoded: str) -> Iterator[SourceRecord | Problem]:
    """Yield the one article held in a decoded text file, or a Problem saying why there is none."""
    header = _seed_header(decoded)
    if header is not None:
        if header.warning:
            yield Problem(name, header.warning, line=1, fatal=False)
        raw_start, title, date = header.body_start, None, header.date
    else:
        title, raw_start = _headline(decoded)
        date = None
    raw_text = decoded[raw_start:]
    text, _ = normalize(raw_text)
    if not text:
        yield Problem(name, "no readable text after the title and date lines")
        return
    title = title or derive_title(text)
    article = Article(
        id=content_id(title, text),
        title=title,
        text=text,
        date=date,
        origin=Origin(name, line=1, offset=0, key=""),
    )
    yield SourceRecord(article, raw_text, raw_start)


def _seed_header(decoded: str) -> _Header | None:
    """Return the date header of a seed-format file, or None when the file is not one.

    Seeds write ``date`` in lowercase with no colon; a capitalised "Date" without a colon only
    counts when a date follows, so that a headline such as "Date night..." stays a headline.
    """
    match = _SEED_RE.match(decoded)
    if match is None:
        return None
    line_end = decoded.find("\n", match.end())
    line_end = len(decoded) if line_end < 0 else line_end
    found = _date_at(decoded, match.end(), line_end)
    if found is not None:
        date, end = found
        return _Header(date, _skip_blanks(decoded, end), None)
    if match.group(2) is None and match.group(1) != "date":
        return None
    shown = decoded[match.end() : line_end].split()[:3]
    what = f"'{' '.join(shown)}'" if shown else "nothing"
    warning = f"no date found after 'date' (found {what}); the article is kept without a date"
    return _Header(None, match.end(), warning)


def _date_at(decoded: str, start: int, line_end: int) -> tuple[dt.date, int] | None:
    """Return the date written at ``start`` and where it ends, trying the longest prefix first."""
    iso = _ISO_TOKEN_RE.match(decoded, start, line_end)
    if iso:
        try:
            return dt.date(*(int(part) for part in iso.groups())), iso.end()
        except ValueError:
            return None
    tokens = list(_TOKEN_RE.finditer(decoded, start, line_end))[:MAX_DATE_TOKENS]
    for count in range(len(tokens), 0, -1):
        moment = _parse_tokens(decoded, start, tokens[count - 1].end())
        if moment is None:
            continue
        # dateparser skips filler words ("13 January 2025 The" parses): keep the shortest
        # prefix that still reads as the same moment so the body keeps its first words.
        while count > 1 and _parse_tokens(decoded, start, tokens[count - 2].end()) == moment:
            count -= 1
        return moment.date(), tokens[count - 1].end()
    return None


def _parse_tokens(decoded: str, start: int, end: int) -> dt.datetime | None:
    """Return the moment dateparser reads in ``decoded[start:end]`` without trailing punctuation."""
    return parse_with_dateparser(decoded[start:end].rstrip(_DATE_TRAILER))


def _skip_blanks(decoded: str, position: int) -> int:
    """Return the first position at or after ``position`` that is not a space or tab."""
    while position < len(decoded) and decoded[position] in " \t":
        position += 1
    return position


def _headline(decoded: str) -> tuple[str | None, int]:
    """Return the file's headline and where the text after it starts, or (None, 0).

    The first non-blank line is a headline when it is short, does not end like a sentence and
    more text follows it; a markdown ``# Heading`` loses its hashes.
    """
    start = len(decoded) - len(decoded.lstrip())
    start = decoded.rfind("\n", 0, start) + 1
    line_end = decoded.find("\n", start)
    if line_end < 0 or not decoded[line_end:].strip():
        return None, 0
    line = decoded[start:line_end].strip()
    heading = _MARKDOWN_HEADING_RE.match(line)
    if heading:
        line = line[heading.end() :].rstrip("#").strip()
    elif len(line) > MAX_HEADLINE_CHARS or line.rstrip("\"'”’)").endswith(_SENTENCE_END):
        return None, 0
    title = clean_field(line)
    return (title, line_end + 1) if title else (None, 0)
