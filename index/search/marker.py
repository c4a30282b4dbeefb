"""Which engine built an index folder, and which version of its index: a one-line ``ENGINE``
file (``whoosh 2``) the engine writes beside its files, so that a library whose configured
engine changed, or whose engine now writes another index, is rebuilt rather than misread.

An index folder without the file was built before it existed, by Whoosh (the only engine then);
a file naming no version was written by version 1 (which also held quote and claim indexes).
An engine asked to open a folder another engine, or another version of itself, built raises
EngineError; the library rebuilds a derived index that will not open, so changing either
rebuilds it from the record, once.
"""

from __future__ import annotations

import os
from pathlib import Path

from .port import EngineError

MARKER = "ENGINE"
LEGACY_ENGINE = "whoosh"  # what built an index folder that has no marker
LEGACY_VERSION = 1  # the version of an index whose marker names none
UNKNOWN = "an unknown engine"


def _marker(folder: Path) -> tuple[str, int] | None:
    """(engine, index version) of the index in ``folder``; None when there is none."""
    try:
        words = (folder / MARKER).read_text("utf-8").split()
    except FileNotFoundError:
        has_files = folder.is_dir() and any(folder.iterdir())
        return (LEGACY_ENGINE, LEGACY_VERSION) if has_files else None
    except (OSError, UnicodeDecodeError):
        return UNKNOWN, 0
    if len(words) == 1 and words[0].isidentifier():
        return words[0], LEGACY_VERSION
    if len(words) == 2 and words[0].isidentifier() and words[1].isdigit():
        return words[0], int(words[1])
    return UNKNOWN, 0  # a damaged marker: rebuilt as damage is


def built_by(folder: Path) -> str | None:
    """The name of the engine that built the index in ``folder``; None when there is none."""
    found = _marker(folder)
    return None if found is None else found[0]


def check_engine(folder: Path, name: str, version: int, *, read_only: bool = False) -> None:
    """EngineError unless the index in ``folder`` (if any) was built by engine ``name`` at index
    ``version``. ``read_only`` accepts another version: such a library cannot be rebuilt, and
    the engine's own check of each part's schema still refuses an index it cannot read."""
    found = _marker(folder)
    if found is None:
        return
    if found[0] != name:
        raise EngineError(f"the search index in {folder} was built by {found[0]}, not {name}")
    if found[1] != version and not read_only:
        age = "an older" if found[1] < version else "a newer"
        raise EngineError(
            f"the search index in {folder} was built by {age} version of newsreader"
            f" ({name} index version {found[1]}, this one writes {version})"
        )


def mark_engine(folder: Path, name: str, version: int) -> None:
    """Say in ``folder`` that engine ``name`` builds its index at ``version`` (private, as every
    index file)."""
    path = folder / MARKER
    if _marker(folder) == (name, version) and path.exists():
        return
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(f"{name} {version}\n")
