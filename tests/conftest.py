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
    from newsreader.index.analysis.runtime.nlp import load_nlp

    model = load_nlp()
    if model is None:
        pytest.skip("no spaCy English model installed")
    return model


@pytest.fixture(autouse=True)
def collection_left_on():
    """A reading command pauses the garbage collector for the rest of its process
    (`startup_gc`): run by a test in the suite's process, it left collection off for the tests
    after it in the same worker (`test_startup_gc` expects it on), so it is put back."""
    yield
    import gc

    from newsreader.tui import startup_gc

    if startup_gc._paused:
        startup_gc._paused = False
        gc.enable()


@pytest.fixture
def small_disk(tmp_path: Path):
    """A 1 MB tmpfs, for a real full disk, or a skip where mounting is not permitted."""
    import gc
    import subprocess

    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {done.stderr.decode().strip()}")
    yield mount
    # The failed write's cursors live in the exception's traceback cycle until a collection:
    # SQLite keeps the closed connection's files open while they do.
    gc.collect()
    subprocess.run(["umount", str(mount)], check=True)


@pytest.fixture
def web_server():
    """A real HTTP server on 127.0.0.1 (tests/web_server.py), closed after the test."""
    from web_server import WebServer

    server = WebServer().start()
    yield server
    server.close()
    assert server.errors == [], "the test server failed while answering"


# Fixtures that load spaCy's model, in this process or in an analysis run: a test using one is
# slow. Tests that are slow for other reasons (newsreader processes, large inputs, generated
# examples by the hundred) say so with `@pytest.mark.slow` themselves.
_MODEL_FIXTURES = frozenset({"nlp", "built_library"})
# tmux end-to-end runs, and the research corpora (tens of thousands of articles, PolNeAR).
_SLOW_MARKERS = ("e2e", "shared")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark slow every test that needs the spaCy model, tmux or ../shared (`-m "not slow"`)."""
    for item in items:
        needs_model = not _MODEL_FIXTURES.isdisjoint(getattr(item, "fixturenames", ()))
        if needs_model or any(item.get_closest_marker(name) for name in _SLOW_MARKERS):
            item.add_marker(pytest.mark.slow)
