"""Per-document data a search reads by document number, built from the index's columns."""

from __future__ import annotations

from typing import Any

import numpy as np
from whoosh.reading import IndexReader

from .days import numeric_column
from .segment import deleted_docnums


def column(reader: IndexReader, name: str) -> Any:
    """ "id" maps id -> live docnum, "ids" docnum -> id; sort keys ("day", "rday") and "id_rank"
    are numpy arrays by docnum."""
    if name in ("day", "rday"):
        return numeric_column(reader, name)
    field = "id" if name in ("id_rank", "ids") else name
    values = list(reader.column_reader(field)) if reader.has_column(field) else []
    if name == "ids":
        return values
    if name == "id_rank":  # date ties go by id, as the record lists them (see browse)
        return np.argsort(np.argsort(np.array(values), kind="stable"))
    if name == "id":
        deleted = set(deleted_docnums(reader))
        return {v: d for d, v in enumerate(values) if d not in deleted}
    return np.array(values, dtype=np.int64)
