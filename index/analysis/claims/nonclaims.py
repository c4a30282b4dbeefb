"""Numbers that are not claims: dates, clock times, names, ranks, list numbers, ages, compounds.

spaCy's entities veto numbers inside DATE, TIME, ORDINAL and name entities ("Fox 5", "Boeing 737");
the rules here catch what the model leaves: "page 5", "top 10", "10:30", "Windows 95", "Smith, 45,",
"three-year", "one third".
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from ..lexicon.words import word_set

BLOCKING_LABELS = word_set(
    "DATE TIME ORDINAL PERSON ORG PRODUCT FAC WORK_OF_ART EVENT LAW GPE LOC NORP LANGUAGE"
)
REFERENCE_WORDS = word_set(
    "page p pp no no. number chapter section article paragraph item figure fig table clause "
    "rule room route highway flight platform gate level grade episode version verse vol volume "
    "part phase exit channel division # sub-paragraph top"
)
CLOCK_WORDS = word_set("am pm a.m. p.m. gmt bst est edt cet utc")
FRACTION_WORDS = word_set(
    "half halves third thirds quarter quarters fifth fifths sixth sixths tenth tenths"
)


def blocked_tokens(doc: Doc) -> set[int]:
    """Indexes of tokens inside dates, times, ordinals and names: their numbers are not claims."""
    return {t.i for ent in doc.ents if ent.label_ in BLOCKING_LABELS for t in ent}


def not_a_quantity(doc: Doc, first_i: int, last_i: int, blocked: set[int]) -> bool:
    """True when the number in tokens ``first_i..last_i`` is a date, time, name, rank, list
    number, age or compound adjective rather than an amount."""
    tokens = doc[first_i : last_i + 1]
    first = tokens[0]
    before = doc[first.i - 1] if first.i > 0 else None
    after = doc[last_i + 1] if last_i + 1 < len(doc) else None
    if any(t.i in blocked for t in tokens) or ":" in first.text:
        return True
    if first.is_alpha and first.is_title and not first.is_sent_start:
        return True  # "Another One Bites the Dust": a number word inside a title or name
    if after is not None and _compound_or_fraction(tokens[-1], after):
        return True
    if after is not None and after.lower_ in CLOCK_WORDS:
        return True
    if before is not None and before.lower_ in REFERENCE_WORDS:
        return True
    return _name_number(first, before) or _list_number(first, after) or _age(first, before, after)


_FRACTION = re.compile(
    r"^(?:four|fif|six|seven|eigh|nin|ten|eleven|twelf|(?:thir|four|fif|six|seven|eigh|nine)teen"
    r"|(?:twen|thir|for|fif|six|seven|eigh|nine)tie|hundred|thousand)ths?$"
)


def _compound_or_fraction(last: Token, after: Token) -> bool:
    """ "three-year", "zero-emissions", "one-twentieth", "one third": not a count of things."""
    if after.lower_ in FRACTION_WORDS or _FRACTION.match(after.lower_):
        return True
    if after.text not in ("-", "–") or last.whitespace_ or after.whitespace_:
        return False
    following = last.doc[after.i + 1] if after.i + 1 < len(last.doc) else None
    return following is not None and following.is_alpha


def _name_number(first: Token, before: Token | None) -> bool:
    """ "Fox 5", "Windows 95", "Radio 4": an integer right after a capitalised proper noun."""
    if before is None or before.tag_ not in ("NNP", "NNPS") or not before.text[:1].isupper():
        return False
    return first.text.isdigit() and not before.is_sent_start


def _list_number(first: Token, after: Token | None) -> bool:
    line_start = first.i == 0 or "\n" in first.doc[first.i - 1].text_with_ws
    return line_start and after is not None and after.text in (".", ")")


def _age(first: Token, before: Token | None, after: Token | None) -> bool:
    """ "Jane Smith, 45, said": an age in apposition to a person's name."""
    if before is None or after is None or before.text != "," or after.text != ",":
        return False
    name = first.doc[first.i - 2] if first.i >= 2 else None
    return name is not None and name.ent_type_ == "PERSON" and first.text.isdigit()
