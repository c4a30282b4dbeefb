"""Numeric claims: values, hedges, units, ranges and non-claims, with the real spaCy model."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader.index.analysis.claims.finder import find_claims
from newsreader.index.models import Claim

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(scope="module")
def seed_claims(nlp) -> dict[str, tuple[str, tuple[Claim, ...]]]:
    out = {}
    for prefix in ("000", "004"):
        text = next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")
        out[prefix] = (text, find_claims(nlp(text)))
    return out


def claims_in(nlp, sentence: str) -> tuple[Claim, ...]:
    claims = find_claims(nlp(sentence))
    for c in claims:
        assert sentence[c.start : c.end] == c.text
    return claims


def only(nlp, sentence: str) -> Claim:
    claims = claims_in(nlp, sentence)
    assert len(claims) == 1, claims
    return claims[0]


@pytest.mark.parametrize(
    ("sentence", "text", "value", "hedge", "unit"),
    [
        (
            "About 11,000 soldiers have been deployed.",
            "About 11,000 soldiers",
            11000,
            "about",
            "soldiers",
        ),
        (
            "They sent more than 10,000 soldiers to Russia.",
            "more than 10,000 soldiers",
            10000,
            "more than",
            "soldiers",
        ),
        (
            "Ukraine captured two north korean soldiers.",
            "two north korean soldiers",
            2,
            None,
            "soldiers",
        ),
        ("Turnout was 40% on the day.", "40%", 0.4, None, "%"),
        ("The deal is worth £1.2bn to the firm.", "£1.2bn", 1.2e9, None, "GBP"),
        ("Sales reached $5m last quarter.", "$5m", 5e6, None, "USD"),
        ("Net income was 1.5 mln dlrs in the quarter.", "1.5 mln dlrs", 1.5e6, None, "USD"),
        ("Output rose 12 pct in the period.", "12 pct", 0.12, None, "%"),
        ("Roughly 500 homes were flooded.", "Roughly 500 homes", 500, "roughly", "homes"),
        (
            "At least 40 per cent of voters stayed home.",
            "At least 40 per cent",
            0.4,
            "at least",
            "%",
        ),
        (
            "An estimated 3,000 people marched.",
            "An estimated 3,000 people",
            3000,
            "an estimated",
            "people",
        ),
        ("As many as 70 ships were seen.", "As many as 70 ships", 70, "as many as", "ships"),
        (
            "Nearly 14.27 million tonnes of wheat were sold.",
            "Nearly 14.27 million tonnes",
            14.27e6,
            "nearly",
            "tonnes",
        ),
        ("Up to 200 jobs could go.", "Up to 200 jobs", 200, "up to", "jobs"),
        ("The shares rose 12 cts on the day.", "12 cts", 0.12, None, "USD"),
        ("He paid 590 pence a share.", "590 pence", 5.9, None, "GBP"),
        ("The plan costs 3.5 billion dollars.", "3.5 billion dollars", 3.5e9, None, "USD"),
        ("Exports hit 100 billion yen in May.", "100 billion yen", 1e11, None, "JPY"),
    ],
)
def test_single_claims(nlp, sentence, text, value, hedge, unit) -> None:
    claim = only(nlp, sentence)
    assert claim.text == text
    assert claim.value == pytest.approx(value)
    assert claim.hedge == hedge
    assert claim.unit == unit
    assert claim.low is None and claim.high is None
    assert claim.sentence == sentence


def test_dead_and_wounded_are_two_claims(nlp) -> None:
    claims = claims_in(nlp, "Casualties include approximately 300 dead and 2,700 wounded, he said.")
    assert [(c.value, c.hedge, c.unit) for c in claims] == [
        (300, "approximately", "dead"),
        (2700, None, "wounded"),
    ]


def test_elliptic_number_takes_the_unit_of_the_sentence(nlp) -> None:
    sentence = (
        "Some 300 North Korean soldiers have been killed and another 2,700 have been wounded, "
        "a lawmaker said."
    )
    claims = claims_in(nlp, sentence)
    assert [(c.text, c.value, c.hedge, c.unit) for c in claims] == [
        ("Some 300 North Korean soldiers", 300, "some", "soldiers"),
        ("2,700", 2700, None, "soldiers"),
    ]


@pytest.mark.parametrize(
    ("sentence", "low", "high", "unit"),
    [
        ("Between 200 and 300 people attended the rally.", 200, 300, "people"),
        ("Prices rose 10-15% last year.", 0.10, 0.15, "%"),
    ],
)
def test_ranges_have_bounds_and_no_single_value(nlp, sentence, low, high, unit) -> None:
    claim = only(nlp, sentence)
    assert claim.value is None
    assert (claim.low, claim.high) == (pytest.approx(low), pytest.approx(high))
    assert claim.unit == unit


@pytest.mark.parametrize(
    "sentence",
    [
        "The law was passed in 2025 after a long debate.",
        "On January 12 the talks resumed.",
        "The Boeing 737 was grounded by the regulator.",
        "She told Fox 5 that she would stay.",
        "He was the first to arrive at the summit.",
        "Leaders met at the G7 to discuss Covid-19.",
        "The meeting starts at 10:30 in the hall.",
        "The story is on page 5 of the paper.",
        "John Smith, 45, said he would appeal.",
        "One of them is lying on a bed.",
        "Italy won the final set 7-5 in Rome.",
        "It was a three-year war.",
    ],
)
def test_non_claims(nlp, sentence) -> None:
    assert claims_in(nlp, sentence) == ()


def test_seed_000_claims(seed_claims) -> None:
    text, claims = seed_claims["000"]
    found = {(c.text, c.value, c.hedge, c.unit) for c in claims}
    assert {
        ("About 11,000 soldiers", 11000, "about", "soldiers"),
        ("Some 300 North Korean soldiers", 300, "some", "soldiers"),
        ("2,700", 2700, None, "soldiers"),  # "another 2,700 have been wounded"
        ("approximately 300 dead", 300, "approximately", "dead"),
        ("2,700 wounded", 2700, None, "wounded"),
        ("more than 10,000 soldiers", 10000, "more than", "soldiers"),
        ("two north korean soldiers", 2, None, "soldiers"),
    } <= found
    another = text.index("another 2,700") + len("another ")
    assert any(c.start == another for c in claims)
    assert not any("2025" in c.text or c.text.lower() == "first" for c in claims)
    for c in claims:
        assert text[c.start : c.end] == c.text
        assert c.text in c.sentence or "\n" in c.text


def test_seed_004_claims(seed_claims) -> None:
    text, claims = seed_claims["004"]
    assert [(c.text, c.value, c.unit) for c in claims] == [
        ("two captured soldiers", 2, "soldiers"),
        ("two North Korean occupiers", 2, "occupiers"),
    ]
    for c in claims:
        assert text[c.start : c.end] == c.text
