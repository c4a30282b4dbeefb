"""Hard-wrapped wire copy: a quote folded over several lines is one quote, and its speaker on
the next line is found; every offset still slices the file as stored."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import json_lines, run

from newsreader.index.analysis.wrapping import unwrap

# The quote's first line ends in spaces, as some wire copy leaves them before its breaks.
WIRE = """WASHINGTON, March 3 - The trade talks will resume next week,
officials said on Tuesday, after two days of meetings that
ended without an agreement on farm subsidies or on tariffs.
    "We made progress on most of the questions that divided us,
but the hardest ones are still open," Deputy Trade Representative
Margaret Hollis told reporters after the meeting in the capital.
    She said the two sides would meet again in Geneva in April.
""".replace("us,\n", "us,   \n")

HEADLINES = """Top stories this morning
Harbour Reopens After Storm Damage Is Repaired In Record Time
Council Votes To Keep The Night Ferry Running For Another Year
Fishermen Welcome The New Quota Agreement Signed In Brussels
"""


def test_a_folded_paragraph_reads_as_one_line_of_the_same_length() -> None:
    flat = unwrap(WIRE)
    assert len(flat) == len(WIRE)
    assert "meetings that ended" in flat and "us,    but the hardest" in flat
    assert '\n    "We made' in flat  # the indented line starts a paragraph still


def test_short_lines_that_are_no_folded_paragraph_stay_as_they_are() -> None:
    assert unwrap(HEADLINES) == HEADLINES
    assert unwrap("One line.\nAnother line.\n") == "One line.\nAnother line.\n"


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.slow
def test_a_quote_folded_over_lines_is_found_whole_with_its_speaker(tmp_path: Path) -> None:
    path = tmp_path / "wire.txt"
    path.write_text(WIRE, encoding="utf-8")
    done = run("analyze", str(path), "--json", library=tmp_path / "unused")
    assert done.returncode == 0, done.stderr
    row = json_lines(done.stdout)[0]
    [quote] = row["quotes"]
    assert quote["speaker"] == "Margaret Hollis"
    assert quote["text"].startswith("We made progress") and quote["text"].endswith("still open,")
    for start, end in quote["spans"]:
        assert _words(WIRE[start:end]) in _words(quote["text"])
    for entity in row["entities"]:
        assert WIRE[entity["start"] : entity["end"]] == entity["text"]
    for claim in row["claims"]:
        assert WIRE[claim["start"] : claim["end"]] == claim["text"]
