"""A role description ("the chancellor said") names the person who holds that role, not one who
holds another role built on the same word: a shadow, former or deputy one."""

from __future__ import annotations

from analysis_helpers import quotes_of
from spacy.language import Language

TEXT = (
    "Chancellor Gordon Brown set out his plans in Gateshead on Monday. He accused shadow "
    "chancellor Oliver Letwin of plotting deep cuts.\n\n"
    '"Britain will never go back to boom and bust," the chancellor said.\n\n'
    '"These figures do not add up," the shadow chancellor said later.\n\n'
    'Former chancellor Kenneth Clarke also spoke. "It is a fair budget," the chancellor said.'
)


def test_the_chancellor_is_not_the_shadow_or_a_former_one(nlp: Language) -> None:
    speakers = [q.speaker for q in quotes_of(nlp, TEXT)]
    assert speakers == ["Gordon Brown", "Oliver Letwin", "Gordon Brown"]
