"""The tantivy schema of the article index and the documents filling it: one per article.

Text reaches tantivy already analysed (`add_pre_tokenized_text`): the terms, and their positions,
are those of ``text.terms``, the tokenizer and stemmer the Whoosh index, the query language and
the snippets share, so a query's stems are the stems this index holds and phrases match where
they match in Whoosh (stop words take no position). Name fields (source, category, entities)
hold lowercase words as Whoosh's word fields do.

Dates are kept three ways: ``day`` (yyyymmdd, only for dated articles) for date ranges, and the
sort keys ``asc`` and ``desc`` that put undated articles last in either direction. ``idnum`` is
the article id read as a number (ids are 16 hex digits), a fast field: ordering ties and the ids
of many hits come from it without reading a stored document; 0 for an id of another form.
"""

from __future__ import annotations

import datetime as dt
import re

import tantivy

from ...models import Analysis, Article
from ...text.terms import MIN_WORD, STOP_WORDS, WORD_PATTERN, stem_word

UNDATED = 99_999_999  # sorts undated articles after every real yyyymmdd
_HEX_ID = re.compile(r"[0-9a-f]{16}")
NAME_FIELDS = ("person", "org", "place", "entity", "speaker")


def article_schema() -> tantivy.Schema:
    """Schema of the article index (see `article_document`)."""
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_unsigned_field("idnum", fast=True)
    for name in ("title", "body", "source", "category"):
        builder.add_text_field(name, stored=True)
    for name in NAME_FIELDS:
        builder.add_text_field(name)
    builder.add_integer_field("day", stored=True, indexed=True, fast=True)
    builder.add_unsigned_field("asc", fast=True)
    builder.add_unsigned_field("desc", fast=True)
    builder.add_text_field("path", stored=True, tokenizer_name="raw", index_option="basic")
    return builder.build()


def id_number(article_id: str) -> int:
    """The id as a number when it is 16 hex digits (as content ids are), else 0."""
    return int(article_id, 16) if _HEX_ID.fullmatch(article_id) else 0


def id_text(number: int) -> str:
    """The id a nonzero `id_number` was made from."""
    return f"{number:016x}"


def day_key(date: dt.date | None) -> int | None:
    return None if date is None else date.year * 10000 + date.month * 100 + date.day


def day_of(key: int | None) -> dt.date | None:
    return None if key is None else dt.date(key // 10000, key // 100 % 100, key % 100)


def _stems(text: str) -> tantivy.PreTokenizedString:
    """Stems of ``text`` at consecutive positions, each with its characters in ``text``."""
    tokens, position = [], 0
    for match in WORD_PATTERN.finditer(text):
        word = match.group(0).lower()
        if len(word) < MIN_WORD or word in STOP_WORDS:
            continue
        tokens.append(tantivy.Token(stem_word(word), position, match.start(), match.end()))
        position += 1
    return tantivy.PreTokenizedString(text, tokens)


def _words(text: str) -> tantivy.PreTokenizedString:
    """Lowercase words of ``text`` (a name field), every word kept."""
    tokens = [
        tantivy.Token(m.group(0).lower(), i, m.start(), m.end())
        for i, m in enumerate(WORD_PATTERN.finditer(text))
    ]
    return tantivy.PreTokenizedString(text, tokens)


def article_document(article: Article, analysis: Analysis | None) -> tantivy.Document:
    """The article index document: stems of title and body, name words, dates and id keys."""
    doc = tantivy.Document()
    doc.add_text("id", article.id)
    doc.add_unsigned("idnum", id_number(article.id))
    doc.add_pre_tokenized_text("title", _stems(article.title or ""))
    doc.add_pre_tokenized_text("body", _stems(article.text or ""))
    for name in ("source", "category"):
        if value := getattr(article, name):
            doc.add_pre_tokenized_text(name, _words(value))
    day = day_key(article.date)
    if day is not None:
        doc.add_integer("day", day)
    doc.add_unsigned("asc", UNDATED if day is None else day)
    doc.add_unsigned("desc", UNDATED if day is None else UNDATED - day)
    if article.path:
        doc.add_text("path", article.path)
    for name, value in _names(analysis).items():
        if value:
            doc.add_pre_tokenized_text(name, _words(value))
    return doc


def _names(analysis: Analysis | None) -> dict[str, str]:
    """Each name field's names, one a line (Whoosh's index holds the same)."""
    if analysis is None:
        return {}
    kinds = {"person": {"person"}, "org": {"org"}, "place": {"place"}, "entity": None}
    found = {
        field: "\n".join(sorted({e.canonical for e in analysis.entities
                                 if e.canonical and (want is None or e.kind in want)}))
        for field, want in kinds.items()
    }  # fmt: skip
    found["speaker"] = "\n".join(sorted({q.speaker for q in analysis.quotes if q.speaker}))
    return found
