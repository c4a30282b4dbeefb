"""Score direct-quote finding and speaker attribution on PolNeAR (train or dev split).

Usage: ``python bench/quote_eval.py [--split dev|train] [--limit N] [--json] [--errors N]
[--folds K] [--without RULE ...] [--docs DIR]``

The gold and the scoring rules are described in ``bench/gold_quotes.py``. Besides the figures, it
reports how each speaker rule (``index/analysis/quotes/rules.py``) did on the found quotes it
answered. ``--folds K`` also scores K folds of the split (article i in fold i mod K) and gives
their mean and range: the rules learn nothing from the data, so the folds show how much a
figure moves from one set of articles to another, which says whether a change holds.
``--without`` leaves rules out of the cascade. ``--docs DIR`` keeps the parsed articles in DIR
(a spaCy DocBin per split, model and spaCy version), so a second run only applies the rules.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections.abc import Sequence
from pathlib import Path

import spacy
from gold_quotes import (
    POLNEAR,
    GoldQuote,
    Scores,
    articles,
    common_words,
    content_spans,
    gold_quotes,
    main_subject,
    score_article,
    speaker_right,
)
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from newsreader.index.analysis.entities.mentions import find_entities
from newsreader.index.analysis.quotes.rules import RULES, Rule
from newsreader.index.analysis.quotes.spans import find_quotes
from newsreader.index.analysis.runtime.nlp import load_nlp
from newsreader.index.analysis.wrapping import unwrap

# The scorer's names the tests read through this module, as they did before it was split.
__all__ = ["GoldQuote", "Scores", "articles", "evaluate", "gold_quotes", "score_article"]
__all__ += ["speaker_right"]

Item = tuple[str, str, Path, Doc]  # name, text, first .ann, parsed text
FOLD_FIGURES = ("recall", "speaker_accuracy", "end_to_end")


def parsed(split: str, limit: int | None, nlp: Language, docs: Path | None) -> list[Item]:
    """The articles of ``split`` with their parses, read from or written to ``docs``."""
    items = list(articles(split, limit))
    cache = None
    if docs is not None:
        model = f"{nlp.meta['name']}-{nlp.meta['version']}-spacy{spacy.__version__}"
        cache = docs / f"polnear-{split}-{limit or 'all'}-{model}.spacy"
    if cache is not None and cache.exists():
        found = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    else:
        # As the pipeline does: a hard-wrapped article is parsed as its paragraphs.
        found = list(nlp.pipe((unwrap(text) for _, text, _ in items), batch_size=16))
        if cache is not None:
            cache.parent.mkdir(parents=True, exist_ok=True)
            DocBin(docs=found).to_disk(cache)
    return [(n, t, a, d) for (n, t, a), d in zip(items, found, strict=True)]


def score_items(items: Sequence[Item], rules: Sequence[Rule] = RULES) -> list[Scores]:
    """One Scores per article, quotes found with the speaker cascade ``rules``."""
    scored = []
    for _, text, ann, doc in items:
        names = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("PERSON", "ORG")]
        persons = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"]
        subjects = [(e.start_char, e.end_char) for e in doc.ents if main_subject(e)]
        found = find_quotes(doc, find_entities(doc), rules)
        quotes = [q for q in found if not q.partial]
        gold = gold_quotes(text, ann, names, common_words(doc), persons, subjects)
        scores = Scores()
        score_article(quotes, gold, scores, content_spans(ann))
        scored.append(scores)
    return scored


def total(scored: Sequence[Scores]) -> Scores:
    """The sum of several articles' or folds' scores."""
    result = Scores()
    for scores in scored:
        result.add(scores)
    return result


def folds(scored: Sequence[Scores], count: int) -> list[Scores]:
    """The scores of ``count`` folds: article i goes to fold i mod ``count``."""
    return [total(scored[i::count]) for i in range(count)]


def fold_summary(parts: Sequence[Scores]) -> dict[str, dict[str, float | list[float]]]:
    """Mean, lowest and highest of the main figures over folds, and each fold's value."""
    summary: dict[str, dict[str, float | list[float]]] = {}
    for name in FOLD_FIGURES:
        values = [float(part.figures()[name]) for part in parts]
        summary[name] = {
            "mean": round(statistics.fmean(values), 4),
            "min": min(values),
            "max": max(values),
            "folds": values,
        }
    return summary


def evaluate(
    split: str = "dev",
    limit: int | None = None,
    nlp: Language | None = None,
    rules: Sequence[Rule] = RULES,
    docs: Path | None = None,
) -> Scores:
    """Run quote finding on ``split`` and score it."""
    items = parsed(split, limit, nlp or load_nlp(), docs)
    return total(score_items(items, rules))


def _print_text(scores: Scores, parts: Sequence[Scores], examples: int) -> None:
    for key, value in scores.figures().items():
        print(f"{key:>22}: {value}")
    print(f"{'errors':>22}: {dict(scores.errors)}")
    print(f"\n{'speaker rule':<24}{'quotes':>7}{'right':>7}{'wrong':>7}{'unknown':>8}{'acc':>8}")
    for rule, row in scores.rule_figures().items():
        cells = "".join(f"{row[k]:>7}" for k in ("quotes", "right", "wrong"))
        print(f"{rule:<24}{cells}{row['unknown']:>8}{row['accuracy']:>8.3f}")
    if parts:
        print(f"\n{len(parts)} folds (mean, min–max):")
        for name, row in fold_summary(parts).items():
            print(f"{name:>22}: {row['mean']:.4f}  {row['min']:.4f}–{row['max']:.4f}")
    for example in scores.examples[:examples]:
        print(example)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry: print the figures (or JSON) for one split."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "train"), default="dev")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--errors", type=int, default=0, help="print this many error examples")
    parser.add_argument("--folds", type=int, default=0, help="also score this many folds")
    known = [rule.id for rule in RULES]
    parser.add_argument("--without", action="append", default=[], choices=known, help="rule id")
    parser.add_argument("--docs", type=Path, help="keep parsed articles in this folder")
    args = parser.parse_args(argv)
    if not POLNEAR.is_dir():
        print(f"PolNeAR not found at {POLNEAR}", file=sys.stderr)
        return 1
    nlp = load_nlp()
    rules = [rule for rule in RULES if rule.id not in args.without]
    scored = score_items(parsed(args.split, args.limit, nlp, args.docs), rules)
    scores = total(scored)
    parts = folds(scored, args.folds) if args.folds > 1 else []
    if args.json:
        report = {**scores.figures(), "errors": dict(scores.errors)}
        report["rules"] = scores.rule_figures()
        if parts:
            report["folds"] = fold_summary(parts)
        print(json.dumps(report, indent=2))
        for example in scores.examples[: args.errors]:
            print(example)
    else:
        _print_text(scores, parts, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
