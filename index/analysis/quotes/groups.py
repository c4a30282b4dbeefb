"""The group a "one said" is one of, or a "they said" is: the plural speakers just before.

``Western economic experts say ... "...," one said`` and ``police said ... "...," they said``:
the speaker is that group, as the article describes it.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..lexicon.speech_verbs import SPEECH_VERBS
from .described import QUESTION_VERBS
from .quote_text import ArticleText

GROUP_SENTENCES = 4  # how far back "one said" looks for the group it is one of


def group_before(article: ArticleText, token: Token) -> Token | None:
    """The latest plural subject of a speech verb in the sentences just before ``token``
    ("Western economic experts say"); None when there is none, or when that group asked
    (those who ask are answered by others: "readers asked ... They said:")."""
    sentence = token.sent
    for _ in range(GROUP_SENTENCES):
        if sentence.start == 0:
            break
        sentence = article.doc[sentence.start - 1].sent
    low = sentence.start_char
    for earlier in reversed(article.doc[: token.i]):
        if earlier.idx < low:
            return None
        if (
            earlier.tag_ == "NNS"
            and earlier.dep_ == "nsubj"
            and earlier.head.lemma_.lower() in SPEECH_VERBS
            and not article.inside(earlier)
        ):
            return None if earlier.head.lemma_.lower() in QUESTION_VERBS else earlier
    return None
