"""Quote marks read from plain text, without spaCy: which characters open, close or neither."""

from __future__ import annotations

import pytest

from newsreader.index.analysis.quotes.marks import Mark, find_marks, is_mark_char


def marks(text: str) -> list[tuple[str, str, str, bool, bool]]:
    """Each mark as (the characters, family, glyph, can open, can close)."""
    return [
        (text[m.start : m.end], m.family, m.glyph, m.can_open, m.can_close)
        for m in find_marks(text)
    ]


def test_straight_double_marks_open_before_a_word_and_close_after_one() -> None:
    assert marks('He said "We will win." Then') == [
        ('"', "double", "straight", True, False),
        ('"', "double", "straight", False, True),
    ]


def test_curly_marks_and_guillemets_say_which_side_they_are() -> None:
    assert marks("“Yes,” she said") == [
        ("“", "double", "curly", True, False),
        ("”", "double", "curly", False, True),
    ]
    assert marks("«Bonjour», dit-il.") == [
        ("«", "double", "guillemet", True, False),
        ("»", "double", "guillemet", False, True),
    ]


def test_a_curly_opener_in_closing_position_may_close_a_low_quote() -> None:
    assert marks("„Wir schaffen das“, sagte sie.") == [
        ("„", "double", "low", True, False),
        ("“", "double", "curly", True, True),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "I don't like it",
        "the '90s were loud",
        "O'Neill's car",
        "it’s late",
        'Indonesia"s economy grew; September"s',  # wire copy's apostrophe
    ],
)
def test_apostrophes_are_not_marks(text: str) -> None:
    assert find_marks(text) == []


def test_single_marks_around_words_are_marks() -> None:
    assert marks("She said 'no way' twice.") == [
        ("'", "single", "straight", True, False),
        ("'", "single", "straight", False, True),
    ]
    assert marks("She said ‘no way’ twice.") == [
        ("‘", "single", "curly", True, False),
        ("’", "single", "curly", False, True),
    ]


def test_two_apostrophes_and_two_backticks_are_one_double_mark() -> None:
    assert marks("He said ''no'' twice") == [
        ("''", "double", "straight", True, False),
        ("''", "double", "straight", False, True),
    ]
    assert marks("``Hi,'' he said") == [
        ("``", "double", "straight", True, False),
        ("''", "double", "straight", False, True),
    ]


def test_nested_marks_set_apart_by_a_space_take_the_side_of_their_neighbour() -> None:
    assert marks("outreach,' \" he said") == [
        ("'", "single", "straight", False, True),
        ('"', "double", "straight", False, True),
    ]


def test_a_window_of_the_text_is_read_with_its_real_surroundings() -> None:
    text = 'He said "We will win." Then "we lost."'
    window = find_marks(text, 10, len(text))
    assert [(m.start, m.can_open, m.can_close) for m in window] == [
        (21, False, True),
        (28, True, False),
        (37, False, True),
    ]
    assert all(isinstance(m, Mark) for m in window)


def test_mark_characters() -> None:
    assert all(is_mark_char(c) for c in "\"“”„«»'‘’‚`")
    assert not any(is_mark_char(c) for c in "a.,-( ")
