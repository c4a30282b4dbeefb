"""The user's configuration: key remapping from config.toml and remembered layout state.

`~/.config/newsreader/config.toml` (platformdirs' user config dir; the NEWSREADER_CONFIG
environment variable names another file, for tests) may hold a `[keys]` table mapping binding
ids to key strings, e.g. `"app.quit" = "x,ctrl+c"`, a `theme` (e.g. "ansi-dark" for a 16-colour
terminal), a `mouse` mode (see MOUSE_MODES) and the search `engine` ("whoosh", the default, or
"tantivy"; the reader and every command open libraries with it, see `engine_setting`). Layout
state (the split ratio, the theme last picked in the palette) is remembered in `state.json`
beside that file so the user's config is never rewritten; a theme named in the config file wins
over the remembered one. The folder is made private (0700) and the state file 0600: they say
what the user reads.
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_SPLIT = 40  # percent of the width given to the results list
MIN_SPLIT, MAX_SPLIT = 20, 80
# "auto": every motion reported on a local terminal, clicks only over SSH (each pointer move
# would otherwise cross the link); "clicks": presses and releases; "off": no mouse at all.
MOUSE_MODES = ("auto", "on", "clicks", "off")
DEFAULT_MOUSE = "auto"
CONFIG_KEYS = frozenset({"keys", "theme", "mouse", "engine"})


@dataclass(frozen=True, slots=True)
class Config:
    """Key overrides by binding id, the split ratio, and a message if the file was unreadable."""

    keys: dict[str, str] = field(default_factory=dict)
    split: int = DEFAULT_SPLIT
    theme: str | None = None
    mouse: str = "auto"
    engine: str | None = None  # None: the engine that built each library's index
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
    """Read keys, theme and mouse from the config file, split and theme from the state file;
    never raises. Every problem found is named in `problem`, one per line."""
    path = path or config_path()
    data, problem = _read_toml(path)
    problems = [problem] if problem else []
    unknown = sorted(set(data) - CONFIG_KEYS)
    if unknown:
        known = ", ".join(sorted(CONFIG_KEYS))
        problems.append(f"{path}: unknown setting {', '.join(unknown)} (known: {known})")
    keys, key_problem = _keys(data, path)
    theme = data.get("theme")
    if theme is not None and not isinstance(theme, str):
        problems.append(f"{path}: theme must be a string")
        theme = None
    mouse = data.get("mouse", DEFAULT_MOUSE)
    if mouse not in MOUSE_MODES:
        problems.append(f"{path}: mouse must be one of {', '.join(MOUSE_MODES)}, not {mouse!r}")
        mouse = DEFAULT_MOUSE
    engine, engine_problem = _engine(data, path)
    if engine_problem:
        problems.append(engine_problem)
    state = read_state(state_path(path))
    split = state.get("split", DEFAULT_SPLIT)
    remembered = state.get("theme")
    return Config(
        keys=keys,
        split=clamp_split(split) if isinstance(split, int) else DEFAULT_SPLIT,
        theme=theme or (remembered if isinstance(remembered, str) else None),
        mouse=mouse,
        engine=engine,
        problem="\n".join([*problems, *([key_problem] if key_problem else [])]) or None,
    )


def engine_setting(path: Path | None = None) -> tuple[str | None, str | None]:
    """The search engine the config file names (None when it names none or a wrong one), and
    the problem with it: what the commands read, without the reader's other settings."""
    path = path or config_path()
    data, _ = _read_toml(path)
    return _engine(data, path)


def _engine(data: dict, path: Path) -> tuple[str | None, str | None]:
    from newsreader.index.search.engines import ENGINES

    engine = data.get("engine")
    if engine is None or engine in ENGINES:
        return engine, None
    known = ", ".join(ENGINES)
    return None, f"{path}: engine must be one of {known}, not {engine!r} (the index's own is used)"


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


def read_state(path: Path) -> dict:
    """The reader's state file (what it remembers between sessions), {} when unreadable."""
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
    return remember("split", clamp_split(split), path)


def save_theme(theme: str, path: Path | None = None) -> str | None:
    """Remember the theme picked in the palette; returns an error message instead of raising."""
    return remember("theme", theme, path)


def remember(key: str, value: object, path: Path | None, what: str | None = None) -> str | None:
    """Keep ``value`` under ``key`` in the state file; a message saying what (``what``, else the
    key) could not be saved, instead of raising."""
    target = state_path(path)
    state = read_state(target)
    state[key] = value
    try:
        write_private(target, json.dumps(state))
    except OSError as error:
        return f"could not save {what or key}: {error}"
    return None


def write_private(target: Path, text: str) -> None:
    """Write text to target, the file 0600 in a folder 0700 whatever the umask."""
    folder = target.parent
    if not folder.is_dir():
        folder.mkdir(mode=0o700, parents=True)
        folder.chmod(0o700)  # mkdir's mode is cut by the umask
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        os.fchmod(handle.fileno(), 0o600)  # an older file may have been created wider
        handle.write(text)
