"""An article's date from its page: a footer's "Copyright 2026" or "© 2019" is never taken for
it (htmldate, which trafilatura asks, falls back on a copyright year, or floors dates with it),
through `newsreader index URL` on 127.0.0.1 and `index` of a saved page."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import json_lines, run

PARAGRAPH = (
    "The harbour authority said on Tuesday that the new sea wall would be finished by spring, "
    "two years later than the council had promised when work began on the lower town."
)


def dated_page(byline: str = "", head: str = "", footer: str = "") -> str:
    """A news page with a copyright footer: the date only where ``byline`` or ``head`` put one."""
    paragraphs = "".join(f"<p>{PARAGRAPH} Part {n}.</p>" for n in range(4))
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Sea wall delayed again</title>{head}</head><body>
<nav><a href="/">Home</a> <a href="/about">About us</a></nav>
<article><h1>Sea wall delayed again</h1>{byline}{paragraphs}</article>
<footer><p>Copyright 2026 The Harbour Gazette. All rights reserved.</p>
<p>&copy; 2019 Gazette Media Ltd, 1 Quay Street.</p>{footer}</footer></body></html>"""


def indexed_date(target: str, library: Path) -> str | None:
    done = run("index", target, "--no-analysis", "--json", library=library)
    assert done.returncode == 0, done.stderr
    hits = json_lines(run("search", "sea wall", "--json", library=library).stdout)
    assert len(hits) == 1, hits
    return json_lines(run("show", hits[0]["id"], "--json", library=library).stdout)[0]["date"]


@pytest.mark.parametrize(
    ("byline", "head", "expected"),
    [
        ("", "", None),  # no date anywhere but the copyright lines: none
        ("<p class='byline'>By Jane Doe, March 4, 2025</p>", "", "2025-03-04"),  # in the text
        ("", '<meta property="article:published_time" content="2024-11-05T09:30:00Z">',
         "2024-11-05"),  # in the markup, older than the copyright year
        ("<p>The harbour was founded in 1998.</p>", "", None),  # a lone year is no date
    ],
)  # fmt: skip
def test_a_copyright_year_is_never_the_date_of_an_article_page(
    tmp_path: Path, web_server, byline: str, head: str, expected: str | None
) -> None:
    url = web_server.add("/news/sea-wall", dated_page(byline, head))
    assert indexed_date(url, tmp_path / "library") == expected


def test_a_saved_page_with_a_copyright_footer_has_no_date(tmp_path: Path) -> None:
    saved = tmp_path / "saved" / "sea-wall.html"
    saved.parent.mkdir()
    saved.write_text(dated_page(footer="<p>(c) 2021 Harbour Media</p>"), encoding="utf-8")
    assert indexed_date(str(saved.parent), tmp_path / "library") is None
