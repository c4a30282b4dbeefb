"""`newsreader state export|import FILE`: carry triage state between machines.

Import merges (the newer change of each flag and tag wins) or, with `--replace`, restores the
file wholesale. Export writes the file private (0600) and whole: through a temporary file beside
it, renamed over it, so a failure leaves the previous export as it was. A symbolic link is
written through to its target, and a FIFO or device (/dev/stdout) is written into, as shell
redirection does.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import stat
import sys
import tempfile
from pathlib import Path

from newsreader.index.library import Library
from newsreader.index.models import ImportCounts
from newsreader.index.record.state_file import StateFileError

from .opening import open_library
from .output import error, print_json_lines


def state(args: argparse.Namespace) -> int:
    """Export all triage state as JSON, or import a file exported elsewhere."""
    if args.action == "export" and args.replace:
        error("--replace is for state import: an export always writes everything")
        return 2
    with open_library(args) as library:
        if args.action == "export":
            return _export(library.export_state() + "\n", args.file)
        return _import(library, args)


def _export(text: str, target: Path) -> int:
    if str(target) == "-":
        sys.stdout.write(text)
        return 0
    try:
        write_private(target, text)
    except OSError as problem:
        error(f"{target}: cannot write: {problem.strerror or problem}")
        return 1
    return 0


def write_private(path: Path, text: str) -> None:
    """Write text to path as shell redirection would, and safely: into a FIFO or a device
    (/dev/stdout) as it is; else a regular file, 0600 whatever the umask, replaced only once it
    is whole. A symbolic link is written through: its target is replaced, the link stays."""
    if _special(path):
        with open(path, "w", encoding="utf-8") as out:
            out.write(text)
        return
    target = Path(os.path.realpath(path))
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _special(path: Path) -> bool:
    """Whether path (its links followed) is a FIFO, device or socket: renaming a file over one
    would put a regular file where /dev/stdout or a pipe's reader was."""
    try:
        mode = os.stat(path).st_mode
    except OSError:  # nothing there yet, or a link to nothing: a new regular file
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _import(library: Library, args: argparse.Namespace) -> int:
    try:
        raw = sys.stdin.read() if str(args.file) == "-" else args.file.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as problem:
        reason = problem.strerror if isinstance(problem, OSError) else problem
        error(f"{args.file}: cannot read: {reason or problem}")
        return 1
    try:
        file, counts = library.import_state(raw, replace=args.replace)
    except StateFileError as refused:
        for line in refused.problems:
            error(f"{args.file}: {line}")
        error(f"{args.file}: nothing imported")
        return 1
    for line in file.problems:
        error(f"{args.file}: {line} (skipped)")
    if args.json:
        print_json_lines([{**_fields(counts), "problems": len(file.problems)}])
    else:
        sys.stderr.write(_summary(counts, len(file.problems), args.replace) + "\n")
    return 1 if file.problems else 0


def _fields(counts: ImportCounts) -> dict[str, int]:
    return {
        "merged": counts.merged,
        "changed": counts.changed,
        "not_in_library": counts.unknown,
        "saved_searches": counts.saved_searches,
    }


def _summary(counts: ImportCounts, problems: int, replace: bool) -> str:
    verb = "restored" if replace else "merged"
    parts = [f"{counts.changed} changed"]
    if counts.saved_searches:
        parts.append(f"{_count(counts.saved_searches, 'saved search', 'es')} added")
    if counts.unknown:
        unknown = _count(counts.unknown, "article")
        parts.append(f"{unknown} not in this library skipped (index their files first)")
    if problems:
        parts.append(f"{_count(problems, 'problem')} skipped")
    return f"{verb} state of {_count(counts.merged, 'article')}: " + ", ".join(parts)


def _count(n: int, word: str, plural: str = "s") -> str:
    return f"{n} {word}{'' if n == 1 else plural}"
