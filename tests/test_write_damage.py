"""An index damaged while a process has it open: the next write says IndexDamaged (never
tantivy's own ValueError), and the library heals it as a search would, by a rebuild from the
record, which holds what the write was publishing: nothing is lost, and the command line says
so in one line.

The damage is a file cut short, as a full disk or a copy gone wrong leaves it; tantivy then
fails when its commit reopens the segments.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from cli_helpers import NEWSREADER, SEEDS, json_lines, run
from engine_contract.contract_helpers import docs
from process_helpers import wait_until
from web_pages import article_page

from newsreader.index.library import Library
from newsreader.index.search.engines import engine_opener
from newsreader.index.search.port import IndexDamaged

pytest.importorskip("tantivy")


def cut_short(index: Path) -> None:
    """Every segment file of the article index cut to 10 bytes."""
    for path in (index / "articles").iterdir():
        if path.suffix not in (".json", ".lock") and not path.name.startswith("."):
            os.truncate(path, 10)


def test_a_write_on_files_cut_short_raises_index_damaged(tmp_path: Path) -> None:
    engine = engine_opener("tantivy")(tmp_path / "index")
    try:
        engine.replace(docs()[:3])
        cut_short(tmp_path / "index")
        with pytest.raises(IndexDamaged, match="has 10 bytes"):
            engine.replace(docs()[3:])
        # The commit sealed its new files, and the damaged ones kept their seals.
        assert "has 10 bytes" in (engine.damage() or "")
    finally:
        engine.close()


def seeds_apart(tmp_path: Path) -> tuple[Path, Path]:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir(), second.mkdir()
    for i, seed in enumerate(sorted(SEEDS.glob("*.txt"))):
        shutil.copy(seed, first if i % 2 == 0 else second)
    return first, second


def test_the_library_rebuilds_an_index_damaged_under_a_write(tmp_path: Path) -> None:
    first, second = seeds_apart(tmp_path)
    with Library.open(tmp_path / "library", engine="tantivy") as library:
        library.ingest([first], analyze=False)
        cut_short(tmp_path / "library" / "index")
        report = library.ingest([second], analyze=False)
        assert (report.added, report.failed) == (1, 0)
        [notice] = library.notices
        assert notice.startswith("the search index is damaged (articles: ")
        assert notice.endswith("rebuilding it from the library record")
        assert library.search("korean soldiers").total == 2
        assert library.search("-zzzz").total == len(list(SEEDS.glob("*.txt")))
    with Library.open(tmp_path / "library", defer_index=True) as library:
        assert library.check().healthy


@pytest.mark.slow  # newsreader processes
def test_index_url_says_in_one_line_that_it_rebuilt_the_damaged_index(
    tmp_path: Path, web_server
) -> None:
    library = tmp_path / "library"
    with Library.open(library, engine="tantivy") as opened:
        opened.ingest([SEEDS], analyze=False)
    # The page answers after 3 s: the index is open (caught up) before the page is asked for.
    url = web_server.add("/news/sea-wall", article_page(), delay=3.0)
    env = {**os.environ, "NEWSREADER_LIBRARY": str(library), "NO_COLOR": "1"}
    done = subprocess.Popen(
        [str(NEWSREADER), "index", url, "--no-analysis", "--json"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        wait_until(lambda: web_server.hits("/news/sea-wall"), 60, "the page was asked for")
        cut_short(library / "index")
        out, err = done.communicate(timeout=120)
    finally:
        done.kill()
    assert done.returncode == 0, err
    assert "Traceback" not in err and "ValueError" not in err.split(" (")[0]
    [line] = json_lines(err)
    assert line["notice"].startswith("the search index is damaged (articles: ")
    assert json_lines(out)[0]["added"] == 1
    hits = json_lines(run("search", "--json", "--", "-zzzz", library=library).stdout)
    assert len(hits) == len(list(SEEDS.glob("*.txt"))) + 1
