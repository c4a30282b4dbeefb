"""Progress of `index`, `reindex` and `analyze` on stderr: the phase, articles done/total, rate.

On a terminal it is a rich progress bar (cleared when the command ends); otherwise a plain line
at each change of phase and every few seconds, or with `--json` the same as JSON objects
(`{"progress": PHASE, "done": N, "total": N, "rate": N}`), so stderr stays JSON Lines.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

from newsreader.index.models import Progress, Step

from .stopping import check as check_stop

PLAIN_EVERY = 2.0  # seconds between two plain lines of the same phase


@contextmanager
def progress_view(*, json_lines: bool = False, quiet: bool = False) -> Iterator[Progress]:
    """A Progress callback drawing on stderr for the duration of the block (with ``quiet``,
    one that draws nothing but still lets a stop signal through)."""
    if quiet:
        yield lambda step: check_stop()
        return
    if sys.stderr.isatty() and not json_lines:
        with _bar() as report:
            yield report
        return
    yield _Lines(json_lines)


def counts(step: Step, rate: float | None) -> str:
    """`1,234/5,678 articles, 42/s`, or as much of it as is known ("" before any count); a
    fetch's `3/10 feeds, 25 new articles, 4.2/s` (the rate of new articles)."""
    if not step.done and step.total is None and step.new is None:
        return ""
    text = f"{step.done:,}/{step.total:,}" if step.total else f"{step.done:,}"
    text += f" {step.unit}"
    if step.new is not None:
        text += f", {step.new:,} new article{'' if step.new == 1 else 's'}"
    if not rate:
        return text
    return f"{text}, {rate:,.0f}/s" if rate >= 10 else f"{text}, {rate:.1f}/s"


def _counted(step: Step) -> int:
    """What the rate is of: articles done, or a fetch's new articles."""
    return step.new if step.new is not None else step.done


class _Rate:
    """Articles per second from the first article done (not counting start-up, such as loading
    the model), over the whole run rather than a jittery window."""

    def __init__(self) -> None:
        self.first: tuple[int, float] | None = None

    def of(self, done: int) -> float | None:
        now = time.monotonic()
        if self.first is None:
            if done:
                self.first = (done, now)
            return None
        first_done, since = self.first
        elapsed = now - since
        return (done - first_done) / elapsed if elapsed >= 1 and done > first_done else None


@contextmanager
def _bar() -> Iterator[Progress]:
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from .output import console

    bar = Progress(
        TextColumn("{task.description:<17}"), BarColumn(), TextColumn("{task.fields[counts]}"),
        TimeElapsedColumn(), transient=True, console=console(stderr=True),
    )  # fmt: skip
    task = bar.add_task("starting", total=None, counts="")
    rate = _Rate()

    def report(step: Step) -> None:
        check_stop()
        bar.update(
            task, description=step.phase, completed=step.done, total=step.total or None,
            counts=counts(step, rate.of(_counted(step))),
        )  # fmt: skip

    with bar:
        yield report


class _Lines:
    """Plain or JSON lines: one at each change of phase, else one every PLAIN_EVERY seconds."""

    def __init__(self, json_lines: bool) -> None:
        self.json_lines = json_lines
        self.rate = _Rate()
        self.last: Step | None = None
        self.at = 0.0

    def __call__(self, step: Step) -> None:
        check_stop()
        now = time.monotonic()
        if step == self.last or (
            self.last is not None and step.phase == self.last.phase
            and now - self.at < PLAIN_EVERY and step.done != step.total
        ):  # fmt: skip
            return
        self.last, self.at = step, now
        per_second = self.rate.of(_counted(step))
        if self.json_lines:
            row = {"progress": step.phase, "done": step.done, "total": step.total,
                   "rate": round(per_second, 1) if per_second else None}  # fmt: skip
            if step.new is not None:  # a fetch: done and total count feeds
                row.update(unit=step.unit, new=step.new)
            sys.stderr.write(json.dumps(row) + "\n")
        else:
            text = counts(step, per_second)
            sys.stderr.write(f"{step.phase}: {text}\n" if text else f"{step.phase}\n")
        sys.stderr.flush()
