"""A body or a place beside a person is not the speaker, and the other speaker classes found on
news the rules were not tuned on (issue 14: BBC, Reuters and web pages), each as a short text of
its own: the quotes that start with the given words and the speakers they must get. Speakers
named by a role or a description are in test_speaker_descriptions.py."""

from __future__ import annotations

import pytest
from analysis_helpers import speakers_of
from spacy.language import Language

pytestmark = pytest.mark.usefixtures("nlp")

CASES = [
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
            "Responding to the speech, shadow chief secretary to the Treasury, "
            'George Osborne, said: "This was more talk from Gordon Brown."'
        ),
        [("This was more talk", "George Osborne")],
        id="a_name_between_commas_before_the_verb_speaks",
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
            "Ferro chairman Paul Weller announced the merger on Monday. A spokesman for "
            'Nordbank confirmed the price. "We will hold the shares for two years," he said.'
        ),
        [("We will hold", "A spokesman for Nordbank")],
        id="a_pronoun_after_a_described_speaker_is_that_person_not_the_one_named",
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
            'Speaking at the conference, Mr Hale said: "Stereotypes of older people are a '
            'pernicious form of discrimination."\n\nThe government wanted to move to a culture '
            'where retirement ages were "increasingly consigned to the past". Its bank in '
            'Tokyo was closed after an "aggressive sales culture" led it to flout the rules.'
        ),
        [("increasingly consigned", "Hale"), ("aggressive sales", None)],
        id="a_phrase_quoted_as_the_writer_goes_on_reporting_is_the_last_speakers",
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
            "Last night Health Minister Stephen Donnelly came in for heavy criticism after "
            'saying "the virus" would be responsible for any further deaths.'
        ),
        [("the virus", "Stephen Donnelly")],
        id="a_speech_verb_after_a_preposition_has_the_sentences_subject",
    ),
    pytest.param(
        (
            "Gordon Lyle Corp chairman Tom Hale said sales rose. Gordon Lyle would only want a "
            'friendly deal, he added.\n\n"We are not buying a bank," he said.'
        ),
        [("We are not", "Tom Hale")],
        id="a_company_the_model_took_for_a_person_is_no_he",
    ),
    pytest.param(
        (
            "The game sold well. Anna Pike, editor of fansite Arena.Games.Org, said: "
            '"They got everything right."\n\nRates fell again, said Tom Wendell of Lyle '
            'Brothers Inc.\n\n"The Fed will be under pressure," said Lyle\'s Wendell.'
        ),
        [("They got", "Anna Pike"), ("The Fed will", "Tom Wendell")],
        id="a_body_beside_its_officer_is_not_the_speaker_the_officer_is",
    ),
    pytest.param(
        (
            "Bond yields fell, said Roberto di Carlo of Banca Lenta.\n\n"
            '"Rates will rise again next month," said Lenta\'s di Carlo.'
        ),
        [("Rates will rise", "Roberto di Carlo")],
        id="a_lowercase_particle_is_part_of_the_surname",
    ),
    pytest.param(
        (
            "Bond yields fell, said Pieter van Dijk of Banca Lenta.\n\n"
            '"Rates will rise again next month," said Lenta\'s van Dijk.'
        ),
        [("Rates will rise", "Pieter van Dijk")],
        id="a_surname_with_its_particle_is_the_person_named_in_full",
    ),
    pytest.param(
        (
            "We asked the architect Nora Vance two questions.\n\n"
            "The Herald: Why build with wood?\n\n"
            "Nora Vance: It is cheap and it stores carbon. My students call such houses "
            '"carbon banks", and they are right.'
        ),
        [("carbon banks", "Nora Vance")],
        id="a_quote_in_an_interviews_answer_is_the_interviewees",
    ),
    pytest.param(
        (
            "The coach Peter Lang spoke to reporters on Friday. Asked whether Tom Reed would "
            'play again this season, he replied: "We will see how his knee heals."'
        ),
        [("We will see", "Peter Lang")],
        id="a_name_in_the_question_put_to_him_is_not_he",
    ),
    pytest.param(
        (
            "Ann Cole designs clothes for a living. Solar cloth could charge a phone on the "
            'move, while "paper screens" might one day replace glass ones.'
        ),
        [("paper screens", None)],
        id="a_verb_that_charges_things_not_people_names_no_speaker",
    ),
    pytest.param(
        (
            "Green Party leader Ann Ross toured the north on Monday. Ms Ross used a speech "
            'in Leeds to say that her party was facing "hard truths about the economy".'
        ),
        [("hard truths", "Ann Ross")],
        id="a_speech_used_to_say_something_is_not_the_speaker",
    ),
    pytest.param(
        (
            "Home sales fell in May, the Land Registry said. Kell Research, which has long "
            'predicted a slump, branded the figures a "temporary blip in a falling market".\n\n'
            "The council closed two libraries in what was branded a "
            '"shameful retreat from the town centre" by the unions.'
        ),
        [("temporary blip", "Kell Research"), ("shameful retreat", "the unions")],
        id="who_brands_something_so_says_it",
    ),
    pytest.param(
        (
            "The two states signed the water treaty on Friday. Foreign Minister Lea Hart "
            'hailed the deal as "a turning point for the whole region", and opposition leader '
            'Tom Vale condemned it as "a surrender of our rivers".'
        ),
        [("a turning point", "Lea Hart"), ("a surrender", "Tom Vale")],
        id="who_hails_or_condemns_something_as_words_says_them",
    ),
    pytest.param(
        (
            "Tom Roe, who runs the charity, published its survey of older voters on Monday.\n\n"
            "The report was welcomed by Conservative health spokesman David Hale. "
            '"Older voters must be heard at this election," he said.'
        ),
        [("Older voters", "David Hale")],
        id="a_passives_agent_is_whom_the_next_he_means",
    ),
    pytest.param(
        (
            "LEEDS, May 2 - Engineering group Hallam Tools Plc said it would close two plants "
            'this year.\n\n"We have no choice in this market," it said in a statement.'
        ),
        [("We have no choice", "Hallam Tools Plc")],
        id="it_said_is_the_company_just_said_to_speak",
    ),
    pytest.param(
        (
            "Singer Ray Dunn was arrested after a hotel brawl in Vienna. Police said a "
            'row broke out at the bar at midnight. The fight went on outside, where "a guard '
            'was punched in the face by one of the band", they said.'
        ),
        [("a guard was punched", "Police")],
        id="they_said_is_the_group_just_said_to_speak",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_speaker(nlp: Language, text: str, expected: list[tuple[str, str | None]]) -> None:
    found = speakers_of(nlp, text, [start for start, _ in expected])
    assert found == [speaker for _, speaker in expected]
