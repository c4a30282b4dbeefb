"""Speakers of quotes introduced by a colon: ``X said: "..."``, ``X:``, ``Mayor Anne Hidalgo:``.

The introduction may sit a paragraph before the quote. The speech verb and subject before the
colon are read by the article's :class:`~.cue_reader.CueReader`.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from ..lexicon.dependencies import SUBJECT_DEPS
from .attribution import Attribution
from .cue_reader import CueReader
from .quote_text import ArticleText

# Words allowed before a name that introduces a quote with a bare colon ("A lesson from").
LEAD_IN = 4
MARKS = " \n\"“'‘«„`"


class ColonIntroductions:
    """Finds the speaker who introduces a quote with a colon, in one article."""

    def __init__(self, article: ArticleText, reader: CueReader) -> None:
        self.article = article
        self.reader = reader

    def attribution(self, spans: Sequence[tuple[int, int]]) -> Attribution | None:
        """``X said:`` or ``X:`` right before the opening mark, possibly a paragraph earlier."""
        before = self.article.text[: spans[0][0]].rstrip(MARKS)
        if not before.endswith(":"):
            return None
        sent = self.article.sentence_at(len(before) - 1)
        if sent is None:
            return None
        low, _ = self.article.paragraph(len(before) - 1, len(before) - 1)
        sent = [t for t in sent if low <= t.idx < len(before)]
        inverted = self.reader.clause_speaker(sent) if sent and sent[0].is_title else None
        if inverted is not None:
            return inverted  # "Said Ellis:", "Continued Stone:"
        cues = [t for t in sent if self.reader.is_cue(t)]
        for cue in sorted(cues, key=lambda t: -t.i):
            found = self.reader.from_cue(cue)
            if found is not None:
                return found
        # "Janet Yellen went on:" — no speech verb, but the sentence's subject introduces it.
        head = [t for t in sent if not self.article.inside(t)]
        subjects = [t for t in head if t.dep_ in SUBJECT_DEPS]
        # A subordinate clause's subject ("With aides worried, ...") comes after the main one.
        subjects.sort(key=lambda t: t.head.dep_ in ("advcl", "relcl", "acl"))
        found = self.reader.mention(subjects[0]) if subjects else None
        # A verbless lead-in ("A lesson from Loretta Lynch:") is often parsed as the subject of
        # the quote's own verb; unless it names someone, the name before the colon is tried.
        if found is not None or (subjects and not self.article.inside(subjects[0].head)):
            return found
        if "\n" in self.article.text[len(before) : spans[0][0]]:
            return None
        return self._named_before_colon([t for t in head if not t.is_punct])

    def _named_before_colon(self, head: Sequence[Token]) -> Attribution | None:
        """``Mayor Anne Hidalgo: "..."``, ``A lesson from Warren Buffett: "..."``.

        The words before the colon end with a PERSON or ORG name, after at most a short
        lead-in with no verb: a longer clause is about someone else, and so is a name after
        a preposition other than "from" or "by".
        """
        if not head:
            return None
        owner = self.reader.owner(head[-1])  # "From Bush's Facebook post:"
        if owner is not None:
            return self.reader.mention(owner)
        entity = self.article.entity_at(head[-1].idx)
        if entity is None or entity.label not in ("PERSON", "ORG"):
            return None
        if entity.end < head[-1].idx + len(head[-1]):
            return None
        lead = [t for t in head if t.idx < entity.start]
        if len(lead) > LEAD_IN or any(t.pos_ in ("VERB", "AUX") for t in lead):
            return None
        # "CNN President On Trump:" is about the name, "A lesson from Warren Buffett:" is by it.
        if lead and lead[-1].pos_ == "ADP" and lead[-1].lower_ not in ("from", "by"):
            return None
        return Attribution(entity.canonical, entity.start, entity.end)
