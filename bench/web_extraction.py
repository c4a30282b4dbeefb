"""Score article extraction on ../shared/web: segments kept and boilerplate leaked, per page.

Usage: ``python bench/web_extraction.py [--json] [--web DIR]`` (DIR: ../shared/web by default)

Each page of ``../shared/web/pages`` comes with segments of its article that the text must hold
(``with``) and boilerplate it must not (``without``), as trafilatura's evaluation annotators
chose them (``expected.json``). Two extractions are scored: trafilatura alone, as its ``extract``
returns text by default, and newsreader's (``index/ingest/web/extraction.py``). A segment counts
when it occurs in the text with runs of whitespace taken as one space (extraction may end a
paragraph where the annotators' copy had a space). An empty page file counts as a page with no
article for both.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

WEB = Path(__file__).resolve().parents[1].parent / "shared" / "web"


@dataclass(frozen=True)
class PageScore:
    """One page's figures: segments expected, and how many each extraction kept or leaked."""

    page: str
    empty: bool
    expected_keep: int
    expected_drop: int
    base_kept: tuple[str, ...]
    base_leaked: tuple[str, ...]
    kept: tuple[str, ...]
    leaked: tuple[str, ...]
    source: str  # where newsreader's text came from, or why there was none


def squash(text: str) -> str:
    """Return ``text`` with every run of whitespace as one space."""
    return " ".join(text.split())


def found(segments: Iterable[str], text: str) -> tuple[str, ...]:
    """Return the segments that occur in ``text``, whitespace runs taken as one space."""
    flat = squash(text)
    return tuple(segment for segment in segments if squash(segment) in flat)


def score_page(web: Path, page: str, expected: dict[str, object]) -> PageScore:
    """Extract one page both ways and score what each kept and leaked."""
    import trafilatura

    from newsreader.index.ingest.web.extraction import NoArticle, extract_article

    html = (web / "pages" / page).read_bytes()
    url = str(expected["url"])
    keep, drop = list(expected["with"]), list(expected["without"])  # type: ignore[call-overload]
    base = (trafilatura.extract(html, url=url) or "") if html.strip() else ""
    try:
        extracted = extract_article(html, url=url)
        text, source = extracted.text, extracted.source
    except NoArticle as error:
        text, source = "", f"none: {error.reason}"
    return PageScore(
        page=page,
        empty=not html.strip(),
        expected_keep=len(keep),
        expected_drop=len(drop),
        base_kept=found(keep, base),
        base_leaked=found(drop, base),
        kept=found(keep, text),
        leaked=found(drop, text),
        source=source,
    )


def score_all(web: Path = WEB) -> list[PageScore]:
    """Score every page listed in ``expected.json``, in name order."""
    expected = json.loads((web / "expected.json").read_text(encoding="utf-8"))
    return [score_page(web, page, expected[page]) for page in sorted(expected)]


def figures(kept: int, keep: int, leaked: int, drop: int) -> str:
    """Return ``kept/keep leaked/drop``."""
    return f"{kept}/{keep} {leaked}/{drop}"


def table(scores: list[PageScore]) -> str:
    """Return the per-page figures and the totals as a plain table."""
    lines = [f"{'page':36} {'trafilatura':>15} {'newsreader':>15}  text from"]
    for s in scores:
        base = figures(len(s.base_kept), s.expected_keep, len(s.base_leaked), s.expected_drop)
        ours = figures(len(s.kept), s.expected_keep, len(s.leaked), s.expected_drop)
        lines.append(f"{s.page:36} {base:>15} {ours:>15}  {s.source}")
    usable = [score for score in scores if not score.empty]
    keep = sum(score.expected_keep for score in usable)
    drop = sum(score.expected_drop for score in usable)
    base_kept, base_leaked = (
        sum(len(s.base_kept) for s in usable),
        sum(len(s.base_leaked) for s in usable),
    )
    base = figures(base_kept, keep, base_leaked, drop)
    ours = figures(sum(len(s.kept) for s in usable), keep, sum(len(s.leaked) for s in usable), drop)
    lines.append(f"{f'all {len(usable)} non-empty pages':36} {base:>15} {ours:>15}")
    lines.append("(kept/expected segments, leaked/boilerplate segments)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="one JSON object per page")
    parser.add_argument("--web", type=Path, default=WEB, help="the pages and expected.json")
    args = parser.parse_args(argv)
    if not (args.web / "expected.json").is_file():
        print(f"needs {args.web}; absent here", file=sys.stderr)
        return 2
    scores = score_all(args.web)
    if args.json:
        for score in scores:
            print(json.dumps(asdict(score)))
    else:
        print(table(scores))
    return 0


if __name__ == "__main__":
    sys.exit(main())
