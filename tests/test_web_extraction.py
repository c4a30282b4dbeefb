"""Article text and metadata out of web pages: trafilatura, then JSON-LD, then the entry."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from newsreader.index.ingest.web.extraction import NoArticle, extract_article, fragment_text

PARAGRAPHS = [
    "The harbour authority said on Tuesday that the new sea wall would be finished by spring, "
    "two years later than the council had promised when work began.",
    "“We have had to rebuild the foundations twice,” said Maria Okafor, the authority's chief "
    "engineer. “The old survey was simply wrong about the rock.”",
    "Residents of the lower town, whose streets flooded three times last winter, were less "
    "patient. Some have already moved their furniture upstairs for good.",
    "The council will vote on extra funding for the project next month, after a public "
    "meeting in the town hall on the 14th.",
]

BOILERPLATE = [
    "We use cookies to improve your experience. Accept all cookies",
    "Sign in to your account",
    "Most read this week",
]


def page(
    body: str, *, head: str = "", description: str = "A sea wall two years late, and a town"
) -> str:
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Sea wall delayed again | The Harbour Gazette</title>
<meta property="og:title" content="Sea wall delayed again">
<meta property="og:site_name" content="The Harbour Gazette">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2025-03-04T09:30:00Z">
<meta name="description" content="{description}">
<link rel="canonical" href="https://gazette.example/news/sea-wall">
{head}</head><body>
<div class="cookie-banner"><p>{BOILERPLATE[0]}</p><button>OK</button></div>
<nav><ul><li><a href="/">Home</a></li><li><a href="/login">{BOILERPLATE[1]}</a></li></ul></nav>
{body}
<aside class="related"><h3>{BOILERPLATE[2]}</h3><ul><li><a href="/a">Ferry fares rise</a></li>
<li><a href="/b">A new bakery on Quay Street</a></li></ul></aside>
<footer><p>© The Harbour Gazette. All rights reserved.</p></footer>
<script>window.dataLayer = [];</script>
</body></html>"""


def article_page() -> str:
    paragraphs = "".join(f"<p>{text}</p>" for text in PARAGRAPHS[:2])
    rest = "".join(f"<p>{text}</p>" for text in PARAGRAPHS[2:])
    return page(
        "<main><article><h1>Sea wall delayed again</h1>"
        f"{paragraphs}<h2>Flooded streets</h2>"
        "<blockquote><p>“Nobody listens until the water is in the kitchen.”</p></blockquote>"
        f"{rest}</article></main>"
    )


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


def json_ld(value: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(value)}</script>'


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
