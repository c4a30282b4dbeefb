"""Canonical article URLs, so one story reached by several links is stored once.

A canonical URL is the address after redirects (the caller passes the final one), with the
scheme and host in lower case, the default port and the fragment dropped, and the tracking
parameters (`utm_*`, `fbclid`, `gclid` and their kin) stripped; a page's own
`<link rel="canonical">` wins when it names an http(s) address.
"""

from __future__ import annotations

import ipaddress
import re
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

TRACKING_PREFIXES = ("utm_", "mtm_", "pk_", "hsa_")
TRACKING = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "igshid",
    "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id", "oly_enc_id",
    "vero_id", "wickedid", "rb_clickid", "s_cid", "cmpid", "ocid", "ncid", "sr_share",
})  # fmt: skip
_DEFAULT_PORTS = {"http": 80, "https": 443}
SCHEMES = ("http", "https")
# C0 and C1 controls and DEL: no server can be asked for a URL holding one, and a newline in
# one would split the request line. (A space in the path is escaped by the client as browsers do.)
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*://")
_HOST_NAME = re.compile(r"[\w.-]+")  # letters of any script (IDNA), digits, dots, hyphens


def url_problem(url: str) -> str | None:
    """Why ``url`` cannot be fetched, in words for one line; None for an http(s) URL with a
    host, and a port in range, that holds no control character."""
    if _CONTROL.search(url):
        return "not a valid URL (it holds control characters)"
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:  # "Invalid IPv6 URL", "Port out of range 0-65535"...
        return f"not a valid URL ({_lowered(str(error))})"
    if parts.scheme.lower() not in SCHEMES:
        shown = f"{parts.scheme}: URLs" if parts.scheme else "a URL without http:// or https://"
        return f"only http and https URLs are fetched, not {shown}"
    host = parts.hostname
    if not host:
        return "no host in the URL"
    if port == 0:
        return "not a valid URL (port 0)"
    if not (_HOST_NAME.fullmatch(host) or _ip_literal(host)):
        return f"not a valid URL (bad host name {host!r})"
    return None


def _ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _lowered(reason: str) -> str:
    return reason[:1].lower() + reason[1:]


def joined(base: str, link: str) -> str | None:
    """``link`` made absolute against ``base``; None when it is too broken to join. A link
    with a scheme is kept as it is: urljoin reads "http://" as the base itself."""
    link = link.strip()
    if _SCHEME.match(link):
        return link
    try:
        return urljoin(base, link)
    except ValueError:  # an unclosed IPv6 bracket
        return None


def canonical_url(url: str) -> str:
    """The URL with its tracking parameters, fragment and default port removed; a URL that
    `url_problem` refuses is returned as it is (stripped)."""
    if url_problem(url.strip()):
        return url.strip()
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if parts.port and parts.port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{parts.port}"
    if parts.username:  # kept as given: rare, and part of what the server sees
        host = f"{parts.username}{':' + parts.password if parts.password else ''}@{host}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if _kept(k)]
    return urlunsplit((scheme, host, parts.path or "/", urlencode(query, doseq=True), ""))


def _kept(name: str) -> bool:
    lower = name.lower()
    return lower not in TRACKING and not lower.startswith(TRACKING_PREFIXES)


def page_canonical(html: str, base: str) -> str | None:
    """The page's `<link rel="canonical">`, made absolute, when it is an http(s) URL."""
    finder = _LinkFinder()
    try:
        finder.feed(html)
        finder.close()
    except AssertionError:  # html.parser's own complaint about hopeless markup
        pass
    for rel, href, _ in finder.links:
        if "canonical" in rel and href:
            found = joined(base, href)
            if found and not url_problem(found):
                return canonical_url(found)
    return None


def feed_links(html: str, base: str) -> list[str]:
    """The feeds a page advertises with `<link rel="alternate">` (RSS, Atom), in page order."""
    finder = _LinkFinder()
    try:
        finder.feed(html)
        finder.close()
    except AssertionError:
        pass
    kinds = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
    found = [joined(base, href) for rel, href, kind in finder.links
             if "alternate" in rel and href and kind in kinds]  # fmt: skip
    return list(dict.fromkeys(u for u in found if u and not url_problem(u)))


class _LinkFinder(HTMLParser):
    """Collects (rel words, href, type) of every <link> in a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[set[str], str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "link":
            return
        values = {name: value or "" for name, value in attrs}
        rel = set(values.get("rel", "").lower().split())
        self.links.append((rel, values.get("href", ""), values.get("type", "").lower().strip()))
