"""How far a long run is: its phase and its articles done out of those expected.

An ingest run counts the articles it expects before it starts, cheaply (the non-blank lines of
JSON Lines, one per text file; a JSON document's articles as they are read), and corrects the
total as each file is read, so done/total is in articles from the first report. An article is
done once it has passed the run's slowest step per article (analysis when there is one, else
reading); writing the index and merging its segments are named as phases of their own, since
they happen a batch at a time.
"""

from __future__ import annotations

from pathlib import Path

from ..models import ANALYSING, MERGING, READING, WRITING, Progress, Step
from ..record.articles import ArticleStore
from .sources import JSON_LINES_SUFFIXES, path_text

_BLOCK = 1 << 20


def expected_articles(path: Path, store: ArticleStore) -> int:
    """The articles a file should give, without parsing it (corrected as it is read); none when
    it is unchanged since the run that recorded it."""
    try:
        st = path.stat()
    except OSError:
        return 0  # the run reports it when it reads the file
    known = store.file(path_text(path.resolve()))
    if known and (known.size, known.mtime_ns) == (st.st_size, st.st_mtime_ns):
        return 0
    return _lines(path) if path.suffix.lower() in JSON_LINES_SUFFIXES else 1


def _lines(path: Path) -> int:
    lines, last = 0, b"\n"
    try:
        with path.open("rb") as handle:
            while block := handle.read(_BLOCK):
                lines += block.count(b"\n")
                last = block[-1:]
    except OSError:
        return 0
    return lines + (last != b"\n")


class RunProgress:
    """An ingest run's tally of articles, reported as a Step at every change."""

    def __init__(self, report: Progress | None, *, analysing: bool) -> None:
        self._report = report
        self.work = ANALYSING if analysing else READING
        self.phase = self.work
        self.done = self.read = self.total = 0

    def expect(self, articles: int) -> None:
        """Count articles expected before the run reads them."""
        self.total += articles

    def article_read(self) -> None:
        self.read += 1
        if self.read > self.total:  # a JSON document gives more than the one counted for it
            self.total = self.read
            self._emit()

    def file_read(self, expected: int, read: int) -> None:
        """A file is read: its real count replaces what was expected of it."""
        self.total = max(self.total + read - expected, self.read, self.done)
        self._emit()

    def article_done(self) -> None:
        self.done += 1
        self._emit()

    def working(self) -> None:
        """Back to the run's main work (reading, or analysing) after a batch is written."""
        self._enter(self.work)

    def writing(self) -> None:
        """A batch goes into the record and the index."""
        self._enter(WRITING)

    def merging(self) -> None:
        """The index merges the batch in (its commit)."""
        self._enter(MERGING)

    def _enter(self, phase: str) -> None:
        if phase != self.phase:
            self.phase = phase
            self._emit()

    def _emit(self) -> None:
        if self._report:
            self._report(Step(self.phase, self.done, self.total))
