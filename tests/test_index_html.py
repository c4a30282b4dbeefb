"""`newsreader index` on saved web pages: the article's text is extracted, never its markup."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import json_lines, run
from web_pages import BOILERPLATE, PARAGRAPHS, article_page

pytestmark = pytest.mark.slow  # newsreader index runs, one with analysis


def test_a_page_in_a_folder_is_indexed_as_its_article(tmp_path: Path) -> None:
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "sea-wall.html").write_text(article_page(), encoding="utf-8")
    (folder / "note.txt").write_text("Ferry fares\n\nFerry fares rise again in May.\n")
    library = tmp_path / "library"
    done = run("index", str(folder), "--no-analysis", "--json", library=library)
    assert done.returncode == 0, done.stderr
    assert json_lines(done.stdout)[0]["added"] == 2
    hits = json_lines(run("search", "sea wall", "--json", library=library).stdout)
    assert [hit["title"] for hit in hits] == ["Sea wall delayed again"]
    shown = json_lines(run("show", hits[0]["id"], "--json", library=library).stdout)[0]
    assert shown["text"].split("\n\n")[0] == PARAGRAPHS[0]
    assert "<" not in shown["text"] and BOILERPLATE[0] not in shown["text"]
    assert shown["date"] == "2025-03-04"
    assert shown["source"] == "The Harbour Gazette"
    assert shown["url"] == "https://gazette.example/news/sea-wall"
    assert shown["metadata"] == {"text_from": "trafilatura", "author": "Jane Doe"}


def test_a_page_is_annotated_in_its_extracted_text(tmp_path: Path) -> None:
    page = tmp_path / "sea-wall.htm"
    page.write_text(article_page(), encoding="utf-8")
    library = tmp_path / "library"
    done = run("index", str(page), "--json", library=library)
    assert done.returncode == 0, done.stderr
    hits = json_lines(run("search", "okafor", "--json", library=library).stdout)
    shown = json_lines(run("show", hits[0]["id"], "--json", library=library).stdout)[0]
    quotes = shown["quotes"]
    assert any("Okafor" in (quote["speaker"] or "") for quote in quotes), quotes
    for quote in quotes:
        assert shown["text"][quote["start"] : quote["end"]].startswith(quote["text"][:20])


def test_a_page_without_an_article_is_one_line_and_the_run_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "empty.html").write_bytes(b"")
    (folder / "menu.html").write_text("<html><body><nav>Home</nav></body></html>")
    (folder / "sea-wall.html").write_text(article_page(), encoding="utf-8")
    library = tmp_path / "library"
    done = run("index", str(folder), "--no-analysis", library=library)
    assert done.returncode == 1
    problems = [line for line in done.stderr.splitlines() if line.startswith(str(folder))]
    assert problems == [
        f"{folder / 'empty.html'}: empty file; no article",
        f"{folder / 'menu.html'}: no article text found in the page; skipped",
    ]
    assert "Traceback" not in done.stderr
    assert "1 added" in done.stderr and "2 failed" in done.stderr
