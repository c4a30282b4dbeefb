"""The rules behind the library views: speaker names merged across articles, claim groups and
values written for reading."""

from __future__ import annotations

from collections import Counter

from newsreader.index.models import Claim
from newsreader.index.record.claim_groups import group_key, group_names, shown
from newsreader.index.record.speakers import merged_names, named_as


def test_spellings_of_one_person_merge_into_the_fullest_name() -> None:
    names = merged_names(
        {"Volodymyr Zelensky": 5, "Volodymyr Zelenskyy": 2, "Zelensky": 3, "Kim Jong Un": 2,
         "Kim Jong-un": 1, "Kim": 1, "John Smith": 1, "Jane Smith": 4, "Smith": 1}
    )  # fmt: skip
    assert {names[n] for n in ("Volodymyr Zelensky", "Volodymyr Zelenskyy", "Zelensky")} == {
        "Volodymyr Zelensky"
    }
    assert names["Kim Jong-un"] == names["Kim Jong Un"] == names["Kim"]
    assert names["John Smith"] == "John Smith" and names["Jane Smith"] == "Jane Smith"
    assert names["Smith"] == "Jane Smith", "a surname alone goes to the most quoted bearer"


def test_descriptions_and_speakers_without_letters_never_break_the_merge() -> None:
    # A speaker written as punctuation alone once raised IndexError for the whole view.
    names = merged_names({"—": 1, "-": 2, "protesters": 3, "a spokesman": 2, "A spokesman": 1})
    assert names["a spokesman"] == names["A spokesman"] == "a spokesman", "one description"
    assert names["—"] == "—" and names["protesters"] == "protesters"


def test_a_typed_name_picks_the_speaker_exactly_or_by_its_words() -> None:
    names = merged_names({"Volodymyr Zelensky": 2, "Zelenskyy": 1, "Kim Jong Un": 1})
    assert named_as("zelensky", names) == {"Volodymyr Zelensky"}
    assert named_as("ZELENSKYY", names) == {"Volodymyr Zelensky"}
    assert named_as("Volodymyr Zelensky", names) == {"Volodymyr Zelensky"}
    assert named_as("nobody", names) == set()


def test_claims_group_on_the_singular_of_what_they_count() -> None:
    assert group_key("soldiers") == group_key("soldier") == "soldier"
    assert group_key("casualties") == "casualty" and group_key("%") == "%"
    assert group_key("GBP") == "GBP" and group_key("news") == "news"
    names = group_names(Counter(["soldiers", "soldiers", "soldier", "jobs", "%"]))
    assert names["soldier"] == names["soldiers"] == "soldiers"


def test_values_are_written_for_reading() -> None:
    def claim(value, unit, low=None, high=None) -> Claim:
        return Claim("x", 0, 1, value, low, high, None, unit)

    assert shown(claim(2700.0, "soldiers")) == "2,700"
    assert shown(claim(0.4, "%")) == "40%"
    assert shown(claim(0.041, "%")) == "4.1%"
    assert shown(claim(1.2e9, "GBP")) == "£1.2bn"
    assert shown(claim(3.5e6, "USD")) == "$3.5m"
    assert shown(claim(1.5e6, "DEM")) == "1.5m DEM"
    assert shown(claim(3.5e6, "people")) == "3.5 million"
    assert shown(claim(2.5, "km")) == "2.5"
    assert shown(claim(None, "soldiers", 10.0, 15.0)) == "10–15"
    assert shown(claim(-0.02, "%")) == "-2%"


def test_names_are_counted_over_the_articles_asked_for() -> None:
    import datetime as dt

    from newsreader.index.models import ArticleRef
    from newsreader.index.record.tally import per_article, tally

    refs = {
        "a": ArticleRef("a", "A", dt.date(2025, 1, 2), None, None),
        "b": ArticleRef("b", "B", dt.date(2024, 6, 1), None, None),
        "u": ArticleRef("u", "U", None, None, None),
    }
    names = {"Kim": "Kim Jong Un", "Kim Jong Un": "Kim Jong Un", "Lopez": "Maria Lopez"}
    pairs = [("a", "Kim", 2), ("a", "Kim Jong Un", 1), ("b", "Kim", 1), ("u", "Lopez", 4),
             ("b", "nobody", 9)]  # fmt: skip
    counts = per_article(pairs, names, refs)
    every = tally(counts, None)
    assert every.rows == {"Kim Jong Un": 4, "Maria Lopez": 4}, "spellings merged, per article"
    assert every.articles == {"Kim Jong Un": 2, "Maria Lopez": 1}
    assert every.span("Kim Jong Un") == (dt.date(2024, 6, 1), dt.date(2025, 1, 2))
    assert every.span("Maria Lopez") == (None, None), "an undated article has no dates"
    some = tally(counts, {"a", "gone"})
    assert (
        some.rows == {"Kim Jong Un": 3} and some.span("Kim Jong Un") == (dt.date(2025, 1, 2),) * 2
    )
    assert tally(counts, set()).rows == {}
