"""The words a snippet marks (`text.matching`): found by looking each stem's start up in the
lowercased body, they are the words the case-blind regex over the body finds."""

from __future__ import annotations

import pytest

from newsreader.index.text.matching import _matcher, find_matches

BODIES = [
    "Officials SAID on Monday the U.S. said_x was said.x xsaid; he said it, says Said.",
    "The co-operation cooperative continued, con.t cont.inue; Contin ued",
    "Prices fell.  He said:\n\n\u201cwe said\u201d \u2014 \u00a3 5 said\u2019s",
    "Stra\u00dfe said, \u0130stanbul said, \u017faid, Kelvin \u212a said \u00e9t\u00e9 said",
    "",
]
QUERIES = [
    (frozenset({"said"}), ()),
    (frozenset({"u.s", "offici"}), ()),
    (frozenset({"continu"}), ("co",)),
    (frozenset({"said", "price"}), ("stra",)),
    (frozenset(), ("k",)),
]


@pytest.mark.parametrize("body", BODIES)
@pytest.mark.parametrize(("stems", "prefixes"), QUERIES)
def test_the_matches_are_the_regexs(
    body: str, stems: frozenset[str], prefixes: tuple[str, ...]
) -> None:
    assert find_matches(body, stems, prefixes) == _matcher(stems, prefixes).by_regex(body)


def test_whole_words_are_marked_in_any_case_and_words_inside_words_never() -> None:
    body = BODIES[0]
    found = [(body[s:e], term) for s, e, term in find_matches(body, frozenset({"said"}), ())]
    assert found == [("SAID", "said"), ("said", "said"), ("Said", "said")]


def test_a_prefix_marks_the_words_it_starts() -> None:
    body = BODIES[1]
    found = [body[s:e] for s, e, _ in find_matches(body, frozenset(), ("co",))]
    assert found == ["co", "cooperative", "continued", "con.t", "cont.inue", "Contin"]
