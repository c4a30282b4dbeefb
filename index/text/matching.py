"""The words of an article body that a query's stems and prefixes match, located for the snippet.

A candidate is a word that starts like a stem (Porter may rewrite a stem's last letter, happy ->
happi, hoping -> hope, so all but that letter) or a prefix; each distinct candidate is stemmed
once per query to confirm it. Candidates are found by looking up each stem's start in the
lowercased body (`str.find`, a few occurrences each) rather than by a case-blind regex trying
every stem at every character, which was most of a snippet's time; a body or a query with
letters beyond ASCII is scanned by that regex, whose case folding `str.lower` does not always
share (ſ, K, İ, final sigma).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .terms import WORD_PATTERN, stem_word

Match = tuple[int, int, str]  # start, end, the stem or prefix matched
_NON_ASCII_WORD_CHAR = re.compile(r"[^\W\x00-\x7f]")
_UNSEEN = object()
_MAX_VERDICTS = 20_000  # distinct words remembered per query


class _Matcher:
    """One query's stems and prefixes, the starts that find their candidates, and a verdict
    kept for every distinct word seen (a body repeats its words; so do the hits of a page)."""

    __slots__ = ("ascii", "pattern", "prefixes", "starts", "stems", "verdicts")

    def __init__(self, stems: frozenset[str], prefixes: tuple[str, ...]) -> None:
        starts = {s[:-1] if len(s) > 2 else s for s in stems} | set(prefixes)
        self.starts = tuple(sorted(starts))
        self.ascii = all(s.isascii() for s in starts)
        alternatives = "|".join(re.escape(s) for s in sorted(starts, key=len, reverse=True))
        # The lookahead finds a candidate where a start begins a word; the word is then taken
        # whole (as WORD_PATTERN reads it), so the next candidate is looked for after it.
        word = WORD_PATTERN.pattern
        self.pattern = re.compile(rf"(?<!\w)(?=(?:{alternatives})){word}", re.IGNORECASE)
        self.stems, self.prefixes = stems, prefixes
        self.verdicts: dict[str, str | None] = {}

    def term(self, lower: str) -> str | None:
        """The stem or prefix a lowercase candidate word matches, or None."""
        found = self.verdicts.get(lower, _UNSEEN)
        if found is _UNSEEN:
            if len(self.verdicts) > _MAX_VERDICTS:
                self.verdicts.clear()
            stemmed = stem_word(lower)
            found = stemmed if stemmed in self.stems else None
            if found is None:
                found = next((p for p in self.prefixes if lower.startswith(p)), None)
            self.verdicts[lower] = found
        return found  # type: ignore[return-value]

    def by_regex(self, text: str) -> list[Match]:
        found = []
        for word in self.pattern.finditer(text):
            matched = self.term(word.group().lower())
            if matched is not None:
                found.append((word.start(), word.end(), matched))
        return found

    def by_find(self, lower: str) -> list[Match]:
        """As `by_regex`, on a lowercased body whose word characters are all ASCII."""
        positions: list[int] = []
        for start in self.starts:
            at = lower.find(start)
            while at != -1:
                positions.append(at)
                at = lower.find(start, at + 1)
        positions = sorted(set(positions))
        found = []
        last_end = 0
        for at in positions:
            if at < last_end:
                continue  # inside the word a candidate before it began
            before = lower[at - 1] if at else " "
            if before.isalnum() or before == "_":
                continue  # not the start of a word
            word = WORD_PATTERN.match(lower, at)
            if word is None:
                continue
            matched = self.term(word.group())
            if matched is not None:
                found.append((at, word.end(), matched))
            last_end = word.end()
        return found


@lru_cache(maxsize=256)
def _matcher(stems: frozenset[str], prefixes: tuple[str, ...]) -> _Matcher:
    return _Matcher(stems, prefixes)


def find_matches(text: str, stems: frozenset[str], prefixes: tuple[str, ...]) -> list[Match]:
    """(start, end, term) of every word in ``text`` that the stems or prefixes match."""
    if not stems and not prefixes:
        return []
    matcher = _matcher(stems, prefixes)
    if matcher.ascii and (text.isascii() or not _NON_ASCII_WORD_CHAR.search(text)):
        lower = text.lower()
        if len(lower) == len(text):  # offsets in it are offsets in the text
            return matcher.by_find(lower)
    return matcher.by_regex(text)
