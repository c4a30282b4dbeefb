"""The speaker cascade as data: the rules tried in order for each quote, each with its id.

A rule returns None when it does not apply, so the next one is tried; an attribution, even one
that names nobody (a pronoun no one fits), ends the cascade: a wrong name is worse than none.
The id of the rule that answered is kept on the quote (``Quote.speaker_rule``), so every speaker
can be traced to its rule and each rule scored on its own (``bench/quote_eval.py``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from ...models import Entity
from ..lexicon.pronouns import FIRST_PERSON
from .attribution import Attribution
from .clues import Clues, Rule, Spans, someone_else_since
from .marks import MARK_CHARACTERS
from .phrases import continues_reported, named_term, sentence_subject
from .quote_text import ArticleText
from .tail_cues import distance, one_sentence, paragraph_signature, signature

SPEAKER_LABELS = ("PERSON", "ORG", "NORP", "GPE")
TAIL_REACH = 40  # tokens read after a closing mark for its attribution clause
SIGNATURE_WORDS = 12  # a longer paragraph opening with a dash is a list item, not a signature
_CLOSING = " \t\"”»'’."
HEADING_WORDS = 12  # a longer block is a paragraph of the story, not an entry's heading
PARAGRAPHS_OF_ONE_QUOTE = 8  # how far a quote left open at a paragraph's end is followed
_MARKS_AND_SPACE = " \t" + "".join(sorted(MARK_CHARACTERS))
# An interview's speaker label opening a paragraph: "Nora Vance: It is cheap and ...".
_LABEL = re.compile(r"^[ \t]*([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}):[ \t]+\S", re.M)


def term_modifier(clues: Clues, spans: Spans) -> Attribution | None:
    """Nobody, for a short quoted phrase that modifies the noun after it: a name or a term
    (NBC's "Today" program, "walkaway lease" deals, the "GM Dealer Equipment" logo), not
    anyone's words."""
    article, doc = clues.article, clues.article.doc
    if len(spans) > 1 or _is_statement(article.text, spans):
        return None
    after = bisect_left(article.starts, spans[0][1])
    last = doc[after - 1] if after else None
    if last is None or last.pos_ not in ("NOUN", "PROPN"):
        return None  # a "very concerning" situation: someone's judgement, not a name
    while after < len(doc) and doc[after].is_quote:
        after += 1
    if after == len(doc) or doc[after].tag_ not in ("NN", "NNS") or not doc[after].is_lower:
        return None
    if last.head.i != after:
        return None  # 'a message reading "Thank you Georgia" moments after': words, then time
    return Attribution()


def dash_signature(clues: Clues, spans: Spans) -> Attribution | None:
    """A signature after the closing mark, ``"..." ― Carla Sanchez``, or opening the next
    paragraph when the quote ends its own (a fact-check's ``"..."`` then ``- Sanders.``)."""
    text = clues.article.text
    end = spans[-1][1]
    _, high = clues.article.paragraph(end, end)
    match = signature(text[end:high])
    offset = end
    if match is None and not text[end:high].strip(_CLOSING):
        offset = len(text) - len(text[high:].lstrip())
        _, line_end = clues.article.paragraph(offset, offset)
        line = text[offset:line_end]
        match = paragraph_signature(line) if len(line.split()) <= SIGNATURE_WORDS else None
    if match is None:
        return None
    name = match.group(2).rstrip(".")
    start = offset + match.start(2)
    entity = _speaking_entity(clues.article.entities, start, start + len(name))
    if entity is not None:
        return Attribution(entity.canonical, entity.start, entity.end, match.group(1))
    return Attribution(name, start, start + len(name), None)


def _speaking_entity(entities: Sequence[Entity], start: int, end: int) -> Entity | None:
    """The person (else body) named within ``start``..``end``: "President Obama" is Obama."""
    found = [e for e in entities if e.start < end and start < e.end and e.label in SPEAKER_LABELS]
    return next((e for e in found if e.label == "PERSON"), found[0] if found else None)


def tail_clause(clues: Clues, spans: Spans) -> Attribution | None:
    """The clause after a closing mark: ``"...," Smith said``, ``said Smith``.

    Each span of a split quote is tried: its attribution sits between the parts.
    """
    return next(filter(None, (_tail_after(clues, end) for _, end in spans)), None)


def _tail_after(clues: Clues, end: int) -> Attribution | None:
    article = clues.article
    _, high = article.paragraph(end, end)
    tokens = []
    for token in article.doc[bisect_left(article.starts, end + 1) :]:
        if token.idx >= high or article.inside(token) or len(tokens) > TAIL_REACH:
            break
        tokens.append(token)
    # '"... on Tuesday." Shearer said he was unsure': after a full stop, a verb with a clause
    # of its own opens the next sentence, reporting something else.
    closed = article.text[max(0, end - 8) : end].rstrip(_CLOSING.replace(".", "")).endswith(".")
    return clues.reader.clause_speaker(tokens, after_full_stop=closed)


def after_own_attribution(clues: Clues, spans: Spans) -> Attribution | None:
    """The previous speaker, when only their own attribution sentence separates the quotes.

    ``"A," Mr. Obama said at a dinner where Mrs. Clinton also spoke. "B."``: the second
    quote goes on; the other names in that sentence are not its speaker.
    """
    found, previous_end = clues.last.found, clues.last.end
    if found.start is None or not _same_paragraph(clues, spans):
        return None
    gap = clues.article.text[previous_end : spans[0][0]]
    if not previous_end <= found.start < spans[0][0] or gap.rstrip(" \"“'‘«„`").endswith(":"):
        return None
    return found if one_sentence(gap) else None


def cue_in_sentences(clues: Clues, spans: Spans) -> Attribution | None:
    """The subject of the speech verb nearest the quote in its own sentences (and their
    paragraph): ``X told reporters "..."``, ``according to X``, ``"...", X says in a video``."""
    reader = clues.reader
    cues = [t for t in clues.article.around(spans[0][0], spans[-1][1]) if reader.is_cue(t)]
    cues.sort(key=lambda t: distance(t, spans))
    return next(filter(None, map(reader.from_cue, cues)), None)


def colon_introduction(clues: Clues, spans: Spans) -> Attribution | None:
    """``X said:`` or ``X:`` right before the opening mark, possibly a paragraph earlier."""
    return clues.colons.attribution(spans)


def transcript_label(clues: Clues, spans: Spans) -> Attribution | None:
    """The speaker an interview's label names, for a quote inside their answer: under
    ``Nora Vance: ... My students call such houses "carbon banks"`` the words are hers.
    Only in a transcript: two labelled paragraphs at least, the label a person or a body."""
    article, start = clues.article, spans[0][0]
    low, _ = article.paragraph(start, start)
    label = _LABEL.match(article.text, low, start)
    if label is None or len(_LABEL.findall(article.text)) < 2:
        return None
    entity = _speaking_entity(article.entities, label.start(1), label.end(1))
    if entity is None or entity.start != label.start(1) or entity.label not in ("PERSON", "ORG"):
        return None
    return Attribution(entity.canonical, entity.start, entity.end, None)


def continued_below(clues: Clues, spans: Spans) -> Attribution | None:
    """A quote left open at its paragraph's end goes on in the next one, which opens with a
    quote mark (news prints a quote of several paragraphs so): the speaker is the one the
    attribution clause after the quote's last paragraph names (``"We looked at everything.`` /
    ``"The ban stands," he said.``)."""
    end = spans[-1][1]
    for _ in range(PARAGRAPHS_OF_ONE_QUOTE):
        end = _continuation_end(clues.article, end)
        if end is None:
            return None
        found = _tail_after(clues, end)
        if found is not None:
            return found
    return None


def _continuation_end(article: ArticleText, end: int) -> int | None:
    """Where the quote opening the next paragraph ends its content, when the quote ending at
    ``end`` is left open at its paragraph's end; None otherwise."""
    text = article.text
    _, high = article.paragraph(end, end)
    if text[end:high].strip() or text[end - 1 : end] in _MARKS_AND_SPACE:
        return None  # closed (a nested quote's mark too), or the writer's words follow
    start = len(text) - len(text[high:].lstrip())
    following = bisect_left(article.quoted, (start, start))
    if following == len(article.quoted) or article.quoted[following][0] != start:
        return None
    low, high = article.quoted[following]
    return low + len(text[low:high].rstrip(_MARKS_AND_SPACE))


def continues_previous(clues: Clues, spans: Spans) -> Attribution | None:
    """A quote alone in its paragraph, or after an attributed one in it, goes on the previous
    speaker's."""
    if not (
        clues.article.floats(spans)
        or (_same_paragraph(clues, spans) and _is_statement(clues.article.text, spans))
        or _opens_next_paragraph(clues, spans)
    ):
        return None
    found = clues.last.found
    if not found.speaker or someone_else_since(clues, clues.last.end, spans[0][0]):
        return None
    if _heading_between(clues.article, clues.last.end, spans[0][0]):
        return None  # a live blog's next entry: its quotes are not the last entry's
    return found


def _heading_between(article: ArticleText, start: int, end: int) -> bool:
    """Whether a heading (a short block with no closing punctuation) lies between two offsets."""
    low, _ = article.paragraph(end, end)
    block = article.previous_block(low)
    while block is not None and block[1] > start:
        if block[0] > start and _is_heading(article.text[block[0] : block[1]]):
            return True
        block = article.previous_block(block[0])
    return False


def _is_heading(block: str) -> bool:
    words = block.strip()
    return 0 < len(words.split()) <= HEADING_WORDS and words[-1] not in ".!?:,;\"”’'…"


def next_sentence(clues: Clues, spans: Spans) -> Attribution | None:
    """A short sentence right after the quote in the same paragraph: ``He added.``"""
    article = clues.article
    end = spans[-1][1]
    low, high = article.paragraph(end, end)
    sent = article.sentence_at(end + 2)
    if sent is None:
        return None
    # "according to its website" sources the next sentence's own claim, not the quote.
    cues = (t for t in sent if clues.reader.is_cue(t) and low <= t.idx < high)
    cue = next((t for t in cues if t.lower_ != "according"), None)
    return clues.reader.from_cue(cue) if cue is not None else None


def _opens_next_paragraph(clues: Clues, spans: Spans) -> bool:
    """Whether the quote opens the paragraph right after the previous quote's: '"B." This
    trick was ...' under '"A," explains Dr. Shadlen.' goes on; the writer's remark after it
    names no one (the rules before this one found no cue)."""
    text, start = clues.article.text, spans[0][0]
    low, _ = clues.article.paragraph(start, start)
    if text[low:start].strip(" \t\"“‘'«„`"):
        return False
    if not _is_statement(text, spans):
        return False  # "'Circuit breaker' plan - NPHET vs Government": a heading's term
    previous = clues.article.previous_block(low)
    return previous is not None and previous[0] <= clues.last.end <= low


def _is_statement(text: str, spans: Spans) -> bool:
    """Whether a quote says something rather than names it: four words or more, or a sentence
    of its own; "liberati", coined from "glitterati", goes on nobody's words."""
    words = text[spans[0][0] : spans[-1][1]]
    return len(words.split()) >= 4 or words.rstrip().endswith((".", "!", "?", "…"))


def _same_paragraph(clues: Clues, spans: Spans) -> bool:
    """Whether the previous attributed quote lies earlier in this quote's paragraph."""
    low, _ = clues.article.paragraph(spans[0][0], spans[0][0])
    return low <= clues.last.end <= spans[0][0]


def heading_statement(clues: Clues, spans: Spans) -> Attribution | None:
    """A statement in the first person opening the paragraph under a heading that starts with
    a name: a live blog's entry ``Mallow Swimming Pool - closed until further notice`` then
    ``"We are closing our doors ..."`` is the pool's notice."""
    article, start = clues.article, spans[0][0]
    low, _ = article.paragraph(start, start)
    previous = article.previous_block(low)
    if previous is None or article.text[low:start].strip(" \t\"“‘'«„`"):
        return None
    words = {w.strip(".,;:!?").lower() for w in article.text[start : spans[-1][1]].split()}
    if not words & FIRST_PERSON:
        return None
    head_low, head_high = previous
    if not _is_heading(article.text[head_low:head_high]):
        return None
    entity = _speaking_entity(article.entities, head_low, head_high)
    if entity is not None and not article.text[head_low : entity.start].strip():
        return Attribution(entity.canonical, entity.start, entity.end, None)
    name = _leading_name(article, head_low, head_high)
    return None if name is None else Attribution(article.text[name[0] : name[1]], *name, None)


def _leading_name(article: ArticleText, low: int, high: int) -> tuple[int, int] | None:
    """The proper nouns, two or more, a heading opens with ("Mallow Swimming Pool - closed"),
    which the tagger often leaves untagged in a heading's capitalised words."""
    tokens = article.doc.char_span(low, high, alignment_mode="expand")
    if tokens is None:
        return None
    run = 0
    while run < len(tokens) and tokens[run].pos_ == "PROPN":
        run += 1
    if run < 2:
        return None
    return tokens[0].idx, tokens[run - 1].idx + len(tokens[run - 1])


RULES: tuple[Rule, ...] = (
    Rule("term-modifier", term_modifier),
    Rule("named-term", named_term),
    Rule("dash-signature", dash_signature),
    Rule("tail-clause", tail_clause),
    Rule("after-own-attribution", after_own_attribution),
    Rule("cue-in-sentence", cue_in_sentences),
    Rule("colon-introduction", colon_introduction),
    Rule("transcript-label", transcript_label),
    Rule("continued-below", continued_below),
    Rule("continues-previous", continues_previous),
    Rule("next-sentence", next_sentence),
    Rule("heading-statement", heading_statement),
    Rule("sentence-subject", sentence_subject),
    Rule("continues-reported", continues_reported),
)
"""The cascade, in the order its rules are tried."""
