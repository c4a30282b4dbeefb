"""Opening the library a command names, with the search engine the user's config chooses."""

from __future__ import annotations

import argparse

from newsreader.index.library import Library

from ..config import engine_setting
from .output import say_notices


def open_library(
    args: argparse.Namespace, *, defer_index: bool = False, quiet: bool = False
) -> Library:
    """`Library.open` on ``--library`` with config.toml's `engine`; a wrong engine setting is
    one line on stderr (unless ``quiet``: the reader shows it as a notice) and the index's own
    engine is used."""
    engine, problem = engine_setting()
    if problem and not quiet:
        say_notices([problem], json_lines=getattr(args, "json", False))
    return Library.open(args.library, defer_index=defer_index, engine=engine)
