"""The Whoosh schema of the article index and the documents that fill it: one per article.
How text is tokenised and stored is in ``textindex``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from whoosh.columns import NumericColumn
from whoosh.fields import COLUMN, DATETIME, ID, STORED, TEXT, Schema

from ...models import Analysis, Article
from .textindex import STEM, WORDS, FastPositions

UNDATED_ASC = 99_999_999  # sorts undated articles after every real yyyymmdd
_PLACE_KINDS = frozenset({"place"})


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
