"""Finding quote spans: marks, pairing and the messy forms of scraped news."""

from __future__ import annotations

from pathlib import Path

from analysis_helpers import quotes_of
from spacy.language import Language

from newsreader.index.analysis.quotes.spans import find_segments, group_segments

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def quoted(text: str) -> list[str]:
    """The content of every quote group of ``text``, parts joined like Quote.text."""
    groups = group_segments(text, find_segments(text))
    return [" … ".join(text[s.start : s.end] for s in group) for group in groups]


def test_straight_and_curly_double_quotes() -> None:
    assert quoted('He said "We will win." Then “We will see.”') == ["We will win.", "We will see."]


def test_single_quotes_as_marks_but_not_apostrophes() -> None:
    text = "I don't like the '90s, nor Jones' car, nor O'Neill's. She said 'no way' twice."
    assert quoted(text) == ["no way"]


def test_apostrophes_alone_give_no_quote() -> None:
    assert quoted("It's the '80s again and the Joneses' dog isn't ours, rock 'n' roll.") == []


def test_guillemets_and_german_low_high_marks() -> None:
    assert quoted("«Bonjour», dit-il.") == ["Bonjour"]
    assert quoted("„Wir schaffen das“, sagte sie.") == ["Wir schaffen das"]


def test_curly_open_closed_by_guillemet() -> None:
    text = "“It is only a matter of time» Zelensky said."
    assert quoted(text) == ["It is only a matter of time"]


def test_two_apostrophes_are_a_double_mark() -> None:
    text = "''This isn't tax reform,'' he said. ''It's anti-reform.''"
    assert quoted(text) == ["This isn't tax reform, … It's anti-reform."]


def test_unclosed_quote_runs_to_end_of_paragraph() -> None:
    text = "He said: “We will stay here as long as it takes.\n\nThe next paragraph."
    assert quoted(text) == ["We will stay here as long as it takes."]


def test_multi_paragraph_quote_reopened_without_closing() -> None:
    text = '"First paragraph of the speech.\n\n"Second paragraph," she said.'
    assert quoted(text) == ["First paragraph of the speech.", "Second paragraph,"]
    segments = find_segments(text)
    assert [s.closed for s in segments] == [False, True]


def test_single_quote_left_open_for_the_next_paragraph() -> None:
    # British copy: single marks, and a quote carried over is reopened, never closed.
    text = (
        "The council warned residents: 'If the river rises again, the old bridge will close.\n\n"
        "'We cannot take that risk with the school run,' it added."
    )
    assert quoted(text) == [
        "If the river rises again, the old bridge will close.",
        "We cannot take that risk with the school run,",
    ]
    assert [s.closed for s in find_segments(text)] == [False, True]


def test_an_unclosed_single_mark_before_a_fragment_is_no_quote() -> None:
    assert quoted("Fans of rock 'n roll came.\n\nThe '90s are back and the 'Old firm.\n") == []


def test_bbc_reopened_quote_is_one_continued_quote() -> None:
    text = '"But I take each race as it comes. "As long as I keep up," he said.'
    groups = group_segments(text, find_segments(text))
    assert len(groups) == 1
    assert [text[s.start : s.end] for s in groups[0]] == [
        "But I take each race as it comes.",
        "As long as I keep up,",
    ]
    assert groups[0][1].joined


def test_quote_split_by_its_attribution_is_one_quote() -> None:
    text = '"We are ready," he said, "and we will not wait."'
    assert quoted(text) == ["We are ready, … and we will not wait."]
    text = '"We are ready," said Mr. Smith. "We will not wait."'
    assert quoted(text) == ["We are ready, … We will not wait."]


def test_a_quote_a_colon_introduces_is_not_the_rest_of_the_one_before() -> None:
    text = 'The mayor called the report "a hatchet job" and told reporters: "We will appeal."'
    assert quoted(text) == ["a hatchet job", "We will appeal."]


def test_a_quote_inside_the_next_speakers_own_sentence_is_not_the_rest_of_the_last() -> None:
    text = '"We will fight on." But union leader Ann Vale said her members were "furious".'
    assert quoted(text) == ["We will fight on.", "furious"]


def test_two_speakers_are_not_merged() -> None:
    text = '"Yes," he said. "No," she replied.'
    assert quoted(text) == ["Yes,", "No,"]


def test_nested_quote_stays_inside_its_quote() -> None:
    text = '"The question was: “Do you trust her?” Forty percent said yes," he said.'
    assert quoted(text) == ["The question was: “Do you trust her?” Forty percent said yes,"]


def test_single_quotes_inside_double_are_content() -> None:
    text = "\"He told me, 'Go home,' and I did,\" she said."
    assert quoted(text) == ["He told me, 'Go home,' and I did,"]


def test_nested_marks_set_apart_by_a_space_pair_up() -> None:
    text = "\"I hate the phrase 'voter outreach,' \" she told the club, adding more.\n\n"
    text += "He replied, \" 'Outreach' is fine by me.\""
    assert quoted(text) == ["I hate the phrase 'voter outreach,'", "'Outreach' is fine by me."]


def test_offsets_slice_back_to_the_quoted_text(nlp: Language) -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for quote in quotes_of(nlp, text):
            parts = [text[start:end] for start, end in quote.spans]
            assert quote.text == " … ".join(parts)
            assert (quote.start, quote.end) == (quote.spans[0][0], quote.spans[-1][1])
            assert all(part == part.strip() and part for part in parts)


def test_scare_quotes_are_partial(nlp: Language) -> None:
    text = 'The senator called the plan a "disaster" on Monday.\n\n"It will fail," he said.'
    found = quotes_of(nlp, text)
    assert [(q.text, q.partial) for q in found] == [("disaster", True), ("It will fail,", False)]


def test_a_clause_after_a_speech_verb_is_a_direct_quote(nlp: Language) -> None:
    text = (
        'Ray Hollis says "the whole league has gone soft" and wants change. '
        'She called the ruling "a blow to every family" and left.'
    )
    found = quotes_of(nlp, text)
    assert [(q.text, q.partial) for q in found] == [
        ("the whole league has gone soft", False),
        ("a blow to every family", True),
    ]
    assert found[0].speaker == "Ray Hollis"


def test_seed_000_quotes(nlp: Language) -> None:
    text = (SEEDS / "000_904cde68c2f7b3f6.txt").read_text(encoding="utf-8")
    found = quotes_of(nlp, text)
    direct = [q.text[:30] for q in found if not q.partial]
    assert direct == [
        "In addition to the first captu",
        "Ukraine is willing to hand ove",
        "for those who Express your des",
        "The deployment of North Korean",
    ]
    texts = [q.text for q in found]
    assert any(t.endswith("manage to capture others") for t in texts)  # “…» quote
    unclosed = next(q for q in found if q.text.startswith("for those who Express"))
    assert unclosed.text.endswith("they will be given that opportunity.")
    assert not unclosed.partial
    assert any(t.startswith("includes approximately 300 dead") for t in texts)


def test_seed_004_quotes(nlp: Language) -> None:
    text = (SEEDS / "004_58e026c006f288da.txt").read_text(encoding="utf-8")
    found = quotes_of(nlp, text)
    by_text = {q.text: q for q in found}
    assert by_text["significant"].partial
    council = next(q for q in found if q.text.startswith("We will continue to exchange"))
    assert not council.partial
    assert council.text.endswith("Ukrainian intelligence agencies,")
