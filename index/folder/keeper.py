"""The library's search index over its life in one process: opened on first use and caught up
with the record, searched, rebuilt when a search or a write finds it damaged (under the write
lock), closed. Writers are handed `healing.HealingWrites`, searches go through `healing`.

What is done at each step is `upkeep`'s; this holds the one open engine and the locks around it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from ..faults import problem_line
from ..search.port import EngineError, IndexDamaged
from .upkeep import catch_up, open_engine, open_read_only, rebuild, rebuild_waits
from .writelock import WriteLock

if TYPE_CHECKING:
    from ..record.articles import ArticleStore
    from ..search.port import EngineOpener, SearchEngine

T = TypeVar("T")


class IndexKeeper:
    """The open search index of one library, and what it says about itself in ``notices``."""

    def __init__(
        self,
        library: Path,
        opener: EngineOpener,
        store: ArticleStore,
        notices: list[str],
        *,
        write_lock: WriteLock,
        writes: threading.RLock,
        read_only: bool,
        record_created: bool,
    ) -> None:
        self.folder = library / "index"
        self.opener = opener
        self.record_created = record_created  # library.db is new: an old index is not its own
        self._store = store
        self._write_lock = write_lock
        self._notices = notices
        self._writes = writes  # the library's writers' turn: a rebuild waits for it
        self._read_only = read_only
        self._engine: SearchEngine | None = None
        self._opening = threading.Lock()

    @property
    def engine(self) -> SearchEngine:
        """The index, opened (and caught up with the record) on first use."""
        if self._engine is None:
            self.open()
        assert self._engine is not None
        return self._engine

    def open(self) -> None:
        """Open the index now, if it is not open yet: as it is for a read-only library, else
        healed and caught up with the record when no other process is writing it."""
        with self._opening:
            if self._engine is not None:
                return
            if self._read_only:  # as it is: neither healed nor caught up
                self._engine = open_read_only(self.opener, self.folder, self._store, self._notices)
                return
            engine, notice = open_engine(
                self.opener, self.folder, self._store, record_created=self.record_created,
                writing=self._rebuilding,
            )  # fmt: skip
            if notice:
                self._notices.append(notice)
            self._engine = engine
            with self._write_lock.held_if_free("catch-up") as free:
                if free:  # else the writer publishes what it committed; a reader never waits
                    self._catch_up(engine)

    def _catch_up(self, engine: SearchEngine) -> None:
        try:
            catch_up(self._store, engine, self._notices)
        except EngineError as error:  # a writer of an older version, without the lock
            self._notices.append(f"{error}: recent articles may not be searchable yet")
        except Exception as error:  # a fault of the record: reading works without it
            if (line := problem_line(error, self.folder.parent)) is None:
                raise
            self._notices.append(f"{line}: recent articles are not searchable yet")

    def healing(self, search: Callable[[SearchEngine], T]) -> T:
        """A search of the engine; when it failed on a damaged index, again after a rebuild."""
        try:
            return search(self.engine)
        except IndexDamaged as damage:
            self.rebuild(str(damage))
            return search(self.engine)

    def _rebuilding(self) -> AbstractContextManager[object]:
        """The library's write lock, as `reindex` takes it, around replacing the index: a writer
        in another process may have the old one open. Whom it waits for goes to the notices."""
        if self._read_only:  # nothing can be written, the lock file included
            return nullcontext()
        return self._write_lock.held("rebuild", on_wait=rebuild_waits(self._notices))

    def rebuild(self, damage: str) -> None:
        """Replace a damaged index by one built from the record, saying so in the notices."""
        with self._rebuilding(), self._writes, self._opening:
            self._engine = rebuild(
                self.opener, self.folder, self._store, self._engine, self._notices, damage
            )

    def close(self) -> None:
        if self._engine is not None:
            self._engine.close()
