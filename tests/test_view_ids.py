"""The views search each query once while the record is unchanged, and again once it changes:
a starred article is in `starred:yes`'s views at once; what they count over is read once."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from newsreader.index.library import Library
from newsreader.index.view_ids import KEPT, KeptMatching

OLD = Path(__file__).parent / "fixtures" / "old_library" / "library.db"


class Searches:
    """A stand-in search that counts what it was asked."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def __call__(self, query: str, *, now: dt.datetime | None = None) -> frozenset[str]:
        self.asked.append(query)
        return frozenset({query})


def test_a_query_is_searched_once_until_the_record_changes() -> None:
    searches, stamp = Searches(), [0]
    matching = KeptMatching(searches, lambda: stamp[0])
    assert matching("oil") == matching("oil") == frozenset({"oil"})
    assert searches.asked == ["oil"]
    stamp[0] = 1  # an article or its state changed
    matching("oil")
    assert searches.asked == ["oil", "oil"]


def test_only_the_last_few_queries_are_kept() -> None:
    searches = Searches()
    matching = KeptMatching(searches, lambda: 0)
    for n in range(KEPT + 1):
        matching(f"q{n}")
    matching(f"q{KEPT}")
    matching("q0")  # the oldest was let go
    assert searches.asked.count(f"q{KEPT}") == 1 and searches.asked.count("q0") == 2


def test_another_day_searches_again() -> None:
    searches = Searches()
    matching = KeptMatching(searches, lambda: 0)
    matching("date:yesterday", now=dt.datetime(2025, 1, 2, tzinfo=dt.UTC))
    matching("date:yesterday", now=dt.datetime(2025, 1, 3, tzinfo=dt.UTC))
    assert len(searches.asked) == 2


def test_a_state_written_since_shows_in_the_views_at_once(tmp_path: Path) -> None:
    folder = tmp_path / "library"
    folder.mkdir()
    shutil.copy(OLD, folder / "library.db")
    with Library.open(folder) as library:
        views = library.views
        assert views.claim_count("starred:yes") == (0, 0)
        article = views.claims()[0].article.id
        library.set_starred([article], True)
        claims, articles = views.claim_count("starred:yes")
        assert articles == 1 and claims >= 1


def test_what_the_views_count_over_is_read_once(tmp_path: Path) -> None:
    folder = tmp_path / "library"
    folder.mkdir()
    shutil.copy(OLD, folder / "library.db")
    with Library.open(folder) as library:
        assert library.views.prepare() is True, "read now: a front end may keep it"
        assert library.views.prepare() is False
