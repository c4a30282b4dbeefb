"""JSON sources: JSON Lines read line by line, and JSON documents (an array or one object) streamed.

Neither is ever read whole: a line at a time, or an array element at a time (see json_stream),
so memory stays flat whatever the size of the file.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from typing import BinaryIO

from ...models import Problem
from .common import (
    MAX_ARTICLE_CHARS,
    SourceRecord,
    bad_utf8_message,
    decode_bytes,
    encoding_warning,
)
from .json_records import Keys, RecordDecoder, record_to_source
from .json_stream import JsonStream, JsonSyntaxError

__all__ = ["Keys", "read_json_file", "read_json_lines", "record_to_source"]

# A line this long cannot hold an article under the limit (UTF-8 is at most 4 bytes a char, and
# JSON escapes at most 6 bytes), so it is refused before parsing.
MAX_LINE_BYTES = 6 * MAX_ARTICLE_CHARS + 1_000_000
_SNIFF_LINES = 20
_SNIFF_CHARS = 1 << 20
_BOM = codecs.BOM_UTF8
_CP1252_UNDEFINED = b"\x81\x8d\x8f\x90\x9d"


def read_json_lines(name: str, handle: BinaryIO) -> Iterator[SourceRecord | Problem]:
    """Yield one record (or Problem) per non-blank line, streaming the file line by line."""
    keys, decoding = Keys(), RecordDecoder()
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
        try:
            value = decoding.decoder.decode(line)
        except json.JSONDecodeError as error:
            decoding.take_notes()
            message = f"invalid JSON ({error.msg} at column {error.colno}); line skipped"
            yield Problem(name, message, line=number)
            continue
        except RecursionError:
            decoding.take_notes()
            yield Problem(name, "JSON nested too deeply; line skipped", line=number)
            continue
        if encoding:
            fallback_lines += 1
            if fallback_lines == 1:
                yield Problem(name, encoding_warning(data, encoding), line=number, fatal=False)
        notes = decoding.take_notes()
        yield from record_to_source(name, value, number, start, keys, notes=notes)
    if fallback_lines > 1:
        message = f"{fallback_lines} lines in all were not valid UTF-8 and were read as cp1252"
        yield Problem(name, message, fatal=False)
    if not seen:
        yield Problem(name, "file has only blank lines; no articles")


def read_json_file(name: str, handle: BinaryIO) -> Iterator[SourceRecord | Problem]:
    """Yield the records of a .json file: an array of objects, one object, or JSON Lines."""
    encoding, bad_byte = _file_encoding(handle)
    handle.seek(0)
    base = len(_BOM) if encoding == "utf-8" and handle.read(len(_BOM)) == _BOM else 0
    stream, decoding = _open_stream(handle, encoding, base)
    first = stream.peek()
    if not first:
        yield Problem(name, "file has only whitespace; no article")
        return
    if first == "{":
        if _holds_json_lines(stream):
            handle.seek(0)
            yield from read_json_lines(name, handle)
            return
        stream, decoding = _open_stream(handle, encoding, base)  # read the one object again
    if bad_byte is not None:
        yield Problem(name, bad_utf8_message(bad_byte, encoding), fatal=False)
    yield from _read_document(name, stream, decoding, first == "[")


def _open_stream(handle: BinaryIO, encoding: str, base: int) -> tuple[JsonStream, RecordDecoder]:
    """A stream over the file from byte ``base``, with a fresh decoder."""
    handle.seek(base)
    decoding = RecordDecoder()
    stream = JsonStream(
        handle, decoding.decoder, encoding=encoding, base=base, max_value_chars=MAX_LINE_BYTES
    )
    return stream, decoding


def _read_document(
    name: str, stream: JsonStream, decoding: RecordDecoder, is_array: bool
) -> Iterator[SourceRecord | Problem]:
    """Yield the records of the document in ``stream``; a syntax error ends it with a Problem."""
    keys = Keys()
    count = 0
    try:
        items = _array_items(stream) if is_array else _single(stream)
        for count, (line, offset, value) in enumerate(items, 1):
            notes = decoding.take_notes()
            yield from record_to_source(name, value, line, offset, keys, count, notes)
    except JsonSyntaxError as error:
        message = f"invalid JSON at column {error.column} ({error.message}); the rest was skipped"
        yield Problem(name, message, line=error.line, scope="rest")
    except RecursionError:
        yield Problem(name, "JSON nested too deeply; the rest was skipped", scope="rest")
    else:
        if count == 0:
            yield Problem(name, "the JSON array is empty; no articles", fatal=False)


def _single(stream: JsonStream) -> Iterator[tuple[int, int, object]]:
    """Yield the one value of a document, refusing trailing data."""
    found = stream.value()
    if stream.peek():
        raise stream.error("Extra data after the JSON value")
    yield found


def _array_items(stream: JsonStream) -> Iterator[tuple[int, int, object]]:
    """Yield (line, byte offset, value) for each element of the array at the cursor."""
    stream.skip()  # the "["
    if stream.peek() == "]":
        return
    while True:
        yield stream.value()
        follows = stream.peek()
        if follows not in (",", "]"):
            raise stream.error("Expecting ',' or ']' after an array element")
        stream.skip()
        if follows == "]":
            return


def _holds_json_lines(stream: JsonStream) -> bool:
    """Tell whether a document starting with "{" is JSON Lines rather than one object.

    It is when its first value is followed by more, or, when that value cannot be decoded,
    when one of the first lines is a complete object on its own.
    """
    try:
        stream.value()
    except (JsonSyntaxError, RecursionError):
        return _has_object_line(stream.text_read(_SNIFF_CHARS))
    return bool(stream.peek())


def _has_object_line(doc: str) -> bool:
    """Tell whether one of the first non-blank lines is a complete JSON object on its own."""
    lines = (line.strip() for line in doc.splitlines())
    for line in [line for line in lines if line][:_SNIFF_LINES]:
        try:
            if line.startswith("{") and isinstance(json.loads(line), dict):
                return True
        except (ValueError, RecursionError):
            continue
    return False


def _file_encoding(handle: BinaryIO) -> tuple[str, int | None]:
    """Return how to decode the whole file and the offset of its first non-UTF-8 byte, if any.

    UTF-8 when it all is; else cp1252, unless one of the five bytes cp1252 leaves undefined
    appears, then latin-1 (as for text files). One pass in blocks: nothing is kept.
    """
    utf8 = codecs.getincrementaldecoder("utf-8")()
    offset, bad = 0, None
    for block in iter(lambda: handle.read(1 << 20), b""):
        pending = len(utf8.getstate()[0])
        try:
            utf8.decode(block)
        except UnicodeDecodeError as error:
            bad = offset - pending + error.start
            break
        offset += len(block)
    else:
        try:
            utf8.decode(b"", final=True)
        except UnicodeDecodeError:
            bad = offset - len(utf8.getstate()[0])
        if bad is None:
            return "utf-8", None
    handle.seek(0)
    for block in iter(lambda: handle.read(1 << 20), b""):
        if any(byte in block for byte in _CP1252_UNDEFINED):
            return "latin-1", bad
    return "cp1252", bad
