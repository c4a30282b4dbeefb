"""The body an "it said" means when no earlier quote was a body's: the one just said to speak.

Wire copy opens with "Engineering group Hallam Tools Plc said it would close ..." and quotes
the company as "it": ``"...," it said in a statement``.
"""

from __future__ import annotations

from spacy.tokens import Token

from ...models import Entity
from ..lexicon.dependencies import SUBJECT_DEPS
from ..lexicon.speech_verbs import SPEECH_VERBS
from .datelines import beyond_dateline
from .quote_text import ArticleText

SENTENCES_BACK = 2  # sentences before "it said" where the body may have spoken


def body_said_before(article: ArticleText, token: Token) -> Entity | None:
    """The organisation that is the subject of a speech verb in ``token``'s sentence, before
    it, or in the sentences just before, the nearest first; None when there is none."""
    sentence = token.sent
    for _ in range(SENTENCES_BACK + 1):
        said = [w for w in sentence if w.i < token.i and _speaks(article, w)]
        subjects = [s for s in map(beyond_dateline, said) if s is not None]
        for subject in reversed(subjects):
            bodies = [
                e
                for e in article.entities
                if e.label == "ORG" and subject.left_edge.idx <= e.start < _end(subject)
            ]
            if bodies:
                return bodies[0]
        if sentence.start == 0:
            break
        sentence = token.doc[sentence.start - 1].sent
    return None


def _speaks(article: ArticleText, word: Token) -> bool:
    """Whether ``word`` is the subject of a speech verb, outside quotes."""
    verb = word.head.lemma_.lower()
    return word.dep_ in SUBJECT_DEPS and verb in SPEECH_VERBS and not article.inside(word)


def _end(word: Token) -> int:
    """Where the phrase ``word`` heads ends: "Engineering group Hallam Tools Plc" holds the
    company the parse hung on "group"."""
    last = word.right_edge
    return last.idx + len(last)
