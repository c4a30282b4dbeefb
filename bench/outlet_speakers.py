"""Speaker accuracy on news from other outlets: a hand-labelled sample of BBC and Reuters quotes.

`bench/outlet_speakers.tsv` holds 170 quotes from 30 BBC and 25 Reuters-21578 articles of
`../shared/corpus/` (drawn at random among those with at least two quotes, seed 2026), labelled
by reading: the article id, the offset where the quote's text starts, and the speaker a reader
would name (alternatives after "|": the article's own ways of naming them, such as "the
ministry"; "-" where nobody is named). Only ids, offsets and names are kept here, never text.
None of these articles was used to write the speaker rules (PolNeAR was), so this is the
held-out figure beside PolNeAR's.

A quote found by the current analysis at that offset is scored: right when the speaker given
names one of the alternatives (the same last word, titles aside), wrong when it names another,
unnamed when it gives none; a quote not found is missed.

    .venv/bin/python bench/outlet_speakers.py [--errors]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from common import corpus_files, emit

SAMPLE = Path(__file__).with_name("outlet_speakers.tsv")
TITLES = {"mr", "mrs", "ms", "sir", "dr", "mr.", "mrs.", "ms.", "dr.", "lord", "lady"}


def words(name: str) -> list[str]:
    return [w for w in name.lower().replace("'s ", " ").split() if w not in TITLES]


def names_one_of(predicted: str, gold: str) -> bool:
    """Whether ``predicted`` names one of gold's alternatives (same last word, or the same
    description)."""
    said = words(predicted)
    return any(said and (said == words(alt) or said[-1] == words(alt)[-1:][0])
               for alt in gold.split("|") if words(alt))  # fmt: skip


def verdict(quote, gold: str) -> str:
    if quote is None:
        return "missed"
    if gold == "-":
        return "right" if quote.speaker is None else "wrong"
    if quote.speaker is None:
        return "unnamed"
    return "right" if names_one_of(quote.speaker, gold) else "wrong"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--errors", action="store_true", help="print every quote not right")
    args = parser.parse_args()
    from newsreader.index.analysis.runtime.nlp import load_analyzer

    analyzer = load_analyzer([])
    if analyzer is None:
        sys.exit("this benchmark needs the [analysis] extra")
    sample = [line.rstrip("\n").split("\t") for line in SAMPLE.read_text("utf-8").splitlines()]
    wanted = {article for article, _, _ in sample}
    texts = {}
    for path in corpus_files("bbc.jsonl", "reuters21578.jsonl"):
        for line in path.open(encoding="utf-8"):
            row = json.loads(line)
            if row["id"] in wanted:
                texts[row["id"]] = row["text"]
    quotes = {article: analyzer.analyze(text).quotes for article, text in texts.items()}
    counts: dict[str, Counter[str]] = {"all": Counter(), "bbc": Counter(), "reuters": Counter()}
    for article, offset, gold in sample:
        at = int(offset)
        found = next((q for q in quotes[article] if q.start <= at < q.end), None)
        outcome = verdict(found, gold)
        for group in ("all", "bbc" if article.startswith("bbc") else "reuters"):
            counts[group][outcome] += 1
        if args.errors and outcome != "right":
            print(f"{outcome:8} {article} @{at}: {found.speaker if found else None!r} "
                  f"(rule {found.speaker_rule if found else None}), gold {gold!r}")  # fmt: skip
    emit("outlet_speakers", {group: _figures(c) for group, c in counts.items()})


def _figures(c: Counter[str]) -> dict[str, float | int]:
    named = c["right"] + c["wrong"]
    found = named + c["unnamed"]
    return {
        "quotes": sum(c.values()),
        **{k: c[k] for k in ("right", "wrong", "unnamed", "missed")},
        "speaker_accuracy": round(c["right"] / found, 3) if found else 0.0,
        "accuracy_when_named": round(c["right"] / named, 3) if named else 0.0,
    }


if __name__ == "__main__":
    main()
