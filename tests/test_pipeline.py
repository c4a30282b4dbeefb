"""The Analyzer: one text, many texts over two processes, failures, and both whole corpora."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from newsreader.index.analysis import pipeline
from newsreader.index.analysis.executors import local
from newsreader.index.analysis.pipeline import Analyzer
from newsreader.index.analysis.runtime.nlp import MODEL_HINT, load_nlp
from newsreader.index.models import Analysis

pytestmark = pytest.mark.slow  # spaCy's model, in this process and in worker processes

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    loaded = Analyzer.load()
    if loaded is None:
        pytest.skip("no spaCy English model installed")
    return loaded


@pytest.fixture(scope="module")
def seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


def test_model_loads_once_per_process() -> None:
    assert load_nlp() is load_nlp()
    assert "pip install 'newsreader[analysis]'" in MODEL_HINT


def test_analyze_finds_entities_claims_and_quotes(analyzer, seed_texts) -> None:
    text = seed_texts[0]
    analysis = analyzer.analyze(text)
    assert any(e.canonical == "Volodymyr Zelensky" for e in analysis.entities)
    assert any(c.text == "About 11,000 soldiers" for c in analysis.claims)
    assert analysis.quotes  # the quote module of this package is installed alongside
    for item in (*analysis.entities, *analysis.claims):
        assert text[item.start : item.end] == item.text
    for quote in analysis.quotes:
        assert all(0 <= start < end <= len(text) for start, end in quote.spans)


def test_analyze_many_keeps_order_across_processes(analyzer, seed_texts) -> None:
    texts = [*seed_texts, "Some 40 people met in Paris.", "", *seed_texts]
    errors: list[tuple[int, str]] = []
    results = list(
        analyzer.analyze_many(
            texts, n_process=2, batch_size=2, on_error=lambda i, m: errors.append((i, m))
        )
    )
    assert errors == []
    assert len(results) == len(texts)
    assert results == [analyzer.analyze(t) for t in texts]
    assert results[-1] == results[1]
    assert results[len(seed_texts) + 1] == Analysis()


def test_workers_are_spawned_when_other_threads_run(analyzer, seed_texts) -> None:
    # A TUI has threads of its own; forking then could deadlock, so the pool spawns workers.
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)
    other.start()
    try:
        assert local._context().get_start_method() == "spawn"
        results = list(analyzer.analyze_many(seed_texts, n_process=2, batch_size=1))
    finally:
        stop.set()
        other.join()
    assert results == [analyzer.analyze(t) for t in seed_texts]


def test_one_failing_article_does_not_stop_the_batch(analyzer, seed_texts) -> None:
    texts: list = [seed_texts[0], None, seed_texts[1]]  # None makes spaCy raise for that one
    errors: list[tuple[int, str]] = []
    for n_process in (1, 2):
        errors.clear()
        results = list(
            analyzer.analyze_many(
                texts,
                n_process=n_process,
                batch_size=1,
                on_error=lambda i, m: errors.append((i, m)),
            )
        )
        assert len(results) == 3
        assert results[1] == Analysis()
        assert results[0].entities and results[2].entities
        assert [i for i, _ in errors] == [1]
        assert "\n" not in errors[0][1]


def test_very_long_text_is_clipped_and_reported(analyzer, monkeypatch) -> None:
    monkeypatch.setattr(pipeline, "MAX_CHARS", 40)
    text = "About 11,000 soldiers were sent to Russia. " * 5
    errors: list[tuple[int, str]] = []
    (analysis,) = analyzer.analyze_many(
        [text], n_process=1, on_error=lambda i, m: errors.append((i, m))
    )
    assert [c.text for c in analysis.claims] == ["About 11,000 soldiers"]
    assert errors and errors[0][0] == 0 and "first 40" in errors[0][1]


def test_empty_input_yields_nothing(analyzer) -> None:
    assert list(analyzer.analyze_many([], n_process=2)) == []


@pytest.mark.shared
def test_whole_corpora_analyse_without_failure(analyzer) -> None:
    """Every article of both corpora with NEWSREADER_FULL_CORPUS=1 (about 10 minutes on two
    cores); by default every 20th, so that CI stays fast while still covering both corpora."""
    corpora = [SHARED / "corpus" / "bbc.jsonl", SHARED / "corpus" / "reuters21578.jsonl"]
    if not all(p.exists() for p in corpora):
        pytest.skip(f"needs the shared corpora beside the project ({SHARED / 'corpus'})")
    stride = 1 if os.environ.get("NEWSREADER_FULL_CORPUS") == "1" else 20
    lines = [line for path in corpora for line in path.open(encoding="utf-8")]
    texts = [json.loads(line)["text"] for line in lines[::stride]]
    errors: list[tuple[int, str]] = []
    counts = {"articles": 0, "entities": 0, "claims": 0, "quotes": 0}
    for analysis in analyzer.analyze_many(
        texts, n_process=2, batch_size=16, on_error=lambda i, m: errors.append((i, m))
    ):
        counts["articles"] += 1
        counts["entities"] += len(analysis.entities)
        counts["claims"] += len(analysis.claims)
        counts["quotes"] += len(analysis.quotes)
    assert errors == []
    assert len(lines) == 2225 + 19043
    assert counts["articles"] == len(texts) == len(lines[::stride])
    # Every corpus article has names and most have figures: far more than one of each per story.
    assert counts["entities"] > counts["articles"] * 5
    assert counts["claims"] > counts["articles"]
    assert counts["quotes"] > 1000 // stride
