"""The speaker of a speech verb as the parse gives it: its subject, a passive one's agent,
whom a paper "quoted as saying", the person before a participle ("footage of Clinton asking").
"""

from __future__ import annotations

from spacy.tokens import Token

from ..lexicon.dependencies import SUBJECT_DEPS
from ..lexicon.roles import STATEMENT_NOUNS
from ..lexicon.speech_verbs import ADDRESSEE_VERBS, SPEECH_VERBS, WEAK_VERBS
from ..lexicon.words import word_set
from .datelines import beyond_dateline

# What a speaker uses to say something: "used a speech to say", "took the chance to say".
_MEANS = STATEMENT_NOUNS | word_set("opportunity occasion chance platform appearance visit")


def verb_subjects(verb: Token) -> list[Token]:
    """Subjects of a speech verb, climbing through "went on to say", "adding" and "and"; a
    passive one's agent first."""
    agent = _agent(verb)
    if agent is not None:
        return [agent] if not _quote_follows(agent) else []  # the agent only did it
    current = verb
    for _ in range(3):
        # Whom a passive "tell" or "ask" addresses ("ministers would be told") is no speaker.
        subjects = (c for c in current.children if c.dep_ in SUBJECT_DEPS and not _addressed(c))
        found = [s for s in map(beyond_dateline, subjects) if s is not None]
        if found:
            # Two subjects are a misparse of "The market approved ..., Shepherd said,": the
            # one set off by a comma right before the verb is its own.
            return sorted(found, key=lambda child: not _parenthetical(child, current))
        if current.dep_ == "pcomp" and current.head.dep_ == "prep":
            current = current.head  # "came out fighting by branding ... and insisting:"
        elif current.dep_ not in ("xcomp", "conj", "advcl") or current.head is current:
            break
        controller = _object_controller(current)
        if controller is not None:
            return [controller]
        current = _reporting_verb(current.head)
    inverted = [c for c in verb.children if c.dep_ in ("dobj", "npadvmod") and c.i > verb.i]
    # "said Smith" inverts; a participle's object is whom it is about ("accusing Machado").
    if verb.tag_ == "VBG":
        return []
    # A verb that opens its sentence inverts a description too ("Said another trader, ...").
    named = inverted and (inverted[0].pos_ == "PROPN" or verb.is_sent_start)
    return inverted[:1] if named else []


def _addressed(subject: Token) -> bool:
    return subject.dep_ == "nsubjpass" and subject.head.lemma_.lower() in ADDRESSEE_VERBS


def _object_controller(clause: Token) -> Token | None:
    """The object that does what an infinitive says: "led 12 viewers to complain" is the
    viewers' complaint, not the subject's; "used a speech to say" is the subject's."""
    if clause.dep_ != "xcomp":
        return None
    head = clause.head
    found = next((c for c in head.children if c.dep_ == "dobj" and c.i < clause.i), None)
    return None if found is None or found.lemma_.lower() in _MEANS else found


def _agent(verb: Token) -> Token | None:
    """Who a passive speech verb's "by" names: "a move branded a "retreat" by the Tories"."""
    if verb.tag_ != "VBN":
        return None
    for token in verb.subtree:
        if token.lower_ == "by" and verb in (token.head, token.head.head):
            found = next((c for c in token.children if c.dep_ == "pobj"), None)
            if found is not None and found.ent_type_ not in ("DATE", "TIME"):
                return found
    return None


def _quote_follows(agent: Token) -> bool:
    """Whether a quote opens right after the agent's phrase: "agreed by a psychiatric advisor
    "in conjunction with officials"" reports who agreed, not who said it."""
    after = agent.right_edge.i + 1
    return after < len(agent.doc) and agent.doc[after].is_quote


def _reporting_verb(head: Token) -> Token:
    """The speech verb whose reported clause ``head`` is, else ``head``: in "Cheney admitted
    that the budget was tough but argued ...", "argued" goes with "admitted", not "was"."""
    reporting = head.head
    reported = head.dep_ == "ccomp" and head.lemma_.lower() not in SPEECH_VERBS
    # The reporting verb comes first; one after is a misparse's verb inside the quote.
    if reported and reporting.i < head.i and reporting.lemma_.lower() in SPEECH_VERBS:
        return reporting
    return head


def _parenthetical(subject: Token, verb: Token) -> bool:
    """Whether ``subject`` opens a clause set off by a comma right before its verb."""
    first = subject.left_edge.i
    return subject.i < verb.i and first > 0 and subject.doc[first - 1].text == ","


def quoted_as_saying(cue: Token) -> Token | None:
    """Whom a paper "quoted ... as saying": the object of "quoted" when ``cue`` is either word
    ("Reuters quoted Anna Berg as saying"), or the subject of a passive one ("He was quoted by
    PAP as saying"); the paper only reports it."""
    quoted = cue
    if cue.lower_ in ("saying", "telling") and cue.head.lower_ == "as":
        quoted = cue.head.head
    if quoted.lemma_.lower() != "quote" or quoted.pos_ != "VERB":
        return None
    if quoted is cue and not any(
        c.lower_ == "as" and any(g.lower_ in ("saying", "telling") for g in c.children)
        for c in cue.children
    ):
        return None
    # "He was quoted by PAP as saying": the passive's subject, not the agency.
    quoted_deps = ("dobj", "nsubjpass")
    return next(
        (c for c in quoted.children if c.dep_ in quoted_deps and c.pos_ in ("PROPN", "PRON")),
        None,
    )


def object_before_participle(cue: Token) -> Token | None:
    """The object of a preposition right before a participle cue ("footage of Hillary Clinton
    asking, '...'"): that person speaks, not the sentence's subject ("the ad"). A weak verb
    ("reading" a sign) is left out."""
    if cue.tag_ != "VBG" or cue.lemma_.lower() in WEAK_VERBS or cue.i == 0:
        return None
    before = cue.nbor(-1)
    return before if before.dep_ == "pobj" else None
