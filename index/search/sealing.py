"""Seals of an index part's files, for any engine whose segment files are never rewritten once
committed (Whoosh's and tantivy's are not): each file's size and hash in ``SEALS.json``, written
after a commit, so that a file cut short or missing is found at open by its size, and one
scribbled over by its hash once a search has failed on it. And the part's files kept private.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

SEALS = "SEALS.json"


def _digest(path: Path) -> str:
    digest = hashlib.blake2b(digest_size=16)
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_seals(folder: Path) -> dict[str, Any]:
    """The part's seals: {"files": {name: [size, hash]}, and the commit they seal}; {} if none."""
    try:
        seals = json.loads((folder / SEALS).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return seals if isinstance(seals, dict) else {}


def seal(folder: Path, names: Iterable[str], commit: dict[str, Any]) -> None:
    """Seal the files ``names`` of the part's latest commit (``commit`` says which it is); a
    file sealed before keeps its seal, unread: it was never rewritten, so if its size changed
    since, it was damaged while the index was open, and its old seal is what shows it."""
    old = read_seals(folder).get("files", {})
    files: dict[str, list] = {}
    for name in names:
        known = old.get(name)
        files[name] = known or [(folder / name).stat().st_size, _digest(folder / name)]
    temporary = folder / f"{SEALS}.{os.getpid()}"
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(json.dumps({**commit, "files": files}))
        os.replace(temporary, folder / SEALS)
    except OSError:
        temporary.unlink(missing_ok=True)  # the old seals stay: an older commit's
        raise


def broken_seal(folder: Path, names: set[str], seals: dict[str, Any], deep: bool) -> str | None:
    """The first sealed file that is missing, of another size or (``deep``) changed; None."""
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
    """Engines create files with the process umask; the library is private to its user."""
    for path in folder.iterdir():
        if path.is_file():
            os.chmod(path, 0o600)
