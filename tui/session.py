"""When the reader last closed on a library: what "new since last session" (`+`) counts from.

Kept in the reader's state file (state.json beside the config, see `config`), one time per
library folder, written when the reader closes. A session that never closed cleanly (killed)
leaves the time before it, so what came in during it is still new the next time.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from .config import state_path, write_private

_KEY = "sessions"


def last_session(library: Path, path: Path | None = None) -> dt.datetime | None:
    """When the reader last closed on ``library`` (UTC), or None when it never did."""
    stored = _sessions(_state(state_path(path))).get(_library_key(library))
    if not isinstance(stored, str):
        return None
    try:
        moment = dt.datetime.fromisoformat(stored)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def save_session(library: Path, when: dt.datetime, path: Path | None = None) -> str | None:
    """Remember that the reader closed on ``library`` at ``when``; a message instead of raising."""
    target = state_path(path)
    state = _state(target)
    sessions = _sessions(state)
    sessions[_library_key(library)] = when.astimezone(dt.UTC).isoformat(timespec="seconds")
    state[_KEY] = sessions
    try:
        write_private(target, json.dumps(state))
    except OSError as error:
        return f"could not save when this session ended: {error}"
    return None


def _state(target: Path) -> dict[str, object]:
    try:
        state = json.loads(target.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def _sessions(state: dict[str, object]) -> dict[str, object]:
    sessions = state.get(_KEY)
    return dict(sessions) if isinstance(sessions, dict) else {}


def _library_key(library: Path) -> str:
    return str(library.expanduser().resolve())
