"""A body or a place beside a person is not the speaker, and the other speaker classes found on
news the rules were not tuned on (issue 14: BBC, Reuters and web pages), each as a short text of
its own: the quotes that start with the given words and the speakers they must get."""

from __future__ import annotations

import pytest
from analysis_helpers import quotes_of
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
            'The copper price rose on Tuesday.\n\n"We expect supply to stay tight '
            'all year," the Financial Times quoted Anna Berg as saying. "Stocks are '
            'low," AP quoted trader Tom Hall as saying.'
        ),
        [("We expect", "Anna Berg"), ("Stocks are low", "Tom Hall")],
        id="a_paper_quoting_someone_is_not_the_speaker",
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
            "Responding to the speech, shadow chief secretary to the Treasury, "
            'George Osborne, said: "This was more talk from Gordon Brown."'
        ),
        [("This was more talk", "George Osborne")],
        id="a_name_between_commas_before_the_verb_speaks",
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
            'Mark Ellis spoke after the match. "We lost the game," Ellis said. "We '
            'will play better on Tuesday." Tom Hall said he was unsure what went '
            "wrong."
        ),
        [("We will play better", "Mark Ellis")],
        id="a_report_after_a_full_stop_opens_the_next_sentence",
    ),
    pytest.param(
        (
            'The trade show opens on Thursday.\n\n"It is all about digital," Tom '
            "Hall, from the Consumer Technology Association (CTA) told reporters."
        ),
        [("It is all about", "Tom Hall")],
        id="an_apposition_without_its_closing_comma_still_ends_at_the_verb",
    ),
    pytest.param(
        (
            "Vice-chancellors reacted with fury this week to threats by the "
            'education secretary, Mark Ellis, to dock their bonuses. "They will '
            'pay," he said.'
        ),
        [("They will pay", "Mark Ellis")],
        id="the_first_half_of_a_hyphenated_word_is_no_person",
    ),
    pytest.param(
        (
            '"We tried to predict the outcome," explains Dr. Anna Berg.\n\n"We used '
            'a trick from earlier studies to do it." This trick was a simple '
            "model.\n\n'Circuit breaker' plan - the council vs the mayor"
        ),
        [("We used a trick", "Anna Berg"), ("Circuit breaker", None)],
        id="a_quote_opening_the_next_paragraph_goes_on_despite_a_remark",
    ),
    pytest.param(
        (
            "Live: what is open this weekend\n\nLeisure\n\nRiverside Leisure Centre - "
            'shut until spring\n\n"We are sorry to tell our members that the pool closes '
            'tonight."\n\nTown news\n\n"It was a long winter."'
        ),
        [("We are sorry", "Riverside Leisure Centre"), ("It was a long winter", None)],
        id="a_notice_under_a_live_blog_heading_is_the_named_heading's",
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
            "Although there is no such overlap with Smith's team, a city official who "
            "spoke anonymously to discuss internal planning said Wednesday, "
            '"Certainly there are talks between the mayor and the union."'
        ),
        [("Certainly", "a city official")],
        id="a_day_the_parse_made_a_subject_is_no_speaker",
    ),
    # Found in the development sample (bench/outlet_speakers.py --sample devel).
    pytest.param(
        (
            "The league's chairman, Alan Dukes, defended the fixture list on Friday.\n\n"
            '"Every club was consulted in the summer. Nobody raised an objection then.\n\n'
            '"The schedule will not change," he said.'
        ),
        [("Every club", "Alan Dukes"), ("The schedule", "Alan Dukes")],
        id="a_quote_left_open_at_its_paragraph_end_goes_on_below",
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
            "Ferro chairman Paul Weller announced the merger on Monday. A spokesman for "
            'Nordbank confirmed the price. "We will hold the shares for two years," he said.'
        ),
        [("We will hold", "A spokesman for Nordbank")],
        id="a_pronoun_after_a_described_speaker_is_that_person_not_the_one_named",
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
            "Senator Ann Blake took questions in Dayton. A reporter asked about the "
            'budget. "We will balance it by 2030," she replied.'
        ),
        [("We will balance", "Ann Blake")],
        id="the_one_who_asks_is_not_the_one_who_answers",
    ),
    pytest.param(
        (
            '"The critics are wrong," Mr Hale said. The nickname "bankster" blends '
            '"banker" and "gangster".'
        ),
        [("The critics", "Hale"), ("bankster", None), ("banker", None)],
        id="a_term_after_a_quote_in_its_paragraph_is_not_the_speakers_words",
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
            "The bond market approved of the smaller rate cut, Maria Ortiz said, because "
            '"If it was any bigger, they would have worried about inflation again."'
        ),
        [("If it was", "Maria Ortiz")],
        id="the_subject_set_off_before_the_verb_speaks_not_the_sentences",
    ),
    pytest.param(
        (
            "SYDNEY, June 12 - Coral Bay Resources Inc said tests at its Kimba property "
            'found "significant" gold grades.'
        ),
        [("significant", "Coral Bay Resources Inc")],
        id="a_wire_datelines_city_is_no_speaker",
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
        (
            'The new tax was criticised as "a disaster for small firms" by union leader '
            'Ann Vale. The ruling was praised as "a victory for common sense" by Jim Hart, '
            "the farmers' leader."
        ),
        [("a disaster", "Ann Vale"), ("a victory", "Jim Hart")],
        id="a_passive_speech_verbs_agent_speaks_not_its_subject",
    ),
    pytest.param(
        (
            "Family lawyer Ruth Hale claimed the delay had caused the families "
            '"real harm", saying two had fallen ill.'
        ),
        [("real harm", "Ruth Hale")],
        id="a_verb_after_the_reported_clause_goes_with_the_reporting_verb",
    ),
    pytest.param(
        'Even a senior party official said the plan was "a mess".',
        [("a mess", "a senior party official")],
        id="a_description_leaves_a_leading_adverb_out",
    ),
    pytest.param(
        (
            '"We will build three plants," Mr Ito said. "We have the money." Toyo Motors '
            'also announced a number of new appointments.\n\n"Sales were strong," said a '
            'Harlow Foods spokesman. "We are very pleased." Harlow continues to dominate '
            "the market in Wales."
        ),
        [("We have the money", "Mr Ito"), ("We are very pleased", "a Harlow Foods spokesman")],
        id="a_new_sentence_reporting_a_thing_of_its_own_is_no_attribution",
    ),
    pytest.param(
        'The lawsuit described the company as "reckless and negligent". It seeks damages.',
        [("reckless", "The lawsuit")],
        id="a_document_describing_something_as_a_quote_speaks",
    ),
    pytest.param(
        (
            "The paper quoted an unnamed bourse official as saying the delay was long. "
            '"We are not worried," the NRC quoted the official as saying.'
        ),
        [("We are not worried", "an unnamed bourse official")],
        id="a_paper_quoting_a_described_person_is_not_the_speaker",
    ),
    pytest.param(
        (
            '"We will expand the scheme to ten villages," underlined Carlos Ruiz, the '
            "project's coordinator. Mr Hale said the council had agreed to review the plan "
            'after "long and hard talks".'
        ),
        [("We will expand", "Carlos Ruiz"), ("long and hard", "Hale")],
        id="underline_speaks_and_agreeing_to_act_does_not",
    ),
    pytest.param(
        'The confusion was underlined by Ms Dale\'s reference to the "leadership" of the panel.',
        [("leadership", "Dale")],
        id="the_owner_of_a_reference_speaks",
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
            '"Most of the value was in the drug," said Ian Hunter at Goodbody Stockbrokers.'
            '\n\n"Now there is a question mark over it." Elan finished down $18.90 at $8.'
        ),
        [("Now there is", "Ian Hunter")],
        id="a_share_that_finished_down_says_nothing",
    ),
    pytest.param(
        (
            "Central bank chief Alan Marsh has warned that allowing huge budget deficits to "
            'continue could have "severe" consequences.'
        ),
        [("severe", "Alan Marsh")],
        id="an_aspect_verb_in_the_infinitive_is_no_cue",
    ),
    pytest.param(
        (
            "Mr Toshitsune wants to outlive everyone. Women can expect to live until 85.\n\n"
            "On the outskirts of Kyoto, 83-year-old Yuji Shimizu contemplates this phenomenon "
            "during a round of golf with his younger friends, who are in their seventies.\n\n"
            '"I think this is because the food industry has improved," he remarks.'
        ),
        [("I think this", "Yuji Shimizu")],
        id="a_person_before_a_root_verb_left_without_subject_is_its_subject",
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
        (
            'Speaking at the conference, Mr Hale said: "Stereotypes of older people are a '
            'pernicious form of discrimination."\n\nThe government wanted to move to a culture '
            'where retirement ages were "increasingly consigned to the past". Its bank in '
            'Tokyo was closed after an "aggressive sales culture" led it to flout the rules.'
        ),
        [("increasingly consigned", "Hale"), ("aggressive sales", None)],
        id="a_phrase_quoted_as_the_writer_goes_on_reporting_is_the_last_speakers",
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
            "But Western economic experts say the effect of sanctions is impossible to "
            'calculate.\n\n"Sanctions have provided a very useful excuse," one said.'
        ),
        [("Sanctions have", "Western economic experts")],
        id="one_said_is_one_of_the_group_that_spoke_before",
    ),
    pytest.param(
        (
            "Polish National Bank head Wladyslaw Baka held talks last week.\n\nHe was quoted "
            'by PAP as saying that Poland would pay, "but not in a short time and not without '
            'help."'
        ),
        [("but not in", "Wladyslaw Baka")],
        id="whom_a_paper_quoted_as_saying_in_the_passive_speaks",
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
            "The rapper was criticised after a performance in April led 12 viewers to "
            'complain he was "lewd" and "offensive".\n\nThe spokeswoman said the leave was '
            'agreed by a psychiatric advisor "in conjunction with officials on behalf of '
            'ministers".'
        ),
        [("lewd", "12 viewers"), ("in conjunction", "The spokeswoman")],
        id="whom_a_verb_leads_to_speak_speaks_and_an_agent_before_a_quote_only_acted",
    ),
    pytest.param(
        (
            "Her call was backed by Culture, Media and Sport Secretary Tessa Jowell who said: "
            '"You would not let your child watch it."'
        ),
        [("You would not", "Tessa Jowell")],
        id="who_is_the_person_named_right_before_it",
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
            "Last night Health Minister Stephen Donnelly came in for heavy criticism after "
            'saying "the virus" would be responsible for any further deaths.'
        ),
        [("the virus", "Stephen Donnelly")],
        id="a_speech_verb_after_a_preposition_has_the_sentences_subject",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_speaker(nlp: Language, text: str, expected: list[tuple[str, str | None]]) -> None:
    quotes = quotes_of(nlp, text)
    found = [next(q.speaker for q in quotes if q.text.startswith(start)) for start, _ in expected]
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
