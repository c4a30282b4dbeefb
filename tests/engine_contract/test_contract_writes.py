"""The contract, writing: updates and deletes with their name fields, clearing, what a
searcher in another thread sees, the counts, private files, and the errors of opening."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest

from engine_contract.contract_helpers import ARTICLES, docs, ids
from newsreader.index.models import Article
from newsreader.index.search.port import EngineError, EngineOpener

D = dt.date
CHANGED = Article("a4", "Rates on hold", "Nothing about prices.", D(2024, 12, 21), "Reuters")


def test_replace_updates_and_deletes_with_their_name_fields(fresh) -> None:
    engine = fresh()
    assert engine.replace(docs()) == len(ARTICLES)
    assert engine.replace([(CHANGED, None)], delete_ids=["a1"]) == 1
    assert engine.doc_count() == 5
    assert engine.ids() == {"a2", "a3", "a4", "a5", "a6"}
    assert set(ids(engine, "tariff")) == {"a2", "a6"}
    assert ids(engine, "title:rates") == ["a4"] and ids(engine, "speaker:lagarde") == []
    assert ids(engine, "inflation") == []


def test_new_articles_are_added_beside_the_old(fresh) -> None:
    engine = fresh()
    engine.replace(docs()[:3])
    engine.replace(docs()[3:], new=True)
    assert engine.doc_count() == 6 and len(engine.ids()) == 6
    assert ids(engine, "speaker:lagarde") == ["a4"]


def test_on_commit_is_told_once_every_document_is_added(fresh) -> None:
    engine = fresh()
    told: list[int] = []
    added: list[str] = []

    def counted():
        for article, analysis in docs():
            added.append(article.id)
            yield article, analysis

    engine.replace(counted(), total=len(ARTICLES), on_commit=lambda: told.append(len(added)))
    assert told == [len(ARTICLES)]


def test_clear_empties_everything(fresh) -> None:
    engine = fresh()
    engine.replace(docs())
    engine.clear()
    assert engine.doc_count() == 0 and engine.ids() == set()
    assert ids(engine, "") == [] and ids(engine, "tariff") == []
    assert ids(engine, "speaker:lagarde") == []
    engine.replace(docs()[:1])
    assert ids(engine, "tariff") == ["a1"]


def test_a_search_in_another_thread_sees_each_commit(fresh) -> None:
    engine = fresh()
    engine.replace(docs()[:3])
    results: list[set[str]] = []
    worker = threading.Thread(target=lambda: results.append(set(ids(engine, "tariff"))))
    worker.start()
    worker.join()
    assert results == [{"a1", "a2"}]
    engine.replace(docs()[3:])
    assert set(ids(engine, "tariff")) == {"a1", "a2", "a6"}
    worker = threading.Thread(target=lambda: results.append(set(ids(engine, "tariff"))))
    worker.start()
    worker.join()
    assert results[-1] == {"a1", "a2", "a6"}


def test_a_second_engine_on_the_folder_sees_the_first_ones_commits(
    opener: EngineOpener, tmp_path: Path
) -> None:
    writer = opener(tmp_path / "index")
    reader = opener(tmp_path / "index", create=False)
    try:
        assert ids(reader, "tariff") == []
        writer.replace(docs())
        assert set(ids(reader, "tariff")) == {"a1", "a2", "a6"}
    finally:
        writer.close()
        reader.close()


def test_a_fresh_index_is_sound_and_reopens(opener: EngineOpener, tmp_path: Path) -> None:
    engine = opener(tmp_path / "index")
    engine.replace(docs())
    assert engine.damage() is None and engine.damage(deep=True) is None
    engine.close()
    again = opener(tmp_path / "index", create=False, read_only=True)
    try:
        assert again.doc_count() == len(ARTICLES)
        assert set(ids(again, "tariff")) == {"a1", "a2", "a6"}
    finally:
        again.close()


def test_files_are_private(opener: EngineOpener, tmp_path: Path) -> None:
    engine = opener(tmp_path / "index")
    try:
        engine.replace(docs())
        assert engine.size_bytes() > 0
    finally:
        engine.close()
    folder = tmp_path / "index"
    assert folder.stat().st_mode & 0o777 == 0o700
    for path in folder.rglob("*"):
        expected = 0o700 if path.is_dir() else 0o600
        assert path.stat().st_mode & 0o777 == expected, path


def test_a_missing_index_is_an_engine_error(opener: EngineOpener, tmp_path: Path) -> None:
    with pytest.raises(EngineError, match="no search index"):
        opener(tmp_path / "missing", create=False)
    with pytest.raises(EngineError, match="no search index"):
        opener(tmp_path / "missing", read_only=True)
    assert not (tmp_path / "missing").exists()


def _found(opener: EngineOpener, folder: Path, *, deep: bool) -> bool:
    """Whether damage is seen: at open, or by `damage`."""
    try:
        engine = opener(folder)
    except EngineError:
        return True
    try:
        return engine.damage(deep=deep) is not None
    finally:
        engine.close()


def test_a_segment_file_cut_short_or_scribbled_is_damage(opener: EngineOpener, tmp_path: Path):
    engine = opener(tmp_path / "index")
    engine.replace(docs())
    engine.close()
    articles = tmp_path / "index" / "articles"
    segments = [p for p in articles.iterdir() if p.is_file() and p.suffix not in (".json", ".toc")
                and "LOCK" not in p.name.upper()]  # fmt: skip
    largest = max(segments, key=lambda p: p.stat().st_size)
    data = largest.read_bytes()
    middle = len(data) // 2
    largest.write_bytes(data[:middle] + bytes(b ^ 0xFF for b in data[middle : middle + 8])
                        + data[middle + 8 :])  # fmt: skip
    assert _found(opener, tmp_path / "index", deep=True)
    largest.write_bytes(data[:middle])
    assert _found(opener, tmp_path / "index", deep=False)
