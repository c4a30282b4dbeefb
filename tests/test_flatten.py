"""Snippet text without a search engine: whitespace flattened with its marks moved along, and
an article's lead line."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsreader.index.text.flatten import SNIPPET_WIDTH, flatten, lead_span


def test_whitespace_runs_become_one_space_and_marks_follow_their_words() -> None:
    body = "a  b\n\nc d"
    text, placed = flatten(body, 0, len(body), [(3, 4), (6, 7)])
    assert text == "a b c d"
    assert [text[s:e] for s, e in placed] == ["b", "c"]


def test_a_cut_window_says_so_with_ellipses() -> None:
    body = "xx  hello   world  yy"
    text, placed = flatten(body, 2, 19, [(4, 9), (12, 17)])
    assert text == "…hello world…"
    assert [text[s:e] for s, e in placed] == ["hello", "world"]


def test_the_whole_body_has_no_ellipses() -> None:
    assert flatten("one\ttwo", 0, 7, []) == ("one two", ())


words = st.lists(st.text(alphabet="abcXYZ", min_size=1, max_size=6), min_size=1, max_size=12)
gaps = st.lists(st.sampled_from([" ", "  ", "\n", "\n\n", "\t", " \n "]), min_size=12, max_size=12)


@given(words, gaps)
def test_every_mark_still_covers_its_word(parts: list[str], spaces: list[str]) -> None:
    body, marks = "", []
    for word, gap in zip(parts, spaces, strict=False):
        marks.append((len(body), len(body) + len(word)))
        body += word + gap
    text, placed = flatten(body, 0, len(body), marks)
    assert [text[s:e] for s, e in placed] == parts
    assert text == " ".join(parts)


def test_lead_span_is_the_first_non_blank_line() -> None:
    body = "\n  First line of the body.\nSecond line."
    start, end = lead_span(body)
    assert body[start:end] == "First line of the body."


def test_lead_span_is_cut_at_a_word_within_the_width() -> None:
    body = "A lead line that is much too long for the width"
    start, end = lead_span(body, 15)
    assert body[start:end] == "A lead line"
    long = "word " * 100
    start, end = lead_span(long)
    assert end - start <= SNIPPET_WIDTH and long[end] == " "


def test_lead_span_of_one_long_word_is_cut_at_the_width() -> None:
    body = "x" * 50
    assert lead_span(body, 20) == (0, 20)
