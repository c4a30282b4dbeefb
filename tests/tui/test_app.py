"""Pilot tests of the main screen: search, list, reader, quotes panel, layout and keys."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from textual.widgets import Input
from tui_helpers import NOW, reader, results, screen_text, search, wait_for

from newsreader.tui.app import NewsReaderApp
from newsreader.tui.palette import screen_commands
from newsreader.tui.screens.help import HelpScreen
from newsreader.tui.screens.main import MainScreen
from newsreader.tui.widgets.article_body import ArticleBody
from newsreader.tui.widgets.quotes_panel import QuotesPanel
from newsreader.tui.widgets.search_bar import SearchBar

pytestmark = pytest.mark.anyio

WIDE, NARROW = (160, 48), (80, 24)


async def test_enter_in_search_focuses_list_and_shows_first_hit(library) -> None:
    app = NewsReaderApp(library, now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.focused, SearchBar))
        await search(pilot, app, "zelensky")
        hits = results(app).hits
        assert len(hits) == 2 and results(app).highlighted == 0
        assert reader(app).article.id == hits[0].id
        text = screen_text(app)
        assert "2 hits" in text and "'zelensky'" in text
        assert "Zelensky" in text.split("hits", 1)[1]


async def test_search_as_you_type_without_enter(library) -> None:
    app = NewsReaderApp(library, now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(pilot, lambda: results(app).total > 2)
        await pilot.press(*"harbour")
        await wait_for(pilot, lambda: app.screen.status.total == 30)
        assert isinstance(app.focused, SearchBar)
        assert all("Harbour" in hit.title for hit in results(app).hits)


async def test_changes_that_arrive_together_run_one_search(library) -> None:
    app = NewsReaderApp(library, now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(pilot, lambda: results(app).total > 2)
        screen, bar = app.screen, app.screen.query_one(SearchBar)
        before = screen.search_box._generation
        for end in range(1, len("harbour") + 1):  # as keys pasted or sent in one burst
            bar.value = "harbour"[:end]
        await wait_for(pilot, lambda: screen.status.total == 30)
        assert screen.search_box._generation == before + 1
        assert screen.status.query == "harbour"


async def test_query_problem_is_shown_under_the_search_bar(library) -> None:
    app = NewsReaderApp(library, now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.focused, SearchBar))
        await pilot.press(*'"harbour ships', "enter")
        problem = app.screen.query_one("#problem")
        await wait_for(pilot, lambda: problem.display)
        assert "quote" in str(problem.render()).lower()


async def test_pages_load_as_the_cursor_nears_the_end(library, monkeypatch) -> None:
    import newsreader.tui.model.search_thread as search_thread

    monkeypatch.setattr(search_thread, "PAGE", 10)
    pages: list[int] = []
    search_library = library.search

    def recording(query: str, **options):
        if options.get("limit") == 10:
            pages.append(options.get("offset", 0))
        return search_library(query, **options)

    monkeypatch.setattr(library, "search", recording)
    app = NewsReaderApp(library, query="harbour", now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        # The next page may be asked for as soon as the first shows: wait for any first page.
        await wait_for(pilot, lambda: len(results(app).hits) >= 10)
        assert results(app).total == 30
        results(app).focus()
        await pilot.press("G")
        await wait_for(pilot, lambda: len(results(app).hits) == 30)
        ids = [hit.id for hit in results(app).hits]
        assert len(set(ids)) == 30
        assert pages == [0, 10, 20]


async def test_list_keys_move_and_brackets_step_articles(library) -> None:
    app = NewsReaderApp(library, query="harbour", now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(pilot, lambda: bool(results(app).hits))
        results(app).focus()
        await pilot.press("j", "j")
        assert results(app).highlighted == 2
        await pilot.press("k")
        assert results(app).highlighted == 1
        await pilot.press("G")
        assert results(app).highlighted == len(results(app).hits) - 1
        await pilot.press("g")
        assert results(app).highlighted == 0
        await pilot.press("enter")
        assert app.focused is reader(app)
        await pilot.press("right_square_bracket")
        await wait_for(pilot, lambda: reader(app).article.id == results(app).hits[1].id)
        assert app.focused is reader(app)
        await pilot.press("left_square_bracket")
        await wait_for(pilot, lambda: reader(app).article.id == results(app).hits[0].id)


async def test_reader_scrolls_and_finds_search_hits(library) -> None:
    app = NewsReaderApp(library, now=NOW)
    async with app.run_test(size=(100, 20)) as pilot:
        await search(pilot, app, "soldiers")
        await pilot.press("enter")
        view = reader(app)
        assert view.hit_count > 3
        await pilot.press("space")
        await wait_for(pilot, lambda: view.scroll_y > 0)
        await pilot.press("g")
        await wait_for(pilot, lambda: view.scroll_y == 0)
        await pilot.press("n", "n")
        assert view.highlights.current is not None
        second = view.highlights.current
        await pilot.press("N")
        assert view.highlights.current != second
        await pilot.press("N")  # wraps to the last occurrence
        assert view.highlights.current == view._hits[-1]
        await wait_for(pilot, lambda: view.scroll_y > 0)


async def test_layers_toggle_with_keys(library) -> None:
    app = NewsReaderApp(library, query="zelensky", now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(pilot, lambda: reader(app).article is not None)
        view = reader(app)
        legend = app.screen.query_one("#reader-legend")
        assert "person" in str(legend.render())
        await pilot.press("tab")  # leave the search bar, whose Input eats letters
        await pilot.press("e", "c", "h")
        assert (view.highlights.entities, view.highlights.claims, view.highlights.terms) == (
            False,
            False,
            False,
        )
        assert "no highlights" in str(legend.render())
        await pilot.press("e")
        assert view.highlights.entities


async def test_narrow_layout_reader_takes_the_screen_and_escape_goes_back(library) -> None:
    app = NewsReaderApp(library, now=NOW)
    async with app.run_test(size=NARROW) as pilot:
        await search(pilot, app, "zelensky")
        assert app.screen.panes.narrow
        assert not reader(app).display or reader(app).region.width == 0
        await pilot.press("enter")
        await wait_for(pilot, lambda: reader(app).region.width > 70)
        assert results(app).region.width == 0
        assert "Zelensky" in screen_text(app)
        await pilot.press("escape")
        assert app.focused is results(app)
        await wait_for(pilot, lambda: results(app).region.width > 70)
        await pilot.press("enter", "backspace")  # Escape is not the only way back
        assert app.focused is results(app)


async def test_split_ratio_changes_and_is_remembered(library) -> None:
    app = NewsReaderApp(library, now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(pilot, lambda: bool(results(app).hits))
        before = results(app).region.width
        await pilot.press("tab", "greater_than_sign", "greater_than_sign")
        await wait_for(pilot, lambda: results(app).region.width > before)
        await app.workers.wait_for_complete()
        split = app.screen.panes.split
    again = NewsReaderApp(library, now=NOW)
    async with again.run_test(size=WIDE) as pilot:
        await wait_for(pilot, lambda: bool(results(again).hits))
        assert again.screen.panes.split == split == 50
        assert results(again).region.width == pytest.approx(80, abs=1)


async def test_header_shows_sort_filters_and_ssh_host(library, monkeypatch) -> None:
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.1 5000 10.0.0.2 22")
    app = NewsReaderApp(library, query="harbour", now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(pilot, lambda: app.screen.status.total == 30)
        await pilot.press("tab", "S")
        await wait_for(pilot, lambda: app.screen.status.total == 30)
        status = str(app.screen.query_one("#status").render())
        assert "newest first" in status and "@" in status
        assert results(app).hits[0].date >= results(app).hits[-1].date
        await pilot.press("U")
        await wait_for(pilot, lambda: app.screen.status.total is not None)
        assert "unread" in str(app.screen.query_one("#status").render())


async def test_history_walks_with_up_and_down(library) -> None:
    app = NewsReaderApp(library, now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        await search(pilot, app, "harbour")
        await search(pilot, app, "zelensky")
        await app.workers.wait_for_complete()
        await pilot.press("slash")
        bar = app.screen.query_one(SearchBar)
        bar.value = "draft"
        await pilot.press("up")
        assert bar.value == "zelensky"
        await pilot.press("up")
        assert bar.value == "harbour"
        await pilot.press("down", "down")
        assert bar.value == "draft"


async def test_help_lists_remapped_keys(library, quiet_environment: Path) -> None:
    quiet_environment.write_text('[keys]\n"main.quotes" = "w"\n', encoding="utf-8")
    app = NewsReaderApp(library, query="zelensky", now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(pilot, lambda: reader(app).article is not None)
        await pilot.press("tab", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = {description: keys for _where, keys, description, _id in app.help_rows()}
        assert rows["Quotes"] == "w"
        assert "Quotes" in screen_text(app)
        await pilot.press("escape")
        await pilot.press("w")
        assert app.screen.query_one(QuotesPanel).display
        await pilot.press("escape", "q")  # q is no longer bound to the panel
        assert not app.screen.query_one(QuotesPanel).display


async def test_command_palette_offers_every_action(library) -> None:
    app = NewsReaderApp(library, now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(pilot, lambda: bool(results(app).hits))
        names = {name for name, _keys, _callback in screen_commands(app.screen)}
        assert {"Quotes", "Sort", "Undo", "Save search", "Help"} <= names
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"sort")
        await wait_for(pilot, lambda: "Sort" in screen_text(app))
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen.status.sort == "-date")


async def test_markup_and_escape_sequences_show_as_text(library) -> None:
    app = NewsReaderApp(library, now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        await search(pilot, app, "zebrafish")
        text = screen_text(app)
        assert "[bold]not bold[/]" in text
        assert "[bold]still plain[/] and [/] and [link=https://evil.test]click[/link]" in text
        assert "[31mred" in text and "\x1b" not in text
        body = app.screen.query_one(ArticleBody)
        rows = [body.render_line(y) for y in range(body.size.height)]
        plain = next(row for row in rows if "still plain" in row.text)
        assert not any(s.style and (s.style.bold or s.style.link) for s in plain)


async def test_quit_with_capital_q(library) -> None:
    app = NewsReaderApp(library, now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(pilot, lambda: bool(results(app).hits))
        await pilot.press("tab", "Q")
        await pilot.pause()
    assert app.return_code == 0


async def test_typing_letters_in_the_search_bar_does_not_trigger_keys(library) -> None:
    app = NewsReaderApp(library, now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.focused, SearchBar))
        await pilot.press(*"quiet Sunday mass")
        bar = app.screen.query_one(Input)
        assert bar.value == "quiet Sunday mass"
        assert not app.screen.query_one(QuotesPanel).display
        assert app.is_running


async def test_every_search_runs_on_the_one_search_thread(library, monkeypatch) -> None:
    # The engine keeps a searcher (and its caches) per thread: a pool would multiply them.
    threads: set[str] = set()
    library_search = library.search

    def recording_search(*args, **kwargs):
        threads.add(threading.current_thread().name)
        return library_search(*args, **kwargs)

    monkeypatch.setattr(library, "search", recording_search)
    app = NewsReaderApp(library, now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        for query in ("zelensky", "harbour", "korea"):
            await search(pilot, app, query)
        await pilot.press("L")
        await wait_for(pilot, lambda: not isinstance(app.screen, MainScreen))
    assert len(threads) == 1 and next(iter(threads)).startswith("search")


async def test_lists_the_library_first_then_opens_the_index(library_path: Path) -> None:
    """Started as `newsreader` starts it: the first page comes from SQLite, then the index
    opens in the background and what it had to say shows as a toast."""
    import shutil

    from newsreader.index.library import Library

    shutil.rmtree(library_path / "index")
    deferred = Library.open(library_path, defer_index=True)
    app = NewsReaderApp(deferred, now=NOW)
    try:
        async with app.run_test(size=WIDE) as pilot:
            await wait_for(pilot, lambda: results(app).total > 30)
            dates = [hit.date for hit in results(app).hits]
            assert dates == sorted(dates, reverse=True)  # newest first
            await wait_for(pilot, lambda: any("missing" in n.message for n in app._notifications))
            await search(pilot, app, "zelensky")
            assert len(results(app).hits) == 2
    finally:
        deferred.close()


async def test_theme_from_the_config_and_a_palette_choice_is_remembered(
    library, quiet_environment: Path
) -> None:
    from newsreader.tui import config as user_config

    quiet_environment.write_text('theme = "ansi-dark"\n', encoding="utf-8")
    app = NewsReaderApp(library, now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(pilot, lambda: results(app).total > 0)
        assert app.theme == "ansi-dark"
        app.theme = "ansi-light"  # what the palette's "Change theme" does
        await wait_for(pilot, lambda: user_config.state_path(quiet_environment).exists())
    quiet_environment.unlink()
    assert user_config.load_config().theme == "ansi-light"
    quiet_environment.write_text('theme = "no-such-theme"\n', encoding="utf-8")
    app = NewsReaderApp(library, now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(pilot, lambda: any("unknown theme" in n.message for n in app._notifications))
