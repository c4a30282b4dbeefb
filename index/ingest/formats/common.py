"""What every source format shares: the record it yields, limits, decoding and date parsing."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ...models import Article

MAX_ARTICLE_CHARS = 5_000_000

# dateparser would otherwise guess a missing day or month from today's date.
DATEPARSER_SETTINGS: dict[str, object] = {
    "PREFER_DAY_OF_MONTH": "first",
    "REQUIRE_PARTS": ["year", "month"],
    "RETURN_AS_TIMEZONE_AWARE": False,
}

_ISO_DATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?=$|[T\s])")
# dateparser reads "13 January" as the year 2013: insist on a four-digit year being written.
_YEAR_RE = re.compile(r"(?<!\d)\d{4}(?!\d)")
_FALLBACK_ENCODINGS = ("cp1252", "latin-1")


@dataclass(frozen=True)
class SourceRecord:
    """One article read from a source, with the raw body it was normalised from.

    ``raw_start`` is the char offset of ``raw_text`` within the decoded file for one-article
    files, and 0 for JSON records, whose raw text is their "text" value.
    """

    article: Article
    raw_text: str
    raw_start: int = 0


def decode_bytes(data: bytes) -> tuple[str, str | None]:
    """Decode ``data`` as UTF-8, else cp1252, else latin-1; return the text and the fallback used.

    The fallback is None when the bytes were valid UTF-8. A UTF-8 byte order mark is dropped.
    """
    try:
        return data.decode("utf-8").removeprefix("\ufeff"), None
    except UnicodeDecodeError:
        pass
    for encoding in _FALLBACK_ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


def first_bad_utf8(data: bytes) -> int:
    """Return the offset of the first byte that is not valid UTF-8 (len(data) if none)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start
    return len(data)


def encoding_warning(data: bytes, encoding: str) -> str:
    """Return the message telling the user a file was not UTF-8 and how it was read instead."""
    return bad_utf8_message(first_bad_utf8(data), encoding)


def bad_utf8_message(offset: int, encoding: str) -> str:
    """Return the message for a file not UTF-8 from byte ``offset``, read as ``encoding``."""
    return (
        f"not valid UTF-8 (bad byte at offset {offset}); read as {encoding}, "
        "check accented characters and symbols"
    )


def too_long_message(length: int) -> str:
    """Return the message for an article over MAX_ARTICLE_CHARS."""
    return (
        f"article is {length:,} characters long, over the limit of {MAX_ARTICLE_CHARS:,} "
        "for one article; skipped"
    )


def parse_date(value: str) -> dt.date | None:
    """Return the date written in ``value`` (ISO fast path, else dateparser), or None."""
    text = value.strip()
    match = _ISO_DATE_RE.match(text)
    if match:
        try:
            return dt.date(*(int(part) for part in match.groups()))
        except ValueError:
            return None  # 2025-02-30: an ISO shape that is not a date; do not let dateparser guess
    moment = parse_with_dateparser(text)
    return moment.date() if moment else None


def parse_with_dateparser(text: str) -> dt.datetime | None:
    """Return what dateparser reads in ``text`` without guessing missing parts, or None.

    dateparser is imported here, not at module level: it takes a while to load and most
    sources (ISO dates or none) never need it.
    """
    if not _YEAR_RE.search(text):
        return None
    import dateparser

    try:
        return dateparser.parse(text, languages=["en"], settings=DATEPARSER_SETTINGS)
    except Exception:  # a third-party parser's internal error must not stop ingestion
        return None
