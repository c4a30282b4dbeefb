"""The HTTP client against a real server on 127.0.0.1: limits, validators, hostile answers."""

from __future__ import annotations

import threading

import pytest

from newsreader.index.ingest.web.fetching import Fetcher, FetchError, Limits, Validators

QUICK = Limits(connect_timeout=2, request_timeout=1, max_retry_wait=5)


def failure(fetcher: Fetcher, url: str) -> str:
    with pytest.raises(FetchError) as caught:
        fetcher.get(url)
    assert str(caught.value).startswith(url + ": ")
    return caught.value.reason


def test_a_page_comes_with_its_validators_and_a_user_agent(web_server):
    url = web_server.add("/page.html", "<p>hello</p>", etag='"v1"')
    with Fetcher(QUICK) as fetcher:
        page = fetcher.get(url)
    assert page.content == b"<p>hello</p>" and page.status == 200
    assert page.validators == Validators('"v1"', page.validators.last_modified)
    assert page.validators.last_modified and page.content_type == "text/html"
    agent = web_server.hits("/page.html")[0].headers["user-agent"]
    assert agent.startswith("newsreader/")


def test_a_conditional_get_costs_a_304(web_server):
    url = web_server.add("/feed.xml", "<rss/>", content_type="application/rss+xml")
    with Fetcher(QUICK) as fetcher:
        first = fetcher.get(url)
        again = fetcher.get(url, first.validators)
        by_date = fetcher.get(url, Validators(last_modified=first.validators.last_modified))
    assert again.not_modified and again.content == b""
    assert by_date.not_modified
    sent = web_server.hits("/feed.xml")[1].headers
    assert sent["if-none-match"] == first.validators.etag


def test_a_changed_body_is_fetched_in_full(web_server):
    url = web_server.add("/feed.xml", "<rss>one</rss>")
    with Fetcher(QUICK) as fetcher:
        first = fetcher.get(url)
        web_server.add("/feed.xml", "<rss>two</rss>")
        second = fetcher.get(url, first.validators)
    assert second.status == 200 and second.content == b"<rss>two</rss>"


@pytest.mark.parametrize(("path", "reason"), [
    ("/status/404", "HTTP 404 Not Found"),
    ("/status/500", "HTTP 500 Internal Server Error"),
    ("/nowhere", "HTTP 404 Not Found"),
])  # fmt: skip
def test_error_statuses_say_which(web_server, path, reason):
    with Fetcher(QUICK) as fetcher:
        assert failure(fetcher, web_server.url(path)) == reason


def test_a_slow_answer_times_out(web_server):
    with Fetcher(QUICK) as fetcher:
        assert failure(fetcher, web_server.url("/slow")) == "timed out after 1 s"


def test_a_closed_port_cannot_be_reached(web_server):
    url = web_server.url("/x")
    web_server.close()
    with Fetcher(QUICK) as fetcher:
        assert failure(fetcher, url).startswith("cannot connect")


@pytest.mark.parametrize("path", ["/busy", "/unavailable"])
def test_429_and_503_are_tried_again_after_retry_after(web_server, path):
    with Fetcher(QUICK) as fetcher:
        page = fetcher.get(web_server.url(path))
    assert page.content == b"<p>at last</p>"
    assert len(web_server.hits(path)) == 2


def test_a_retry_after_longer_than_a_run_waits_is_a_failure(web_server):
    with Fetcher(QUICK) as fetcher:
        reason = failure(fetcher, web_server.url("/always-busy"))
    assert reason == "HTTP 429 Too Many Requests, retry after 3600 s"
    assert len(web_server.hits("/always-busy")) == 1


def test_a_gzip_bomb_is_refused_at_the_limit(web_server):
    small = Limits(request_timeout=10, max_bytes=1024 * 1024)
    with Fetcher(small) as fetcher:
        reason = failure(fetcher, web_server.url("/bomb/gzip"))
    assert reason == "too large (over 1 MB once decompressed)"


def test_a_body_declared_too_large_is_not_read(web_server):
    url = web_server.add("/big", b"x" * 2048)
    with Fetcher(Limits(max_bytes=1024)) as fetcher:
        assert failure(fetcher, url) == "too large (2048 bytes, the limit is 1024 bytes)"
    assert web_server.hits("/big")


def test_a_redirect_is_followed_and_reported(web_server):
    target = web_server.add("/target.html", "<p>here</p>")
    url = web_server.add("/moved", redirect="/target.html")
    with Fetcher(QUICK) as fetcher:
        page = fetcher.get(url)
    assert page.url == target and page.content == b"<p>here</p>"


def test_a_redirect_loop_is_refused(web_server):
    with Fetcher(QUICK) as fetcher:
        reason = failure(fetcher, web_server.url("/loop/a"))
    assert reason.startswith("redirect loop (")
    assert len(web_server.hits("/loop/a")) == 1


def test_a_redirect_to_another_scheme_is_refused(web_server):
    with Fetcher(QUICK) as fetcher:
        reason = failure(fetcher, web_server.url("/to-ftp"))
    assert reason == "redirected to ftp://127.0.0.1/feed.xml: only http and https are followed"


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/x", "javascript:1"])
def test_only_http_and_https_urls_are_fetched(url):
    with Fetcher(QUICK) as fetcher:
        assert failure(fetcher, url).startswith("only http and https URLs are fetched")


def test_at_most_two_connections_per_host(web_server):
    for n in range(6):
        web_server.add(f"/page{n}", "<p>x</p>", delay=0.3)
    with Fetcher(Limits(request_timeout=10)) as fetcher:
        threads = [
            threading.Thread(target=fetcher.get, args=(web_server.url(f"/page{n}"),))
            for n in range(6)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(web_server.requests) == 6
    assert web_server.most_in_flight == 2


def test_a_stopped_fetch_ends_while_waiting(web_server):
    stop = threading.Event()
    stop.set()
    with Fetcher(Limits(max_retry_wait=5), stopped=stop.is_set) as fetcher:
        url = web_server.add("/wait", "x", busy=1, retry_after="4")
        assert failure(fetcher, url) == "stopped"


def test_a_windows_1252_page_says_its_charset(web_server):
    with Fetcher(QUICK) as fetcher:
        page = fetcher.get(web_server.url("/cp1252.html"))
    assert page.charset == "windows-1252"
    assert "\u201cPrices" in page.content.decode(page.charset)
