"""`newsreader state export|import FILE`: carry triage state between machines, merging."""

from __future__ import annotations

import argparse
import json
import sys

from newsreader.index.library import Library
from newsreader.index.state import dumps
from newsreader.tui.cli.output import error, print_json_lines


def state(args: argparse.Namespace) -> int:
    """Export all triage state as JSON, or merge a file exported elsewhere."""
    with Library.open(args.library) as library:
        if args.action == "export":
            text = dumps(library.triage.export())
            if str(args.file) == "-":
                sys.stdout.write(text + "\n")
            else:
                args.file.write_text(text + "\n", encoding="utf-8")
            return 0
        try:
            raw = sys.stdin.read() if str(args.file) == "-" else args.file.read_text("utf-8")
            count = library.triage.merge(json.loads(raw))
        except (OSError, UnicodeDecodeError) as problem:
            error(f"{args.file}: cannot read: {problem}")
            return 1
        except json.JSONDecodeError as problem:
            error(f"{args.file}:{problem.lineno}: not JSON: {problem.msg}")
            return 1
        except ValueError as problem:
            error(f"{args.file}: {problem}")
            return 1
    if args.json:
        print_json_lines([{"merged": count}])
    else:
        sys.stderr.write(f"merged state of {count} articles\n")
    return 0
