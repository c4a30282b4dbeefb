"""The library views through Pilot: number keys, speakers, a speaker's quotes, claims, sources,
the jumps between them and back, and one query filtering them all."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_helpers import NOW, screen_text, wait_for

from newsreader.tui.app import NewsReaderApp
from newsreader.tui.screens.article_view import ArticleScreen
from newsreader.tui.screens.claims_view import ClaimsScreen
from newsreader.tui.screens.speaker_quotes import SpeakerQuotesScreen
from newsreader.tui.screens.speakers_view import SpeakersScreen
from newsreader.tui.screens.view_screen import ViewScreen
from newsreader.tui.widgets.reader import Reader
from newsreader.tui.widgets.results_list import ResultsList
from newsreader.tui.widgets.search_bar import SearchBar
from newsreader.tui.widgets.view_table import ViewTable

SIZE = (120, 36)
pytestmark = pytest.mark.anyio


def make_app(path: Path, query: str = "") -> NewsReaderApp:
    from newsreader.index.library import Library

    return NewsReaderApp(Library.open(path), query=query, now=NOW)


async def started(pilot) -> None:
    app = pilot.app
    await wait_for(pilot, lambda: app.main_screen.status.total is not None)
    await wait_for(pilot, lambda: app.main_screen.results.hits)


async def shown(pilot, screen_type: type[ViewScreen]) -> ViewScreen:
    """The view once its data for the current query is drawn."""
    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, screen_type))
    view = app.screen
    await wait_for(pilot, lambda: view.summary != "reading…" and view.summary != "")
    await pilot.pause()
    return view


def rows(view: ViewScreen, table_id: str) -> list[tuple[str, ...]]:
    return view.query_one(f"#{table_id}", ViewTable).rows


async def test_number_keys_switch_views_from_every_pane_but_the_search_bar(views_path) -> None:
    app = make_app(views_path)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        main = app.main_screen
        assert isinstance(main.focused, SearchBar)
        await pilot.press("2")  # in the search bar a digit is text
        assert app.current_mode == "articles" and main.query_one(SearchBar).value == "2"
        await pilot.press("backspace", "escape")  # Escape leaves the search bar first
        assert isinstance(main.focused, ResultsList)
        await pilot.press("2")
        await shown(pilot, SpeakersScreen)
        await pilot.press("3")
        await shown(pilot, ClaimsScreen)
        await pilot.press("1")
        assert app.current_mode == "articles" and app.screen is main
        await pilot.press("enter")  # into the reader: the keys still switch
        await wait_for(pilot, lambda: isinstance(main.focused, Reader))
        await pilot.press("4")
        assert app.current_mode == "sources"
        await pilot.press("1")
        assert isinstance(main.focused, Reader), "the articles screen is as it was left"


async def test_speakers_merged_sorted_by_quotes_and_sorts_one_key_away(views_path) -> None:
    app = make_app(views_path)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("escape", "2")
        view = await shown(pilot, SpeakersScreen)
        listed = rows(view, "speakers")
        names = [row[0] for row in listed]
        assert "Volodymyr Zelensky" in names and "Volodymyr Zelenskyy" not in names, "merged"
        assert "Maria Lopez" in names and "Lopez" not in names
        counts = [int(row[1]) for row in listed]
        assert counts == sorted(counts, reverse=True)
        umerov = next(row for row in listed if row[0] == "Rustem Umerov")
        assert umerov[3:] == ("—", "—"), "an undated speaker has no dates"
        await pilot.press("S")
        assert view.sort == "articles" and "sort: articles" in screen_text(app)
        await pilot.press("S", "S")
        assert view.sort == "name"
        shown_names = [row[0] for row in rows(view, "speakers")]
        assert shown_names == sorted(shown_names, key=str.casefold)


async def test_speaker_quotes_open_the_article_at_the_quote_and_escape_comes_back(
    views_path,
) -> None:
    app = make_app(views_path)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("escape", "2")
        view = await shown(pilot, SpeakersScreen)
        table = view.query_one(ViewTable)
        place = next(i for i, s in enumerate(view.speakers) if s.name == "Volodymyr Zelensky")
        table.cursor = place
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SpeakerQuotesScreen))
        quotes = app.screen
        await wait_for(pilot, lambda: quotes.rows)
        dates = [r.article.date for r in quotes.rows]
        assert dates[-1] is None, "the undated article's quote comes last"
        assert [d for d in dates if d] == sorted((d for d in dates if d), reverse=True)
        assert "Troops gather at the border" in screen_text(app)
        quotes.table.cursor = 1
        chosen = quotes.rows[1]
        await pilot.press("y")
        assert chosen.quote.text.strip('“”",')[:20] in app.clipboard
        assert "Volodymyr Zelensky" in app.clipboard and chosen.article.title in app.clipboard
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ArticleScreen))
        reader = app.screen.query_one(Reader)
        await wait_for(pilot, lambda: reader.article is not None and reader.highlights.quote)
        assert reader.article.id == chosen.article.id
        assert reader.highlights.quote == (
            chosen.quote.spans or ((chosen.quote.start, chosen.quote.end),)
        )
        await pilot.press("escape")
        assert app.screen is quotes and quotes.table.cursor == 1, "back at the same quote"
        await pilot.press("escape")
        assert app.screen is view and table.cursor == place, "back at the same speaker"


async def test_the_search_bar_filters_every_view(views_path) -> None:
    app = make_app(views_path)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("escape", "2")
        view = await shown(pilot, SpeakersScreen)
        assert "Rustem Umerov" in [row[0] for row in rows(view, "speakers")]
        await pilot.press("slash")
        await pilot.press(*"date:2025-01")
        await wait_for(pilot, lambda: view.query_text == "date:2025-01")
        await shown(pilot, SpeakersScreen)
        names = [row[0] for row in rows(view, "speakers")]
        assert "Rustem Umerov" not in names and "Maria Lopez" not in names
        assert "Volodymyr Zelensky" in names
        await pilot.press("3")  # a digit in the search bar is text: Escape first
        assert view.query_one(SearchBar).value == "date:2025-013"
        await pilot.press("backspace", "escape", "3")
        claims = await shown(pilot, ClaimsScreen)
        assert claims.query_text == "date:2025-01"
        claims.group_table.cursor = 0  # all claims
        await wait_for(pilot, lambda: claims.rows_group == ("date:2025-01", None, "newest"))
        assert claims.rows and len(claims.rows) == claims.data.claims
        assert all(r.article.date and r.article.date.month == 1 for r in claims.rows)
        await pilot.press("4")
        sources = await shown(pilot, ViewScreen)
        assert sources.query_text == "date:2025-01"
        assert [row[:2] for row in rows(sources, "sources")] == [("(no source)", "2")]
        await pilot.press("1")
        main = app.main_screen
        await wait_for(pilot, lambda: main.status.query == "date:2025-01")
        assert main.query_one(SearchBar).value == "date:2025-01"


async def test_claims_grouped_sorted_by_value_and_open_at_the_claim(views_path) -> None:
    app = make_app(views_path)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("escape", "3")
        view = await shown(pilot, ClaimsScreen)
        assert isinstance(view, ClaimsScreen)
        groups = [row[0] for row in rows(view, "claim-groups")]
        assert groups[0] == "all claims" and {"soldiers", "jobs", "%", "GBP"} <= set(groups)
        view.group_table.cursor = groups.index("jobs")
        await wait_for(pilot, lambda: {r.group for r in view.rows} == {"jobs"})
        assert [row[1] for row in rows(view, "claims")] == ["300", "1,200"], "newest first"
        await pilot.press("S", "S")
        assert view.sort == "largest"
        assert [row[1] for row in rows(view, "claims")] == ["1,200", "300"]
        view.group_table.cursor = 0
        await wait_for(pilot, lambda: view.rows_group and view.rows_group[1] is None)
        assert len(view.rows) == view.data.claims
        assert {"4,500", "40%", "£1.2bn"} <= {row[1] for row in rows(view, "claims")}
        view.group_table.cursor = groups.index("jobs")
        await pilot.press("enter")  # from the groups to their claims
        assert view.focused is view.claim_table
        chosen = view.rows[0]
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ArticleScreen))
        reader = app.screen.query_one(Reader)
        await wait_for(pilot, lambda: reader.highlights.quote)
        assert reader.article.id == chosen.article.id
        assert reader.highlights.quote == ((chosen.claim.start, chosen.claim.end),)
        await pilot.press("escape")
        assert app.screen is view and view.sort == "largest"


async def test_sources_with_unread_counts_and_enter_searches_one(views_path) -> None:
    app = make_app(views_path)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("escape", "4")
        view = await shown(pilot, ViewScreen)
        listed = {row[0]: row for row in rows(view, "sources")}
        assert listed["Border Gazette"][1:3] == ("2", "2")
        assert listed["Wire"][1:3] == ("1", "1")
        assert listed["(no source)"][1] == "3"
        view.query_one(ViewTable).cursor = list(listed).index("Border Gazette")
        await pilot.press("enter")
        main = app.main_screen
        await wait_for(pilot, lambda: app.screen is main and main.status.total == 2)
        assert main.status.query == 'source:"Border Gazette"'
        assert {hit.title for hit in main.results.hits} == {
            "Harbour jobs report",
            "Harbour jobs cut",
        }


async def test_views_are_in_the_palette_and_remappable(views_path, quiet_environment) -> None:
    quiet_environment.write_text('[keys]\n"views.speakers" = "f2"\n', encoding="utf-8")
    app = make_app(views_path)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        names = [name for name, _keys, _call in app.view_switch.palette_commands()]
        assert names == ["Articles view", "Speakers view", "Claims view", "Sources view"]
        assert (
            dict((n, k) for n, k, _ in app.view_switch.palette_commands())["Speakers view"]
            == "key: f2"
        )
        await pilot.press("escape", "f2")
        await shown(pilot, SpeakersScreen)
        await pilot.press("1", "2")
        assert app.current_mode == "articles", "2 no longer switches: f2 does"


async def test_an_article_opened_from_a_view_is_read_in_the_articles_list(views_path) -> None:
    app = make_app(views_path)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        main = app.main_screen
        assert not any(state.read for state in main.results.states.values()), "all unread"
        await pilot.press("escape", "2")
        view = await shown(pilot, SpeakersScreen)
        view.table.cursor = next(i for i, s in enumerate(view.speakers) if s.name == "Maria Lopez")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SpeakerQuotesScreen))
        quotes = app.screen
        await wait_for(pilot, lambda: quotes.rows)
        opened = quotes.rows[0].article
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ArticleScreen))
        reader = app.screen.query_one(Reader)
        await wait_for(pilot, lambda: reader.article is not None)
        await wait_for(pilot, lambda: app.library.states([opened.id])[opened.id].read)
        await pilot.press("escape", "escape", "1")
        assert app.screen is main
        await wait_for(pilot, lambda: main.results.states[opened.id].read)
        row = next(i for i, hit in enumerate(main.results.hits) if hit.id == opened.id)
        others = [i for i, hit in enumerate(main.results.hits) if hit.id != opened.id]
        drawn = main.results.get_option_at_index(row).prompt.content
        unread = main.results.get_option_at_index(others[0]).prompt.content
        assert drawn.state.read and not unread.state.read, "the row is drawn read"


async def test_a_large_group_shows_its_newest_claims_first_then_all(
    views_path, monkeypatch
) -> None:
    from newsreader.tui.screens import claims_view

    monkeypatch.setattr(claims_view, "FIRST_ROWS", 1)  # every group is larger than a first read
    app = make_app(views_path)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("escape", "3")
        view = await shown(pilot, ClaimsScreen)
        groups = [row[0] for row in rows(view, "claim-groups")]
        view.group_table.cursor = groups.index("jobs")
        await wait_for(pilot, lambda: view.rows_group and view.rows_group[1] == "jobs")
        assert [row[1] for row in rows(view, "claims")] == ["300", "1,200"], "newest first, all"
        # The chart mounts after the full read's rows, in a refresh of its own.
        await wait_for(pilot, lambda: bool(view.query("TimeChart")))
