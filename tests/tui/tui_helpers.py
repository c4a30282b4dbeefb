"""Helpers shared by the TUI tests: a fixed "now", reading the screen, waiting for workers."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable

from textual.css.query import NoMatches

NOW = dt.datetime(2025, 1, 14, 9, 0)


def screen_text(app: object) -> str:
    """The app's screen as plain text, one line per row."""
    strips = app.screen._compositor.render_strips()  # type: ignore[attr-defined]
    return "\n".join("".join(seg.text for seg in strip).rstrip() for strip in strips)


async def wait_for(pilot: object, condition: Callable[[], bool], timeout: float = 30.0) -> None:
    """Let the app run until condition holds (workers finish in their own time); fail on timeout.

    A widget the condition looks for may not be mounted yet (the main screen is pushed after the
    app starts): that counts as "not yet". The timeout is generous for a loaded machine.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not holds(condition):
        if loop.time() > deadline:
            raise AssertionError("condition not met in time")
        await pilot.pause(0.05)  # type: ignore[attr-defined]


def holds(condition: Callable[[], bool]) -> bool:
    """The condition's value, False while the widgets it queries are not mounted."""
    try:
        return condition()
    except NoMatches:
        return False
