"""The user's configuration: key remapping from config.toml and remembered layout state.

`~/.config/newsreader/config.toml` (platformdirs' user config dir; the NEWSREADER_CONFIG
environment variable names another file, for tests) may hold a `[keys]` table mapping binding
ids to key strings, e.g. `quit = "x,ctrl+c"`. Layout state (the split ratio) is remembered in
`state.json` beside that file so the user's config is never rewritten.
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_SPLIT = 40  # percent of the width given to the results list
MIN_SPLIT, MAX_SPLIT = 20, 80


@dataclass(frozen=True, slots=True)
class Config:
    """Key overrides by binding id, the split ratio, and a message if the file was unreadable."""

    keys: dict[str, str] = field(default_factory=dict)
    split: int = DEFAULT_SPLIT
    problem: str | None = None


def config_path() -> Path:
    """The config file: NEWSREADER_CONFIG if set, else config.toml in the user config dir."""
    override = os.environ.get("NEWSREADER_CONFIG")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir("newsreader")) / "config.toml"


def state_path(config: Path | None = None) -> Path:
    """Where layout state lives: state.json beside the config file."""
    return (config or config_path()).with_name("state.json")


def load_config(path: Path | None = None) -> Config:
    """Read keys from the config file and the split from the state file; never raises."""
    path = path or config_path()
    keys, problem = _read_keys(path)
    return Config(keys=keys, split=_read_split(state_path(path)), problem=problem)


def _read_keys(path: Path) -> tuple[dict[str, str], str | None]:
    """The [keys] table as {binding id: keys}, and a message when the file can't be used."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return {}, f"{path}: ignored, {error}"
    table = data.get("keys", {})
    if not isinstance(table, dict):
        return {}, f"{path}: [keys] must be a table"
    keys = {str(k): str(v).replace(" ", "") for k, v in table.items() if isinstance(v, str)}
    bad = sorted(str(k) for k, v in table.items() if not isinstance(v, str))
    return keys, (f"{path}: keys must be strings: {', '.join(bad)}" if bad else None)


def _read_split(path: Path) -> int:
    """The remembered split percentage, clamped, or the default."""
    try:
        value = json.loads(path.read_text(encoding="utf-8")).get("split", DEFAULT_SPLIT)
    except (OSError, ValueError, AttributeError):
        return DEFAULT_SPLIT
    return clamp_split(value) if isinstance(value, int) else DEFAULT_SPLIT


def clamp_split(value: int) -> int:
    """The split percentage kept within usable bounds."""
    return max(MIN_SPLIT, min(MAX_SPLIT, value))


def save_split(split: int, path: Path | None = None) -> str | None:
    """Remember the split ratio; returns an error message instead of raising."""
    target = state_path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps({"split": clamp_split(split)}), encoding="utf-8")
    except OSError as error:
        return f"could not save layout: {error}"
    return None
