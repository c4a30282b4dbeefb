"""A fetch killed mid-way loses nothing published, the next one carries on; two fetches of one
library take turns. Real processes, real HTTP on 127.0.0.1."""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path

import pytest
from process_helpers import NEWSREADER, library_env, start, stored, wait_until
from web_server import WebServer, article_page

from newsreader.index.library import Library

pytestmark = pytest.mark.slow  # fetch runs stopped and raced in newsreader processes

FEEDS, ENTRIES = 6, 15


def serve_many(server: WebServer, delay: float) -> None:
    """FEEDS feeds of ENTRIES entries, each page answering after ``delay`` seconds."""
    for f in range(FEEDS):
        items = []
        for n in range(ENTRIES):
            path = f"/f{f}/story-{n}"
            words = [
                f"Dispatch {f}-{n} from the harbour: the council met on day {n} and voted "
                f"on motion {f * 100 + n}, which the mayor called a turning point.",
                f"Residents of ward {f} said the decision on item {n} was long overdue.",
            ]
            server.add(path, article_page(f"Dispatch {f}-{n}", words), delay=delay)
            items.append(f"<item><title>Dispatch {f}-{n}</title><guid>g{f}-{n}</guid>"
                         f"<link>{server.url(path)}</link></item>")  # fmt: skip
        feed = (
            f"<rss version='2.0'><channel><title>Feed {f}</title>{''.join(items)}</channel></rss>"
        )
        server.add(f"/f{f}.xml", feed, content_type="application/rss+xml")


def subscribe(server: WebServer, library: Path) -> None:
    with Library.open(library, defer_index=True) as lib:
        for f in range(FEEDS):
            lib.subscriptions.add(server.url(f"/f{f}.xml"))


def fetch(library: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(NEWSREADER), "fetch", "--no-analysis", *args], env=library_env(library),
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip


def test_a_fetch_killed_mid_way_loses_nothing_published(web_server, tmp_path):
    serve_many(web_server, delay=0.15)
    library = tmp_path / "lib"
    subscribe(web_server, library)
    proc = start("fetch", "--no-analysis", library=library)
    total = FEEDS * ENTRIES
    wait_until(lambda: proc.poll() is not None or stored(library / "library.db") > 0, 300,
               "the first feed's articles committed")  # fmt: skip
    assert proc.poll() is None, "the fetch finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    with Library.open(library) as lib:
        kept = lib.count()
        assert 0 < kept < total
        assert lib.search("dispatch").total == kept  # what was committed is searchable
    done = fetch(library)
    assert done.returncode == 0, done.stderr
    assert f"articles: {total - kept} new" in done.stderr
    with Library.open(library) as lib:
        assert lib.count() == total
        assert lib.search("dispatch").total == total


def test_two_fetches_take_turns(web_server, tmp_path):
    serve_many(web_server, delay=0.3)
    library = tmp_path / "lib"
    subscribe(web_server, library)
    first = start("fetch", "--no-analysis", library=library)

    # Subscribing already read each feed, so an article page asked for is what shows that the
    # first fetch holds the library.
    def page_asked() -> bool:
        return any("/story-" in seen.path for seen in web_server.requests)

    wait_until(lambda: page_asked() or first.poll() is not None, 120,
               "the first fetch to start")  # fmt: skip
    second = fetch(library)
    _, err = first.communicate(timeout=600)
    assert first.returncode == 0, err
    assert second.returncode == 0, second.stderr
    assert second.stderr.startswith(
        f"newsreader: waiting for another newsreader fetch (pid {first.pid}) to finish\n"
    )
    assert "(6 not due)" in second.stderr  # the first one fetched them all
    with Library.open(library) as lib:
        assert lib.count() == FEEDS * ENTRIES


def test_ctrl_c_while_a_server_holds_a_page_ends_the_fetch_at_once(web_server, tmp_path):
    """A page that never answers must not keep an interrupted fetch alive until the request
    timeout (30 s): the stop cuts the connection the page thread is waiting on."""
    items = []
    for n in range(3):
        path = web_server.add(f"/stuck-{n}", article_page("Stuck", ["Never sent."]), delay=600)
        items.append(f"<item><title>Story {n}</title><guid>s{n}</guid><link>{path}</link></item>")
    feed = f"<rss version='2.0'><channel><title>Slow</title>{''.join(items)}</channel></rss>"
    web_server.add("/feed.xml", feed, content_type="application/rss+xml")
    library = tmp_path / "lib"
    with Library.open(library, defer_index=True) as lib:
        lib.subscriptions.add(web_server.url("/feed.xml"))

    def page_asked() -> bool:
        return any(seen.path.startswith("/stuck-") for seen in web_server.requests)

    proc = start("fetch", "--no-analysis", library=library)
    wait_until(lambda: proc.poll() is not None or page_asked(), 120, "the fetch to ask for a page")
    assert proc.poll() is None, "the fetch ended before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=20)  # a hang lasts the request timeout, 30 s
    assert proc.returncode == 130, err
    assert err.splitlines()[-1] == "newsreader: interrupted"
    assert "Traceback" not in err
