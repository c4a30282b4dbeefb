"""Malformed URLs given to the commands that take them, or found in feeds and pages: each is
one line naming the URL (escaped), the rest of the run goes on, and nothing stored is lost.

Through the installed entry point, against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import SEEDS, json_lines, run
from web_pages import article_page
from web_server import article_page as news_page

pytestmark = pytest.mark.slow  # newsreader processes

# A URL as typed -> how its line reads after the URL (escaped as printed).
BAD = {
    "http://[::1": "not a valid URL (invalid IPv6 URL)",
    "http://exa mple.com/": "not a valid URL (bad host name 'exa mple.com')",
    "http://localhost:99999/": "not a valid URL (port out of range 0-65535)",
    "http://localhost:0/": "not a valid URL (port 0)",
    "ftp://x/": "only http and https URLs are fetched, not ftp: URLs",
    "http://": "no host in the URL",
    "http://a\x01b/": "not a valid URL (it holds control characters)",
    "http://a\nb/": "not a valid URL (it holds control characters)",
    "http://xn--/": "not a valid URL (malformed a-label, no punycode eligible content found)",
}


def shown(url: str) -> str:
    return url.replace("\n", "\\n").replace("\x01", "\\x01")


def test_index_names_each_bad_url_and_stores_the_good_page_and_file(
    tmp_path: Path, web_server
) -> None:
    library = tmp_path / "library"
    seed = sorted(SEEDS.glob("*.txt"))[0]
    assert run("index", str(seed), "--no-analysis", library=library).returncode == 0
    good = web_server.add("/news/sea-wall", article_page())
    done = run("index", *BAD, good, "--no-analysis", library=library)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    for url, reason in BAD.items():
        assert f"{shown(url)}: {reason}".lower() in [line.lower() for line in lines], url
    assert lines[-1] == (
        f"1 added, 0 updated, 0 unchanged, 0 removed, 0 duplicates, {len(BAD)} failed, 0 warnings"
    )
    rows = json_lines(run("search", "--json", library=library).stdout)
    assert len(rows) == 2  # the seed indexed before, and the good page


@pytest.mark.parametrize("url", list(BAD))
def test_feed_add_of_a_bad_url_is_one_line(tmp_path: Path, url: str) -> None:
    done = run("feed", "add", url, library=tmp_path / "library")
    assert (done.returncode, done.stderr.lower()) == (
        1, f"newsreader: {shown(url)}: {BAD[url]}\n".lower()
    )  # fmt: skip


def test_a_redirect_to_a_bad_url_is_one_line_naming_the_url_asked_for(
    tmp_path: Path, web_server
) -> None:
    broken = web_server.add("/moved", redirect="http://[::1/x")
    spaced = web_server.add("/spaced", redirect="http://exa mple.com/x")
    good = web_server.add("/news/sea-wall", article_page())
    done = run("index", broken, spaced, good, "--no-analysis", library=tmp_path / "library")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.splitlines()[-3:-1] == [
        f"{broken}: redirected to an invalid URL (invalid port: ':1')",
        f"{spaced}: redirected to http://exa mple.com/x: not a valid URL (bad host name "
        "'exa mple.com')",
    ]
    assert "1 added" in done.stderr


def test_fetch_stores_entries_with_bad_links_from_the_feed_saying_so(
    tmp_path: Path, web_server
) -> None:
    good = web_server.add("/good", article_page())
    links = ["http://localhost:99999/a", "http://exa mple.com/b", "ftp://x/c", "http://xn--/d",
             "javascript:alert(1)"]  # fmt: skip
    items = "".join(
        f"<item><title>Entry {n}</title><link>{link}</link><guid>e{n}</guid>"
        f"<description>The harbour story number {n}.</description></item>"
        for n, link in enumerate(links)
    )
    items += f"<item><title>Good</title><link>{good}</link><guid>good</guid></item>"
    feed = web_server.add(
        "/feed.xml",
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Odd links</title>{items}'
        "</channel></rss>",
        content_type="application/rss+xml",
    )
    library = tmp_path / "library"
    assert run("feed", "add", feed, library=library).returncode == 0
    done = run("fetch", "--no-analysis", library=library)
    assert done.returncode == 0 and "Traceback" not in done.stderr
    warnings = [line for line in done.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == len(links)
    for link, line in zip(links, warnings, strict=True):
        assert line.startswith(f"warning: {link}: ")
        assert line.endswith(": stored the feed's own text instead")
    assert done.stderr.splitlines()[-1].endswith("articles: 6 new, 0 updated")
    rows = {
        row["title"]: row for row in json_lines(run("search", "--json", library=library).stdout)
    }
    assert [rows[f"Entry {n}"]["url"] for n in range(len(links))] == [None] * len(links)
    assert rows["Good"]["url"] == "https://gazette.example/news/sea-wall"  # its canonical
    again = run("fetch", "--force", "--no-analysis", library=library)
    assert "warning:" not in again.stderr  # the entries are unchanged: not read again


def test_a_page_naming_a_bad_canonical_url_is_stored_under_its_own(
    tmp_path: Path, web_server
) -> None:
    page = news_page("Sea wall delayed", ["The sea wall is late again, the council said."] * 3,
                     canonical="http://localhost:99999/sea-wall")  # fmt: skip
    url = web_server.add("/news/sea-wall", page)
    library = tmp_path / "library"
    assert run("index", url, "--no-analysis", library=library).returncode == 0
    assert json_lines(run("search", "--json", library=library).stdout)[0]["url"] == url


def test_feed_import_skips_bad_urls_one_line_each(tmp_path: Path) -> None:
    outlines = "".join(f'<outline text="f{n}" xmlUrl="{url}"/>'
                       for n, url in enumerate(["http://[::1", "http://xn--/",
                                                "http://127.0.0.1:9/ok.xml"]))  # fmt: skip
    opml = tmp_path / "feeds.opml"
    opml.write_text(f'<?xml version="1.0"?><opml version="2.0"><body>{outlines}</body></opml>')
    library = tmp_path / "library"
    done = run("feed", "import", str(opml), library=library)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.splitlines()[:2] == [
        f"warning: {opml}: http://[::1: not a valid URL (invalid IPv6 URL)",
        f"warning: {opml}: http://xn--/: not a valid URL (malformed A-label, no Punycode "
        "eligible content found)",
    ]
    listed = json_lines(run("feed", "list", "--json", library=library).stdout)
    assert [row["url"] for row in listed] == ["http://127.0.0.1:9/ok.xml"]
