"""Finding source files and reading them into Article records, never raising for bad input.

Formats: the seed format and plain text/markdown (one article a file, see formats/text), saved
web pages (one article a file, its text extracted: formats/html), JSON Lines and JSON documents
(many articles a file, see formats/json). Every bad input becomes one
Problem naming the file (and line); the rest of the input still comes out.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from ..models import Problem
from .formats.common import (
    MAX_ARTICLE_CHARS,
    SourceRecord,
    decode_bytes,
    encoding_warning,
    too_long_message,
)
from .formats.html import read_html_article
from .formats.json import read_json_file, read_json_lines
from .formats.text import read_text_article

__all__ = [
    "MAX_ARTICLE_CHARS",
    "SUPPORTED_SUFFIXES",
    "SourceRecord",
    "iter_files",
    "read_source",
]

HTML_SUFFIXES = frozenset({".html", ".htm"})
SUPPORTED_SUFFIXES = frozenset(
    {".txt", ".text", ".md", ".markdown", ".json", ".jsonl", ".ndjson", *HTML_SUFFIXES}
)
JSON_LINES_SUFFIXES = frozenset({".jsonl", ".ndjson"})
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
_HTML_STARTS = (b"<!doctype html", b"<html")
SNIFF_BYTES = 8192
# One article is at most MAX_ARTICLE_CHARS chars, so at most 4 bytes each in UTF-8: a bigger
# one-article file is refused before it is read.
MAX_TEXT_FILE_BYTES = 4 * MAX_ARTICLE_CHARS + SNIFF_BYTES
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_ESCAPED_BYTE_RE = re.compile(r"(\\x[0-9a-f]{2})")


def iter_files(paths: Sequence[Path]) -> Iterator[Path | Problem]:
    """Yield the files to read under ``paths``, each once, and a Problem for each bad path.

    Files named explicitly are taken whatever their suffix; directories are walked recursively
    in name order, skipping hidden entries and keeping SUPPORTED_SUFFIXES. Symbolic links are
    followed only while they stay inside the folder given (a warning names each one that leads
    out), and a directory is never entered twice, so link loops end.
    """
    seen_files: set[tuple[int, int]] = set()
    seen_dirs: set[tuple[int, int]] = set()
    for path in paths:
        path = Path(path)
        try:
            info = path.stat()
        except OSError as error:
            yield Problem(path_text(path), _path_error(path, error), scope="unreadable")
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from _walk(path, seen_files, seen_dirs)
        elif not stat.S_ISREG(info.st_mode):
            yield Problem(path_text(path), "not a regular file (a device, pipe or socket); skipped")
        elif _first_time(info, seen_files):
            yield path


def _walk(
    root: Path, seen_files: set[tuple[int, int]], seen_dirs: set[tuple[int, int]]
) -> Iterator[Path | Problem]:
    """Yield supported files under ``root``: each directory's files, then its subdirectories."""
    inside = os.path.realpath(root)
    pending = [root]
    while pending:
        directory = pending.pop()
        try:
            if not _first_time(directory.stat(), seen_dirs):
                continue
            with os.scandir(directory) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError as error:
            reason = f"cannot list directory: {_reason(error)}; its articles are kept"
            yield Problem(path_text(directory), reason, scope="unreadable")
            continue
        subdirectories: list[Path] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                followed = entry.is_dir() or _wanted(path, entry)
                if followed and entry.is_symlink() and (problem := _link_out(path, inside, root)):
                    yield problem
                    continue
                if entry.is_dir():
                    subdirectories.append(path)
                elif _wanted(path, entry) and _first_time(entry.stat(), seen_files):
                    yield path
            except OSError as error:
                yield Problem(path_text(path), f"cannot read: {_reason(error)}", scope="unreadable")
        pending.extend(reversed(subdirectories))


def _link_out(link: Path, inside: str, root: Path) -> Problem | None:
    """A warning when the symbolic link ``link`` leads out of the folder ``inside``, else None.

    Followed out, a link such as ``up -> ..`` would walk the whole parent folder, and files
    reached that way would be recorded under paths no later walk of this folder looks at.
    """
    target = os.path.realpath(link)
    if target == inside or target.startswith(inside.rstrip(os.sep) + os.sep):
        return None
    message = (
        f"symbolic link to {path_text(target)}, outside {path_text(root)}; not followed "
        "(name the target to index it)"
    )
    return Problem(path_text(link), message, fatal=False)


def _wanted(path: Path, entry: os.DirEntry[str]) -> bool:
    """Tell whether a directory entry is a regular file with a supported suffix."""
    return path.suffix.lower() in SUPPORTED_SUFFIXES and entry.is_file()


def path_text(path: Path | str) -> str:
    """Return a path as text that SQLite, JSON and terminals all take, to store and to show.

    A name that is not UTF-8 keeps its undecodable bytes as ``\\xHH`` (``caf\\xe9.txt``):
    Python holds them as lone surrogates, which cannot be encoded. Valid names are unchanged.
    """
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def path_of_text(text: str) -> str:
    """Return the file system path that ``path_text`` turned into ``text`` (its inverse).

    A valid name that happens to hold ``\\x`` and two hex digits reads back as the byte: the
    caller tries ``text`` itself first.
    """
    if "\\x" not in text:
        return text
    parts = _ESCAPED_BYTE_RE.split(text)
    data = b"".join(
        bytes([int(part[2:], 16)]) if index % 2 else part.encode()
        for index, part in enumerate(parts)
    )
    return os.fsdecode(data)


def _first_time(info: os.stat_result, seen: set[tuple[int, int]]) -> bool:
    """Record a file or directory by device and inode; tell whether it was new."""
    identity = (info.st_dev, info.st_ino)
    if identity in seen:
        return False
    seen.add(identity)
    return True


def read_source(path: Path) -> Iterator[SourceRecord | Problem]:
    """Yield every article in the file at ``path`` and a Problem for each bad input in it.

    Never raises for bad input: unreadable, binary, empty, malformed or oversized content
    each become a Problem, and the rest of the file still comes out.
    """
    name = path_text(path)
    try:
        # O_NONBLOCK: opening a named pipe must not wait for a writer; no effect on files.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as error:
        yield Problem(name, _path_error(Path(path), error), scope="unreadable")
        return
    try:
        with os.fdopen(descriptor, "rb") as handle:
            mode = os.fstat(handle.fileno()).st_mode
            if stat.S_ISDIR(mode):
                yield Problem(name, "is a directory, not a file")
            elif not stat.S_ISREG(mode):
                yield Problem(name, "not a regular file (a device, pipe or socket); skipped")
            else:
                yield from _read_open(Path(path), name, handle)
    except OSError as error:
        yield Problem(name, _path_error(Path(path), error), scope="unreadable")


def _read_open(path: Path, name: str, handle: BinaryIO) -> Iterator[SourceRecord | Problem]:
    """Check the start of an open file, then hand it to the reader for its format."""
    head = handle.read(SNIFF_BYTES)
    problem = _head_problem(head)
    suffix = path.suffix.lower()
    is_json = _is_json(suffix, head)
    if problem is None and is_json and head.startswith(_UTF16_BOMS):
        problem = "JSON file is UTF-16 encoded; save it as UTF-8 to read it"
    if problem:
        yield Problem(name, problem)
        return
    handle.seek(0)
    if suffix in JSON_LINES_SUFFIXES:
        yield from read_json_lines(name, handle)
    elif is_json:
        yield from read_json_file(name, handle)  # streamed: arrays can be hundreds of MB
    elif _is_html(suffix, head):
        yield from _read_html(name, handle)
    else:
        yield from _read_text(name, handle)


def _is_html(suffix: str, head: bytes) -> bool:
    """Tell whether a file is read as a web page: by suffix, or for unknown suffixes by content."""
    if suffix in HTML_SUFFIXES:
        return True
    if suffix in TEXT_SUFFIXES:
        return False
    return head.lstrip(b"\xef\xbb\xbf \t\r\n")[:14].lower().startswith(_HTML_STARTS)


def _read_html(name: str, handle: BinaryIO) -> Iterator[SourceRecord | Problem]:
    """Yield the article of a saved web page, its text extracted from the markup."""
    data = _read_whole(handle, limit=MAX_TEXT_FILE_BYTES)
    if isinstance(data, str):
        yield Problem(name, data)
    else:
        yield from read_html_article(name, data)


def _read_text(name: str, handle: BinaryIO) -> Iterator[SourceRecord | Problem]:
    """Yield the one article of a text file, read whole (it is at most one article long)."""
    data = _read_whole(handle, limit=MAX_TEXT_FILE_BYTES)
    if isinstance(data, str):
        yield Problem(name, data)
        return
    decoded, encoding = _decode(data)
    if not decoded.strip():
        yield Problem(name, "file has only whitespace; no article")
        return
    if encoding:
        yield Problem(name, encoding_warning(data, encoding), fatal=False)
    if len(decoded) > MAX_ARTICLE_CHARS:
        yield Problem(name, too_long_message(len(decoded)))
    else:
        yield from read_text_article(name, decoded)


def _head_problem(head: bytes) -> str | None:
    """Return why a file cannot hold articles, judging from its first bytes, or None."""
    if not head:
        return "empty file; no article"
    if b"\x00" in head and not head.startswith(_UTF16_BOMS):
        return "binary file (it contains NUL bytes), not text; skipped"
    return None


def _is_json(suffix: str, head: bytes) -> bool:
    """Tell whether a file is read as JSON: by suffix, or for unknown suffixes by content."""
    if suffix == ".json":
        return True
    if suffix in JSON_LINES_SUFFIXES:
        return True
    if suffix in TEXT_SUFFIXES:
        return False
    return head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[")


def _read_whole(handle: BinaryIO, limit: int) -> bytes | str:
    """Return the whole file, or a message when it is bigger than ``limit`` bytes."""
    size = os.fstat(handle.fileno()).st_size
    if size > limit:
        return (
            f"file is {size:,} bytes, too big for one article "
            f"(limit {MAX_ARTICLE_CHARS:,} characters); skipped"
        )
    return handle.read()


def _decode(data: bytes) -> tuple[str, str | None]:
    """Decode a whole file; UTF-16 with a byte order mark is read as such."""
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            pass
    return decode_bytes(data)


def _path_error(path: Path, error: OSError) -> str:
    """Return a short human message for a path that cannot be opened or examined."""
    if isinstance(error, FileNotFoundError):
        if path.is_symlink():
            return "broken symbolic link (its target does not exist)"
        return "no such file or directory"
    if error.errno == errno.ELOOP:
        return "symbolic link loop (the link leads back to itself); skipped"
    if isinstance(error, IsADirectoryError):
        return "is a directory, not a file"
    return f"cannot read: {_reason(error)}"


def _reason(error: OSError) -> str:
    """Return the OS reason for an error in lowercase words ("permission denied")."""
    if error.errno == errno.EACCES:
        return "permission denied"
    return (error.strerror or str(error)).lower()
