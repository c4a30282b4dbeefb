"""JSON sources: JSON Lines streamed line by line, and whole JSON documents (array or object)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import BinaryIO

from newsreader.index.formats_common import (
    MAX_ARTICLE_CHARS,
    SourceRecord,
    decode_bytes,
    encoding_warning,
    parse_date,
    too_long_message,
)
from newsreader.index.models import Article, Origin, Problem
from newsreader.index.normalize import clean_field, content_id, derive_title, normalize

TEXT_KEYS = ("text", "body", "content")
KNOWN_KEYS = frozenset({"id", "title", "date", "source", "url", "category"})
# A line this long cannot hold an article under the limit (UTF-8 is at most 4 bytes a char, and
# JSON escapes at most 6 bytes), so it is refused before parsing.
MAX_LINE_BYTES = 6 * MAX_ARTICLE_CHARS + 1_000_000
_DECODER = json.JSONDecoder()
_SNIFF_LINES = 20


class _Keys:
    """Hands out Origin keys unique within one file: the record id, else its line."""

    def __init__(self) -> None:
        self._used: dict[str, int] = {}

    def allocate(self, external_id: str | None, line: int, item: int) -> tuple[str, str | None]:
        """Return the key for a record and a warning when its id was already taken."""
        warning = None
        if external_id:
            if external_id not in self._used:
                self._used[external_id] = line
                return external_id, None
            first = self._used[external_id]
            warning = f"id {external_id!r} was already used on line {first}; keyed by line instead"
        key = f"line:{line}" if f"line:{line}" not in self._used else f"line:{line}:{item}"
        self._used[key] = line
        return key, warning


def read_json_lines(name: str, handle: BinaryIO) -> Iterator[SourceRecord | Problem]:
    """Yield one record (or Problem) per non-blank line, streaming the file line by line."""
    keys = _Keys()
    offset = 0
    fallback_lines = 0
    seen = False
    for number, data in enumerate(handle, 1):
        start, offset = offset, offset + len(data)
        if not data.strip():
            continue
        seen = True
        if len(data) > MAX_LINE_BYTES:
            message = f"line is {len(data):,} bytes, too long for one article; skipped"
            yield Problem(name, message, line=number)
            continue
        line, encoding = decode_bytes(data)
        if encoding:
            fallback_lines += 1
            if fallback_lines == 1:
                yield Problem(name, encoding_warning(data, encoding), line=number, fatal=False)
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            message = f"invalid JSON ({error.msg} at column {error.colno}); line skipped"
            yield Problem(name, message, line=number)
            continue
        except RecursionError:
            yield Problem(name, "JSON nested too deeply; line skipped", line=number)
            continue
        yield from record_to_source(name, value, number, start, keys)
    if fallback_lines > 1:
        message = f"{fallback_lines} lines in all were not valid UTF-8 and were read as cp1252"
        yield Problem(name, message, fatal=False)
    if not seen:
        yield Problem(name, "file has only blank lines; no articles")


def looks_like_json_lines(doc: str) -> bool:
    """Tell whether a decoded .json file holds JSON Lines rather than one JSON document."""
    start = _skip_ws(doc, 0)
    if not doc.startswith("{", start):
        return False
    try:
        _, end = _DECODER.raw_decode(doc, start)
    except (json.JSONDecodeError, RecursionError):
        return _has_object_line(doc)
    return _skip_ws(doc, end) < len(doc)


def _has_object_line(doc: str) -> bool:
    """Tell whether one of the first non-blank lines is a complete JSON object on its own."""
    lines = (line.strip() for line in doc.splitlines())
    for line in [line for line in lines if line][:_SNIFF_LINES]:
        try:
            if line.startswith("{") and isinstance(json.loads(line), dict):
                return True
        except (json.JSONDecodeError, RecursionError):
            continue
    return False


def read_json_document(
    name: str, doc: str, encoding: str = "utf-8", base: int = 0
) -> Iterator[SourceRecord | Problem]:
    """Yield the records of one JSON document: an array of objects or a single object.

    ``encoding`` and ``base`` (bytes before ``doc`` in the file, e.g. a byte order mark) let
    each record's Origin carry the byte offset where the record starts.
    """
    start = _skip_ws(doc, 0)
    keys = _Keys()
    positions = _Positions(doc, encoding, base)
    count = 0
    try:
        items = _array_items(doc, start) if doc.startswith("[", start) else _single(doc, start)
        for count, (at, value) in enumerate(items, 1):
            line, offset = positions.at(at)
            yield from record_to_source(name, value, line, offset, keys, count)
    except json.JSONDecodeError as error:
        message = f"invalid JSON at column {error.colno} ({error.msg}); the rest was skipped"
        yield Problem(name, message, line=error.lineno)
    except RecursionError:
        yield Problem(name, "JSON nested too deeply; the rest was skipped")
    else:
        if count == 0:
            yield Problem(name, "the JSON array is empty; no articles", fatal=False)


def _single(doc: str, start: int) -> Iterator[tuple[int, object]]:
    """Yield the one value of a document, refusing trailing data."""
    value, end = _DECODER.raw_decode(doc, start)
    if _skip_ws(doc, end) < len(doc):
        raise json.JSONDecodeError("Extra data after the JSON value", doc, end)
    yield start, value


def _array_items(doc: str, start: int) -> Iterator[tuple[int, object]]:
    """Yield (position, value) for each element of the array opening at ``start``."""
    position = _skip_ws(doc, start + 1)
    if doc.startswith("]", position):
        return
    while True:
        value, end = _DECODER.raw_decode(doc, position)
        yield position, value
        position = _skip_ws(doc, end)
        if doc.startswith(",", position):
            position = _skip_ws(doc, position + 1)
        elif doc.startswith("]", position):
            return
        else:
            raise json.JSONDecodeError("Expecting ',' or ']' after an array element", doc, position)


class _Positions:
    """Turns char positions of a document, met in increasing order, into (line, byte offset)."""

    def __init__(self, doc: str, encoding: str, base: int) -> None:
        self._doc, self._encoding = doc, encoding
        self._char, self._byte, self._line = 0, base, 1

    def at(self, index: int) -> tuple[int, int]:
        """Return the 1-based line and byte offset of char ``index``."""
        segment = self._doc[self._char : index]
        self._line += segment.count("\n")
        self._byte += len(segment.encode(self._encoding, "replace"))
        self._char = index
        return self._line, self._byte


def _skip_ws(doc: str, position: int) -> int:
    """Return the first position at or after ``position`` that is not JSON whitespace."""
    while position < len(doc) and doc[position] in " \t\r\n":
        position += 1
    return position


def record_to_source(
    name: str, value: object, line: int, offset: int, keys: _Keys, item: int = 0
) -> Iterator[SourceRecord | Problem]:
    """Yield the record built from one decoded JSON value, with warnings, or one Problem."""
    if not isinstance(value, dict):
        yield Problem(name, f"record is {_kind(value)}, not a JSON object; skipped", line=line)
        return
    text_key = next((k for k in TEXT_KEYS if _has_text(value.get(k))), None)
    if text_key is None:
        message = 'record has no text (a non-empty "text", "body" or "content" string); skipped'
        yield Problem(name, message, line=line)
        return
    raw_text: str = value[text_key]
    if len(raw_text) > MAX_ARTICLE_CHARS:
        yield Problem(name, too_long_message(len(raw_text)), line=line)
        return
    text, _ = normalize(raw_text)
    if not text:
        yield Problem(name, "record text has no readable characters; skipped", line=line)
        return
    date, date_warning = _record_date(value.get("date"))
    if date_warning:
        yield Problem(name, date_warning, line=line, fatal=False)
    external_id = _field(value.get("id"))
    key, key_warning = keys.allocate(external_id, line, item)
    if key_warning:
        yield Problem(name, key_warning, line=line, fatal=False)
    title = _field(value.get("title")) or derive_title(text)
    article = Article(
        id=content_id(title, text),
        title=title,
        text=text,
        date=date,
        source=_field(value.get("source")),
        url=_field(value.get("url")),
        category=_field(value.get("category")),
        origin=Origin(name, line=line, offset=offset, key=key),
        external_id=external_id,
        metadata={k: v for k, v in value.items() if k not in KNOWN_KEYS and k != text_key},
    )
    yield SourceRecord(article, raw_text, 0)


def _has_text(value: object) -> bool:
    """Tell whether a JSON value is a string with something other than whitespace."""
    return isinstance(value, str) and not value.isspace() and value != ""


def _record_date(value: object) -> tuple[dt.date | None, str | None]:
    """Return a record's date and, when it was given but cannot be read, a warning."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, str):
        date = parse_date(value[:200])
        if date is not None:
            return date, None
    shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:39] + "…"
    return None, f"unreadable date {clean_field(shown)}; the article is kept without a date"


def _field(value: object) -> str | None:
    """Return a metadata value as one clean line of text (lists joined by ","), or None."""
    if value is None:
        return None
    if isinstance(value, str):
        text = clean_field(value)
    elif isinstance(value, list):
        text = ",".join(filter(None, (_field(part) for part in value)))
    elif isinstance(value, dict):
        text = clean_field(json.dumps(value, ensure_ascii=False))
    else:
        text = clean_field(str(value))
    return text or None


def _kind(value: object) -> str:
    """Return how a JSON value is called in messages: "an array", "a string"..."""
    kinds = {list: "an array", str: "a string", bool: "a boolean", int: "a number"}
    if value is None:
        return "null"
    return kinds.get(type(value), "a number" if isinstance(value, float) else "a value")
