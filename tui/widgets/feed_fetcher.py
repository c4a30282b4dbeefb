"""New articles for the reader: fetching the due feeds (one run at a time, in a thread worker),
and noticing what another process (`newsreader fetch` from cron, an `index`) publishes.

The widget draws nothing; it owns the worker and tells the screen what happens with messages
(progress, the end of a run, new articles in the record), so the screen shows it in the status
line and lists the new articles as they arrive while the reader stays usable. The fetch runs on
a library of its own (its own SQLite connection and index writer, as a second process would):
the reader's connection then sees its commits as any other process's, and a triage key pressed
meanwhile never lands inside the fetch's transaction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget
from textual.worker import get_current_worker

from newsreader.index.faults import LibraryError

from ..display.fetch_notices import Notice, finished_notices, progress_line

if TYPE_CHECKING:
    from newsreader.index.folder.writelock import Holder
    from newsreader.index.library import Library
    from newsreader.index.models import Step

# `R` on every screen (articles, each view, a speaker's quotes, an article opened from a view):
# the fetch belongs to the app, not to the screen shown. One id, so one remap moves them all.
FETCH_BINDING = Binding("R", "app.fetch_feeds", "Fetch feeds", show=False, id="main.fetch")
WATCH_EVERY = 2.0  # seconds between two looks at the record for another process's commits


class FetchStopped(Exception):
    """The reader is closing: the fetch stops at its next step (what it committed stays)."""


class FeedFetcher(Widget):
    """Runs `Library.fetch` for the due feeds in a worker and watches the record for commits
    made elsewhere; reports both with messages."""

    DEFAULT_CSS = """
    FeedFetcher {
        display: none;
    }
    """

    class Progress(Message):
        """The run moved on: ``line`` says where it is, for the status line."""

        def __init__(self, fetcher: FeedFetcher, line: str) -> None:
            super().__init__()
            self.fetcher, self.line = fetcher, line

        @property
        def control(self) -> FeedFetcher:
            """The fetcher whose run this is."""
            return self.fetcher

    class Finished(Message):
        """The run ended: what to say about it."""

        def __init__(self, fetcher: FeedFetcher, notices: list[Notice]) -> None:
            super().__init__()
            self.fetcher, self.notices = fetcher, notices

        @property
        def control(self) -> FeedFetcher:
            """The fetcher whose run ended."""
            return self.fetcher

    class Arrived(Message):
        """Someone (the running fetch, or another process) committed to the library."""

        def __init__(self, fetcher: FeedFetcher) -> None:
            super().__init__()
            self.fetcher = fetcher

        @property
        def control(self) -> FeedFetcher:
            """The fetcher that noticed."""
            return self.fetcher

    def __init__(self, library: Library, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.library = library
        self.running = False
        self._commits: int | None = None

    def on_mount(self) -> None:
        self._look()  # the first look: what is committed from now on is new
        self.set_interval(WATCH_EVERY, self._look)

    @work(thread=True, exclusive=True, group="watch", exit_on_error=False)
    def _look(self) -> None:
        """Post Arrived when another connection committed since the last look (off the event
        loop: the record's connection may be busy with a search for a moment)."""
        try:
            commits = self.library.others_commits()
        except LibraryError:
            return  # the library is closing, or damaged: the search says so
        if self._commits is not None and commits != self._commits:
            self.post_message(self.Arrived(self))
        self._commits = commits

    def fetch(self) -> bool:
        """Start fetching the due feeds; False when a fetch is running already."""
        if self.running:
            return False
        self.running = True
        self.post_message(self.Progress(self, "fetching feeds\u2026"))
        self._run()
        return True

    @work(thread=True, exclusive=True, group="fetch", exit_on_error=False)
    def _run(self) -> None:
        from newsreader.index.library import Library

        report, failure, notices = None, None, []
        try:
            with Library.open(self.library.path, defer_index=True) as library:
                notices = library.notices
                report = library.fetch(progress=self._progress, on_wait=self._waiting)
        except FetchStopped:
            return
        except LibraryError as error:  # read-only, damaged, a full disk
            failure = str(error)
        except Exception as error:  # the reader stays up, whatever the run met
            failure = f"the fetch stopped: {type(error).__name__}: {error}"
        finally:
            self.running = False
        self.post_message(self.Finished(self, finished_notices(report, failure, notices)))

    def on_feed_fetcher_finished(self, event: Finished) -> None:
        """Say what the run did, as toasts; the message goes on up to clear the status line."""
        for notice in event.notices:
            severity = "warning" if notice.warning else "information"
            self.notify(notice.message, title=notice.title, severity=severity, timeout=10)

    def _progress(self, step: Step) -> None:
        if get_current_worker().is_cancelled:
            raise FetchStopped
        self.post_message(self.Progress(self, progress_line(step)))

    def _waiting(self, holder: Holder) -> None:
        line = f"fetch waits for another {holder.describe()} to finish"
        self.post_message(self.Progress(self, line))
