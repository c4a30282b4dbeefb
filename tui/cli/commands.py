"""Dispatch of the scriptable sub-commands to their modules."""

from __future__ import annotations

import argparse
from collections.abc import Callable


def run(args: argparse.Namespace) -> int:
    """Run one parsed sub-command; its exit status."""
    from newsreader.tui.cli import analyze_cmd, ingest_cmd, read_cmd, state_cmd

    handlers: dict[str, Callable[[argparse.Namespace], int]] = {
        "index": ingest_cmd.index,
        "reindex": ingest_cmd.reindex,
        "search": read_cmd.search,
        "show": read_cmd.show,
        "quotes": read_cmd.quotes,
        "claims": read_cmd.claims,
        "stats": read_cmd.stats,
        "analyze": analyze_cmd.analyze,
        "state": state_cmd.state,
    }
    return handlers[args.command](args)
