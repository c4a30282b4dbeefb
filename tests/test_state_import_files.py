"""`newsreader state import` of malformed and hostile files, through the command's entry point.

A file wrong at the top level is refused whole: every problem is one line naming its path in the
file, and nothing is stored. Otherwise each bad part is skipped with one line, the rest is
imported, and the exit status is 1. Ids this library does not hold are counted, never stored.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from state_helpers import article_ids, build, cli, copy, stored

from newsreader.index.library import Library

FORMAT = {"format": "newsreader-state", "version": 2}
GOOD_SEARCH = {"good": "harbour"}  # beside every problem: imported unless the file is refused
ID = "@ID@"  # stands for the library's first article id
DEEP = 100_000


def state(**parts: object) -> dict:
    return {**FORMAT, "saved_searches": GOOD_SEARCH, **parts}


def article(**fields: object) -> dict:
    return state(articles={ID: fields})


def raw(text: str) -> str:
    return text


# (name, file contents as data or text, a line stderr must hold, whether the file is refused)
CASES: list[tuple[str, object, str, bool]] = [
    ("top-level list", [1, 2], "expected an object", True),
    ("top-level null", None, "expected an object", True),
    ("no format", {"articles": {}}, 'format: expected "newsreader-state", got null', True),
    ("other format", {**FORMAT, "format": "x"}, 'format: expected "newsreader-state"', True),
    ("version as text", {**FORMAT, "version": "1"}, 'version: expected 1 or 2, got "1"', True),
    ("newer version", {**FORMAT, "version": 9}, "written by a newer newsreader", True),
    ("unknown key", state(extra=1), 'key "extra": unknown', True),
    ("articles as list", state(articles=[ID]), "articles: expected an object, got a list", True),
    ("articles null", state(articles=None), "articles: expected an object, got null", True),
    ("searches as list", state(saved_searches=["a"]), "saved_searches: expected an object", True),
    ("bad export time", state(exported="today"), "exported: expected a time", True),
    (
        "deep nesting",
        raw('{"articles": ' + "[" * DEEP + "]" * DEEP + "}"),
        "nested too deeply",
        True,
    ),
    ("huge integer", raw('{"version": ' + "9" * 5000 + "}"), "not JSON this program", True),
    ("not JSON", raw("{not json"), "line 1: not JSON", True),
    ("empty file", raw(""), "not JSON", True),
    (
        "duplicate top key",
        raw('{"format": "newsreader-state", "format": "x"}'),
        "more than once",
        True,
    ),
    (
        "read as text",
        article(read="false"),
        f'articles["{ID}"].read: expected true or false, got "false"',
        False,
    ),
    (
        "starred as number",
        article(starred=1),
        f'articles["{ID}"].starred: expected true or false, got 1',
        False,
    ),
    (
        "tags as text",
        article(tags="abc"),
        f'articles["{ID}"].tags: expected a list of tag names, got "abc"',
        False,
    ),
    ("tags as number", article(tags=5), "tags: expected a list of tag names, got 5", False),
    ("tag as number", article(tags=[5]), "tags[0]: expected a tag name, got 5", False),
    (
        "tag with a space",
        article(tags=["to read"]),
        'tags[0]: tag "to read" cannot contain spaces',
        False,
    ),
    (
        "tag with escapes",
        article(tags=["\x1b]2;owned\x07"]),
        'tags[0]: tag "\\u001b]2;owned\\u0007" cannot contain',
        False,
    ),
    ("tag with C1", article(tags=["a\x9b2J"]), "U+009B", False),
    (
        "lone surrogate tag",
        raw(json.dumps(article(tags=["x"])).replace('"x"', '"\\ud800"')),
        "U+D800",
        False,
    ),
    (
        "article null",
        state(articles={ID: None}),
        f'articles["{ID}"]: expected an object, got null',
        False,
    ),
    ("article list", state(articles={ID: [True]}), "expected an object, got a list", False),
    ("unknown article key", article(red=True), 'key "red": unknown', False),
    (
        "duplicate article key",
        raw(json.dumps(state(articles={ID: {}})).replace("{}", '{"read": true, "read": false}')),
        'key "read" appears more than once',
        False,
    ),
    (
        "time as text",
        article(read=True, changed={"read": "yesterday"}),
        "changed.read: expected a time in seconds since 1970",
        False,
    ),
    (
        "negative time",
        article(read=True, changed={"read": -5}),
        "changed.read: expected a time",
        False,
    ),
    (
        "NaN time",
        raw(json.dumps(article(read=True, changed={"read": 1})).replace(": 1}", ": NaN}")),
        "got NaN",
        False,
    ),
    ("future time", article(read=True, changed={"read": 1e12}), "is in the future", False),
    (
        "time without flag",
        article(changed={"read": 5}),
        "a time for a flag the article does not set",
        False,
    ),
    (
        "tag times as list",
        article(changed={"tags": ["a"]}),
        "changed.tags: expected an object, got a list",
        False,
    ),
    (
        "duplicate search",
        raw(json.dumps(state()).replace('"harbour"', '"harbour", "x": "a", "x": "b"')),
        'saved_searches: key "x" appears more than once',
        False,
    ),
    (
        "null saved query",
        state(saved_searches={**GOOD_SEARCH, "n": None}),
        'saved_searches["n"]: expected a query string, got null',
        False,
    ),
    ("empty id", state(articles={"": {"read": True}}), 'articles[""]: not an article id', False),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("state-files") / "library")


@pytest.fixture
def folder(built: Path, tmp_path: Path) -> Path:
    return copy(built, tmp_path / "library")


def _text(contents: object, first: str) -> str:
    text = contents if isinstance(contents, str) else json.dumps(contents)
    return text.replace(ID, first)


def test_the_table_holds_enough_cases() -> None:
    assert len(CASES) >= 25 and len({name for name, *_ in CASES}) == len(CASES)


@pytest.mark.parametrize(
    ("name", "contents", "message", "refused"), CASES, ids=[c[0] for c in CASES]
)
def test_a_malformed_file_is_reported_by_path(
    capsys, folder: Path, tmp_path: Path, name: str, contents: object, message: str, refused: bool
) -> None:
    first = article_ids(folder)[0]
    path = tmp_path / "state.json"
    path.write_text(_text(contents, first), encoding="utf-8", errors="surrogatepass")
    code, _, err = cli(capsys, "state", "import", str(path), "--library", str(folder))
    assert code == 1
    assert "Traceback" not in err
    assert message.replace(ID, first) in err, err
    lines = err.splitlines()
    assert all(line.startswith(f"newsreader: {path}: ") for line in lines[:-1]), err
    with Library.open(folder) as library:
        searches = [s[:2] for s in library.saved_searches()]
        assert library.states([first])[first].tags == ()  # no bad tag is ever stored
    if refused:
        assert lines[-1] == f"newsreader: {path}: nothing imported"
        assert searches == []
    else:
        assert lines[-1].startswith("merged state of ")
        assert searches == [("good", "harbour")]


def test_an_article_with_a_key_twice_is_skipped_whole(capsys, folder, tmp_path) -> None:
    first = article_ids(folder)[0]
    text = json.dumps(state(articles={first: {}})).replace("{}", '{"read": true, "read": false}')
    path = tmp_path / "state.json"
    path.write_text(text, encoding="utf-8")
    code, _, err = cli(capsys, "state", "import", str(path), "--library", str(folder))
    assert code == 1 and "merged state of 0 articles" in err
    assert stored(folder, "SELECT count(*) FROM state") == [(0,)]
    with Library.open(folder) as library:
        assert [s[:2] for s in library.saved_searches()] == [("good", "harbour")]


def test_valid_parts_of_an_article_are_kept_beside_a_bad_one(capsys, folder, tmp_path) -> None:
    first = article_ids(folder)[0]
    data = state(articles={first: {"read": "yes", "starred": True, "tags": ["ok", "not ok"]}})
    path = tmp_path / "state.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    code, _, err = cli(capsys, "state", "import", str(path), "--library", str(folder))
    assert code == 1
    assert len([line for line in err.splitlines() if "(skipped)" in line]) == 2
    with Library.open(folder) as library:
        got = library.states([first])[first]
    assert (got.read, got.starred, got.tags) == (False, True, ("ok",))


def test_ids_not_in_the_library_are_counted_not_stored(capsys, folder, tmp_path) -> None:
    first = article_ids(folder)[0]
    data = state(articles={first: {"read": True}, "0000000000000000": {"starred": True}})
    path = tmp_path / "state.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    code, _, err = cli(capsys, "state", "import", str(path), "--library", str(folder))
    assert code == 0, err
    assert "1 article not in this library skipped" in err
    assert stored(folder, "SELECT article_id FROM state") == [(first,)]


def test_replace_imports_nothing_from_a_file_with_problems(capsys, folder, tmp_path) -> None:
    first = article_ids(folder)[0]
    with Library.open(folder) as library:
        library.set_starred([first], True)
    path = tmp_path / "state.json"
    path.write_text(json.dumps(article(read="no")).replace(ID, first), encoding="utf-8")
    code, _, err = cli(capsys, "state", "import", "--replace", str(path), "--library", str(folder))
    assert code == 1 and err.splitlines()[-1].endswith("nothing imported")
    with Library.open(folder) as library:
        assert library.states([first])[first].starred


def test_names_from_a_file_are_cleaned_of_escape_sequences(capsys, folder, tmp_path) -> None:
    hostile = {
        "\x1b]2;title\x07": "harbour",
        "clip\x1b]52;c;ZXZpbA==\x1b\\": "x \x9b2J y",
        "csi\x1b[2J": "\x1b]8;;https://evil.test\x1b\\link",
    }
    path = tmp_path / "state.json"
    path.write_text(json.dumps(state(saved_searches=hostile)), encoding="utf-8")
    code, _, err = cli(capsys, "state", "import", str(path), "--library", str(folder))
    assert code == 0, err
    with Library.open(folder) as library:
        saved = library.saved_searches()
    assert len(saved) == 3
    for name, query, _ in saved:
        for text in (name, query):
            assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in text), repr(text)
    assert ("\ufffd]2;title\ufffd", "harbour") in [s[:2] for s in saved]


def _many_tags(folder: Path) -> dict:
    """A file whose tags need far more room than is left."""
    first, second = article_ids(folder)
    tags = [f"t{n:05}-{'x' * 50}" for n in range(20_000)]
    return state(articles={first: {"read": True}, second: {"tags": tags}})


def _untouched(folder: Path) -> bool:
    with Library.open(folder) as library:
        states = library.states(article_ids(folder))
        return not any(s.read or s.tags for s in states.values()) and not library.saved_searches()


def test_a_full_record_stores_nothing_and_says_why(folder) -> None:
    """SQLite's own SQLITE_FULL, from a page limit on the open library: the real reason (not
    "cannot rollback"), and nothing half-written."""
    from newsreader.index.library import LibraryError

    with Library.open(folder) as library:
        conn = library._record.conn  # the limit is per connection: the library's own
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages + 2}")
        with pytest.raises(LibraryError, match="database or disk is full") as raised:
            library.import_state(json.dumps(_many_tags(folder)))
    assert "rollback" not in str(raised.value)
    assert _untouched(folder)


def fill(disk: Path, leave: int) -> None:
    """Take all but `leave` bytes of the disk's free space."""
    with open(disk / "filler", "wb", buffering=0) as out:
        try:
            while True:
                out.write(b"\0" * 4096)
        except OSError:
            out.truncate(out.tell() - leave)


def test_import_on_a_full_disk_is_one_line_and_stores_nothing(capsys, built, small_disk) -> None:
    folder = copy(built, small_disk / "library")
    path = small_disk.parent / "state.json"
    path.write_text(json.dumps(_many_tags(folder)), encoding="utf-8")
    fill(small_disk, leave=128 * 1024)  # room to open the library, not for the import
    code, _, err = cli(capsys, "state", "import", str(path), "--library", str(folder))
    assert code == 1
    assert err.count("\n") == 1 and "full" in err, err
    assert "rollback" not in err and "Traceback" not in err
    (small_disk / "filler").unlink()
    assert _untouched(folder)
