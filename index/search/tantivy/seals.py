"""How a damaged tantivy index is told from a query it cannot run, and its files kept private.

tantivy never rewrites a segment file once written (deletes go to new ``.del`` files), so after
each commit every file of the segments ``meta.json`` lists is sealed with its size and hash in
``SEALS.json``, as the Whoosh adapter does: a file cut short or missing is found at open by its
size, one scribbled over by its hash once a search has failed on it.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

SEALS = "SEALS.json"
META = "meta.json"


def _digest(path: Path) -> str:
    digest = hashlib.blake2b(digest_size=16)
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _meta(folder: Path) -> dict[str, Any]:
    return json.loads((folder / META).read_text("utf-8"))


def segment_files(folder: Path) -> list[str]:
    """Names of the files of every segment the index's ``meta.json`` lists."""
    segments = {s["segment_id"].replace("-", "") for s in _meta(folder)["segments"]}
    return sorted(p.name for p in folder.iterdir() if p.name.split(".")[0] in segments)


def _read_seals(folder: Path) -> dict[str, Any]:
    try:
        seals = json.loads((folder / SEALS).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return seals if isinstance(seals, dict) else {}


def write_seals(folder: Path) -> None:
    """Seal the files of the part's latest commit, and make every file of it private."""
    old = _read_seals(folder).get("files", {})
    files: dict[str, list] = {}
    for name in segment_files(folder):
        size = (folder / name).stat().st_size
        known = old.get(name)
        files[name] = known if known and known[0] == size else [size, _digest(folder / name)]
    temporary = folder / f"{SEALS}.{os.getpid()}"
    text = json.dumps({"opstamp": _meta(folder).get("opstamp"), "files": files})
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temporary, folder / SEALS)
    except OSError:
        temporary.unlink(missing_ok=True)  # the old seals stay: an older commit's
        raise
    make_private(folder)


def find_damage(folder: Path, *, deep: bool) -> str | None:
    """What is wrong with the index part, or None; ``deep`` also compares every file's hash."""
    try:
        names = set(segment_files(folder))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return f"{folder.name}: {META} cannot be read ({exc})"
    seals = _read_seals(folder)
    if seals.get("opstamp") != _meta(folder).get("opstamp"):
        return None  # a commit is being sealed right now, or never was (an older version)
    for name, (size, digest) in seals.get("files", {}).items():
        path = folder / name
        if name not in names or not path.exists():
            return f"{folder.name}: {name} is missing"
        if path.stat().st_size != size:
            return f"{folder.name}: {name} has {path.stat().st_size} bytes, {size} were written"
        if deep and _digest(path) != digest:
            return f"{folder.name}: {name} was changed after it was written"
    return None


def private_dir(path: Path) -> None:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(path, 0o700)


def make_private(folder: Path) -> None:
    """tantivy creates files with the process umask; the library is private to its user."""
    for path in folder.iterdir():
        if path.is_file():
            os.chmod(path, 0o600)
