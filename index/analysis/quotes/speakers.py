"""Attributing a direct quote to its speaker with the dependency parse.

The speaker is the subject of the speech verb nearest the quote in the quote's own sentences
(``"...," he said``, ``said X``, ``X told reporters``, ``according to X``, ``X: "..."``), else in
the sentence before or after it. Pronouns and definite role descriptions ("the president")
resolve to the most recent compatible PERSON mention; an organisation or an indefinite
description is kept as it is written. A quote that stands alone in its paragraph continues the
previous quote's speaker. When nothing fits the speaker stays unknown: a wrong name is worse.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from ...models import Entity
from ..lexicon.speech_verbs import (
    GROUP_NOUNS,
    GROUP_PRONOUNS,
    PERSON_PRONOUNS,
    ROLE_NOUNS,
    SOURCE_NOUNS,
    WEAK_VERBS,
)
from .attribution import Attribution
from .colon_intro import ColonIntroductions
from .quote_text import ArticleText
from .referents import Referents
from .tail_cues import (
    distance,
    is_definite,
    is_speech_cue,
    object_before_participle,
    one_sentence,
    signature,
    tail_clause,
    verb_subjects,
)

# Dependencies through which a subject's own name can be reached ("pollster Pat Caddell").
NAME_DEPS = frozenset({"compound", "appos", "amod", "nmod", "flat", "nn"})
SPEAKER_LABELS = ("PERSON", "ORG", "NORP", "GPE")
INDEFINITES = frozenset({"someone", "somebody", "others", "many", "some"})


class Speakers(ColonIntroductions, ArticleText):
    """Attributes the quotes of one article, remembering the previous speaker."""

    def __init__(
        self, doc: Doc, entities: Sequence[Entity], quoted: Sequence[tuple[int, int]]
    ) -> None:
        super().__init__(doc, entities, quoted)
        self.previous = Attribution()
        self.previous_end = -1  # where the previous attributed quote ends
        self.referents = Referents(doc, entities, self._inside_offset)

    def attribute(self, spans: Sequence[tuple[int, int]]) -> Attribution:
        """The attribution of the quote whose content spans are ``spans``."""
        found = (
            self._dash_after(spans)
            or self._tail(spans)
            or self._after_own_attribution(spans)
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
        """The clause after a closing mark: ``"...," Smith said``, ``said Smith``.

        Each span of a split quote is tried: its attribution sits between the parts.
        """
        return next(filter(None, (self._tail_after(end) for _, end in spans)), None)

    def _tail_after(self, end: int) -> Attribution | None:
        _, high = self._paragraph(end, end)
        tokens = []
        for token in self.doc[bisect_left(self.starts, end + 1) :]:
            if token.idx >= high or self._inside(token) or len(tokens) > 40:
                break
            tokens.append(token)
        return self._clause_speaker(tokens)

    def _clause_speaker(self, tokens: Sequence[Token]) -> Attribution | None:
        """The speaker of an attribution clause read from its words (see ``tail_clause``)."""
        found = tail_clause(tokens)
        if found is None:
            return None
        subject, cue = found
        head = subject[-1]
        if self._entity_of(head) is None and head.pos_ == "PROPN":
            first, last = subject[0], subject[-1]
            name = self.text[first.idx : last.idx + len(last)]
            return Attribution(name, first.idx, last.idx + len(last), cue.text)
        mention = self._subject(head)
        if mention is None or mention.speaker is None:
            return None
        return Attribution(mention.speaker, mention.start, mention.end, cue.text)

    def _dash_after(self, spans: Sequence[tuple[int, int]]) -> Attribution | None:
        """A signature after the closing mark: ``"..." ― Carla Sanchez``."""
        text = self.text
        end = spans[-1][1]
        line_end = text.find("\n", end)
        tail = text[end : len(text) if line_end < 0 else line_end]
        match = signature(tail)
        if match is None:
            return None
        start = end + match.start(2)
        entity = self._entity_at(start)
        if entity is not None and entity.label in SPEAKER_LABELS:
            return Attribution(entity.canonical, entity.start, entity.end, match.group(1))
        name = match.group(2).strip()
        return Attribution(name, start, start + len(name), None)

    def _after_own_attribution(self, spans: Sequence[tuple[int, int]]) -> Attribution | None:
        """The previous speaker, when only their own attribution sentence separates the quotes.

        ``"A," Mr. Obama said at a dinner where Mrs. Clinton also spoke. "B."``: the second
        quote goes on; the other names in that sentence are not its speaker.
        """
        found = self.previous
        if found.start is None or not self._same_paragraph(spans):
            return None
        gap = self.text[self.previous_end : spans[0][0]]
        if not self.previous_end <= found.start < spans[0][0] or gap.rstrip(" \"“'‘«„`").endswith(
            ":"
        ):
            return None
        return found if one_sentence(gap) else None

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

    # -- from cue to speaker ---------------------------------------------------------------

    def _is_cue(self, token: Token) -> bool:
        return not self._inside(token) and is_speech_cue(token)

    def _from_cue(self, cue: Token) -> Attribution | None:
        # "footage of Hillary Clinton asking": the person just before the participle speaks.
        named = object_before_participle(cue)
        entity = self._entity_at(named.idx) if named is not None else None
        if entity is not None and entity.label == "PERSON":
            return Attribution(entity.canonical, entity.start, entity.end, cue.text)
        if cue.lower_ == "according":
            objs = [t for t in cue.nbor(1).children if t.dep_ == "pobj"]
            found = self._mention(objs[0]) if objs else None
        else:
            # A sign that "read" a slogan is no speaker: only a real speech verb's subject
            # is kept as a description.
            named = self._mention if cue.lemma_.lower() in WEAK_VERBS else self._subject
            mentions = (named(t) for t in verb_subjects(cue) if not self._inside(t))
            found = next((m for m in mentions if m is not None and m.speaker), None)
        if found is None or found.speaker is None:
            return None
        return Attribution(found.speaker, found.start, found.end, cue.text)

    def _subject(self, token: Token) -> Attribution | None:
        """The speaker a speech verb's subject names; a common noun no rule resolves ("a
        friend", "protesters") is kept as written: a description is a speaker, not a guess."""
        found = self._mention(token)
        # With a determiner or modifier ("a friend", "my father", "small groups"); a bare
        # plural is too often a thing ("estimates suggest") unless it names people acting as a
        # crowd ("Protesters chanted").
        marked = any(c.dep_ in ("det", "poss", "amod", "nummod") for c in token.children)
        noun = token.pos_ == "NOUN" and token.is_alpha and token.is_lower and marked
        crowd = token.pos_ == "NOUN" and token.lemma_.lower() in GROUP_NOUNS
        if found is None and (noun or crowd or token.lower_ in INDEFINITES):
            return self._description(token)
        return found

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
        if lower == "it":
            return self._thing(token)
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
        if self.text.count("\n\n", self.previous_end, token.idx) > 2:
            return False
        if gender is not None and self.referents.gender(name) not in (None, gender):
            return False
        recent = self.referents.main_subject_since(token, gender, self.previous_end)
        return recent is None or recent.canonical == name

    def _thing(self, token: Token) -> Attribution | None:
        """What "it said" refers to: the previous speaker when that was no person (a body, a
        report), quoted at most two paragraphs back; a person is never "it"."""
        name = self.previous.speaker
        if name is None or self.previous_end < 0 or self.referents.is_person(name):
            return None
        if self.text.count("\n\n", self.previous_end, token.idx) > 2:
            return None
        return Attribution(name, token.idx, token.idx + len(token))

    def _resolve(self, token: Token, gender: str | None, role: str | None = None) -> Attribution:
        """The person a pronoun or role description refers to, at the mention's offsets."""
        if role is None and self._previous_person(token, gender):
            return Attribution(self.previous.speaker, token.idx, token.idx + len(token))
        entity = self.referents.resolve(token, gender, role)
        name = entity.canonical if entity is not None else None
        return Attribution(name, token.idx, token.idx + len(token))
