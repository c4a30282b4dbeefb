"""When the reader last closed on a library: what "new since last session" (`+`) counts from.

Kept in the reader's state file (state.json beside the config, see `config`), one time per
library folder, written when the reader closes. A session that never closed cleanly (killed)
leaves the time before it, so what came in during it is still new the next time.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .config import read_state, remember, state_path

_KEY = "sessions"


def last_session(library: Path, path: Path | None = None) -> dt.datetime | None:
    """When the reader last closed on ``library`` (UTC), or None when it never did."""
    stored = _sessions(read_state(state_path(path))).get(_library_key(library))
    if not isinstance(stored, str):
        return None
    try:
        moment = dt.datetime.fromisoformat(stored)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def save_session(library: Path, when: dt.datetime, path: Path | None = None) -> str | None:
    """Remember that the reader closed on ``library`` at ``when``; a message instead of raising."""
    sessions = _sessions(read_state(state_path(path)))
    sessions[_library_key(library)] = when.astimezone(dt.UTC).isoformat(timespec="seconds")
    return remember(_KEY, sessions, path, what="when this session ended")


def _sessions(state: dict[str, object]) -> dict[str, object]:
    sessions = state.get(_KEY)
    return dict(sessions) if isinstance(sessions, dict) else {}


def _library_key(library: Path) -> str:
    return str(library.expanduser().resolve())
