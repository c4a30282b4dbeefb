"""Choosing the search engine by name: the only place that knows which engines exist.

An engine is imported only when it is opened, so opening the record (and the reader's first
screen) loads none of them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .port import EngineError

if TYPE_CHECKING:
    from .port import EngineOpener, SearchEngine

DEFAULT_ENGINE = "whoosh"


def _open_whoosh(folder: Path, *, create: bool = True, read_only: bool = False) -> SearchEngine:
    from .whoosh.engine import Engine

    return Engine.open(folder, create=create, read_only=read_only)


_OPENERS: dict[str, EngineOpener] = {"whoosh": _open_whoosh}
ENGINES = tuple(_OPENERS)


def engine_opener(name: str = DEFAULT_ENGINE) -> EngineOpener:
    """How to open an engine of that name; EngineError for a name no engine has."""
    if name not in _OPENERS:
        raise EngineError(f"unknown search engine {name!r} (known: {', '.join(ENGINES)})")
    return _OPENERS[name]
