"""A paragraph's first word starts a sentence, so the speaker rules read the next paragraph's
subject; a line break inside a paragraph starts none. And a sentence that opens with "Said"
names the speaker after it."""

from __future__ import annotations

from analysis_helpers import quotes_of
from spacy.language import Language


def sentence_starts(nlp: Language, text: str) -> list[str]:
    return [token.text for token in nlp(text) if token.is_sent_start]


def test_a_blank_line_after_a_closing_quote_starts_a_sentence(nlp: Language) -> None:
    text = (
        '"The pier will be finished on time and the ferry will run all winter, whatever the '
        'critics say."\n\nHarbour master Ines Duarte warned the pier was not as sound as the '
        "mayor claimed."
    )
    assert "Harbour" in sentence_starts(nlp, text)  # the parser alone ran the two together


def test_an_indented_line_starts_a_sentence_and_a_plain_line_break_none(nlp: Language) -> None:
    indented = 'The fund was cut, "twice," they said.\n    Officials met again on Monday.'
    assert "Officials" in sentence_starts(nlp, indented)
    assert sentence_starts(nlp, "The board said it would meet\nagain on Monday to vote.") == ["The"]


def test_a_sentence_opening_with_said_names_the_description_after_it(nlp: Language) -> None:
    text = (
        '"The downgrades were expected," a trader said.\n\n'
        '    Said another trader, "People talked about this for weeks before the announcement."'
    )
    assert [q.speaker for q in quotes_of(nlp, text)] == ["a trader", "another trader"]
