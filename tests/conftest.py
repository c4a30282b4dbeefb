"""Fixtures shared by the whole suite: the bundled seeds, ../shared, and real libraries."""

from __future__ import annotations

import shutil
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


@pytest.fixture(scope="session")
def seeded_library_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A library built once from the bundled seeds, with analysis; copy it before mutating."""
    from newsreader.index.library import Library

    folder = tmp_path_factory.mktemp("seeded") / "library"
    with Library.open(folder) as library:
        library.ingest([SEEDS])
    return folder


@pytest.fixture
def seeded_library_path(seeded_library_template: Path, tmp_path: Path) -> Path:
    """A private copy of the seeded library for one test."""
    target = tmp_path / "library"
    shutil.copytree(seeded_library_template, target)
    return target
