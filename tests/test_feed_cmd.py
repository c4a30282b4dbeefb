"""`newsreader feed add | list | remove | import | export`, against real HTTP on 127.0.0.1."""

from __future__ import annotations

import json
from pathlib import Path

from feed_helpers import serve_news

from newsreader.tui.cli.main import main

OPML = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>Exported from another reader</title></head>
  <body>
    <outline text="Local" title="Local">
      <outline type="rss" text="Harbour Gazette" xmlUrl="{base}/rss.xml" htmlUrl="{base}/"/>
      <outline type="rss" text="Valley Observer" xmlUrl="{base}/atom.xml" category="rivers"/>
    </outline>
    <outline type="rss" text="Gopher news" xmlUrl="gopher://127.0.0.1/feed"/>
  </body>
</opml>
"""


def run(capsys, library: Path, *args: str) -> tuple[int, str, str]:
    status = main([*args, "--library", str(library)])
    out, err = capsys.readouterr()
    return status, out, err


def feeds(capsys, library: Path) -> list[dict]:
    status, out, _ = run(capsys, library, "feed", "list", "--json")
    assert status == 0
    return [json.loads(line) for line in out.splitlines()]


def test_add_names_the_feed_by_its_title_with_tags(web_server, tmp_path, capsys):
    urls = serve_news(web_server)
    library = tmp_path / "lib"
    status, _, err = run(capsys, library, "feed", "add", urls["/rss.xml"], "--tag", "local",
                         "--tag", "sea")  # fmt: skip
    assert status == 0 and err == f"subscribed to Harbour Gazette: {urls['/rss.xml']}\n"
    [row] = feeds(capsys, library)
    assert (row["name"], row["url"], row["tags"]) == ("Harbour Gazette", urls["/rss.xml"],
                                                      ["local", "sea"])  # fmt: skip
    assert (row["last_fetched"], row["last_error"], row["articles"], row["unread"]) == (
        None, None, 0, 0)  # fmt: skip
    assert row["ttl"] is None  # known once fetched: adding stores no validators either


def test_a_page_advertising_a_feed_subscribes_to_the_feed(web_server, tmp_path, capsys):
    urls = serve_news(web_server)
    page = web_server.add("/home.html", "<html><head><link rel='stylesheet' href='/s.css'>"
                          "<link rel='alternate' type='application/atom+xml' title='Observer' "
                          "href='/atom.xml'></head><body>Home</body></html>")  # fmt: skip
    library = tmp_path / "lib"
    status, _, err = run(capsys, library, "feed", "add", page, "--name", "Valley")
    assert status == 0
    assert err == f"subscribed to Valley: {urls['/atom.xml']} (the feed the page advertises)\n"
    assert [row["url"] for row in feeds(capsys, library)] == [urls["/atom.xml"]]


def test_add_refuses_what_is_not_a_feed(web_server, tmp_path, capsys):
    library = tmp_path / "lib"
    page = web_server.add("/plain.html", "<html><body><p>No feed here</p></body></html>")
    cases = {
        page: "not an RSS or Atom feed, nor a page advertising one",
        web_server.url("/status/404"): "HTTP 404 Not Found",
        "ftp://127.0.0.1/feed": "only http and https URLs are fetched, not ftp: URLs",
    }
    for url, reason in cases.items():
        status, _, err = run(capsys, library, "feed", "add", url)
        assert (status, err) == (1, f"newsreader: {url}: {reason}\n")
    assert feeds(capsys, library) == []


def test_add_twice_or_under_a_taken_name_is_refused(web_server, tmp_path, capsys):
    urls = serve_news(web_server)
    library = tmp_path / "lib"
    run(capsys, library, "feed", "add", urls["/rss.xml"])
    status, _, err = run(capsys, library, "feed", "add", urls["/rss.xml"])
    assert (status, err) == (1, f"newsreader: {urls['/rss.xml']}: already subscribed, as "
                                "'Harbour Gazette'\n")  # fmt: skip
    status, _, err = run(capsys, library, "feed", "add", urls["/atom.xml"], "--name",
                         "harbour gazette")  # fmt: skip
    assert status == 1 and "another feed has this name" in err


def test_remove_keeps_the_articles_unless_purged(web_server, tmp_path, capsys):
    urls = serve_news(web_server)
    library = tmp_path / "lib"
    for url in urls.values():
        run(capsys, library, "feed", "add", url)
    assert run(capsys, library, "fetch", "--no-analysis")[0] == 0
    status, _, err = run(capsys, library, "feed", "remove", "Harbour Gazette")
    assert (status, err) == (0, "unsubscribed from Harbour Gazette; its 2 articles stay "
                                "(--purge removes them)\n")  # fmt: skip
    status, out, _ = run(capsys, library, "search", "ferry", "--json")
    assert len(out.splitlines()) == 1
    status, _, err = run(capsys, library, "feed", "remove", urls["/atom.xml"], "--purge")
    assert (status, err) == (0, "unsubscribed from Valley Observer; 1 articles removed\n")
    status, out, _ = run(capsys, library, "search", "bridge", "--json")
    assert out == ""
    assert sorted(row["name"] for row in feeds(capsys, library)) == [
        "Relative Times", "Undated Notes"]  # fmt: skip
    status, _, err = run(capsys, library, "feed", "remove", "nothing")
    assert status == 1 and "nothing: no feed with this URL or name" in err


def test_import_and_export_opml(web_server, tmp_path, capsys):
    serve_news(web_server)
    opml = tmp_path / "subs.opml"
    opml.write_text(OPML.replace("{base}", web_server.base), encoding="utf-8")
    library = tmp_path / "lib"
    status, _, err = run(capsys, library, "feed", "import", str(opml))
    assert status == 1  # one outline skipped, said on its own line
    assert err.splitlines() == [
        f"warning: {opml}: gopher://127.0.0.1/feed: only http and https URLs are fetched, "
        "not gopher: URLs",
        "imported 2 feeds, 1 skipped; `newsreader fetch` fetches them",
    ]
    rows = {row["name"]: row["tags"] for row in feeds(capsys, library)}
    assert rows == {"Harbour Gazette": ["Local"], "Valley Observer": ["Local", "rivers"]}
    assert run(capsys, library, "feed", "import", str(opml))[2].splitlines()[-1] == (
        "imported 0 feeds, 1 skipped; `newsreader fetch` fetches them")  # fmt: skip
    status, out, _ = run(capsys, library, "feed", "export")
    assert status == 0 and out.startswith('<?xml version="1.0" encoding="utf-8"?>\n<opml')
    again = tmp_path / "again.opml"
    again.write_text(out, encoding="utf-8")
    other = tmp_path / "other"
    assert run(capsys, other, "feed", "import", str(again))[0] == 0
    assert {r["name"]: r["tags"] for r in feeds(capsys, other)} == rows
    target = tmp_path / "out.opml"
    assert run(capsys, library, "feed", "export", str(target)) == (0, "", "")
    assert target.read_text(encoding="utf-8").count("<outline ") == 2


def test_an_opml_bomb_or_broken_file_is_one_line(tmp_path, capsys):
    library = tmp_path / "lib"
    bomb = tmp_path / "bomb.opml"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa">'
                    '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><opml version="2.0"><body>'
                    '<outline text="&b;" xmlUrl="http://127.0.0.1/x"/></body></opml>')  # fmt: skip
    broken = tmp_path / "broken.opml"
    broken.write_text("<opml><body><outline text='x'></body>\n</opml>")
    status, _, err = run(capsys, library, "feed", "import", str(bomb))
    assert status == 1 and err.startswith(f"newsreader: {bomb}: refused: EntitiesForbidden")
    status, _, err = run(capsys, library, "feed", "import", str(broken))
    assert (status, err) == (1, f"newsreader: {broken}: line 1: malformed XML (mismatched tag)\n")
    status, _, err = run(capsys, library, "feed", "import", str(tmp_path / "none.opml"))
    assert (status, err) == (1, f"newsreader: {tmp_path / 'none.opml'}: cannot read: "
                                "no such file or directory\n")  # fmt: skip
    assert feeds(capsys, library) == []


def test_feed_list_shows_failures(web_server, tmp_path, capsys):
    urls = serve_news(web_server)
    library = tmp_path / "lib"
    run(capsys, library, "feed", "add", urls["/rss.xml"])
    web_server.routes["/rss.xml"].status = 500
    assert run(capsys, library, "fetch", "--no-analysis")[0] == 1
    status, out, _ = run(capsys, library, "feed", "list")
    assert status == 0
    assert "! Harbour Gazette" in out.splitlines()[1]
    assert out.splitlines()[-1] == (
        "! Harbour Gazette: the last fetch failed: HTTP 500 Internal Server Error")  # fmt: skip
