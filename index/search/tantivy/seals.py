"""How a damaged tantivy index is told from a query it cannot run (`search.sealing`).

tantivy never rewrites a segment file once written (deletes go to new ``.del`` files), so after
each commit every file of the segments ``meta.json`` lists is sealed with its size and hash, as
the Whoosh adapter does, and the part's files are made private.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..sealing import broken_seal, make_private, private_dir, read_seals, seal

__all__ = ["META", "find_damage", "private_dir", "segment_files", "write_seals"]
META = "meta.json"


def _meta(folder: Path) -> dict[str, Any]:
    return json.loads((folder / META).read_text("utf-8"))


def segment_files(folder: Path) -> list[str]:
    """Names of the files of every segment the index's ``meta.json`` lists."""
    segments = {s["segment_id"].replace("-", "") for s in _meta(folder)["segments"]}
    return sorted(p.name for p in folder.iterdir() if p.name.split(".")[0] in segments)


def write_seals(folder: Path) -> None:
    """Seal the files of the part's latest commit, and make every file of it private."""
    seal(folder, segment_files(folder), {"opstamp": _meta(folder).get("opstamp")})
    make_private(folder)


def find_damage(folder: Path, *, deep: bool) -> str | None:
    """What is wrong with the index part, or None; ``deep`` also compares every file's hash."""
    try:
        names = set(segment_files(folder))
        opstamp = _meta(folder).get("opstamp")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return f"{folder.name}: {META} cannot be read ({exc})"
    seals = read_seals(folder)
    if seals.get("opstamp") != opstamp:
        return None  # a commit is being sealed right now, or never was (an older version)
    return broken_seal(folder, names, seals, deep)
