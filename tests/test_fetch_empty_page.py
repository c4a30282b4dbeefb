"""A feed entry whose page is empty (0 bytes) or holds no article: one line on stderr naming
the page's URL and why, the entry's own text stored instead, and the fetch goes on."""

from __future__ import annotations

from pathlib import Path

from cli_helpers import json_lines, run
from feed_helpers import RSS_CONTENT
from web_server import WebServer


def feed(server: WebServer, paths: list[str]) -> str:
    items = "".join(
        f"<item><title>Story {n}</title><link>{server.url(path)}</link><guid>story-{n}</guid>"
        f"<description>The feed's own words about story {n}, a teaser.</description></item>"
        for n, path in enumerate(paths)
    )
    body = f"<rss version='2.0'><channel><title>Teasers</title>{items}</channel></rss>"
    return server.add("/teasers.xml", body, content_type=RSS_CONTENT)


def test_an_empty_page_is_one_line_naming_its_url_and_the_fetch_goes_on(
    tmp_path: Path, web_server: WebServer
) -> None:
    from web_pages import article_page

    empty = web_server.add("/empty.html", b"")
    menu = web_server.add("/menu.html", "<html><body><nav><a href='/'>Home</a></nav></body></html>")
    web_server.add("/good.html", article_page())
    library = tmp_path / "library"
    assert run("feed", "add", feed(web_server, ["/empty.html", "/menu.html", "/good.html"]),
               library=library).returncode == 0  # fmt: skip
    done = run("fetch", "--no-analysis", library=library)
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stderr.splitlines() if "127.0.0.1" in line]
    assert sorted(lines) == [
        f"warning: {empty}: empty page; no article: stored the feed's own text instead",
        f"warning: {menu}: no article text found in the page: stored the feed's own text instead",
    ], done.stderr
    titles = {
        row["title"] for row in json_lines(run("search", "", "--json", library=library).stdout)
    }
    assert titles == {"Story 0", "Story 1", "Story 2"}
