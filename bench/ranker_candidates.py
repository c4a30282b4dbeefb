"""Candidate speakers of each found quote and their features, for ``bench/speaker_ranker.py``.

The cascade (``index/analysis/quotes/rules.py``) runs unchanged; a recording subclass of its
``Speakers`` keeps, for each quote, its spans, the cascade's answer (with the rule id) and the
previous quote's speaker. The candidates of a quote are that answer, every person or
organisation named outside quotes in the quote's paragraph and the two before it, and the
previous speaker; each gets a few dozen numeric features read from the rules, the parse and
the positions (``FEATURES``). Nothing here changes what the analysis finds.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from newsreader.index.analysis.entities.mentions import find_entities
from newsreader.index.analysis.lexicon.dependencies import SUBJECT_DEPS
from newsreader.index.analysis.lexicon.pronouns import PRONOUN_GENDER
from newsreader.index.analysis.lexicon.speech_verbs import SPEECH_VERBS
from newsreader.index.analysis.quotes import spans as spans_module
from newsreader.index.analysis.quotes.attribution import Attribution
from newsreader.index.analysis.quotes.rules import RULES
from newsreader.index.analysis.quotes.speakers import Speakers
from newsreader.index.models import Entity, Quote

Spans = tuple[tuple[int, int], ...]
RULE_IDS = tuple(rule.id for rule in RULES)
DEPS = ("nsubj", "nsubjpass", "poss", "pobj", "dobj", "compound", "appos")
PARAGRAPHS_BACK = 2

FEATURES: tuple[str, ...] = (
    "cascade",
    *(f"cascade_rule={r}" for r in RULE_IDS),
    "cascade_pronoun",
    "cascade_description",
    "previous",
    "previous_and_floats",
    "no_mention",
    "log_distance",
    "before",
    "after",
    "same_sentence",
    *(f"paragraphs_back={n}" for n in range(PARAGRAPHS_BACK + 1)),
    "log_sentences",
    *(f"dep={d}" for d in DEPS),
    "dep=other",
    "speech_subject",
    "main_subject",
    "any_speech_subject",
    "person",
    "org",
    "log_mentions_article",
    "log_mentions_before",
    "gender_agrees",
    "gender_disagrees",
    "named_in_quote",
    "recency_rank",
    "first_subject_of_paragraph",
    "log_mentions_window",
)
# Where the cascade named nobody the ranker only chooses among the others: these features
# count apart there, since an unattributed quote's speaker sits elsewhere than a rule's miss.
NONE_CROSSED = ("previous", "recency_rank", "same_sentence", "speech_subject", "main_subject")
NONE_CROSSED += ("paragraphs_back=0", "log_distance", "named_in_quote", "person")
FEATURES += tuple(f"none*{name}" for name in NONE_CROSSED)
INDEX = {name: i for i, name in enumerate(FEATURES)}


@dataclass(frozen=True, slots=True)
class Seen:
    """One quote as the cascade saw it: spans, its answer, the previous speaker."""

    spans: Spans
    found: Attribution
    previous: Attribution


@dataclass(slots=True)
class Candidate:
    """One possible speaker of a quote: the name it would be given and its features."""

    name: str
    features: list[float] = field(default_factory=lambda: [0.0] * len(FEATURES))

    def set(self, name: str, value: float = 1.0) -> None:
        self.features[INDEX[name]] = value


class _Recording(Speakers):
    """The cascade's Speakers, keeping what it saw for each quote."""

    latest: _Recording | None = None

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.seen: list[Seen] = []
        _Recording.latest = self

    def attribute(self, spans: Sequence[tuple[int, int]]) -> Attribution:
        previous = self.clues.last.found
        found = super().attribute(spans)
        self.seen.append(Seen(tuple(spans), found, previous))
        return found


@contextmanager
def _recording() -> Iterator[None]:
    # The bench must not copy find_quotes: it swaps in the recording class for one call.
    original = spans_module.Speakers
    spans_module.Speakers = _Recording  # type: ignore[misc]
    try:
        yield
    finally:
        spans_module.Speakers = original  # type: ignore[misc]


@dataclass(frozen=True, slots=True)
class QuoteCandidates:
    """A found quote (not partial), as the cascade gave it, and its candidate speakers."""

    quote: Quote
    candidates: tuple[Candidate, ...]


def article_candidates(doc: Doc, partial: bool = False) -> list[QuoteCandidates]:
    """The quotes of one parsed article with their candidates, in text order; the partial
    ones (woven into the writer's sentence) only with ``partial``."""
    with _recording():
        quotes = spans_module.find_quotes(doc, find_entities(doc))
    speakers = _Recording.latest
    assert speakers is not None and len(speakers.seen) == len(quotes)
    article = _Article(speakers)
    return [
        QuoteCandidates(q, tuple(article.candidates(seen)))
        for q, seen in zip(quotes, speakers.seen, strict=True)
        if partial or not q.partial
    ]


class _Article:
    """The mentions of one article, looked up per quote."""

    def __init__(self, speakers: Speakers) -> None:
        self.text = speakers.clues.article
        self.referents = speakers.clues.reader.referents
        persons = list(self.referents.persons)
        orgs = [
            e
            for e in self.text.entities
            if e.label == "ORG" and not self.text.inside_offset(e.start)
        ]
        self.mentions = sorted(persons + orgs, key=lambda e: e.start)
        self.counts: dict[str, int] = {}
        for entity in self.mentions:
            self.counts[entity.canonical] = self.counts.get(entity.canonical, 0) + 1
        self.names = {e.canonical for e in self.mentions}
        self.paragraph_starts = [low for low, _ in spans_module.paragraphs(self.text.text)]
        self.sentence_index = {s.start: i for i, s in enumerate(self.text.doc.sents)}

    def candidates(self, seen: Seen) -> list[Candidate]:
        start, end = seen.spans[0][0], seen.spans[-1][1]
        low = self._window_start(start)
        _, high = self.text.paragraph(end, end)
        window = [e for e in self.mentions if low <= e.start < high]
        by_name: dict[str, list[Entity]] = {}
        for entity in window:
            by_name.setdefault(entity.canonical, []).append(entity)
        names = list(by_name)
        for extra in (seen.found.speaker, seen.previous.speaker):
            if extra and extra not in by_name:
                names.append(extra)
        ranked = self._recency(by_name, start)
        return [self._candidate(n, by_name.get(n, []), seen, ranked) for n in names]

    def _window_start(self, start: int) -> int:
        """Where the quote's paragraph and the two non-empty ones before it begin."""
        low, _ = self.text.paragraph(start, start)
        for _ in range(PARAGRAPHS_BACK):
            before = self.text.text[:low].rstrip()
            if not before:
                break
            low, _ = self.text.paragraph(len(before) - 1, len(before) - 1)
        return low

    def _recency(self, by_name: dict[str, list[Entity]], start: int) -> dict[str, int]:
        """Each name's rank by its latest mention before the quote (0 = nearest)."""
        latest = {
            n: max((e.end for e in es if e.end <= start), default=-1) for n, es in by_name.items()
        }
        order = sorted((n for n in latest if latest[n] >= 0), key=lambda n: -latest[n])
        return {n: i for i, n in enumerate(order)}

    def _candidate(
        self, name: str, mentions: list[Entity], seen: Seen, ranked: dict[str, int]
    ) -> Candidate:
        candidate = Candidate(name)
        self._cascade_features(candidate, seen)
        if seen.previous.speaker == name:
            candidate.set("previous")
            candidate.set("previous_and_floats", float(self.text.floats(seen.spans)))
        candidate.set("person", float(self.referents.is_person(name)))
        candidate.set("org", float(name in self.names and not self.referents.is_person(name)))
        candidate.set("log_mentions_article", math.log1p(self.counts.get(name, 0)))
        before = [e for e in self.mentions if e.canonical == name and e.end <= seen.spans[0][0]]
        candidate.set("log_mentions_before", math.log1p(len(before)))
        candidate.set("log_mentions_window", math.log1p(len(mentions)))
        candidate.set("named_in_quote", float(self._named_in_quote(name, seen.spans)))
        self._gender_features(candidate, seen)
        if not mentions:
            candidate.set("no_mention")
        else:
            rank = ranked.get(name)
            candidate.set("recency_rank", 1.0 / (1 + rank) if rank is not None else 0.0)
            self._mention_features(candidate, mentions, seen.spans)
        if seen.found.speaker is None:
            for feature in NONE_CROSSED:
                candidate.set(f"none*{feature}", candidate.features[INDEX[feature]])
        return candidate

    def _cascade_features(self, candidate: Candidate, seen: Seen) -> None:
        found = seen.found
        if found.speaker is None:
            return
        if found.speaker != candidate.name:
            return
        candidate.set("cascade")
        if found.rule in RULE_IDS:
            candidate.set(f"cascade_rule={found.rule}")
        token = self._token(found.start)
        candidate.set(
            "cascade_pronoun", float(token is not None and token.lower_ in PRONOUN_GENDER)
        )
        candidate.set("cascade_description", float(found.speaker not in self.names))

    def _gender_features(self, candidate: Candidate, seen: Seen) -> None:
        """Agreement with the he/she the cascade's answer was read from, when it was one."""
        token = self._token(seen.found.start)
        wanted = PRONOUN_GENDER.get(token.lower_) if token is not None else None
        own = self.referents.gender(candidate.name)
        if wanted is None or own is None:
            return
        candidate.set("gender_agrees" if own == wanted else "gender_disagrees")

    def _token(self, offset: int | None) -> Token | None:
        return self.text.token_at(offset) if offset is not None else None

    def _named_in_quote(self, name: str, spans: Spans) -> bool:
        last = name.split()[-1:]
        return bool(last) and any(last[0] in self.text.text[s:e] for s, e in spans)

    def _mention_features(self, candidate: Candidate, mentions: list[Entity], spans: Spans) -> None:
        start, end = spans[0][0], spans[-1][1]
        nearest = min(mentions, key=lambda e: _gap(e, start, end))
        candidate.set("log_distance", math.log1p(_gap(nearest, start, end)) / 5)
        candidate.set("before", float(nearest.end <= start))
        candidate.set("after", float(nearest.start >= end))
        around = self.text.around(start, end)
        inside = bool(around) and around[0].idx <= nearest.start <= around[-1].idx
        candidate.set("same_sentence", float(inside))
        back = max(0, self._paragraph_of(start) - self._paragraph_of(nearest.start))
        back = min(PARAGRAPHS_BACK, back)
        candidate.set(f"paragraphs_back={back}")
        candidate.set("log_sentences", math.log1p(self._sentences(nearest, start, end)) / 3)
        self._dep_features(candidate, nearest, mentions, start)

    def _paragraph_of(self, offset: int) -> int:
        return bisect_right(self.paragraph_starts, offset) - 1

    def _sentences(self, mention: Entity, start: int, end: int) -> int:
        token = self._token(mention.start)
        first = self._token(start)
        last = self._token(end)
        if token is None or first is None or last is None:
            return 0
        index = self.sentence_index
        at = index[token.sent.start]
        return max(0, index[first.sent.start] - at, at - index[last.sent.start])

    def _dep_features(
        self, candidate: Candidate, nearest: Entity, mentions: list[Entity], start: int
    ) -> None:
        head = self._head(nearest)
        if head is None:
            return
        candidate.set(f"dep={head.dep_}" if head.dep_ in DEPS else "dep=other")
        speech = head.dep_ in SUBJECT_DEPS and head.head.lemma_.lower() in SPEECH_VERBS
        candidate.set("speech_subject", float(speech))
        candidate.set("main_subject", float(head.dep_ in SUBJECT_DEPS and head.head.dep_ == "ROOT"))
        heads = [self._head(e) for e in mentions]
        candidate.set("any_speech_subject", float(any(h is not None and _speech(h) for h in heads)))
        low, _ = self.text.paragraph(start, start)
        para = [e for e in self.mentions if low <= e.start < start]
        subjects = [e for e in para if (h := self._head(e)) is not None and h.dep_ in SUBJECT_DEPS]
        first = subjects[0].canonical if subjects else None
        candidate.set("first_subject_of_paragraph", float(first == candidate.name))

    def _head(self, entity: Entity) -> Token | None:
        span = self.text.doc.char_span(entity.start, entity.end, alignment_mode="expand")
        if span is None or not len(span):
            return None
        head = span.root
        while head.dep_ in ("compound", "flat") and head.head is not head:
            head = head.head
        return head


def _speech(head: Token) -> bool:
    return head.dep_ in SUBJECT_DEPS and head.head.lemma_.lower() in SPEECH_VERBS


def _gap(entity: Entity, start: int, end: int) -> int:
    """Characters between a mention and the quote (0 when they touch)."""
    if entity.end <= start:
        return start - entity.end
    return max(0, entity.start - end)
