"""A real HTTP server on 127.0.0.1 for the feed and web tests: no mock of the HTTP client.

`WebServer.add` serves a body at a path; every answer carries its ETag and Last-Modified and a
conditional GET that still matches gets a 304. Built in (see `HOSTILE`): 404 and 500, a slow
answer, 429 and 503 with Retry-After, malformed XML, an entity-expansion bomb, a gzip bomb, a
redirect loop, a redirect to another scheme and a windows-1252 page. Every request is recorded
(`requests`, `hits`), and the most requests in flight at once is counted (`most_in_flight`).
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "web"
LAST_MODIFIED = formatdate(1_767_225_600, usegmt=True)  # 1 January 2026


@dataclass
class Route:
    """What one path answers. ``etag`` defaults to a hash of the body; ``busy`` answers
    ``status_when_busy`` with Retry-After that many times before the body; ``redirect`` sends a
    302 to that URL or path instead."""

    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = ""
    last_modified: str | None = LAST_MODIFIED
    delay: float = 0.0
    busy: int = 0
    status_when_busy: int = 429
    retry_after: str = "1"
    redirect: str | None = None


@dataclass(frozen=True)
class Seen:
    """One request as the server received it."""

    path: str
    headers: dict[str, str]


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
<!ENTITY lol "lol">
<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>&lol9;</title><link>http://127.0.0.1/laughs</link><description>&lol9;</description></item>
</channel></rss>
"""

MALFORMED = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Broken</title>
<item><title>An item that never closes<link>http://127.0.0.1/x</link>
</channel>
"""

CP1252_PAGE = (
    "<html><head><title>Caf\u00e9 prices</title></head><body><article><h1>Caf\u00e9 prices</h1>"
    "<p>\u201cPrices went up by 20 percent,\u201d said Ren\u00e9e Dupont \u2013 the owner of "
    "the caf\u00e9 on the square \u2013 on Monday. \u201cCoffee beans cost twice what they "
    "did.\u201d</p><p>Her customers, she said, have stayed loyal all the same.</p>"
    "</article></body></html>"
).encode("cp1252")


@functools.cache
def _gzip_bomb() -> bytes:
    """About 50 KB on the wire, 50 MB once decompressed (made once per test process)."""
    return gzip.compress(b"\0" * (50 * 1024 * 1024), compresslevel=6)


HOSTILE: dict[str, Callable[[], Route]] = {
    "/status/404": lambda: Route(b"not here", status=404),
    "/status/500": lambda: Route(b"broken", status=500),
    "/slow": lambda: Route(b"<rss version='2.0'><channel/></rss>", "application/rss+xml", delay=5),
    "/busy": lambda: Route(b"<p>at last</p>", busy=1),
    "/unavailable": lambda: Route(b"<p>at last</p>", busy=1, status_when_busy=503),
    "/always-busy": lambda: Route(b"", busy=10**6, retry_after="3600"),
    "/malformed.xml": lambda: Route(MALFORMED, "application/rss+xml"),
    "/bomb/entities.xml": lambda: Route(BILLION_LAUGHS, "application/rss+xml"),
    "/bomb/gzip": lambda: Route(_gzip_bomb(), "text/html", headers={"Content-Encoding": "gzip"}),
    "/loop/a": lambda: Route(redirect="/loop/b"),
    "/loop/b": lambda: Route(redirect="/loop/a"),
    "/to-ftp": lambda: Route(redirect="ftp://127.0.0.1/feed.xml"),
    "/cp1252.html": lambda: Route(CP1252_PAGE, "text/html; charset=windows-1252"),
}


class _Server(ThreadingHTTPServer):
    """The standard threaded server, keeping the errors of its handlers instead of printing
    them to stderr, where a test reading the command's stderr found them as dashed lines."""

    daemon_threads = True

    def __init__(self, handler: type[BaseHTTPRequestHandler]) -> None:
        super().__init__(("127.0.0.1", 0), handler)
        self.errors: list[BaseException] = []

    def handle_error(self, request: object, client_address: object) -> None:
        error = sys.exc_info()[1]
        if not isinstance(error, OSError):  # a client closing its connection, as clients do
            self.errors.append(error)  # type: ignore[arg-type]


class WebServer:
    """A threaded HTTP/1.1 server on a free port of 127.0.0.1, for one test."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {path: make() for path, make in HOSTILE.items()}
        self.requests: list[Seen] = []
        self.most_in_flight = 0
        self._in_flight = 0
        self._lock = threading.Lock()
        self._closing = threading.Event()
        self._httpd = _Server(_handler_for(self))
        self.base = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def start(self) -> WebServer:
        self._thread.start()
        return self

    def close(self) -> None:
        self._closing.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join()

    @property
    def errors(self) -> list[BaseException]:
        """What went wrong in the server itself while it answered (not the client's leaving)."""
        return self._httpd.errors

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, body: bytes | str = b"", **options: object) -> str:
        """Serve ``body`` (str is sent as UTF-8) at ``path``; the full URL."""
        data = body.encode() if isinstance(body, str) else body
        self.routes[path] = Route(data, **options)  # type: ignore[arg-type]
        return self.url(path)

    def add_fixture(self, path: str, name: str, content_type: str, **options: object) -> str:
        """Serve a file of tests/fixtures/web, with ``{base}`` replaced by this server's URL."""
        text = (FIXTURES / name).read_text(encoding="utf-8").replace("{base}", self.base)
        return self.add(path, text, content_type=content_type, **options)

    def hits(self, path: str) -> list[Seen]:
        return [seen for seen in self.requests if seen.path == path]

    # Serving --------------------------------------------------------------------------------
    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        path = urlsplit(handler.path).path
        with self._lock:
            self.requests.append(Seen(path, {k.lower(): v for k, v in handler.headers.items()}))
            self._in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self._in_flight)
            route = self.routes.get(path)
            busy = route is not None and route.busy > 0
            if busy:
                route.busy -= 1
        try:
            self._send(handler, route, busy)
        finally:
            with self._lock:
                self._in_flight -= 1

    def _send(self, handler: BaseHTTPRequestHandler, route: Route | None, busy: bool) -> None:
        if route is None:
            return _reply(handler, 404, b"no such page", {"Content-Type": "text/plain"})
        if route.delay and self._closing.wait(route.delay):
            return
        if busy:
            headers = {"Retry-After": route.retry_after, "Content-Type": "text/plain"}
            return _reply(handler, route.status_when_busy, b"busy", headers)
        if route.redirect is not None:
            return _reply(handler, 302, b"", {"Location": route.redirect})
        etag = route.etag if route.etag != "" else '"' + hashlib.sha1(route.body).hexdigest() + '"'
        validators = {"ETag": etag, "Last-Modified": route.last_modified}
        headers = {"Content-Type": route.content_type, **route.headers}
        headers.update({k: v for k, v in validators.items() if v})
        if route.status == 200 and _still_fresh(handler, etag, route.last_modified):
            return _reply(handler, 304, b"", {k: v for k, v in validators.items() if v})
        _reply(handler, route.status, route.body, headers)


def _still_fresh(handler: BaseHTTPRequestHandler, etag: str | None, modified: str | None) -> bool:
    asked_etag = handler.headers.get("If-None-Match")
    if asked_etag is not None:
        return etag is not None and asked_etag == etag
    asked_date = handler.headers.get("If-Modified-Since")
    return asked_date is not None and modified is not None and asked_date == modified


def _reply(
    handler: BaseHTTPRequestHandler, status: int, body: bytes, headers: dict[str, str]
) -> None:
    handler.send_response(status)
    for name, value in headers.items():
        handler.send_header(name, value)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    if handler.command != "HEAD":
        handler.wfile.write(body)


def _handler_for(server: WebServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            server.answer(self)

        do_HEAD = do_GET

        def log_message(self, format: str, *args: object) -> None:
            pass  # the tests read `requests`, not the log

    return Handler


def article_page(title: str, paragraphs: list[str], *, canonical: str | None = None) -> str:
    """A news page as sites serve them: navigation, the article, related links and a footer."""
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title} | News"
        f"</title>{link}</head><body><header><nav><a href='/'>Home</a> <a href='/sport'>Sport"
        "</a> <a href='/weather'>Weather</a></nav></header><main><article>"
        f"<h1>{title}</h1>{body}</article><aside><h2>Most read</h2><ul><li><a href='/a'>"
        "Ten things to do this weekend</a></li><li><a href='/b'>Recipes for autumn</a></li>"
        "</ul></aside></main><footer><p>News Ltd. All rights reserved.</p>"
        "<p>Cookie settings | Privacy policy | Contact us</p></footer></body></html>"
    )
