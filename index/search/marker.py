"""Which engine built an index folder: a one-line ``ENGINE`` file the engine writes beside its
files, so that a library whose configured engine changed is rebuilt rather than misread.

An index folder without the file was built before it existed, by Whoosh (the only engine then).
An engine asked to open a folder another engine built raises EngineError; the library rebuilds a
derived index that will not open, so changing the engine rebuilds it from the record.
"""

from __future__ import annotations

import os
from pathlib import Path

from .port import EngineError

MARKER = "ENGINE"
LEGACY_ENGINE = "whoosh"  # what built an index folder that has no marker
UNKNOWN = "an unknown engine"


def built_by(folder: Path) -> str | None:
    """The name of the engine that built the index in ``folder``; None when there is none."""
    try:
        name = (folder / MARKER).read_text("utf-8").strip()
    except FileNotFoundError:
        return LEGACY_ENGINE if folder.is_dir() and any(folder.iterdir()) else None
    except (OSError, UnicodeDecodeError):
        return UNKNOWN
    return name if name.isidentifier() else UNKNOWN  # a damaged marker: rebuilt as damage is


def check_engine(folder: Path, name: str) -> None:
    """EngineError unless the index in ``folder`` (if any) was built by engine ``name``."""
    found = built_by(folder)
    if found is not None and found != name:
        raise EngineError(f"the search index in {folder} was built by {found}, not {name}")


def mark_engine(folder: Path, name: str) -> None:
    """Say in ``folder`` that engine ``name`` builds its index (private, as every index file)."""
    path = folder / MARKER
    if path.exists():
        return
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(name + "\n")
