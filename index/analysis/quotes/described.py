"""People an article only describes ("A Chrysler spokeswoman", "A spokesman for Airbus").

A wire story often quotes someone it never names: the description is the speaker, and a later
"she said" is that person, not whoever was named before them.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from ...models import Entity
from ..lexicon.dependencies import SUBJECT_DEPS
from ..lexicon.roles import ROLE_NOUNS, ROLE_QUALIFIERS
from ..lexicon.speech_verbs import SPEECH_VERBS
from ..runtime.doc_text import text_of

INDEFINITE = ("a", "an")
INDEFINITE_ARTICLES = frozenset({"a", "an", "one", "another"})
# Where someone is from: "an official at the ministry", "a dealer at one co-op", "a paper from
# Brookings"; not "in" ("an official in a briefing"). And whom they work for: "a spokesman for
# Airbus", "an aide to a senator".
_OF_WHERE = frozenset({"of", "at", "from"})
_OF_WHOM = _OF_WHERE | {"for", "to", "with"}
_MAX_OF_WHOM = 8
QUESTION_VERBS = frozenset({"ask", "question", "inquire", "wonder"})
_NOT_DESCRIPTION = frozenset({"punct", "advmod", "cc", "preconj"})


def described_subjects(doc: Doc, inside: Callable[[int], bool]) -> list[Entity]:
    """The subjects of speech verbs, outside quotes, that describe one person by a role,
    indefinitely: "A Chrysler spokeswoman would not say", as person mentions named by their
    words."""
    found = []
    for token in doc:
        if not _describes_someone(token) or inside(token.idx):
            continue
        span = description_span(token)
        text = span.text
        found.append(Entity(text, "PERSON", span.start_char, span.end_char, text, "person"))
    return found


def definite_role_subjects(doc: Doc, inside: Callable[[int], bool]) -> list[Token]:
    """The subjects of speech verbs, outside quotes, that name one person by a role with "the"
    ("The company spokesman said"): a later "he said" may be that person."""
    return [
        t
        for t in doc
        if _speaking_role(t)
        and not inside(t.idx)
        and any(c.dep_ == "det" and c.lower_ == "the" for c in t.children)
        and not any(c.pos_ == "PROPN" for c in t.children if c.dep_ in ("compound", "appos"))
    ]


def _describes_someone(token: Token) -> bool:
    return _speaking_role(token) and any(
        c.dep_ == "det" and c.lower_ in INDEFINITE for c in token.children
    )


def _speaking_role(token: Token) -> bool:
    """Whether ``token`` is a singular role noun subject of a speech verb."""
    if token.dep_ not in SUBJECT_DEPS or token.pos_ != "NOUN" or token.tag_ != "NN":
        return False
    if token.lemma_.lower() not in ROLE_NOUNS:
        return False
    # Only a speaker: "a judge sentenced a man ... he had posted" is the man; and one who
    # asks is answered by someone else ("A reporter asked ... He replied").
    verb = token.head.lemma_.lower()
    return verb in SPEECH_VERBS and verb not in QUESTION_VERBS


def description_span(token: Token) -> Span:
    """The words describing the person ``token`` heads, with the body they speak for when a
    preposition names it: "A spokesman for Airbus", "an official at the Treasury"."""
    first = token.left_edge.i
    # The dash after a dateline hung on the subject it stands in for; "even", "but".
    while first < token.i and token.doc[first].dep_ in _NOT_DESCRIPTION:
        first += 1
    end = description_end(token) if token.pos_ == "NOUN" else token.i + 1
    return token.doc[first:end]


def introduced_before(token: Token, inside: Callable[[int], bool]) -> Token | None:
    """The latest indefinite or possessive description of the same role before ``token`` ("an
    Acme spokeswoman", "the prime minister's official spokesman" for "the spokesman"), outside
    quotes and at most two paragraphs back."""
    lemma, doc = token.lemma_.lower(), token.doc
    text, low = text_of(doc), token.idx
    for _ in range(3):  # the start of the paragraph two before the token's
        low = text.rfind("\n\n", 0, low)
        if low < 0:
            break
    for earlier in reversed(doc[: token.i]):
        if earlier.idx < low:
            return None
        if earlier.lemma_.lower() != lemma or inside(earlier.idx):
            continue
        # "One mining sector official": the parse makes "one" a number, not an article.
        determiners = [c.lower_ for c in earlier.children if c.dep_ in ("det", "nummod")]
        if determiners[:1] and determiners[0] in INDEFINITE_ARTICLES:
            return earlier
        if any(c.dep_ == "poss" and c.pos_ != "PRON" for c in earlier.children):
            return earlier  # "the prime minister's official spokesman", later "the spokesman"
    return None


def description_end(noun: Token) -> int:
    """The index after the phrase that tells whose ``noun`` is, right after it ("A spokesman
    for DLF Builders", "an aide to a senior senator"), else after the noun."""
    end = noun.i + 1
    # A person works for or advises someone; a memo "for Mr Heath" is only addressed to him.
    whom = _OF_WHOM if noun.lemma_.lower() in ROLE_NOUNS else _OF_WHERE
    prep = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ in whom), None)
    if prep is None or prep.i != end:
        return end
    # Up to an apposition's comma: "A spokesman for Unison, Britain's biggest union, said".
    words = list(itertools.takewhile(_in_phrase, prep.subtree))
    return words[-1].i + 1 if 1 < len(words) <= _MAX_OF_WHOM else end


def _in_phrase(word: Token) -> bool:
    """Whether ``word`` may stand in a description's phrase: no comma or mark; a hyphen within a
    word ("left-leaning", "France-Presse") may."""
    joined = word.text == "-" and not word.whitespace_  # "co-op", even when not tagged HYPH
    return joined or word.tag_ == "HYPH" or not (word.is_punct or word.is_quote)


def described_role(speaker: str) -> str | None:
    """The role noun of a description of a person ("spokeswoman" in "a Benetton spokeswoman",
    "spokesman" in "A spokesman for Airbus"), or None for a name or a body."""
    words = speaker.split()
    if len(words) < 2 or words[0].lower() not in INDEFINITE_ARTICLES | {"the"}:
        return None
    cut = next((at for at, word in enumerate(words) if word in _OF_WHOM), len(words))
    noun = words[cut - 1].lower()
    return noun if noun in ROLE_NOUNS else None


def qualified_role(token: Token) -> str:
    """The role a definite description names, with the word that makes it another role:
    "chancellor", "shadow chancellor", "former president"."""
    qualifiers = [c.lower_ for c in token.children if c.i < token.i and c.lower_ in ROLE_QUALIFIERS]
    return " ".join([*qualifiers[-1:], token.lower_])


def titled_subject(name: Token) -> Token | None:
    """The role subject a name ends, right before its verb: "Real Madrid director of sport
    Emilio Butragueno praised" is Butragueno's sentence, though the parse makes him the
    object of "of"."""
    prep = name.head
    if name.dep_ != "pobj" or prep.lower_ != "of":
        return None
    role = prep.head
    if role.dep_ not in SUBJECT_DEPS or role.lemma_.lower() not in ROLE_NOUNS:
        return None
    return role if name.i + 1 == role.head.i else None
