"""The speaker cascade as data: every quote records the rule that named its speaker, and the
record keeps it (a library written before the field existed still opens)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from analysis_helpers import quotes_of
from spacy.language import Language
from spacy.tokens import Doc

from newsreader.index.analysis.entities.mentions import find_entities
from newsreader.index.analysis.quotes.rules import RULES
from newsreader.index.analysis.quotes.spans import find_quotes
from newsreader.index.library import Library

pytestmark = pytest.mark.usefixtures("nlp")


@pytest.mark.parametrize(
    ("text", "starting", "rule"),
    [
        ('"The harbour will reopen," Maria Lopez said on Monday.', "The harbour", "tail-clause"),
        ("“Nobody listens to the fishermen.” ― Carla Sanchez", "Nobody", "dash-signature"),
        (
            '"It is over," Maria Lopez said on Monday at the meeting where Juan Diaz also spoke.'
            ' "We go home."',
            "We go home",
            "after-own-attribution",
        ),
        (
            'Maria Lopez told the council on Monday: "The harbour must reopen soon."',
            "The harbour",
            "cue-in-sentence",
        ),
        (
            '"The harbour will reopen," Maria Lopez said on Monday.\n\n'
            '"The boats have waited long enough for this."',
            "The boats",
            "continues-previous",
        ),
        (
            'Maria Lopez went on:\n\n"The boats have waited long enough."',
            "The boats",
            "colon-introduction",
        ),
    ],
)
def test_each_quote_records_the_rule_that_named_its_speaker(
    nlp: Language, text: str, starting: str, rule: str
) -> None:
    quote = next(q for q in quotes_of(nlp, text) if q.text.startswith(starting))
    assert quote.speaker_rule == rule
    assert quote.speaker is not None and quote.speaker.split()[-1] in ("Lopez", "Sanchez")


def test_a_quote_nobody_said_records_no_rule(nlp: Language) -> None:
    [quote] = quotes_of(nlp, 'The sign on the door: "Closed until further notice".')
    assert (quote.speaker, quote.speaker_rule) == (None, None)


def test_leaving_a_rule_out_lets_the_next_one_answer(nlp: Language) -> None:
    text = '"The harbour will reopen," Maria Lopez said on Monday.'
    doc: Doc = nlp(text)
    without_tail = [r for r in RULES if r.id != "tail-clause"]
    [quote] = find_quotes(doc, find_entities(doc), without_tail)
    assert quote.speaker_rule == "cue-in-sentence"
    assert quote.speaker is not None and quote.speaker.split()[-1] in ("Lopez", "Sanchez")


def _indexed(tmp_path: Path) -> tuple[Path, str]:
    news = tmp_path / "news.jsonl"
    body = '"The harbour will reopen," Maria Lopez said on Monday at the council meeting.'
    news.write_text(json.dumps({"title": "Harbour", "text": body}) + "\n", encoding="utf-8")
    with Library.open(tmp_path / "lib") as library:
        assert library.ingest([news]).added == 1
        [found] = library.views.quotes(speaker="lopez")
        return tmp_path / "lib", found.article.id


def test_the_library_keeps_each_quotes_rule(tmp_path: Path) -> None:
    folder, article_id = _indexed(tmp_path)
    with Library.open(folder) as library:
        [quote] = library.analysis(article_id).quotes
        [row] = library.views.quotes(speaker="lopez")
    assert quote.speaker_rule == "tail-clause"
    assert row.quote.speaker_rule == "tail-clause"


def test_quotes_stored_before_the_rule_was_recorded_still_open(tmp_path: Path) -> None:
    folder, article_id = _indexed(tmp_path)
    with sqlite3.connect(folder / "library.db") as conn:
        [(data,)] = conn.execute("SELECT analysis FROM articles").fetchall()
        raw = json.loads(data)
        raw["q"] = [row[:9] for row in raw["q"]]  # the rows as written before speaker_rule
        conn.execute("UPDATE articles SET analysis = ?", (json.dumps(raw),))
    with Library.open(folder) as library:
        [quote] = library.analysis(article_id).quotes
    assert quote.speaker is not None and quote.speaker.split()[-1] in ("Lopez", "Sanchez")
    assert quote.speaker_rule is None
