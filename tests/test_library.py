"""The library folder: incremental ingest, duplicates, removal, state carry-over, rebuilds."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from newsreader.index.library import Library


def _article_file(folder: Path, name: str, body: str, date: str = "2025-01-13") -> Path:
    path = folder / name
    path.write_text(f" date {date} {body}\n", encoding="utf-8")
    return path


@pytest.fixture
def corpus(tmp_path: Path, seeds_dir: Path) -> Path:
    folder = tmp_path / "news"
    shutil.copytree(seeds_dir, folder)
    return folder


@pytest.fixture
def library(tmp_path: Path):
    with Library.open(tmp_path / "lib") as lib:
        yield lib


def test_ingest_then_rerun_is_unchanged(library: Library, corpus: Path) -> None:
    first = library.ingest([corpus], analyze=False)
    assert (first.added, first.failed) == (2, 0)
    again = library.ingest([corpus], analyze=False)
    assert (again.added, again.updated, again.unchanged, again.removed) == (0, 0, 2, 0)
    assert library.search("zelensky").total == 2


def test_changed_file_is_updated_and_keeps_its_state(library: Library, corpus: Path) -> None:
    library.ingest([corpus], analyze=False)
    hit = library.search("pyongyang ultimatums").hits[0]
    library.set_starred([hit.id], True)
    library.add_tag([hit.id], "korea")
    path = Path(hit.path)
    path.write_text(path.read_text("utf-8") + "\nAn update: talks resumed.\n", "utf-8")
    report = library.ingest([corpus], analyze=False)
    assert (report.updated, report.added, report.unchanged) == (1, 0, 1)
    new = library.search("talks resumed").hits[0]
    assert new.id != hit.id
    assert library.article(hit.id) is None
    state = library.states([new.id])[new.id]
    assert state.starred and state.tags == ("korea",)
    assert library.search("ultimatums").total == 1


def test_deleted_file_is_removed(library: Library, corpus: Path) -> None:
    library.ingest([corpus], analyze=False)
    victim = next(corpus.glob("004_*.txt"))
    victim.unlink()
    report = library.ingest([corpus], analyze=False)
    assert report.removed == 1
    assert library.search("ultimatums").total == 0
    assert library.search("zelensky").total == 1


def test_exact_duplicates_are_indexed_once_with_both_origins(
    library: Library, tmp_path: Path
) -> None:
    folder = tmp_path / "dups"
    folder.mkdir()
    body = "Farmers said the harvest doubled to 4,000 tonnes after the rain."
    _article_file(folder, "a.txt", body)
    _article_file(folder, "b.txt", body)
    report = library.ingest([folder], analyze=False)
    assert (report.added, report.duplicates) == (1, 1)
    hits = library.search("harvest").hits
    assert len(hits) == 1
    assert {Path(o.path).name for o in library.origins(hits[0].id)} == {"a.txt", "b.txt"}


def test_bad_input_is_reported_and_loses_nothing(library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    _article_file(folder, "good.txt", "The council approved a budget of £2m for new parks.")
    library.ingest([folder], analyze=False)
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02garbage")
    (folder / "empty.md").write_text("")
    lines = [json.dumps({"id": "x1", "title": "Rates", "text": "Rates rose by 2%."}), "{oops"]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n")
    seen = []
    report = library.ingest([folder], analyze=False, on_problem=seen.append)
    assert report.failed == 3
    assert report.added == 1
    messages = [str(p) for p in seen]
    assert any("binary.txt" in m for m in messages)
    assert any("empty.md" in m for m in messages)
    assert any("feed.jsonl:2" in m for m in messages)
    assert library.search("budget parks").total == 1
    assert library.search("rates").total == 1


def test_library_files_are_private(tmp_path: Path) -> None:
    with Library.open(tmp_path / "private") as lib:
        assert lib.is_empty()
    assert stat.S_IMODE((tmp_path / "private").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "private" / "library.db").stat().st_mode) == 0o600


def test_missing_index_is_rebuilt_with_a_notice(tmp_path: Path, corpus: Path) -> None:
    with Library.open(tmp_path / "lib") as lib:
        lib.ingest([corpus], analyze=False)
    shutil.rmtree(tmp_path / "lib" / "index")
    with Library.open(tmp_path / "lib") as lib:
        assert any("missing" in n for n in lib.notices)
        assert lib.search("zelensky").total == 2


def test_broken_index_is_rebuilt_with_a_notice(tmp_path: Path, corpus: Path) -> None:
    with Library.open(tmp_path / "lib") as lib:
        lib.ingest([corpus], analyze=False)
    for item in (tmp_path / "lib" / "index").rglob("*"):
        if item.is_file() and item.name != "MAIN_WRITELOCK":
            item.write_bytes(os.urandom(64))
    with Library.open(tmp_path / "lib") as lib:
        assert lib.notices
        assert lib.search("zelensky").total == 2


def test_reindex_rebuilds_from_the_record(library: Library, corpus: Path) -> None:
    library.ingest([corpus], analyze=False)
    assert library.reindex() == 2
    assert library.search("kursk").total == 2


def test_triage_filters_in_the_query_language(library: Library, corpus: Path) -> None:
    library.ingest([corpus], analyze=False)
    ids = [h.id for h in library.search("zelensky").hits]
    library.set_read([ids[0]], True)
    library.set_starred([ids[1]], True)
    library.add_tag([ids[1]], "follow-up")
    assert [h.id for h in library.search("zelensky read:no").hits] == [ids[1]]
    assert [h.id for h in library.search("starred:yes").hits] == [ids[1]]
    assert [h.id for h in library.search("tag:follow-up").hits] == [ids[1]]
    assert [h.id for h in library.search("zelensky -tag:follow-up").hits] == [ids[0]]
    library.set_archived([ids[1]], True)
    assert [h.id for h in library.search("zelensky").hits] == [ids[0]]
    assert library.search("zelensky", include_archived=True).total == 2


def test_undo_restores_states(library: Library, corpus: Path) -> None:
    library.ingest([corpus], analyze=False)
    ids = [h.id for h in library.search("zelensky").hits]
    before = library.states(ids)
    library.set_read(ids, True)
    library.add_tag(ids, "seen")
    library.restore_states(before)
    assert library.states(ids) == before


def test_saved_searches_count_unread(library: Library, corpus: Path) -> None:
    library.ingest([corpus], analyze=False)
    library.save_search("korea", "korean")
    assert library.saved_searches() == [("korea", "korean", 2)]
    library.set_read([library.search("korean").hits[0].id], True)
    assert library.saved_searches() == [("korea", "korean", 1)]


def test_history_is_recent_first_without_repeats(library: Library) -> None:
    for query in ("kim", "kursk", "kim"):
        library.add_history(query)
    assert library.history() == ["kim", "kursk"]


@pytest.fixture
def dated(library: Library, tmp_path: Path) -> list[str]:
    """Four articles (one undated) indexed; their ids from oldest to undated."""
    folder = tmp_path / "dated"
    folder.mkdir()
    for day in ("2025-01-02", "2025-03-04", "2024-12-31"):
        _article_file(folder, f"{day}.txt", f"Harbour news of {day}.\nShips came in.", day)
    (folder / "undated.md").write_text("# Undated harbour news\n\nShips left.\n", encoding="utf-8")
    library.ingest([folder], analyze=False)
    by_title = {h.title: h.id for h in library.search("harbour", limit=10).hits}
    return [by_title[t] for t in sorted(by_title, key=lambda t: t.replace("Undated", "~"))]


def test_empty_query_lists_newest_first_and_undated_last(
    library: Library, dated: list[str]
) -> None:
    oldest, middle, newest, undated = dated[0], dated[1], dated[2], dated[3]
    listed = library.search("", limit=10)
    assert listed.total == 4
    assert [h.id for h in listed.hits] == [newest, middle, oldest, undated]
    assert [h.id for h in library.search("", sort="date", limit=10).hits] == dated
    assert [h.id for h in library.search("", limit=2, offset=1).hits] == [middle, oldest]
    assert listed.hits[0].snippet.startswith("Harbour news of 2025-03-04")


def test_empty_query_lists_as_a_query_of_filters_only(library: Library, dated: list[str]) -> None:
    """The empty query is listed from SQLite, filters go through the index: same order."""
    for sort in ("relevance", "date", "-date"):
        listed = library.search("", sort=sort, limit=10).hits
        assert listed == library.search("archived:no", sort=sort, limit=10).hits


def test_empty_query_hides_archived_articles(library: Library, dated: list[str]) -> None:
    library.set_archived([dated[0]], True)
    assert dated[0] not in [h.id for h in library.search("", limit=10).hits]
    assert library.search("", include_archived=True).total == 4


@pytest.mark.slow
def test_listing_the_library_loads_no_search_engine(tmp_path: Path, corpus: Path) -> None:
    """What lets the reader draw its first page before Whoosh and numpy are imported."""
    with Library.open(tmp_path / "lib") as lib:
        lib.ingest([corpus], analyze=False)
    script = (
        "import sys; from pathlib import Path; from newsreader.index.library import Library\n"
        "lib = Library.open(Path(sys.argv[1]), defer_index=True)\n"
        "assert lib.search('').total == 2\n"
        "print(sorted(m for m in ('whoosh', 'numpy') if m in sys.modules))\n"
        "assert lib.search('zelensky').total == 2\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "lib")], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_deferred_index_is_caught_up_on_first_use(tmp_path: Path, corpus: Path) -> None:
    with Library.open(tmp_path / "lib") as lib:
        lib.ingest([corpus], analyze=False)
    shutil.rmtree(tmp_path / "lib" / "index")
    with Library.open(tmp_path / "lib", defer_index=True) as lib:
        assert lib.notices == []
        assert lib.search("").total == 2
        assert lib.search("zelensky").total == 2
        assert any("missing" in n for n in lib.notices)


def test_writes_from_several_threads_on_one_library_take_turns(
    library: Library, corpus: Path
) -> None:
    """The reader writes triage state from worker threads while its search thread may be
    catching the index up, all on one SQLite connection."""
    import threading

    library.ingest([corpus], analyze=False)
    ids = [h.id for h in library.search("zelensky").hits]
    failures: list[BaseException] = []

    def toggle(flag: str) -> None:
        try:
            for turn in range(200):
                getattr(library, f"set_{flag}")(ids, turn % 2 == 0)
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=toggle, args=(f,)) for f in ("read", "starred", "archived")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert all(not s.read and not s.starred for s in library.states(ids).values())


def test_a_hit_carries_the_records_url_and_time_of_entry(tmp_path: Path, library: Library) -> None:
    path = tmp_path / "web.jsonl"
    record = {
        "id": "w1", "title": "Steel tariffs", "text": "Steel tariffs rose.", "date": "2025-01-13",
        "url": "https://example.com/steel", "source": "example",
    }  # fmt: skip
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    library.ingest([path], analyze=False)
    (hit,) = library.search("tariff").hits
    assert (hit.url, hit.title, hit.source, hit.snippet) == (
        "https://example.com/steel", "Steel tariffs", "example", "Steel tariffs rose.",
    )  # fmt: skip
    assert hit.added is not None and hit.marks and hit.score > 0
