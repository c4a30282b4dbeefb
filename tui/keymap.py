"""The user's configuration: key remapping from config.toml and remembered layout state.

`~/.config/newsreader/config.toml` (platformdirs' user config dir; the NEWSREADER_CONFIG
environment variable names another file, for tests) may hold a `[keys]` table mapping binding
ids to key strings, e.g. `quit = "x,ctrl+c"`, and a `theme` (e.g. "ansi-dark" for a 16-colour
terminal). Layout state (the split ratio, the theme last picked in the palette) is remembered in
`state.json` beside that file so the user's config is never rewritten; a theme named in the
config file wins over the remembered one.
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
    theme: str | None = None
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
    """Read keys and theme from the config file, split and theme from the state file; never
    raises."""
    path = path or config_path()
    data, problem = _read_toml(path)
    keys, key_problem = _keys(data, path)
    theme = data.get("theme")
    if theme is not None and not isinstance(theme, str):
        problem, theme = problem or f"{path}: theme must be a string", None
    state = _read_state(state_path(path))
    split = state.get("split", DEFAULT_SPLIT)
    remembered = state.get("theme")
    return Config(
        keys=keys,
        split=clamp_split(split) if isinstance(split, int) else DEFAULT_SPLIT,
        theme=theme or (remembered if isinstance(remembered, str) else None),
        problem=problem or key_problem,
    )


def _read_toml(path: Path) -> tuple[dict, str | None]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8")), None
    except FileNotFoundError:
        return {}, None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return {}, f"{path}: ignored, {error}"


def _keys(data: dict, path: Path) -> tuple[dict[str, str], str | None]:
    """The [keys] table as {binding id: keys}, and a message when it can't be used."""
    table = data.get("keys", {})
    if not isinstance(table, dict):
        return {}, f"{path}: [keys] must be a table"
    keys = {str(k): str(v).replace(" ", "") for k, v in table.items() if isinstance(v, str)}
    bad = sorted(str(k) for k, v in table.items() if not isinstance(v, str))
    return keys, (f"{path}: keys must be strings: {', '.join(bad)}" if bad else None)


def _read_state(path: Path) -> dict:
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def clamp_split(value: int) -> int:
    """The split percentage kept within usable bounds."""
    return max(MIN_SPLIT, min(MAX_SPLIT, value))


def save_split(split: int, path: Path | None = None) -> str | None:
    """Remember the split ratio; returns an error message instead of raising."""
    return _remember("split", clamp_split(split), path)


def save_theme(theme: str, path: Path | None = None) -> str | None:
    """Remember the theme picked in the palette; returns an error message instead of raising."""
    return _remember("theme", theme, path)


def _remember(key: str, value: object, path: Path | None) -> str | None:
    target = state_path(path)
    state = _read_state(target)
    state[key] = value
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(state), encoding="utf-8")
    except OSError as error:
        return f"could not save {key}: {error}"
    return None
