"""The probe's bad inputs, each beside a good article in one `newsreader index` run.

A bad input that loses its article is one line naming the file (and line), exit 1; one whose
article is kept with a field ignored or re-read is one "warning:" line, exit 0; inputs that are
merely unusual (byte order marks, CRLF) are read without a word. The good article is always
ingested and nothing prints a traceback.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from ingest_helpers import index, stored

GOOD_TITLE = "Markets rallied"


def _record(**fields: object) -> bytes:
    return (json.dumps({"text": "The record's own text.", **fields}) + "\n").encode()


# name, content, message fragment, line (None when the file as a whole is named)
LOST = [
    ("empty.txt", b"", "empty file", None),
    ("empty.json", b"", "empty file", None),
    ("blank.jsonl", b"\n \n\t\n", "only blank lines", None),
    ("spaces.json", b"  \n  ", "only whitespace", None),
    ("binary.txt", random.Random(1).randbytes(4096) + b"\x00", "binary file", None),
    ("garbage.jsonl", bytes(b for b in range(1, 256) if b != 10), "invalid JSON", 1),
    ("nul.jsonl", b'{"text": "a\x00b"}\n', "binary file", None),
    ("truncated.json", b'[{"text": "kept"},\n {"text": "cut sh', "invalid JSON", 2),
    ("truncated.jsonl", b'{"text": "kept"}\n{"text": "cut sh', "invalid JSON", 2),
    ("number.json", b"42", "a number, not a JSON object", 1),
    ("string.json", b'"just text"', "a string, not a JSON object", 1),
    ("null.json", b"null", "null, not a JSON object", 1),
    ("arrays.json", b"[[1, 2, [3]]]", "an array, not a JSON object", 1),
    ("boolean.jsonl", b"true\n", "a boolean, not a JSON object", 1),
    ("no_text.jsonl", b'{"title": "Only a title"}\n', "has no text", 1),
    ("text_number.jsonl", b'{"text": 5}\n', "has no text", 1),
    ("text_list.jsonl", b'{"text": ["a", "b"]}\n', "has no text", 1),
    ("huge_line.txt", b"word " * 1_000_001, "over the limit", None),
    ("huge_line.jsonl", b'{"text": "' + b"x" * 5_000_001 + b'"}\n', "characters long", 1),
    ("utf16.json", '{"text": "x"}'.encode("utf-16"), "UTF-16", None),
    ("deep.jsonl", b"[" * 100_000 + b"\n", "nested too deeply", 1),
    ("deep_array.json", b"[" * 100_000, "nested too deeply", None),
]

KEPT = [
    ("latin1.txt", "Café opens\n\nPrices up.\n".encode("cp1252"), "not valid UTF-8", None),
    ("latin1.jsonl", '{"text": "Café crème."}\n'.encode("cp1252"), "not valid UTF-8", 1),
    ("latin1.json", '[{"text": "Café crème."}]'.encode("cp1252"), "not valid UTF-8", None),
    ("title_list.jsonl", _record(title=["a", "b"]), "title is an array", 1),
    ("title_object.jsonl", _record(title={"en": "x"}), "title is an object", 1),
    ("title_bool.jsonl", _record(title=True), "title is a boolean", 1),
    ("url_object.jsonl", _record(url={"href": "x"}), "url is an object", 1),
    ("date_number.jsonl", _record(date=20250113), "unreadable date", 1),
    ("date_garbage.jsonl", _record(date="soon-ish"), "unreadable date", 1),
    ("date_object.jsonl", _record(date={"y": 2025}), "unreadable date", 1),
    ("duplicate_keys.jsonl", b'{"text": "a b.", "title": "x", "title": "y"}\n', '"title"', 1),
    ("duplicate_keys.json", b'{"text": "a b.",\n "text": "c d."}', '"text"', 1),
]

CLEAN = [
    ("bom.txt", b"\xef\xbb\xbfHeadline here\n\nBody text.\n"),
    ("bom.json", b'\xef\xbb\xbf[{"text": "Body text."}]'),
    ("bom.jsonl", b'\xef\xbb\xbf{"text": "Body text."}\n'),
    ("crlf.txt", b"Headline here\r\n\r\nBody text.\r\n"),
    ("crlf.jsonl", b'{"text": "One."}\r\n{"text": "Two."}\r\n'),
    ("crlf.json", b'[\r\n {"text": "One."},\r\n {"text": "Two."}\r\n]\r\n'),
    ("title_number.jsonl", _record(title=1984)),
    ("category_list.jsonl", _record(category=["economy", "oil"])),
]


def _folder_with(tmp_path: Path, name: str, content: bytes) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(f"{GOOD_TITLE}\n\nShares rose 3% on Monday, traders said.\n")
    (folder / name).write_bytes(content)
    return folder


def _where(folder: Path, name: str, line: int | None) -> str:
    return f"{folder / name}:{line}:" if line else f"{folder / name}:"


@pytest.mark.parametrize(("name", "content", "message", "line"), LOST, ids=[c[0] for c in LOST])
def test_a_bad_input_is_one_line_and_the_rest_is_ingested(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: bytes,
    message: str,
    line: int | None,
) -> None:
    folder = _folder_with(tmp_path, name, content)
    done = index(capsys, tmp_path / "lib", folder)
    assert done.code == 1
    [reported] = done.naming(str(folder / name))
    assert reported.startswith(_where(folder, name, line)), reported
    assert message in reported
    assert GOOD_TITLE in stored(tmp_path / "lib")


@pytest.mark.parametrize(("name", "content", "message", "line"), KEPT, ids=[c[0] for c in KEPT])
def test_a_doubtful_field_is_one_warning_and_the_article_is_kept(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: bytes,
    message: str,
    line: int | None,
) -> None:
    folder = _folder_with(tmp_path, name, content)
    done = index(capsys, tmp_path / "lib", folder)
    assert (done.code, done.summary["added"], done.summary["failed"]) == (0, 2, 0)
    [reported] = done.naming(str(folder / name))
    assert reported.startswith("warning: " + _where(folder, name, line)), reported
    assert message in reported


@pytest.mark.parametrize(("name", "content"), CLEAN, ids=[c[0] for c in CLEAN])
def test_unusual_but_valid_input_is_read_silently(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes
) -> None:
    folder = _folder_with(tmp_path, name, content)
    done = index(capsys, tmp_path / "lib", folder)
    assert (done.code, done.summary["failed"], done.summary["warnings"]) == (0, 0, 0)
    assert done.naming(name) == []
    expected = 1 + content.count(b'"text"') if name.endswith(("json", "jsonl")) else 2
    assert done.summary["added"] == expected
    assert all("\ufeff" not in title and "\r" not in title for title in stored(tmp_path / "lib"))
