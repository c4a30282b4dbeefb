"""Where a library's bytes go: the SQLite record by table and index, the search index by part
and by kind of file (each Whoosh segment's sub-files, each tantivy file kind).

    .venv/bin/python bench/disk.py LIBRARY [LIBRARY...]

Beside the measured bytes, two figures computed from the record for comparison: the article
text it holds (title and body, UTF-8) and the positions a Whoosh index stores for them (4 bytes
for each term of a title or body: `FastPositions` writes them as raw uint32).
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import emit

from newsreader.index.search.marker import built_by
from newsreader.index.text.terms import stem_terms

MB = 1e6


def record_bytes(db: Path) -> dict[str, object]:
    """library.db's pages by table or index (SQLite's dbstat), and its article text."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        pages = conn.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name").fetchall()
        text, terms = 0, 0
        for title, body in conn.execute("SELECT title, text FROM articles"):
            text += len((title or "").encode()) + len((body or "").encode())
            terms += len(stem_terms(title or "")) + len(stem_terms(body or ""))
    by_name = {
        n: round(size / MB, 2) for n, size in sorted(pages, key=lambda p: -p[1]) if size > MB / 100
    }
    return {
        "file_mb": round(db.stat().st_size / MB, 2),
        "by_table_mb": by_name,
        "article_text_mb": round(text / MB, 2),
        "title_and_body_terms": terms,
    }


def whoosh_part(part: Path) -> dict[str, float]:
    """Bytes of one Whoosh index part by sub-file kind (.pst postings with their positions,
    .trm terms, .col columns: stored fields and lengths), summed over its segments."""
    from whoosh.filedb.compound import CompoundStorage
    from whoosh.filedb.filestore import FileStorage

    kinds: Counter[str] = Counter()
    storage = FileStorage(str(part))
    for path in part.iterdir():
        if path.suffix == ".seg":
            compound = CompoundStorage(storage.open_file(path.name))
            for name, entry in compound._dir.items():
                kinds[Path(name).suffix] += entry["length"]
            compound.close()
        else:
            kinds[path.suffix or path.name] += path.stat().st_size
    return {kind: round(size / MB, 2) for kind, size in kinds.most_common()}


def tantivy_part(part: Path) -> dict[str, float]:
    """Bytes of one tantivy index part by file kind (.idx doc ids and frequencies, .pos
    positions, .term terms, .store stored documents, .fast, .fieldnorm)."""
    kinds: Counter[str] = Counter()
    for path in part.iterdir():
        if path.is_file():
            kinds[path.suffix or path.name] += path.stat().st_size
    return {kind: round(size / MB, 2) for kind, size in kinds.most_common()}


def index_bytes(folder: Path) -> dict[str, object]:
    engine = built_by(folder)
    parts = {}
    for part in sorted(p for p in folder.iterdir() if p.is_dir()):
        parts[part.name] = (whoosh_part if engine == "whoosh" else tantivy_part)(part)
    total = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    return {"engine": engine, "total_mb": round(total / MB, 2), "parts_mb": parts}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("libraries", nargs="+", type=Path)
    args = parser.parse_args()
    found = {}
    for library in args.libraries:
        record = record_bytes(library / "library.db")
        record["whoosh_positions_mb"] = round(record["title_and_body_terms"] * 4 / MB, 2)
        found[str(library)] = {"record": record, "index": index_bytes(library / "index")}
        print(json.dumps(found[str(library)]), flush=True)
    emit("disk", {"libraries": found})


if __name__ == "__main__":
    main()
