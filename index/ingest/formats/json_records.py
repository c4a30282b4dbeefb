"""One decoded JSON record made into an Article: known fields checked, metadata made storable.

Whatever a record holds, the result can be stored and shown: fields of the wrong type, fields
nested too deeply, lone surrogates, numbers too long for Python and duplicate keys each cost at
most that field, with one warning naming the file and line.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator, Sequence

from ...models import Article, Origin, Problem
from ..normalize import clean_field, content_id, derive_title, normalize
from .common import (
    MAX_ARTICLE_CHARS,
    SourceRecord,
    parse_date,
    too_long_message,
)

TEXT_KEYS = ("text", "body", "content")
KNOWN_KEYS = frozenset({"id", "title", "date", "source", "url", "category"})
LIST_KEYS = frozenset({"source", "category"})  # may be lists, joined by ","
# Deeper metadata is refused: the record is stored as JSON and read back, and every reader of it
# (the JSON encoder, repr, the reader's metadata view) recurses once a level.
MAX_NESTING = 32
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


class RecordDecoder:
    """A JSON decoder that notes what it had to change in the values it decoded.

    Numbers too long for Python's int conversion are kept as their digits, and a key that appears
    twice keeps its last value; ``take_notes`` returns the warnings since it was last called.
    """

    def __init__(self) -> None:
        self._notes: list[str] = []
        self.decoder = json.JSONDecoder(object_pairs_hook=self._object, parse_int=self._int)

    def take_notes(self) -> list[str]:
        """The notes since the last call, each once (a value decoded again notes it again)."""
        notes, self._notes = self._notes, []
        return list(dict.fromkeys(notes))

    def _int(self, digits: str) -> int | str:
        try:
            return int(digits)
        except ValueError:  # over sys.get_int_max_str_digits(): int() refuses to convert it
            count = len(digits.lstrip("-"))
            self._notes.append(f"a number of {count:,} digits is too long to read; kept as text")
            return digits

    def _object(self, pairs: list[tuple[str, object]]) -> dict[str, object]:
        result = dict(pairs)
        if len(result) < len(pairs):
            counts: dict[str, int] = {}
            for key, _ in pairs:
                counts[key] = counts.get(key, 0) + 1
            for key in (k for k, n in counts.items() if n > 1):
                shown = clean_field(key)[:40]
                self._notes.append(f'key "{shown}" appears more than once; its last value is used')
        return result


class Keys:
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


def record_to_source(
    name: str,
    value: object,
    line: int,
    offset: int,
    keys: Keys,
    item: int = 0,
    notes: Sequence[str] = (),
) -> Iterator[SourceRecord | Problem]:
    """Yield the record built from one decoded JSON value, with warnings, or one Problem.

    ``notes`` are the decoder's warnings for this value, given only when a record comes of it.
    """
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
    warnings = list(notes)
    fields = _shallow_fields(value, text_key, warnings)
    article = _article(name, fields, text, line, offset, keys, item, warnings)
    yield from (Problem(name, warning, line=line, fatal=False) for warning in warnings)
    yield SourceRecord(article, raw_text, 0)


def _article(
    name: str,
    fields: dict[str, object],
    text: str,
    line: int,
    offset: int,
    keys: Keys,
    item: int,
    warnings: list[str],
) -> Article:
    """Return the Article for a record's fields (all shallow and storable), noting warnings."""
    date, date_warning = _record_date(fields.get("date"))
    external_id = _field(fields, "id", warnings)
    key, key_warning = keys.allocate(external_id, line, item)
    warnings.extend(w for w in (date_warning, key_warning) if w)
    title = _field(fields, "title", warnings) or derive_title(text)
    return Article(
        id=content_id(title, text),
        title=title,
        text=text,
        date=date,
        source=_field(fields, "source", warnings),
        url=_field(fields, "url", warnings),
        category=_field(fields, "category", warnings),
        origin=Origin(name, line=line, offset=offset, key=key),
        external_id=external_id,
        metadata={_storable(k): v for k, v in fields.items() if k not in KNOWN_KEYS},
    )


def _shallow_fields(record: dict, text_key: str, warnings: list[str]) -> dict[str, object]:
    """Return the record without its text or fields nested too deeply, metadata made storable."""
    fields: dict[str, object] = {}
    for key, value in record.items():
        if key == text_key:
            continue
        if isinstance(value, dict | list) and _too_deep(value):
            shown = clean_field(key)[:40]
            warnings.append(f'"{shown}" is nested more than {MAX_NESTING} levels deep; ignored')
            continue
        # Known fields are cleaned as they are read (see _field); the rest is stored as given.
        fields[key] = value if key in KNOWN_KEYS else _storable(value)
    return fields


def _too_deep(value: object) -> bool:
    """Tell whether lists and objects nest more than MAX_NESTING deep in ``value``, iteratively."""
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children = list(item.values())
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > MAX_NESTING:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def _storable(value: object) -> object:
    """Return ``value`` with every lone surrogate (from a JSON "\\ud800" escape) made U+FFFD.

    SQLite takes only valid UTF-8; the value is shallow enough to recurse over (see _too_deep).
    """
    if isinstance(value, str):
        return _SURROGATE_RE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_storable(item) for item in value]
    if isinstance(value, dict):
        return {_SURROGATE_RE.sub("\ufffd", k): _storable(v) for k, v in value.items()}
    return value


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


def _field(fields: dict[str, object], key: str, warnings: list[str]) -> str | None:
    """Return a known field as one clean line of text, or None when absent or of a wrong type.

    Text and numbers are taken; "source" and "category" may also be lists of them.
    """
    value = fields.get(key)
    if value is None:
        return None
    if isinstance(value, str):  # nearly always
        return clean_field(value) or None
    parts = value if isinstance(value, list) and key in LIST_KEYS else [value]
    if not all(isinstance(p, str | int | float) and not isinstance(p, bool) for p in parts):
        warnings.append(f"{key} is {_kind(value)}, not text; ignored")
        return None
    text = ",".join(filter(None, (clean_field(str(part)) for part in parts)))
    return text or None


def _kind(value: object) -> str:
    """Return how a JSON value is called in messages: "an array", "a string"..."""
    kinds = {list: "an array", dict: "an object", str: "a string", bool: "a boolean"}
    if value is None:
        return "null"
    return kinds.get(type(value), "a number" if isinstance(value, int | float) else "a value")
