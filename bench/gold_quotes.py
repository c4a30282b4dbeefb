"""Reading PolNeAR's gold direct quotes, and scoring predicted quotes and speakers on them.

Gold: the first sorted ``.ann`` of each article; a gold attribution is a direct quote when every
Content span starts with an opening quote mark and ends with a closing one.

Rules (all offsets are content offsets, quote marks excluded):
- gold content = each Content span with its leading and trailing marks (and spaces) stripped;
- a gold quote is *found* when one predicted quote covers at least half of its content
  characters (overlap = characters in both the predicted spans and the gold spans);
- a predicted quote is *correct* (precision) when at least half of its content characters lie
  in the content of some gold direct quote (a merged prediction may cover several gold quotes);
- the speaker of a found quote is *right* when the last name word of the prediction equals the
  last name word of the gold Source's head (its capitalised non-title words before ", who",
  "of", "at", "(" ...: "Leonard E. Burman, director of ..." -> burman), and the prediction's other
  words all occur in the Source unless the head is a lone surname ("Norman Ham" is right for
  "Ham", "Hillary Clinton" is wrong for "Bill Clinton"); a kept description ("the announcer")
  is right when its words all occur in the Source. When the Source holds no PERSON/ORG mention
  (spaCy NER) and its head is no capitalised name either (a pronoun or a description), the
  same tests (name, then description) are also tried against the referent: the nearest
  earlier gold Source of the article that does name someone. A capitalised word spaCy reads as
  no name (an adjective or determiner opening a sentence, "Few people"; a group word used as
  one, "The Republican presidential nominee") does not make a Source named. The referent comes
  from the gold annotation, not from the system's resolver, but it is an approximation: "he"
  may refer to someone who is never a gold Source;
- end-to-end = found and speaker right, over all gold direct quotes;
- predictions flagged ``partial`` (quotes woven into the writer's sentence, which PolNeAR does
  not count as direct) are left out of every figure;
- ``precision_any_content`` also counts as correct a prediction lying in a gold Content span
  that is not a direct quote by the rule above (a real quote annotated with wider bounds);
- ``precision_direct`` leaves those predictions out instead: a quote lying in a gold Content
  that is not direct (``He said that "..."``, where the annotated Content starts before the
  mark) is neither right nor wrong for the direct-quote class, because the gold scores it in
  another class. It is correct / (predicted - those), and is the figure held to the 0.90 target;
  ``precision`` (every prediction counted) is reported beside it;
- a Source written as ``description, Name,`` ("the White House press secretary, Josh
  Earnest,", "Ms. Merkel's spokesman, Steffen Seibert", "Another pollster, David Woodard of
  Clemson University,") has the name in apposition as its head: the capitalised words after
  the comma, up to a modifier, are tried too; a description holds a lowercase word, so
  "Leonard E. Burman, director of ..." is a name and its description;
- titles are no part of a name: Mr., Sen., Justice, Professor, Representative, Governor ...
  ("Justice Scalia" is a lone surname, which "Antonin Scalia" names);
- a possessive names its owner ("Bush's" is Bush, "Hoff's letter" is Hoff's), but an owner
  before any other common noun is not the source ("Ms. Merkel's spokesman" is not Merkel).
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from gold_referents import NamedSource, name_genders, pronoun_gender
from gold_referents import referent as find_referent
from spacy.tokens import Doc, Span, Token

from newsreader.index.analysis.lexicon.words import word_set
from newsreader.index.models import Quote

# ../shared/eval/polnear beside the project, or the folder NEWSREADER_POLNEAR names.
POLNEAR = Path(
    os.environ.get("NEWSREADER_POLNEAR")
    or Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "polnear"
)
OPENING = "\"“‘'«„`"
CLOSING = "\"”’'»“"
MARKS = "\"“”‘’'«»„` "


# The scorer keeps word lists of its own: with the system's lexicon, a change to it would also
# move the verdicts it is judged by.
TITLES = word_set(
    "mr mrs ms miss dr sen rep gov president former secretary the a an of sir lady madam "
    "justice judge professor prof representative senator governor gen general rev reverend"
)
PRONOUNS = word_set("he she they i we it you him her them this who")


@dataclass(frozen=True, slots=True)
class GoldQuote:
    """One gold direct quote: content spans (marks stripped) and its source text, if any."""

    spans: tuple[tuple[int, int], ...]
    source: str | None
    referent: str | None  # for pronoun/description sources: the earlier named source


@dataclass(slots=True)
class Scores:
    """Counts that make up the figures, plus a sample of errors by category."""

    gold: int = 0
    predicted: int = 0
    found: int = 0
    correct: int = 0
    attributed: int = 0  # predictions lying in any gold Content span, direct or not
    other_class: int = 0  # predictions lying in a non-direct gold Content only
    speaker_right: int = 0
    # per speaker rule (its id; "none" when no rule answered): found quotes right, wrong, unknown
    rules: dict[str, Counter[str]] = field(default_factory=dict)
    errors: Counter[str] = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, float | int]:
        """Recall, precision, speaker accuracy and end-to-end, with the counts behind them."""
        return {
            "gold_quotes": self.gold,
            "predicted": self.predicted,
            "recall": _ratio(self.found, self.gold),
            "precision": _ratio(self.correct, self.predicted),
            "precision_any_content": _ratio(self.attributed, self.predicted),
            "precision_direct": _ratio(self.correct, self.predicted - self.other_class),
            "speaker_accuracy": _ratio(self.speaker_right, self.found),
            "end_to_end": _ratio(self.speaker_right, self.gold),
        }

    def rule_figures(self) -> dict[str, dict[str, float | int]]:
        """For each speaker rule: the found quotes it answered, right, wrong and unknown."""
        return {
            rule: {
                "quotes": counts.total(),
                "right": counts["right"],
                "wrong": counts["wrong"],
                "unknown": counts["unknown"],
                "accuracy": _ratio(counts["right"], counts.total()),
            }
            for rule, counts in sorted(self.rules.items(), key=lambda item: -item[1].total())
        }

    def add(self, other: Scores) -> None:
        """Add the counts of ``other`` (another fold or article) to these."""
        for name in ("gold", "predicted", "found", "correct", "attributed", "other_class"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.speaker_right += other.speaker_right
        for rule, counts in other.rules.items():
            self.rules.setdefault(rule, Counter()).update(counts)
        self.errors.update(other.errors)
        self.examples.extend(other.examples)


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def read_ann(path: Path) -> tuple[dict[str, tuple[str, list[tuple[int, int]]]], list[dict]]:
    """Text-bound annotations (id -> type, spans) and events of one brat .ann file."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[dict] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2 and " " in parts[1]:
            kind, offsets = parts[1].split(" ", 1)
            spans[parts[0]] = (kind, [_pair(s) for s in offsets.split(";")])
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(item.split(":", 1) for item in parts[1].split() if ":" in item))
    return spans, events


def _pair(offsets: str) -> tuple[int, int]:
    start, end = offsets.split()
    return int(start), int(end)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in MARKS:
        start += 1
    while end > start and text[end - 1] in MARKS:
        end -= 1
    return start, end


def gold_quotes(
    text: str,
    ann: Path,
    names: Sequence[tuple[int, int]] = (),
    common: Sequence[tuple[int, int]] = (),
    persons: Sequence[tuple[int, int]] | None = None,
    subjects: Sequence[tuple[int, int]] = (),
) -> list[GoldQuote]:
    """The direct quotes of one article, in text order.

    ``names`` are (start, end) of PERSON/ORG mentions found by spaCy: a gold Source holding one
    counts as named, for choosing the referent of a pronoun or description source. ``common``
    are capitalised words spaCy reads as no name ("Few", "The Republican"): they do not make a
    Source named. ``persons`` are the PERSON mentions among ``names``: a named Source holding
    none names a group, which no he/she refers to (``gold_referents``); without them every
    named Source may be a person. ``subjects`` are PERSON mentions spaCy parses as a clause's
    subject: outside gold Content they may be a pronoun's referent though no gold Source
    ("As for Trump, he said").
    """
    spans, events = read_ann(ann)
    named = _named_sources(text, spans, names, common, persons)
    named = sorted(named + _subject_persons(text, spans, subjects), key=lambda n: n.start)
    pronouns = [
        (offsets[0][0], gender)
        for kind, offsets in spans.values()
        if kind == "Source"
        and (gender := pronoun_gender(text[offsets[0][0] : offsets[-1][1]])) is not None
    ]
    genders = name_genders(text, named, sorted(pronouns))
    quotes = []
    for event in events:
        content = spans.get(event.get("Content", ""))
        if content is None or not all(_is_direct(text, s, e) for s, e in content[1]):
            continue
        source = spans.get(event.get("Source", ""))
        source_text = " ".join(text[s:e] for s, e in source[1]) if source else None
        referent = None
        if source and source_text and not _holds_name(text, source[1], names, common, persons):
            referent = find_referent(source_text, source[1][0][0], named, genders)
        stripped = tuple(_strip(text, s, e) for s, e in sorted(content[1]))
        quotes.append(GoldQuote(stripped, source_text, referent))
    return sorted(quotes, key=lambda q: q.spans[0])


def _is_direct(text: str, start: int, end: int) -> bool:
    return end - start >= 2 and text[start] in OPENING and text[end - 1] in CLOSING


def _named_sources(
    text: str,
    spans: dict,
    names: Sequence[tuple[int, int]],
    common: Sequence[tuple[int, int]],
    persons: Sequence[tuple[int, int]] | None,
) -> list[NamedSource]:
    """Every gold Source span that holds a name, in text order."""
    found = []
    for kind, offsets in spans.values():
        if kind != "Source" or not _holds_name(text, offsets, names, common):
            continue
        words = text[offsets[0][0] : offsets[-1][1]]
        head = _appositive_name(words) or _head_name(words) or _words(words)
        if persons is not None and _body_head(words):
            what = "group"  # "Clinton's campaign" names a person, but is none
        elif persons is not None and _overlap(offsets, persons) > 0:
            what = "person"
        elif _is_description(text, offsets, persons):
            what = "description"
        else:
            what = "group" if persons is not None and _names_a_group(words) else "name"
        found.append(NamedSource(offsets[0][0], words, what, " ".join(head)))
    return sorted(found, key=lambda n: n.start)


def _subject_persons(
    text: str, spans: dict, subjects: Sequence[tuple[int, int]]
) -> list[NamedSource]:
    """Subject PERSON mentions outside every gold Content and Source span, as named sources."""
    taken = [
        s for kind, offsets in spans.values() if kind in ("Content", "Source") for s in offsets
    ]
    found = []
    for start, end in subjects:
        if _overlap([(start, end)], taken) == 0:
            title = _TITLE_BEFORE.search(text, max(0, start - 6), start)  # spaCy leaves "Mrs." out
            start = title.start() if title else start
            head = _head_name(text[start:end]) or _words(text[start:end])
            found.append(NamedSource(start, text[start:end], "subject", " ".join(head)))
    return found


_TITLE_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss)\.?\s+$")
# Head nouns of a body or a writing, not a person: "Clinton's campaign", "the Trump team".
_BODIES = frozenset(
    re.findall(
        r"\w+",
        "campaign committee office team administration department agency group party "
        "government company firm organization report statement website staff",
    )
)


def _body_head(source: str) -> bool:
    """Whether a body or writing noun heads the Source: "Clinton's campaign"."""
    head = re.split(r",|\(| (?:who|of|from|at|in|for|with) ", source, maxsplit=1)[0].split()
    return bool(head) and head[-1].lower() in _BODIES


def _names_a_group(source: str) -> bool:
    """A Source holding no PERSON whose head reads as a body or a group of people: "the AP",
    "Iowa biofuels advocates" ("a Carrier executive" is a person). spaCy tags many surnames
    ORG, so a capitalised name ("Podesta", "Sanders", "a confident-seeming Manafort") stays
    a name of either kind."""
    head = re.split(r",|\(| (?:who|of|from|at|in|for|with) ", source, maxsplit=1)[0].split()
    if not head:
        return False
    return head[0].lower() == "the" or bool(re.fullmatch(r"[a-z]{3,}s", head[-1]))


def _is_description(
    text: str, offsets: Sequence[tuple[int, int]], persons: Sequence[tuple[int, int]] | None
) -> bool:
    """A definite Source headed by a common noun, whatever capitalised words it holds ("the
    Slovenia-born former model"), with no person named in it or in apposition."""
    source = " ".join(text[s:e] for s, e in offsets)
    if persons and _overlap(offsets, persons) > 0:
        return False
    return bool(_DESCRIPTION.match(source)) and not _appositive_name(source)


def _holds_name(
    text: str,
    offsets: Sequence[tuple[int, int]],
    names: Sequence[tuple[int, int]],
    common: Sequence[tuple[int, int]] = (),
    persons: Sequence[tuple[int, int]] | None = None,
) -> bool:
    """A PERSON/ORG mention lies in the Source, or its head is a capitalised name spaCy missed.

    Capitalised words at ``common`` offsets are no names: "The Republican presidential
    nominee" and "Few people" are descriptions. With ``persons`` given, so is a Source headed
    by a common noun that names no person ("the Slovenia-born former model"): its quote is
    scored against a referent too.
    """
    if persons is not None and _is_description(text, offsets, persons):
        return False
    if _overlap(offsets, names) > 0:
        return True
    source = " ".join(text[s:e] for s, e in offsets)
    inside = [(s, e) for s, e in common if _overlap(offsets, [(s, e)]) > 0]
    ignored = {w for s, e in inside for w in _words(text[s:e])}
    return any(w not in PRONOUNS and w not in ignored for w in _head_name(source))


def _words(text: str) -> list[str]:
    """Lowercase words, a possessive's 's dropped: the Source "Bush's" names Bush."""
    words = re.findall(r"[\w'.-]+", text.replace("’", "'"))
    return [re.sub(r"'s?$", "", w.lower().rstrip(".")) for w in words]


_MODIFIER = re.compile(r"\(| (?:who|of|from|at|in|for|with) ")
# A definite determiner, then words up to a lowercase head noun before any comma or modifier:
# "the Florida senator" refers back to someone named; "a Carrier executive" brings in someone.
_DESCRIPTION = re.compile(
    r"(?i:the|this|that|his|her|their|its)\s+[^,(]*?\b[a-z][\w-]*"
    r"\s*(?:$|,|\(| (?:who|of|from|at|in|for|with|and) )"
)


# A possessor before a common noun is no name of the source ("Ms. Merkel's spokesman"), unless
# the noun is something they wrote or said ("Hoff's letter" is Hoff's).
_OWNER = re.compile(
    r"\b[A-Z][\w.-]*['’]s?\s+(?!(?:letter|post|statement|tweet|words|response|email|remarks)\b)"
    r"(?=[a-z])"
)


def _head_name(source: str) -> list[str]:
    """Capitalised non-title words of a source before its first modifier (", who", "of", "(")."""
    source = _OWNER.sub("", source)
    prefix = re.split(r",|\(| (?:who|of|from|at|in|for|with) ", source, maxsplit=1)[0]
    for part in (prefix, source):  # "Secretary of State John F. Kerry": the prefix is a title
        names = [
            w for w in _words(" ".join(re.findall(r"[A-Z][\w'’.-]*", part))) if w not in TITLES
        ]
        if names:
            return names
    return []


def _appositive_name(source: str) -> list[str]:
    """The name after a leading description: "the press secretary, Josh Earnest," -> earnest;
    "Ms. Merkel's spokesman, Steffen Seibert" -> seibert ("Leonard E. Burman, director of"
    has no description before its comma: a description holds a lowercase word, or is a
    definite or possessive one, "The Podesta Group's CEO, Kimberley Fritts")."""
    parts = [p.strip() for p in source.split(",")]
    if len(parts) < 2 or not _describes(parts[0]):
        return []
    parts[1] = _MODIFIER.split(parts[1], maxsplit=1)[0]  # "David Woodard of Clemson"
    words = parts[1].split()
    if not words or not all(w[:1].isupper() for w in words):
        return []
    return [w for w in _words(parts[1]) if w not in TITLES]


def _describes(words: str) -> bool:
    """Whether the words before a source's comma describe someone rather than name them."""
    split = words.split()
    definite = split[:1] == ["The"] or any(w.endswith(("'s", "’s")) for w in split)
    return definite or any(w[:1].islower() for w in split)


def _names_match(predicted: str, source: str) -> bool:
    """Surname of the prediction is the gold head name's last word, and the other words agree."""
    said = [w for w in _words(predicted) if w not in TITLES and w not in PRONOUNS]
    for head in (_head_name(source), _appositive_name(source)):
        if said and head and said[-1] == head[-1]:
            return len(head) == 1 or set(said) <= set(_words(source))
    return False


def _description_match(predicted: str, source: str) -> bool:
    """A kept description ("the announcer") whose words all occur in the gold source."""
    if not re.search(r"\b[a-z]{3,}", predicted):
        return False  # a name, not a description: judged by the name rule only
    said = set(_words(predicted)) - {"the", "a", "an"} - PRONOUNS
    return bool(said) and (said <= set(_words(source)) or _same_role(predicted, source))


def _same_role(predicted: str, source: str) -> bool:
    """A definite role Source ("the aide") is the one an indefinite description with the same
    head noun introduced ("A Republican committee aide"): the description refers back."""
    gold, said = _words(source), _words(predicted)
    if len(gold) != 2 or gold[0] != "the" or not said or said[0] not in ("a", "an"):
        return False
    return _MODIFIER.split(predicted, maxsplit=1)[0].lower().split()[-1] == gold[1]


def speaker_right(predicted: str | None, gold: GoldQuote) -> bool:
    """Whether the predicted speaker is the gold one, by the rule in the module docstring."""
    if not predicted or gold.source is None:
        return False
    if _names_match(predicted, gold.source):
        return True
    if _description_match(predicted, gold.source):
        return True
    if gold.referent is None:
        return False
    return _names_match(predicted, gold.referent) or _description_match(predicted, gold.referent)


def _overlap(a: Sequence[tuple[int, int]], b: Sequence[tuple[int, int]]) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def _length(spans: Sequence[tuple[int, int]]) -> int:
    return sum(end - start for start, end in spans)


def content_spans(ann: Path) -> list[tuple[int, int]]:
    """Every gold Content span of an article, direct quote or reported speech."""
    spans, _ = read_ann(ann)
    return [span for kind, offsets in spans.values() if kind == "Content" for span in offsets]


def score_article(
    quotes: Sequence[Quote],
    gold: Sequence[GoldQuote],
    scores: Scores,
    contents: Sequence[tuple[int, int]] = (),
) -> None:
    """Add one article's predictions and gold quotes to ``scores``.

    ``contents`` are all gold Content spans, for the looser precision figure.
    """
    scores.gold += len(gold)
    scores.predicted += len(quotes)
    gold_spans = [s for g in gold for s in g.spans]
    for quote in quotes:
        in_content = 2 * _overlap(quote.spans, contents) >= _length(quote.spans)
        scores.attributed += in_content
        if 2 * _overlap(quote.spans, gold_spans) >= _length(quote.spans):
            scores.correct += 1
        elif in_content:
            scores.other_class += 1
            scores.errors["other-class quote"] += 1
        else:
            scores.errors["spurious quote"] += 1
            scores.examples.append(f"SPURIOUS {quote.text[:70]!r}")
    for item in gold:
        best = max(quotes, key=lambda q: _overlap(q.spans, item.spans), default=None)
        if best is None or 2 * _overlap(best.spans, item.spans) < _length(item.spans):
            scores.errors["missed quote"] += 1
            continue
        scores.found += 1
        verdict = scores.rules.setdefault(best.speaker_rule or "none", Counter())
        if speaker_right(best.speaker, item):
            scores.speaker_right += 1
            verdict["right"] += 1
        else:
            kind = "no speaker" if best.speaker is None else "wrong speaker"
            verdict["unknown" if best.speaker is None else "wrong"] += 1
            scores.errors[kind] += 1
            scores.examples.append(
                f"{kind.upper()} rule={best.speaker_rule} pred={best.speaker!r}"
                f" gold={item.source!r} ref={item.referent!r} cue={best.cue!r} {best.text[:60]!r}"
            )


def articles(split: str, limit: int | None) -> Iterator[tuple[str, str, Path]]:
    """(name, text, first .ann) of each annotated article of ``split``."""
    root = POLNEAR / split
    texts = sorted((root / "text").glob("*.txt"))[:limit]
    for path in texts:
        anns = sorted((root / "attributions").glob(f"{path.stem}_*.ann"))
        if anns:
            yield path.stem, path.read_text(encoding="utf-8"), anns[0]


def common_words(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) of capitalised words spaCy reads as no name (see ``_names_nobody``)."""
    return [(t.idx, t.idx + len(t)) for t in doc if t.text[:1].isupper() and _names_nobody(t)]


def _names_nobody(token: Token) -> bool:
    """A sentence-initial adjective or determiner ("Few"), or a group word used as such ("The
    Republican", "European leaders"); the tagger calls some surnames a group (NORP): a NORP
    word standing alone stays a name."""
    if token.pos_ in ("ADJ", "DET", "PRON", "ADV", "NUM", "ADP", "CCONJ", "SCONJ"):
        return token.ent_type_ in ("", "NORP")
    if token.ent_type_ != "NORP":
        return False
    return token.dep_ in ("amod", "compound") or any(c.dep_ == "det" for c in token.children)


def main_subject(entity: Span) -> bool:
    """A PERSON mention that is the subject of its sentence's main verb (or of one joined to
    it): "Chuck Todd was shocked", not "as Obama did" in a clause of another's sentence."""
    if entity.label_ != "PERSON" or entity.root.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = entity.root.head
    return verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")
