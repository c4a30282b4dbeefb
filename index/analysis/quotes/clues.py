"""What the speaker rules read for one article, and the cascade's step: a rule with its id."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from ..lexicon.dependencies import SUBJECT_DEPS
from ..lexicon.speech_verbs import SPEECH_VERBS
from .attribution import Attribution, LastSpeaker
from .colon_intro import ColonIntroductions
from .cue_reader import CueReader
from .quote_text import ArticleText

Spans = Sequence[tuple[int, int]]


@dataclass(frozen=True, slots=True)
class Clues:
    """What the rules read for one article: its text, cue reader, colon rules, last speaker."""

    article: ArticleText
    reader: CueReader
    colons: ColonIntroductions
    last: LastSpeaker


@dataclass(frozen=True, slots=True)
class Rule:
    """One step of the cascade: calling it gives ``find``'s answer carrying the rule's id."""

    id: str
    find: Callable[[Clues, Spans], Attribution | None]

    def __call__(self, clues: Clues, spans: Spans) -> Attribution | None:
        found = self.find(clues, spans)
        return None if found is None else replace(found, rule=self.id)


def someone_else_since(clues: Clues, start: int, end: int) -> bool:
    """Whether a sentence between two quotes has another named subject than the last speaker:
    ``"A," Smith said. / Jones argued the opposite. / "B."``: B is not Smith's."""
    article, reader, last = clues.article, clues.reader, clues.last.found
    speaker = (last.speaker or "").split()
    for token in article.doc[bisect_left(article.starts, start) : bisect_left(article.starts, end)]:
        if token.dep_ not in SUBJECT_DEPS or article.inside(token) or token.pos_ != "PROPN":
            continue
        if token.head.dep_ != "ROOT" and token.head.lemma_.lower() not in SPEECH_VERBS:
            continue
        if last.start is not None and last.end is not None and last.start <= token.idx < last.end:
            continue  # the previous quote's own attribution
        entity = reader.entity_of(token)
        name = (entity.canonical if entity is not None else token.text).split()
        if name[-1:] != speaker[-1:]:
            return True
    return False
