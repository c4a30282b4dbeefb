"""The text of a parsed article, built once per Doc.

spaCy's ``Doc.text`` joins every token's text on each read; entities, claims, quotes and the
speaker rules all need it, so the first read keeps it on the Doc for the others. Our stages never
retokenize a Doc, so the kept string stays the Doc's text.
"""

from __future__ import annotations

from spacy.tokens import Doc

_KEY = "newsreader:text"


def text_of(doc: Doc) -> str:
    """``doc.text``, joined on the first call for this Doc only."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text
