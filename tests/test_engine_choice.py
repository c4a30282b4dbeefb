"""Choosing the search engine in config.toml: the commands and the reader open libraries with it,
an index another engine built is rebuilt from the record once, a wrong name is one line, and a
damaged tantivy index heals."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import SEEDS, json_lines, run

from newsreader.index.library import Library
from newsreader.index.search.engines import chosen_engine
from newsreader.index.search.marker import built_by
from newsreader.tui.config import load_config

pytestmark = pytest.mark.slow  # newsreader processes


def config(tmp_path: Path, text: str) -> dict[str, str]:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return {"NEWSREADER_CONFIG": str(path)}


def hits(library: Path, env: dict[str, str], query: str = "korean soldiers") -> tuple[list, str]:
    done = run("search", "--json", "--limit", "50", "--", query, library=library, env=env)
    assert done.returncode == 0, done.stderr
    return sorted(row["id"] for row in json_lines(done.stdout)), done.stderr


def test_changing_the_engine_rebuilds_the_index_once_with_the_same_hits(tmp_path: Path) -> None:
    library = tmp_path / "library"
    whoosh = config(tmp_path, "")
    assert run("index", str(SEEDS), "--no-analysis", library=library, env=whoosh).returncode == 0
    assert built_by(library / "index") == "whoosh"
    before, _ = hits(library, whoosh)
    assert before

    tantivy = config(tmp_path, 'engine = "tantivy"\n')
    after, said = hits(library, tantivy)
    assert after == before
    assert "built by whoosh, not tantivy" in said and "rebuilding it" in said
    assert built_by(library / "index") == "tantivy"
    assert hits(library, tantivy) == (before, "")  # rebuilt once, not at every open
    assert not (library / "index" / "articles" / "_MAIN_1.toc").exists()  # Whoosh's files gone

    done = run("stats", "--json", library=library, env=tantivy)
    assert json_lines(done.stdout)[0]["articles"] == len(list(SEEDS.glob("*.txt")))
    back = config(tmp_path, 'engine = "whoosh"\n')
    assert hits(library, back)[0] == before
    assert built_by(library / "index") == "whoosh"


def test_new_articles_reach_the_tantivy_index_and_check_agrees(tmp_path: Path) -> None:
    library, env = tmp_path / "library", config(tmp_path, 'engine = "tantivy"\n')
    seeds = sorted(SEEDS.glob("*.txt"))
    first, rest = tmp_path / "first", tmp_path / "rest"
    first.mkdir(), rest.mkdir()
    for i, seed in enumerate(seeds):
        (first if i % 2 else rest).joinpath(seed.name).write_bytes(seed.read_bytes())
    assert run("index", str(first), "--no-analysis", library=library, env=env).returncode == 0
    assert built_by(library / "index") == "tantivy"
    done = run("index", str(rest), "--no-analysis", library=library, env=env)
    assert done.returncode == 0, done.stderr
    assert len(hits(library, env, "-zzzz")[0]) == len(seeds)
    done = run("check", library=library, env=env)
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_wrong_engine_is_one_line_and_the_index_keeps_its_own(tmp_path: Path) -> None:
    library = tmp_path / "library"
    tantivy = config(tmp_path, 'engine = "tantivy"\n')
    assert run("index", str(SEEDS), "--no-analysis", library=library, env=tantivy).returncode == 0
    wrong = config(tmp_path, 'engine = "lucene"\n')
    found, said = hits(library, wrong)
    assert found
    assert json_lines(said) == [{"notice": (
        f"{tmp_path / 'config.toml'}: engine must be one of whoosh, tantivy, not 'lucene' (the "
        "index's own is used)"
    )}]  # fmt: skip
    assert built_by(library / "index") == "tantivy"


def test_the_reader_names_a_wrong_engine_in_its_notice(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('engine = 3\ntheme = "ansi-dark"\n', encoding="utf-8")
    loaded = load_config(path)
    assert loaded.engine is None and loaded.theme == "ansi-dark"
    assert loaded.problem == (
        f"{path}: engine must be one of whoosh, tantivy, not 3 (the index's own is used)"
    )
    path.write_text('engine = "tantivy"\n', encoding="utf-8")
    assert load_config(path).engine == "tantivy" and load_config(path).problem is None


def test_a_read_only_library_is_searched_with_the_engine_that_built_it(tmp_path: Path) -> None:
    # It cannot be rebuilt, so the engine asked for gives way to the one whose index is there.
    with Library.open(tmp_path / "library", engine="tantivy") as library:
        library.ingest([SEEDS], analyze=False)
    folder = tmp_path / "library" / "index"
    assert chosen_engine(folder, "whoosh", read_only=True) == "tantivy"
    assert chosen_engine(folder, "whoosh") == "whoosh"
    assert chosen_engine(folder, None) == "tantivy"
    assert chosen_engine(tmp_path / "nothing", None) == "whoosh"


def test_a_scribbled_tantivy_index_heals_at_open_or_at_the_first_search(tmp_path: Path) -> None:
    # Whoosh's healing is tests/test_damage.py's; this is the same promise kept by tantivy.
    engine = "tantivy"
    with Library.open(tmp_path / "library", engine=engine) as library:
        library.ingest([SEEDS], analyze=False)
        expected = {h.id for h in library.search("korean soldiers").hits}
    for path in (tmp_path / "library" / "index" / "articles").iterdir():
        if path.stat().st_size > 64 and path.suffix not in (".json", ".toc"):
            data = bytearray(path.read_bytes())
            middle = len(data) // 2
            data[middle : middle + 16] = bytes(b ^ 0xFF for b in data[middle : middle + 16])
            path.write_bytes(bytes(data))
    with Library.open(tmp_path / "library", engine=engine) as library:
        assert {h.id for h in library.search("korean soldiers").hits} == expected
        assert any("rebuilding" in notice for notice in library.notices), library.notices
