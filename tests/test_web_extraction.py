"""Article text and metadata out of web pages: trafilatura, then JSON-LD, then the entry."""

from __future__ import annotations

import subprocess
import sys

import pytest
from web_pages import BOILERPLATE, PARAGRAPHS, article_page, json_ld, page

from newsreader.index.ingest.web.extraction import NoArticle, extract_article, fragment_text


def test_a_page_gives_its_paragraphs_headings_and_quotes_without_the_rest() -> None:
    extracted = extract_article(article_page(), url="https://gazette.example/news/sea-wall?x=1")
    assert extracted.source == "trafilatura"
    blocks = extracted.text.split("\n\n")
    for text in PARAGRAPHS:
        assert text in blocks
    assert "Flooded streets" in blocks  # a heading is a block of its own
    assert "“Nobody listens until the water is in the kitchen.”" in blocks
    for text in BOILERPLATE:
        assert text not in extracted.text
    assert "<" not in extracted.text and "window.dataLayer" not in extracted.text


def test_calls_to_subscribe_between_paragraphs_are_dropped_reporting_on_them_is_not() -> None:
    reporting = "The council's newsletter, delivered to 4,000 homes, said the wall would be late."
    calls = [
        "Sign up for the Harbour Gazette newsletter",
        "Never miss the latest news by signing up to our newsletter today!",
        "We want to hear what you think. Submit a letter to the editor.",
    ]
    middle = "".join(f"<p>{text}</p>" for text in [*calls, reporting])
    body = f"<article><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p>{middle}"
    body += "".join(f"<p>{text}</p>" for text in PARAGRAPHS[2:]) + "</article>"
    extracted = extract_article(page(body))
    assert extracted.text.split("\n\n") == [*PARAGRAPHS[:2], reporting, *PARAGRAPHS[2:]]


def test_a_page_gives_its_metadata() -> None:
    extracted = extract_article(article_page(), url="https://gazette.example/news/sea-wall")
    assert extracted.title == "Sea wall delayed again"
    assert extracted.author == "Jane Doe"
    assert extracted.date is not None and extracted.date.isoformat() == "2025-03-04"
    assert extracted.site_name == "The Harbour Gazette"
    assert extracted.url == "https://gazette.example/news/sea-wall"


def test_the_standfirst_under_the_headline_leads_the_text_once() -> None:
    standfirst = "Engineers blame an old survey; residents have stopped waiting"
    body = (
        f"<header><h1>Sea wall delayed again</h1><p class='dek'>{standfirst}</p></header>"
        f"<article>{''.join(f'<p>{text}</p>' for text in PARAGRAPHS)}</article>"
    )
    extracted = extract_article(page(body, description=standfirst))
    assert extracted.text.split("\n\n")[0] == standfirst
    assert extracted.text.count(standfirst) == 1


def test_a_description_the_page_does_not_show_is_not_added() -> None:
    body = f"<article>{''.join(f'<p>{text}</p>' for text in PARAGRAPHS)}</article>"
    extracted = extract_article(page(body, description="The Harbour Gazette: news of the coast"))
    assert "news of the coast" not in extracted.text
    assert extracted.text.split("\n\n")[0] == PARAGRAPHS[0]


def test_a_page_drawn_by_script_falls_back_to_its_json_ld_article_body() -> None:
    body_html = "".join(f"<p>{text}</p>" for text in PARAGRAPHS)
    head = json_ld(
        {
            "@context": "https://schema.org",
            "@graph": [
                {"@type": "WebSite", "name": "The Harbour Gazette"},
                {"@type": "NewsArticle", "headline": "Sea wall", "articleBody": body_html},
            ],
        }
    )
    extracted = extract_article(page('<div id="app"></div>', head=head))
    assert extracted.source == "json-ld"
    assert extracted.text.split("\n\n") == PARAGRAPHS
    assert extracted.title == "Sea wall delayed again"


def test_a_live_blogs_nested_updates_are_not_taken_for_its_text() -> None:
    updates = [
        {"@type": "BlogPosting", "articleBody": f"Update {n}: " + PARAGRAPHS[n % 4] * 3}
        for n in range(4)
    ]
    head = json_ld({"@type": "LiveBlogPosting", "liveBlogUpdate": updates})
    summary = f"<article><h1>Sea wall: live</h1><p>{PARAGRAPHS[0]}</p></article>"
    extracted = extract_article(page(summary, head=head))
    assert extracted.source == "trafilatura"
    assert "Update" not in extracted.text


def test_a_teaser_page_falls_back_to_the_entrys_own_content() -> None:
    teaser = (
        "<article><p>The harbour authority said the new sea wall would be late.</p>"
        "<p>Subscribe to read the rest of this article.</p></article>"
    )
    entry = "".join(f"<p>{text}</p>" for text in PARAGRAPHS)
    extracted = extract_article(page(teaser), entry_html=entry)
    assert extracted.source == "entry"
    assert extracted.text.split("\n\n") == PARAGRAPHS
    assert extracted.author == "Jane Doe"  # metadata still comes from the page


def test_trafilatura_keeps_the_text_when_the_fallbacks_are_no_longer() -> None:
    entry = f"<p>{PARAGRAPHS[0]}</p>"
    extracted = extract_article(article_page(), entry_html=entry)
    assert extracted.source == "trafilatura"
    assert PARAGRAPHS[3] in extracted.text


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        ("", "empty page; no article"),
        (b"   \n", "empty page; no article"),
        ("just some words, no tags at all", "not an HTML page; no article"),
        (page("<div></div>"), "no article text found in the page"),
    ],
)
def test_a_page_without_an_article_says_why(html: str | bytes, reason: str) -> None:
    with pytest.raises(NoArticle) as raised:
        extract_article(html)
    assert raised.value.reason == reason


def test_bytes_in_the_charset_the_page_declares_are_decoded() -> None:
    html = article_page().replace('charset="utf-8"', 'charset="windows-1252"')
    html = html.replace("“", '"').replace("”", '"').replace("harbour", "harbour café")
    extracted = extract_article(html.encode("cp1252"))
    assert "harbour café authority" in extracted.text


def test_an_entrys_content_is_text_in_paragraphs() -> None:
    fragment = (
        "<p>First <b>bold</b> line<br>after a break</p><script>x()</script>"
        "<ul><li>one</li><li>two</li></ul>A tail &amp; more"
    )
    expected = "First bold line\nafter a break\n\none\n\ntwo\n\nA tail & more"
    assert fragment_text(fragment) == expected
    assert fragment_text("  plain   text, no markup ") == "plain text, no markup"


def test_importing_extraction_does_not_import_trafilatura() -> None:
    code = (
        "import sys, newsreader.index.ingest.web.extraction\n"
        "print(sorted(m for m in ('trafilatura', 'lxml') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_pages_extracted_from_many_threads_are_parsed_one_at_a_time(monkeypatch) -> None:
    # trafilatura shares one lxml parser, which concurrent calls crash (SIGSEGV): fetch's page
    # threads must take turns.
    import threading
    import time
    from concurrent.futures import ThreadPoolExecutor

    import trafilatura

    active, most = 0, 0
    count = threading.Lock()
    load_html = trafilatura.load_html

    def watched(html):
        nonlocal active, most
        with count:
            active += 1
            most = max(most, active)
        time.sleep(0.01)  # widen the window two unguarded calls would share
        try:
            return load_html(html)
        finally:
            with count:
                active -= 1

    monkeypatch.setattr(trafilatura, "load_html", watched)
    with ThreadPoolExecutor(8) as pool:
        texts = list(pool.map(lambda _: extract_article(article_page()).text, range(16)))
    assert most == 1
    assert len(set(texts)) == 1 and PARAGRAPHS[0] in texts[0]
