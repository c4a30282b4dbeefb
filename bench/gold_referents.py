"""The person a gold pronoun or description Source refers to, for scoring its quote's speaker.

PolNeAR annotates Sources but no coreference: for ``"…," he said`` the gold gives "he". The
scorer stands in for the referent with an earlier gold Source that names someone, chosen so
that it can be the pronoun's:
- a he/she Source refers to a person: a named Source holding no PERSON mention whose head
  reads as a body or group ("the AP", "Iowa biofuels advocates") is passed over, and so is a
  definite description, which refers back to someone named before it ("the Florida senator
  and Republican presidential candidate");
- gender agrees: a name's gender is read from a gendered title before it in the article
  ("Mr. Farid", "Ms. Khan"; a lone surname's only) and from the gold itself, the he/she
  Sources that follow it in its paragraph with no other named Source between (two votes at
  least, and twice the other gender's); a name is its head's words, so "Bill Clinton" and
  "Clinton" are kept apart; a name of unknown gender agrees with either;
- a definite Source headed by a common noun ("the Slovenia-born former model", "The Democratic
  presidential front-runner") names nobody, whatever capitalised words it holds: its own
  quote is scored against its referent too;
- a person who is no gold Source but the subject of a main verb outside gold Content may be a
  he/she's referent ("As for Trump, he said"; "Hillary Ward walked to the quay. '…,' she
  said") when their gender is known and agrees (a given name the scorer lists, a title, the
  gold pronouns after them); "the president" and "they" keep to gold Sources;
- the nearest earlier Source that fits is taken; when none fits, the nearest named one, as
  before (the pronoun may refer to someone who is never a gold Source).
The scorer keeps its own word lists: the system's lexicon would move the verdicts it is judged by.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

MALE = frozenset({"he", "him", "his", "himself"})
FEMALE = frozenset({"she", "her", "hers", "herself"})
_TITLE = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s+(?:[A-Z][\w.'’-]*\s+){0,2}?([A-Z][\w'’-]+)")
_TITLE_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}
# Given names the scorer reads a gender from, kept apart from the system's lexicon.
_MALE_GIVEN = re.findall(
    r"\w+",
    "adam alan albert andrew anthony barack ben bernie bill bob brian bruce carl charles "
    "chris chuck dan daniel david dick don donald ed edward eric frank fred gary george "
    "greg harry henry jack james jason jeb jeff jim jimmy joe john jon jonathan joseph josh "
    "kevin larry mark marco matt michael mike mitch mitt newt paul peter reince richard "
    "rick robert ron ronald rudy ryan sam scott sean steve steven ted thomas tim tom "
    "vladimir william ",
)
_FEMALE_GIVEN = re.findall(
    r"\w+",
    "amy ann anna barbara betsy carly catherine chelsea christine debbie diane donna "
    "elizabeth ellen emily hillary huma ivanka jane janet jennifer jill julie karen kate "
    "kathleen katie kelly kellyanne laura linda lisa liz loretta lynn margaret maria marine "
    "mary megyn melania michelle nancy nikki patricia rachel sarah susan ",
)
_GIVEN = {**dict.fromkeys(_MALE_GIVEN, "m"), **dict.fromkeys(_FEMALE_GIVEN, "f")}
# A gender is known with two votes at least and twice the other's: one "she" after a name is
# often about someone the named person spoke of ("Bill Clinton said ... she").
VOTES_NEEDED = 2


@dataclass(frozen=True, slots=True)
class NamedSource:
    """A gold Source that names someone: where it starts, its text, what it names."""

    start: int
    text: str
    # "person" (a spaCy PERSON in it), "group" (none, and its head is a body: "the AP",
    # "Clinton's campaign"), "description" (definite, a common noun heads it), "subject" (a
    # PERSON subject of a main verb that is no gold Source), "name" (else: "Podesta")
    kind: str
    key: str  # the words of its head name, lowercase: "hany farid", "farid" for "Mr. Farid"


def pronoun_gender(source: str) -> str | None:
    """'m' or 'f' for a he/she Source, None otherwise."""
    word = source.strip().lower()
    return "m" if word in MALE else "f" if word in FEMALE else None


def name_genders(
    text: str, named: Sequence[NamedSource], pronouns: Sequence[tuple[int, str]]
) -> dict[str, str]:
    """Gender of each name key, from titles in the text and the he/she Sources after it.

    ``pronouns`` are (start, gender) of the gendered pronoun Sources of the article.
    """
    votes: dict[str, Counter[str]] = {}
    for match in _TITLE.finditer(text):
        key = match.group(2).lower().replace("’", "'").removesuffix("'s")
        votes.setdefault(key, Counter())[_TITLE_GENDER[match.group(1).lower()]] += 3
    for start, gender in pronouns:
        earlier = [n for n in named if n.start < start]
        if earlier and "\n\n" not in text[earlier[-1].start : start]:
            votes.setdefault(earlier[-1].key, Counter())[gender] += 1
    for source in named:
        given = _GIVEN.get(source.key.split()[0]) if " " in source.key else None
        if given is not None:
            votes.setdefault(source.key, Counter())[given] += 3
    genders = {}
    for key, tally in votes.items():
        male, female = tally["m"], tally["f"]
        if male >= max(VOTES_NEEDED * female, VOTES_NEEDED):
            genders[key] = "m"
        elif female >= max(VOTES_NEEDED * male, VOTES_NEEDED):
            genders[key] = "f"
    return genders


def referent(
    source: str, start: int, named: Sequence[NamedSource], genders: dict[str, str]
) -> str | None:
    """The text of the named Source that ``source`` (starting at ``start``) refers to."""
    earlier = [n for n in named if n.start < start]
    found = next((n for n in reversed(earlier) if _fits(n, source, genders)), None)
    if found is None and earlier:
        found = earlier[-1]
    return found.text if found is not None else None


def _fits(named: NamedSource, source: str, genders: dict[str, str]) -> bool:
    """Whether the named Source can be what the pronoun or description ``source`` means."""
    gender = pronoun_gender(source)
    if gender is None:
        # "they", "it" may mean a group or a report; "the president" one named before.
        return named.kind != "subject"
    own = _TITLE.match(named.text)  # "Ms. Khan" beside "Mr. Khan": the Source's own title
    known = _TITLE_GENDER[own.group(1).lower()] if own else genders.get(named.key)
    if named.kind == "subject":
        return known == gender  # no gold Source: only one known to be of that gender
    return named.kind not in ("group", "description") and known in (None, gender)
