"""Turn an article's plain text into styled Rich Text blocks: paragraphs, subheadings, highlights.

Article text is data, never markup: everything here builds `rich.text.Text` objects with spans,
so `[bold]` or escape sequences in an article are shown literally (control characters are
replaced, one character for one, so annotation offsets stay valid).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text

from newsreader.index.models import Analysis, Claim, Entity
from newsreader.index.text.safe import safe_text

# Every style pairs a colour with an attribute so that layers stay apart in 16 colours and
# under NO_COLOR, where only the attributes survive.
KIND_STYLES: dict[str, Style] = {
    "person": Style(color="cyan", bold=True),
    "org": Style(color="green", underline=True),
    "place": Style(color="blue", italic=True),
    "date": Style(color="magenta", italic=True, bold=True),
    "other": Style(color="yellow", underline=True, italic=True),
}
CLAIM_STYLE = Style(color="red", bold=True, underline=True)
# Reversed: the colour becomes the background, and reverse alone survives NO_COLOR.
TERM_STYLE = Style(color="yellow", reverse=True, bold=True)
CURRENT_STYLE = Style(color="magenta", reverse=True, bold=True, underline=True)
QUOTE_MARK_STYLE = Style(color="cyan", reverse=True, italic=True)

LAYERS = ("terms", "entities", "claims")
LEGEND_LABELS = {
    "person": "person",
    "org": "organisation",
    "place": "place",
    "date": "date",
    "other": "other",
}

_FINAL_PUNCTUATION = tuple(".!?:;,\"'”’»)]…")
_HEADING_MAX = 80


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph or subheading of the article: [start, end) in the article text."""

    start: int
    end: int
    heading: bool = False


def one_line(text: str) -> str:
    """A name or title for one line: safe_text with every run of whitespace one space."""
    return " ".join(safe_text(text).split())


def entity_kind(entity: Entity) -> str:
    """The display group of an entity: one of person, org, place, date, other."""
    return entity.kind if entity.kind in KIND_STYLES else "other"


def blocks(text: str) -> list[Block]:
    """Split the text into paragraphs at blank lines; short unpunctuated lines are headings."""
    found: list[Block] = []
    for match in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text):
        chunk = match.group()
        if not chunk.strip():
            continue
        found.append(Block(match.start(), match.end()))
    return [_classify(block, text, index, len(found)) for index, block in enumerate(found)]


def _classify(block: Block, text: str, index: int, count: int) -> Block:
    """Mark a block as a heading: one short line, no final punctuation, not the first or last."""
    chunk = text[block.start : block.end].strip()
    is_heading = (
        0 < index < count - 1
        and "\n" not in chunk
        and len(chunk) <= _HEADING_MAX
        and not chunk.endswith(_FINAL_PUNCTUATION)
        and chunk[:1].isupper()
    )
    return Block(block.start, block.end, heading=is_heading)


def term_spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """(start, end) of each whole-word, case-insensitive occurrence of any term, in order."""
    words = sorted({t.strip() for t in terms if t.strip()}, key=len, reverse=True)
    if not words:
        return []
    pattern = re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")\w*", re.IGNORECASE
    )
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


@dataclass(frozen=True, slots=True)
class Layers:
    """Which highlight layers are on, and what to mark specially."""

    terms: bool = True
    entities: bool = True
    claims: bool = True
    current: tuple[int, int] | None = None  # the search hit `n`/`N` moved to
    quote: tuple[tuple[int, int], ...] = ()  # spans of the quote selected in the panel


@dataclass(frozen=True, slots=True)
class SpanIndex:
    """Styled spans sorted by start, to find those touching a range without scanning them all."""

    starts: Sequence[int]
    spans: Sequence[tuple[int, int, Style]]
    longest: int

    @classmethod
    def of(cls, spans: Iterable[tuple[int, int, Style]]) -> SpanIndex:
        ordered = sorted(spans, key=lambda span: span[0])  # stable: equal starts keep their order
        longest = max((end - start for start, end, _ in ordered), default=0)
        return cls([start for start, _, _ in ordered], ordered, longest)

    def touching(self, start: int, end: int) -> Iterable[tuple[int, int, Style]]:
        """The spans overlapping [start, end), in order of their start."""
        index = bisect_left(self.starts, start - self.longest)
        while index < len(self.spans) and self.spans[index][0] < end:
            if self.spans[index][1] > start:
                yield self.spans[index]
            index += 1


@dataclass(frozen=True, slots=True)
class Marks:
    """An article's annotations and search hits, indexed for styling any part of the text."""

    entities: SpanIndex
    claims: SpanIndex
    hits: SpanIndex

    @classmethod
    def of(cls, analysis: Analysis, hits: Sequence[tuple[int, int]]) -> Marks:
        return cls(
            SpanIndex.of((e.start, e.end, KIND_STYLES[entity_kind(e)]) for e in analysis.entities),
            SpanIndex.of((c.start, c.end, CLAIM_STYLE) for c in analysis.claims),
            SpanIndex.of((start, end, TERM_STYLE) for start, end in hits),
        )


def styled_block(
    text: str,
    block: Block,
    analysis: Analysis,
    hits: Sequence[tuple[int, int]],
    layers: Layers,
) -> Text:
    """The block as Rich Text with every enabled layer applied, later layers on top."""
    return styled_range(text, block, Marks.of(analysis, hits), layers)


def styled_range(text: str, block: Block, marks: Marks, layers: Layers) -> Text:
    """[block.start, block.end) of the text as Rich Text with every enabled layer applied.

    The range may be a part of a paragraph (the reader styles only what it draws).
    """
    start, end = block.start, block.end
    out = Text(safe_text(text[start:end]), style=Style(bold=True) if block.heading else "")
    enabled = (
        (layers.entities, marks.entities.touching(start, end)),
        (layers.claims, marks.claims.touching(start, end)),
        (True, ((lo, hi, QUOTE_MARK_STYLE) for lo, hi in layers.quote)),
        (layers.terms, marks.hits.touching(start, end)),
        (layers.current is not None, ((*(layers.current or (0, 0)), CURRENT_STYLE),)),
    )
    for on, spans in enabled:
        if on:
            for span_start, span_end, style in spans:
                _add(out, start, end, span_start, span_end, style)
    return out


def _add(out: Text, start: int, end: int, span_start: int, span_end: int, style: Style) -> None:
    """Style the part of [span_start, span_end) that falls inside the block [start, end)."""
    lo, hi = max(start, span_start), min(end, span_end)
    if lo < hi:
        out.stylize(style, lo - start, hi - start)


def legend(layers: Layers, analysis: Analysis) -> Text:
    """One line naming each enabled layer in its own style, with the key that toggles it."""
    parts: list[Text] = []
    if layers.entities:
        present = {entity_kind(e) for e in analysis.entities}
        for kind, label in LEGEND_LABELS.items():
            if kind in present:
                parts.append(Text(label, style=KIND_STYLES[kind]))
    if layers.claims and analysis.claims:
        parts.append(Text("number", style=CLAIM_STYLE))
    if layers.terms:
        parts.append(Text("match", style=TERM_STYLE))
    return Text(" ").join(parts) if parts else Text("no highlights", style="dim")


def claim_label(claim: Claim) -> str:
    """A claim as a one-line label: its text, hedge and unit where known."""
    extra = " ".join(part for part in (claim.hedge, claim.unit) if part)
    return f"{claim.text} ({extra})" if extra else claim.text
