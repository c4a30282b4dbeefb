"""`newsreader index URL`: one article page over real HTTP on 127.0.0.1, extracted and stored."""

from __future__ import annotations

from pathlib import Path

from cli_helpers import json_lines, run
from web_pages import PARAGRAPHS, article_page

from newsreader.index.library import Library


def test_an_article_page_is_fetched_and_indexed_under_its_canonical_url(
    tmp_path: Path, web_server
) -> None:
    url = web_server.add("/news/sea-wall", article_page()) + "?utm_source=feed"
    library = tmp_path / "library"
    done = run("index", url, "--no-analysis", "--json", library=library)
    assert done.returncode == 0, done.stderr
    assert json_lines(done.stdout)[0]["added"] == 1
    hits = json_lines(run("search", "okafor", "--json", library=library).stdout)
    shown = json_lines(run("show", hits[0]["id"], "--json", library=library).stdout)[0]
    assert shown["title"] == "Sea wall delayed again"
    assert shown["url"] == "https://gazette.example/news/sea-wall"  # its rel=canonical
    assert shown["source"] == "The Harbour Gazette"
    assert shown["text"].split("\n\n")[0] == PARAGRAPHS[0]
    again = run("index", url, "--no-analysis", "--json", library=library)
    assert json_lines(again.stdout)[0]["unchanged"] == 1


def test_a_changed_page_is_updated_in_place_and_keeps_its_triage_state(
    tmp_path: Path, web_server
) -> None:
    url = web_server.add("/news/sea-wall", article_page())
    folder = tmp_path / "library"
    assert run("index", url, "--no-analysis", library=folder).returncode == 0
    with Library.open(folder) as library:
        first = library.search("okafor").hits[0].id
        library.set_starred([first], True)
    web_server.add("/news/sea-wall", article_page().replace("two years", "three years"))
    done = run("index", url, "--no-analysis", "--json", library=folder)
    assert json_lines(done.stdout)[0]["updated"] == 1, done.stderr
    with Library.open(folder) as library:
        hits = library.search("okafor").hits
        assert [hit.id for hit in hits] != [first] and len(hits) == 1
        assert library.states([hits[0].id])[hits[0].id].starred
        assert "three years" in library.article(hits[0].id).text


def test_a_page_that_fails_is_one_line_naming_its_url_and_the_others_go_on(
    tmp_path: Path, web_server
) -> None:
    good = web_server.add("/news/sea-wall", article_page())
    missing = web_server.url("/status/404")
    menu = web_server.add("/menu", "<html><body><nav><a href='/'>Home</a></nav></body></html>")
    library = tmp_path / "library"
    done = run("index", missing, good, menu, "--no-analysis", library=library)
    assert done.returncode == 1
    lines = [line for line in done.stderr.splitlines() if line.startswith("http")]
    assert lines == [
        f"{missing}: HTTP 404 Not Found",
        f"{menu}: no article text found in the page; skipped",
    ]
    assert "Traceback" not in done.stderr
    assert "1 added" in done.stderr and "2 failed" in done.stderr


def test_a_page_in_the_charset_its_server_declares_is_read_in_it(
    tmp_path: Path, web_server
) -> None:
    text = "“Prices went up by 20 percent,” said Renée Dupont – the owner of the café."
    page = article_page().replace('<meta charset="utf-8">', "").replace(PARAGRAPHS[1], text)
    url = web_server.add(
        "/cafe", page.encode("cp1252"), content_type="text/html; charset=windows-1252"
    )
    library = tmp_path / "library"
    done = run("index", url, "--no-analysis", library=library)
    assert done.returncode == 0, done.stderr
    hits = json_lines(run("search", "dupont", "--json", library=library).stdout)
    shown = json_lines(run("show", hits[0]["id"], "--json", library=library).stdout)[0]
    assert text in shown["text"].split("\n\n")
