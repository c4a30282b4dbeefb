"""Web pages made for the tests: an article among the boilerplate a news site puts around it."""

from __future__ import annotations

import json

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


def json_ld(value: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(value)}</script>'
