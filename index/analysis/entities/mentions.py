"""Named entities of one article: spaCy's mentions, cleaned, completed and linked by name.

The statistical model is good but makes mistakes a rule can repair: it glues a sentence-final token
into a name ("X. Zelensky"), keeps possessives and stray punctuation, labels a region a PRODUCT,
misses lowercase places ("kyiv") and repeats of a name it found elsewhere. Each repair is one small
function here; linking mentions to one canonical name per entity lives in ``linking``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from ...models import Entity
from ..lexicon.places import MAX_PLACE_WORDS, PLACES
from ..lexicon.roles import ROLE_NOUNS
from ..lexicon.titles import NAME_TITLES
from ..runtime.doc_text import text_of
from .linking import link_mentions

# Numbers are claims, not entities (see claims.py).
NUMERIC_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_PERSONAL_TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr"})
_LOWERCASE_OK = frozenset({"GPE", "LOC", "NORP", "DATE", "TIME", "EVENT"})  # "kyiv", "the west"
_NO_NUMBERS = frozenset({"PERSON", "GPE", "LOC", "NORP"})  # "Fox 5" and "Boeing 737" keep theirs
# A word after a name that makes it a place whatever the model said ("Kursk region").
PLACE_NOUNS = frozenset({"region", "oblast", "province", "district", "county", "governorate"})
_STRIP = " \t\n\r,;:-–—\"“”«»‘’'([{*•|/"
_INITIAL = re.compile(r"^[A-Z]\.$")
_PLACE_STARTS = frozenset(name.split()[0] for name in PLACES)  # lowercase only, on purpose
_DEMONYM = re.compile(r"(?:ian|ean|ese|ish|ians|eans)$", re.IGNORECASE)
# Words after a name that make it a company's: "Phelps Dodge Corp", "Marks and Spencer plc".
_COMPANY_SUFFIX = (
    r"\s+(?:Corp|Corporation|Inc|Incorporated|Co|Cos|Ltd|Limited|Plc|PLC|plc|LLC|AG|SA|NV|GmbH"
    r"|Group|Holdings)\b"
)


@dataclass(frozen=True, slots=True)
class Mention:
    """One entity mention before linking: char offsets into the article and a spaCy label."""

    start: int
    end: int
    label: str


def find_entities(doc: Doc) -> tuple[Entity, ...]:
    """Return the article's named entities (no numbers), each with its canonical name and kind."""
    text = text_of(doc)
    mentions = [m for ent in doc.ents if (m := clean_mention(doc, ent, text)) is not None]
    mentions = drop_glued_initials(doc, text, mentions)
    mentions = [relabel_demonym(text, relabel_by_next_word(doc, m)) for m in mentions]
    mentions = [relabel_after_role(doc, m) for m in mentions]
    mentions = mentions + lowercase_places(doc, mentions)
    mentions = vote_labels(text, mentions)
    mentions = relabel_companies(text, mentions)
    mentions = sorted(mentions + repeated_mentions(doc, text, mentions), key=lambda m: m.start)
    spans = [(m.start, m.end, m.label, text[m.start : m.end]) for m in mentions]
    linked = link_mentions(text, spans)
    return tuple(
        Entity(text=text[m.start : m.end], label=label, start=m.start, end=m.end, **info)
        for m, (label, info) in zip(mentions, linked, strict=True)
    )


def clean_mention(doc: Doc, ent: Span, text: str) -> Mention | None:
    """Trim one spaCy entity to the name itself, or None when nothing name-like is left.

    ``text`` is ``doc.text``, passed in because spaCy rebuilds that string on every access.
    """
    if ent.label_ in NUMERIC_LABELS:
        return None
    start, end = longest_line(text, ent.start_char, ent.end_char)
    start, end = strip_edges(text, start, end)
    span = doc.char_span(start, end, alignment_mode="expand") if end > start else None
    if span is None:
        return None
    span = trim_tokens(span, ent.label_)
    if not span:
        return None
    start, end = strip_edges(text, span.start_char, span.end_char)
    end = drop_possessive(text, start, end)
    start, end = drop_unbalanced_bracket(text, start, end)
    start, end = strip_edges(text, start, end)
    if end <= start or not any(c.isalpha() for c in text[start:end]):
        return None
    if text[start:end].islower() and ent.label_ not in _LOWERCASE_OK:
        return None  # names are capitalised; "cts" or "kwacha" tagged ORG are model errors
    if ent.label_ == "PERSON" and _only_titles(text[start:end]):
        return None  # "the Rt Rev Dr Tom Wright" split in two: the titles are nobody
    return Mention(start, end, ent.label_)


def _only_titles(name: str) -> bool:
    return all(word.strip(".").lower() in NAME_TITLES for word in name.split())


def trim_tokens(span: Span, label: str) -> Span:
    """Drop words the model swept into a name: "Describing Mr Jackson", "the Union - the",
    "the Czech Republic 7-5 6-3"."""
    start, end = span.start, span.end
    doc = span.doc
    if label in _NO_NUMBERS:  # "Revs 4.4 mln": nothing after a figure belongs to the name
        end = next((t.i for t in span[1:] if any(c.isdigit() for c in t.text)), end)
    while start < end - 1 and _loose_head(doc[start], label):
        start += 1
    while end - 1 > start and _loose_tail(doc[end - 1], label):
        end -= 1
    return doc[start:end]


def _loose_head(token: Token, label: str) -> bool:
    if token.is_punct or token.is_space:
        return True
    return label == "PERSON" and token.tag_ not in ("NNP", "NNPS")


def _loose_tail(token: Token, label: str) -> bool:
    if token.is_space or (token.is_punct and token.text not in (")", ".")):
        return True
    if token.tag_ in ("DT", "IN", "CC", "HYPH", "TO", "WDT"):
        return True
    return label in _NO_NUMBERS and any(c.isdigit() for c in token.text)


def longest_line(text: str, start: int, end: int) -> tuple[int, int]:
    """Keep the longest line of a mention that runs over a line break ("Scotland\\n -")."""
    if "\n" not in text[start:end]:
        return start, end
    best, pos = (start, start), start
    for line in text[start:end].split("\n"):
        if len(line.strip()) > best[1] - best[0]:
            best = (pos, pos + len(line))
        pos += len(line) + 1
    return best


def strip_edges(text: str, start: int, end: int) -> tuple[int, int]:
    """Move the offsets inward past spaces, quotes, dashes and brackets around a name."""
    while start < end and text[start] in _STRIP:
        start += 1
    while end > start and text[end - 1] in _STRIP and not _closes_bracket(text, start, end):
        end -= 1
    return start, end


def _closes_bracket(text: str, start: int, end: int) -> bool:
    return text[end - 1] == ")" and "(" in text[start : end - 1]


def drop_possessive(text: str, start: int, end: int) -> int:
    """Return the end offset without a trailing possessive ("Blair's" -> "Blair")."""
    for suffix in ("'s", "’s"):
        if text[start:end].endswith(suffix) and end - start > len(suffix):
            return end - len(suffix)
    return end


def drop_unbalanced_bracket(text: str, start: int, end: int) -> tuple[int, int]:
    """Cut a bracket the model opened but did not close ("The Bank (IADB" -> "The Bank")."""
    span = text[start:end]
    opening = span.rfind("(")
    if opening > 0 and ")" not in span[opening:]:
        return start, start + len(span[:opening].rstrip())
    if span.endswith(")") and "(" not in span:
        return start, end - 1
    return start, end


def drop_glued_initials(doc: Doc, text: str, mentions: list[Mention]) -> list[Mention]:
    """Remove a sentence-final token glued to a name as if it were an initial ("X. Zelensky").

    An initial is kept when it fits a full name seen in the article ("J. Smith" with "John Smith")
    and dropped when the same surname appears with another first name or when the token before is a
    common noun ("on social media platform X. Zelensky said").
    """
    first_names = _first_names_by_surname(text, mentions)
    cleaned = []
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and m.label == "PERSON" and _glued_initial(span, first_names):
            m = replace(m, start=span[1].idx)
        cleaned.append(m)
    return cleaned


def _first_names_by_surname(text: str, mentions: list[Mention]) -> dict[str, set[str]]:
    names: dict[str, set[str]] = {}
    for m in mentions:
        words = text[m.start : m.end].split()
        if m.label == "PERSON" and len(words) >= 2 and not _INITIAL.match(words[0]):
            names.setdefault(words[-1], set()).add(words[0][0])
    return names


def _glued_initial(span: Span, first_names: dict[str, set[str]]) -> bool:
    if len(span) < 2 or not _INITIAL.match(span[0].text):
        return False
    known = first_names.get(span[-1].text)
    if known:
        return span[0].text[0] not in known
    before = span.doc[span.start - 1] if span.start > 0 else None
    return before is not None and before.tag_ in ("NN", "NNS")


def relabel_by_next_word(doc: Doc, mention: Mention) -> Mention:
    """Label a name followed by "region", "province"... as a place ("Kursk region")."""
    if mention.label in PLACE_LABELS:
        return mention
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or span.end >= len(doc) or doc[span.end].lower_ not in PLACE_NOUNS:
        return mention
    return replace(mention, label="LOC")


def relabel_after_role(doc: Doc, mention: Mention) -> Mention:
    """Label a name right after a person's role or title a person: "shadow chancellor Vince
    Cable" (two or three words), which the model may call an organisation; "Mr Toshitsune",
    which it may call a product."""
    if mention.label not in ("ORG", "NORP", "GPE", "PRODUCT", "WORK_OF_ART", "FAC", "LOC"):
        return mention
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or not 1 <= len(span) <= 3 or span.start == 0:
        return mention
    if not all(t.pos_ == "PROPN" and t.is_alpha and t.is_title for t in span):
        return mention
    before = doc[span.start - 1]
    titled = before.text.rstrip(".").lower() in _PERSONAL_TITLES
    role = len(span) > 1 and before.is_lower and before.lemma_ in ROLE_NOUNS
    if not titled and (not role or mention.label not in ("ORG", "NORP", "GPE")):
        return mention
    return replace(mention, label="PERSON")


def relabel_demonym(text: str, mention: Mention) -> Mention:
    """Label a demonym the model took for a place ("Ukrainian" GPE) as a group (NORP)."""
    if mention.label in ("GPE", "LOC") and _DEMONYM.search(text[mention.start : mention.end]):
        return replace(mention, label="NORP")
    return mention


def lowercase_places(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Find well-known places the model missed because the text writes them in lowercase."""
    taken = _covered(mentions)
    found: list[Mention] = []
    i = 0
    while i < len(doc):
        size = _place_at(doc, i, taken)
        if size:
            found.append(Mention(doc[i].idx, doc[i + size - 1].idx + len(doc[i + size - 1]), "GPE"))
        i += size or 1
    return found


def _place_at(doc: Doc, i: int, taken: set[int]) -> int:
    first = doc[i].text
    if first not in _PLACE_STARTS or doc[i].idx in taken:
        return 0
    for size in range(min(MAX_PLACE_WORDS, len(doc) - i), 0, -1):
        words = [doc[k].text for k in range(i, i + size)]
        if " ".join(words) in PLACES and not any(doc[k].idx in taken for k in range(i, i + size)):
            return size
    return 0


def _covered(mentions: Iterable[Mention]) -> set[int]:
    return {i for m in mentions for i in range(m.start, m.end)}


def vote_labels(text: str, mentions: list[Mention]) -> list[Mention]:
    """Give every mention of the same words the label most of them got in this article.

    The model labels "Ukrainian" GPE once and NORP five times; within one article the same words
    nearly always name the same thing, so the majority (first seen on ties) wins.
    """
    votes: dict[str, Counter[str]] = {}
    for m in mentions:
        votes.setdefault(_vote_key(text, m), Counter())[m.label] += 1
    return [replace(m, label=votes[_vote_key(text, m)].most_common(1)[0][0]) for m in mentions]


def relabel_companies(text: str, mentions: list[Mention]) -> list[Mention]:
    """Label a "person" an organisation when the article names it with a company's suffix
    once: "Phelps Dodge Corp chairman G. Robert Durham", later "Phelps Dodge would only want"."""
    names = {text[m.start : m.end] for m in mentions if m.label == "PERSON"}
    companies = {
        n
        for n in names
        if re.search(re.escape(n) + _COMPANY_SUFFIX, text) or re.search(_COMPANY_SUFFIX + "$", n)
    }
    return [
        replace(m, label="ORG") if m.label == "PERSON" and text[m.start : m.end] in companies else m
        for m in mentions
    ]


def _vote_key(text: str, mention: Mention) -> str:
    return text[mention.start : mention.end].casefold()


def repeated_mentions(doc: Doc, text: str, mentions: list[Mention]) -> list[Mention]:
    """Find further mentions of names already found: repeats the model did not label.

    Matches are case-sensitive, except that a place may also appear all in lowercase when the
    tagger still reads it as a proper noun. Matches must sit on token boundaries and not overlap a
    mention already found.
    """
    taken = _covered(mentions)
    found: list[Mention] = []
    forms = _repeatable_forms(text, mentions)
    for form, label in sorted(forms.items(), key=lambda item: -len(item[0])):
        for start, end in _occurrences(doc, text, form, lowercase_too=label in PLACE_LABELS):
            if not any(i in taken for i in range(start, end)):
                found.append(Mention(start, end, label))
                taken.update(range(start, end))
    return found


def _occurrences(
    doc: Doc, text: str, form: str, *, lowercase_too: bool
) -> Iterable[tuple[int, int]]:
    variants = {form, form.lower()} if lowercase_too else {form}
    for variant in variants:
        for match in re.finditer(rf"(?<!\w){re.escape(variant)}(?!\w)", text):
            span = doc.char_span(*match.span())
            if span is None:
                continue
            if variant != form and span[0].tag_ not in ("NNP", "NNPS"):
                continue
            yield match.span()


def _repeatable_forms(text: str, mentions: list[Mention]) -> dict[str, str]:
    forms: dict[str, str] = {}
    for m in mentions:
        form = text[m.start : m.end]
        if len(form) < 3 or (not form[0].isupper() and m.label not in PLACE_LABELS):
            continue
        multiword = " " in form
        if m.label in ("PERSON", "GPE", "LOC") or (m.label == "ORG" and multiword):
            forms.setdefault(form, m.label)
    return forms
