"""Part of the engine: how a damaged index part is told from a query the engine cannot run.

Whoosh never rewrites a segment file once its commit is done, so after each commit every
segment file the table of contents lists is sealed with its size and hash in ``SEALS.json``
(new files only: the others keep their seal). A truncated or deleted file is then found at open
by its size alone, and a scribbled one by its hash once a search has failed on it.

The same list of files says what a failed write leaves behind (`abandon`): on a full disk even
Whoosh's own cancel fails, as it flushes the files it is abandoning. And every file and folder
of the index is kept private to its user (`private_dir`, `make_private`).
"""

from __future__ import annotations

import contextlib
import re
import shutil
from pathlib import Path
from typing import Any

from ..sealing import broken_seal, make_private, private_dir, read_seals, seal

__all__ = ["abandon", "find_damage", "make_private", "private_dir", "write_seals"]
_KEPT = re.compile(r"(_MAIN_\d+\.toc|MAIN_WRITELOCK|SEALS\.json)")


def _segment_files(ix: Any) -> list[str]:
    """Names of the files of every segment the latest table of contents lists."""
    return sorted(name for seg in ix._segments() for name in seg.list_files(ix.storage))


def write_seals(ix: Any, folder: Path) -> None:
    """Seal the segment files of the index part's latest commit."""
    seal(folder, _segment_files(ix), {"generation": ix.latest_generation()})


def abandon(writer: Any, ix: Any, folder: Path) -> None:
    """Give up a failed writer: stop its processes, delete every file it wrote, free its lock.

    The files go while the lock is still held, so no other writer's new files are touched.
    """
    for task in getattr(writer, "tasks", ()):  # the multi-process writer's sub-writers
        task.terminate()
        task.join(5)
    for queue in (getattr(writer, "jobqueue", None), getattr(writer, "resultqueue", None)):
        if queue is not None:  # no reader is left: exiting must not wait to flush them
            queue.cancel_join_thread()
    with contextlib.suppress(Exception):
        writer._close_segment()
    with contextlib.suppress(Exception):
        writer._tempstorage.destroy()
    with contextlib.suppress(Exception):
        _remove_unlisted(ix, folder)
    if writer.writelock:
        writer.writelock.release()
    writer.is_closed = True


def _remove_unlisted(ix: Any, folder: Path) -> None:
    """Delete what the latest table of contents does not list (a failed write's files)."""
    listed = set(_segment_files(ix))
    for path in folder.iterdir():
        if path.name in listed or _KEPT.fullmatch(path.name):
            continue
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


def find_damage(ix: Any, folder: Path, *, deep: bool) -> str | None:
    """What is wrong with the index part, or None; ``deep`` also compares every file's hash."""
    try:
        names = _segment_files(ix)
        ix.reader().close()  # opens every segment: a truncated or missing one fails here
    except Exception as exc:  # Whoosh raises many kinds for a damaged table or segment
        return f"{folder.name}: {type(exc).__name__}: {exc}"
    seals = read_seals(folder)
    if seals.get("generation") != ix.latest_generation():
        return None  # sealed by an older version, or a commit is being sealed right now
    return broken_seal(folder, set(names), seals, deep)
