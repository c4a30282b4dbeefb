"""Reading attribution clauses: the subject of a speech verb, and the clause after a quote.

News attribution is formulaic: ``"...," Smith said``, ``"...," said Richard L. Trumka,
president of ...``, ``"...," the White House spokesman, Josh Earnest, told reporters``,
``"...," he added``. ``tail_clause`` reads that clause from the words that follow the quote
in its paragraph, because the parser often misreads it when a paragraph break does not end
its sentence. ``verb_subjects`` finds the subject of a speech verb in the parse.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from newsreader.index.analysis.speech_verbs import SPEECH_FORMS

SUBJECTS = ("nsubj", "nsubjpass")

_MARKS = frozenset("\"“”'‘’«»`,")
_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "it"})
_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "their", "its", "another", "one"})
# Words that may stand between a subject and its speech verb: "Smith later said".
_BETWEEN = frozenset(
    {"also", "later", "then", "once", "has", "had", "have", "would", "will", "again", "further"}
)
_MAX_APPOSITION = 16
_MAX_DESCRIPTION = 6


def _is_name(token: Token) -> bool:
    return token.pos_ == "PROPN" or (token.text[:1].isupper() and token.text.endswith("."))


def _is_verb(token: Token) -> bool:
    return token.lower_ in SPEECH_FORMS and token.lower_ != "according" and token.pos_ != "NOUN"


def _subject_end(tokens: Sequence[Token]) -> int:
    """Length of the subject at the start of ``tokens``: a name, a pronoun or a description."""
    if not tokens:
        return 0
    if tokens[0].lower_ in _PRONOUNS:
        return 1
    if tokens[0].lower_ in _DETERMINERS:
        for size, token in enumerate(tokens[1 : _MAX_DESCRIPTION + 1], start=1):
            if token.pos_ not in ("NOUN", "PROPN", "ADJ", "PUNCT") or token.text == ",":
                return size if size > 1 else 0
            if token.pos_ == "PUNCT" and token.text != "-":
                return size
        return 0
    size = 0
    while size < len(tokens) and _is_name(tokens[size]):
        size += 1
    return size


def _apposition_end(tokens: Sequence[Token], start: int) -> int:
    """Index after ", the party chairman," or ", 58," following a subject, else ``start``."""
    if start >= len(tokens) or tokens[start].text != ",":
        return start
    for index in range(start + 1, min(len(tokens), start + _MAX_APPOSITION)):
        if tokens[index].text == ",":
            return index + 1
        if tokens[index].text in ".;:!?" or tokens[index].text in _MARKS:
            return start
    return start


def _named_apposition(words: Sequence[Token], start: int, end: int) -> list[Token]:
    """The tokens of ", Josh Earnest," between ``start`` and ``end`` when they are all names."""
    inner = list(words[start + 1 : end - 1])
    return inner if inner and all(_is_name(t) for t in inner) else []


def tail_clause(tokens: Sequence[Token]) -> tuple[list[Token], Token] | None:
    """(subject tokens, speech verb) of the attribution opening ``tokens``, or None.

    ``tokens`` are the tokens after a closing mark, within its paragraph and before any other
    quote. A description followed by a name in apposition ("the press secretary, Josh
    Earnest, said") gives the name as the subject.
    """
    words = list(tokens)
    while words and (words[0].text in _MARKS or words[0].is_space):
        words = words[1:]
    if not words:
        return None
    if _is_verb(words[0]):
        size = _subject_end(words[1:])
        if not size:
            return None
        end = _apposition_end(words, size + 1)
        return _named_apposition(words, size + 1, end) or list(words[1 : size + 1]), words[0]
    size = _subject_end(words)
    if not size:
        return None
    index = _apposition_end(words, size)
    subject = _named_apposition(words, size, index) or list(words[:size])
    while index < len(words) and words[index].lower_ in _BETWEEN:
        index += 1
    if index < len(words) and _is_verb(words[index]):
        return subject, words[index]
    return None


def verb_subjects(verb: Token) -> list[Token]:
    """Subjects of a speech verb, climbing through "went on to say", "adding" and "and"."""
    current = verb
    for _ in range(3):
        found = [child for child in current.children if child.dep_ in SUBJECTS]
        if found:
            return found
        if current.dep_ not in ("xcomp", "conj", "advcl") or current.head is current:
            break
        current = current.head
    inverted = [c for c in verb.children if c.dep_ in ("dobj", "npadvmod") and c.i > verb.i]
    return inverted[:1] if inverted and inverted[0].pos_ == "PROPN" else []


def is_definite(token: Token) -> bool:
    """Whether ``token`` has a definite determiner ("the president")."""
    return any(c.lower_ in ("the", "this", "that") for c in token.children if c.dep_ == "det")


def distance(token: Token, spans: Sequence[tuple[int, int]]) -> int:
    """Characters between ``token`` and the nearest edge of the quote."""
    return min(min(abs(token.idx - start), abs(token.idx - end)) for start, end in spans)
