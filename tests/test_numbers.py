"""Reading numbers as news writes them, without spaCy: numerals, number words, glued units."""

from __future__ import annotations

import pytest

from newsreader.index.analysis.claims.numbers import (
    HEDGES,
    glued_value,
    is_digits,
    looks_like_year,
    range_value,
    word_value,
)


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("11,000", 11000),
        ("12,345.67", 12345.67),
        ("1.5", 1.5),
        (".5", 0.5),
        ("two", 2),
        ("Nineteen", 19),
        ("twenty-five", 25),
        ("ninety-nine", 99),
        ("dozen", 12),
    ],
)
def test_numerals_and_number_words_have_their_value(word: str, value: float) -> None:
    assert word_value(word) == value


@pytest.mark.parametrize("word", ["first", "1,00", "twenty-zero", "five-twenty", "", "G7"])
def test_other_words_have_no_value(word: str) -> None:
    assert word_value(word) is None


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("1.2bn", (1.2, "bn")),
        ("5M", (5, "m")),
        ("11,000m", (11000, "m")),
        ("50p", (50, "p")),
        ("3tn", (3, "tn")),
    ],
)
def test_a_numeral_glued_to_a_multiplier_splits_in_two(word: str, parts: tuple) -> None:
    assert glued_value(word) == parts


@pytest.mark.parametrize("word", ["3G", "2.5km", "G7", "bn", "1.2"])
def test_other_glued_letters_are_not_a_multiplier(word: str) -> None:
    assert glued_value(word) is None


def test_a_range_in_one_token_has_a_low_and_a_high_bound() -> None:
    assert range_value("10-15") == (10, 15)
    assert range_value("10–15") == (10, 15)  # en dash
    assert range_value("1,000-2,000") == (1000, 2000)
    assert range_value("7-5") is None  # not a range: a score or a date part
    assert range_value("3-3") is None
    assert range_value("ten-fifteen") is None


def test_plain_numerals_and_years() -> None:
    assert is_digits("2025") and is_digits("11,000") and is_digits("1.5")
    assert not is_digits("two") and not is_digits("1.2bn")
    assert looks_like_year("1987") and looks_like_year("2099") and looks_like_year("1800")
    assert not looks_like_year("1799") and not looks_like_year("2100")
    assert not looks_like_year("87") and not looks_like_year("19.5")


def test_hedges_are_tried_longest_first() -> None:
    lengths = [len(hedge) for hedge in HEDGES]
    assert lengths == sorted(lengths, reverse=True)
    assert HEDGES.index(("more", "than")) < HEDGES.index(("over",))
    assert HEDGES.index(("an", "estimated")) < HEDGES.index(("estimated",))
