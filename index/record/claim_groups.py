"""Numeric claims side by side: grouped by what they count, their values written for reading.

A claim's unit is what the analysis read it as counting: "%", a currency code ("GBP") or the
counted noun as written ("soldiers", "soldier"). Nouns group on their singular (read by rule:
the views never load spaCy), and a group is shown by its most frequent spelling. Values are
stored as numbers (40% is 0.4, £1.2bn is 1.2e9); `shown` writes them as an article would.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from ..analysis.claims.numbers import CURRENCY_SYMBOLS
from ..models import Claim, ClaimGroup
from .tally import Tally

PERCENT = "%"
# The symbol written before an amount in each currency; other codes are written after it.
SYMBOLS = {code: symbol for symbol, code in reversed(CURRENCY_SYMBOLS.items())}
SYMBOLS.update({"USD": "$", "GBP": "£", "EUR": "€", "JPY": "¥"})
MONEY_SCALES = ((1e12, "tn"), (1e9, "bn"), (1e6, "m"))
COUNT_SCALES = ((1e12, " trillion"), (1e9, " billion"), (1e6, " million"))
_NOT_PLURAL = ("ss", "us", "is", "news", "series", "species")


def group_key(unit: str | None) -> str | None:
    """What a unit counts, as the key its claims group on: nouns in the singular."""
    if unit is None or unit == PERCENT or unit.isupper():
        return unit
    word = unit.casefold()
    if word.endswith(_NOT_PLURAL) or len(word) <= 3:
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses", "zes")):
        return word[:-2]
    return word[:-1] if word.endswith("s") else word


def group_names(counts: Mapping[str, int]) -> dict[str, str]:
    """Each unit (with its number of claims) -> the name of its group: the most frequent unit
    of the same key."""
    by_key: dict[str, list[str]] = defaultdict(list)
    for unit in counts:
        by_key[group_key(unit) or unit].append(unit)
    names: dict[str, str] = {}
    for members in by_key.values():
        shown = max(members, key=lambda u: (counts[u], u.endswith("s"), u))
        names.update(dict.fromkeys(members, shown))
    return names


def group_named(typed: str, names: Mapping[str, str]) -> str | None:
    """The group a typed name picks: any of its units, in any case or number ("Soldier")."""
    key = (group_key(typed.strip()) or "").casefold()
    picked = (name for unit, name in names.items() if (group_key(unit) or "").casefold() == key)
    return next(picked, None)


def shown(claim: Claim) -> str:
    """The claim's value as an article would write it: "2,700", "40%", "£1.2bn", "10–15"."""
    if claim.value is not None:
        return _amount(claim.value, claim.unit)
    if claim.low is not None and claim.high is not None:
        return f"{_amount(claim.low, claim.unit)}–{_amount(claim.high, claim.unit)}"
    return claim.text


def _amount(value: float, unit: str | None) -> str:
    if unit == PERCENT:
        return f"{_digits(value * 100)}%"
    if unit is not None and unit.isupper() and len(unit) == 3:  # a currency code
        figure = _scaled(value, MONEY_SCALES)
        symbol = SYMBOLS.get(unit)
        if symbol is None:
            return f"{figure} {unit}"
        return f"-{symbol}{figure[1:]}" if value < 0 else f"{symbol}{figure}"
    return _scaled(value, COUNT_SCALES)


def _scaled(value: float, scales: tuple[tuple[float, str], ...]) -> str:
    for size, suffix in scales:
        if abs(value) >= size:
            return f"{_digits(value / size)}{suffix}"
    return _digits(value)


def _digits(value: float) -> str:
    """Thousands separated, at most two decimals, none when whole: 2700 -> "2,700"."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def groups_of(counted: Tally) -> list[ClaimGroup]:
    """Every group counted with claim and article counts and date range, largest first."""
    groups = [
        ClaimGroup(name, count, counted.articles[name], *counted.span(name))
        for name, count in counted.rows.items()
    ]
    return sorted(groups, key=lambda g: (-g.claims, g.name))
