"""A paragraph's first word starts a sentence, whatever the parser would have said.

spaCy's parser sometimes runs a sentence on across a blank line (a quote that closes one
paragraph, and the next paragraph's `Vince Cable warned ...`), and the speaker rules, which
read sentence by sentence, then lose the next paragraph's subject. A paragraph break is a
blank line, or a line break before an indent (wire copy starts its paragraphs so); a single
line break inside a paragraph says nothing.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.language import Language

if TYPE_CHECKING:
    from spacy.tokens import Doc

NAME = "newsreader_paragraphs"
_BREAK = re.compile(r"\n[ \t]*\n|\n[ \t]+\S?$")


@Language.component(NAME)
def paragraph_starts(doc: Doc) -> Doc:
    """Mark the first word after each paragraph break as a sentence start."""
    for token in doc[:-1]:
        if token.is_space and _BREAK.search(token.text):
            doc[token.i + 1].is_sent_start = True
    return doc


def use_paragraph_starts(nlp: Language) -> None:
    """Put the component before the parser, which keeps the sentence starts it finds set."""
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(NAME, before="parser")
