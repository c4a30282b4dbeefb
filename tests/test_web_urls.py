"""Canonical URLs: one story reached by several links is one address."""

from __future__ import annotations

import pytest

from newsreader.index.ingest.web.urls import canonical_url, feed_links, page_canonical


@pytest.mark.parametrize(("url", "canonical"), [
    ("https://News.Example.com:443/a/b?utm_source=rss&utm_medium=feed#top",
     "https://news.example.com/a/b"),
    ("http://example.com:8080/x?id=3&fbclid=abc&gclid=9&page=2",
     "http://example.com:8080/x?id=3&page=2"),
    ("http://example.com", "http://example.com/"),
    ("https://example.com/p?mc_cid=1&MC_EID=2&q=a+b", "https://example.com/p?q=a+b"),
])  # fmt: skip
def test_tracking_parameters_fragments_and_default_ports_go(url, canonical):
    assert canonical_url(url) == canonical


def test_a_page_names_its_canonical_url():
    html = ("<html><head><link rel='Canonical' href='/story/1?utm_campaign=x'></head>"
            "<body><link rel='canonical' href='/ignored'></body></html>")  # fmt: skip
    assert page_canonical(html, "https://example.com/amp/story/1") == (
        "https://example.com/story/1")  # fmt: skip
    assert page_canonical("<link rel=canonical href='javascript:x'>", "https://a.b/") is None
    assert page_canonical("<p>no head</p>", "https://a.b/") is None


def test_a_page_advertises_its_feeds_in_order():
    html = ("<link rel='alternate' type='text/html' href='/en'>"
            "<link rel='alternate' type='application/rss+xml' href='/rss'>"
            "<link rel='alternate feed' type='application/atom+xml' href='https://x.y/atom'>"
            "<link rel='alternate' type='application/rss+xml' href='/rss'>")  # fmt: skip
    assert feed_links(html, "https://site.example/news/") == [
        "https://site.example/rss", "https://x.y/atom"]  # fmt: skip
