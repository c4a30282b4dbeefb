"""Mistakes in config.toml's [keys] are named at start; the help shows each binding's id."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_helpers import NOW, screen_text, wait_for

from newsreader.tui.app import NewsReaderApp
from newsreader.tui.screens.help import HelpScreen
from newsreader.tui.widgets.results_list import ResultsList

pytestmark = pytest.mark.anyio

WIDE = (160, 48)


def config_notices(app: NewsReaderApp) -> list[str]:
    return [n.message for n in app._notifications if n.title == "config"]


async def test_unknown_ids_and_settings_are_named_in_one_notice(
    library, quiet_environment: Path
) -> None:
    quiet_environment.write_text(
        'mouse = "clicks"\ncolours = "red"\n[keys]\n"main.quots" = "w"\n"list.dwn" = "x"\n',
        encoding="utf-8",
    )
    app = NewsReaderApp(library, now=NOW)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await wait_for(pilot, lambda: bool(config_notices(app)))
        await pilot.pause()
        [notice] = config_notices(app)
        assert "list.dwn, main.quots" in notice and "colours" in notice
        assert "Quit" not in notice
        assert "main.quots" in screen_text(app)


async def test_a_remap_that_takes_quits_key_says_so(library, quiet_environment: Path) -> None:
    quiet_environment.write_text('[keys]\n"main.quotes" = "Q"\n', encoding="utf-8")
    app = NewsReaderApp(library, now=NOW)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await wait_for(pilot, lambda: bool(config_notices(app)))
        [notice] = config_notices(app)
        assert "Quit (app.quit) has no key left (Q is main.quotes's)" in notice


async def test_a_sound_keymap_gives_no_notice(library, quiet_environment: Path) -> None:
    quiet_environment.write_text(
        '[keys]\n"app.quit" = "x"\n"main.quotes" = "Q"\n', encoding="utf-8"
    )
    app = NewsReaderApp(library, now=NOW)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await wait_for(pilot, lambda: results_shown(app))
        await pilot.pause()
        assert config_notices(app) == []


def results_shown(app: NewsReaderApp) -> bool:
    return bool(app.screen.query_one(ResultsList).hits)


async def test_help_shows_each_binding_id_beside_its_keys(library, quiet_environment: Path) -> None:
    quiet_environment.write_text('[keys]\n"main.quotes" = "w"\n', encoding="utf-8")
    app = NewsReaderApp(library, now=NOW)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(pilot, lambda: results_shown(app))
        await pilot.press("tab", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert ("Anywhere", "w", "Quotes", "main.quotes") in app.help_rows()
        lines = screen_text(app).splitlines()
        assert any("Id ([keys] in config.toml)" in line for line in lines)
        pane = next(line for line in lines if "Next pane" in line)
        assert "main.next_pane" in pane and "tab" in pane
