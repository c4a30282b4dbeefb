"""The query language: operators, fields, triage filters, fallbacks, and never raising.

Hits against a real index are checked in test_engine.py, the Whoosh form in test_compile.py; here
the parsed result itself, as engine-neutral ``ast`` values (no engine is imported).
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.index.query.assemble import QUERY_HELP, ParsedQuery, StateFilter, parse_query
from newsreader.index.query.ast import (
    And,
    DateSpan,
    MatchAll,
    MatchNone,
    Not,
    Or,
    Phrase,
    Prefix,
    Query,
    Term,
    walk,
)

NOW = dt.datetime(2025, 1, 15, 10, 30)
D = dt.date


def anywhere(node: type, text: object) -> Or:
    """The node for ``text`` in the title or the body, as a plain word asks."""
    return Or((node("title", text), node("body", text)))


def parse(text: str) -> ParsedQuery:
    return parse_query(text, now=NOW)


def test_plain_words_are_stemmed_over_title_and_body() -> None:
    parsed = parse("tariffs")
    assert parsed.query == anywhere(Term, "tariff")
    assert parsed.problem is None
    assert parsed.terms == ("tariffs",)


def test_minus_excludes_instead_of_including() -> None:
    parsed = parse("tariff -china")
    assert parsed.query == And((anywhere(Term, "tariff"), Not(anywhere(Term, "china"))))
    assert parsed.terms == ("tariff",)
    assert parse("-china").query == Not(anywhere(Term, "china"))


def test_or_binds_looser_than_and() -> None:
    assert parse("oil steel OR coal").query == Or(
        (And((anywhere(Term, "oil"), anywhere(Term, "steel"))), anywhere(Term, "coal"))
    )
    assert parse("(oil OR coal) NOT steel").query == And(
        (Or((anywhere(Term, "oil"), anywhere(Term, "coal"))), Not(anywhere(Term, "steel")))
    )


def test_phrase_prefix_and_title_field() -> None:
    assert parse('"trade war"').query == anywhere(Phrase, ("trade", "war"))
    assert parse('"the war"').query == anywhere(Term, "war")  # a stop word is no phrase word
    assert parse("tarif*").query == anywhere(Prefix, "tarif")
    assert parse("title:budgets").query == Term("title", "budget")


def test_entity_fields_take_any_word_or_a_quoted_name_unstemmed() -> None:
    assert parse("person:Merkel").query == Term("person", "merkel")
    assert parse('person:"Kim Jong"').query == Phrase("person", ("kim", "jong"))
    assert parse("org:banks").query == Term("org", "banks")


def test_date_fields_become_date_spans() -> None:
    assert parse("date:2025-01").query == DateSpan(D(2025, 1, 1), D(2025, 1, 31))
    assert parse('after:"2 weeks ago"').query == DateSpan(D(2024, 12, 30), None)
    assert parse("before:yesterday").query == DateSpan(None, D(2025, 1, 13))
    assert parse("date:2025-02..2025-01").query == DateSpan(
        D(2025, 1, 1), D(2025, 2, 28)
    )  # swapped


def test_triage_filters_are_extracted_from_the_top_level_and() -> None:
    parsed = parse("read:no starred:yes tag:Work -tag:spam tariff -archived:no")
    assert parsed.state == StateFilter(
        read=False, starred=True, archived=True, tags=("Work",), exclude_tags=("spam",)
    )
    assert parsed.query == anywhere(Term, "tariff")
    assert parse("unread:no").problem is not None  # not a field
    assert parse("read:no").query == MatchAll()


def test_triage_filters_inside_or_fall_back_with_a_reason() -> None:
    parsed = parse("tag:x OR tariff")
    assert parsed.problem is not None and "only combine with AND" in parsed.problem
    assert parsed.state == StateFilter()


def test_empty_query_matches_everything() -> None:
    for text in ("", "   ", "\n\t"):
        parsed = parse(text)
        assert parsed.query == MatchAll() and parsed.problem is None


def test_only_stop_words_match_nothing_with_a_reason() -> None:
    parsed = parse("the of")
    assert parsed.query == MatchNone()
    assert parsed.problem == "only very common words, which are not indexed"


FALLBACKS = [
    ('"trade war', "unbalanced quote", "trade war"),
    ("(tariff OR duty", "unbalanced parenthesis", "tariff duty"),
    ("tariff)", "unbalanced parenthesis", "tariff"),
    ("colour:red car", 'unknown field "colour:"', "colour red car"),
    ("tariff OR", 'a lone "OR" with nothing on one side', "tariff"),
    ("-", 'a lone "-" with nothing after it', None),
    ("NOT", 'a lone "NOT" with nothing after it', None),
    ("AND tariff", 'a lone "AND" with nothing to join', "tariff"),
    ("person: x", '"person:" has no value', "person"),
    ("date:someday-ish", 'cannot read the date "someday-ish"', "date someday ish"),
    ("read:maybe", '"read:" takes yes or no, not "maybe"', "read maybe"),
    ("()", "empty parentheses", None),
]


def test_fallbacks_say_what_was_wrong_and_what_was_searched() -> None:
    for text, reason, words in FALLBACKS:
        searched = f'searched for the words "{words}"' if words else "showing all articles"
        assert parse(text).problem == f"{reason}: {searched} instead", text


def test_a_fallback_searches_every_plain_word() -> None:
    assert parse("(tariff OR duty").query == And((anywhere(Term, "tariff"), anywhere(Term, "duti")))
    assert parse("()").query == MatchAll()


def test_long_queries_are_cut_with_a_message() -> None:
    parsed = parse("tariff " * 400)
    assert parsed.problem is not None and "cut to its first 2,000 characters" in parsed.problem
    assert len(parsed.text) <= 2000 and parsed.text.split(" ")[-1] == "tariff"


def test_deep_nesting_falls_back() -> None:
    parsed = parse("(" * 60 + "tariff" + ")" * 60)
    assert parsed.problem is not None and "nested too deeply" in parsed.problem


def test_help_documents_every_operator() -> None:
    for piece in ("OR", "-china", '"trade war"', "tarif*", "title:", "person:", "date:", "after:"):
        assert piece in QUERY_HELP


def _imports_dateparser(query: str) -> bool:
    code = (
        "import sys\nfrom newsreader.index.query.assemble import parse_query\n"
        f"parse_query({query!r})\nprint('dateparser' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.strip() == "True"


@pytest.mark.slow
def test_dateparser_is_imported_only_for_natural_language_dates() -> None:
    assert not _imports_dateparser("tariff china date:2025-01 before:yesterday -x")
    assert _imports_dateparser('after:"2 weeks ago"')


PIECES = st.sampled_from(
    ['"', "(", ")", ":", "-", "+", "*", " ", "OR", "AND", "NOT", "date:", "person:", "tag:",
     "after:", "..", ">", "<=", "title:", "é", "\x00", "\n", "\u202e", "2025-01", "tariff"]
)  # fmt: skip


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=80), st.lists(PIECES, max_size=25).map("".join)))
def test_parse_query_never_raises(text: str) -> None:
    parsed = parse_query(text, now=NOW)
    assert isinstance(parsed.query, Query)
    assert isinstance(parsed.terms, tuple)
    hash(parsed.query)  # plain frozen values all the way down


def test_walk_visits_every_node_parents_first() -> None:
    tree = parse('tariff -(china OR "trade war")').query
    nodes = walk(tree)
    assert nodes[0] == tree and len(nodes) == 12
    assert [n for n in nodes if isinstance(n, Phrase)] == list(
        anywhere(Phrase, ("trade", "war")).items
    )
    nested: Query = Term("body", "oil")
    for _ in range(10_000):  # deeper than Python's recursion limit
        nested = Not(nested)
    assert walk(nested)[-1] == Term("body", "oil")


def test_the_query_language_imports_no_engine() -> None:
    code = (
        "import sys\nfrom newsreader.index.query.assemble import parse_query\n"
        "from newsreader.index.text.snippets import marked_terms\n"
        "marked_terms(parse_query('tariff* -china \"trade war\" date:2025-01 person:kim').query)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('whoosh', 'numpy')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_query_past_the_limit_is_cut_before_the_word_the_limit_falls_in() -> None:
    # "ministers" ends past the 2,000th character: asking for "minis" would match "minister"
    # and "minis", words the user never typed.
    text = "budget " * 285 + "ministers said"
    assert text.index("ministers") < 2000 < text.index(" said")
    parsed = parse(text)
    assert parsed.text == "budget " * 284 + "budget"
    assert parsed.problem and parsed.problem.startswith("the query was cut")
    one_word = "x" * 2500  # no word boundary at all: the first 2,000 characters are kept
    assert parse(one_word).text == "x" * 2000


def test_a_date_range_written_backwards_is_swapped_with_a_note() -> None:
    parsed = parse("tariff date:2025-03..2025-01")
    assert parsed.query == parse("tariff date:2025-01..2025-03").query
    assert parsed.problem == "date:2025-03..2025-01 runs backwards: searched date:2025-01..2025-03"
    assert parse("date:>2025-03 date:<2025-01").problem is None  # two bounds: nothing, no note
