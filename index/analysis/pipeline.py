"""The analysis pipeline: one article's text in, its entities, numeric claims and quotes out.

``Analyzer.analyze_many`` runs spaCy in worker processes (both cores) and does all the rule work
there too, so only small ``Analysis`` records cross process boundaries, never spaCy Docs. One
article failing never stops the rest: it gets an empty Analysis and one line goes to ``on_error``.
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..ingest.childproc import become_child, forking
from ..models import Analysis
from .claims.finder import find_claims
from .entities.mentions import find_entities
from .quotes.spans import find_quotes, quote_text
from .runtime.blas import single_threaded_blas
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
        analysis, error = self._analyze_texts([text])[0]
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
    ) -> Iterator[Analysis]:
        """Analyse many texts, yielding one Analysis per text in input order.

        With ``n_process`` > 1 the work runs in that many worker processes (which load the default
        model, see ``load_nlp``); small inputs and ``n_process=1`` run in this process. A text that
        fails yields an empty Analysis and ``on_error(position, message)`` is called (or the
        message is logged as a warning when no handler is given).
        """
        report = on_error or _log_error
        chunks = _chunks(texts, max(1, batch_size))
        first = list(itertools.islice(chunks, 2))
        if n_process <= 1 or len(first) < 2:
            results = (self._analyze_texts(c) for c in itertools.chain(first, chunks))
        else:
            results = _parallel(self, itertools.chain(first, chunks), n_process)
        position = 0
        for chunk_results in results:
            for analysis, error in chunk_results:
                if error:
                    report(position, error)
                yield analysis
                position += 1

    def _analyze_texts(self, texts: list[str]) -> list[_Result]:
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


# --- worker processes -------------------------------------------------------------------------

_WORKER: Analyzer | None = None


def _init_worker(parent: int) -> None:
    global _WORKER
    become_child(parent)  # dies with the run, leaves Ctrl-C to it
    _WORKER = Analyzer.load()
    single_threaded_blas()  # the workers already take one core each; numpy is loaded by now


def _work(texts: list[str]) -> list[_Result]:
    if _WORKER is None:
        return [(Analysis(), "no spaCy model in the worker process") for _ in texts]
    return _WORKER._analyze_texts(texts)


def _context() -> multiprocessing.context.BaseContext:
    # fork shares the loaded model copy-on-write and starts instantly, but forking a process that
    # runs other threads (a TUI, a thread pool) can deadlock; spawn is safe there.
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        load_nlp()  # load once before forking so the workers inherit it
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _parallel(
    analyzer: Analyzer, chunks: Iterator[list[str]], n_process: int
) -> Iterator[list[_Result]]:
    """Analyse chunks in worker processes, at most a few chunks ahead, in input order.

    If a worker dies (killed, out of memory) the rest of the input is analysed in this process.
    If the caller stops early (an interrupt, an error, the generator closed), the workers are
    ended at once rather than left to finish the chunks queued for them.
    """
    pending: deque[tuple[list[str], Future[list[_Result]]]] = deque()
    pool = ProcessPoolExecutor(
        n_process, mp_context=_context(), initializer=_init_worker, initargs=(os.getpid(),)
    )
    finished = False
    try:
        for chunk in chunks:
            with forking():  # the first submits start the worker processes
                pending.append((chunk, pool.submit(_work, chunk)))
            if len(pending) >= 3 * n_process:
                yield _next_result(pending)
        while pending:
            yield _next_result(pending)
        finished = True
    except BrokenProcessPool:
        log.warning("an analysis worker died; continuing in one process")
        finished = True
    finally:
        if not finished:
            _end_workers(pool)
        pool.shutdown(wait=True, cancel_futures=True)
    # Only reached with chunks left after a broken pool: finish them here.
    for chunk in itertools.chain([c for c, _ in pending], chunks):
        yield analyzer._analyze_texts(chunk)


def _end_workers(pool: ProcessPoolExecutor) -> None:
    """Kill the pool's worker processes (Python 3.14 has this as a method). SIGKILL, since a
    worker forked a moment ago may still run the run's own signal handlers, and a worker has
    nothing to clean up."""
    kill = getattr(pool, "kill_workers", None)
    if kill is not None:
        kill()
        return
    for process in list((pool._processes or {}).values()):
        process.kill()


def _next_result(pending: deque[tuple[list[str], Future[list[_Result]]]]) -> list[_Result]:
    result = pending[0][1].result()  # raises before popping, so a lost chunk is redone
    pending.popleft()
    return result
