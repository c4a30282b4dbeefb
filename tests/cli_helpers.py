"""Running the installed `newsreader` script as a user does, for the CLI tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

NEWSREADER = Path(sys.executable).with_name("newsreader")
SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def run(
    *args: str,
    library: Path | None = None,
    stdin: str | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess:
    """The script with `args`; `library` goes in NEWSREADER_LIBRARY when given."""
    full = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120", **(env or {})}
    if library is not None:
        full["NEWSREADER_LIBRARY"] = str(library)
    return subprocess.run(
        [str(NEWSREADER), *args], capture_output=True, text=True, env=full, input=stdin,
        timeout=300,
    )  # fmt: skip


def json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]
