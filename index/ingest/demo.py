"""The demo articles bundled with newsreader, seeded into the default library on first launch."""

from __future__ import annotations

from pathlib import Path

BUNDLED_SEEDS = Path(__file__).resolve().parents[2] / "seeds"  # newsreader/seeds
DEMO_SOURCE = "newsreader demo"
REMOVE_DEMO = f"newsreader remove 'source:\"{DEMO_SOURCE}\"'"
DEMO_NOTICE = f"These are demo articles. Remove them with: {REMOVE_DEMO}"
