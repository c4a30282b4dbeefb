"""Tests for finding source files and reading every supported format into Article records."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.index.ingest.sources import (
    MAX_ARTICLE_CHARS,
    SUPPORTED_SUFFIXES,
    SourceRecord,
    iter_files,
    read_source,
)
from newsreader.index.models import Problem

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus"


def read_all(path: Path) -> tuple[list[SourceRecord], list[Problem]]:
    """Read a source fully, splitting records from problems."""
    records: list[SourceRecord] = []
    problems: list[Problem] = []
    for item in read_source(path):
        (problems if isinstance(item, Problem) else records).append(item)
    return records, problems


def write(path: Path, content: str | bytes) -> Path:
    """Create a file (and its folders) holding ``content``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def assert_offsets_map(record: SourceRecord, decoded: str | None = None) -> None:
    """Each visible char of the article text is the same char in raw_text (and in the file)."""
    from newsreader.index.ingest.normalize import normalize

    text, index = normalize(record.raw_text)
    assert text == record.article.text
    for position, char in enumerate(text):
        if not char.isspace():
            assert record.raw_text[index[position]] == char
            if decoded is not None:
                assert decoded[record.raw_start + index[position]] == char


# iter_files -------------------------------------------------------------------------------------


def test_iter_files_walks_sorted_skips_hidden_and_unsupported(tmp_path: Path) -> None:
    for name in ["b.txt", "a.md", "c.jsonl", "notes.docx", ".hidden.txt", "sub/z.json"]:
        write(tmp_path / name, "x\n")
    write(tmp_path / ".git" / "inside.txt", "x\n")
    found = list(iter_files([tmp_path]))
    names = ["a.md", "b.txt", "c.jsonl", "sub/z.json"]
    assert found == [tmp_path / name for name in names]


def test_iter_files_takes_explicit_files_whatever_the_suffix(tmp_path: Path) -> None:
    explicit = write(tmp_path / "article.docx", "x\n")
    hidden = write(tmp_path / ".secret", "x\n")
    assert list(iter_files([explicit, hidden])) == [explicit, hidden]


def test_iter_files_missing_path_is_a_problem(tmp_path: Path) -> None:
    good = write(tmp_path / "a.txt", "x\n")
    found = list(iter_files([tmp_path / "missing.txt", good]))
    assert isinstance(found[0], Problem)
    assert "missing.txt" in str(found[0])
    assert "no such file" in found[0].message
    assert found[1] == good


def test_iter_files_survives_symlink_loops_and_yields_each_file_once(tmp_path: Path) -> None:
    article = write(tmp_path / "news" / "a.txt", "x\n")
    (tmp_path / "news" / "loop").symlink_to(tmp_path / "news", target_is_directory=True)
    (tmp_path / "news" / "same.txt").symlink_to(article)
    found = list(iter_files([tmp_path / "news", article, tmp_path]))
    assert found == [article]


def test_iter_files_reports_broken_link_and_pipe(tmp_path: Path) -> None:
    (tmp_path / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    found = list(iter_files([tmp_path / "broken.txt", tmp_path / "pipe.txt"]))
    assert [type(item) for item in found] == [Problem, Problem]
    assert "broken symbolic link" in found[0].message
    assert "not a regular file" in found[1].message


def test_supported_suffixes() -> None:
    text = {".txt", ".text", ".md", ".markdown"}
    assert {*text, ".json", ".jsonl", ".ndjson", ".html", ".htm"} == set(SUPPORTED_SUFFIXES)


# Seed format ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "date", "title_start"),
    [
        ("000_904cde68c2f7b3f6.txt", dt.date(2025, 1, 13), "The President of Ukraine"),
        ("004_58e026c006f288da.txt", dt.date(2025, 1, 12), "Ukrainian leader Volodymyr"),
    ],
)
def test_seed_files(name: str, date: dt.date, title_start: str) -> None:
    path = SEEDS / name
    records, problems = read_all(path)
    assert problems == []
    [record] = records
    article = record.article
    assert article.date == date
    assert article.title.startswith(title_start)
    assert article.title.endswith("…") and len(article.title) <= 90
    assert article.text.startswith(title_start)
    assert "\n\n\n" not in article.text
    assert article.origin is not None and article.origin.key == ""
    assert (article.origin.line, article.origin.offset) == (1, 0)
    decoded = path.read_text(encoding="utf-8")
    assert decoded[record.raw_start :] == record.raw_text
    assert_offsets_map(record, decoded)


def test_seed_body_keeps_its_quirks() -> None:
    first, _ = read_all(SEEDS / "000_904cde68c2f7b3f6.txt")
    text = first[0].article.text
    assert "\n\n2,700 injured and 300 dead\n\n" in text  # the subheading
    assert "capture others» Zelensky" in text  # mismatched quote marks
    assert "in Korean (language) they will" in text
    second, _ = read_all(SEEDS / "004_58e026c006f288da.txt")
    assert "Council said. Share\n\n" in second[0].article.text


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("1987-02-26", dt.date(1987, 2, 26)),
        ("1987-02-26T10:00:00Z", dt.date(1987, 2, 26)),
        ("26 Feb 1987", dt.date(1987, 2, 26)),
        ("Mon, 13 Jan 2025 10:00:00 GMT", dt.date(2025, 1, 13)),
        ("March 1987", dt.date(1987, 3, 1)),
        ("1987", None),  # a year alone: dateparser would invent today's month
        ("13 January", None),  # dateparser would read 13 as the year
        ("Sunday", None),
        ("yesterday", None),
        ("2 years ago", None),
        ("2025-02-30", None),
        ("not a date", None),
    ],
)
def test_parse_date_does_not_guess(written: str, expected: dt.date | None) -> None:
    from newsreader.index.ingest.formats.common import parse_date

    assert parse_date(written) == expected


@pytest.mark.parametrize(
    ("first_line", "date", "body_start"),
    [
        ("date: 13 January 2025 The President spoke.", dt.date(2025, 1, 13), "The President"),
        ("Date: January 13, 2025. Kyiv said so.", dt.date(2025, 1, 13), "Kyiv said"),
        ("  date 12 Jan 2025, markets fell.", dt.date(2025, 1, 12), "markets fell"),
        ("date 2025-01-13T09:00 text", dt.date(2025, 1, 13), "text"),
        ("date 13 January maybe", None, "13 January maybe"),
        ("DATE: Jan 2025 A monthly review.", dt.date(2025, 1, 1), "A monthly review"),
        ("date 2024-02-29, Leap day news.", dt.date(2024, 2, 29), "Leap day"),
    ],
)
def test_seed_date_spellings(
    tmp_path: Path, first_line: str, date: dt.date | None, body_start: str
) -> None:
    path = write(tmp_path / "seed.txt", f"{first_line}\n\nSecond paragraph.\n")
    records, problems = read_all(path)
    [record] = records
    assert record.article.date == date
    assert record.article.text.startswith(body_start)
    assert record.article.text.endswith("\n\nSecond paragraph.")
    assert [p.fatal for p in problems] == ([] if date else [False])
    assert_offsets_map(record, path.read_text())


def test_seed_without_date_is_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path / "nodate.txt", "date The President spoke on Sunday. It rained.\n")
    records, problems = read_all(path)
    [record] = records
    assert record.article.date is None
    assert record.article.title == "The President spoke on Sunday"
    [warning] = problems
    assert not warning.fatal and warning.line == 1
    assert "nodate.txt:1" in str(warning) and "no date" in warning.message


def test_seed_with_impossible_iso_date_is_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path / "bad.txt", "date: 2025-02-30 Text after the date.\n")
    records, problems = read_all(path)
    assert records[0].article.date is None
    assert [p.fatal for p in problems] == [False]


def test_capitalised_date_word_without_a_date_is_a_headline(tmp_path: Path) -> None:
    path = write(tmp_path / "dating.txt", "Date night ideas for winter\n\nStay in and cook.\n")
    [record], problems = read_all(path)
    assert problems == []
    assert record.article.title == "Date night ideas for winter"
    assert record.article.text == "Stay in and cook."


# Plain text and markdown ------------------------------------------------------------------------


def test_plain_text_headline_then_body(tmp_path: Path) -> None:
    raw = "Markets rally as rates fall\r\n\r\n\r\nShares rose 3% on Monday.  \r\nMore later.\r\n"
    path = write(tmp_path / "a.txt", raw)
    [record], problems = read_all(path)
    assert problems == []
    article = record.article
    assert article.title == "Markets rally as rates fall"
    assert article.text == "Shares rose 3% on Monday.\nMore later."
    assert article.date is None
    assert_offsets_map(record, raw)


def test_markdown_heading_loses_hashes(tmp_path: Path) -> None:
    path = write(tmp_path / "a.md", "\n# Storm hits the coast #\n\nWinds of 100 mph were seen.\n")
    [record], _ = read_all(path)
    assert record.article.title == "Storm hits the coast"
    assert record.article.text == "Winds of 100 mph were seen."


def test_first_line_sentence_means_derived_title(tmp_path: Path) -> None:
    raw = "The council met on Monday. It voted to close the bridge.\n\nResidents objected.\n"
    path = write(tmp_path / "a.txt", raw)
    [record], _ = read_all(path)
    assert record.article.title == "The council met on Monday"
    assert record.article.text == raw.strip()
    assert record.raw_start == 0


def test_single_line_file_is_text_not_title(tmp_path: Path) -> None:
    path = write(tmp_path / "one.text", "Just one line without a stop")
    [record], _ = read_all(path)
    assert record.article.text == "Just one line without a stop"
    assert record.article.title == "Just one line without a stop"


def test_title_and_text_have_no_control_characters(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "Evil \x1b]0;pwned\x07title\n\nBody \x1b[2J here.\n")
    [record], _ = read_all(path)
    assert "\x1b" not in record.article.title + record.article.text
    assert "\x07" not in record.article.title


# Bad inputs -------------------------------------------------------------------------------------


def test_invalid_utf8_falls_back_to_cp1252_with_warning(tmp_path: Path) -> None:
    path = write(
        tmp_path / "legacy.txt", "Caf\xe9 owners protest\n\nPrices up \u20ac 5.\n".encode("cp1252")
    )
    [record], problems = read_all(path)
    assert record.article.title == "Café owners protest"
    assert "€" in record.article.text
    [warning] = problems
    assert not warning.fatal
    assert "legacy.txt" in str(warning) and "cp1252" in warning.message


def test_bytes_undefined_in_cp1252_fall_back_to_latin1(tmp_path: Path) -> None:
    path = write(tmp_path / "latin.txt", b"Headline here\n\nValue \x81\xa3 5 and more.\n")
    [record], problems = read_all(path)
    assert "£ 5" in record.article.text
    assert "latin-1" in problems[0].message and not problems[0].fatal


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "empty file"),
        (b"  \n\n\t \r\n", "only whitespace"),
        (b"PK\x03\x04\x00\x00binary", "binary file"),
    ],
)
def test_unusable_files_are_one_problem(tmp_path: Path, content: bytes, expected: str) -> None:
    path = write(tmp_path / "bad.txt", content)
    records, problems = read_all(path)
    assert records == []
    [problem] = problems
    assert problem.fatal and expected in problem.message
    assert "bad.txt" in str(problem)


def test_unreadable_paths_are_one_problem(tmp_path: Path) -> None:
    for path, expected in [
        (tmp_path, "is a directory"),
        (tmp_path / "vanished.txt", "no such file"),
    ]:
        records, problems = read_all(path)
        assert records == []
        assert [expected in p.message for p in problems] == [True]


def test_permission_denied_is_a_problem(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can read files without read permission")
    path = write(tmp_path / "secret.txt", "Title\n\nBody.\n")
    path.chmod(0)
    _, problems = read_all(path)
    assert "permission denied" in problems[0].message


def test_named_pipe_does_not_block(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    _, problems = read_all(tmp_path / "pipe.txt")
    assert "not a regular file" in problems[0].message


def test_oversized_article_names_its_size(tmp_path: Path) -> None:
    path = write(tmp_path / "huge.txt", "word " * (MAX_ARTICLE_CHARS // 5 + 1))
    records, problems = read_all(path)
    assert records == []
    assert "5,000,005 characters" in problems[0].message and problems[0].fatal


# JSON Lines -------------------------------------------------------------------------------------


def jsonl(*records: object) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def test_json_lines_records_and_bad_lines(tmp_path: Path) -> None:
    content = jsonl(
        {"id": "a-1", "title": "First", "date": "2025-01-13", "source": "Wire", "text": "One."},
        "",
        "{not json",
        [1, 2],
        {"id": "a-3", "title": "No text here"},
        {"id": 7, "body": "Body key works.", "topic": "x", "category": ["econ", "oil"]},
        {"content": "Content key works. Second sentence.", "date": None, "url": "http://x/y"},
        {"id": "a-1", "text": "Same id again."},
    )
    path = write(tmp_path / "feed.jsonl", content)
    records, problems = read_all(path)
    articles = [r.article for r in records]
    assert [a.title for a in articles] == [
        "First",
        "Body key works",
        "Content key works",
        "Same id again",
    ]
    first, second, third, _ = articles
    assert (first.date, first.source, first.external_id) == (dt.date(2025, 1, 13), "Wire", "a-1")
    assert (second.external_id, second.category, dict(second.metadata)) == (
        "7",
        "econ,oil",
        {"topic": "x"},
    )
    assert (third.date, third.url, third.external_id) == (None, "http://x/y", None)
    keys = [a.origin.key for a in articles if a.origin]
    assert keys == ["a-1", "7", "line:7", "line:8"]
    assert [(p.line, p.fatal) for p in problems] == [(3, True), (4, True), (5, True), (8, False)]
    assert "feed.jsonl:3: invalid JSON" in str(problems[0])
    assert "not a JSON object" in problems[1].message
    assert "no text" in problems[2].message
    assert "already used on line 1" in problems[3].message


def test_json_lines_origin_offsets_point_at_the_line(tmp_path: Path) -> None:
    lines = [{"id": f"n{i}", "title": "Ünïcode títle", "text": f"Body {i} £."} for i in range(5)]
    path = write(tmp_path / "feed.ndjson", "\n" + jsonl(*lines))
    records, problems = read_all(path)
    assert problems == []
    data = path.read_bytes()
    for record in records:
        origin = record.article.origin
        assert origin is not None and origin.line is not None
        line = data[origin.offset :].split(b"\n", 1)[0]
        assert json.loads(line)["id"] == record.article.external_id
        assert data.split(b"\n")[origin.line - 1] == line
        assert record.raw_start == 0 and record.raw_text == json.loads(line)["text"]


def test_json_lines_unreadable_date_is_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path / "d.jsonl", jsonl({"text": "A.", "date": "someday"}, {"text": "B."}))
    records, problems = read_all(path)
    assert len(records) == 2 and records[0].article.date is None
    assert [(p.line, p.fatal) for p in problems] == [(1, False)]
    assert "someday" in problems[0].message


def test_json_lines_invalid_utf8_line_still_yields(tmp_path: Path) -> None:
    good = json.dumps({"text": "fine"}).encode()
    bad = '{"text": "caf\xe9 cr\xe8me"}'.encode("cp1252")
    path = write(tmp_path / "mixed.jsonl", good + b"\n" + bad + b"\n" + bad + b"\n")
    records, problems = read_all(path)
    assert [r.article.text for r in records] == ["fine", "café crème", "café crème"]
    assert [(p.line, p.fatal) for p in problems] == [(2, False), (None, False)]


def test_json_lines_oversized_record_skipped_others_kept(tmp_path: Path) -> None:
    big = {"id": "big", "text": "x" * (MAX_ARTICLE_CHARS + 1)}
    path = write(tmp_path / "big.jsonl", jsonl({"text": "small"}, big, {"text": "after"}))
    records, problems = read_all(path)
    assert [r.article.text for r in records] == ["small", "after"]
    assert problems[0].line == 2 and "5,000,001 characters" in problems[0].message


def test_json_lines_blank_file_is_a_problem(tmp_path: Path) -> None:
    _, problems = read_all(write(tmp_path / "blank.jsonl", "\n  \n"))
    assert [p.fatal for p in problems] == [True]


@pytest.mark.slow
def test_large_json_lines_file_streams(tmp_path: Path) -> None:
    body = "Shares in the company rose sharply on Monday after results. " * 30
    line = json.dumps({"title": "T", "date": "1987-02-26", "text": body}) + "\n"
    count = 50_000_000 // len(line) + 1
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for i in range(count):
            handle.write(line.replace('"T"', f'"T{i}"'))
    assert path.stat().st_size > 50_000_000
    # Peak resident memory of a fresh process, before and after reading the whole file.
    script = (
        "import resource, sys\n"
        "from pathlib import Path\n"
        "from newsreader.index.ingest.sources import SourceRecord, read_source\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        f"items = read_source(Path({str(path)!r}))\n"
        "n = sum(1 for item in items if isinstance(item, SourceRecord))\n"
        "after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(n, (after - before) * 1024)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    seen, growth = map(int, out.stdout.split())
    assert seen == count
    assert growth < 20_000_000  # line by line: nowhere near the 50 MB file
    path.unlink()  # do not leave 50 MB behind in pytest's kept temporary folders


# JSON documents ---------------------------------------------------------------------------------


def test_json_array_with_line_numbers(tmp_path: Path) -> None:
    items = [{"id": "x1", "text": "First."}, {"id": "x2", "text": "Second."}, 5]
    path = write(tmp_path / "arr.json", json.dumps(items, indent=2))
    records, problems = read_all(path)
    assert [r.article.external_id for r in records] == ["x1", "x2"]
    data = path.read_bytes()
    for record in records:
        origin = record.article.origin
        assert origin is not None and origin.line is not None
        assert data.split(b"\n")[origin.line - 1].strip() == b"{"
        assert data[origin.offset : origin.offset + 1] == b"{"
    assert [(p.line, p.fatal) for p in problems] == [(10, True)]


def _array_records(count: int, big_at: int | None = None) -> list[dict[str, str]]:
    """Records for an array file, non-ASCII so byte offsets differ from char offsets."""
    body = "Prices in Zürich rose by 3 € on Monday, traders said. "
    records = [{"id": f"r{i}", "title": f"Störy {i}", "text": body * 20} for i in range(count)]
    if big_at is not None:
        records[big_at]["text"] = body * 50_000  # 2.7 MB: longer than one chunk of the reader
    return records


def _assert_origins_point_at_records(records: list[SourceRecord], data: bytes) -> None:
    lines = data.split(b"\n")
    for record in records:
        origin = record.article.origin
        assert origin is not None and origin.line is not None
        assert lines[origin.line - 1].strip() == b"{"
        assert data[origin.offset : origin.offset + 1] == b"{"
        rest = data[origin.offset : origin.offset + 200].decode("utf-8", "ignore")
        assert f'"id": "{record.article.external_id}"' in rest


@pytest.mark.slow
def test_json_array_is_streamed_across_chunks(tmp_path: Path) -> None:
    expected = _array_records(3000, big_at=1500)
    path = write(tmp_path / "big.json", json.dumps(expected, indent=1, ensure_ascii=False))
    assert path.stat().st_size > 3 * (1 << 20)
    records, problems = read_all(path)
    assert problems == []
    assert [r.article.external_id for r in records] == [e["id"] for e in expected]
    assert records[1500].raw_text == expected[1500]["text"]
    _assert_origins_point_at_records(records, path.read_bytes())


def test_truncated_json_array_keeps_every_record_before_the_cut(tmp_path: Path) -> None:
    whole = json.dumps(_array_records(3000), indent=1, ensure_ascii=False).encode()
    cut_at = whole.index(b'"id": "r2500"') + 40
    path = write(tmp_path / "cut.json", whole[:cut_at])
    records, problems = read_all(path)
    assert [r.article.external_id for r in records] == [f"r{i}" for i in range(2500)]
    [problem] = problems
    assert problem.fatal and problem.scope == "rest" and "invalid JSON" in problem.message
    assert problem.line == whole[:cut_at].count(b"\n") + 1
    _assert_origins_point_at_records(records, whole)


def test_json_array_in_cp1252_is_streamed_with_byte_offsets(tmp_path: Path) -> None:
    expected = _array_records(2500)
    text = json.dumps(expected, indent=1, ensure_ascii=False)
    path = write(tmp_path / "legacy.json", text.encode("cp1252"))
    records, problems = read_all(path)
    assert [r.article.title for r in records] == [e["title"] for e in expected]
    assert [(p.fatal, "cp1252" in p.message) for p in problems] == [(False, True)]
    data = path.read_bytes()
    for record in records:
        assert record.article.origin is not None
        assert data[record.article.origin.offset : record.article.origin.offset + 1] == b"{"


@pytest.mark.slow
def test_large_json_array_streams(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    body = "Shares in the company rose sharply on Monday after results. " * 30
    count = 40_000_000 // len(body) + 1
    with path.open("w", encoding="utf-8") as handle:
        handle.write("[\n")
        for i in range(count):
            handle.write(json.dumps({"title": f"T{i}", "text": body}) + ",\n")
        handle.write(json.dumps({"title": "last", "text": body}) + "\n]\n")
    assert path.stat().st_size > 40_000_000
    script = (
        "import resource\n"
        "from pathlib import Path\n"
        "from newsreader.index.ingest.sources import SourceRecord, read_source\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        f"items = read_source(Path({str(path)!r}))\n"
        "n = sum(1 for item in items if isinstance(item, SourceRecord))\n"
        "after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(n, (after - before) * 1024)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    seen, growth = map(int, out.stdout.split())
    assert seen == count + 1
    assert growth < 20_000_000  # an element at a time: nowhere near the 40 MB file
    path.unlink()


def test_json_single_object_with_bom(tmp_path: Path) -> None:
    content = "\ufeff" + json.dumps({"title": "Solo", "text": "Only one.", "extra": [1]})
    [record], problems = read_all(write(tmp_path / "one.json", content))
    assert problems == []
    assert (record.article.title, dict(record.article.metadata)) == ("Solo", {"extra": [1]})
    assert record.article.origin is not None and record.article.origin.offset == 3


def test_json_file_holding_json_lines_falls_back(tmp_path: Path) -> None:
    content = jsonl({"text": "One."}, "{broken", {"text": "Two."})
    records, problems = read_all(write(tmp_path / "lines.json", content))
    assert [r.article.text for r in records] == ["One.", "Two."]
    assert [p.line for p in problems] == [2]


def test_broken_json_document_keeps_earlier_records(tmp_path: Path) -> None:
    content = '[\n {"text": "Kept."},\n {"text": "Lost" \n]'
    records, problems = read_all(write(tmp_path / "broken.json", content))
    assert [r.article.text for r in records] == ["Kept."]
    assert problems[0].fatal and problems[0].line == 4
    assert "broken.json:4: invalid JSON" in str(problems[0])


def test_empty_json_array_is_a_warning(tmp_path: Path) -> None:
    records, problems = read_all(write(tmp_path / "none.json", "[ ]"))
    assert records == [] and [p.fatal for p in problems] == [False]


def test_unknown_suffix_sniffed_as_json(tmp_path: Path) -> None:
    path = write(tmp_path / "export.dat", jsonl({"text": "Sniffed."}))
    [record], _ = read_all(path)
    assert record.article.text == "Sniffed."


def test_exact_duplicates_share_an_id(tmp_path: Path) -> None:
    path = write(
        tmp_path / "d.jsonl", jsonl({"title": "T", "text": "X"}, {"title": "T", "text": "X"})
    )
    records, _ = read_all(path)
    assert records[0].article.id == records[1].article.id
    assert records[0].article.origin != records[1].article.origin


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=120))
def test_json_record_text_maps_back_to_raw(text: str) -> None:
    from newsreader.index.ingest.formats.json_records import Keys, record_to_source
    from newsreader.index.ingest.normalize import normalize

    for item in record_to_source("mem.jsonl", {"text": text}, 1, 0, Keys()):
        if isinstance(item, SourceRecord):
            assert item.raw_text == text
            assert_offsets_map(item)
        else:
            assert item.fatal and normalize(text)[0] == ""


# Shared corpora ---------------------------------------------------------------------------------


@pytest.mark.shared
@pytest.mark.parametrize(("name", "count"), [("bbc.jsonl", 2225), ("reuters21578.jsonl", 19043)])
def test_shared_corpora_read_without_fatal_problems(name: str, count: int) -> None:
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"{path} is absent")
    records, problems = read_all(path)
    assert [p for p in problems if p.fatal] == []
    assert len(records) == count
    keys = {r.article.origin.key for r in records if r.article.origin}
    assert len(keys) == count


@pytest.mark.shared
def test_reading_bbc_needs_no_dateparser() -> None:
    path = CORPUS / "bbc.jsonl"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from newsreader.index.ingest.sources import read_source\n"
        f"n = sum(1 for _ in read_source(Path({str(path)!r})))\n"
        "print(n, 'dateparser' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["2225", "False"]


def test_utf16_text_file_is_read_but_utf16_json_is_refused(tmp_path: Path) -> None:
    text = write(tmp_path / "wide.txt", "Wide headline\r\n\r\nBody text.\r\n".encode("utf-16"))
    [record], problems = read_all(text)
    assert (record.article.title, record.article.text, problems) == (
        "Wide headline",
        "Body text.",
        [],
    )
    wide_json = write(tmp_path / "wide.jsonl", '{"text": "x"}\n'.encode("utf-16"))
    records, problems = read_all(wide_json)
    assert records == [] and "UTF-16" in problems[0].message


def test_json_stream_gives_up_on_a_value_longer_than_its_bound() -> None:
    import io

    from newsreader.index.ingest.formats.json_stream import JsonStream, JsonSyntaxError

    data = b'[{"text": "short"},\n {"text": "' + b"x" * 5_000_000 + b'"}, {"text": "after"}]'
    stream = JsonStream(
        io.BytesIO(data), json.JSONDecoder(), encoding="utf-8", base=0, max_value_chars=1_000_000
    )
    stream.peek()
    stream.skip()
    assert stream.value() == (1, 1, {"text": "short"})
    assert stream.peek() == ","
    stream.skip()
    with pytest.raises(JsonSyntaxError) as raised:
        stream.value()
    assert raised.value.line == 2 and raised.value.column == 2
    assert "too long for one article" in raised.value.message
