"""Pronouns: their gender, which may stand as a subject, and which never name one person."""

from __future__ import annotations

from .words import word_set

# Third-person singular pronouns of every case, and the gender each tells.
PRONOUN_GENDER: dict[str, str] = {
    "he": "m",
    "him": "m",
    "his": "m",
    "himself": "m",
    "she": "f",
    "her": "f",
    "hers": "f",
    "herself": "f",
}

# Pronouns that open an attribution clause as its subject ('," he said'). "i" and "we" outside
# quotes are the writer: they open a clause but never resolve to an earlier person.
SUBJECT_PRONOUNS = word_set("i we he she it they")

# Pronouns that name no one person: a group, a thing, or a relative clause's subject.
NON_PERSON_PRONOUNS = word_set("they it them who which that this")

# First-person pronouns: inside a quote they make it a statement of the speaker's own.
FIRST_PERSON = word_set("i we me us my our")
