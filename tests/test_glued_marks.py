"""Quote marks glued to the attribution beside them, as scraped copy often has them: the quote
keeps its speaker as it does with the space, and apostrophes stay inside their words."""

from __future__ import annotations

import pytest
from analysis_helpers import quotes_of
from spacy.language import Language

GLUED_AND_SPACED = [
    (
        "Officials met on Friday. Maria Lopez said,“We cannot keep the ferry running on hope.”",
        "Maria Lopez said, “We cannot keep the ferry running on hope.”",
        "Maria Lopez",
    ),
    (
        "“The harbour will reopen in spring,”said Tom Reyes, the port director.",
        "“The harbour will reopen in spring,” said Tom Reyes, the port director.",
        "Tom Reyes",
    ),
    (
        'The board met late. Anna Berg told the meeting:"Nothing has been signed yet."',
        'The board met late. Anna Berg told the meeting: "Nothing has been signed yet."',
        "Anna Berg",
    ),
    (
        'Costs rose again."We were never told," Paul Ortiz said.',
        'Costs rose again. "We were never told," Paul Ortiz said.',
        "Paul Ortiz",
    ),
]


@pytest.mark.parametrize(("glued", "spaced", "speaker"), GLUED_AND_SPACED)
def test_a_glued_mark_gives_the_speaker_the_space_gives(
    nlp: Language, glued: str, spaced: str, speaker: str
) -> None:
    with_space = quotes_of(nlp, spaced)
    without = quotes_of(nlp, glued)
    assert [q.speaker for q in with_space] == [speaker]
    assert [q.speaker for q in without] == [speaker]
    assert without[0].text == with_space[0].text


def test_marks_are_split_from_words_but_apostrophes_are_not(nlp: Language) -> None:
    doc = nlp.make_doc('He said,“Look”and left. Don’t ask O’Brien; Brazil"s output fell.')
    words = [token.text for token in doc]
    assert words[:8] == ["He", "said", ",", "“", "Look", "”", "and", "left"]
    assert "O’Brien" in words and 'Brazil"s' in words and "n’t" in words
