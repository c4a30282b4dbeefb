"""Hostile payloads in every field a reader shows: escape sequences, C1 controls and markup.

Each terminal payload carries a marker ("PWN...") so a test can tell the data's sequences from
the app's own: the app never writes a payload's introducer followed by its marker.
"""

from __future__ import annotations

import json
from pathlib import Path

OSC_TITLE = "\x1b]2;PWNTITLE\x07"
OSC_LINK = "\x1b]8;;https://evil.test/PWNLINK\x1b\\click\x1b]8;;\x1b\\"
OSC_CLIPBOARD = "\x1b]52;c;UFdOQ0xJUA==\x07"
OSC_ST = "\x1b]2;PWNST\x1b\\"  # an OSC ended by ESC \ rather than BEL
CLEAR = "\x1b[2JPWNCLEAR"
C1_CSI = "\x9b2JPWNCONE"
BELL = "\x07PWNBELL"
BIDI = "\u2066\u202ePWNBIDI\u202c\u2069"  # an isolate and an override: the line reads backwards
TERMINAL = (OSC_TITLE, OSC_LINK, OSC_CLIPBOARD, OSC_ST, CLEAR, C1_CSI, BELL, BIDI)
# What the app must never write: each payload's control introducer with the data after it.
FORBIDDEN = (
    "\x1b]2;PWN",
    "\x1b]8;;https://evil",
    "\x1b]52;c;UFdO",
    "\x1b[2JPWN",
    "\x9b",
    "\x07PWN",
    "\u202e",
    "\u2066",
)
MARKUP = ("[@click=app.quit]quit[/]", "[link=https://evil.test]x[/link]", "[a=b=c]", "[sic]")
EVERYTHING = "".join(TERMINAL) + " " + " ".join(MARKUP)
URL = "https://news.test/story?q=[a=b=c]&note=[sic]"
# Tags the library accepts today, and names only a library written before names were cleaned
# (or refused) holds: those are put straight into its record, as that older version left them.
TAGS = ("[@click=app.quit]", "[sic]", "[a=b=c]")
RAW_TAGS = ("PWNtag\x1b]2;PWNTAGTITLE\x07", "c1\x9b2JPWNTAG")
SAVED = (("[@click=app.quit]saved", 'date:"[a=b=c]"'), ("sic", "harbour [sic]"))
RAW_SAVED = (
    ("PWNsaved\x1b]52;c;UFdOU0FWRUQ=\x07", "harbour"),
    ("clear\x1b[2JPWNSAVED", "harbour \x1b]2;PWNQUERY\x07"),
)


def hostile_articles() -> list[dict[str, object]]:
    """Articles with a payload in title, text, source, url, category and metadata."""
    articles = []
    for index, payload in enumerate((*TERMINAL, *MARKUP, EVERYTHING)):
        articles.append(
            {
                "id": f"hostile-{index}",
                "title": f"Harbour {payload} report {index}",
                "text": (
                    f"The harbour {payload} authority counted {100 + index} ships, it was "
                    f"[sic] wrong.\n\n\u201cTraffic is steady {payload},\u201d said Maria "
                    "Lopez, the harbour master."
                ),
                "date": f"2024-03-{index + 1:02}",
                "source": f"Source {payload}",
                "url": URL if index == 0 else f"https://news.test/{index}/{payload}",
                "category": f"cat {payload}",
                "desk": f"meta {payload}",
            }
        )
    return articles


def write_feed(folder: Path) -> Path:
    """The hostile articles as a JSON Lines file in folder."""
    feed = folder / "hostile.jsonl"
    lines = (json.dumps(a, ensure_ascii=False) for a in hostile_articles())
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return feed


def build(folder: Path) -> Path:
    """A library of the hostile articles, tagged and with saved searches holding payloads."""
    from newsreader.index.library import Library

    sources = folder / "sources"
    sources.mkdir(parents=True)
    path = folder / "library"
    library = Library.open(path)
    try:
        report = library.ingest([write_feed(sources)])
        assert report.failed == 0, report.problems
        stored = [hit.id for hit in library.search("harbour", limit=100).hits]
        assert len(stored) == len(hostile_articles())
        for tag in TAGS:
            library.add_tag(stored, tag)
        for name, query in SAVED:
            library.save_search(name, query)
    finally:
        library.close()
    _store_raw_names(path / "library.db", stored)
    return path


def _store_raw_names(database: Path, ids: list[str]) -> None:
    """Tags and saved searches with escape sequences, as an older version stored them."""
    import sqlite3

    with sqlite3.connect(database) as conn:
        conn.executemany(
            "INSERT INTO tags (article_id, tag) VALUES (?, ?)",
            [(article_id, tag) for article_id in ids for tag in RAW_TAGS],
        )
        conn.executemany("INSERT INTO saved_searches (name, query) VALUES (?, ?)", RAW_SAVED)
    conn.close()
