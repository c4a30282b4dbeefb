"""Attributing quotes to speakers with the real spaCy model."""

from __future__ import annotations

from pathlib import Path

import pytest
from analysis_helpers import quotes_of
from spacy.language import Language

from newsreader.index.models import Quote

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def speaker_of(nlp: Language, text: str, starting: str) -> Quote:
    return next(q for q in quotes_of(nlp, text) if q.text.startswith(starting))


def seed(name: str) -> str:
    return next(SEEDS.glob(f"{name}_*.txt")).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        ('"We will win the vote," Angela Merkel said on Monday.', "Merkel", "said"),
        ('"We will win the vote," said Angela Merkel on Monday.', "Merkel", "said"),
        ('Angela Merkel told reporters: "We will win the vote."', "Merkel", "told"),
        ('Angela Merkel warned, "We will win the vote."', "Merkel", "warned"),
        ('"We will win the vote," according to Angela Merkel.', "Merkel", "according"),
        ('"We will win the vote," Angela Merkel added.', "Merkel", "added"),
    ],
)
def test_in_sentence_attributions(nlp: Language, text: str, speaker: str, cue: str) -> None:
    quote = quotes_of(nlp, text)[0]
    assert quote.speaker is not None and speaker in quote.speaker
    assert quote.cue == cue
    assert quote.speaker_start is not None and quote.speaker_end is not None
    assert speaker in text[quote.speaker_start : quote.speaker_end]


def test_pronoun_resolves_to_latest_agreeing_person(nlp: Language) -> None:
    text = (
        "Chancellor Angela Merkel met Emmanuel Macron in Berlin on Tuesday.\n\n"
        "Mr. Macron praised the talks.\n\n"
        '"This is a good day for Europe," he said.'
    )
    quote = speaker_of(nlp, text, "This is a good day")
    assert quote.speaker is not None and "Macron" in quote.speaker
    assert text[quote.speaker_start : quote.speaker_end] == "he"


def test_split_quote_keeps_both_spans_and_one_speaker(nlp: Language) -> None:
    text = '"We are ready," Emmanuel Macron said, "and we will not wait."'
    [quote] = quotes_of(nlp, text)
    assert len(quote.spans) == 2
    assert quote.speaker is not None and "Macron" in quote.speaker


def test_floating_quote_continues_previous_speaker(nlp: Language) -> None:
    text = (
        '"The economy is strong," Janet Yellen said on Friday.\n\n'
        '"We expect growth to continue next year and the year after."'
    )
    quote = speaker_of(nlp, text, "We expect growth")
    assert quote.speaker is not None and "Yellen" in quote.speaker


def test_colon_introduction_in_previous_paragraph(nlp: Language) -> None:
    text = 'Janet Yellen went on:\n\n"Growth will continue next year."'
    quote = speaker_of(nlp, text, "Growth will")
    assert quote.speaker is not None and "Yellen" in quote.speaker


def test_signature_after_a_dash(nlp: Language) -> None:
    text = "“He cannot answer a question without scaring people.” ― Esther Tapia"
    [quote] = quotes_of(nlp, text)
    assert quote.speaker is not None and "Tapia" in quote.speaker


def test_organisation_keeps_its_own_name(nlp: Language) -> None:
    text = seed("004")
    quote = speaker_of(nlp, text, "We will continue to exchange information")
    assert quote.speaker is not None and "National Security Council" in quote.speaker
    assert quote.cue == "said"


def test_unknown_speaker_stays_none(nlp: Language) -> None:
    text = 'The sign on the door read only "Closed for the season".'
    assert all(q.speaker is None for q in quotes_of(nlp, text))


def test_seed_000_speakers(nlp: Language) -> None:
    text = seed("000")
    guillemet = speaker_of(nlp, text, "In addition to the first captured")
    assert guillemet.speaker is not None and "Zelensky" in guillemet.speaker
    declared = speaker_of(nlp, text, "Ukraine is willing to hand over")
    assert declared.speaker is not None and "Zelensky" in declared.speaker
    assert declared.cue == "declared"
    assert text[declared.speaker_start : declared.speaker_end] == "he"
    unclosed = speaker_of(nlp, text, "for those who Express")
    assert unclosed.speaker is not None and "Zelensky" in unclosed.speaker
    for start in ("The deployment of North Korean", "includes approximately 300 dead"):
        quote = speaker_of(nlp, text, start)
        assert quote.speaker is not None and "Lee Seong-kweun" in quote.speaker
        assert quote.cue == "told"


def test_clause_after_the_quote_across_a_paragraph_the_parser_joins(nlp: Language) -> None:
    # The parser runs these paragraphs into one sentence; the clause is read from the words.
    text = (
        "The unions are worried about the campaign.\n\n"
        "''Anyone who talks about dividing people is a threat to the country,'' said Richard L."
        " Trumka, president of the A.F.L.-C.I.O.\n\n"
        "“We were tremendously wrong to not have confronted him from the beginning,” Ramos, 58,"
        " told AFP in an interview in Mexico City on Monday.\n"
    )
    assert speaker_of(nlp, text, "Anyone").speaker == "Richard L. Trumka"
    found = speaker_of(nlp, text, "We were")
    assert (found.speaker, found.cue) == ("Ramos", "told")


def test_description_with_a_name_in_apposition(nlp: Language) -> None:
    text = (
        '"That would have been the fairer thing to do," the White House press secretary, '
        "Josh Earnest, said on Tuesday.\n"
    )
    assert speaker_of(nlp, text, "That would").speaker == "Josh Earnest"


def test_pronoun_continues_the_previous_speaker(nlp: Language) -> None:
    # Clinton is mentioned in between, but as no main subject: "she" is still Sarandon.
    text = (
        "“That’s a legitimate concern,” Susan Sarandon told MSNBC on Monday.\n\n"
        "Asked about her vote in the event that Hillary Clinton faces Donald Trump, she"
        " replied: “I don’t know. I’m going to see what happens.”\n"
    )
    assert speaker_of(nlp, text, "I don’t know").speaker == "Susan Sarandon"


def test_later_quote_of_the_same_paragraph_keeps_its_speaker(nlp: Language) -> None:
    text = (
        "''It's nonsense,'' Mr. Trump said by telephone on NBC's ''Meet the Press.'' ''She lies"
        " like crazy about everything, and everybody knows that.''\n"
    )
    assert speaker_of(nlp, text, "She lies").speaker == "Trump"
