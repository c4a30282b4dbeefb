"""Speakers named by a role or a description rather than a name (issue 14: classes found on
BBC, Reuters and web pages): "the spokeswoman", "a senior official", "Sir Menzies", a body beside
its officer, each as a short text of its own; the quotes that start with the given words and the
speakers they must get."""

from __future__ import annotations

import pytest
from analysis_helpers import speakers_of
from spacy.language import Language

from newsreader.index.analysis.quotes.described import described_role

pytestmark = pytest.mark.usefixtures("nlp")

CASES = [
    pytest.param(
        (
            'Factory orders fell for a third month. "Manufacturers are cutting back '
            'on investment," said EEF chief economist, Steve Radley.'
        ),
        [("Manufacturers", "Steve Radley")],
        id="the_name_after_a_role_speaks_not_the_employer",
    ),
    pytest.param(
        (
            "Acme Corp said on Monday it would close two plants. An Acme "
            'spokeswoman said the company had no choice.\n\n"Demand has collapsed '
            'in Europe," the spokeswoman said.'
        ),
        [("Demand", "An Acme spokeswoman")],
        id="the_spokeswoman_is_the_one_the_article_introduced",
    ),
    pytest.param(
        ('"The talks will resume next week," an Acme spokeswoman said on Friday.'),
        [("The talks", "an Acme spokeswoman")],
        id="a_spokeswoman_of_a_body_is_a_person_of_it_not_the_body",
    ),
    pytest.param(
        (
            'Senator Ted Cruz spoke to reporters in Houston on Monday.\n\n"We will '
            'not back down," the Texas senator said.'
        ),
        [("We will not", "Ted Cruz")],
        id="a_role_named_by_its_place_is_the_person_just_named",
    ),
    pytest.param(
        (
            "Mark Ellis, a property developer, met voters in Ohio on Monday. Susan "
            'Moore, the governor, said she would answer him at the debate.\n\n"She '
            'has no plan for the factories," the Ohio businessman said.'
        ),
        [("She has no plan", "Mark Ellis")],
        id="a_gendered_role_skips_a_person_of_the_other_gender",
    ),
    pytest.param(
        (
            'Acme expects to grow abroad, an Acme spokeswoman said. "We are looking '
            'at Asia," the spokeswoman said.\n\nShe denied reports of a sale. "We '
            'are not selling," she said.'
        ),
        [("We are not selling", "an Acme spokeswoman")],
        id="she_after_a_described_spokeswoman_is_her",
    ),
    pytest.param(
        (
            'The talks begin tomorrow in Tokyo.\n\n"It would take five minutes to '
            'list them," a senior U.S. Official replied.'
        ),
        [("It would take", "a senior U.S. Official")],
        id="a_senior_official_with_a_capital_is_still_an_official",
    ),
    pytest.param(
        (
            "Liberal Democrat shadow chancellor Vince Cable warned the picture was "
            'not as rosy as Mr Brown would like. "His record is very mixed," he '
            "said."
        ),
        [("His record", "Vince Cable")],
        id="a_name_after_a_role_is_a_person_whatever_the_model_says",
    ),
    pytest.param(
        (
            '"Prices will rise," according to analyst Tom Hall of the Acme Bank. '
            '"They will fall," according to a senior banker.'
        ),
        [("Prices will rise", "Tom Hall"), ("They will fall", "a senior banker")],
        id="according_to_after_the_quote_names_the_source",
    ),
    pytest.param(
        (
            'The Texas company said "we will cut jobs in the spring". The Chinese '
            'ministry said "we will respond firmly to the move".'
        ),
        [("we will cut", "The Texas company"), ("we will respond", "The Chinese ministry")],
        id="a_place_before_a_common_noun_describes_the_speaker",
    ),
    pytest.param(
        (
            "Cabinet Secretary Sir Peter Marsh opened the inquiry on Tuesday. Sir Peter "
            'said "the public deserves answers" and promised a report by June.'
        ),
        [("the public", "Peter Marsh")],
        id="sir_and_a_given_name_is_the_knight_named_before",
    ),
    pytest.param(
        (
            "Director of the Centre for Coastal Studies, Professor Helen Marwick, said "
            'the surveys had been delayed. She said: "We have lost a whole season of '
            'measurements."'
        ),
        [("We have lost", "Helen Marwick")],
        id="a_role_renamed_between_commas_is_the_name_not_the_role",
    ),
    pytest.param(
        (
            "Mark Fields, the chief executive, spoke first. A Volvo spokeswoman would not "
            "say whether talks had stalled. She pointed to the company's earlier statement.\n\n"
            '"Nothing has changed since then," she said.'
        ),
        [("Nothing has changed", "A Volvo spokeswoman")],
        id="she_goes_back_to_the_described_spokeswoman_through_her_own_sentences",
    ),
    pytest.param(
        (
            '"Steel prices will fall by the spring," visiting President of Union Steel '
            'Mary Dunn said on Monday.\n\n"Demand is weak," Chairman of Acme Holdings Peter '
            "Lowe said."
        ),
        [("Steel prices", "Mary Dunn"), ("Demand is weak", "Peter Lowe")],
        id="a_title_of_a_body_before_the_name_is_no_speaker",
    ),
    pytest.param(
        (
            'Brokers said "sale and leaseback" deals were rare this year. The Acme '
            'Gold brand and the "Silver Line" logo will stay, Mr Hart said. Ms Cole '
            'warned of a "very worrying" trend.'
        ),
        [("sale and leaseback", None), ("Silver Line", None), ("very worrying", "Cole")],
        id="a_quoted_name_or_term_before_its_noun_is_nobodys_words",
    ),
    pytest.param(
        (
            "TORONTO, March 6 - Lakeshore Gold Inc said on Friday it had found "
            '"very rich" copper zones near the old pit.'
        ),
        [("very rich", "Lakeshore Gold Inc")],
        id="a_description_after_a_dateline_leaves_its_dash_out",
    ),
    pytest.param(
        'Even a senior party official said the plan was "a mess".',
        [("a mess", "a senior party official")],
        id="a_description_leaves_a_leading_adverb_out",
    ),
    pytest.param(
        (
            '"A big step has been taken," said Bank of Nagoya Ltd senior economist Ken Ota. '
            '"Prices will rise," said John Smith of Baker and Co.'
        ),
        [("A big step", "Ken Ota"), ("Prices will rise", "John Smith")],
        id="a_body_named_with_of_before_a_title_is_not_the_person_after_it",
    ),
    pytest.param(
        (
            "A spokesman for Unison, Britain's biggest union, said after the meeting: "
            '"At least we are still talking." An aide to a senior farm-state senator said '
            'the bill was "dead for this year".\n\n"We saw people running," said a reporter '
            "for Agence France-Presse."
        ),
        [
            ("At least", "A spokesman for Unison"),
            ("dead for", "An aide to a senior farm-state senator"),
            ("We saw", "a reporter for Agence France-Presse"),
        ],
        id="a_description_keeps_whom_the_person_works_for",
    ),
    pytest.param(
        (
            'A Department for Transport source said: "Every day on the road counts." Jake '
            'Hale met the committee on Monday. "The person in question is a key witness," '
            "the source said."
        ),
        [("Every day", "A Department for Transport source"), ("The person", "the source")],
        id="a_source_is_a_person_of_the_body_and_never_one_named_before",
    ),
    pytest.param(
        (
            'Club president Jose Luis Astiazaran added: "We thought about it." Real Madrid '
            "director of sport Emilio Butragueno praised the fans for their conduct. "
            '"I would like to highlight the behaviour of the fans," he said.'
        ),
        [("I would like", "Emilio Butragueno")],
        id="a_name_ending_a_title_of_is_its_sentences_subject",
    ),
    pytest.param(
        'A grain dealer at one member co-op said the futures arm "was a convenience".',
        [("was a convenience", "A grain dealer at one member co-op")],
        id="a_description_keeps_a_hyphenated_word_whole",
    ),
    pytest.param(
        (
            "A company spokesman said talks would resume. Pedro Ruiz, the finance minister, "
            "approved the plan on Monday. The spokesman said the meeting would be held in New "
            'York.\n\n"The banks want to know where they stand," he said.'
        ),
        [("The banks", "A company spokesman")],
        id="he_after_the_spokesman_said_is_the_spokesman",
    ),
    pytest.param(
        '"We have a solid foundation," said Nortel president and chief executive Bill Owens.',
        [("We have", "Bill Owens")],
        id="and_joins_two_roles_of_one_title",
    ),
    pytest.param(
        'The Scottish Executive said it would be "most unusual" to sign approval.',
        [("most unusual", "The Scottish Executive")],
        id="a_body_named_by_its_nation_is_the_body",
    ),
    pytest.param(
        (
            "Patricia Hale will speak on Sunday. She is worried that too many children play "
            'games with "high levels of violence".\n\nDubbed "le cost killer" for his cuts, '
            'Carlos Ghosn reduced costs by a fifth. Paul Newman starred in "The Color of '
            'Money" in 1986.'
        ),
        [("high levels", "Patricia Hale"), ("le cost killer", None), ("The Color", None)],
        id="a_phrase_quoted_in_a_persons_sentence_is_theirs_a_name_is_nobodys",
    ),
    pytest.param(
        (
            "The SNP's Nicola Sturgeon has demanded to know who signed off the leave. The "
            'Scottish Executive said ministers would be told but it would "not be common '
            'practice" to sign approval.'
        ),
        [("not be common", "The Scottish Executive")],
        id="whom_a_passive_tell_addresses_is_no_speaker_nor_is_a_bodys_name_a_role",
    ),
    pytest.param(
        (
            "Mr Ota keeps a strict routine of copying out sutras. Between tasks, this "
            'remarkably active senior citizen reveals what his next goal is: "Well, what is '
            'most important for me is to be number one."'
        ),
        [("Well, what", "Mr Ota")],
        id="a_demonstrative_description_is_the_person_just_named",
    ),
    pytest.param(
        '"With 20 percent of the vote, you lose," said Texas-based Republican strategist Al Ruiz.',
        [("With 20 percent", "Al Ruiz")],
        id="a_hyphenated_word_is_part_of_the_title_before_the_name",
    ),
    pytest.param(
        '"I do not see how it would change our plans," said Pentagon spokesman Navy Capt. Jo Dean.',
        [("I do not see", "Jo Dean")],
        id="an_abbreviated_title_with_its_dot_is_part_of_the_name",
    ),
    pytest.param(
        (
            'Barbara Hale said the so-called "Blair Babes" had changed politics. The firm, '
            'dubbed "the cost killer" for its cuts, grew. A pest known as "wereng" spread.'
        ),
        [("Blair Babes", None), ("the cost killer", None), ("wereng", None)],
        id="a_term_the_writer_names_so_called_or_known_as_is_nobodys",
    ),
    pytest.param(
        (
            "Later, the prime minister's official spokesman urged people to put the comments "
            "into context. Massoud Shah, of the commission, disagreed. The minister had meant "
            'well, the spokesman said.\n\n"It is not aimed at a particular community," he added.'
        ),
        [("It is not aimed", "the prime minister's official spokesman")],
        id="the_spokesman_is_the_one_a_possessive_description_introduced",
    ),
    pytest.param(
        (
            "The minister, Jane Ross, defended the plan on Monday. She said the rules were "
            'fair.\n\nThe department spokeswoman said the decision had been taken "by '
            'independent officials alone".'
        ),
        [("by independent", "The department spokeswoman")],
        id="a_spokeswoman_nobody_was_called_before_is_not_the_minister_named",
    ),
    pytest.param(
        (
            'The prizes began in 1998. "The entries get stronger every year," said festival '
            "founder and director Mark Ellery. Asked about the jury, he added: "
            '"They had a hard time."'
        ),
        [("The entries", "Mark Ellery"), ("They had", "Mark Ellery")],
        id="a_name_after_two_roles_joined_by_and_is_the_speaker",
    ),
    pytest.param(
        (
            "Ken Doyle, who runs the exchange, said trade was slow.\n\n"
            'A cattle dealer at one market said the new fees "are a nuisance."\n\n'
            '"We will pass them on to buyers," he said.'
        ),
        [("We will pass", "A cattle dealer at one market")],
        id="a_pronoun_after_a_trade_described_speaker_is_that_person",
    ),
    pytest.param(
        (
            "Energy Minister Juan Soto visited the mines on Monday.\n\n"
            "One mining sector official told Reuters that output was steady.\n\n"
            '"Nothing in the policy will change," said the official.'
        ),
        [("Nothing in the policy", "One mining sector official")],
        id="the_official_is_the_one_one_official_introduced",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_speaker(nlp: Language, text: str, expected: list[tuple[str, str | None]]) -> None:
    found = speakers_of(nlp, text, [start for start, _ in expected])
    assert found == [speaker for _, speaker in expected]


@pytest.mark.parametrize(
    ("description", "role"),
    [
        ("A spokesman for Airbus", "spokesman"),
        ("an aide to a senior farm-state senator", "aide"),
        ("a Benetton spokeswoman", "spokeswoman"),
        ("Acme Corp", None),
    ],
)
def test_the_role_of_a_description_stops_at_whose_it_is(description: str, role: str | None) -> None:
    assert described_role(description) == role
