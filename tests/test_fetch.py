"""`newsreader feed` and `fetch` through the command line, against real HTTP on 127.0.0.1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from feed_helpers import PAGES, serve_news
from web_server import article_page

from newsreader.index.library import Library
from newsreader.tui.cli.main import main


def run(capsys, library: Path, *args: str) -> tuple[int, str, str]:
    status = main([*args, "--library", str(library)])
    out, err = capsys.readouterr()
    return status, out, err


def subscribe_all(capsys, library: Path, feeds: dict[str, str]) -> None:
    for url in feeds.values():
        assert run(capsys, library, "feed", "add", url)[0] == 0


@pytest.fixture
def news(web_server, tmp_path, capsys):
    feeds = serve_news(web_server)
    library = tmp_path / "lib"
    subscribe_all(capsys, library, feeds)
    return web_server, feeds, library


def listed(capsys, library: Path) -> dict[str, dict]:
    status, out, _ = run(capsys, library, "search", "--json", "--limit", "100")
    assert status == 0
    return {row["title"]: row for row in map(json.loads, out.splitlines())}


def test_fetch_stores_every_entry_from_its_page(news, capsys):
    server, _, library = news
    status, _, err = run(capsys, library, "fetch", "--no-analysis")
    assert status == 0, err
    assert err.splitlines()[-1] == (
        "feeds: 4 fetched, 0 unchanged, 0 failed; articles: 6 new, 0 updated"
    )
    rows = listed(capsys, library)
    assert set(rows) == {title for title, _ in PAGES.values()} | {"Power cut on the east side"}
    ferry = rows["Council approves new ferry terminal"]
    assert ferry["source"] == "Harbour Gazette"
    assert ferry["url"] == server.url("/news/ferry-terminal")  # utm_* stripped
    assert ferry["date"] == "2026-01-06" and ferry["added"]
    assert rows["Bridge reopens after repairs"]["date"] == "2026-01-06"  # Atom <updated>
    library_hours = rows["Library extends its opening hours"]
    assert library_hours["url"] == server.url("/relative/library-hours.html")
    assert rows["Market day moves to Saturday"]["date"] is None
    with Library.open(library) as lib:
        text = lib.article(ferry["id"]).text
        assert "\u201cThe ferries bring the jobs.\u201d" in text  # the page's, not the summary
        assert "Most read" not in text and "Cookie settings" not in text
        power = lib.article(rows["Power cut on the east side"]["id"])
        assert power.date is None and power.url is None
        assert '"We expect power back by noon," said' in power.text  # the entry's own text


def test_show_json_names_the_url_source_and_time_added(news, capsys):
    _, _, library = news
    run(capsys, library, "fetch", "--no-analysis")
    row = listed(capsys, library)["Fishing quotas cut by a fifth"]
    status, out, _ = run(capsys, library, "show", row["id"], "--json")
    shown = json.loads(out)
    assert status == 0
    assert (shown["url"], shown["source"], shown["added"]) == (row["url"], row["source"],
                                                                row["added"])  # fmt: skip


def test_a_second_fetch_waits_until_due_and_force_costs_304s(news, capsys):
    server, _, library = news
    run(capsys, library, "fetch", "--no-analysis")
    requests = len(server.requests)
    status, _, err = run(capsys, library, "fetch", "--no-analysis")
    assert status == 0 and len(server.requests) == requests  # nothing due within the hour
    assert "(4 not due)" in err
    status, out, _ = run(capsys, library, "fetch", "--force", "--no-analysis", "--json")
    assert json.loads(out.splitlines()[-1]) == {
        "feeds_fetched": 0, "feeds_unchanged": 4, "feeds_failed": 0, "feeds_not_due": 0,
        "articles_new": 0, "articles_updated": 0,
    }  # fmt: skip
    again = server.requests[requests:]
    assert sorted(seen.path for seen in again) == sorted(
        ["/rss.xml", "/atom.xml", "/relative/feed.xml", "/notes/feed.xml"]
    )  # 304 for each feed, and no page asked for again
    assert all("if-none-match" in seen.headers for seen in again)


def test_a_changed_entry_is_updated_in_place_keeping_its_state(news, capsys):
    server, _, library = news
    run(capsys, library, "fetch", "--no-analysis")
    old = listed(capsys, library)["Bridge reopens after repairs"]
    with Library.open(library) as lib:
        lib.set_starred([old["id"]], True)
        lib.add_tag([old["id"]], "roads")
    title, paragraphs = PAGES["/valley/bridge-reopens"]
    server.add(
        "/valley/bridge-reopens",
        article_page(title, [*paragraphs, "Update: a weight limit of 7.5 tonnes applies."]),
    )
    atom = server.routes["/atom.xml"]
    atom.body = atom.body.replace(b"2026-01-06T09:00:00Z", b"2026-01-06T15:00:00Z")
    status, _, err = run(capsys, library, "fetch", "--force", "--no-analysis")
    assert status == 0
    assert "articles: 0 new, 1 updated" in err
    new = listed(capsys, library)["Bridge reopens after repairs"]
    assert new["id"] != old["id"] and new["added"] == old["added"]
    with Library.open(library) as lib:
        assert "weight limit" in lib.article(new["id"]).text
        assert lib.article(old["id"]) is None
        state = lib.states([new["id"]])[new["id"]]
        assert state.starred and "roads" in state.tags
        assert lib.search("weight limit").total == 1


def test_one_article_under_several_links_is_stored_once(web_server, tmp_path, capsys):
    page = article_page(*PAGES["/news/fishing-quotas"],
                        canonical=web_server.url("/news/fishing-quotas"))  # fmt: skip
    web_server.add("/news/fishing-quotas", page)
    web_server.add("/amp/fishing-quotas", page)
    items = "".join(
        f"<item><title>Fishing quotas cut by a fifth</title><guid>{guid}</guid>"
        f"<link>{web_server.url(link)}</link></item>"
        for guid, link in [("a", "/news/fishing-quotas?fbclid=x1"), ("b", "/amp/fishing-quotas"),
                           ("c", "/news/fishing-quotas?gclid=7&amp;utm_campaign=z")]
    )  # fmt: skip
    feed = f"<rss version='2.0'><channel><title>Dupes</title>{items}</channel></rss>"
    url = web_server.add("/dupes.xml", feed, content_type="application/rss+xml")
    library = tmp_path / "lib"
    assert run(capsys, library, "feed", "add", url) == (0, "", f"subscribed to Dupes: {url}\n")
    status, _, err = run(capsys, library, "fetch", "--no-analysis")
    assert status == 0 and "articles: 1 new" in err
    rows = listed(capsys, library)
    assert list(rows) == ["Fishing quotas cut by a fifth"]
    assert rows["Fishing quotas cut by a fifth"]["url"] == web_server.url("/news/fishing-quotas")


def test_failed_feeds_are_one_line_each_and_the_rest_is_fetched(news, capsys):
    server, _, library = news
    broken = {
        "/status/404": "HTTP 404 Not Found",
        "/status/500": "HTTP 500 Internal Server Error",
        "/malformed.xml": "malformed XML (line 4: mismatched tag)",
        "/bomb/entities.xml": "refused: it declares XML entities (an entity-expansion bomb?)",
        "/bomb/gzip": "too large (over 10 MB once decompressed)",
        "/loop/a": "redirect loop",
    }
    outlines = "".join(f'<outline text="broken {n}" xmlUrl="{server.url(path)}"/>'
                       for n, path in enumerate(broken))  # fmt: skip
    with Library.open(library, defer_index=True) as lib:  # imported: not fetched when added
        lib.subscriptions.import_opml(f"<opml><body>{outlines}</body></opml>".encode(), "x")
    status, _, err = run(capsys, library, "fetch", "--no-analysis")
    assert status == 1
    failures = [line for line in err.splitlines() if line.startswith("http")]
    assert len(failures) == len(broken)
    for path, reason in broken.items():
        assert any(line.startswith(f"{server.url(path)}: {reason}") for line in failures), path
    assert err.splitlines()[-1] == (
        "feeds: 4 fetched, 0 unchanged, 6 failed; articles: 6 new, 0 updated"
    )
    status, out, _ = run(capsys, library, "feed", "list", "--json")
    errors = {row["url"]: row["last_error"] for row in map(json.loads, out.splitlines())}
    assert errors[server.url("/status/404")] == "HTTP 404 Not Found"
    assert errors[server.url("/rss.xml")] is None


def test_quiet_prints_only_failures(news, capsys):
    server, _, library = news
    status, out, err = run(capsys, library, "fetch", "--no-analysis", "--quiet")
    assert (status, out, err) == (0, "", "")
    server.routes["/rss.xml"].status = 500
    status, out, err = run(capsys, library, "fetch", "--force", "--no-analysis", "--quiet")
    assert status == 1 and out == ""
    assert err == f"{server.url('/rss.xml')}: HTTP 500 Internal Server Error\n"


def test_an_unknown_feed_is_a_usage_error(news, capsys):
    _, _, library = news
    status, _, err = run(capsys, library, "fetch", "nosuchfeed")
    assert status == 2
    assert err == "newsreader: nosuchfeed: no feed with this URL or name " \
                  "(`newsreader feed list` shows them)\n"  # fmt: skip


def test_fetch_by_name_fetches_only_that_feed(news, capsys):
    server, _, library = news
    before = len(server.requests)
    status, _, err = run(capsys, library, "fetch", "valley observer", "--no-analysis")
    assert status == 0 and "articles: 1 new" in err
    assert [seen.path for seen in server.requests[before:]] == [
        "/atom.xml",
        "/valley/bridge-reopens",
    ]


def test_a_removed_article_stays_removed(news, capsys):
    _, _, library = news
    run(capsys, library, "fetch", "--no-analysis")
    assert run(capsys, library, "remove", "ferry", "--yes")[0] == 0
    status, _, err = run(capsys, library, "fetch", "--force", "--no-analysis")
    assert status == 0 and "articles: 0 new" in err
    assert "Council approves new ferry terminal" not in listed(capsys, library)


def test_a_windows_1252_page_is_read_in_its_charset(web_server, tmp_path, capsys):
    url = web_server.add("/cafe.xml", "<rss version='2.0'><channel><title>Caf\u00e9</title><item>"
                         f"<title>Prices</title><link>{web_server.url('/cp1252.html')}</link>"
                         "</item></channel></rss>", content_type="application/rss+xml")  # fmt: skip
    library = tmp_path / "lib"
    assert run(capsys, library, "feed", "add", url)[0] == 0
    assert run(capsys, library, "fetch", "--no-analysis")[0] == 0
    row = listed(capsys, library)["Prices"]
    with Library.open(library) as lib:
        assert "\u201cPrices went up by 20 percent,\u201d said Ren\u00e9e" in lib.article(
            row["id"]).text  # fmt: skip


def test_fetch_analyses_the_articles(news, capsys, nlp):
    _, _, library = news
    status, _, err = run(capsys, library, "fetch", "valley observer")
    assert status == 0, err
    row = listed(capsys, library)["Bridge reopens after repairs"]
    status, out, _ = run(capsys, library, "show", row["id"], "--json")
    shown = json.loads(out)
    assert any(q["speaker"] == "Priya Shah" for q in shown["quotes"])
    assert any(e["canonical"] == "Priya Shah" for e in shown["entities"])
