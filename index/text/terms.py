"""Words and index terms of a text: the one tokenizer and stemmer the index, the query language
and the snippets share, so a stem a query asks for is the stem the index holds.

A word is ``WORD_PATTERN`` (letters and digits, with inner dots: ``u.s``, ``3.5``); a term is a
lowercase word of two characters or more, not a stop word, Porter-stemmed.
"""

from __future__ import annotations

import re

from .porter import stem

WORD_PATTERN = re.compile(r"\w+(?:\.?\w+)*")
# Whoosh's English stop words (whoosh.analysis.filters.STOP_WORDS), which every index was built
# without: changing the list changes the index's terms and positions.
STOP_WORDS = frozenset(
    {"a", "an", "and", "are", "as", "at", "be", "by", "can", "for", "from", "have", "if", "in",
     "is", "it", "may", "not", "of", "on", "or", "tbd", "that", "the", "this", "to", "us", "we",
     "when", "will", "with", "yet", "you", "your"}
)  # fmt: skip
MIN_WORD = 2  # shorter words are not indexed
_STEMS: dict[str, str] = {}


def stem_word(word: str) -> str:
    """The Porter stem of a lowercase word, memoised (news vocabularies are small)."""
    found = _STEMS.get(word)
    if found is None:
        found = _STEMS[word] = stem(word)
    return found


def stem_terms(text: str) -> list[str]:
    """Index terms of ``text`` in order: lowercase words, minus stop words, stemmed."""
    stops = STOP_WORDS
    out = []
    for word in WORD_PATTERN.findall(text.lower()):
        if len(word) >= MIN_WORD and word not in stops:
            out.append(stem_word(word))
    return out
