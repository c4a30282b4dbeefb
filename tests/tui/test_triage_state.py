"""Pilot tests of what triage stores: undo records when it changed a flag (so a merge of older
state does not bring the undone change back), and the tag prompt refuses names outside the tag
alphabet with a message shown as text."""

from __future__ import annotations

import pytest
from tui_helpers import NOW, screen_text, wait_for, wait_for_prompt

from newsreader.index.record.state_file import parse_state
from newsreader.tui.app import NewsReaderApp
from newsreader.tui.widgets.results_list import ResultsList

pytestmark = pytest.mark.anyio

WIDE = (160, 48)


def results(app: NewsReaderApp) -> ResultsList:
    return app.screen.query_one(ResultsList)


async def open_list(pilot, app: NewsReaderApp) -> str:
    await wait_for(pilot, lambda: app.screen.status.total == 30)
    results(app).focus()
    await pilot.pause()
    return results(app).current.id


async def test_an_undo_is_newer_than_the_change_it_undoes(library) -> None:
    app = NewsReaderApp(library, query="harbour", now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        first = await open_list(pilot, app)
        await pilot.press("s")
        await wait_for(pilot, lambda: results(app).states[first].starred)
        starred = library.export_state()  # what another machine could hold now
        await pilot.press("u")
        await wait_for(pilot, lambda: not results(app).states[first].starred)
        await app.workers.wait_for_complete()
    _, counts = library.import_state(starred)
    assert counts.changed == 0
    assert not library.states([first])[first].starred
    undone = parse_state(library.export_state()).articles[first].flags["starred"]
    assert undone.at > parse_state(starred).articles[first].flags["starred"].at


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("to read", 'tag "to read" cannot contain spaces'),
        ("[b]x,y", "tag \"[b]x,y\" cannot contain ','"),
        ("[red]a b", 'tag "[red]a b" cannot contain spaces'),
    ],
)
async def test_the_tag_prompt_refuses_a_bad_name_with_a_plain_message(
    library, typed: str, shown: str
) -> None:
    app = NewsReaderApp(library, query="harbour", now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        first = await open_list(pilot, app)
        await pilot.press("t")
        await wait_for_prompt(pilot, app)
        await pilot.press(*typed, "enter")
        await wait_for(pilot, lambda: any(n.message == shown for n in app._notifications))
        notice = next(n for n in app._notifications if n.message == shown)
        assert notice.markup is False and notice.severity == "error"
        await app.workers.wait_for_complete()
        assert results(app).states[first].tags == ()
    assert library.tags() == []


async def test_imported_names_reach_the_saved_list_without_escapes(library, tmp_path) -> None:
    """Names from another machine's state file are cleaned when imported, before any display."""
    import json

    from newsreader.tui.screens.saved import SavedSearchesScreen

    hostile = {"title\x1b]2;owned\x07": "harbour", "wipe\u009b2J": "harbour \x1b[2J"}
    text = json.dumps({"format": "newsreader-state", "version": 2, "saved_searches": hostile})
    library.import_state(text)
    app = NewsReaderApp(library, query="harbour", now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        await open_list(pilot, app)
        await pilot.press("L")
        await wait_for(pilot, lambda: isinstance(app.screen, SavedSearchesScreen))
        await pilot.pause()
        shown = screen_text(app)
    assert "title\ufffd]2;owned\ufffd" in shown and "wipe\ufffd2J" in shown
    assert not any((ord(c) < 32 and c != "\n") or 0x7F <= ord(c) <= 0x9F for c in shown)
