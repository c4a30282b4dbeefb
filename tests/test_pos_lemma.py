"""The cached pos/lemma component gives exactly what the stock ruler and lemmatizer give."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from newsreader.index.analysis.runtime import pos_lemma
from newsreader.index.analysis.runtime.glued_marks import split_glued_marks
from newsreader.index.analysis.runtime.nlp import EXCLUDED, MODEL_NAMES
from newsreader.index.analysis.runtime.paragraphs import use_paragraph_starts

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

SENTENCES = [
    '"We will win the vote," Angela Merkel said on Monday.',
    'A government spokesman told reporters: "The minister has resigned."',
    "According to officials, the deal was signed. Critics claimed it is unlawful.",
    "There is a cat and there's a dog, and there were three more.",
    "We ain't gonna stop, y'all. Let's go, c'mon. I gotta say it's nothin' he'd do.",
    "She said:  'I can't.'\n\n  The BBC's chief executives were warning that prices rose.",
    "Mr Blair's spokesmen insisted the reports, which he denied, were wrong.",
]


@pytest.fixture(scope="module")
def stock(nlp: Language) -> Language:
    """The same model without the swap: its own attribute ruler and lemmatizer (the tokenizer
    and sentence starts as newsreader sets them, which the swap does not touch)."""
    import spacy

    for name in MODEL_NAMES:
        try:
            model = spacy.load(name, exclude=list(EXCLUDED))
        except OSError:
            continue
        split_glued_marks(model)
        use_paragraph_starts(model)
        return model
    pytest.skip("no spaCy English model installed")


def annotations(doc: Doc) -> list[tuple[str, ...]]:
    return [(t.text, t.pos_, t.lemma_, str(t.morph), t.tag_, t.dep_) for t in doc]


def test_the_stock_components_are_swapped_out(nlp: Language) -> None:
    assert pos_lemma.NAME in nlp.pipe_names
    assert not set(pos_lemma.REPLACES) & set(nlp.pipe_names)


def test_annotations_match_the_stock_pipeline(nlp: Language, stock: Language) -> None:
    texts = [*SENTENCES, *(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))]
    for _ in range(2):  # first through the misses, then from the cache
        for ours, theirs in zip(nlp.pipe(texts), stock.pipe(texts), strict=True):
            assert annotations(ours) == annotations(theirs)


def test_the_values_the_speaker_rules_read(nlp: Language) -> None:
    doc = nlp(SENTENCES[0] + " " + SENTENCES[1] + " Critics claimed it was unlawful.")
    by_text = {t.text: t for t in doc}
    assert (by_text["said"].pos_, by_text["said"].lemma_) == ("VERB", "say")
    assert (by_text["told"].pos_, by_text["told"].lemma_) == ("VERB", "tell")
    assert (by_text["claimed"].pos_, by_text["claimed"].lemma_) == ("VERB", "claim")
    assert (by_text["has"].pos_, by_text["will"].pos_) == ("AUX", "AUX")
    assert by_text["Merkel"].pos_ == "PROPN"
    assert (by_text["spokesman"].pos_, by_text["spokesman"].lemma_) == ("NOUN", "spokesman")
    assert by_text["it"].pos_ == "PRON"


def test_a_full_cache_starts_again(
    nlp: Language, stock: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    component = nlp.get_pipe(pos_lemma.NAME)
    component._cache.clear()  # other tests share this pipeline
    monkeypatch.setattr(pos_lemma, "MAX_CACHED", 50)
    for text in SENTENCES:
        assert annotations(nlp(text)) == annotations(stock(text))
        assert len(component._cache) <= 50
