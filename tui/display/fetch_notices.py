"""What the reader says about a fetch of the feeds: the status line while it runs, the notices
when it ends (a summary, then the feeds that failed and why: one line each, never a traceback)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsreader.index.models import FetchReport, Step

SHOWN_PROBLEMS = 8  # lines of problems in the notice; `newsreader feed list` has them all


@dataclass(frozen=True, slots=True)
class Notice:
    """One toast: its title, its text, and whether it warns."""

    title: str
    message: str
    warning: bool = False


def progress_line(step: Step) -> str:
    """The status line's words for a fetch step: "fetching: 3/10 feeds · 12 new"."""
    if step.total is None and not step.done:
        line = step.phase  # "loading the analysis model"
    else:
        of = f"/{step.total}" if step.total is not None else ""
        line = f"{step.phase}: {step.done}{of} {step.unit}"
    return line + (f" \u00b7 {step.new} new" if step.new else "")


def finished_notices(
    report: FetchReport | None, failure: str | None, notices: list[str]
) -> list[Notice]:
    """The summary of a fetch (or why it did not run), its problems and the library's notices."""
    said = [Notice("library", notice) for notice in notices]
    if report is None:
        return [Notice("fetch", failure or "the fetch did not run", True), *said]
    feeds = report.fetched + report.unchanged + report.failed
    if not feeds and not report.not_due:
        summary = "no feeds to fetch: subscribe with `newsreader feed add URL`"
    elif not feeds:
        summary = f"no feed is due ({report.not_due} fetched lately)"
    else:
        summary = (
            f"{report.new} new, {report.updated} updated from {feeds} feed{'s' * (feeds != 1)}"
            f" ({report.unchanged} unchanged, {report.failed} failed)"
        )
    result = [Notice("fetched", summary, report.failed > 0)]
    if report.problems:
        lines = [f"{problem.path}: {problem.message}" for problem in report.problems]
        more = len(lines) - SHOWN_PROBLEMS
        shown = lines[:SHOWN_PROBLEMS] + ([f"and {more} more"] if more > 0 else [])
        title = f"{len(lines)} problem{'s' * (len(lines) != 1)}"
        result.append(Notice(title, "\n".join(shown), True))
    return result + said
