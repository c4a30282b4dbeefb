"""The one sanitiser of text shown in a terminal, without a terminal: controls out, offsets kept,
JSON a terminal cannot be driven by."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from newsreader.index.text.safe import escaped_json, has_control, quoted, safe_text

C0_C1 = [chr(c) for c in [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)]]


def test_every_control_character_becomes_one_replacement_character() -> None:
    raw = "a\x1b[31mred\x07b\x9bz\x00"
    cleaned = safe_text(raw)
    assert cleaned == "a\ufffd[31mred\ufffdb\ufffdz\ufffd"
    assert len(cleaned) == len(raw)


def test_newlines_stay_and_tabs_become_spaces() -> None:
    assert safe_text("one\ttwo\nthree") == "one two\nthree"
    assert not has_control("one\ttwo\nthree")


@given(st.text(alphabet=st.one_of(st.sampled_from(C0_C1), st.characters()), max_size=80))
def test_safe_text_keeps_the_length_and_leaves_no_control(text: str) -> None:
    cleaned = safe_text(text)
    assert len(cleaned) == len(text)
    assert not has_control(cleaned)
    assert not any(c in cleaned for c in C0_C1)
    assert has_control(text) == (safe_text(text) != text.replace("\t", " "))


def test_escaped_json_keeps_readable_text_and_escapes_what_a_terminal_acts_on() -> None:
    value = {"name": "Zoë Łódź", "raw": "\x7f\x9b\u202e\u2028\u200b\ud800"}
    text = escaped_json(value)
    assert "Zoë Łódź" in text
    assert not any(c in text for c in value["raw"])
    assert "\\u007f" in text and "\\u202e" in text and "\\ud800" in text
    assert json.loads(text) == value


@given(st.text(max_size=60))
def test_escaped_json_reads_back_as_the_same_value(text: str) -> None:
    out = escaped_json({"t": text})
    assert json.loads(out) == {"t": text}
    assert not has_control(out)


def test_quoted_is_a_json_string_safe_to_show() -> None:
    assert quoted('say "hi"\x1b') == '"say \\"hi\\"\\u001b"'
    assert json.loads(quoted("Zoë\u202e")) == "Zoë\u202e"


def test_bidi_overrides_and_isolates_become_replacement_characters() -> None:
    """They reorder what a line shows (a title that reads backwards from where it stands)."""
    bidi = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    raw = f"Budget {bidi} vote"
    assert safe_text(raw) == "Budget " + "\ufffd" * len(bidi) + " vote"
    assert has_control(raw)
    assert safe_text("\u05e9\u05dc\u05d5\u05dd \u200f") == "\u05e9\u05dc\u05d5\u05dd \u200f"
