"""Which mouse reporting the reader asks the terminal for (the config file's `mouse`)."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.driver import Driver


def effective_mode(configured: str, environ: Mapping[str, str] | None = None) -> str:
    """The mode in force, "on", "clicks" or "off": "auto" is clicks over SSH, else on."""
    env = os.environ if environ is None else environ
    if configured == "auto":
        return "clicks" if env.get("SSH_CONNECTION") else "on"
    return configured


def driver_for(mode: str, default: type[Driver]) -> type[Driver]:
    """The driver to run with: the click-only one when mode is "clicks" on a Linux terminal."""
    if mode != "clicks" or sys.platform.startswith("win"):
        return default
    from .click_driver import ClickOnlyDriver, LinuxDriver

    return ClickOnlyDriver if default is LinuxDriver else default
