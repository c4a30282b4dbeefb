"""Reading numbers, multipliers, currencies, percentages and hedges as news writes them.

Covers British and wire styles: "11,000", "1.2bn", "$5m", "£1.2bn", "two", "twenty-five",
"3.5 billion", "1.5 mln dlrs", "12 pct", "40 per cent", "590 pence", "22 euro cents".
"""

from __future__ import annotations

import re

from ..lexicon.words import word_list, word_set

_UNITS = word_list(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
)
_TENS = word_list("twenty thirty forty fifty sixty seventy eighty ninety")
WORD_NUMBERS: dict[str, float] = {w: float(i) for i, w in enumerate(_UNITS)}
WORD_NUMBERS.update({w: float(20 + 10 * i) for i, w in enumerate(_TENS)})
WORD_NUMBERS["dozen"] = 12.0

MULTIPLIERS: dict[str, float] = {
    "hundred": 1e2,
    "thousand": 1e3,
    "k": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "million": 1e6,
    "bn": 1e9,
    "billion": 1e9,
    "billn": 1e9,
    "tn": 1e12,
    "trillion": 1e12,
}
CURRENCY_SYMBOLS: dict[str, str] = {
    "£": "GBP",
    "$": "USD",
    "€": "EUR",
    "¥": "JPY",
    "US$": "USD",
    "A$": "AUD",
    "C$": "CAD",
    "HK$": "HKD",
    "NZ$": "NZD",
    "S$": "SGD",
}
# Measurement units written glued to the number ("60GB", "2.5km"); other glued letters ("3G")
# make the whole thing a name.
GLUED_UNITS = word_set(
    "gb mb kb tb kg km cm mm mph kph ft lb lbs kw mw gw ghz mhz kbps mbps bps hz mins hrs"
)
CURRENCY_WORDS: dict[str, str] = {
    "dlrs": "USD",
    "dlr": "USD",
    "dollars": "USD",
    "dollar": "USD",
    "pounds": "GBP",
    "stg": "GBP",
    "sterling": "GBP",
    "euros": "EUR",
    "euro": "EUR",
    "yen": "JPY",
    "marks": "DEM",
    "lire": "ITL",
    "yuan": "CNY",
    "rupees": "INR",
    "roubles": "RUB",
    "rubles": "RUB",
    "francs": "FRF",
}
# The word before "dlrs"/"francs" that names another country's currency.
CURRENCY_QUALIFIERS: dict[str, str] = {
    "canadian": "CAD",
    "australian": "AUD",
    "zealand": "NZD",
    "singapore": "SGD",
    "taiwan": "TWD",
    "kong": "HKD",
    "swiss": "CHF",
    "belgian": "BEF",
}
SUBUNITS: dict[str, tuple[str, float]] = {
    "cts": ("USD", 0.01),
    "cents": ("USD", 0.01),
    "cent": ("USD", 0.01),
    "pence": ("GBP", 0.01),
    "p": ("GBP", 0.01),
}
PERCENT_WORDS = frozenset({"%", "pct", "percent"})
# Longest first, so "more than" wins over "over" and "an estimated" over "estimated".
HEDGES: tuple[tuple[str, ...], ...] = tuple(
    sorted(
        (
            word_list(hedge)
            for hedge in word_list(
                "about|around|approximately|some|nearly|almost|more than|over|at least|up to|"
                "less than|fewer than|roughly|an estimated|as many as|just over|just under|"
                "well over|close to|upwards of|at most|as much as|as few as|under|estimated",
                "|",
            )
        ),
        key=len,
        reverse=True,
    )
)

_NUMERIC = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$|^\.\d+$")
_GLUED = re.compile(r"^(\d[\d,]*(?:\.\d+)?)(bn|m|mn|k|tn|p)$", re.IGNORECASE)
_RANGE = re.compile(r"^(\d[\d,]*(?:\.\d+)?)[-–](\d[\d,]*(?:\.\d+)?)$")


def word_value(word: str) -> float | None:
    """Return the value of a numeral or number word ("11,000", "two", "twenty-five"), else None."""
    lower = word.casefold()
    if _NUMERIC.match(lower):
        return float(lower.replace(",", ""))
    if lower in WORD_NUMBERS:
        return WORD_NUMBERS[lower]
    if "-" in lower:
        tens, _, unit = lower.partition("-")
        if tens in _TENS and unit in _UNITS[1:10]:
            return WORD_NUMBERS[tens] + WORD_NUMBERS[unit]
    return None


def glued_value(word: str) -> tuple[float, str] | None:
    """Split a numeral glued to a multiplier or pence ("1.2bn", "5m", "50p") into its parts."""
    match = _GLUED.match(word)
    if match is None:
        return None
    return float(match.group(1).replace(",", "")), match.group(2).lower()


def range_value(word: str) -> tuple[float, float] | None:
    """Return (low, high) of a hyphenated range in one token ("10-15"), else None."""
    match = _RANGE.match(word)
    if match is None:
        return None
    low, high = (float(g.replace(",", "")) for g in match.groups())
    return (low, high) if low < high else None


def is_digits(word: str) -> bool:
    """True for a plain numeral: "2025", "11,000", "1.5"."""
    return bool(_NUMERIC.match(word))


def looks_like_year(word: str) -> bool:
    """True for a bare four-digit year from 1800 to 2099."""
    return len(word) == 4 and word.isdigit() and 1800 <= int(word) <= 2099
