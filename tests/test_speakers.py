"""Attributing quotes to speakers with the real spaCy model."""

from __future__ import annotations

from pathlib import Path

import pytest
from analysis_helpers import quotes_of
from spacy.language import Language

from newsreader.index.analysis.entities.linking import own_name
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


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"We will reopen the bridge," said Ohio transit director Maria Lopez.', "Maria Lopez"),
        ('"The budget is fair," Senate aide Tom Reilly said on Friday.', "Tom Reilly"),
        (
            '"We will find the driver," Denver police Chief Paul Pazen said Monday. '
            '"Nobody is above the law."',
            "Paul Pazen",
        ),
    ],
)
def test_name_ending_a_title_is_the_speaker(nlp: Language, text: str, speaker: str) -> None:
    # The place or employer opening the title is no speaker; the split quote's attribution
    # sits between its parts.
    assert quotes_of(nlp, text)[0].speaker == speaker


def test_pronoun_skips_a_name_that_only_modifies_the_subject(nlp: Language) -> None:
    text = (
        "Obama spokeswoman Jennifer Friedman said the senator cannot defend his own record.\n\n"
        '"You could call it a stunt, but it is a dangerous one," she said.'
    )
    assert speaker_of(nlp, text, "You could call").speaker == "Jennifer Friedman"


def test_role_description_goes_to_the_person_so_titled(nlp: Language) -> None:
    text = (
        "President Emmanuel Macron spoke at the town hall.\n\n"
        "During the meeting, Louise Martin had a question for the president.\n\n"
        '"We will not raise the retirement age again," the president said.'
    )
    assert speaker_of(nlp, text, "We will not raise").speaker == "Emmanuel Macron"


def test_it_continues_a_speaker_that_is_no_person(nlp: Language) -> None:
    text = '"The plan is sound," the report said.\n\n"But the costs were never counted," it added.'
    assert speaker_of(nlp, text, "But the costs").speaker == "the report"


def test_description_subject_is_kept_as_written(nlp: Language) -> None:
    text = 'Over dinner, a neighbour commented: "For you, taxes are the only issue."'
    assert speaker_of(nlp, text, "For you").speaker == "a neighbour"


def test_writer_i_is_no_earlier_person(nlp: Language) -> None:
    text = (
        "My parents, Robert and Anne Keller, were teachers.\n\n"
        'When my mother mentioned it, I laughed and said, "I do not believe in ghosts."'
    )
    assert speaker_of(nlp, text, "I do not believe").speaker is None


def test_clause_of_time_is_no_attribution(nlp: Language) -> None:
    text = (
        'The spot ends with footage of Carl Berg saying, "That makes me smart," when '
        "Nina Holt criticized him."
    )
    assert speaker_of(nlp, text, "That makes me").speaker != "Nina Holt"


def test_quote_after_its_own_attribution_sentence_keeps_the_speaker(nlp: Language) -> None:
    text = (
        '"Our progress is on the ballot," Mr. Obama said at a dinner in Washington, where '
        'Mrs. Clinton also spoke. "Justice is on the ballot."\n'
    )
    assert speaker_of(nlp, text, "Justice is").speaker == "Obama"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('Experts doubt it. Said Ryan Ellis: "I do not see any interest in reform."', "Ellis"),
        ('With aides worried, Governor Tom Wolf is trying a new line: "It is about me."', "Wolf"),
        (
            'As Steven Rosenthal, a tax lawyer, put it, "Did he avoid the tax or evade it?"',
            "Rosenthal",
        ),
    ],
)
def test_colon_and_put_it_introductions(nlp: Language, text: str, speaker: str) -> None:
    found = quotes_of(nlp, text)[0].speaker
    assert found is not None and speaker in found


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('Mayor Anne Hidalgo: "We will not give up the river."', "Anne Hidalgo"),
        ('A lesson from Warren Buffett: "Be fearful when others are greedy."', "Warren Buffett"),
        (
            "Markets fell again.\n\n"
            'A lesson from Warren Buffett: "Be fearful when others are greedy."',
            "Warren Buffett",
        ),
    ],
)
def test_name_before_a_bare_colon_speaks(nlp: Language, text: str, speaker: str) -> None:
    quote = quotes_of(nlp, text)[0]
    assert quote.speaker == speaker
    assert quote.speaker_start is not None and quote.speaker_end is not None
    assert text[quote.speaker_start : quote.speaker_end] == speaker


@pytest.mark.parametrize(
    "text",
    [
        # The name is what the headline is about, not who speaks.
        'Council Chief On Pierre Dupont: "We Will Not Give Up The River."',
        # Not a name before the colon.
        'Here is the list of demands from the marchers: "Lower taxes now."',
    ],
)
def test_bare_colon_without_a_speaking_name(nlp: Language, text: str) -> None:
    assert quotes_of(nlp, text)[0].speaker is None


def test_signature_ending_a_paragraph_with_astray_marks(nlp: Language) -> None:
    text = "“I would rather live in what he calls “hell” than live under him.” ― Ana Ruiz"
    assert quotes_of(nlp, text)[0].speaker == "Ana Ruiz"


def test_known_first_name_decides_gender_over_pronouns_about_others(nlp: Language) -> None:
    # Every "she" after Dunn's name is about the judge; "Mark" still makes Dunn a man.
    text = (
        "Mark Dunn praised Judge Alice Reyes, saying she was fair and she was wise. "
        "Dunn said she had served her county well and she had earned her rest. "
        "Dunn added that she would be missed and that she had taught him much.\n\n"
        "Reyes retired in May.\n\n"
        '"We will not see her like again," he said.'
    )
    quote = speaker_of(nlp, text, "We will not see")
    assert quote.speaker == "Mark Dunn"


def test_untagged_full_name_keeps_its_own_first_name() -> None:
    known = {("rakeyia", "brennan"): "Rakeyia Brennan", ("chris", "christie"): "Chris Christie"}
    assert own_name("Keith Brennan", known) == "Keith Brennan"
    assert own_name("Governor Chris Christie", known) == "Chris Christie"
    assert own_name("Mr. Brennan", known) is None  # a lone surname goes by the surname
    assert own_name("Paul Ryan", known) is None


def test_pronoun_prefers_a_nearer_person_of_known_gender_to_an_unknown_subject(
    nlp: Language,
) -> None:
    text = (
        "Families would pay more under the plan, said Okafor.\n\n"
        "The plan has drawn sharp attacks from Hillary Clinton.\n\n"
        '"This plan helps nobody but the rich," she said.'
    )
    quote = speaker_of(nlp, text, "This plan helps")
    assert quote.speaker == "Hillary Clinton"


def test_person_named_right_before_a_participle_cue_speaks(nlp: Language) -> None:
    text = 'The new ad shows footage of Maria Gonzalez asking, "Why are we still waiting?"'
    assert quotes_of(nlp, text)[0].speaker == "Maria Gonzalez"


def test_object_of_a_participle_cue_is_not_its_speaker(nlp: Language) -> None:
    text = (
        "Senator Ellen Park answered the posts on Friday.\n\n"
        'She said the posts accusing Maria Reyes of fraud were "lies and smears."\n\n'
        'She tweeted: "This has to stop. It is dangerous for the county."'
    )
    first, second = quotes_of(nlp, text)
    assert first.speaker != "Maria Reyes"
    assert second.speaker == "Ellen Park"


def test_name_before_a_colon_speaks_when_its_lead_in_is_parsed_as_the_quotes_subject(
    nlp: Language,
) -> None:
    # The parser makes "lesson" the subject of the quote's "Be": that subject names nobody.
    text = "A lesson from Loretta Lynch: 'Be the voice that people hear.'\n\nShe spoke on Friday."
    assert quotes_of(nlp, text)[0].speaker == "Loretta Lynch"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            'Protesters marching through the streets chanted "What curfew?" until 2 a.m.',
            "Protesters",
        ),
        ('Critics said, "The program has become plagued by fraud."', "Critics"),
    ],
)
def test_bare_plural_crowd_noun_is_kept_as_the_speaker(
    nlp: Language, text: str, speaker: str
) -> None:
    quote = quotes_of(nlp, text)[0]
    assert quote.speaker == speaker
    assert quote.speaker_start is not None and quote.speaker_end is not None
    assert text[quote.speaker_start : quote.speaker_end] == speaker


def test_bare_plural_thing_is_still_no_speaker(nlp: Language) -> None:
    text = '"Turnout will fall sharply this year," estimates suggest.'
    [quote] = quotes_of(nlp, text)
    assert quote.speaker is None


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ('"Jeb wants to be a tough guy tonight," Donald Trump shot back. "Let me talk."', "shot"),
        ('Donald Trump fired back, "Jeb wants to be a tough guy tonight."', "fired"),
        ('"Go back to your seat," Donald Trump barked at the reporter.', "barked"),
    ],
)
def test_retort_verbs_attribute_the_quote(nlp: Language, text: str, cue: str) -> None:
    quote = quotes_of(nlp, text)[0]
    assert quote.speaker == "Donald Trump"
    assert quote.cue == cue


def test_shooting_without_back_is_no_speech_cue(nlp: Language) -> None:
    text = '"We heard it from the street," Officer Dan Moss shot the suspect twice.'
    assert quotes_of(nlp, text)[0].cue != "shot"


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ('"The ferry will run all winter," Maria Lopez echoed on Monday.', "echoed"),
        ('"Nobody reads those reports," Maria Lopez scoffed.', "scoffed"),
        ('"I never agreed to that," Maria Lopez blurted out.', "blurted"),
        ('"The harbour is safe," Maria Lopez assured the fishermen.', "assured"),
    ],
)
def test_less_common_speech_verbs_attribute_the_quote(nlp: Language, text: str, cue: str) -> None:
    quote = quotes_of(nlp, text)[0]
    assert quote.speaker == "Maria Lopez"
    assert (quote.cue, quote.speaker_rule) == (cue, "tail-clause")
