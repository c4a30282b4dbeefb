"""Attributing a direct quote to its speaker with the dependency parse.

The speaker is the subject of the speech verb nearest the quote in the quote's own sentences
(``"...," he said``, ``said X``, ``X told reporters``, ``according to X``, ``X: "..."``), else in
the sentence before or after it. Pronouns and definite role descriptions ("the president")
resolve to the most recent compatible PERSON mention; an organisation or an indefinite
description is kept as it is written. A quote that stands alone in its paragraph continues the
previous quote's speaker. When nothing fits the speaker stays unknown: a wrong name is worse.

The rules are tried in the order of :data:`~.rules.RULES`; this module runs them per quote.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from ...models import Entity
from .attribution import Attribution, LastSpeaker
from .clues import Clues, Rule
from .colon_intro import ColonIntroductions
from .cue_reader import CueReader
from .quote_text import ArticleText
from .referents import Referents
from .rules import RULES


class Speakers:
    """Attributes the quotes of one article in text order, remembering the last speaker."""

    def __init__(
        self,
        doc: Doc,
        entities: Sequence[Entity],
        quoted: Sequence[tuple[int, int]],
        rules: Sequence[Rule] = RULES,
    ) -> None:
        article = ArticleText(doc, entities, quoted)
        last = LastSpeaker()
        reader = CueReader(article, Referents(doc, entities, article.inside_offset), last)
        self.clues = Clues(article, reader, ColonIntroductions(article, reader), last)
        self.rules = tuple(rules)

    def attribute(self, spans: Sequence[tuple[int, int]]) -> Attribution:
        """The attribution of the quote whose content spans are ``spans``."""
        found = next(filter(None, (rule(self.clues, spans) for rule in self.rules)), None)
        found = found or Attribution()
        if found.speaker:
            self.clues.last.found, self.clues.last.end = found, spans[-1][1]
        return found
