"""A learned ranker over candidate speakers against the rule cascade (issue 14), decided by data.

    .venv/bin/python bench/speaker_ranker.py --docs /tmp/docs [--folds 5] [--json]

For every direct quote found, ``bench/ranker_candidates.py`` lists candidate speakers (the
cascade's answer with its rule, the persons and organisations named in the quote's paragraph
and the two before it, the previous quote's speaker) with a few dozen features. A conditional
logit (a linear score per candidate, softmax over the quote's candidates, L2) is trained with
numpy on PolNeAR train; its pick replaces the cascade's answer only when it beats it by a
margin (or, where the cascade named nobody, when its probability passes a threshold), both
tuned by an inner cross-validation on the training articles alone.

It reports, with the scorer of ``bench/quote_eval.py`` (``score_article``), on identical folds
(article i in fold i mod K): the rules and the ranker per fold of train (trained on the other
folds), then the ranker trained on all of train scored on dev and on the outlet sample of
``bench/outlet_speakers.py``. The oracle line says how often a right candidate was there.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from gold_quotes import (
    Scores,
    _length,
    _overlap,
    common_words,
    content_spans,
    gold_quotes,
    main_subject,
    score_article,
    speaker_right,
)
from outlet_speakers import SAMPLES, _figures, verdict
from quote_eval import Item, parsed, total
from ranker_candidates import FEATURES, QuoteCandidates, article_candidates

from newsreader.index.analysis.runtime.nlp import load_nlp
from newsreader.index.analysis.wrapping import unwrap

Choice = Callable[[QuoteCandidates], str | None]


@dataclass(slots=True)
class Article:
    """One PolNeAR article: its quotes with candidates, its gold, and the training groups."""

    quotes: list[QuoteCandidates]
    gold: list
    contents: list[tuple[int, int]]
    groups: list[tuple[np.ndarray, np.ndarray, int]]  # features, labels, cascade's index


def build(items: Sequence[Item]) -> list[Article]:
    """Candidates and labels of every article (labels: the scorer's verdict per candidate)."""
    built = []
    for _, text, ann, doc in items:
        quotes = article_candidates(doc)
        gold = gold_of(text, ann, doc)
        groups = []
        for item in gold:
            best = max(quotes, key=lambda q: _overlap(q.quote.spans, item.spans), default=None)
            if best is None or 2 * _overlap(best.quote.spans, item.spans) < _length(item.spans):
                continue
            groups.append(_group(best, item))
        built.append(Article(quotes, gold, content_spans(ann), groups))
    return built


def _group(found: QuoteCandidates, gold) -> tuple[np.ndarray, np.ndarray, int]:
    features = np.array([c.features for c in found.candidates], dtype=float).reshape(
        -1, len(FEATURES)
    )
    labels = np.array([speaker_right(c.name, gold) for c in found.candidates], dtype=float)
    cascade = next((i for i, c in enumerate(found.candidates) if c.features[0]), -1)
    return features, labels, cascade


class Ranker:
    """A linear score per candidate; its pick overrides the cascade past a margin."""

    def __init__(self, weights: np.ndarray, margin: float = 0.0, threshold: float = 0.0):
        self.weights, self.margin, self.threshold = weights, margin, threshold

    def choose(self, found: QuoteCandidates) -> str | None:
        features = np.array([c.features for c in found.candidates]).reshape(-1, len(FEATURES))
        cascade = next((i for i, c in enumerate(found.candidates) if c.features[0]), -1)
        index = _pick(features @ self.weights, cascade, self.margin, self.threshold)
        return found.candidates[index].name if index >= 0 else found.quote.speaker


def fit(groups: Sequence[tuple[np.ndarray, np.ndarray, int]], l2: float = 1e-3) -> np.ndarray:
    """Weights of the conditional logit, full-batch Adam on the padded groups."""
    kept = [(x, y) for x, y, _ in groups if y.any()]  # no right candidate: nothing to learn
    width = max(len(y) for _, y in kept)
    x = np.zeros((len(kept), width, len(FEATURES)))
    mask = np.zeros((len(kept), width), dtype=bool)
    y = np.zeros((len(kept), width))
    for i, (features, labels) in enumerate(kept):
        x[i, : len(labels)], y[i, : len(labels)], mask[i, : len(labels)] = features, labels, True
    w = np.zeros(len(FEATURES))
    m, v = np.zeros_like(w), np.zeros_like(w)
    for step in range(1, 801):
        scores = np.where(mask, x @ w, -np.inf)
        probs = np.exp(scores - scores.max(axis=1, keepdims=True))
        probs /= probs.sum(axis=1, keepdims=True)
        right = probs * y
        right /= right.sum(axis=1, keepdims=True)
        grad = np.einsum("gc,gcf->f", probs - right, x) / len(kept) + l2 * w
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad**2
        w -= 0.05 * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
    return w


def trained(articles: Sequence[Article], penalty: float = 1.0, inner: int = 4) -> Ranker:
    """A ranker fitted on ``articles``, its margin and threshold from an inner CV on them.

    The settings maximise right answers minus ``penalty`` per wrong name (a quote left
    without a speaker costs nothing): at 0 that is the scorer's accuracy, at 1 a wrong name
    undoes a right one, so a quote the cascade left unattributed is filled only when its
    best candidate is likelier right than wrong.
    """
    held: list[tuple[np.ndarray, np.ndarray, int, np.ndarray]] = []
    for k in range(inner):
        fitted = fit([g for i, a in enumerate(articles) if i % inner != k for g in a.groups])
        held += [(x, y, c, x @ fitted) for a in articles[k::inner] for x, y, c in a.groups]
    margins = np.arange(-1.0, 4.01, 0.25)
    margin = max(margins, key=lambda t: _utility(held, t, 1.1, penalty))
    thresholds = np.arange(0.0, 1.01, 0.05)
    threshold = max(thresholds, key=lambda t: _utility(held, margin, t, penalty))
    weights = fit([g for a in articles for g in a.groups])
    return Ranker(weights, float(margin), float(threshold))


def _utility(held: list, margin: float, threshold: float, penalty: float) -> float:
    """Right picks minus ``penalty`` per wrong one over held-out groups (scores precomputed)."""
    picks = [(_pick(scores, cascade, margin, threshold), y) for _, y, cascade, scores in held]
    right = sum(1 for index, y in picks if index >= 0 and y[index] > 0)
    wrong = sum(1 for index, y in picks if index >= 0 and not y[index] > 0)
    return right - penalty * wrong


def _pick(scores: np.ndarray, cascade: int, margin: float, threshold: float) -> int:
    """The chosen candidate: the best unless the cascade's is within ``margin`` of it; with
    no cascade answer, the best when its probability passes ``threshold``; -1 for nobody."""
    if not len(scores):
        return -1
    best = int(np.argmax(scores))
    if cascade >= 0:
        return best if scores[best] - scores[cascade] > margin else cascade
    probs = np.exp(scores - scores.max())
    return best if probs[best] / probs.sum() > threshold else -1


def score(articles: Sequence[Article], choose: Choice | None) -> list[Scores]:
    """The scorer's figures with each quote's speaker from ``choose`` (None: the cascade's)."""
    parts = []
    for article in articles:
        quotes = [
            q.quote if choose is None else replace(q.quote, speaker=choose(q))
            for q in article.quotes
        ]
        scores = Scores()
        score_article(quotes, article.gold, scores, article.contents)
        parts.append(scores)
    return parts


def oracle(articles: Sequence[Article]) -> dict[str, float]:
    """How often some candidate is right, over all groups and where the cascade is not."""
    groups = [g for a in articles for g in a.groups]
    wrong = [g for g in groups if g[2] < 0 or not g[1][g[2]]]
    return {
        "groups": len(groups),
        "any_right": round(sum(bool(y.any()) for _, y, _ in groups) / len(groups), 4),
        "cascade_not_right": len(wrong),
        "recoverable": sum(bool(y.any()) for _, y, _ in wrong),
        "mean_candidates": round(statistics.fmean(len(y) for _, y, _ in groups), 2),
    }


def gold_of(text: str, ann: Path, doc) -> list:
    """The gold direct quotes of an article, read as ``quote_eval.score_items`` reads them."""
    names = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("PERSON", "ORG")]
    persons = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"]
    subjects = [(e.start_char, e.end_char) for e in doc.ents if main_subject(e)]
    return gold_quotes(text, ann, names, common_words(doc), persons, subjects)


def outlet(nlp, choose: Choice | None) -> dict[str, dict[str, float | int]]:
    """``bench/outlet_speakers.py``'s figures, each quote's speaker from ``choose``."""
    tsv = SAMPLES["outlet"].tsv
    sample = [line.split("\t") for line in tsv.read_text("utf-8").splitlines()]
    texts = SAMPLES["outlet"].texts({article for article, _, _ in sample})
    docs = dict(zip(texts, nlp.pipe(unwrap(t) for t in texts.values()), strict=True))
    found = {a: article_candidates(doc, partial=True) for a, doc in docs.items()}
    counts: dict[str, Counter[str]] = {"all": Counter(), "bbc": Counter(), "reuters": Counter()}
    for article, offset, gold in sample:
        at = int(offset)
        hit = next((q for q in found[article] if q.quote.start <= at < q.quote.end), None)
        quote = None if hit is None else hit.quote
        if hit is not None and choose is not None:
            quote = replace(hit.quote, speaker=choose(hit))
        outcome = verdict(quote, gold.strip())
        for group in ("all", "bbc" if article.startswith("bbc") else "reuters"):
            counts[group][outcome] += 1
    return {group: _figures(c) for group, c in counts.items()}


def cross_validated(articles: Sequence[Article], count: int, penalty: float) -> dict:
    """Rules and ranker per fold (article i in fold i mod ``count``), the ranker trained on
    the other folds only."""
    rows = []
    for k in range(count):
        ranker = trained([a for i, a in enumerate(articles) if i % count != k], penalty)
        held = articles[k::count]
        rows.append({"rules": _figures_of(held, None), "ranker": _figures_of(held, ranker.choose)})
    return {
        "folds": rows,
        "mean": {
            design: {
                name: round(statistics.fmean(row[design][name] for row in rows), 4)
                for name in ("speaker_accuracy", "end_to_end")
            }
            for design in ("rules", "ranker")
        },
    }


def _figures_of(articles: Sequence[Article], choose: Choice | None) -> dict[str, float | int]:
    scores = total(score(articles, choose))
    figures = scores.figures()
    return {
        "speaker_accuracy": figures["speaker_accuracy"],
        "end_to_end": figures["end_to_end"],
        "wrong": scores.errors["wrong speaker"],
        "unnamed": scores.errors["no speaker"],
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry: the comparison as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, help="parsed PolNeAR kept here (quote_eval.py)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--penalty", type=float, default=1.0, help="cost of a wrong name")
    args = parser.parse_args(argv)
    nlp = load_nlp()
    train = build(parsed("train", None, nlp, args.docs))
    dev = build(parsed("dev", None, nlp, args.docs))
    report: dict = {"oracle_train": oracle(train)}
    report["cross_validated"] = cross_validated(train, args.folds, args.penalty)
    ranker = trained(train, args.penalty)
    report["settings"] = {"margin": ranker.margin, "threshold": ranker.threshold}
    report["dev"] = {"rules": _figures_of(dev, None), "ranker": _figures_of(dev, ranker.choose)}
    report["outlet"] = {
        "rules": outlet(nlp, None)["all"],
        "ranker": outlet(nlp, ranker.choose)["all"],
    }
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
