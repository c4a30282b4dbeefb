"""Quote marks glued to the words beside them (`said,“Look`, `down,”said`, `read:"We`) are
split off, as they are when a space stands between.

Scraped copy often loses the space between a quote mark and the attribution around it, and
spaCy's tokenizer then keeps `said,“Look` as one token: the speech verb, the comma and the first
word of the quote become one word the parser cannot read, and the quote loses its speaker.
Apostrophes are never split (`don’t`, `O’Brien`), nor a straight double mark between two
letters, which older agency copy uses as an apostrophe (`Brazil"s output`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

OPENING, CLOSING = "“«„", "”»"
GLUED = (
    rf"(?<=[\w,:;.!?])[{OPENING}](?=\w)",  # said,“Look  of“squabbling
    rf"(?<=[\w.,!?])[{CLOSING}](?=\w)",  # down,”said  point”for
    rf'(?<=\w)[,:;](?=[{OPENING}"])',  # said,“ : the comma apart from the mark
    rf"(?<=\w)[,.!?](?=[{CLOSING}]\w)",  # down,”said : the comma apart from the mark
    r'(?<=[,:;.!?])"(?=[A-Za-z])',  # read:"We  carpet."It
)


def split_glued_marks(nlp: Language) -> None:
    """Add the infixes above to ``nlp``'s tokenizer (before its own, which they do not undo)."""
    from spacy.util import compile_infix_regex

    patterns = [*GLUED, *nlp.Defaults.infixes]
    nlp.tokenizer.infix_finditer = compile_infix_regex(patterns).finditer
