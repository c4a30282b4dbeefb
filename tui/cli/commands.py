"""Dispatch of the scriptable sub-commands to their modules, importing only the one needed."""

from __future__ import annotations

import argparse
import importlib

# command -> (module in newsreader.tui.cli, function)
HANDLERS: dict[str, tuple[str, str]] = {
    "index": ("ingest_cmd", "index"),
    "reindex": ("ingest_cmd", "reindex"),
    "search": ("read_cmd", "search"),
    "show": ("read_cmd", "show"),
    "speakers": ("views_cmd", "speakers"),
    "quotes": ("views_cmd", "quotes"),
    "claims": ("views_cmd", "claims"),
    "stats": ("read_cmd", "stats"),
    "analyze": ("analyze_cmd", "analyze"),
    "state": ("state_cmd", "state"),
    "completion": ("completion_cmd", "completion"),
    "check": ("check_cmd", "check"),
    "remove": ("remove_cmd", "remove"),
    "feed": ("feed_cmd", "feed"),
    "fetch": ("fetch_cmd", "fetch"),
}


def run(args: argparse.Namespace) -> int:
    """Run one parsed sub-command; its exit status."""
    module, function = HANDLERS[args.command]
    handler = getattr(importlib.import_module(f"newsreader.tui.cli.{module}"), function)
    return handler(args)
