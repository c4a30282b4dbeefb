"""Choosing the search engine by name: the only place that knows which engines exist.

An engine is imported only when it is opened, so opening the record (and the reader's first
screen) loads none of them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .marker import built_by
from .port import EngineError

if TYPE_CHECKING:
    from .port import EngineOpener, SearchEngine

DEFAULT_ENGINE = "whoosh"


def _open_whoosh(folder: Path, *, create: bool = True, read_only: bool = False) -> SearchEngine:
    from .whoosh.engine import Engine

    return Engine.open(folder, create=create, read_only=read_only)


def _open_tantivy(folder: Path, *, create: bool = True, read_only: bool = False) -> SearchEngine:
    try:
        from .tantivy.engine import Engine
    except ImportError as error:  # an optional extra: say how to install it
        raise EngineError(
            f"the tantivy engine is not installed ({error}): pip install 'newsreader[tantivy]'"
        ) from error
    return Engine.open(folder, create=create, read_only=read_only)


_OPENERS: dict[str, EngineOpener] = {"whoosh": _open_whoosh, "tantivy": _open_tantivy}
ENGINES = tuple(_OPENERS)


def engine_opener(name: str = DEFAULT_ENGINE) -> EngineOpener:
    """How to open an engine of that name; EngineError for a name no engine has."""
    if name not in _OPENERS:
        raise EngineError(f"unknown search engine {name!r} (known: {', '.join(ENGINES)})")
    return _OPENERS[name]


def chosen_engine(folder: Path, asked: str | None, *, read_only: bool = False) -> str:
    """The engine to open the index ``folder`` with: the one asked for; else, or when the
    folder cannot be rebuilt (``read_only``), the one that built it; else the default."""
    built = built_by(folder)
    if asked is None or (read_only and built in _OPENERS):
        return built if built in _OPENERS else DEFAULT_ENGINE
    return asked
