"""The analysis pipeline: one article's text in, its entities, numeric claims and quotes out.

``Analyzer.analyze_many`` hands batches of texts to an analysis executor (`executors/`): this
process, worker processes on both cores, or a Dask cluster; each does the rule work where spaCy
runs, so only small ``Analysis`` records travel, never spaCy Docs. One article failing never
stops the rest: it gets an empty Analysis and one line goes to ``on_error``.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..models import Analysis
from .claims.finder import find_claims
from .entities.mentions import find_entities
from .executors.local import InProcess, ProcessPool
from .executors.port import AnalysisExecutor, BatchResult
from .quotes.spans import find_quotes, quote_text
from .runtime.doc_text import text_of
from .runtime.nlp import load_nlp
from .wrapping import unwrap

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

# One article is analysed up to this many characters; past it spaCy needs minutes and gigabytes,
# and no news article is that long (the longest BBC story has about 25,000).
MAX_CHARS = 300_000
DEFAULT_BATCH = 16

ErrorHandler = Callable[[int, str], None]
"""Called with the article's position in the input and a one-line message."""

_Result = tuple[Analysis, str | None]


class Analyzer:
    """Finds entities, numeric claims and quotes in article texts with a loaded spaCy pipeline."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp

    @classmethod
    def load(cls) -> Analyzer | None:
        """Return an Analyzer on the installed English model, or None when there is none."""
        nlp = load_nlp()
        return cls(nlp) if nlp is not None else None

    def analyze(self, text: str) -> Analysis:
        """Analyse one article text; offsets in the result index ``text``."""
        analysis, error = self.analyze_batch([text])[0]
        if error:
            log.warning("analysis: %s", error)
        return analysis

    def analyze_many(
        self,
        texts: Iterable[str],
        *,
        n_process: int = 2,
        batch_size: int = DEFAULT_BATCH,
        on_error: ErrorHandler | None = None,
        executor: AnalysisExecutor | None = None,
    ) -> Iterator[Analysis]:
        """Analyse many texts, yielding one Analysis per text in input order.

        Batches go to ``executor`` when one is given (a Dask cluster, `executors/`). Otherwise,
        with ``n_process`` > 1 the work runs in that many worker processes (which load the
        default model, see ``load_nlp``); small inputs and ``n_process=1`` run in this process.
        A text that fails yields an empty Analysis and ``on_error(position, message)`` is called
        (or the message is logged as a warning when no handler is given).
        """
        report = on_error or _log_error
        chunks = _chunks(texts, max(1, batch_size))
        if executor is None:
            first = list(itertools.islice(chunks, 2))
            chunks = itertools.chain(first, chunks)
            several = n_process > 1 and len(first) > 1
            executor = ProcessPool(self, n_process) if several else InProcess(self)
        results = executor.run(chunks)
        position = 0
        for chunk_results in results:
            for analysis, error in chunk_results:
                if error:
                    report(position, error)
                yield analysis
                position += 1

    def analyze_batch(self, texts: list[str]) -> BatchResult:
        """Analyse a batch with ``nlp.pipe``; on a batch failure, retry the texts one by one."""
        clipped = [_clip(t) for t in texts]
        try:
            docs = list(self.nlp.pipe(_unwrapped(c) for c in clipped))
        except Exception:
            return [self._analyze_one(c, t) for c, t in zip(clipped, texts, strict=True)]
        return [_analyze_doc(d, c, len(t)) for d, c, t in zip(docs, clipped, texts, strict=True)]

    def _analyze_one(self, clipped: str, text: str) -> _Result:
        try:
            doc = self.nlp(_unwrapped(clipped))
        except Exception as exc:
            return Analysis(), _one_line(f"spaCy failed: {type(exc).__name__}: {exc}")
        return _analyze_doc(doc, clipped, len(text))


def _clip(text: str) -> str:
    # Non-strings pass through untouched so spaCy reports them for that article alone.
    return text[:MAX_CHARS] if isinstance(text, str) else text


def _unwrapped(text: str) -> str:
    # Non-strings pass through, as in _clip.
    return unwrap(text) if isinstance(text, str) else text


def _one_line(message: str) -> str:
    return " ".join(message.split())[:300]


def _analyze_doc(doc: Doc, text: str, full_length: int) -> _Result:
    """Run the rule stages on a parsed article; each stage fails alone.

    ``doc`` may be the unwrapped ``text`` (see ``wrapping``): mentions, claims and quotes
    then take their words from ``text``, so each still equals the stored text at its offsets.
    """
    problems: list[str] = []
    entities = _guarded(find_entities, doc, "entities", problems, ())
    claims = _guarded(find_claims, doc, "numbers", problems, ())
    quotes = _guarded(find_quotes, doc, "quotes", problems, (), entities)
    analysed = len(text_of(doc))
    if full_length > analysed:
        problems.append(f"only the first {analysed:,} of {full_length:,} characters analysed")
    if text_of(doc) != text:
        entities = [replace(e, text=text[e.start : e.end]) for e in entities]
        claims = [replace(c, text=text[c.start : c.end]) for c in claims]
        quotes = [replace(q, text=quote_text(text, q.spans)) for q in quotes]
    analysis = Analysis(entities=tuple(entities), claims=tuple(claims), quotes=tuple(quotes))
    return analysis, "; ".join(problems) or None


def _guarded(
    stage: Callable[..., Any], doc: Doc, name: str, problems: list[str], empty: Any, *args: Any
) -> Any:
    try:
        return stage(doc, *args)
    except Exception as exc:  # a rule bug must cost one article one stage, not the whole run
        log.debug("analysis stage %s failed", name, exc_info=True)
        problems.append(_one_line(f"{name} failed: {type(exc).__name__}: {exc}"))
        return empty


def _chunks(texts: Iterable[str], size: int) -> Iterator[list[str]]:
    iterator = iter(texts)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _log_error(position: int, message: str) -> None:
    log.warning("article %d: %s", position, message)
