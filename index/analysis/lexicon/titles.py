"""Titles written before a person's name, and the gender the gendered ones tell."""

from __future__ import annotations

from .words import word_set

MALE_TITLES = word_set("mr sir lord king prince father brother")
FEMALE_TITLES = word_set("ms mrs miss lady queen princess madam dame sister")

# Every title a name may open with ("Mr Blair", "Gen. Milley", "Sheikh Hasina"), without dots.
NAME_TITLES = (
    MALE_TITLES
    | FEMALE_TITLES
    | word_set(
        """
        dr prof professor president mp gen general col colonel capt captain sen senator rep gov
        governor judge justice rev pope chancellor minister secretary premier sheikh ayatollah
        mayor chairman commander rt hon revd reverend
        """
    )
)

# Abbreviations whose dot ends no sentence ("Mr. Obama said. ..."); single capitals too.
# Lowercase words inside a surname: "Roberto di Carlo", "Ursula von der Leyen".
NAME_PARTICLES = word_set("de di da del della dos das du van von der den ter ten bin ibn")

ABBREVIATIONS = ("Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Sgt", "St")
ABBREVIATIONS += ("Jr", "Sr", "Prof", "Capt", "Cmdr", "Adm", "Maj", "Rev", "Hon")


def title_gender(word: str) -> str | None:
    """'m' or 'f' for a gendered title ("Mrs.", "sir"), else None."""
    bare = word.casefold().rstrip(".")
    if bare in MALE_TITLES:
        return "m"
    return "f" if bare in FEMALE_TITLES else None
