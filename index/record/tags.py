"""What a tag may be called.

A tag is one word of the query language (`tag:NAME`, `-tag:NAME`) and of the reader's tag
prompt (`-NAME` removes), and is listed comma-separated: so no whitespace, no commas, quotes or
parentheses, no leading "-", no control or format characters (escape sequences, bidi
overrides), and at most MAX_TAG characters.
"""

from __future__ import annotations

import unicodedata

from ..text.safe import quoted

MAX_TAG = 64
_FORBIDDEN = frozenset(',"()')
_INVISIBLE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp"})


class TagError(ValueError):
    """A tag name outside the allowed alphabet; the message says why, for the user."""


def tag_problem(name: str) -> str | None:
    """Why name cannot be a tag, or None when it can."""
    if not name:
        return "a tag cannot be empty"
    if len(name) > MAX_TAG:
        return f"tag {_shown(name)}… is longer than {MAX_TAG} characters"
    if name.startswith("-"):
        return f"tag {_shown(name)} cannot start with '-' (that removes a tag)"
    for char in name:
        if char.isspace():
            return f"tag {_shown(name)} cannot contain spaces"
        if char in _FORBIDDEN:
            return f"tag {_shown(name)} cannot contain {char!r}"
        if unicodedata.category(char) in _INVISIBLE:
            return f"tag {_shown(name)} cannot contain the control character U+{ord(char):04X}"
    return None


def _shown(name: str) -> str:
    return quoted(name[:MAX_TAG])  # escaped: the name may hold escape sequences


def check_tag(name: str) -> str:
    """The name, if it can be a tag; else TagError."""
    problem = tag_problem(name)
    if problem:
        raise TagError(problem)
    return name
