"""Text from data or from a user, made safe to reach a terminal: the one sanitiser both the
index (names coming in through `state import`) and the reader (everything it draws) use.

Control characters (C0 but newline, DEL and C1, which include ESC and CSI) are what make an
escape sequence; replacing each one with U+FFFD breaks every sequence while keeping the length,
so offsets into article text stay valid. The bidirectional embeddings, overrides and isolates
(U+202A-U+202E, U+2066-U+2069) go the same way: one can make a title or a line read backwards
from where it stands ("Trojan Source"), and nothing the reader draws needs them.
"""

from __future__ import annotations

import json
import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe_text(text: str) -> str:
    """The text with control characters (escape sequences) and bidirectional overrides and
    isolates replaced by U+FFFD, same length."""
    return _CONTROL.sub("\ufffd", text.replace("\t", " "))


def has_control(text: str) -> bool:
    """Whether safe_text would change anything but tabs."""
    return _CONTROL.search(text) is not None


# What json.dumps(ensure_ascii=False) leaves raw but a terminal acts on or cannot print: DEL, C1,
# lone surrogates, and the invisible characters that reorder or hide text (bidi, line separators).
_RAW_AFTER_JSON = re.compile(r"[\x7f-\x9f\ud800-\udfff\u200b-\u200f\u2028-\u202e\u2066-\u2069]")


def escaped_json(value: object, **options: object) -> str:
    """JSON text that keeps readable non-ASCII but \\u-escapes every character a terminal would
    act on, so it is safe to print or to write to a file someone will `cat`."""
    text = json.dumps(value, ensure_ascii=False, **options)  # type: ignore[arg-type]
    return _RAW_AFTER_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def quoted(text: str) -> str:
    """A name as a double-quoted JSON string, safe to show in a message."""
    return escaped_json(text)
