"""`newsreader analyze FILE...`: annotations of files without indexing them.

Offsets are into the article text as the file was decoded, before normalisation (for
one-article files, from the start of the file; for JSON records, into their "text" value),
so that they can be checked against other annotations of the same file.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsreader.index.ingest.normalize import normalize
from newsreader.index.ingest.sources import SourceRecord, iter_files, read_source
from newsreader.index.models import ANALYSING, LOADING, Analysis, Problem, Progress, Step

from .output import console, error, plain, print_json_lines, say_problem
from .progress_view import progress_view

if TYPE_CHECKING:
    from newsreader.index.analysis.pipeline import Analyzer


def analyze(args: argparse.Namespace) -> int:
    """Print entities, claims and quotes of every article in the given files."""
    with progress_view(json_lines=args.json) as progress:
        progress(Step(LOADING, 0, None))
        analyzer = _analyzer()
        if analyzer is None:
            return 1
        records, failed = _records(args.paths)
        analyses = analyzer.analyze_many((r.article.text for r in records), n_process=1)
        counted = _counted(analyses, len(records), progress)
        rows = (annotations(r, a) for r, a in zip(records, counted, strict=True))
        if args.json:
            print_json_lines(rows)
        else:
            _print(rows)
    return 1 if failed else 0


def _analyzer() -> Analyzer | None:
    """The analyzer, or None having said what to install."""
    from newsreader.index.analysis.runtime.nlp import (
        INSTALL_HINT,
        NO_SPACY,
        load_nlp,
        missing_analysis,
    )

    nlp = load_nlp()
    if nlp is None:
        missing = "spaCy, which is not installed" if missing_analysis() == NO_SPACY else (
            "a spaCy English model, and none is installed"
        )  # fmt: skip
        error(f"analyze needs {missing}: {INSTALL_HINT}")
        return None
    from newsreader.index.analysis.pipeline import Analyzer  # needs spaCy

    return Analyzer(nlp)


def _records(paths: list[Path]) -> tuple[list[SourceRecord], int]:
    """Every article of the files, and how many inputs failed (each said on stderr)."""
    failed = 0
    records: list[SourceRecord] = []
    for item in iter_files(paths):
        if isinstance(item, Problem):
            say_problem(item)
            failed += item.fatal
            continue
        for record in read_source(item):
            if isinstance(record, Problem):
                say_problem(record)
                failed += record.fatal
            else:
                records.append(record)
    return records, failed


def _counted(analyses: Iterator[Analysis], total: int, progress: Progress) -> Iterator[Analysis]:
    for done, analysis in enumerate(analyses, 1):
        progress(Step(ANALYSING, done, total))
        yield analysis


def annotations(record: SourceRecord, analysis: Analysis) -> dict[str, Any]:
    """The JSON object of one analysed article, offsets mapped back to the raw text."""
    _, index = normalize(record.raw_text)
    base = record.raw_start

    def span(start: int, end: int) -> tuple[int, int]:
        return base + index[start], base + index[end - 1] + 1

    def located(start: int, end: int) -> dict[str, int]:
        s, e = span(start, end)
        return {"start": s, "end": e}

    origin = record.article.origin
    row: dict[str, Any] = {"path": origin.path if origin else None}
    if origin and origin.key:
        row.update(key=origin.key, line=origin.line)
    row["title"] = record.article.title
    row["entities"] = [
        {"text": e.text, "label": e.label, **located(e.start, e.end), "canonical": e.canonical}
        for e in analysis.entities
    ]
    row["claims"] = [
        {"text": c.text, **located(c.start, c.end), "value": c.value, "hedge": c.hedge,
         "unit": c.unit, "shown": c.shown}
        for c in analysis.claims
    ]  # fmt: skip
    row["quotes"] = [_quote(q, span) for q in analysis.quotes]
    return row


def _quote(quote, span) -> dict[str, Any]:
    start, end = span(quote.start, quote.end)
    speaker = (
        span(quote.speaker_start, quote.speaker_end)
        if quote.speaker_start is not None and quote.speaker_end is not None
        else (None, None)
    )
    return {
        "text": quote.text,
        "start": start,
        "end": end,
        "spans": [list(span(s, e)) for s, e in quote.spans],
        "speaker": quote.speaker,
        "speaker_start": speaker[0],
        "speaker_end": speaker[1],
        "speaker_rule": quote.speaker_rule,
    }


def _print(rows) -> None:
    out = console()
    for row in rows:
        out.print(plain(f"{row['path']}  {row['title']}", "bold"))
        for q in row["quotes"]:
            out.print(plain(f"  quote  {q['speaker'] or 'unknown speaker'}: “{q['text']}”"))
        for c in row["claims"]:
            hedge = f"{c['hedge']} " if c["hedge"] else ""
            unit = c["unit"] or ""
            counted = f" {unit}" if unit and unit != "%" and not unit.isupper() else ""  # £, %
            out.print(plain(f"  claim  {c['text']}  = {hedge}{c['shown']}{counted}"))
        names = sorted({f"{e['canonical']} ({e['label']})" for e in row["entities"]})
        out.print(plain("  entities  " + "; ".join(names), "dim"))
