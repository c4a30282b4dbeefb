"""Data and user input are shown as text: no markup parsed, no control character drawn.

Pilot tests on a library whose every field holds a payload (see hostile.py); the same library
goes through the real app on a pty at the end, where the terminal's bytes are read back.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import hostile
import pytest
from pty_run import NEWSREADER, PtyApp
from textual.widgets import Input, OptionList
from tui_helpers import (
    NOW,
    opened,
    private_copy,
    reader,
    results,
    screen_text,
    search,
    wait_for,
    wait_for_prompt,
)

from newsreader.tui.app import NewsReaderApp
from newsreader.tui.screens.saved import SavedSearchesScreen
from newsreader.tui.widgets.quotes_panel import QuotesPanel

pytestmark = pytest.mark.slow  # a library analysed with spaCy, and the reader on a pseudo-terminal

WIDE = (160, 48)


@pytest.fixture(scope="module")
def hostile_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return hostile.build(tmp_path_factory.mktemp("hostile"))


@pytest.fixture
def hostile_path(hostile_built: Path, tmp_path: Path) -> Path:
    return private_copy(hostile_built, tmp_path)


@pytest.fixture
def hostile_library(hostile_path: Path) -> Iterator[object]:
    yield from opened(hostile_path)


def messages(app: NewsReaderApp) -> list[str]:
    return [n.message for n in app._notifications]


def no_controls(text: str) -> bool:
    bidi = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    return not any((ord(c) < 32 and c != "\n") or 0x7F <= ord(c) <= 0x9F or c in bidi
                   for c in text)  # fmt: skip


async def open_url_article(pilot, app: NewsReaderApp) -> None:
    await search(pilot, app, "harbour")
    target = next(i for i, h in enumerate(results(app).hits) if h.title.endswith("report 0"))
    results(app).highlighted = target
    await wait_for(pilot, lambda: reader(app).article.url == hostile.URL)


@pytest.mark.anyio
@pytest.mark.parametrize("over_ssh", [False, True], ids=["no-opener", "ssh"])
async def test_o_without_an_opener_copies_and_shows_the_url_as_text(
    hostile_library, monkeypatch, tmp_path: Path, over_ssh: bool
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no xdg-open to be found
    if over_ssh:
        monkeypatch.setenv("SSH_CONNECTION", "192.0.2.1 5 192.0.2.2 22")
    app = NewsReaderApp(hostile_library, now=NOW)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await open_url_article(pilot, app)
        assert hostile.URL in screen_text(app)  # the header shows where `o` goes
        await pilot.press("o")
        await wait_for(pilot, lambda: hostile.URL in messages(app))
        assert app.clipboard == hostile.URL
        await wait_for(pilot, lambda: "[a=b=c]&note=[sic]" in screen_text(app))
        assert app.is_running


@pytest.mark.anyio
async def test_y_copies_a_quote_of_an_article_whose_title_is_markup(hostile_library) -> None:
    app = NewsReaderApp(hostile_library, now=NOW)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await search(pilot, app, "harbour")
        target = next(i for i, h in enumerate(results(app).hits) if "[link=" in h.title)
        results(app).highlighted = target
        await wait_for(pilot, lambda: "[link=" in reader(app).article.title)
        await pilot.press("enter", "q")
        panel = app.screen.query_one(QuotesPanel)
        await wait_for(pilot, lambda: panel.current_quote is not None)
        await pilot.press("y")
        link = "[link=https://evil.test]x[/link]"
        await wait_for(pilot, lambda: any(link in m for m in messages(app)))
        await wait_for(pilot, lambda: link in screen_text(app))  # the toast is drawn
        assert link in app.clipboard
        assert app.is_running


@pytest.mark.anyio
async def test_a_query_problem_and_a_typed_tag_show_their_brackets(hostile_library) -> None:
    app = NewsReaderApp(hostile_library, now=NOW)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await search(pilot, app, "harbour")
        await pilot.press("t")
        await wait_for_prompt(pilot, app)
        await pilot.press(*"[x=y=z]", "enter")
        await wait_for(pilot, lambda: any("[x=y=z]" in m for m in messages(app)))
        await pilot.press("slash")
        app.screen.query_one(Input).value = 'harbour date:"[a=b=c]"'
        await wait_for(pilot, lambda: '"[a=b=c]"' in str(app.screen.query_one("#problem").visual))
        assert app.is_running


@pytest.mark.anyio
async def test_a_theme_from_the_config_is_shown_as_text(
    hostile_library, quiet_environment: Path
) -> None:
    quiet_environment.write_text('theme = "[@click=app.quit]x[/] [a=b=c]"\n', encoding="utf-8")
    app = NewsReaderApp(hostile_library, now=NOW)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await wait_for(pilot, lambda: any("[a=b=c]" in m for m in messages(app)))
        assert any("[@click=app.quit]x[/]" in m for m in messages(app))
        await wait_for(pilot, lambda: "[@click=app.quit]x[/]" in screen_text(app))
        assert app.is_running


@pytest.mark.anyio
async def test_saved_search_and_tag_names_are_drawn_without_controls(hostile_library) -> None:
    app = NewsReaderApp(hostile_library, now=NOW)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await search(pilot, app, "harbour")
        await pilot.press("L")
        await wait_for(pilot, lambda: isinstance(app.screen, SavedSearchesScreen))
        await pilot.pause()
        text = screen_text(app)
        assert "PWNsaved" in text and "[@click=app.quit]saved" in text and no_controls(text)
        prompts = [str(o.prompt) for o in app.screen.query_one(OptionList).options]
        assert all(no_controls(p) for p in prompts)
        await pilot.press("escape", "t")
        await wait_for_prompt(pilot, app)
        await pilot.pause()
        text = screen_text(app)
        assert "PWNtag" in text and "[sic]" in text and no_controls(text)


@pytest.mark.anyio
async def test_the_palette_lists_saved_searches_as_text(hostile_library) -> None:
    app = NewsReaderApp(hostile_library, now=NOW)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await search(pilot, app, "harbour")
        await pilot.press("ctrl+p")
        await pilot.press(*"saved")
        await wait_for(pilot, lambda: "[@click=app.quit]saved" in screen_text(app))
        text = screen_text(app)
        assert 'date:"[a=b=c]"' in text and "harbour [sic]" in text and no_controls(text)
        await pilot.press("escape")
        assert app.is_running


def forbidden_in(output: str) -> list[str]:
    return [sequence for sequence in hostile.FORBIDDEN if sequence in output]


@pytest.mark.skipif(not NEWSREADER.exists(), reason="newsreader is not installed")
def test_no_payload_reaches_the_terminal_through_the_real_app(
    hostile_path: Path, quiet_environment: Path
) -> None:
    env = {
        "NEWSREADER_CONFIG": str(quiet_environment),
        "HOME": str(hostile_path),
        "SSH_CONNECTION": "192.0.2.1 5 192.0.2.2 22",  # o copies (OSC 52 of the URL) and shows
    }
    app = PtyApp(["--library", str(hostile_path)], env)
    try:
        app.wait_for(lambda a: " hits" in a.text and "Search" in a.text)
        app.send("harbour")
        app.wait_for(lambda a: "'harbour'" in a.text)
        app.send("\r")  # the list
        app.wait_for(lambda a: "Mark range" in a.text)
        for _row in range(len(hostile.hostile_articles())):
            app.send("j")  # every article passes through the reader
        app.send("\r")
        app.wait_for(lambda a: "toggle" in a.text)
        # Keys are handled in order: each step waits only for what it draws. (No lone escape:
        # one followed by a key is read as alt+key.)
        for keys, drawn in (
            ("q", "By speaker"),  # quotes panel: speakers and quotes of the data
            ("\x7fL", "Saved searches"),  # backspace closes the panel
            ("qo", "Copied"),  # q closes the list; o copies and shows the URL
            ("t", "known:"),  # the tag prompt lists every tag
        ):
            mark = app.mark()
            app.send(keys)
            app.wait_for(lambda a, mark=mark, drawn=drawn: drawn in a.since(mark))
        assert forbidden_in(app.output) == []
        assert app.process.poll() is None  # [@click=app.quit] and friends did nothing
        assert app.quit() == 0
    finally:
        app.close()
