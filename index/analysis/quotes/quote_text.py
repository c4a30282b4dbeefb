"""Offsets of one article for quote attribution: tokens, sentences, paragraphs, quoted text.

Speaker rules ask the same questions of the text again and again (which token covers this
offset, is it inside a quote, where does its paragraph end); they are answered here once.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from ...models import Entity
from ..runtime.doc_text import text_of


class ArticleText:
    """An article's parse, entity mentions and quoted spans, looked up by character offset.

    Every speaker rule reads the article through one of these; it holds no state of the
    attribution itself.
    """

    def __init__(
        self, doc: Doc, entities: Sequence[Entity], quoted: Sequence[tuple[int, int]]
    ) -> None:
        self.doc = doc
        self.text = text_of(doc)
        self.entities = sorted(entities, key=lambda e: e.start)
        self.quoted = sorted(quoted)
        self.starts = [token.idx for token in doc]

    def entity_at(self, offset: int) -> Entity | None:
        for entity in self.entities:
            if entity.start <= offset < entity.end:
                return entity
        return None

    def inside(self, token: Token) -> bool:
        return self.inside_offset(token.idx)

    def inside_offset(self, offset: int) -> bool:
        return any(start <= offset < end for start, end in self.quoted)

    def token_at(self, offset: int) -> Token | None:
        """The token covering ``offset``, or the last one starting before it."""
        index = bisect_right(self.starts, offset) - 1
        return self.doc[index] if 0 <= index < len(self.doc) else None

    def sentence_at(self, offset: int) -> Span | None:
        if offset < 0 or offset >= len(self.text):
            return None
        token = self.token_at(offset)
        return token.sent if token is not None else None

    def paragraph(self, start: int, end: int) -> tuple[int, int]:
        text = self.text
        first = text.rfind("\n", 0, start) + 1
        last = text.find("\n", end)
        return first, len(text) if last < 0 else last

    def previous_block(self, low: int) -> tuple[int, int] | None:
        """(start, end) of the non-empty paragraph before the one starting at ``low``, if any."""
        end = low
        while end > 0 and self.text[end - 1].isspace():
            end -= 1
        return self.paragraph(end - 1, end - 1) if end else None

    def around(self, start: int, end: int) -> list[Token]:
        """Tokens of the sentences from ``start`` to ``end``, kept within their paragraph."""
        first = self.sentence_at(max(0, start - 2))
        last = self.sentence_at(min(len(self.text) - 1, end + 1))
        if first is None or last is None:
            return []
        low, high = self.paragraph(start, end)
        return [t for t in self.doc[first.start : last.end] if low <= t.idx < high]

    def floats(self, spans: Sequence[tuple[int, int]]) -> bool:
        """Whether the quote's paragraph holds nothing but quoted text."""
        text = self.text
        start = text.rfind("\n", 0, spans[0][0]) + 1
        end = text.find("\n", spans[-1][1])
        end = len(text) if end < 0 else end
        sent_tokens = self.doc.char_span(start, end, alignment_mode="expand")
        if sent_tokens is None:
            return False
        return all(self.inside(t) or not t.is_alpha for t in sent_tokens)
