"""A newer search abandons an older one on the search thread instead of waiting behind it."""

from __future__ import annotations

import asyncio
import threading

import pytest

from newsreader.index.faults import SearchAbandoned
from newsreader.tui.model.search_thread import PageQuery, SearchThread

pytestmark = pytest.mark.anyio

PASTED = " OR ".join(a + b + "*" for a in "tasciopwmbfdhrle" for b in "aeiouhrt")


async def test_a_later_page_abandons_the_one_queued_before_it(library) -> None:
    thread = SearchThread()
    busy, release = threading.Event(), threading.Event()

    def hold() -> None:  # keeps the thread busy until both pages have been asked for
        busy.set()
        release.wait(timeout=60)

    try:
        held = asyncio.ensure_future(thread.run(hold))
        await asyncio.get_running_loop().run_in_executor(None, busy.wait, 60)
        pasted = asyncio.ensure_future(thread.page(library, PageQuery(PASTED), None))
        later = asyncio.ensure_future(thread.page(library, PageQuery("zelensky"), None))
        release.set()
        await held
        with pytest.raises(SearchAbandoned):
            await pasted
        result, _ = await later
        assert result.total >= 1 and result.query == "zelensky"
        again, _ = await thread.page(library, PageQuery(PASTED), None)  # alone, it runs out
        assert again.total > 0 and "prefix matched too many words" in (again.problem or "")
    finally:
        release.set()
        thread.shutdown()
