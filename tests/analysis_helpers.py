"""Helpers shared by the quote and speaker tests."""

from __future__ import annotations

from spacy.language import Language

from newsreader.index.analysis.entities.mentions import find_entities
from newsreader.index.analysis.quotes.spans import find_quotes
from newsreader.index.models import Quote


def quotes_of(nlp: Language, text: str) -> tuple[Quote, ...]:
    """The quotes the pipeline finds in text, speakers resolved with the real entity linker."""
    doc = nlp(text)
    return find_quotes(doc, find_entities(doc))


def speakers_of(nlp: Language, text: str, starts: list[str]) -> list[str | None]:
    """The speaker of the quote that starts with each of ``starts``, in order."""
    quotes = quotes_of(nlp, text)
    return [next(q.speaker for q in quotes if q.text.startswith(start)) for start in starts]
