"""Tests for whitespace normalisation, the raw index map, article ids and derived titles."""

from __future__ import annotations

import hashlib
import itertools
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.index.ingest.normalize import (
    _normalize_slow,
    clean_field,
    content_id,
    derive_title,
    normalize,
)

CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

# Strings rich in the characters normalisation cares about, plus arbitrary text.
messy_text = st.text(
    alphabet=st.one_of(
        st.sampled_from(list('\r\n\t \x0b\x0c\x1b\x85\x9b\x00\u00a0\u2028\u3000ab."“”')),
        st.characters(),
    ),
    max_size=200,
)


def assert_maps_back(raw: str, text: str, index: list[int]) -> None:
    """Every non-whitespace char of the text maps to the identical char of raw, in order."""
    assert len(index) == len(text) + 1
    assert all(a < b for a, b in itertools.pairwise(index))
    for position, char in enumerate(text):
        if not char.isspace():
            assert raw[index[position]] == char


def test_line_endings_become_newlines() -> None:
    text, index = normalize("one\r\ntwo\rthree\n")
    assert text == "one\ntwo\nthree"
    assert_maps_back("one\r\ntwo\rthree\n", text, list(index))
    # the "\n" of a "\r\n" pair is the raw char the output newline maps to
    assert index[3] == 4


def test_trailing_whitespace_removed_but_indentation_kept() -> None:
    text, _ = normalize("    Indented line  \t\nnext\u00a0\nlast ")
    assert text == "    Indented line\nnext\nlast"


def test_blank_line_runs_collapse_to_one() -> None:
    raw = "para one\n\n\n\n  \n\t\n\npara two\n\npara three"
    text, index = normalize(raw)
    assert text == "para one\n\npara two\n\npara three"
    assert_maps_back(raw, text, list(index))


def test_leading_and_trailing_blank_lines_removed() -> None:
    assert normalize("\n \n\t\nbody\n\n \n")[0] == "body"
    assert normalize(" \n\n  first line kept indented")[0] == "  first line kept indented"


def test_control_characters_dropped_tab_kept() -> None:
    raw = "red \x1b[31malert\x1b[0m\x07 and\tC1 \x9b2J csi\x00"
    text, index = normalize(raw)
    assert text == "red [31malert[0m and\tC1 2J csi"
    assert not CONTROL_RE.search(text)
    assert_maps_back(raw, text, list(index))


def test_only_whitespace_is_rewritten() -> None:
    raw = '“Unbalanced quote, he said. "Another.\n\nSubheading\n\nShare'
    assert normalize(raw)[0] == raw


def test_clean_text_is_returned_unchanged_with_identity_index() -> None:
    raw = "Title words\n\nA paragraph.\n\nAnother one."
    text, index = normalize(raw)
    assert text is raw
    assert list(index) == list(range(len(raw) + 1))


def test_span_maps_back_to_raw() -> None:
    raw = "\r\n\r\nThe  President\r\n\r\n\r\nsaid \x1bhello   \r\nworld"
    text, index = normalize(raw)
    start = text.index("hello")
    end = start + len("hello\nworld")
    assert text[start:end] == "hello\nworld"
    assert raw[index[start] : index[end - 1] + 1] == "hello   \r\nworld"


def test_empty_and_blank_inputs() -> None:
    assert normalize("") == ("", range(1))
    text, index = normalize(" \n\t \r\n")
    assert text == ""
    assert len(index) == 1


@settings(max_examples=300, deadline=None)
@given(messy_text)
def test_every_visible_char_maps_to_the_same_raw_char(raw: str) -> None:
    text, index = normalize(raw)
    assert_maps_back(raw, text, list(index))
    assert not CONTROL_RE.search(text)
    assert "\r" not in text
    assert "\n\n\n" not in text
    assert all(line == line.rstrip() for line in text.split("\n"))
    assert text == text.strip("\n")


@settings(max_examples=300, deadline=None)
@given(messy_text)
def test_fast_path_agrees_with_full_normalisation(raw: str) -> None:
    text, _ = normalize(raw)
    assert text == _normalize_slow(raw)[0]
    assert normalize(text)[0] == text  # idempotent


def test_content_id_is_sha256_prefix_of_title_and_text() -> None:
    expected = hashlib.sha256(b"Title\x00Body text").hexdigest()[:16]
    assert content_id("Title", "Body text") == expected
    assert re.fullmatch(r"[0-9a-f]{16}", expected)


def test_content_id_same_for_duplicates_and_differs_otherwise() -> None:
    assert content_id("A", "text") == content_id("A", "text")
    assert content_id("A", "text") != content_id("B", "text")
    assert content_id("A", "text") != content_id("A", "text!")
    # the separator keeps title and text apart
    assert content_id("ab", "c") != content_id("a", "bc")


def test_derive_title_short_first_sentence() -> None:
    assert derive_title("Markets fell today. Traders were nervous.") == "Markets fell today"
    assert derive_title("Is this the end? Maybe not.") == "Is this the end?"
    assert derive_title("\n\nNo final stop at all") == "No final stop at all"


def test_derive_title_skips_abbreviations_and_initials() -> None:
    text = "Mr. Smith met George W. Bush in the U.S. capital. Then he left."
    assert derive_title(text) == "Mr. Smith met George W. Bush in the U.S. capital"


def test_derive_title_long_sentence_cut_at_word_boundary() -> None:
    text = (
        "The President of Ukraine, Volodymyr Zelensky, declared this Sunday that kyiv is "
        "willing to deliver North Korean soldiers to their leader. More text."
    )
    title = derive_title(text)
    assert len(title) <= 90
    assert title.endswith("…")
    assert text.startswith(title[:-1])
    assert text[len(title) - 1] == " "  # cut between words
    assert derive_title(text, limit=30) == "The President of Ukraine…"


def test_derive_title_uses_first_paragraph_only() -> None:
    assert derive_title("Headline without stop\n\nBody sentence. More.") == "Headline without stop"


def test_clean_field_single_line_without_controls() -> None:
    assert clean_field("  A \x1b[2Jtitle\n split\tover lines ") == "A [2Jtitle split over lines"


def test_derive_title_joins_wrapped_lines_until_an_indent() -> None:
    text = (
        "BUENOS AIRES, March 4 - Central Bank director Daniel Marx\n"
        "said creditor banks were divided.\n"
        '    "There are difficulties," Marx said.'
    )
    expected = (
        "BUENOS AIRES, March 4 - Central Bank director Daniel Marx said creditor banks were divided"
    )
    assert derive_title(text, limit=120) == expected
    assert derive_title("DALLAS, March 2 -\n    Shr loss 40 cts") == "DALLAS, March 2 -"
