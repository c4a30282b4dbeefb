"""Attributing a direct quote to its speaker with the dependency parse.

The speaker is the subject of the speech verb nearest the quote in the quote's own sentences
(``"...," he said``, ``said X``, ``X told reporters``, ``according to X``, ``X: "..."``), else in
the sentence before or after it. Pronouns and definite role descriptions ("the president")
resolve to the most recent compatible PERSON mention; an organisation or an indefinite
description is kept as it is written. A quote that stands alone in its paragraph continues the
previous quote's speaker. When nothing fits the speaker stays unknown: a wrong name is worse.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsreader.index.analysis.referents import Referents
from newsreader.index.analysis.speech_verbs import (
    GROUP_PRONOUNS,
    PERSON_PRONOUNS,
    ROLE_NOUNS,
    SOURCE_NOUNS,
    SPEECH_VERBS,
    WEAK_VERBS,
)
from newsreader.index.analysis.tail_cues import distance, is_definite, tail_clause, verb_subjects
from newsreader.index.models import Entity

SUBJECTS = ("nsubj", "nsubjpass")
# Dependencies through which a subject's own name can be reached ("pollster Pat Caddell").
NAME_DEPS = frozenset({"compound", "appos", "amod", "nmod", "flat", "nn"})
SPEAKER_LABELS = ("PERSON", "ORG", "NORP", "GPE")
# After a closing mark: a dash, then a capitalised name up to the end of the line or a comma.
_SIGNATURE = re.compile(
    r"^[\s\"”»'’]*(?:―|—|–|--?)\s*([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,4})\.?\s*$"
)


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who said a quote, the mention that names them, and the speech verb."""

    speaker: str | None = None
    start: int | None = None
    end: int | None = None
    cue: str | None = None


class Speakers:
    """Attributes the quotes of one article, remembering the previous speaker."""

    def __init__(
        self, doc: Doc, entities: Sequence[Entity], quoted: Sequence[tuple[int, int]]
    ) -> None:
        self.doc = doc
        self.entities = sorted(entities, key=lambda e: e.start)
        self.quoted = sorted(quoted)
        self.previous = Attribution()
        self.previous_end = -1  # where the previous attributed quote ends
        self.starts = [token.idx for token in doc]
        self.referents = Referents(doc, entities, self._inside_offset)

    def attribute(self, spans: Sequence[tuple[int, int]]) -> Attribution:
        """The attribution of the quote whose content spans are ``spans``."""
        found = (
            self._dash_after(spans)
            or self._tail(spans)
            or self._in_sentences(spans)
            or self._colon_intro(spans)
        )
        if found is None and (self._floats(spans) or self._same_paragraph(spans)):
            found = self.previous if self.previous.speaker else None
        if found is None:
            found = self._next_sentence(spans)
        found = found or Attribution()
        if found.speaker:
            self.previous, self.previous_end = found, spans[-1][1]
        return found

    # -- where the cue is ------------------------------------------------------------------

    def _in_sentences(self, spans: Sequence[tuple[int, int]]) -> Attribution | None:
        cues = [t for t in self._around(spans[0][0], spans[-1][1]) if self._is_cue(t)]
        cues.sort(key=lambda t: distance(t, spans))
        for cue in cues:
            found = self._from_cue(cue)
            if found is not None:
                return found
        return None

    def _tail(self, spans: Sequence[tuple[int, int]]) -> Attribution | None:
        """The clause right after the closing mark: ``"...," Smith said``, ``said Smith``."""
        end = spans[-1][1]
        _, high = self._paragraph(end, end)
        tokens = []
        for token in self.doc[bisect_left(self.starts, end + 1) :]:
            if token.idx >= high or self._inside(token) or len(tokens) > 40:
                break
            tokens.append(token)
        found = tail_clause(tokens)
        if found is None:
            return None
        subject, cue = found
        head = subject[-1]
        if self._entity_of(head) is None and head.pos_ == "PROPN":
            first, last = subject[0], subject[-1]
            name = self.doc.text[first.idx : last.idx + len(last)]
            return Attribution(name, first.idx, last.idx + len(last), cue.text)
        mention = self._mention(head)
        if mention is None or mention.speaker is None:
            return None
        return Attribution(mention.speaker, mention.start, mention.end, cue.text)

    def _dash_after(self, spans: Sequence[tuple[int, int]]) -> Attribution | None:
        """A signature after the closing mark: ``"..." ― Carla Sanchez``."""
        text = self.doc.text
        end = spans[-1][1]
        line_end = text.find("\n", end)
        tail = text[end : len(text) if line_end < 0 else line_end]
        match = _SIGNATURE.match(tail)
        if match is None:
            return None
        start = end + match.start(1)
        entity = self._entity_at(start)
        if entity is not None and entity.label in SPEAKER_LABELS:
            return Attribution(entity.canonical, entity.start, entity.end, match.group(0)[:1])
        name = match.group(1).strip()
        return Attribution(name, start, start + len(name), None)

    def _colon_intro(self, spans: Sequence[tuple[int, int]]) -> Attribution | None:
        """``X said:`` or ``X:`` right before the opening mark, possibly a paragraph earlier."""
        before = self.doc.text[: spans[0][0]].rstrip(" \n\"“'‘«„`")
        if not before.endswith(":"):
            return None
        sent = self._sentence_at(len(before) - 1)
        if sent is None:
            return None
        low, _ = self._paragraph(len(before) - 1, len(before) - 1)
        sent = [t for t in sent if low <= t.idx < len(before)]
        cues = [t for t in sent if self._is_cue(t)]
        for cue in sorted(cues, key=lambda t: -t.i):
            found = self._from_cue(cue)
            if found is not None:
                return found
        # "Janet Yellen went on:" — no speech verb, but the sentence's subject introduces it.
        head = [t for t in sent if not self._inside(t)]
        subjects = [t for t in head if t.dep_ in SUBJECTS]
        if subjects:
            return self._mention(subjects[0])
        return self._mention(head[-1]) if head and head[-1].pos_ == "PROPN" else None

    def _next_sentence(self, spans: Sequence[tuple[int, int]]) -> Attribution | None:
        """A short sentence right after the quote in the same paragraph: ``He added.``"""
        end = spans[-1][1]
        low, high = self._paragraph(end, end)
        sent = self._sentence_at(end + 2)
        if sent is None:
            return None
        cues = [t for t in sent if self._is_cue(t) and low <= t.idx < high]
        for cue in cues[:1]:
            return self._from_cue(cue)
        return None

    def _floats(self, spans: Sequence[tuple[int, int]]) -> bool:
        """Whether the quote's paragraph holds nothing but quoted text."""
        text = self.doc.text
        start = text.rfind("\n", 0, spans[0][0]) + 1
        end = text.find("\n", spans[-1][1])
        end = len(text) if end < 0 else end
        sent_tokens = self.doc.char_span(start, end, alignment_mode="expand")
        if sent_tokens is None:
            return False
        return all(self._inside(t) or not t.is_alpha for t in sent_tokens)

    # -- from cue to speaker ---------------------------------------------------------------

    def _is_cue(self, token: Token) -> bool:
        if self._inside(token):
            return False
        if token.lower_ == "according":
            return token.i + 1 < len(self.doc) and token.nbor(1).lower_ == "to"
        if token.pos_ not in ("VERB", "AUX") or token.lemma_.lower() not in SPEECH_VERBS:
            return False
        if token.lemma_.lower() in WEAK_VERBS:
            return any(c.dep_ in ("ccomp", "punct") for c in token.children)
        return True

    def _from_cue(self, cue: Token) -> Attribution | None:
        if cue.lower_ == "according":
            objs = [t for t in cue.nbor(1).children if t.dep_ == "pobj"]
            found = self._mention(objs[0]) if objs else None
        else:
            mentions = (self._mention(t) for t in verb_subjects(cue) if not self._inside(t))
            found = next((m for m in mentions if m is not None and m.speaker), None)
        if found is None or found.speaker is None:
            return None
        return Attribution(found.speaker, found.start, found.end, cue.text)

    def _mention(self, token: Token) -> Attribution | None:
        """The speaker named by the subject ``token``: a name, a pronoun or a description."""
        if self._inside(token):
            return None
        if token.lower_ in ("who", "that") and token.head.dep_ == "relcl":
            token = token.head.head
        entity = self._entity_of(token)
        if entity is not None:
            return Attribution(entity.canonical, entity.start, entity.end)
        lower = token.lower_
        if lower in PERSON_PRONOUNS:
            return self._resolve(token, PERSON_PRONOUNS[lower])
        if lower in GROUP_PRONOUNS or token.pos_ == "PRON":
            return None
        if token.lemma_.lower() in ROLE_NOUNS and is_definite(token):
            return self._resolve(token, None, token.lower_)
        if token.pos_ == "PROPN" or token.lemma_.lower() in SOURCE_NOUNS | ROLE_NOUNS:
            return self._description(token)
        return None

    def _entity_of(self, token: Token) -> Entity | None:
        """The entity the subject names: the token's own, or one in its name modifiers."""
        frontier = [token]
        found: list[Entity] = []
        while frontier:
            current = frontier.pop()
            entity = self._entity_at(current.idx)
            if entity is not None and entity.label in SPEAKER_LABELS:
                found.append(entity)
            frontier.extend(c for c in current.children if c.dep_ in NAME_DEPS)
        persons = [e for e in found if e.label == "PERSON"]
        return (persons or found or [None])[0]

    def _description(self, token: Token) -> Attribution:
        span = self.doc[token.left_edge.i : token.i + 1]
        return Attribution(span.text, span.start_char, span.end_char)

    def _same_paragraph(self, spans: Sequence[tuple[int, int]]) -> bool:
        """Whether the previous attributed quote lies earlier in this quote's paragraph."""
        low, _ = self._paragraph(spans[0][0], spans[0][0])
        return low <= self.previous_end <= spans[0][0]

    def _previous_person(self, token: Token, gender: str | None) -> bool:
        """Whether a pronoun continues the previous quote's speaker.

        It does when that speaker is a person of the pronoun's gender, their quote is at most
        two paragraphs back, and no other person became the main subject since.
        """
        name = self.previous.speaker
        if name is None or self.previous_end < 0 or not self.referents.is_person(name):
            return False
        if self.doc.text.count("\n\n", self.previous_end, token.idx) > 2:
            return False
        if gender is not None and self.referents.gender(name) not in (None, gender):
            return False
        recent = self.referents.main_subject_since(token, gender, self.previous_end)
        return recent is None or recent.canonical == name

    def _resolve(self, token: Token, gender: str | None, role: str | None = None) -> Attribution:
        """The person a pronoun or role description refers to, at the mention's offsets."""
        if role is None and self._previous_person(token, gender):
            return Attribution(self.previous.speaker, token.idx, token.idx + len(token))
        entity = self.referents.resolve(token, gender, role)
        name = entity.canonical if entity is not None else None
        return Attribution(name, token.idx, token.idx + len(token))

    # -- offsets ---------------------------------------------------------------------------

    def _entity_at(self, offset: int) -> Entity | None:
        for entity in self.entities:
            if entity.start <= offset < entity.end:
                return entity
        return None

    def _inside(self, token: Token) -> bool:
        return self._inside_offset(token.idx)

    def _inside_offset(self, offset: int) -> bool:
        return any(start <= offset < end for start, end in self.quoted)

    def _token_at(self, offset: int) -> Token | None:
        """The token covering ``offset``, or the last one starting before it."""
        index = bisect_right(self.starts, offset) - 1
        return self.doc[index] if 0 <= index < len(self.doc) else None

    def _sentence_at(self, offset: int) -> Span | None:
        if offset < 0 or offset >= len(self.doc.text):
            return None
        token = self._token_at(offset)
        return token.sent if token is not None else None

    def _paragraph(self, start: int, end: int) -> tuple[int, int]:
        text = self.doc.text
        first = text.rfind("\n", 0, start) + 1
        last = text.find("\n", end)
        return first, len(text) if last < 0 else last

    def _around(self, start: int, end: int) -> list[Token]:
        """Tokens of the sentences from ``start`` to ``end``, kept within their paragraph."""
        first = self._sentence_at(max(0, start - 2))
        last = self._sentence_at(min(len(self.doc.text) - 1, end + 1))
        if first is None or last is None:
            return []
        low, high = self._paragraph(start, end)
        return [t for t in self.doc[first.start : last.end] if low <= t.idx < high]
