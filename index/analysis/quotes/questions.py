"""Names inside a question put to someone: "Asked if Mr Smith could return, he replied".

The person asked is the subject the participle leaves out, the pronoun after it; the names in
the question are what they were asked about, so they are not whom the pronoun means.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..lexicon.dependencies import SUBJECT_DEPS


def asked_about(word: Token, pronoun: Token) -> bool:
    """Whether ``word`` lies in a subjectless "asked" clause (``Asked if ...``, ``When asked
    about ...``) that modifies the clause of ``pronoun`` and does not hold it."""
    for ancestor in word.ancestors:
        if _is_question_put(ancestor):
            return not ancestor.left_edge.i <= pronoun.i <= ancestor.right_edge.i
    return False


def _is_question_put(token: Token) -> bool:
    return (
        token.lemma_.lower() == "ask"
        and token.tag_ == "VBN"
        and token.dep_ == "advcl"
        and not any(child.dep_ in SUBJECT_DEPS for child in token.children)
    )
