"""The state file `state export` writes and `state import` reads: its schema, checked by hand.

    {"format": "newsreader-state", "version": 2, "exported": 1764626043.5,
     "articles": {ID: {"read": bool, "starred": bool, "archived": bool, "tags": [TAG, ...],
                       "changed": {"read": T, "starred": T, "archived": T, "tags": {TAG: T}}}},
     "saved_searches": {NAME: QUERY}}

T is when the flag or tag last changed, in seconds since 1970; a tag in "changed" but not in
"tags" was removed at that time. Every field but "format" may be missing; a missing time (all of
version 1) counts as older than any change, so it never overrides one that has a time.

Every problem is reported with its path in the file. A file wrong at the top level is refused
whole (`StateFileError`); otherwise each bad flag, tag, time or saved search is skipped alone.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Mapping
from dataclasses import dataclass

from ..text.safe import has_control, quoted, safe_text
from .tags import tag_problem

FORMAT = "newsreader-state"
VERSION = 2
FLAGS = ("read", "starred", "archived")
_TOP_KEYS = frozenset({"format", "version", "exported", "articles", "saved_searches"})
_ARTICLE_KEYS = frozenset({*FLAGS, "tags", "changed"})
_CLOCK_SKEW = 86400.0  # another machine's clock may be ahead by this much


@dataclass(frozen=True, slots=True)
class Stamp:
    """A flag's value (or whether a tag is on) and when it last changed; 0 when unknown."""

    value: bool
    at: float = 0.0


@dataclass(frozen=True, slots=True)
class ArticleChanges:
    """What a state file says of one article."""

    flags: Mapping[str, Stamp]
    tags: Mapping[str, Stamp]


@dataclass(frozen=True, slots=True)
class StateFile:
    """The valid parts of a state file, and one line for each part that was not."""

    articles: Mapping[str, ArticleChanges]
    saved_searches: Mapping[str, str]
    problems: tuple[str, ...] = ()


class StateFileError(ValueError):
    """A state file that cannot be imported at all; `problems` lists every reason."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(problems[0])
        self.problems = tuple(problems)


class _Object(dict):
    """A JSON object that remembers the keys it held more than once."""

    duplicates: tuple[str, ...] = ()


def _object(pairs: list[tuple[str, object]]) -> _Object:
    found = _Object(pairs)
    if len(found) != len(pairs):
        seen: set[str] = set()
        found.duplicates = tuple(k for k, _ in pairs if k in seen or seen.add(k))
    return found


def parse_state(text: str) -> StateFile:
    """The state file's valid contents; StateFileError when the file is wrong at the top level."""
    try:
        data = json.loads(text, object_pairs_hook=_object)
    except json.JSONDecodeError as error:
        raise StateFileError([f"line {error.lineno}: not JSON: {error.msg}"]) from None
    except RecursionError:
        raise StateFileError(["not JSON this program can read: nested too deeply"]) from None
    except ValueError as error:  # e.g. an integer of more than 4,300 digits
        raise StateFileError([f"not JSON this program can read: {error}"]) from None
    problems = _top_problems(data)
    if problems:
        raise StateFileError(problems)
    out: list[str] = []
    articles = {
        key: _article(f"articles[{quoted(key)}]", key, value, out)
        for key, value in data.get("articles", {}).items()
    }
    searches = _saved_searches(data.get("saved_searches", {}), out)
    valid = {k: v for k, v in articles.items() if v is not None}
    return StateFile(valid, searches, tuple(out))


def _top_problems(data: object) -> list[str]:
    if not isinstance(data, dict):
        return [f'expected an object with "format": "{FORMAT}", got {_shown(data)}']
    problems = [f"key {quoted(k)} appears more than once" for k in getattr(data, "duplicates", ())]
    if data.get("format") != FORMAT:
        problems.append(f'format: expected "{FORMAT}", got {_shown(data.get("format"))}')
    version = data.get("version", 1)
    if type(version) is not int or not 1 <= version <= VERSION:
        newer = type(version) is int and version > VERSION
        why = " (written by a newer newsreader)" if newer else ""
        problems.append(f"version: expected 1 or {VERSION}, got {_shown(version)}{why}")
    if "exported" in data and _time_problem(data["exported"]):
        problems.append(f"exported: {_time_problem(data['exported'])}")
    for key in ("articles", "saved_searches"):
        if not isinstance(data.get(key, {}), dict):
            problems.append(f"{key}: expected an object, got {_shown(data[key])}")
    problems += [f"key {quoted(k)}: unknown" for k in data if k not in _TOP_KEYS]
    return problems


def _article(path: str, key: str, value: object, out: list[str]) -> ArticleChanges | None:
    if not key or has_control(key) or _has_surrogate(key):
        out.append(f"{path}: not an article id")
        return None
    if not isinstance(value, dict):
        out.append(f"{path}: expected an object, got {_shown(value)}")
        return None
    if duplicates := getattr(value, "duplicates", ()):  # which one was meant is unknown
        out += [f"{path}: key {quoted(k)} appears more than once" for k in duplicates]
        return None
    out += [f"{path}: key {quoted(k)}: unknown" for k in value if k not in _ARTICLE_KEYS]
    changed = value.get("changed", {})
    if not isinstance(changed, dict):
        out.append(f"{path}.changed: expected an object, got {_shown(changed)}")
        changed = {}
    return ArticleChanges(_flags(path, value, changed, out), _tags(path, value, changed, out))


def _flags(path: str, value: dict, changed: dict, out: list[str]) -> dict[str, Stamp]:
    flags: dict[str, Stamp] = {}
    for flag in FLAGS:
        if flag not in value:
            if flag in changed:
                out.append(f"{path}.changed.{flag}: a time for a flag the article does not set")
            continue
        if not isinstance(value[flag], bool):
            out.append(f"{path}.{flag}: expected true or false, got {_shown(value[flag])}")
            continue
        at = changed.get(flag, 0)
        if problem := _time_problem(at):
            out.append(f"{path}.changed.{flag}: {problem}")
            continue
        flags[flag] = Stamp(value[flag], float(at))
    extra = [k for k in changed if k not in (*FLAGS, "tags")]
    out += [f"{path}.changed: key {quoted(k)}: unknown" for k in extra]
    return flags


def _tags(path: str, value: dict, changed: dict, out: list[str]) -> dict[str, Stamp]:
    present = value.get("tags", [])
    if not isinstance(present, list):
        out.append(f"{path}.tags: expected a list of tag names, got {_shown(present)}")
        present = []
    times = changed.get("tags", {})
    if not isinstance(times, dict):
        out.append(f"{path}.changed.tags: expected an object, got {_shown(times)}")
        times = {}
    tags: dict[str, Stamp] = {}
    for index, name in enumerate(present):
        if problem := _name_problem(name):
            out.append(f"{path}.tags[{index}]: {problem}")
        else:
            tags[name] = Stamp(True, 0.0)
    for name, at in times.items():
        if problem := _name_problem(name) or _time_problem(at):
            out.append(f"{path}.changed.tags[{quoted(name)}]: {problem}")
            tags.pop(name, None)  # a tag without a valid time is not imported half
        else:
            tags[name] = Stamp(name in tags, float(at))
    return tags


def _saved_searches(data: dict, out: list[str]) -> dict[str, str]:
    """name -> query; names and queries are cleaned of control characters, not refused."""
    duplicates = getattr(data, "duplicates", ())
    out += [f"saved_searches: key {quoted(k)} appears more than once" for k in duplicates]
    searches: dict[str, str] = {}
    for name, query in data.items():
        path = f"saved_searches[{quoted(name)}]"
        if name in duplicates:
            continue
        if not isinstance(query, str):
            out.append(f"{path}: expected a query string, got {_shown(query)}")
        elif not name.strip() or not query.strip():
            out.append(f"{path}: the name and the query cannot be empty")
        elif _has_surrogate(name + query):
            out.append(f"{path}: holds a lone surrogate (not text)")
        else:
            searches[" ".join(safe_text(name).split())] = safe_text(query).strip()
    return searches


def _name_problem(name: object) -> str | None:
    if not isinstance(name, str):
        return f"expected a tag name, got {_shown(name)}"
    return tag_problem(name)


def _time_problem(value: object) -> str | None:
    """Why value is not a time in seconds since 1970, or None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return f"expected a time in seconds since 1970, got {_shown(value)}"
    try:
        seconds = float(value)
    except OverflowError:
        seconds = math.inf
    if not math.isfinite(seconds) or seconds < 0:
        return f"expected a time in seconds since 1970, got {_shown(value)}"
    if seconds > time.time() + _CLOCK_SKEW:
        return f"{_shown(value)} is in the future: it would win every later change"
    return None


def _has_surrogate(text: str) -> bool:
    return any("\ud800" <= c <= "\udfff" for c in text)


def _shown(value: object) -> str:
    """A value as the message quotes it: scalars as JSON, containers by kind (they may be deep)."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "null"
    if isinstance(value, str):
        return quoted(value[:40] + ("…" if len(value) > 40 else ""))
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value)[:40]  # NaN and Infinity as JSON spells them


def dumps(data: dict) -> str:
    """The file's text: readable non-ASCII, every control character \\u-escaped."""
    from ..text.safe import escaped_json

    return escaped_json(data, indent=1, sort_keys=True)
