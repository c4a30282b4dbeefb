"""Reading attribution clauses: the subject of a speech verb, and the clause after a quote.

News attribution is formulaic: ``"...," Smith said``, ``"...," said Richard L. Trumka,
president of ...``, ``"...," the White House spokesman, Josh Earnest, told reporters``,
``"...," he added``. ``tail_clause`` reads that clause from the words that follow the quote
in its paragraph, because the parser often misreads it when a paragraph break does not end
its sentence (`verb_subjects.py` reads a speech verb's subject from the parse).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Token

from ..lexicon.pronouns import SUBJECT_PRONOUNS
from ..lexicon.roles import ROLE_NOUNS, SOURCE_NOUNS, STATEMENT_NOUNS
from ..lexicon.speech_verbs import (
    PHRASAL_VERBS,
    RETORT_VERBS,
    SPEECH_FORMS,
    SPEECH_VERBS,
    WEAK_VERBS,
)
from ..lexicon.titles import ABBREVIATIONS, NAME_PARTICLES

_MARKS = frozenset("\"“”'‘’«»`,")
_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "their", "its", "another", "one"})
# Words that may stand between a subject and its speech verb: "Smith later said".
_BETWEEN = frozenset(
    {"also", "later", "then", "once", "has", "had", "have", "would", "will", "again", "further"}
)
_ASPECT_VERBS = frozenset({"start", "begin", "continue", "finish", "agree", "offer"})
_TIME_MARKS = frozenset({"when", "after", "before", "because", "if", "since", "until", "unless"})
_ABBREVIATION = re.compile(r"\b(?:" + "|".join(ABBREVIATIONS) + r"|[A-Z])\.")
_NAME = r"([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,4})\.?\s*$"
# After a closing mark: a dash, then a capitalised name up to the end of the line.
_SIGNATURE = re.compile(r"^[\s\"”»'’]*(―|—|–|--?)\s*" + _NAME)
# A quote whose marks went astray still ends its paragraph's signed text: '..." ― Name'.
_LINE_SIGNATURE = re.compile(r"[\"”»'’]\s*(―|—|–|--?)\s*" + _NAME)
# A signature paragraph under a quote that ends its own: "- Sanders.", "-Michelle Marks, Ohio."
_PARAGRAPH_SIGNATURE = re.compile(
    r"^[ \t]*(―|—|–|--?)[ \t]*([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,4}?)\.?[ \t]*(?:,|\(|$)", re.M
)
_AGE = re.compile(r"\d+ ?- ?years? ?- ?old")
_NAME_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_NAME_JOINS = frozenset({"of", "and", "&"})
_MAX_APPOSITION = 16
_MAX_DESCRIPTION = 6
_MAX_EPITHET = 8  # words of a description subject: "the 57-year-old scientist"


def _is_name(token: Token) -> bool:
    if token.text == "." and _abbreviates_a_title(token):
        return True  # "Navy Capt. Jeff Davis": the parser may end a sentence at the dot
    if token.ent_type_ in ("DATE", "TIME"):
        return False  # '"...," said Smith Tuesday': the day is no part of the name
    if token.lower_ in NAME_PARTICLES and token.is_lower:
        following = token.nbor(1) if token.i + 1 < len(token.doc) else None
        return following is not None and _is_name(following)
    if token.text[:1].isupper() and token.ent_type_ in _NAME_TYPES:
        return True  # the tagger calls a place a verb now and then ("Tulsa police Chief ...")
    return token.pos_ == "PROPN" or (token.text[:1].isupper() and token.text.endswith("."))


def _abbreviates_a_title(dot: Token) -> bool:
    if dot.i == 0 or dot.i + 1 >= len(dot.doc):
        return False
    return dot.nbor(-1).text in ABBREVIATIONS and dot.nbor(1).is_title


def _descriptor(token: Token) -> bool:
    """A word that may sit in a title before a name: "Tulsa police Chief", "Clinton's aide"."""
    # "DLJ Securities' Hassenberg": a plural's bare apostrophe is a possessive too.
    possessive = token.lower_ in ("'s", "’s") or (token.tag_ == "POS" and token.text in "'’")
    # "Florida-based Republican strategist": a hyphen joins a word of the title.
    joined = token.tag_ == "HYPH" or (token.i > 0 and token.nbor(-1).tag_ == "HYPH")
    return _is_name(token) or token.pos_ in ("NOUN", "ADJ") or possessive or joined


def _titled_name(tokens: Sequence[Token], size: int) -> tuple[int, int]:
    """(start, end) of the name ending a title that starts with the name run of ``size``.

    "Virginia delegate Beau Correll", "Clinton's top aide Jake Sullivan", "Bank of Japan
    economist Jo Ito": the person is the last name run, not the place or employer that opens
    the title.
    """
    run = _joined_name_end(tokens, size)
    end = run
    while end < min(len(tokens), _MAX_DESCRIPTION + run) and (
        _descriptor(tokens[end]) or _joins_roles(tokens, end)
    ):
        end += 1
    while end > run and not _is_name(tokens[end - 1]):
        end -= 1
    if end == run:
        return 0, size
    start = end
    while start > run and _is_name(tokens[start - 1]):
        start -= 1
    if run > size and start == run:
        return 0, size  # "John Smith of Goldman Sachs": no title follows the joined name
    return start, end


def _joins_roles(tokens: Sequence[Token], at: int) -> bool:
    """Whether "and" at ``at`` joins two roles of one title ("president and chief executive")."""
    following = tokens[at + 1] if at + 1 < len(tokens) else None
    return (
        tokens[at].lower_ == "and" and following is not None and following.pos_ in ("NOUN", "ADJ")
    )


def _joined_name_end(tokens: Sequence[Token], size: int) -> int:
    """The end of a body's name that joins name runs with "of", "and" or "&" ("Industrial Bank
    of Japan Ltd", "Wertheim and Co"), from the first run's end ``size``."""
    end = size
    while end + 1 < len(tokens) and tokens[end].lower_ in _NAME_JOINS and _is_name(tokens[end + 1]):
        end += 1
        while end < len(tokens) and _is_name(tokens[end]):
            end += 1
    return end


def _is_verb(token: Token) -> bool:
    if is_retort(token):
        return True
    return token.lower_ in SPEECH_FORMS and token.lower_ != "according" and token.pos_ != "NOUN"


def is_retort(token: Token) -> bool:
    """Whether ``token`` is a verb of firing back at someone (``"...," Trump shot back``) or a
    phrasal verb of speaking whose particle ends the clause (``"...," she went on.``)."""
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if following is None or token.pos_ not in ("VERB", "AUX"):
        return False
    lemma = token.lemma_.lower()
    if lemma in RETORT_VERBS:
        return token.pos_ == "VERB" and following.lower_ == "back"
    after = token.nbor(2) if token.i + 2 < len(token.doc) else None
    closes = after is None or after.is_punct
    # A person goes on speaking; "The debate went on." is no attribution.
    before = token.nbor(-1) if token.i > 0 else None
    speaker = before is not None and (before.pos_ in ("PRON", "PROPN"))
    return PHRASAL_VERBS.get(lemma) == following.lower_ and closes and speaker


def _subject_end(tokens: Sequence[Token]) -> int:
    """Length of the subject at the start of ``tokens``: a name, a pronoun or a description."""
    if not tokens:
        return 0
    if tokens[0].lower_ in SUBJECT_PRONOUNS:
        return 1
    if tokens[0].lower_ in _DETERMINERS:
        # "the 57-year-old scientist": an age is words of a description too.
        for size, token in enumerate(tokens[1 : _MAX_EPITHET + 1], start=1):
            if token.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM", "PUNCT") or token.text == ",":
                return size if size > 1 else 0
            if token.pos_ == "PUNCT" and token.text != "-":
                return size
        return 0
    size = 0
    while size < len(tokens) and _is_name(tokens[size]):
        size += 1
    return size


def _subject(tokens: Sequence[Token]) -> tuple[int, int]:
    """(start, end) of the subject opening ``tokens``: its speaker is ``tokens[start:end]``."""
    size = _subject_end(tokens)
    if not size or tokens[0].lower_ in SUBJECT_PRONOUNS or tokens[0].lower_ in _DETERMINERS:
        return 0, size
    return _titled_name(tokens, size)


def _apposition_end(tokens: Sequence[Token], start: int) -> int:
    """Index after ", the party chairman," or ", 58," following a subject, else ``start``;
    at the speech verb when the closing comma was left out (", from the CEA told")."""
    if start >= len(tokens) or tokens[start].text != ",":
        return start
    for index in range(start + 1, min(len(tokens), start + _MAX_APPOSITION)):
        if tokens[index].text == ",":
            return index + 1
        if index > start + 2 and _is_verb(tokens[index]) and tokens[index].tag_ != "VBG":
            return index
        if tokens[index].text in ".;:!?" or tokens[index].text in _MARKS:
            return start
    return start


def _named_apposition(words: Sequence[Token], start: int, end: int) -> list[Token]:
    """The tokens of ", Josh Earnest," between ``start`` and ``end`` when they are all names."""
    inner = list(words[start + 1 : end - 1])
    return inner if inner and all(_is_name(t) for t in inner) else []


def _role_holder(words: Sequence[Token], at: int) -> tuple[list[Token], int] | None:
    """The name after a role that follows a subject's first words, and the index after it:
    "Steve Radley" in "EEF chief economist, Steve Radley, said" (``at`` after "EEF")."""
    end = at
    while end < min(len(words), at + _MAX_DESCRIPTION) and words[end].pos_ in ("NOUN", "ADJ"):
        end += 1
    if end == at or words[end - 1].lemma_.lower() not in ROLE_NOUNS:
        return None
    if end >= len(words) or words[end].text != ",":
        return None
    names = end + 1
    while names < len(words) and _is_name(words[names]):
        names += 1
    if names == end + 1:
        return None
    after = names + 1 if names < len(words) and words[names].text == "," else names
    return list(words[end + 1 : names]), after


def _holder_of_body(words: Sequence[Token], at: int) -> tuple[list[Token], int] | None:
    """The person after a title of a body, and the index after them: "Roger Smith" in
    "Chairman of General Motors Roger Smith said" (``at`` at "of")."""
    if at >= len(words) or words[at].lower_ != "of":
        return None
    end = at + 1
    while end < len(words) and _is_name(words[end]):
        end += 1
    person = [t for t in words[at + 1 : end] if t.ent_type_ == "PERSON"]
    if not person or person[-1].i != words[end - 1].i:
        return None
    return person, end


def _quoted_name(words: Sequence[Token], verb: int) -> list[Token]:
    """The person a paper "quoted ... as saying": "Anna Berg" in "Reuters quoted Anna Berg as
    saying" or "AP quoted prosecutor Anna Berg as saying", else the one it describes ("the
    official"); the paper only reports them."""
    if words[verb].lemma_.lower() != "quote":
        return []
    first = verb + 1
    start = first + int(first < len(words) and words[first].lower_ in _DETERMINERS)
    while start < min(len(words), verb + _MAX_DESCRIPTION) and words[start].pos_ in ("NOUN", "ADJ"):
        start += 1
    end = start
    while end < len(words) and _is_name(words[end]):
        end += 1
    follows = [w.lower_ for w in words[end : end + 2]]
    if follows[:1] != ["as"] or follows[1:] not in (["saying"], ["telling"]):
        return []
    if end > start:
        return list(words[start:end])
    # "the NRC quoted the official as saying": the person described, whom a rule resolves.
    return list(words[first:start]) if start > first and words[start - 1].pos_ == "NOUN" else []


def _according_to(words: Sequence[Token]) -> list[Token]:
    """The name after "according to" and its description: "Glen Yearwood" in "according to
    media and PR strategist Glen Yearwood", or the description ("a senior banker")."""
    if words[0].lower_ in _DETERMINERS:
        start, size = _subject(words)
        return list(words[start:size])
    start = 0
    while start < min(len(words), _MAX_DESCRIPTION) and not _is_name(words[start]):
        if not words[start].is_alpha:
            return []
        start += 1
    end = start
    while end < len(words) and _is_name(words[end]):
        end += 1
    return list(words[start:end])


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
    if words[0].lower_ == "according" and len(words) > 2 and words[1].lower_ == "to":
        source = _according_to(words[2:])
        return (source, words[0]) if source else None
    if words[0].tag_ == "VBG" and words[0].dep_ != "ROOT" and words[1:2] and words[1].is_title:
        words = words[1:]  # "visiting Chairman of General Motors Roger Smith said": a modifier
    if _is_verb(words[0]):
        if words[0].tag_ == "VBG":
            return None  # '"...," promising the club will return': a participle never inverts
        start, size = _subject(words[1:])
        if not size:
            return None
        holder = _role_holder(words, size + 1)
        if holder is not None:
            return holder[0], words[0]
        end = _apposition_end(words, size + 1)
        named = _named_apposition(words, size + 1, end)
        return named or list(words[start + 1 : size + 1]), words[0]
    start, size = _subject(words)
    if not size:
        return None
    holder = _role_holder(words, size) or _holder_of_body(words, size)
    if holder is not None:
        subject, index = holder
    else:
        index = _apposition_end(words, size)
        subject = _named_apposition(words, size, index) or list(words[start:size])
    while index < len(words) and words[index].lower_ in _BETWEEN:
        index += 1
    if index < len(words) and _is_verb(words[index]):
        return _quoted_name(words, index) or subject, words[index]
    return None


def is_epithet(words: Sequence[Token]) -> bool:
    """Whether ``words`` describe someone by their age, as news does for a person just named:
    "the 43-year-old", "the 57-year-old scientist"."""
    text = " ".join(t.lower_ for t in words)
    return bool(words) and words[0].lower_ == "the" and _AGE.search(text) is not None


def written_by(token: Token) -> Token | None:
    """The writing that "read" a quote when the parser took "read" for a noun: "post" in
    "The post read, '...'", "statement" in "Her statement reads: '...'"."""
    if token.lower_ not in ("read", "reads") or token.pos_ != "NOUN" or token.i == 0:
        return None
    before = token.nbor(-1)
    return before if before.lemma_.lower() in STATEMENT_NOUNS | SOURCE_NOUNS else None


def is_definite(token: Token) -> bool:
    """Whether ``token`` has a definite determiner ("the president")."""
    return any(c.lower_ in ("the", "this", "that") for c in token.children if c.dep_ == "det")


def distance(token: Token, spans: Sequence[tuple[int, int]]) -> int:
    """Characters between ``token`` and the nearest edge of the quote."""
    return min(min(abs(token.idx - start), abs(token.idx - end)) for start, end in spans)


def is_speech_cue(token: Token) -> bool:
    """Whether ``token`` is a speech verb attributing a quote (or "according" to, "put it")."""
    lemma = token.lemma_.lower()
    if token.lower_ == "according":
        return token.i + 1 < len(token.doc) and token.nbor(1).lower_ == "to"
    if lemma == "put":  # "as X put it, ..."
        return any(c.lower_ == "it" and c.dep_ == "dobj" for c in token.children)
    if is_retort(token) or written_by(token) is not None:
        return True
    if token.pos_ not in ("VERB", "AUX") or lemma not in SPEECH_VERBS:
        return False
    if any(c.lower_ in _TIME_MARKS for c in token.children if c.dep_ in ("mark", "advmod")):
        return False  # "... when Clinton blasted him": a clause of time, not attribution
    if lemma in _ASPECT_VERBS and any(
        c.dep_ == "xcomp" or (c.dep_ == "aux" and c.lower_ == "to") for c in token.children
    ):
        return False  # "she started driving", "deficits to continue": not "she began: ..."
    if lemma in WEAK_VERBS:  # with what was said: a clause, a quote, "described X as ..."
        return any(
            c.dep_ in ("ccomp", "punct", "oprd") or (c.dep_ == "prep" and c.lower_ == "as")
            for c in token.children
        )
    return True


def one_sentence(text: str) -> bool:
    """Whether ``text`` (marks at its edges aside) holds at most one sentence."""
    inner = _ABBREVIATION.sub("X", text.strip(" \"“”„«»'‘’`"))
    return not re.search(r"[.!?]\s+\S", inner)


def signature(tail: str) -> re.Match[str] | None:
    """A dash and a name ending the line after a quote: group 1 the dash, group 2 the name."""
    return _SIGNATURE.match(tail) or _LINE_SIGNATURE.search(tail)


def paragraph_signature(paragraph: str) -> re.Match[str] | None:
    """A paragraph that opens with a dash and a name, then at most a description after a
    comma: group 1 the dash, group 2 the name."""
    return _PARAGRAPH_SIGNATURE.match(paragraph)
