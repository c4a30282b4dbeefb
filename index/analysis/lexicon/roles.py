"""Nouns that name a speaker: roles ("the president"), bodies and documents, crowds."""

from __future__ import annotations

from .titles import title_gender
from .words import word_set

# Words that make a role another one: "the chancellor" is not the shadow chancellor, nor a former
# or deputy one.
ROLE_QUALIFIERS = word_set("shadow former deputy vice assistant junior ex outgoing")

# Role nouns that, after "the", name a person mentioned earlier ("the president added").
ROLE_NOUNS = word_set(
    """
    president minister chancellor leader senator congressman congresswoman lawmaker governor
    mayor candidate nominee secretary spokesman spokeswoman spokesperson chairman chairwoman
    chair director official ambassador diplomat general commander chief executive founder
    businessman businesswoman billionaire mogul author writer reporter analyst economist
    professor expert coach manager player striker captain actor actress singer star rapper
    host anchor pollster strategist adviser advisor aide attorney lawyer judge prosecutor
    democrat republican man woman king queen prince pope pastor cardinal bishop mp premier
    trader dealer banker investor executive officer engineer scientist researcher
    doctor nurse teacher worker farmer resident witness activist campaigner owner
    employee representative negotiator delegate commissioner inspector detective
    sheriff historian columnist producer artist musician boss
    """
)

# Roles a paragraph is rarely about: "the spokeswoman" nobody was called before is an unnamed
# one, not the minister the paragraph names.
SPOKESPEOPLE = word_set("spokesman spokeswoman spokesperson")

# People quoted without a name: "a Treasury source", "the source" (never a person named before).
ANONYMOUS_ROLES = word_set("source insider")

# Heads of descriptions kept as the speaker when they name no person: bodies and documents.
SOURCE_NOUNS = word_set(
    """
    council committee ministry agency department office campaign government administration
    company group union court police army military party commission board team statement
    report letter ad advertisement article book study ruling document post tweet video memo
    website paper editorial announcement release narrator announcer survey network newspaper
    magazine channel station organization association foundation institute center centre bank
    firm service authority regime embassy submission complaint filing lawsuit petition
    indictment affidavit judgment manifesto
    """
)

# People speaking as a crowd: a bare plural ("Protesters chanted") is kept as the speaker,
# unlike a bare plural thing ("estimates suggest"), and never resolves to one person.
GROUP_NOUNS = word_set(
    """
    protester protestor demonstrator marcher activist supporter critic opponent resident voter
    delegate worker crowd
    """
)

# What a person says in writing or aloud: with a possessor ("her statement", "Bush's Facebook
# post"), the possessor is the speaker.
STATEMENT_NOUNS = word_set(
    """
    statement post tweet response reply answer word remark comment email letter message speech
    note memo essay column op-ed release interview testimony reference
    """
)


def role_gender(noun: str) -> str | None:
    """'f' or 'm' for a role that tells it ("the spokeswoman", "the businessman", "the
    queen"), else None."""
    bare = noun.casefold()
    if bare.endswith("woman") or bare == "actress":
        return "f"
    if bare.endswith("man") and bare != "human":
        return "m"
    return title_gender(bare)
