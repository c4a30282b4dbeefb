"""Finding direct-quote spans in article text: quote marks, their pairing and the messy cases.

Scraped news is rarely tidy: straight and curly marks are mixed (“…», „…“), NYT copy uses two
apostrophes ('') as a double mark, BBC copy reopens a quote without closing the previous one
(``"A. "B``), and a quote may run to the end of its paragraph without a closing mark. This module
only finds the spans; :mod:`newsreader.index.analysis.quotes.speakers` decides who said them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from ...models import Entity, Quote
from ..lexicon.speech_verbs import SPEECH_FORMS
from ..runtime.doc_text import text_of
from .clues import Rule
from .marks import Mark, find_marks, is_mark_char
from .rules import RULES
from .speakers import Speakers
from .tail_cues import one_sentence

_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(frozen=True, slots=True)
class Segment:
    """The content of one run of quoted text, marks excluded.

    ``joined`` is True when the segment continues the previous segment of the same paragraph
    because a new opening mark came before the previous quote closed (BBC style).
    """

    start: int
    end: int
    closed: bool
    joined: bool = False


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line: scraped text puts one paragraph per line."""
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink (start, end) so it neither starts nor ends with whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _double_segments(text: str, marks: list[Mark], para_end: int) -> list[Segment]:
    """Pair the double marks of one paragraph into content segments.

    A definite opener of another glyph inside an open quote starts a nested quote (kept as part
    of the content); an opener of the same glyph, or a straight mark in opening position, means
    the writer reopened without closing: the open segment ends there and a joined one begins.
    """
    segments: list[Segment] = []
    opened: Mark | None = None
    nested: list[Mark] = []
    joined = False
    for mark in marks:
        if opened is None:
            if mark.can_open:
                opened, joined = mark, False
            continue
        if nested:
            if mark.can_close:
                nested.pop()
            elif mark.can_open and mark.glyph != nested[-1].glyph:
                nested.append(mark)
            continue
        if mark.can_close:
            segments.append(Segment(*_trim(text, opened.end, mark.start), True, joined))
            opened = None
        elif mark.can_open and mark.glyph != opened.glyph and not mark.can_close:
            nested.append(mark)
        elif mark.can_open:
            segments.append(Segment(*_trim(text, opened.end, mark.start), False, joined))
            opened, joined = mark, True
    if opened is not None:
        segments.append(Segment(*_trim(text, opened.end, para_end), False, joined))
    return [s for s in segments if s.end > s.start]


def _single_segments(text: str, marks: list[Mark], para: tuple[int, int]) -> list[Segment]:
    """Pair single marks; a single opener with no closer in the paragraph is an apostrophe,
    unless it opens a sentence that runs to the paragraph's end (see ``_runs_on``)."""
    segments: list[Segment] = []
    opened: Mark | None = None
    for mark in marks:
        if opened is None:
            if mark.can_open:
                opened = mark
        elif mark.can_close:
            start, end = _trim(text, opened.end, mark.start)
            # rock 'n' roll: a letter or two between single marks is an elision, not a quote.
            if end - start > 2 or not text[start:end].isalpha():
                segments.append(Segment(start, end, True))
            opened = None
    if opened is not None and _runs_on(text, opened, para):
        segments.append(Segment(*_trim(text, opened.end, para[1]), False))
    return segments


_RUN_ON_WORDS = 6


def _runs_on(text: str, opened: Mark, para: tuple[int, int]) -> bool:
    """Whether an unclosed single mark opens a quote carried on to the next paragraph.

    British and Irish copy quotes with single marks and, like everyone, leaves a quote open
    when the next paragraph goes on with it ('If we fail, ... / 'Let us not ...'). An
    apostrophe never stands where such a quote opens: at the paragraph's start or after a
    colon or comma, before a capital, with a whole sentence after it.
    """
    start, end = para
    before = text[start : opened.start].rstrip()
    if before and before[-1] not in ":,":
        return False
    content = text[opened.end : end].strip()
    if not content[:1].isupper() or len(content.split()) < _RUN_ON_WORDS:
        return False
    return content[-1] in ".!?…" or text[end:].lstrip()[:1] in ("'", "‘")


def _outside(marks: list[Mark], segments: list[Segment]) -> list[Mark]:
    """The marks that are not inside (or the marks of) any of ``segments``."""
    return [
        m for m in marks if not any(s.start - 2 <= m.start and m.end <= s.end + 2 for s in segments)
    ]


def paragraph_segments(text: str, start: int, end: int) -> list[Segment]:
    """The quoted segments of the paragraph ``text[start:end]``, in text order."""
    marks = find_marks(text, start, end)
    doubles = _double_segments(text, [m for m in marks if m.family == "double"], end)
    outside = _outside([m for m in marks if m.family == "single"], doubles)
    singles = _single_segments(text, outside, (start, end))
    # A double quote inside a single one (rare) would already be nested content.
    singles = [
        s for s in singles if not any(d.start >= s.start and d.end <= s.end for d in doubles)
    ]
    doubles = [
        d for d in doubles if not any(s.start <= d.start and d.end <= s.end for s in singles)
    ]
    return sorted(doubles + singles, key=lambda s: s.start)


def find_segments(text: str) -> list[Segment]:
    """Every quoted segment of ``text``, paragraph by paragraph."""
    found: list[Segment] = []
    for start, end in paragraphs(text):
        found.extend(paragraph_segments(text, start, end))
    return found


_WORD = re.compile(r"[A-Za-z][A-Za-z.'’-]*")
_MAX_ATTRIBUTION_WORDS = 12
_GAP_ENDS = frozenset(",.;—–-…")  # the punctuation closing an attribution between two parts


def _attribution_gap(text: str, before: Segment, after: Segment) -> bool:
    """Whether only a short attribution clause separates two quotes: '," he said, "'."""
    gap = text[before.end : after.start]
    if "\n" in gap or gap.rstrip(" \"“‘'«„`").endswith(":"):
        return False  # a colon introduces a quote of its own, not the rest of this one
    words = [w.lower().rstrip(".") for w in _WORD.findall(gap)]
    if not words or len(words) > _MAX_ATTRIBUTION_WORDS:
        return False
    if not one_sentence(gap):
        return False  # more than one sentence: a separate statement
    if gap.rstrip(" \"“‘'«„`")[-1:] not in _GAP_ENDS:
        return False  # '" But Ms Cobham said her members were "outraged"': her own words
    return any(w in SPEECH_FORMS for w in words)


def _own_attribution(text: str, segment: Segment) -> bool:
    """Whether ``segment`` is followed in its sentence by an attribution of its own."""
    tail = text[segment.end : segment.end + 80].split("\n")[0]
    tail = tail.lstrip(" \"”»'’`")
    if not tail.startswith((",", " ")) and tail[:1].isalpha() is False:
        return False
    words = [w.lower() for w in _WORD.findall(re.split(r"[.!?;]", tail)[0])][:5]
    return any(w in SPEECH_FORMS for w in words)


def group_segments(text: str, segments: list[Segment]) -> list[tuple[Segment, ...]]:
    """Merge segments into quotes: reopened (BBC) runs and quotes split by their attribution."""
    groups: list[list[Segment]] = []
    for segment in segments:
        if groups and (
            segment.joined
            or (
                _attribution_gap(text, groups[-1][-1], segment)
                and not _own_attribution(text, segment)
            )
        ):
            groups[-1].append(segment)
        else:
            groups.append([segment])
    return [tuple(group) for group in groups]


def is_partial(doc: Doc, group: Sequence[Segment]) -> bool:
    """Whether a quote is woven into the writer's sentence ('called it "a con"').

    PolNeAR, like most attribution work, does not count these mixed quotations as direct
    quotes (on its dev split 96% of them are not): they start right after a word of the
    writer's own other than a speech verb introducing a capitalised sentence, or a clause
    ('Smith says "the plan has failed"'). A long quote that runs unclosed to the end of its
    paragraph is kept: it is a real quote with a lost mark.
    """
    text = text_of(doc)
    first = group[0]
    before = text[text.rfind("\n", 0, first.start) + 1 : first.start].rstrip(" \"“‘'«„`")
    if not before or not (before[-1].isalpha() or before[-1] in "=-"):
        return False
    word = before.split()[-1].lower()
    if word in SPEECH_FORMS and (text[first.start].isupper() or _is_clause(doc, first)):
        return False
    runs_on = not group[-1].closed and len(text[first.start : group[-1].end].split()) >= 8
    return not runs_on


_CLAUSE_WORDS = 4


def _is_clause(doc: Doc, segment: Segment) -> bool:
    """Whether a quoted segment of four words or more holds a finite verb: a statement of the
    speaker's own words, not a phrase of theirs ('what he called "a disgrace"')."""
    span = doc.char_span(segment.start, segment.end, alignment_mode="expand")
    if span is None or len(span) < _CLAUSE_WORDS:
        return False
    return any(t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm") for t in span)


def quote_text(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """The words of a quote: its spans joined with an ellipsis where its attribution was."""
    return " … ".join(text[start:end] for start, end in spans)


def find_quotes(
    doc: Doc, entities: Sequence[Entity], rules: Sequence[Rule] = RULES
) -> tuple[Quote, ...]:
    """Every quote of the article ``doc`` with its speaker, in text order.

    ``entities`` are the article's entity mentions (offsets into ``doc.text``); the speaker is
    given by the canonical name of the entity that names them. Quotes woven into the writer's
    own sentence (scare quotes, 'called it "a con"') come with ``partial=True``: they are not
    direct quotes, and a reader may list them apart or leave them out. ``rules`` is the
    speaker cascade (a benchmark may leave rules out to measure what each one adds).
    """
    text = text_of(doc)
    segments = find_segments(text)
    quoted = [_with_marks(text, s.start, s.end) for s in segments]
    speakers = Speakers(doc, entities, quoted, rules)
    quotes = []
    for group in group_segments(text, segments):
        spans = tuple((s.start, s.end) for s in group)
        found = speakers.attribute(spans)
        quotes.append(
            Quote(
                text=quote_text(text, spans),
                start=spans[0][0],
                end=spans[-1][1],
                spans=spans,
                speaker=found.speaker,
                speaker_start=found.start,
                speaker_end=found.end,
                cue=found.cue,
                partial=is_partial(doc, group),
                speaker_rule=found.rule,
            )
        )
    return tuple(quotes)


def _with_marks(text: str, start: int, end: int, reach: int = 2) -> tuple[int, int]:
    """A quoted segment's offsets widened over the marks (and a space between nested marks)
    around it: no further, so a word glued to the mark (`down,”said`) stays outside."""
    low, high = start, end
    while low > max(0, start - reach) and (is_mark_char(text[low - 1]) or text[low - 1] == " "):
        low -= 1
    while high < min(len(text), end + reach) and (is_mark_char(text[high]) or text[high] == " "):
        high += 1
    return low, high
