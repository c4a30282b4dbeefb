"""Wire datelines: "VANCOUVER, March 6 - ", "WASHINGTON (Reuters) - ".

A dateline opens a wire story's first paragraph and names where it was filed, never who
speaks; the parser often makes its city the subject of the first sentence's verb and the
real subject its apposition ("VANCOUVER, March 6 - Technigen Platinum corp said").
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from ..runtime.doc_text import text_of

_DATELINE = re.compile(
    r"[A-Z][A-Z.'’ -]*[A-Z.]"  # the city, in capitals
    r"(?:, [A-Z][a-z]{2,8}\.? \d{1,2})?"  # its date
    r"(?: \([A-Za-z. ]+\))?"  # its agency
    r" ?(?:-{1,2}|–|—) "
)


def dateline_end(text: str, start: int) -> int | None:
    """Where the dateline opening at ``start`` of ``text`` ends, or None when none does."""
    found = _DATELINE.match(text, start)
    return found.end() if found is not None else None


def beyond_dateline(subject: Token) -> Token | None:
    """The subject a dateline stands in for: its apposition after the dateline ("Technigen
    Platinum corp"), None when the dateline has none; any other subject as it is."""
    text = text_of(subject.doc)
    line_start = subject.idx == 0 or text[subject.idx - 1] == "\n"
    end = dateline_end(text, subject.idx) if line_start else None
    if end is None:
        return subject
    return next((c for c in subject.children if c.dep_ == "appos" and c.idx >= end), None)
