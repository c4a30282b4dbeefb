"""The search thread: one thread for every library call, and a first page fetched early."""

from __future__ import annotations

import threading

import pytest
from tui_helpers import NOW, results

from newsreader.tui.app import NewsReaderApp
from newsreader.tui.model.search_thread import PageQuery, SearchThread

pytestmark = pytest.mark.anyio


async def test_a_prefetched_page_is_handed_over_once(library, monkeypatch) -> None:
    calls: list[tuple[str, str]] = []
    library_search = library.search

    def recording(query: str, **options):
        calls.append((query, threading.current_thread().name))
        return library_search(query, **options)

    monkeypatch.setattr(library, "search", recording)
    thread = SearchThread()
    try:
        thread.prefetch(library, PageQuery(""), None)
        result, states = await thread.page(library, PageQuery(""), None)
        assert result.total > 2 and len(calls) == 1
        assert set(states) <= {hit.id for hit in result.hits}
        again, _ = await thread.page(library, PageQuery(""), None)  # not the early one twice
        assert [h.id for h in again.hits] == [h.id for h in result.hits] and len(calls) == 2
        assert all(name.startswith("search") for _, name in calls)
    finally:
        thread.shutdown()


async def test_a_different_page_is_fetched_afresh(library) -> None:
    thread = SearchThread()
    try:
        thread.prefetch(library, PageQuery(""), None)
        result, _ = await thread.page(library, PageQuery("harbour"), None)
        assert result.total == 30 and result.query == "harbour"
    finally:
        thread.shutdown()


async def test_a_ready_page_is_taken_without_waiting(library) -> None:
    thread = SearchThread()
    try:
        assert thread.ready_page(PageQuery("")) is None  # nothing asked for
        thread.prefetch(library, PageQuery(""), None)
        thread._early[1].result(timeout=30)  # type: ignore[index]
        assert thread.ready_page(PageQuery("harbour")) is None  # another page
        ready = thread.ready_page(PageQuery(""))
        assert ready is not None and ready[0].total > 2
        assert thread.ready_page(PageQuery("")) is None  # handed over once
    finally:
        thread.shutdown()


async def test_the_app_shows_a_prefetched_page_in_its_first_frame(library) -> None:
    thread = SearchThread()
    thread.prefetch(library, PageQuery(""), NOW)
    thread._early[1].result(timeout=30)  # type: ignore[index]
    app = NewsReaderApp(library, now=NOW, search_thread=thread)
    async with app.run_test(size=(160, 48)):
        assert results(app).total > 2  # before any worker has had a turn


def _search_until_closed(library, searching: threading.Event) -> BaseException:
    """Search and read states in a loop, as the reader's search thread does, until it fails."""
    while True:
        try:
            result = library.search("harbour")
            library.states(hit.id for hit in result.hits)
        except Exception as error:  # the test asserts which one it was
            return error
        searching.set()


def test_closing_the_library_under_a_searching_thread_fails_its_calls_cleanly(library) -> None:
    """Closing SQLite's connection under a running statement crashed the process (a
    segmentation fault when the reader quit during a page fetch): close waits for the call in
    flight, and the calls after it get LibraryError."""
    from newsreader.index.faults import LibraryError

    searching, outcome = threading.Event(), []
    worker = threading.Thread(
        target=lambda: outcome.append(_search_until_closed(library, searching))
    )
    worker.start()
    assert searching.wait(30)
    library.close()
    worker.join(30)
    assert not worker.is_alive()
    assert isinstance(outcome[0], LibraryError) and str(outcome[0]) == "the library is closed"
    library.close()  # a second close is harmless


def test_closing_waits_until_the_calls_inside_have_left() -> None:
    from newsreader.index.call_gate import CallGate

    gate, inside, leave = CallGate(), threading.Event(), threading.Event()

    def call() -> None:
        with gate.entered():
            inside.set()
            leave.wait(30)

    caller = threading.Thread(target=call)
    caller.start()
    assert inside.wait(30)
    closer = threading.Thread(target=gate.close)
    closer.start()
    closer.join(0.2)
    assert closer.is_alive()  # still waiting for the call inside
    leave.set()
    closer.join(30)
    assert not closer.is_alive() and not caller.is_alive()
