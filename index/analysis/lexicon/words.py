"""Reading the word lists of the lexicon: one helper for every vocabulary in analysis."""

from __future__ import annotations


def word_list(words: str, sep: str = " ") -> tuple[str, ...]:
    """The words of a vocabulary, in order, split on ``sep`` (whitespace when it is a space)."""
    parts = words.split() if sep == " " else words.split(sep)
    return tuple(w.strip() for w in parts if w.strip())


def word_set(words: str, sep: str = " ") -> frozenset[str]:
    """The words of a vocabulary as a frozenset (see ``word_list``)."""
    return frozenset(word_list(words, sep))
