"""A JSON document read from a binary file a value at a time, so a big array never sits whole.

The standard library's decoder only parses complete strings, so the file is decoded in chunks
into a buffer and each array element is decoded from the buffer with ``raw_decode``; when an
element runs past the end of the buffer, more of the file is read and it is tried again. The
buffer holds at most one element plus one chunk.
"""

from __future__ import annotations

import codecs
import json
from typing import BinaryIO

CHUNK_BYTES = 1 << 20
# The last few characters of the buffer may be a token cut in two ("tru" of "true"): a syntax
# error that close to the end may only mean that the rest has not been read yet.
_TOKEN_MARGIN = 16
_WHITESPACE = " \t\r\n"


class JsonSyntaxError(ValueError):
    """Invalid JSON in a streamed document, with where it is in the file."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


class JsonStream:
    """The decoded text of a file, read on demand, with a cursor and its line and byte offset.

    ``max_value_chars`` bounds one value: past it an incomplete value is reported as invalid
    instead of reading the rest of the file into memory to find its end.
    """

    def __init__(
        self,
        handle: BinaryIO,
        decoder: json.JSONDecoder,
        *,
        encoding: str,
        base: int,
        max_value_chars: int,
    ) -> None:
        self._handle, self._decoder, self._encoding = handle, decoder, encoding
        self._text = codecs.getincrementaldecoder(encoding)("replace")
        self._max = max_value_chars
        self._buf, self._pos, self._eof = "", 0, False
        # (line, byte offset, char index of the line's start) hold for self._buf[self._mark];
        # self._origin is the char index in the file of self._buf[0].
        self._mark, self._origin = 0, 0
        self._line, self._byte, self._line_start = 1, base, 0

    def peek(self) -> str:
        """Return the next character that is not whitespace ("" at the end), moving onto it."""
        while True:
            while self._pos < len(self._buf) and self._buf[self._pos] in _WHITESPACE:
                self._pos += 1
            if self._pos < len(self._buf) or not self._fill(CHUNK_BYTES):
                return self._buf[self._pos : self._pos + 1]

    def skip(self) -> None:
        """Step over the character ``peek`` returned."""
        self._pos += 1

    def value(self) -> tuple[int, int, object]:
        """Decode the value at the cursor; return the line and byte offset it starts at, and it.

        Raises JsonSyntaxError for invalid JSON and RecursionError for nesting too deep.
        """
        self.peek()
        while True:
            try:
                value, end = self._decoder.raw_decode(self._buf, self._pos)
            except json.JSONDecodeError as error:
                if not self._may_be_cut(error):
                    raise self._syntax_error(error.msg, error.pos) from None
                if not self._grow():
                    raise self._unfinished(error) from None
                continue
            # A number ending the buffer may go on in the next chunk ("12" of "123").
            if end < len(self._buf) or not self._grow():
                break
        line, byte = self._at(self._pos)
        self._pos = end
        return line, byte, value

    def error(self, message: str) -> JsonSyntaxError:
        """The error for unexpected input at the cursor."""
        return self._syntax_error(message, self._pos)

    def text_read(self, limit: int) -> str:
        """Return up to ``limit`` characters of what is in the buffer (to sniff its lines)."""
        return self._buf[:limit]

    def _may_be_cut(self, error: json.JSONDecodeError) -> bool:
        """Tell whether a decoding error may only mean that the value goes on past the buffer."""
        if self._eof:
            return False
        return error.msg.startswith("Unterminated") or error.pos >= len(self._buf) - _TOKEN_MARGIN

    def _unfinished(self, error: json.JSONDecodeError) -> JsonSyntaxError:
        """The error for a value given up on: too long (where it starts), or cut short."""
        if len(self._buf) - self._pos > self._max:
            message = f"a value over {self._max:,} characters long, too long for one article"
            return self._syntax_error(message, self._pos)
        return self._syntax_error(error.msg, error.pos)

    def _grow(self) -> bool:
        """Read more for the value at the cursor, doubling what is held; False at the end."""
        held = len(self._buf) - self._pos
        if held > self._max:
            return False
        return self._fill(max(CHUNK_BYTES, held))

    def _fill(self, size: int) -> bool:
        """Append up to ``size`` more bytes of the file, decoded; False when nothing was left."""
        if self._eof:
            return False
        self._at(self._pos)
        self._buf = self._buf[self._pos :]
        self._origin += self._pos
        self._pos = self._mark = 0
        data = self._handle.read(size)
        self._eof = not data
        self._buf += self._text.decode(data, final=self._eof)
        return bool(data)

    def _at(self, index: int) -> tuple[int, int]:
        """Return the line and byte offset of buffer position ``index`` (never before the last)."""
        segment = self._buf[self._mark : index]
        newlines = segment.count("\n")
        if newlines:
            self._line += newlines
            self._line_start = self._origin + self._mark + segment.rfind("\n") + 1
        single_byte = self._encoding != "utf-8"
        self._byte += len(segment) if single_byte else len(segment.encode("utf-8", "replace"))
        self._mark = index
        return self._line, self._byte

    def _syntax_error(self, message: str, index: int) -> JsonSyntaxError:
        line, _ = self._at(max(index, self._mark))
        return JsonSyntaxError(message, line, self._origin + index - self._line_start + 1)
