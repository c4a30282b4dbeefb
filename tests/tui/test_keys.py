"""Pilot tests of the reader's keys and the state they change: bursts of keys, `/`, read marks,
the cursor after triage, range marking, the help modal and the narrow quotes panel."""

from __future__ import annotations

import pytest
from textual import events
from textual.keys import _character_to_key
from tui_helpers import NOW, reader, results, screen_text, search, wait_for

from newsreader.tui.app import NewsReaderApp
from newsreader.tui.widgets.search_bar import SearchBar

pytestmark = pytest.mark.anyio

WIDE, NARROW = (160, 48), (80, 24)


def burst(app: NewsReaderApp, text: str) -> None:
    """Queue one key event per character at once, as the driver does for a paste or a busy pty."""
    for character in text:
        app.post_message(events.Key(_character_to_key(character), character))


def search_bar(app: NewsReaderApp) -> SearchBar:
    return app.screen.query_one(SearchBar)


async def test_keys_in_a_burst_after_slash_all_land_in_the_search_bar(library) -> None:
    app = NewsReaderApp(library, query="harbour", now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(pilot, lambda: app.screen.status.total == 30)
        ids = [hit.id for hit in results(app).hits]
        results(app).focus()
        await pilot.pause()
        burst(app, "/kasmz")
        await wait_for(pilot, lambda: app.screen.status.query == "kasmz")
        await app.workers.wait_for_complete()
        assert search_bar(app).value == "kasmz" and app.focused is search_bar(app)
        assert not any(s.read or s.starred or s.archived for s in library.states(ids).values()), (
            "no key of the burst ran as a command"
        )


async def test_slash_then_q_in_a_burst_does_not_open_the_quotes_panel(library) -> None:
    app = NewsReaderApp(library, query="zelensky", now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(pilot, lambda: reader(app).article is not None)
        results(app).focus()
        await pilot.pause()
        burst(app, "/zq")
        await wait_for(pilot, lambda: search_bar(app).value == "zq")
        assert not app.screen.quotes.display


async def test_slash_in_the_empty_focused_search_bar_does_nothing(library) -> None:
    app = NewsReaderApp(library, now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(pilot, lambda: app.focused is search_bar(app))
        await pilot.press(*"/seoul")
        assert search_bar(app).value == "seoul"
        await pilot.press(*" a/b")  # inside a query a slash is text
        assert search_bar(app).value == "seoul a/b"


def unread(library, app: NewsReaderApp) -> bool:
    """No article of the list is read, in the library or on screen."""
    ids = [hit.id for hit in results(app).hits]
    on_screen = results(app).states
    return not any(s.read for s in library.states(ids).values()) and not any(
        on_screen[i].read for i in ids if i in on_screen
    )


async def test_articles_previewed_while_typing_or_browsing_stay_unread(library) -> None:
    app = NewsReaderApp(library, now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(pilot, lambda: app.focused is search_bar(app))
        for query in ("harbour", "zelensky"):  # search as you type: the reader previews
            search_bar(app).value = ""
            await pilot.press(*query)
            await wait_for(pilot, lambda q=query: app.screen.status.query == q)
            await wait_for(pilot, lambda: reader(app).article is not None)
            await pilot.pause(2.0)  # longer than any delay after which a shown article was read
        assert unread(library, app)
        results(app).focus()
        await pilot.press("j", "k")  # the cursor moves, the reader follows
        await pilot.pause(2.0)
        assert unread(library, app)


async def test_enter_or_focus_in_the_reader_marks_the_article_read(library) -> None:
    app = NewsReaderApp(library, query="zelensky", now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(pilot, lambda: reader(app).article is not None)
        first, second = (hit.id for hit in results(app).hits[:2])
        results(app).focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: library.states([first])[first].read)
        await wait_for(pilot, lambda: results(app).states[first].read)
        await pilot.press("escape", "j")
        await wait_for(pilot, lambda: reader(app).article.id == second)
        assert not library.states([second])[second].read
        await pilot.press("tab")  # into the reader: the article is open
        await wait_for(pilot, lambda: library.states([second])[second].read)


async def test_scrolling_to_the_end_of_an_article_marks_it_read(library) -> None:
    app = NewsReaderApp(library, query="zelensky", now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(pilot, lambda: reader(app).article is not None)
        results(app).focus()
        article = reader(app).article.id
        await wait_for(pilot, lambda: reader(app).max_scroll_y > 0)
        reader(app).scroll_to(y=reader(app).max_scroll_y // 2, animate=False)
        await pilot.pause(2.0)
        assert not library.states([article])[article].read, "half way is not the end"
        reader(app).scroll_end(animate=False)  # as the mouse wheel does, the list keeping focus
        await wait_for(pilot, lambda: library.states([article])[article].read)
        assert app.focused is results(app)


async def open_harbour(pilot, app: NewsReaderApp) -> list[str]:
    """Wait for the 30 harbour articles and focus the list; their ids in list order."""
    await wait_for(pilot, lambda: app.screen.status.total == 30)
    results(app).focus()
    await pilot.pause()
    return [hit.id for hit in results(app).hits]


def cursor_id(app: NewsReaderApp) -> str | None:
    current = results(app).current
    return current.id if current else None


async def test_archiving_moves_on_to_the_next_row_and_undo_comes_back(library) -> None:
    app = NewsReaderApp(library, query="harbour", now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        ids = await open_harbour(pilot, app)
        await pilot.press("j", "j", "a")
        await wait_for(pilot, lambda: app.screen.status.total == 29)
        assert results(app).highlighted == 2 and cursor_id(app) == ids[3]
        await pilot.press("a")
        await wait_for(pilot, lambda: app.screen.status.total == 28)
        assert cursor_id(app) == ids[4]
        await pilot.press("u")
        await wait_for(pilot, lambda: app.screen.status.total == 29)
        assert cursor_id(app) == ids[3], "undo puts the cursor on the row it brought back"


async def test_rows_leaving_a_filtered_view_leave_the_cursor_in_place(library) -> None:
    app = NewsReaderApp(library, query="harbour", now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        ids = await open_harbour(pilot, app)
        await pilot.press("U")  # unread only: reading a row takes it out of the view
        await wait_for(pilot, lambda: app.screen.status.unread_only and results(app).hits)
        await pilot.press("j", "m")
        await wait_for(pilot, lambda: app.screen.status.total == 29)
        assert cursor_id(app) == ids[2]
        await pilot.press("U", "s", "j", "s", "j", "s", "asterisk")  # star rows 0-2, starred only
        await wait_for(pilot, lambda: app.screen.status.total == 3)
        await pilot.press("j", "s")  # unstar the middle one
        await wait_for(pilot, lambda: app.screen.status.total == 2)
        assert cursor_id(app) == ids[2]


async def test_an_action_on_marked_rows_keeps_the_cursor_on_its_row(library) -> None:
    app = NewsReaderApp(library, query="harbour", now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        ids = await open_harbour(pilot, app)
        await pilot.press("j", "space", "space", "j")  # rows 1 and 2 marked, cursor on row 4
        assert cursor_id(app) == ids[4]
        await pilot.press("a")
        await wait_for(pilot, lambda: app.screen.status.total == 28)
        assert cursor_id(app) == ids[4] and results(app).highlighted == 2


async def test_v_starts_a_fresh_range_at_the_cursor_after_space_marks(library) -> None:
    app = NewsReaderApp(library, query="harbour", now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        ids = await open_harbour(pilot, app)
        await pilot.press("space", "j", "j", "V", "j", "V")  # row 0; then a range of rows 3-4
        assert results(app).marked == {ids[0], ids[3], ids[4]}
        await pilot.press("j", "j", "V", "j", "V")  # the range was closed: a new one, 6-7
        assert results(app).marked == {ids[0], ids[3], ids[4], ids[6], ids[7]}


async def test_j_k_g_and_capital_g_scroll_the_help(library) -> None:
    from textual.containers import VerticalScroll

    from newsreader.tui.screens.help import HelpScreen

    app = NewsReaderApp(library, now=NOW)
    async with app.run_test(size=NARROW) as pilot:
        await wait_for(pilot, lambda: bool(results(app).hits))
        results(app).focus()
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        body = app.screen.query_one("#help-body", VerticalScroll)
        await wait_for(pilot, lambda: body.max_scroll_y > 2)
        await pilot.press("j", "j")
        assert body.scroll_y == 2
        await pilot.press("k")
        assert body.scroll_y == 1
        await pilot.press("G")
        assert body.scroll_y == body.max_scroll_y
        await pilot.press("g")
        assert body.scroll_y == 0


async def test_typing_a_partial_word_keeps_the_last_results_until_a_pause(
    library, monkeypatch
) -> None:
    import newsreader.tui.screens.main as main

    monkeypatch.setattr(main, "EMPTY_DELAY", 3600)  # a typist who never pauses
    app = NewsReaderApp(library, now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(pilot, lambda: results(app).total > 30)
        shown: list[int] = []
        show_hits = results(app).show_hits

        def recording(hits, *args, **kwargs):
            shown.append(len(hits))
            show_hits(hits, *args, **kwargs)

        monkeypatch.setattr(results(app), "show_hits", recording)
        for end in range(1, len("harbour") + 1):  # h, ha, ... harbou: no whole word matches
            await pilot.press("harbour"[end - 1])
            await app.workers.wait_for_complete()  # its search has come back
        await wait_for(pilot, lambda: app.screen.status.total == 30)
        assert shown and 0 not in shown, "the list never flashed empty"
        await pilot.press("x", "enter")  # Enter shows that nothing matches, at once
        await wait_for(pilot, lambda: app.screen.status.total == 0)
        assert not results(app).hits
        assert "No articles match 'harbourx'" in str(reader(app).query_one("#reader-title").visual)


async def test_a_query_matching_nothing_shows_so_once_the_typist_pauses(library) -> None:
    app = NewsReaderApp(library, query="harbour", now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(pilot, lambda: app.screen.status.total == 30)
        await pilot.press(*"zq")
        await wait_for(pilot, lambda: app.screen.status.total == 0)
        assert not results(app).hits and app.focused is search_bar(app)
        title = str(reader(app).query_one("#reader-title").visual)
        assert f"No articles match '{app.screen.status.query}'" in title


async def open_narrow_panel(pilot, app: NewsReaderApp) -> None:
    """At 80x24: search zelensky, open the first article, open the quotes panel over it."""
    await search(pilot, app, "zelensky")
    await pilot.press("enter", "q")
    panel = app.screen.quotes
    await wait_for(pilot, lambda: panel.region.width > 70)


async def test_narrow_enter_on_a_quote_scrolls_the_reader_to_it(library) -> None:
    app = NewsReaderApp(library, now=NOW)
    async with app.run_test(size=NARROW) as pilot:
        await open_narrow_panel(pilot, app)
        panel = app.screen.quotes
        await pilot.press("G")
        last = panel.current_quote
        await pilot.press("enter")
        await wait_for(pilot, lambda: reader(app).region.width > 70)
        start = (last.spans or ((last.start, last.end),))[0][0]
        assert reader(app).highlights.quote[0][0] == start
        await wait_for(pilot, lambda: reader(app).scroll_y > 0)
        area = reader(app).content_region
        rows = screen_text(app).split("\n")[area.y : area.bottom]
        shown = " ".join(" ".join(row[area.x : area.right] for row in rows).split())
        assert " ".join(last.text.split())[:30] in shown


async def test_narrow_choosing_an_entity_shows_and_focuses_the_results(library) -> None:
    app = NewsReaderApp(library, now=NOW)
    async with app.run_test(size=NARROW) as pilot:
        await open_narrow_panel(pilot, app)
        panel = app.screen.quotes
        panel.query_one("TabbedContent").active = "tab-entities"
        panel.query_one("#entities-list").focus()
        await pilot.pause()
        await pilot.press("enter")
        await wait_for(pilot, lambda: ":" in app.screen.status.query)
        await wait_for(pilot, lambda: app.screen.status.total is not None)
        await wait_for(pilot, lambda: app.focused is results(app))
        assert not panel.display
        assert results(app).region.width > 70 and results(app).region.height > 5
        first = results(app).highlighted
        await pilot.press("j")  # the next key moves the list the user sees
        assert results(app).highlighted == min(first + 1, len(results(app).hits) - 1)


async def test_narrow_a_search_from_the_quotes_panel_shows_its_results(library) -> None:
    app = NewsReaderApp(library, now=NOW)
    async with app.run_test(size=NARROW) as pilot:
        await open_narrow_panel(pilot, app)
        await pilot.press("slash", *"harbour", "enter")
        await wait_for(pilot, lambda: app.screen.status.total == 30)
        await wait_for(pilot, lambda: app.focused is results(app))
        assert not app.screen.quotes.display
        assert results(app).region.width > 70 and results(app).region.height > 5


async def test_keys_in_a_burst_after_tab_go_to_the_next_pane(library) -> None:
    app = NewsReaderApp(library, query="harbour", now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(pilot, lambda: app.screen.status.total == 30)
        await wait_for(pilot, lambda: app.focused is search_bar(app))
        burst(app, "\tjj")
        await wait_for(pilot, lambda: results(app).highlighted == 2)
        assert search_bar(app).value == "harbour" and app.focused is results(app)
