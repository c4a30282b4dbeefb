"""The engine contract suite: every `SearchEngine` in `search.engines` must pass these tests.

As Harlequin tests its adapters, each test takes an engine made by each factory in turn (the
`opener` fixture is parametrised by engine name), so an engine added to `engines` is held to the
same hits, dates, fields, state filters, sorting and paging as Whoosh, with no test written for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from engine_contract.contract_helpers import ARTICLES, docs
from newsreader.index.search.engines import ENGINES, engine_opener
from newsreader.index.search.port import EngineOpener, SearchEngine


@pytest.fixture(scope="module", params=ENGINES)
def opener(request: pytest.FixtureRequest) -> EngineOpener:
    """How to open one engine (each test runs once per engine)."""
    return engine_opener(request.param)


@pytest.fixture(scope="module")
def engine(
    opener: EngineOpener, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SearchEngine]:
    """An engine holding the contract corpus, shared by a module's read-only tests."""
    opened = opener(tmp_path_factory.mktemp("engine") / "index")
    assert opened.replace(docs()) == len(ARTICLES)
    yield opened
    opened.close()


@pytest.fixture
def fresh(opener: EngineOpener, tmp_path: Path) -> Iterator[Callable[[], SearchEngine]]:
    """Open an empty engine of its own in tmp_path; closed after the test."""
    opened: list[SearchEngine] = []

    def make() -> SearchEngine:
        opened.append(opener(tmp_path / "index"))
        return opened[-1]

    yield make
    for each in opened:
        each.close()
