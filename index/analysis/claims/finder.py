"""Numeric claims: numbers that say how many or how much of something.

A claim is read from the tokens outward: the number (numeral, number word, glued "1.2bn"), its
multiplier ("million", "mln"), a range ("10-15", "between 200 and 300"), a currency or percent, the
hedge before it ("about", "more than") and the counted noun it modifies in the dependency parse
("soldiers"). spaCy's entities only veto: numbers inside dates, times, ordinals and names ("Fox 5",
"Boeing 737") are not claims, nor are bare years, clock times, page or list numbers, scores,
ages in bylines, and number words that count nothing ("one of them").

Ranges: ``low`` and ``high`` hold the bounds and ``value`` is None, because the article states
no single figure. Percentages are fractions (40% -> 0.4, unit "%"); money is in units of the
currency (£1.2bn -> 1.2e9, unit "GBP"; 12 cts -> 0.12, unit "USD").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ...models import Claim
from ..lexicon.words import word_set
from ..runtime.doc_text import text_of
from .nonclaims import blocked_tokens, not_a_quantity
from .numbers import (
    CURRENCY_QUALIFIERS,
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    GLUED_UNITS,
    HEDGES,
    MULTIPLIERS,
    PERCENT_WORDS,
    SUBUNITS,
    glued_value,
    looks_like_year,
    range_value,
    word_value,
)

# Adjectives and participles that name what is counted when no noun follows ("300 dead").
STATE_WORDS = word_set(
    "dead wounded injured killed missing displaced homeless hurt arrested detained captured "
    "evacuated infected unemployed jobless employed"
)
NOUN_TAGS = word_set("NN NNS NNPS")


@dataclass
class Phrase:
    """The number part of a claim: token indexes, figures and what they are counted in."""

    first: int  # first number token
    last: int  # last token of the number part (multiplier, "%" and currency words included)
    value: float | None
    low: float | None = None
    high: float | None = None
    currency: str | None = None
    percent: bool = False
    scaled: bool = False  # a multiplier, currency or percent makes it a quantity whatever the tags
    score: bool = False  # "7-5": a result, not an amount
    start_char: int = -1  # currency symbol start when it precedes the number


def find_claims(doc: Doc) -> tuple[Claim, ...]:
    """Return every numeric claim of the article, in text order."""
    text = text_of(doc)
    blocked = blocked_tokens(doc)
    claims: list[Claim] = []
    units: list[tuple[int, int, str]] = []  # (sentence start, token, noun unit) of claims so far
    i = 0
    while i < len(doc):
        phrase = read_phrase(doc, i)
        if phrase is None:
            i += 1
            continue
        claim = make_claim(doc, text, phrase, blocked, units)
        if claim is not None:
            claims.append(claim)
        i = phrase.last + 1
    return tuple(claims)


def read_phrase(doc: Doc, i: int) -> Phrase | None:
    """Read the number starting at token ``i`` with its multiplier, range, percent and currency."""
    phrase = _first_number(doc[i])
    if phrase is None:
        return None
    j = _read_multipliers(doc, i + 1, phrase)
    j = _read_range(doc, i, j, phrase)
    _read_symbol(doc, i, phrase)
    phrase.last = _read_measure(doc, j, phrase) - 1
    return phrase


def _first_number(token: Token) -> Phrase | None:
    i = token.i
    if (glued := glued_value(token.text)) is not None:
        value, suffix = glued
        if suffix == "p":
            return Phrase(i, i, value * 0.01, currency="GBP", scaled=True)
        return Phrase(i, i, value * MULTIPLIERS[suffix], scaled=True)
    if (bounds := range_value(token.text)) is not None:
        return Phrase(i, i, None, low=bounds[0], high=bounds[1])
    value = word_value(token.text)
    if value is None or token.tag_ not in ("CD", "NN", "NNS", "JJ", "NNP", "LS"):
        return None
    return Phrase(i, i, value)


def _read_multipliers(doc: Doc, j: int, phrase: Phrase) -> int:
    while j < len(doc) and doc[j].lower_ in MULTIPLIERS and phrase.value is not None:
        word = doc[j].lower_
        if len(word) <= 2 and doc[j - 1].whitespace_:  # "5 m" is five metres, "5m" five million
            break
        phrase.value *= MULTIPLIERS[word]
        phrase.scaled = True
        j += 1
    return j


def _read_range(doc: Doc, i: int, j: int, phrase: Phrase) -> int:
    if j + 1 >= len(doc) or phrase.value is None:
        return j
    joiner = doc[j].lower_
    between = i > 0 and doc[i - 1].lower_ == "between" and joiner == "and"
    dash = joiner in ("-", "–") and not doc[j - 1].whitespace_
    to = joiner == "to" and not (i > 0 and doc[i - 1].lower_ == "from")
    if not (between or dash or to):
        return j
    second = _first_number(doc[j + 1])
    if second is None or second.value is None:
        return j
    end = _read_multipliers(doc, j + 2, second)
    low, high = phrase.value, second.value
    if second.scaled and not phrase.scaled:  # "1-2 million"
        low *= high / (word_value(doc[j + 1].text) or 1.0)
    if low >= high:
        phrase.score = dash
        return end if dash else j
    phrase.value, phrase.low, phrase.high = None, low, high
    phrase.scaled = phrase.scaled or second.scaled
    return end


def _read_symbol(doc: Doc, i: int, phrase: Phrase) -> None:
    if i > 0 and doc[i - 1].text in CURRENCY_SYMBOLS:
        phrase.currency = CURRENCY_SYMBOLS[doc[i - 1].text]
        phrase.start_char = doc[i - 1].idx
        phrase.scaled = True
        if i > 1 and doc[i - 2].text in ("US", "U.S.") and not doc[i - 2].whitespace_:
            phrase.start_char = doc[i - 2].idx


def _read_measure(doc: Doc, j: int, phrase: Phrase) -> int:
    """Read "%", "pct", "per cent" or a currency word after the number; return the next index."""
    if j >= len(doc):
        return j
    word = doc[j].lower_
    if word in PERCENT_WORDS:
        return _as_percent(phrase, j + 1)
    if word == "per" and j + 1 < len(doc) and doc[j + 1].lower_ == "cent":
        return _as_percent(phrase, j + 2)
    code = CURRENCY_QUALIFIERS.get(word)
    if code and j + 1 < len(doc) and doc[j + 1].lower_ in CURRENCY_WORDS:
        return _as_money(phrase, code, j + 2)
    if word in ("euro", "euros") and j + 1 < len(doc) and doc[j + 1].lower_ in ("cents", "cent"):
        return _as_money(phrase, "EUR", j + 2, 0.01)
    if word in CURRENCY_WORDS:
        return _as_money(phrase, phrase.currency or CURRENCY_WORDS[word], j + 1)
    if word in SUBUNITS and (word != "p" or not doc[j - 1].whitespace_):
        code, factor = SUBUNITS[word]
        return _as_money(phrase, code, j + 1, factor)
    return j


def _as_percent(phrase: Phrase, end: int) -> int:
    phrase.percent = phrase.scaled = True
    _scale(phrase, 0.01)
    return end


def _as_money(phrase: Phrase, code: str, end: int, factor: float = 1.0) -> int:
    phrase.currency, phrase.scaled = code, True
    _scale(phrase, factor)
    return end


def _scale(phrase: Phrase, factor: float) -> None:
    if phrase.value is not None:
        phrase.value *= factor
    if phrase.low is not None and phrase.high is not None:
        phrase.low *= factor
        phrase.high *= factor


def make_claim(
    doc: Doc, text: str, phrase: Phrase, blocked: set[int], units: list[tuple[int, int, str]]
) -> Claim | None:
    """Turn a number phrase into a Claim, or None when the number is not a claim."""
    first = doc[phrase.first]
    if phrase.score or (
        not phrase.scaled and not_a_quantity(doc, phrase.first, phrase.last, blocked)
    ):
        return None
    glued = _glued_suffix(doc, phrase)
    if glued is not None and glued.lower_ not in GLUED_UNITS:
        return None  # "3G", "4x4": part of a name
    unit, unit_end = (glued.lower_, glued.i) if glued is not None else _unit(doc, phrase)
    if unit is None and not phrase.scaled:
        if not any(c.isdigit() for c in first.text) or phrase.low is not None:
            return None  # "one of them", "the two", a score "7-5"
        if looks_like_year(first.text):
            return None
        unit = _inherited_unit(first, text, units)
    if unit is not None and not phrase.percent and not phrase.currency:
        units.append((first.sent.start, first.i, unit))
    start = phrase.start_char if phrase.start_char >= 0 else first.idx
    hedge, start = _hedge(doc, phrase, start)
    last = doc[max(phrase.last, unit_end)]
    end = last.idx + len(last.text)
    return Claim(
        text=text[start:end],
        start=start,
        end=end,
        value=_tidy(phrase.value),
        low=_tidy(phrase.low),
        high=_tidy(phrase.high),
        hedge=hedge,
        unit=unit,
        sentence=first.sent.text.strip(),
    )


def _tidy(value: float | None) -> float | None:
    """Round away binary noise from scaling (4.1 * 0.01 -> 0.041, not 0.040999999999999995)."""
    return None if value is None else float(f"{value:.12g}")


def _glued_suffix(doc: Doc, phrase: Phrase) -> Token | None:
    """The letters written right after the number, if any ("3G", "60GB")."""
    last = doc[phrase.last]
    if phrase.scaled or last.whitespace_ or phrase.last + 1 >= len(doc):
        return None
    after = doc[phrase.last + 1]
    return after if after.is_alpha else None


def _unit(doc: Doc, phrase: Phrase) -> tuple[str | None, int]:
    """The unit and the index of the last token that names it (the phrase end when none)."""
    if phrase.percent:
        return "%", phrase.last
    if phrase.currency:
        return phrase.currency, phrase.last
    noun = _counted_noun(doc, phrase)
    if noun is not None and len(noun.text) > 1:
        return noun.text if noun.tag_ == "NNPS" else noun.lower_, noun.i
    after = doc[phrase.last + 1] if phrase.last + 1 < len(doc) else None
    if after is not None and after.lower_ in STATE_WORDS:
        following = doc[after.i + 1] if after.i + 1 < len(doc) else None
        if following is None or following.tag_ not in NOUN_TAGS:
            return after.lower_, after.i
    return None, phrase.last


def _counted_noun(doc: Doc, phrase: Phrase) -> Token | None:
    """The noun the number modifies, found by walking up the parse a few steps to the right.

    Ranges start from either bound: in "between 200 and 300 people" the noun hangs off "200".
    """
    for index in dict.fromkeys((phrase.last, phrase.first)):
        token = doc[index]
        for _ in range(3):
            head = token.head
            if head.i <= token.i or head.i > phrase.last + 5:
                break
            if token.dep_ not in ("nummod", "compound", "quantmod", "amod", "nmod"):
                break
            if head.tag_ in NOUN_TAGS and head.is_alpha:
                return head
            token = head
    return None


def _inherited_unit(first: Token, text: str, units: list[tuple[int, int, str]]) -> str | None:
    """ "Some 300 soldiers were killed and another 2,700 wounded": reuse the sentence's unit."""
    sent_start = first.sent.start
    for start, index, unit in reversed(units):
        between = text[first.doc[index].idx : first.idx]
        if start == sent_start and "\n" not in between:
            return unit
    return None


def _hedge(doc: Doc, phrase: Phrase, start: int) -> tuple[str | None, int]:
    first = phrase.first - (1 if phrase.start_char >= 0 else 0)
    if phrase.low is not None and first > 0 and doc[first - 1].lower_ == "between":
        return None, doc[first - 1].idx
    for words in HEDGES:
        begin = first - len(words)
        if begin >= 0 and tuple(t.lower_ for t in doc[begin:first]) == words:
            return " ".join(words), doc[begin].idx
    return None, start
