"""The library folder on disk: private to its user, and opened read-only where it must be."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path


def private_folder(path: Path) -> None:
    """Create the library folder, or tighten one of the user's, to 0700; and make everything
    this process writes private whatever the umask, including the files Whoosh and its writer
    processes (which inherit the umask) create."""
    os.umask(os.umask(0o077) | 0o077)
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    info = path.stat()
    if info.st_uid == os.getuid() and info.st_mode & 0o077 and not read_only_reason(path):
        os.chmod(path, 0o700)


def read_only_reason(folder: Path) -> str | None:
    """Why the library folder cannot be written, or None when it can."""
    if os.statvfs(folder).f_flag & os.ST_RDONLY:
        return f"{folder} is on a read-only filesystem"
    db = folder / "library.db"
    if not os.access(folder, os.W_OK) or (db.exists() and not os.access(db, os.W_OK)):
        return f"{folder} is not writable by you"
    return None


def connect_read_only(path: Path) -> sqlite3.Connection:
    """The record opened read-only. A library in WAL mode needs its -shm file, which SQLite
    cannot create on a read-only filesystem: then it is opened as immutable."""
    uri = path.resolve().as_uri()
    for flags in ("mode=ro", "mode=ro&immutable=1"):
        conn = sqlite3.connect(
            f"{uri}?{flags}", uri=True, timeout=30, check_same_thread=False, isolation_level=None
        )
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.OperationalError:
            conn.close()
    raise sqlite3.OperationalError(f"unable to open {path} read-only")
