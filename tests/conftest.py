"""Fixtures shared by the whole suite: the bundled seeds, ../shared and the spaCy model."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "corpus").is_dir():
        pytest.skip(f"needs the shared corpora beside the project ({SHARED}); absent here")
    return SHARED


@pytest.fixture(scope="session")
def nlp():
    """The real spaCy English pipeline, loaded once per test process."""
    from newsreader.index.analysis.nlp import load_nlp

    model = load_nlp()
    if model is None:
        pytest.skip("no spaCy English model installed")
    return model
