"""Compact JSON for the records stored in SQLite (analysis, metadata, dates)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping

from ..models import Analysis, Claim, Entity, Quote

# The keys of an encoded analysis: `stats` counts the rows under each inside SQLite.
ENTITIES, CLAIMS, QUOTES = "e", "c", "q"


def encode_analysis(analysis: Analysis) -> str:
    """One JSON document; rows are positional to keep 20,000 articles' annotations small."""
    return json.dumps(
        {
            ENTITIES: [
                [e.text, e.label, e.start, e.end, e.canonical, e.kind] for e in analysis.entities
            ],
            CLAIMS: [
                [c.text, c.start, c.end, c.value, c.low, c.high, c.hedge, c.unit, c.sentence]
                for c in analysis.claims
            ],
            QUOTES: [
                [
                    q.text,
                    q.start,
                    q.end,
                    [list(span) for span in q.spans],
                    q.speaker,
                    q.speaker_start,
                    q.speaker_end,
                    q.cue,
                    q.partial,
                    q.speaker_rule,
                ]
                for q in analysis.quotes
            ],
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def decode_analysis(data: str | None) -> Analysis:
    """The inverse of `encode_analysis`; an empty Analysis for a missing one.

    Rows are positional and fields are only ever added at their end, so a row written before a
    field existed decodes with that field's default (a quote stored before ``speaker_rule``).
    """
    if not data:
        return Analysis()
    raw = json.loads(data)
    return Analysis(
        entities=tuple(Entity(*row) for row in raw.get(ENTITIES, ())),
        claims=tuple(Claim(*row) for row in raw.get(CLAIMS, ())),
        quotes=tuple(quote_from_row(row) for row in raw.get(QUOTES, ())),
    )


def quote_from_row(row: list) -> Quote:
    """One stored quote row (see `encode_analysis`) as a Quote."""
    return Quote(row[0], row[1], row[2], tuple(tuple(s) for s in row[3]), *row[4:])


def encode_metadata(metadata: Mapping[str, object]) -> str:
    """Unknown source keys, kept as JSON; values that JSON cannot hold become strings."""
    return json.dumps(dict(metadata), ensure_ascii=False, default=str)


def decode_metadata(data: str | None) -> dict[str, object]:
    return json.loads(data) if data else {}


def encode_date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def decode_date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None
