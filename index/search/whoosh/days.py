"""Dates searched through the day column: a date span is a comparison over one array.

Whoosh finds a date range by expanding its numeric trie into dozens of terms, each looked up in
the term file and its postings read (the slowest queries of the benchmark set at 21k articles,
and it grows with the library). Every article document also carries its day as a yyyymmdd
column (``schema.index_document`` writes both from the one date), so a span is the documents
whose day lies between two integers: one comparison over the column, read once per segment.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
from whoosh import query as wq
from whoosh.columns import NumericColumn
from whoosh.reading import IndexReader

from .schema import UNDATED_ASC, day_key

DAY_COLUMN = "day"
_ENDIAN_TYPES = {"i": ">i4", "I": ">u4", "q": ">i8", "Q": ">u8", "h": ">i2", "H": ">u2"}


class DaySpan(wq.DateRange):
    """Articles dated from ``start`` to ``end`` (days, both included; None is open-ended).

    Still a Whoosh DateRange over midnights, so Whoosh's own searcher finds the same documents;
    `docsets` evaluates it from the day column instead (`span_mask`).
    """

    def __init__(self, start: dt.date | None, end: dt.date | None) -> None:
        super().__init__("date", _midnight(start), _midnight(end))
        self.first_day = 0 if start is None else day_key(start)
        self.last_day = UNDATED_ASC - 1 if end is None else day_key(end)


def span_mask(span: DaySpan, days: np.ndarray) -> np.ndarray:
    """Which documents of a segment (``days``: their day keys) the span holds; undated never."""
    return (days >= span.first_day) & (days <= span.last_day)


def numeric_column(reader: IndexReader, field: str) -> np.ndarray:
    """A numeric column's value for every document of the reader, as int64.

    Read whole from its file per segment rather than one document at a time (105,000 Python
    reads at 105k articles, on the first search after every commit).
    """
    if not reader.doc_count_all():  # an empty index's reader has no leaves
        return np.zeros(0, dtype=np.int64)
    parts = [_segment_values(leaf, field) for leaf, _offset in reader.leaf_readers()]
    return np.concatenate(parts)


def _segment_values(reader: IndexReader, field: str) -> np.ndarray:
    size = reader.doc_count_all()
    column = reader.column_reader(field, translate=False)
    raw = _raw_numbers(column)
    if raw is None:  # another kind of column (or one this version cannot read whole)
        return np.array(list(column), dtype=np.int64)
    values = np.full(size, column._default, dtype=np.int64)
    count = min(len(raw), size)
    values[:count] = raw[:count]
    return values


def _raw_numbers(column: Any) -> np.ndarray | None:
    """The stored numbers of a Whoosh NumericColumn reader (big-endian, fixed width), or None
    when the reader is of another kind; documents past them hold the column's default."""
    if not isinstance(column, NumericColumn.Reader) or column._reverse:
        return None
    dtype = _ENDIAN_TYPES.get(column._typecode)
    if dtype is None or np.dtype(dtype).itemsize != column._fixedlen:
        return None
    if not column._count:
        return np.zeros(0, dtype=np.int64)
    data = column._dbfile.get(column._basepos, column._count * column._fixedlen)
    return np.frombuffer(data, dtype=dtype).astype(np.int64)


def _midnight(day: dt.date | None) -> dt.datetime | None:
    return None if day is None else dt.datetime(day.year, day.month, day.day)
