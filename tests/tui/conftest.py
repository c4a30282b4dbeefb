"""Fixtures for the TUI tests: a real library built once from the seeds, copied per test."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from tui_helpers import opened, private_copy

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
BULK = 30  # generated short articles, enough to need a bulk confirmation (> 20)
MARKUP_TITLE = "Markup [bold]not bold[/] and [link=https://x.test]no link[/link]"


def bulk_article(index: int) -> str:
    """A short test article in the seed format, all sharing the word 'harbour'."""
    day = dt.date(2024, 3, 1) + dt.timedelta(days=index)
    return (
        f"date {day.isoformat()}\n"
        f"# Harbour report number {index}\n\n"
        f"The harbour authority counted {100 + index} ships on Tuesday, officials said.\n\n"
        f"\u201cTraffic is steady,\u201d said Maria Lopez, the harbour master.\n"
    )


def markup_article() -> str:
    """An article whose text looks like Rich markup and holds escape sequences."""
    return (
        "date 2024-02-01\n"
        f"# {MARKUP_TITLE}\n\n"
        "Plain words [bold]still plain[/] and [/] and [link=https://evil.test]click[/link].\n\n"
        "An escape \x1b[31mred\x1b[0m sequence and a bell \x07 here, about zebrafish.\n"
    )


@pytest.fixture(scope="session")
def built_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A library folder indexed (with spaCy) from the seeds plus generated test articles."""
    from newsreader.index.library import Library

    root = tmp_path_factory.mktemp("tui-lib")
    sources = root / "sources"
    sources.mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, sources / seed.name)
    for index in range(BULK):
        (sources / f"harbour_{index:02}.md").write_text(bulk_article(index), encoding="utf-8")
    (sources / "markup.md").write_text(markup_article(), encoding="utf-8")
    folder = root / "library"
    library = Library.open(folder)
    report = library.ingest([sources])
    library.close()
    assert report.failed == 0, report.problems
    return folder


@pytest.fixture
def library_path(built_library: Path, tmp_path: Path) -> Path:
    """A private copy of the built library: tests may change its state."""
    return private_copy(built_library, tmp_path)


@pytest.fixture
def library(library_path: Path) -> Iterator[object]:
    """The private library, open."""
    yield from opened(library_path)


@pytest.fixture(scope="session")
def views_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The library views' test library (`views_library`), built once per test process."""
    from views_library import build_views_library

    return build_views_library(tmp_path_factory.mktemp("views"))


@pytest.fixture
def views_path(views_built: Path, tmp_path: Path) -> Path:
    """A private copy of it: tests change its triage state."""
    return private_copy(views_built, tmp_path, "views-library")


@pytest.fixture(autouse=True)
def quiet_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No user config, no SSH, colour on: tests see the same app everywhere."""
    config = tmp_path / "config" / "config.toml"
    config.parent.mkdir()  # tests write a config file there; the file itself is left to them
    monkeypatch.setenv("NEWSREADER_CONFIG", str(config))
    monkeypatch.delenv("SSH_CONNECTION", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return config


@pytest.fixture
def anyio_backend() -> str:
    """Async tests run on asyncio (Textual's loop) through anyio's pytest plugin."""
    return "asyncio"
