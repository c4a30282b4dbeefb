"""A body or a place beside a person is not the speaker (issue 14, found on BBC and Reuters
news): the role holder named after a role, the person a paper quotes, a spokeswoman the article
introduced, and a role named by its place."""

from __future__ import annotations

import pytest
from analysis_helpers import quotes_of
from spacy.language import Language

from newsreader.index.models import Quote

pytestmark = pytest.mark.usefixtures("nlp")


def speaker_of(nlp: Language, text: str, start: str) -> str | None:
    quote: Quote = next(q for q in quotes_of(nlp, text) if q.text.startswith(start))
    return quote.speaker


def test_the_name_after_a_role_speaks_not_the_employer(nlp: Language) -> None:
    text = (
        'Factory orders fell for a third month. "Manufacturers are cutting back on '
        'investment," said EEF chief economist, Steve Radley.'
    )
    assert speaker_of(nlp, text, "Manufacturers") == "Steve Radley"


def test_a_paper_quoting_someone_is_not_the_speaker(nlp: Language) -> None:
    text = (
        "The copper price rose on Tuesday.\n\n"
        '"We expect supply to stay tight all year," the Financial Times quoted Anna Berg as '
        'saying. "Stocks are low," AP quoted trader Tom Hall as saying.'
    )
    assert speaker_of(nlp, text, "We expect") == "Anna Berg"
    assert speaker_of(nlp, text, "Stocks are low") == "Tom Hall"


def test_the_spokeswoman_is_the_one_the_article_introduced(nlp: Language) -> None:
    text = (
        "Acme Corp said on Monday it would close two plants. An Acme spokeswoman said the "
        "company had no choice.\n\n"
        '"Demand has collapsed in Europe," the spokeswoman said.'
    )
    assert speaker_of(nlp, text, "Demand") == "An Acme spokeswoman"


def test_a_spokeswoman_of_a_body_is_a_person_of_it_not_the_body(nlp: Language) -> None:
    text = '"The talks will resume next week," an Acme spokeswoman said on Friday.'
    assert speaker_of(nlp, text, "The talks") == "an Acme spokeswoman"


def test_a_role_named_by_its_place_is_the_person_just_named(nlp: Language) -> None:
    text = (
        "Senator Ted Cruz spoke to reporters in Houston on Monday.\n\n"
        '"We will not back down," the Texas senator said.'
    )
    assert speaker_of(nlp, text, "We will not") == "Ted Cruz"


def test_a_gendered_role_skips_a_person_of_the_other_gender(nlp: Language) -> None:
    text = (
        "Mark Ellis, a property developer, met voters in Ohio on Monday. Susan Moore, the "
        "governor, said she would answer him at the debate.\n\n"
        '"She has no plan for the factories," the Ohio businessman said.'
    )
    assert speaker_of(nlp, text, "She has no plan") == "Mark Ellis"


def test_she_after_a_described_spokeswoman_is_her(nlp: Language) -> None:
    text = (
        'Acme expects to grow abroad, an Acme spokeswoman said. "We are looking at Asia," '
        'the spokeswoman said.\n\nShe denied reports of a sale. "We are not selling," she said.'
    )
    assert speaker_of(nlp, text, "We are not selling") == "an Acme spokeswoman"


def test_a_senior_official_with_a_capital_is_still_an_official(nlp: Language) -> None:
    text = (
        "The talks begin tomorrow in Tokyo.\n\n"
        '"It would take five minutes to list them," a senior U.S. Official replied.'
    )
    assert speaker_of(nlp, text, "It would take") == "a senior U.S. Official"


def test_a_name_after_a_role_is_a_person_whatever_the_model_says(nlp: Language) -> None:
    text = (
        "Liberal Democrat shadow chancellor Vince Cable warned the picture was not as rosy as "
        'Mr Brown would like. "His record is very mixed," he said.'
    )
    assert speaker_of(nlp, text, "His record") == "Vince Cable"


def test_a_name_between_commas_before_the_verb_speaks(nlp: Language) -> None:
    text = (
        "Responding to the speech, shadow chief secretary to the Treasury, George Osborne, "
        'said: "This was more talk from Gordon Brown."'
    )
    assert speaker_of(nlp, text, "This was more talk") == "George Osborne"


def test_according_to_after_the_quote_names_the_source(nlp: Language) -> None:
    text = (
        '"Prices will rise," according to analyst Tom Hall of the Acme Bank. '
        '"They will fall," according to a senior banker.'
    )
    assert speaker_of(nlp, text, "Prices will rise") == "Tom Hall"
    assert speaker_of(nlp, text, "They will fall") == "a senior banker"


def test_a_report_after_a_full_stop_opens_the_next_sentence(nlp: Language) -> None:
    text = (
        'Mark Ellis spoke after the match. "We lost the game," Ellis said. "We will play '
        'better on Tuesday." Tom Hall said he was unsure what went wrong.'
    )
    assert speaker_of(nlp, text, "We will play better") == "Mark Ellis"


def test_an_apposition_without_its_closing_comma_still_ends_at_the_verb(nlp: Language) -> None:
    text = (
        "The trade show opens on Thursday.\n\n"
        '"It is all about digital," Tom Hall, from the Consumer Technology Association (CTA) '
        "told reporters."
    )
    assert speaker_of(nlp, text, "It is all about") == "Tom Hall"


def test_the_first_half_of_a_hyphenated_word_is_no_person(nlp: Language) -> None:
    text = (
        "Vice-chancellors reacted with fury this week to threats by the education secretary, "
        'Mark Ellis, to dock their bonuses. "They will pay," he said.'
    )
    assert speaker_of(nlp, text, "They will pay") == "Mark Ellis"


def test_a_quote_opening_the_next_paragraph_goes_on_despite_a_remark(nlp: Language) -> None:
    text = (
        '"We tried to predict the outcome," explains Dr. Anna Berg.\n\n'
        '"We used a trick from earlier studies to do it." This trick was a simple model.\n\n'
        "'Circuit breaker' plan - the council vs the mayor"
    )
    assert speaker_of(nlp, text, "We used a trick") == "Anna Berg"
    assert speaker_of(nlp, text, "Circuit breaker") is None
