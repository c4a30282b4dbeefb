"""HTTP for everything newsreader takes from the web: one polite, bounded httpx client.

Every limit a fetch of the open web needs lives here and nowhere else: a User-Agent naming
newsreader, at most 2 connections per host and 8 in all, a connect timeout and a deadline for
the whole request, a cap on the body (counted after decompression, so a gzip bomb stops at the
cap), redirects followed by hand (http and https only, loops and long chains refused),
Retry-After honoured on 429 and 503, and conditional GET with the validators a caller stored.
Only this module imports httpx.
"""

from __future__ import annotations

import email.utils
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import TracebackType
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from .urls import SCHEMES, url_problem

if TYPE_CHECKING:
    import httpx

MAX_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 10
PER_HOST, IN_ALL = 2, 8
CONNECT_TIMEOUT, REQUEST_TIMEOUT = 10.0, 30.0
RETRIES = 2  # after a 429 or 503, tries again this many times before giving up
MAX_RETRY_WAIT = 60.0  # a server asking for a longer wait is a failure for this run


class FetchError(Exception):
    """A URL that could not be fetched, and why, in words for one line on stderr."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Validators:
    """What a server said about a body, to ask next time only whether it changed."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        found = {"If-None-Match": self.etag, "If-Modified-Since": self.last_modified}
        return {name: value for name, value in found.items() if value}


@dataclass(frozen=True, slots=True)
class Response:
    """A fetched body (empty when ``not_modified``), the URL it came from after redirects, and
    the validators to send next time."""

    url: str
    status: int
    content: bytes
    content_type: str = ""
    charset: str | None = None
    validators: Validators = field(default_factory=Validators)
    headers: tuple[tuple[str, str], ...] = ()

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def header(self, name: str) -> str | None:
        lower = name.lower()
        return next((value for key, value in self.headers if key.lower() == lower), None)


def user_agent() -> str:
    """``newsreader/VERSION``, as servers' logs and robots rules see it."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        number = version("newsreader")
    except PackageNotFoundError:  # run from a source tree that was never installed
        number = "unknown"
    return f"newsreader/{number} (terminal news reader)"


def check_url(url: str) -> None:
    """FetchError unless the URL is one the client can ask for: http or https, a valid host
    and port, no control characters (`urls.url_problem`), and a host IDNA can encode."""
    import httpx

    if reason := url_problem(url):
        raise FetchError(url, reason)
    try:
        httpx.URL(url).host  # noqa: B018 -- decoding the host is what checks its IDNA labels
    except (httpx.InvalidURL, ValueError) as error:  # idna's IDNAError is a ValueError
        raise FetchError(url, f"not a valid URL ({_lowered(str(error))})") from None


def _lowered(reason: str) -> str:
    return reason[:1].lower() + reason[1:]


@dataclass(frozen=True, slots=True)
class Limits:
    """The bounds of one client; tests shorten the times, nothing else changes them."""

    connect_timeout: float = CONNECT_TIMEOUT
    request_timeout: float = REQUEST_TIMEOUT
    max_bytes: int = MAX_BYTES
    per_host: int = PER_HOST
    in_all: int = IN_ALL
    retries: int = RETRIES
    max_retry_wait: float = MAX_RETRY_WAIT


class Fetcher:
    """A shared HTTP client for one run; thread-safe, so a run fetches from many threads.

    ``stopped`` is asked while waiting (for a Retry-After or a host's turn) and between chunks
    of a body: when it turns true, the fetch raises FetchError("stopped").
    """

    def __init__(
        self, limits: Limits | None = None, *, stopped: Callable[[], bool] | None = None
    ) -> None:
        import httpx

        from .sockets import StoppableBackend, on_stoppable_network

        self.limits = limits or Limits()
        self._stopped = stopped or (lambda: False)
        self._hosts: dict[str, threading.BoundedSemaphore] = {}
        self._hosts_lock = threading.Lock()
        self._client = httpx.Client(
            http2=_h2_available(),
            follow_redirects=False,
            headers={"User-Agent": user_agent(), "Accept-Encoding": "gzip, deflate"},
            limits=httpx.Limits(
                max_connections=self.limits.in_all, max_keepalive_connections=self.limits.in_all
            ),
            timeout=httpx.Timeout(self.limits.request_timeout, connect=self.limits.connect_timeout),
        )
        self._network = StoppableBackend()
        on_stoppable_network(self._client, self._network)

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def abort(self) -> None:
        """End the transfers other threads are waiting on: each fails at once, as a dropped
        connection does, instead of at its timeout."""
        self._network.abort()

    def get(
        self, url: str, validators: Validators | None = None, *, accept: str | None = None
    ) -> Response:
        """The body at ``url`` after redirects, or a 304 Response when ``validators`` still
        hold; FetchError for anything else (an HTTP error status, a timeout, too large...)."""
        headers = validators.headers() if validators else {}
        if accept:
            headers["Accept"] = accept
        seen: list[str] = []
        current = url
        while True:
            if not seen:
                check_url(current)
            else:
                _check_redirect(url, current)
            if current in seen:
                raise FetchError(url, f"redirect loop ({' -> '.join([*seen, current])})")
            if len(seen) > MAX_REDIRECTS:
                raise FetchError(url, f"more than {MAX_REDIRECTS} redirects")
            seen.append(current)
            outcome = self._with_retries(url, current, headers)
            if isinstance(outcome, Response):
                return outcome
            current = outcome  # a redirect: its target

    def _with_retries(self, url: str, current: str, headers: dict[str, str]) -> Response | str:
        for attempt in range(self.limits.retries + 1):
            outcome = self._once(url, current, headers)
            if not isinstance(outcome, _Busy):
                return outcome
            wait = outcome.wait if outcome.wait is not None else 2.0**attempt
            if attempt == self.limits.retries or wait > self.limits.max_retry_wait:
                after = f", retry after {wait:.0f} s" if outcome.wait is not None else ""
                raise FetchError(url, f"HTTP {outcome.status} {outcome.phrase}{after}")
            self._sleep(url, wait)
        raise AssertionError("unreachable")

    def _once(self, url: str, current: str, headers: dict[str, str]) -> Response | str | _Busy:
        import httpx

        deadline = time.monotonic() + self.limits.request_timeout
        try:
            with (
                self._host_turn(url, current),
                self._client.stream("GET", current, headers=headers) as answer,
            ):
                return self._answer(url, current, answer, deadline)
        except httpx.TimeoutException as error:
            connecting = isinstance(error, httpx.ConnectTimeout)
            limit = self.limits.connect_timeout if connecting else self.limits.request_timeout
            raise FetchError(url, f"timed out{' connecting' if connecting else ''} after "
                                  f"{limit:g} s") from None  # fmt: skip
        except httpx.DecodingError as error:
            raise FetchError(url, f"cannot decompress the body ({error})") from None
        except httpx.HTTPError as error:
            raise _failure(url, error) from None

    def _answer(
        self, url: str, current: str, answer: httpx.Response, deadline: float
    ) -> Response | str | _Busy:
        status = answer.status_code
        if status in (301, 302, 303, 307, 308) and "location" in answer.headers:
            return urljoin(current, answer.headers["location"])
        if status in (429, 503):
            return _Busy(status, answer.reason_phrase, _retry_after(answer.headers))
        if status == 304:
            return self._response(current, answer, b"")
        if status >= 400 or status < 200:
            raise FetchError(url, f"HTTP {status} {answer.reason_phrase}".rstrip())
        declared = answer.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.limits.max_bytes:
            raise FetchError(url, f"too large ({_size(int(declared))}, the limit is "
                                  f"{_size(self.limits.max_bytes)})")  # fmt: skip
        return self._response(current, answer, self._body(url, answer, deadline))

    def _body(self, url: str, answer: httpx.Response, deadline: float) -> bytes:
        chunks: list[bytes] = []
        size = 0
        for chunk in answer.iter_bytes():  # decompressed: a bomb stops at the limit
            size += len(chunk)
            if size > self.limits.max_bytes:
                packed = " once decompressed" if answer.headers.get("content-encoding") else ""
                raise FetchError(url, f"too large (over {_size(self.limits.max_bytes)}{packed})")
            if time.monotonic() > deadline:
                raise FetchError(url, f"timed out after {self.limits.request_timeout:g} s")
            if self._stopped():
                raise FetchError(url, "stopped")
            chunks.append(chunk)
        return b"".join(chunks)

    def _response(self, current: str, answer: httpx.Response, content: bytes) -> Response:
        mime = answer.headers.get("content-type", "")
        return Response(
            url=current,
            status=answer.status_code,
            content=content,
            content_type=mime.split(";")[0].strip().lower(),
            charset=answer.charset_encoding,
            validators=Validators(answer.headers.get("etag"), answer.headers.get("last-modified")),
            headers=tuple(answer.headers.items()),
        )

    @contextmanager
    def _host_turn(self, url: str, current: str) -> Iterator[None]:
        """Hold one of the host's connections for a request (httpx bounds only the total)."""
        host = (urlsplit(current).hostname or "").lower()
        with self._hosts_lock:
            turn = self._hosts.setdefault(host, threading.BoundedSemaphore(self.limits.per_host))
        while not turn.acquire(timeout=0.2):
            if self._stopped():
                raise FetchError(url, "stopped")
        try:
            yield
        finally:
            turn.release()

    def _sleep(self, url: str, seconds: float) -> None:
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            if self._stopped():
                raise FetchError(url, "stopped")
            time.sleep(min(left, 0.2))


def _check_redirect(url: str, target: str) -> None:
    """FetchError naming the redirect unless its target is a URL the client may follow."""
    scheme, colon, _ = target.partition(":")
    if not colon or scheme.lower() not in SCHEMES:  # urljoin made it absolute: a scheme is there
        raise FetchError(url, f"redirected to {target}: only http and https are followed")
    try:
        check_url(target)
    except FetchError as error:
        raise FetchError(url, f"redirected to {target}: {error.reason}") from None


@dataclass(frozen=True, slots=True)
class _Busy:
    status: int
    phrase: str
    wait: float | None  # seconds the server asked for, if it did


def _retry_after(headers: httpx.Headers) -> float | None:
    """Retry-After in seconds, from either of its forms (seconds, or an HTTP date)."""
    value = headers.get("retry-after", "").strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _failure(url: str, error: Exception) -> FetchError:
    """The FetchError for a transport error: a Location httpx cannot read (it reads it even
    when it follows no redirect), else the connection that failed."""
    text = str(error)
    head, _, detail = text.partition(": ")
    if head.lower() == "invalid url in location header":
        return FetchError(url, f"redirected to an invalid URL ({_lowered(detail.rstrip('.'))})")
    return FetchError(url, f"cannot connect ({_reason(error)})")


def _reason(error: Exception) -> str:
    text = str(error) or type(error).__name__
    return text.split("] ")[-1].strip().lower()  # "[Errno 111] Connection refused" -> words


def _size(size: int) -> str:
    """10485760 -> "10 MB"; sizes under a megabyte in bytes."""
    return f"{size // (1024 * 1024)} MB" if size >= 1024 * 1024 else f"{size} bytes"


def _h2_available() -> bool:
    """HTTP/2 where the server offers it, when the h2 package is installed."""
    try:
        import h2  # noqa: F401
    except ImportError:
        return False
    return True
