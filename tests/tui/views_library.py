"""A small analysed library for the view tests: the seeds, sourced articles, an undated one."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
UNDATED = """Troops gather at the border

Officials counted 4,500 soldiers near the border, up from about 3,000 a month earlier. Prices \
rose 40% and the contract was worth £1.2bn.

"We will not give up an inch of our land," defence minister Rustem Umerov said on Monday.

"Ukraine will hold the line," Volodymyr Zelenskyy said.
"""
SOURCED = [
    {
        "id": "gazette-1", "title": "Harbour jobs report", "date": "2024-11-05",
        "source": "Border Gazette", "url": "https://gazette.test/jobs",
        "text": "The port said it would create 1,200 jobs next year.\n\n"
        "\u201cThis is good news for the town,\u201d said Maria Lopez, the harbour master.",
    },
    {
        "id": "gazette-2", "title": "Harbour jobs cut", "date": "2024-12-09",
        "source": "Border Gazette", "url": "https://gazette.test/cuts",
        "text": "The port said it would cut 300 jobs after a weak year.\n\n"
        "\u201cWe did all we could,\u201d said Maria Lopez, the harbour master.",
    },
    {
        "id": "wire-1", "title": "Wire: ships counted", "date": "2024-12-10", "source": "Wire",
        "text": "Officials counted 150 ships in the harbour on Tuesday.\n\n"
        "\u201cTraffic is steady,\u201d Lopez said.",
    },
]  # fmt: skip


def build_views_library(root: Path) -> Path:
    """Index the sources under root with the real analysis; the library folder."""
    from newsreader.index.library import Library

    sources = root / "sources"
    sources.mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, sources / seed.name)
    (sources / "border.txt").write_text(UNDATED, encoding="utf-8")
    lines = "".join(json.dumps(record) + "\n" for record in SOURCED)
    (sources / "gazette.jsonl").write_text(lines, encoding="utf-8")
    folder = root / "library"
    with Library.open(folder) as library:
        report = library.ingest([sources])
    assert report.failed == 0, report.problems
    return folder
