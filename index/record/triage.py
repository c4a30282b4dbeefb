"""Triage state, query history and saved searches, in the library's SQLite database.

State is keyed by the stable article id, so it survives re-indexing and duplicate origins,
and every change is committed at once, so a killed session loses nothing.

Each flag and each tag carries the time it last changed (a removed tag stays as a row with
`present = 0`, a tombstone), so that merging state from another machine keeps the newer change
of each (see `state_file` for the file and `merge_wins` for the rule).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Mapping

from ..models import ArticleState, ImportCounts
from ..text.safe import safe_text
from .articles import transaction
from .state_file import (
    FLAGS,
    FORMAT,
    VERSION,
    ArticleChanges,
    Stamp,
    StateFile,
    StateFileError,
    parse_state,
)
from .tags import check_tag

SCHEMA = """
CREATE TABLE IF NOT EXISTS state (
    article_id TEXT PRIMARY KEY,
    read INTEGER NOT NULL DEFAULT 0,
    starred INTEGER NOT NULL DEFAULT 0,
    archived INTEGER NOT NULL DEFAULT 0,
    updated REAL NOT NULL DEFAULT 0,
    read_at REAL NOT NULL DEFAULT 0,
    starred_at REAL NOT NULL DEFAULT 0,
    archived_at REAL NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS tags (
    article_id TEXT NOT NULL,
    tag TEXT NOT NULL,
    present INTEGER NOT NULL DEFAULT 1,
    changed REAL NOT NULL DEFAULT 0,
    PRIMARY KEY (article_id, tag)
);
CREATE INDEX IF NOT EXISTS tags_tag ON tags(tag);
CREATE TABLE IF NOT EXISTS history (query TEXT PRIMARY KEY, used REAL NOT NULL);
CREATE TABLE IF NOT EXISTS saved_searches (name TEXT PRIMARY KEY, query TEXT NOT NULL);
"""

# Libraries written before flags had times: a set flag is dated by its row's last change; an
# unset one, and every tag, counts as never changed (time 0), so no merge loses what one kept.
_MIGRATIONS = {
    "state": [
        *(f"ALTER TABLE state ADD COLUMN {f}_at REAL NOT NULL DEFAULT 0" for f in FLAGS),
        *(f"UPDATE state SET {f}_at = updated WHERE {f} = 1" for f in FLAGS),
    ],
    "tags": [
        "ALTER TABLE tags ADD COLUMN present INTEGER NOT NULL DEFAULT 1",
        "ALTER TABLE tags ADD COLUMN changed REAL NOT NULL DEFAULT 0",
    ],
}
_NEW_COLUMN = {"state": "read_at", "tags": "present"}

Changes = Mapping[str, ArticleChanges]


def merge_wins(incoming: Stamp, stored: Stamp) -> bool:
    """Whether an incoming flag or tag replaces the stored one: the newer change wins; at the
    same time (both unknown, say) a set flag or a present tag wins, as the older merge did."""
    if incoming == stored:
        return False
    return incoming.at > stored.at or (
        incoming.at == stored.at and incoming.value and not stored.value
    )


class StateStore:
    """Read and write triage flags, tags, history and saved searches."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        conn.executescript(SCHEMA)
        for table, statements in _MIGRATIONS.items():
            if not self._has_column(table, _NEW_COLUMN[table]):
                self._migrate(table, statements)

    def _has_column(self, table: str, column: str) -> bool:
        return any(r[1] == column for r in self.conn.execute(f"PRAGMA table_info({table})"))

    def _migrate(self, table: str, statements: list[str]) -> None:
        with transaction(self.conn):
            if not self._has_column(table, _NEW_COLUMN[table]):  # another process was first
                for statement in statements:
                    self.conn.execute(statement)

    def states(self, ids: Iterable[str]) -> dict[str, ArticleState]:
        ids = list(ids)
        flags: dict[str, tuple[int, int, int]] = {}
        tags: dict[str, list[str]] = {}
        for chunk in _chunks(ids, 500):
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(
                f"SELECT article_id, read, starred, archived FROM state"
                f" WHERE article_id IN ({marks})",
                chunk,
            ):
                flags[row[0]] = row[1:]
            for article_id, tag in self.conn.execute(
                f"SELECT article_id, tag FROM tags WHERE article_id IN ({marks}) AND present"
                " ORDER BY tag",
                chunk,
            ):
                tags.setdefault(article_id, []).append(tag)
        return {
            i: ArticleState(*(bool(f) for f in flags.get(i, (0, 0, 0))), tuple(tags.get(i, ())))
            for i in ids
        }

    def set_flag(self, ids: Iterable[str], flag: str, value: bool) -> None:
        """Set a flag; its time changes only where its value does."""
        if flag not in FLAGS:
            raise ValueError(f"unknown flag {flag!r}")
        now = time.time()
        with transaction(self.conn):
            self.conn.executemany(
                f"INSERT INTO state (article_id, {flag}, {flag}_at, updated) VALUES (?, ?, ?, ?)"
                f" ON CONFLICT(article_id) DO UPDATE SET {flag} = excluded.{flag},"
                f" {flag}_at = excluded.{flag}_at, updated = excluded.updated"
                f" WHERE {flag} != excluded.{flag}",
                ((i, int(value), now, now) for i in ids),
            )

    def add_tag(self, ids: Iterable[str], tag: str) -> None:
        """Put a tag on articles; TagError when the name is outside the tag alphabet."""
        self._set_tag(ids, check_tag(tag), True)

    def remove_tag(self, ids: Iterable[str], tag: str) -> None:
        self._set_tag(ids, tag, False)

    def _set_tag(self, ids: Iterable[str], tag: str, present: bool) -> None:
        now = time.time()
        with transaction(self.conn):
            if present:
                self.conn.executemany(
                    "INSERT INTO tags (article_id, tag, present, changed) VALUES (?, ?, 1, ?)"
                    " ON CONFLICT(article_id, tag) DO UPDATE SET present = 1,"
                    " changed = excluded.changed WHERE NOT present",
                    ((i, tag, now) for i in ids),
                )
            else:  # a tombstone, so the removal outlives a merge with an older tagging
                self.conn.executemany(
                    "UPDATE tags SET present = 0, changed = ?"
                    " WHERE article_id = ? AND tag = ? AND present",
                    ((now, i, tag) for i in ids),
                )

    def tags(self) -> list[str]:
        rows = self.conn.execute("SELECT DISTINCT tag FROM tags WHERE present ORDER BY tag")
        return [r[0] for r in rows]

    def restore(self, states: dict[str, ArticleState]) -> None:
        """Put back earlier states (undo): each flag or tag that differs changes now."""
        now = time.time()
        with transaction(self.conn):
            current = self.states(states)
            for i, wanted in states.items():
                self._apply(i, _difference(current[i], wanted, now))

    def ids_where(self, flag: str, value: bool) -> set[str]:
        """Ids whose flag is set to value; ids with no row count as all flags unset."""
        if flag not in FLAGS:
            raise ValueError(f"unknown flag {flag!r}")
        rows = self.conn.execute(f"SELECT article_id FROM state WHERE {flag} = ?", (int(value),))
        return {r[0] for r in rows}

    def ids_tagged(self, tag: str) -> set[str]:
        rows = self.conn.execute("SELECT article_id FROM tags WHERE tag = ? AND present", (tag,))
        return {r[0] for r in rows}

    def carry(self, old_id: str, new_id: str) -> None:
        """Give an edited article's new version the state of the old one, unless it has its own.

        Runs inside the caller's transaction; the times go with the values."""
        old = self.states([old_id])[old_id]
        if old != ArticleState() and self.states([new_id])[new_id] == ArticleState():
            self._apply(new_id, self._stamps([old_id])[old_id])

    # History and saved searches -------------------------------------------------------------
    def history(self, limit: int = 100) -> list[str]:
        rows = self.conn.execute("SELECT query FROM history ORDER BY used DESC LIMIT ?", (limit,))
        return [r[0] for r in rows]

    def add_history(self, query: str) -> None:
        query = query.strip()
        if query:
            with transaction(self.conn):
                self.conn.execute(
                    "INSERT OR REPLACE INTO history (query, used) VALUES (?, ?)",
                    (query, time.time()),
                )

    def save_search(self, name: str, query: str) -> None:
        """Save a query under a name; control characters in either are replaced, never kept."""
        with transaction(self.conn):
            self.conn.execute(
                "INSERT OR REPLACE INTO saved_searches (name, query) VALUES (?, ?)",
                (safe_text(name), safe_text(query)),
            )

    def delete_saved_search(self, name: str) -> None:
        with transaction(self.conn):
            self.conn.execute("DELETE FROM saved_searches WHERE name = ?", (name,))

    def saved_searches(self) -> list[tuple[str, str]]:
        rows = self.conn.execute("SELECT name, query FROM saved_searches ORDER BY name")
        return [(r[0], r[1]) for r in rows]

    # Export and import ------------------------------------------------------------------------
    def export(self) -> dict:
        """Everything a user set by hand, with the time of each change, as JSON-able data."""
        ids = {r[0] for r in self.conn.execute("SELECT article_id FROM state")}
        ids |= {r[0] for r in self.conn.execute("SELECT article_id FROM tags")}
        stamps = self._stamps(sorted(ids))
        return {
            "format": FORMAT,
            "version": VERSION,
            "exported": time.time(),
            "articles": {i: _exported(c) for i, c in stamps.items()},
            "saved_searches": dict(self.saved_searches()),
        }

    def import_text(self, text: str, *, replace: bool = False) -> tuple[StateFile, ImportCounts]:
        """Check a state file and import its valid parts; StateFileError when it is wrong at the
        top level, or has any problem at all for a wholesale restore."""
        file = parse_state(text)
        if replace and file.problems:
            problems = [*file.problems, "--replace restores only a file without problems"]
            raise StateFileError(problems)
        return file, self.import_file(file, replace=replace)

    def import_file(self, file: StateFile, *, replace: bool = False) -> ImportCounts:
        """Merge a state file (the newer change wins), or with `replace` make the triage state
        exactly the file's. Ids this library does not hold are counted, not stored. One
        transaction: a failure leaves the state as it was."""
        with transaction(self.conn):
            known = self._known(file.articles)
            before = self._stamps(known)
            if replace:
                for table in ("state", "tags", "saved_searches"):
                    self.conn.execute(f"DELETE FROM {table}")
            stored = self._stamps(known) if replace else before
            changed = 0
            for i in known:
                winners = _winners(file.articles[i], stored[i])
                changed += _visible(winners, before[i])
                self._apply(i, winners)
            searches = self._merge_searches(file.saved_searches)
        unknown = len(file.articles) - len(known)
        return ImportCounts(len(known), changed, unknown, searches)

    def _known(self, ids: Iterable[str]) -> list[str]:
        ids = list(ids)
        found: set[str] = set()
        for chunk in _chunks(ids, 500):
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(f"SELECT id FROM articles WHERE id IN ({marks})", chunk)
            found |= {r[0] for r in rows}
        return [i for i in ids if i in found]

    def _merge_searches(self, searches: Mapping[str, str]) -> int:
        """Add the saved searches this library lacks (a name here keeps its query)."""
        added = 0
        for name, query in searches.items():
            added += self.conn.execute(
                "INSERT OR IGNORE INTO saved_searches (name, query) VALUES (?, ?)", (name, query)
            ).rowcount
        return added

    def _stamps(self, ids: Iterable[str]) -> dict[str, ArticleChanges]:
        """Every stored flag and tag of ids with its time; flags without a row are unset at 0."""
        ids = list(ids)
        flags = {i: {f: Stamp(False) for f in FLAGS} for i in ids}
        tags: dict[str, dict[str, Stamp]] = {i: {} for i in ids}
        for chunk in _chunks(ids, 500):
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(
                "SELECT article_id, read, read_at, starred, starred_at, archived, archived_at"
                f" FROM state WHERE article_id IN ({marks})",
                chunk,
            ):
                flags[row[0]] = {
                    f: Stamp(bool(row[1 + 2 * n]), row[2 + 2 * n]) for n, f in enumerate(FLAGS)
                }
            for article_id, tag, present, changed in self.conn.execute(
                f"SELECT article_id, tag, present, changed FROM tags WHERE article_id IN ({marks})",
                chunk,
            ):
                tags[article_id][tag] = Stamp(bool(present), changed)
        return {i: ArticleChanges(flags[i], tags[i]) for i in ids}

    def _apply(self, article_id: str, changes: ArticleChanges) -> None:
        """Write these flags and tags, with their times, over what is stored."""
        for flag, stamp in changes.flags.items():
            self.conn.execute(
                f"INSERT INTO state (article_id, {flag}, {flag}_at, updated) VALUES (?, ?, ?, ?)"
                f" ON CONFLICT(article_id) DO UPDATE SET {flag} = excluded.{flag},"
                f" {flag}_at = excluded.{flag}_at, updated = max(updated, excluded.updated)",
                (article_id, int(stamp.value), stamp.at, stamp.at),
            )
        self.conn.executemany(
            "INSERT INTO tags (article_id, tag, present, changed) VALUES (?, ?, ?, ?)"
            " ON CONFLICT(article_id, tag) DO UPDATE SET present = excluded.present,"
            " changed = excluded.changed",
            ((article_id, tag, int(s.value), s.at) for tag, s in changes.tags.items()),
        )


def _winners(incoming: ArticleChanges, stored: ArticleChanges) -> ArticleChanges:
    """The incoming flags and tags that win over the stored ones."""
    absent = Stamp(False)
    return ArticleChanges(
        {f: s for f, s in incoming.flags.items() if merge_wins(s, stored.flags[f])},
        {t: s for t, s in incoming.tags.items() if merge_wins(s, stored.tags.get(t, absent))},
    )


def _visible(winners: ArticleChanges, stored: ArticleChanges) -> bool:
    """Whether the winners change a value someone sees (not only a time)."""
    absent = Stamp(False)
    return any(s.value != stored.flags[f].value for f, s in winners.flags.items()) or any(
        s.value != stored.tags.get(t, absent).value for t, s in winners.tags.items()
    )


def _difference(current: ArticleState, wanted: ArticleState, at: float) -> ArticleChanges:
    """The flags and tags that turn current into wanted, changed at `at`."""
    flags = {f: Stamp(getattr(wanted, f), at) for f in FLAGS}
    tags = set(current.tags) ^ set(wanted.tags)
    return ArticleChanges(
        {f: s for f, s in flags.items() if s.value != getattr(current, f)},
        {t: Stamp(t in wanted.tags, at) for t in tags},
    )


def _exported(changes: ArticleChanges) -> dict:
    entry: dict = {f: s.value for f, s in changes.flags.items()}
    entry["tags"] = sorted(t for t, s in changes.tags.items() if s.value)
    times: dict = {f: s.at for f, s in changes.flags.items() if s.at}
    if tag_times := {t: s.at for t, s in sorted(changes.tags.items()) if s.at}:
        times["tags"] = tag_times
    if times:
        entry["changed"] = times
    return entry


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
