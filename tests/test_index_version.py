"""A search index of the previous index version is rebuilt from the record once, by either
engine, and nothing is lost: the same hits as an index built from the record, the same quotes
and claims in the views.

`fixtures/old_index/whoosh` and `fixtures/old_index/tantivy` were written by newsreader at
76075c3 (index version 1, with quote and claim indexes beside the articles') from
`fixtures/old_library/library.db`: `Library.open(folder, engine=...)` on a copy of it, whose
index was missing, so it was built from that record.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newsreader.index.library import Library
from newsreader.index.search.engines import ENGINES, engine_opener
from newsreader.index.search.marker import MARKER, built_by
from newsreader.index.search.port import EngineError

FIXTURES = Path(__file__).parent / "fixtures"
OLD_DB = FIXTURES / "old_library" / "library.db"


def old_library(tmp_path: Path, engine: str, *, index: bool = True) -> Path:
    """The old record, beside the old index of ``engine`` (or beside none)."""
    folder = tmp_path / (engine if index else f"{engine}-fresh")
    folder.mkdir()
    shutil.copy(OLD_DB, folder / "library.db")
    if index:
        shutil.copytree(FIXTURES / "old_index" / engine, folder / "index")
    return folder


def everything(library: Library) -> dict[str, object]:
    """What a library answers: hits (in order) of every article's title, of every speaker and
    of the whole library, and the views' quotes and claims."""
    speakers = [speaker.name for speaker in library.views.speakers()]
    queries = ["-zzzz", "harbour", "zelensky date:2025", *(f'speaker:"{s}"' for s in speakers)]
    titles = [hit.title for hit in library.search("-zzzz", limit=50).hits]
    queries += [f'"{title.rstrip("…")}"' for title in titles]
    return {
        "hits": {q: [hit.id for hit in library.search(q, limit=50).hits] for q in queries},
        "quotes": [(row.article.id, row.quote) for row in library.views.quotes()],
        "claims": [(row.article.id, row.claim) for row in library.views.claims()],
    }


@pytest.mark.parametrize("engine", ENGINES)
def test_an_index_of_the_previous_version_is_rebuilt_once_and_loses_nothing(
    tmp_path: Path, engine: str
) -> None:
    folder = old_library(tmp_path, engine)
    assert built_by(folder / "index") == engine
    assert (folder / "index" / "quotes").is_dir()
    with Library.open(old_library(tmp_path, engine, index=False), engine=engine) as fresh:
        expected = everything(fresh)
    assert len(expected["hits"]["-zzzz"]) == 6 and expected["quotes"] and expected["claims"]

    with Library.open(folder) as library:  # the engine that built the index: no change asked
        assert len(library.notices) == 1, library.notices
        assert "older version of newsreader" in library.notices[0]
        assert f"({engine} index version 1, this one writes 2)" in library.notices[0]
        assert library.notices[0].endswith("rebuilding it")
        assert everything(library) == expected
    index = folder / "index"
    assert sorted(p.name for p in index.iterdir() if p.is_dir()) == ["articles"]
    assert (index / MARKER).read_text("utf-8") == f"{engine} 2\n"
    with Library.open(folder) as library:  # rebuilt once, not at every open
        assert library.notices == []
        assert everything(library) == expected
    with Library.open(folder, defer_index=True) as library:
        assert library.check().healthy


@pytest.mark.parametrize("engine", ENGINES)
def test_an_old_index_opened_read_only_is_searched_as_it_is(tmp_path: Path, engine: str) -> None:
    # A read-only library cannot rebuild it; its article index is the same as version 2's.
    folder = old_library(tmp_path, engine) / "index"
    before = sorted(p.name for p in folder.rglob("*"))
    opened = engine_opener(engine)(folder, create=False, read_only=True)
    try:
        assert opened.doc_count() == 6
        assert len(opened.ids()) == 6
    finally:
        opened.close()
    assert sorted(p.name for p in folder.rglob("*")) == before
    with pytest.raises(EngineError, match="older version"):
        engine_opener(engine)(folder, create=False)
