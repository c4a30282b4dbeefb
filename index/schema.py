"""Whoosh schemas of the three search indexes and the documents that fill them.

The article index holds one document per article; quotes and claims get indexes of their own
(sibling folders) so that their many small records do not skew the article index's BM25 length
statistics and article searches need no ``kind`` filter.

Text is analysed by one fused tokenizer (lowercase, stop words, Porter stems) instead of Whoosh's
four chained generators: indexing spends most of its time there, and the fused form is about three
times faster while producing exactly the same terms.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import struct
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from whoosh.analysis import LowercaseFilter, RegexTokenizer, Token, Tokenizer
from whoosh.analysis.filters import STOP_WORDS
from whoosh.columns import NumericColumn
from whoosh.fields import COLUMN, DATETIME, ID, NUMERIC, STORED, TEXT, Schema
from whoosh.formats import Positions
from whoosh.lang.porter import stem

from newsreader.index.models import Analysis, Article, Claim, Quote

WORD_PATTERN = re.compile(r"\w+(?:\.?\w+)*")
UNDATED_ASC = 99_999_999  # sorts undated articles after every real yyyymmdd
ENTITY_FIELDS = ("person", "org", "place", "entity", "speaker")
_PLACE_KINDS = frozenset({"place"})
_STEMS: dict[str, str] = {}


def stem_word(word: str) -> str:
    """The Porter stem of a lowercase word, memoised (news vocabularies are small)."""
    found = _STEMS.get(word)
    if found is None:
        found = _STEMS[word] = stem(word)
    return found


def stem_terms(text: str) -> list[str]:
    """Index terms of ``text`` in order: lowercase words, minus stop words, stemmed."""
    stops = STOP_WORDS
    out = []
    for word in WORD_PATTERN.findall(text.lower()):
        if len(word) >= 2 and word not in stops:
            out.append(stem_word(word))
    return out


class StemTokenizer(Tokenizer):
    """Whoosh tokenizer equal to RegexTokenizer | LowercaseFilter | StopFilter | StemFilter."""

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        """Yield one reused Token per kept word (Whoosh's tokenizer protocol)."""
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        pos = start_pos
        for match in WORD_PATTERN.finditer(value):
            word = match.group(0).lower()
            if len(word) < 2 or word in STOP_WORDS:
                continue  # stop words take no position, as with StopFilter(renumber=True)
            token.text = stem_word(word)
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = match.group(0)
            if positions:
                token.pos = pos
            if chars:
                token.startchar = start_char + match.start()
                token.endchar = start_char + match.end()
            pos += 1
            yield token

    def term_positions(self, value: str) -> dict[str, list[int]]:
        """Each term's positions in ``value``: the indexing fast path, without Token objects."""
        found: dict[str, list[int]] = defaultdict(list)
        for pos, term in enumerate(stem_terms(value)):
            found[term].append(pos)
        return found


class FastPositions(Positions):
    """Positions stored as raw little-endian uint32 arrays instead of pickled delta lists.

    Whoosh can still read them (the decode methods below), and phrase matching can decode the
    positions of thousands of postings with one ``numpy.frombuffer`` (see docsets).
    """

    def word_values(self, value: Any, analyzer: Any, **kwargs: Any) -> Iterator[tuple]:
        """(term, frequency, weight, encoded positions) for each distinct term."""
        if not isinstance(analyzer, StemTokenizer) or not isinstance(value, str):
            yield from super().word_values(value, analyzer, **kwargs)
            return
        boost = self.field_boost
        for term, poses in analyzer.term_positions(value).items():
            yield (term, len(poses), len(poses) * boost, self.encode(poses))

    def encode(self, poslist: list[int]) -> bytes:
        """Positions as uint32 little-endian bytes."""
        return struct.pack(f"<{len(poslist)}I", *poslist)

    def decode_positions(self, valuestring: bytes) -> list[int]:
        """The positions of one posting."""
        return list(struct.unpack(f"<{len(valuestring) // 4}I", valuestring))

    def decode_frequency(self, valuestring: bytes) -> int:
        """How many times the term occurs in the document."""
        return len(valuestring) // 4

    def decode_weight(self, valuestring: bytes) -> float:
        """Frequency times the field boost, as Whoosh's Positions format reports it."""
        return self.decode_frequency(valuestring) * self.field_boost


STEM = StemTokenizer()
WORDS = RegexTokenizer(WORD_PATTERN.pattern) | LowercaseFilter()


def stem_text(boost: float = 1.0, stored: bool = True) -> TEXT:
    """A stemmed, phrase-searchable TEXT field using the fast indexing path."""
    field = TEXT(analyzer=STEM, stored=stored, field_boost=boost)
    field.format = FastPositions(field_boost=boost)
    return field


def word_text(stored: bool = True) -> TEXT:
    """A lowercase, unstemmed TEXT field: any word of a name matches."""
    return TEXT(analyzer=WORDS, stored=stored)


def article_schema() -> Schema:
    """Schema of the article index (see ``index_document``)."""
    return Schema(
        id=ID(unique=True, stored=True, sortable=True),
        title=stem_text(boost=2.0),
        body=stem_text(),
        date=DATETIME(stored=True),
        day=COLUMN(NumericColumn("I", default=UNDATED_ASC)),  # sort keys only, never searched
        rday=COLUMN(NumericColumn("I", default=UNDATED_ASC)),
        source=word_text(),
        category=word_text(),
        path=STORED(),
        person=word_text(stored=False),
        org=word_text(stored=False),
        place=word_text(stored=False),
        entity=word_text(stored=False),
        speaker=word_text(stored=False),
    )


def quote_schema() -> Schema:
    """Schema of the quote index: one document per quote."""
    return Schema(
        id=ID(unique=True, stored=True),
        article=ID(stored=True),
        text=stem_text(stored=False),
        speaker=word_text(stored=False),
        title=STORED(),
        date=STORED(),
        record=STORED(),
    )


def claim_schema() -> Schema:
    """Schema of the claim index: one document per numeric claim."""
    return Schema(
        id=ID(unique=True, stored=True),
        article=ID(stored=True),
        text=stem_text(stored=False),
        value=NUMERIC(float, stored=True),
        unit=word_text(stored=False),
        hedge=word_text(stored=False),
        title=STORED(),
        date=STORED(),
        record=STORED(),
    )


def day_key(date: dt.date | None) -> int:
    """yyyymmdd as an int, for sorting by date; undated sorts last."""
    return UNDATED_ASC if date is None else date.year * 10000 + date.month * 100 + date.day


def _as_datetime(date: dt.date | None) -> dt.datetime | None:
    if date is None:
        return None
    return dt.datetime(date.year, date.month, date.day)


def _names(analysis: Analysis, kinds: frozenset[str] | None) -> str:
    names = {e.canonical for e in analysis.entities if kinds is None or e.kind in kinds}
    return "\n".join(sorted(n for n in names if n))


def index_document(article: Article, analysis: Analysis | None) -> dict[str, Any]:
    """The article index document: searchable text, stored metadata and entity name fields."""
    day = day_key(article.date)
    doc: dict[str, Any] = {
        "id": article.id,
        "title": article.title or "",
        "body": article.text or "",
        "day": day,
        "rday": UNDATED_ASC if article.date is None else UNDATED_ASC - day,  # newest first
        "source": article.source or "",
        "category": article.category or "",
        "path": article.path,
    }
    when = _as_datetime(article.date)
    if when is not None:
        doc["date"] = when
    if analysis is not None:
        doc.update(_entity_fields(analysis))
    return {k: v for k, v in doc.items() if v != "" or k in ("title", "body")}


def _entity_fields(analysis: Analysis) -> dict[str, str]:
    speakers = {q.speaker for q in analysis.quotes if q.speaker}
    return {
        "person": _names(analysis, frozenset({"person"})),
        "org": _names(analysis, frozenset({"org"})),
        "place": _names(analysis, _PLACE_KINDS),
        "entity": _names(analysis, None),
        "speaker": "\n".join(sorted(speakers)),
    }


def quote_documents(article: Article, analysis: Analysis) -> list[dict[str, Any]]:
    """One quote-index document per quote of the article."""
    return [
        {
            "id": f"{article.id}#q{quote.start}-{quote.end}",
            "article": article.id,
            "text": quote.text,
            "speaker": quote.speaker or "",
            "title": article.title,
            "date": article.date,
            "record": dataclasses.astuple(quote),
        }
        for quote in analysis.quotes
    ]


def claim_documents(article: Article, analysis: Analysis) -> list[dict[str, Any]]:
    """One claim-index document per numeric claim of the article (its sentence is searchable)."""
    docs = []
    for claim in analysis.claims:
        doc: dict[str, Any] = {
            "id": f"{article.id}#c{claim.start}-{claim.end}",
            "article": article.id,
            "text": f"{claim.text}\n{claim.sentence}",
            "unit": claim.unit or "",
            "hedge": claim.hedge or "",
            "title": article.title,
            "date": article.date,
            "record": dataclasses.astuple(claim),
        }
        if claim.value is not None:
            doc["value"] = float(claim.value)
        docs.append(doc)
    return docs


def quote_from_record(record: tuple) -> Quote:
    """Rebuild a Quote from its stored tuple."""
    fields = list(record)
    fields[3] = tuple(tuple(span) for span in fields[3])  # spans
    return Quote(*fields)


def claim_from_record(record: tuple) -> Claim:
    """Rebuild a Claim from its stored tuple."""
    return Claim(*record)
