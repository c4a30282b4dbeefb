"""`newsreader fetch` on the real news pages of ../shared/web, served from 127.0.0.1 behind an
RSS 2.0 and an Atom feed of our own: each page's article keeps at least the segments trafilatura
alone keeps of it and leaks no more of its boilerplate. A page file of 0 bytes (some are) is one
line on stderr naming its URL, and the fetch goes on with the others."""

from __future__ import annotations

import datetime as dt
import json
from email.utils import format_datetime
from html import escape
from pathlib import Path

import pytest
from cli_helpers import json_lines, run
from web_server import WebServer

ROOT = Path(__file__).resolve().parents[1]
WEB = ROOT.parent / "shared" / "web"
PUBLISHED = dt.datetime(2026, 1, 6, 8, 0, tzinfo=dt.UTC)
RSS_CONTENT = "application/rss+xml; charset=utf-8"
ATOM_CONTENT = "application/atom+xml; charset=utf-8"

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def expected() -> dict[str, dict]:
    if not (WEB / "expected.json").is_file():
        pytest.skip(f"needs the real web pages beside the project ({WEB}); absent here")
    return json.loads((WEB / "expected.json").read_text(encoding="utf-8"))


def rss_feed(server: WebServer, names: list[str]) -> str:
    """RSS 2.0 as news sites write it: a guid that is no permalink, a pubDate, a teaser."""
    items = "".join(
        f"<item><title>{escape(name)}</title><link>{server.url('/pages/' + name)}</link>"
        f'<guid isPermaLink="false">shared-{escape(name)}</guid>'
        f"<pubDate>{format_datetime(PUBLISHED - dt.timedelta(hours=n))}</pubDate>"
        f"<description>The story of {escape(name)}.</description></item>"
        for n, name in enumerate(names)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>Shared pages (RSS)</title><link>{server.base}/</link>"
        f"<description>Real pages</description>{items}</channel></rss>"
    )


def atom_feed(server: WebServer, names: list[str]) -> str:
    """Atom as news sites write it: updated, an HTML summary (escaped), an alternate link."""
    entries = "".join(
        f"<entry><title>{escape(name)}</title>"
        f'<link rel="alternate" type="text/html" href="{server.url("/pages/" + name)}"/>'
        f"<id>tag:127.0.0.1,2026:{escape(name)}</id>"
        f"<updated>{(PUBLISHED - dt.timedelta(hours=n)).isoformat()}</updated>"
        f'<summary type="html">{escape(f"<p>The story of <b>{name}</b>.</p>")}</summary></entry>'
        for n, name in enumerate(names)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Shared pages (Atom)</title><id>tag:127.0.0.1,2026:shared</id>"
        f"<updated>{PUBLISHED.isoformat()}</updated>{entries}</feed>"
    )


def found(segments: list[str], text: str) -> set[str]:
    """The segments in ``text``, runs of whitespace taken as one space (as bench/ scores)."""
    flat = " ".join(text.split())
    return {segment for segment in segments if " ".join(segment.split()) in flat}


def test_fetch_keeps_what_trafilatura_keeps_and_leaks_no_more_and_names_empty_pages(
    tmp_path: Path, web_server: WebServer, expected: dict[str, dict]
) -> None:
    import trafilatura

    names = sorted(expected)
    pages = {name: (WEB / "pages" / name).read_bytes() for name in names}
    for name, html in pages.items():
        web_server.add(f"/pages/{name}", html)
    library = tmp_path / "library"
    feeds = [web_server.add("/rss.xml", rss_feed(web_server, names[::2]), content_type=RSS_CONTENT),
             web_server.add("/atom.xml", atom_feed(web_server, names[1::2]),
                            content_type=ATOM_CONTENT)]  # fmt: skip
    for feed in feeds:
        assert run("feed", "add", feed, library=library).returncode == 0
    done = run("fetch", "--no-analysis", library=library)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    for name, html in pages.items():
        lines = [line for line in done.stderr.splitlines() if f"/pages/{name}" in line]
        if not html.strip():  # one line naming the page's URL and why
            assert len(lines) == 1, (name, done.stderr)
            assert f"{web_server.url(f'/pages/{name}')}: empty page" in lines[0], lines
        else:
            assert lines == [], (name, lines)
    hits = json_lines(run("search", "", "--json", "--limit", "100", library=library).stdout)
    ids = {hit["title"]: hit["id"] for hit in hits}
    worse, kept = [], 0
    for name, html in pages.items():
        if not html.strip():
            continue
        shown = json_lines(run("show", ids[name], "--json", library=library).stdout)[0]
        keep, drop = expected[name]["with"], expected[name]["without"]
        alone = trafilatura.extract(html, url=expected[name]["url"]) or ""
        lost = found(keep, alone) - found(keep, shown["text"])
        leaked = found(drop, shown["text"]) - found(drop, alone)
        kept += len(found(keep, shown["text"]))
        if lost or leaked:
            worse.append((name, sorted(lost), sorted(leaked)))
    assert not worse, worse
    assert kept > 0, "no page file holds an article"
