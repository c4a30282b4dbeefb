"""The Whoosh adapter's compile step: query-language trees (``query.ast``) -> Whoosh queries.

What the compiled queries find in a real index is checked in test_engine.py; here their form,
which is what Whoosh's own parser-free queries were before the tree existed.
"""

from __future__ import annotations

import datetime as dt

from whoosh.query import AndNot, DateRange, Every, NullQuery, Or, Phrase, Prefix, Term

from newsreader.index.query.assemble import parse_query
from newsreader.index.search.whoosh.compile import compile_query

NOW = dt.datetime(2025, 1, 15, 10, 30)


def compiled(text: str):
    return compile_query(parse_query(text, now=NOW).query)


def anywhere(node: type, text: object) -> Or:
    return Or([node("title", text), node("body", text)])


def test_words_phrases_prefixes_and_fields() -> None:
    assert compiled("tariffs") == anywhere(Term, "tariff")
    assert compiled('"trade war"') == anywhere(Phrase, ["trade", "war"])
    assert compiled("tarif*") == anywhere(Prefix, "tarif")
    assert compiled("title:budgets") == Term("title", "budget")
    assert compiled('person:"Kim Jong"') == Phrase("person", ["kim", "jong"])


def test_negated_items_of_a_conjunction_are_subtracted_together() -> None:
    assert compiled("tariff -china") == AndNot(anywhere(Term, "tariff"), anywhere(Term, "china"))
    assert compiled("tariff -china -steel") == AndNot(
        anywhere(Term, "tariff"), Or([anywhere(Term, "china"), anywhere(Term, "steel")])
    )
    assert compiled("-china") == AndNot(Every(), anywhere(Term, "china"))
    assert compiled("(-china -steel) tariff") == AndNot(
        anywhere(Term, "tariff"), Or([anywhere(Term, "china"), anywhere(Term, "steel")])
    )
    assert compiled("tariff OR -china") == Or(
        [anywhere(Term, "tariff"), AndNot(Every(), anywhere(Term, "china"))]
    )


def test_date_spans_become_ranges_over_midnights() -> None:
    query = compiled("date:2025-01")
    assert isinstance(query, DateRange)
    assert (query.startdate, query.enddate) == (dt.datetime(2025, 1, 1), dt.datetime(2025, 1, 31))
    after = compiled("after:2024-12-30")
    assert (after.startdate, after.enddate) == (dt.datetime(2024, 12, 30), None)
    before = compiled("before:yesterday")
    assert (before.startdate, before.enddate) == (None, dt.datetime(2025, 1, 13))


def test_match_all_and_match_none() -> None:
    assert compiled("") == Every() and compiled("read:no") == Every()
    assert compiled("the of") is NullQuery
    assert compiled("the)") is NullQuery  # a broken query of common words only
