"""Quoted phrases no speech verb attributes: a term the writer names, and a phrase quoted in a
sentence about someone, or as the writer goes on reporting the last speaker.
"""

from __future__ import annotations

from bisect import bisect_left

from ..lexicon.words import word_set
from .attribution import Attribution
from .clues import Clues, Spans, someone_else_since

PHRASE_WORDS = 3  # a shorter quoted phrase in a sentence without a speech verb is a term
# Words before a quote that make it the writer's term ("the so-called "Blair Babes"").
TERM_NAMERS = frozenset(
    {"so-called", "dubbed", "nicknamed", "titled", "entitled", "known as", "billed as"}
)
# Words that give a name, not someone's words: "Dubbed 'le cost killer'".
NAMING_WORDS = word_set("dubbed called nicknamed so-called known billed branded labelled titled")


def named_term(clues: Clues, spans: Spans) -> Attribution | None:
    """Nobody, for what the writer names as a term: the "so-called" "Blair Babes", a club
    "dubbed" "le cost killer", a pest "known as" "wereng", a booklet "titled" "…"."""
    text = clues.article.text
    before = text[max(0, spans[0][0] - 24) : spans[0][0]].rstrip(" \t\"'“‘«„`").lower().split()
    named = bool(before) and (before[-1] in TERM_NAMERS or " ".join(before[-2:]) in TERM_NAMERS)
    return Attribution() if named else None


def sentence_subject(clues: Clues, spans: Spans) -> Attribution | None:
    """The person a sentence without a speech verb is about, for a phrase quoted in it: "She is
    concerned too many children play games with "high levels of violence"" is hers."""
    article = clues.article
    sentence = article.sentence_at(spans[0][0])
    if sentence is None or len(spans) > 1 or not _is_phrase(article.text, spans[0]):
        return None
    subject = next((c for c in sentence.root.children if c.dep_ == "nsubj"), None)
    if subject is None or article.inside(subject):
        return None
    if subject.lower_ not in ("he", "she") and subject.ent_type_ != "PERSON":
        return None
    found = clues.reader.mention(subject)
    return found if found is not None and found.speaker else None


def _is_phrase(text: str, span: tuple[int, int]) -> bool:
    """Whether a quote reads as someone's words, not a title, a name, a coined word or a
    nickname ("Dubbed 'le cost killer'")."""
    words = text[span[0] : span[1]].split()
    if len(words) < PHRASE_WORDS or not words[0][:1].islower():
        return False
    before = text[max(0, span[0] - 24) : span[0]].lower().split()
    return not set(before[-3:]) & NAMING_WORDS


def continues_reported(clues: Clues, spans: Spans) -> Attribution | None:
    """A phrase quoted in a sentence no one is said to say, in the paragraph of the previous
    speaker's quote or the next: the writer goes on reporting them ("The government wanted a
    culture where retirement ages were 'increasingly consigned to the past'")."""
    article, found = clues.article, clues.last.found
    if len(spans) > 1 or not found.speaker or not _is_phrase(article.text, spans[0]):
        return None
    before = article.text[max(0, spans[0][0] - 8) : spans[0][0]].rstrip(" \"'“‘").split()
    if before[-1:] and before[-1].lower() in ("a", "an", "the"):
        return None  # 'an "aggressive sales culture"': a term, whoever coined it
    if _cue_since(clues, clues.last.end, spans[0][0]):
        return None  # another attribution ("According to a statement ...") came between
    low, _ = article.paragraph(spans[0][0], spans[0][0])
    previous = article.previous_block(low)
    since = previous[0] if previous is not None else low
    if not since <= clues.last.end <= spans[0][0]:
        return None
    return None if someone_else_since(clues, clues.last.end, spans[0][0]) else found


def _cue_since(clues: Clues, start: int, end: int) -> bool:
    """Whether a speech cue outside quotes stands in a sentence after the one ``start`` ends
    (which holds the last quote's own attribution) and before ``end``."""
    article = clues.article
    last = article.sentence_at(start)
    low = last.end_char if last is not None else start
    words = article.doc[bisect_left(article.starts, low) : bisect_left(article.starts, end)]
    return any(clues.reader.is_cue(t) for t in words)
