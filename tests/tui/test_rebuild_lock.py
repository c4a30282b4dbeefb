"""A damaged search index the reader finds is rebuilt under the library's write lock, as
`reindex` rebuilds it: while another process writes the library (and may have the index open),
the reader lists from the record, says whom it waits for, and leaves the index alone."""

from __future__ import annotations

import os
from contextlib import ExitStack
from pathlib import Path

import pytest
from tui_helpers import NOW, results, wait_for

from newsreader.tui.app import NewsReaderApp

pytestmark = pytest.mark.anyio


async def test_a_damaged_index_waits_for_the_writer_before_it_is_rebuilt(
    library_path: Path,
) -> None:
    from newsreader.index.folder.writelock import WriteLock
    from newsreader.index.library import Library

    segments = sorted((library_path / "index").rglob("*.seg"))
    assert segments
    for segment in segments:
        os.truncate(segment, 1000)
    with ExitStack() as writer:
        writer.enter_context(WriteLock(library_path).held("index"))
        library = Library.open(library_path, defer_index=True)
        app = NewsReaderApp(library, now=NOW)
        async with app.run_test(size=(160, 48)) as pilot:

            def said(words: str) -> bool:
                shown = [n.message for n in app._notifications]
                return any(words in line for line in [*library.notices, *shown])

            await wait_for(pilot, lambda: bool(results(app).hits))  # listed from the record
            await wait_for(pilot, lambda: said("waiting for another newsreader index (pid"))
            assert all(s.exists() and s.stat().st_size == 1000 for s in segments), "rebuilt"
            writer.close()  # the writer finishes
            await wait_for(pilot, lambda: said("rebuilding it from the library record"))
            await pilot.press(*"harbour")
            await wait_for(pilot, lambda: app.screen.status.total == 30)
        library.close()
    assert not any(s.exists() and s.stat().st_size == 1000 for s in segments)
