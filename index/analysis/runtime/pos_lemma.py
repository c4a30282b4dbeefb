"""Coarse tags and lemmas as the model's attribute ruler and lemmatizer give them, but cached.

The stock components cost about a fifth of spaCy's time: the ruler matches ~180 patterns and
then sets attributes with one Python call per match, and the lemmatizer runs per token too. Yet
what they assign depends on the token alone (text, fine tag, dependency label), except where one
of a few two-token patterns ("there is", "gon na") matches. So each distinct token is run through
the real components once and every later occurrence copies the result; tokens a two-token
pattern matched are run with their neighbours. The annotations come out identical to the stock
pipeline's (tests/test_pos_lemma.py compares them).
"""

# No "from __future__ import annotations": spaCy builds the factory's argument model from its
# annotations, and older confection releases cannot resolve postponed (string) ones.

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, MorphAnalysis

if TYPE_CHECKING:
    from spacy.pipeline import AttributeRuler, Lemmatizer
    from spacy.tokens import Token

NAME = "newsreader_pos_lemma"
REPLACES: tuple[str, str] = ("attribute_ruler", "lemmatizer")

# Past this many distinct tokens the cache starts again, so a long run's memory stays bounded.
MAX_CACHED = 100_000  # about 40 MB

# (orth, tag, dep class) of a token; for a token in a two-token match, its position in the
# window followed by (orth, tag, dep) of every window token.
_Key = tuple[int, ...]
# What the stock components leave on a token: pos, lemma, morph, tag, dep.
_Value = tuple[int, int, MorphAnalysis, int, int]


def use_pos_lemma(nlp: Language) -> None:
    """Swap the stock ruler and lemmatizer for the cached component, where the model has them."""
    if not all(n in nlp.pipe_names for n in REPLACES):
        return
    nlp.add_pipe(NAME, before=REPLACES[0])
    for name in REPLACES:
        nlp.disable_pipe(name)


class PosLemma:
    """Sets pos, lemma, morph (and the ruler's whitespace tag and dep) from a cache."""

    def __init__(self, ruler: "AttributeRuler", lemmatizer: "Lemmatizer") -> None:
        self.ruler, self.lemmatizer = ruler, lemmatizer
        _index_as_sets(lemmatizer)
        self.vocab = ruler.vocab
        self._cache: dict[_Key, _Value] = {}
        self._morphs: dict[int, MorphAnalysis] = {}
        self._pairs, self._targets, self._width = _pair_matcher(ruler)
        self._is_target_word = _target_words(ruler)
        self._may_pair: dict[int, bool] = {}
        self._tested_deps = _tested_deps(ruler)
        self._other_dep = self.vocab.strings.add("newsreader:untested-dep")
        self._dep_class: dict[int, int] = {}

    def __call__(self, doc: Doc) -> Doc:
        cache, dep_class, may_pair = self._cache, self._dep_class, self._may_pair
        misses: dict[_Key, list[Token]] = {}
        for token in doc:
            orth = token.orth
            candidate = may_pair.get(orth)
            if candidate is None:
                candidate = may_pair[orth] = self._is_target_word(token.lower_)
            key = self._pair_key(token) if candidate else None
            if key is None:
                dep = token.dep
                merged = dep_class.get(dep)
                if merged is None:
                    merged = dep_class[dep] = self._merge_dep(dep)
                key = (orth, token.tag, merged)
            value = cache.get(key)
            if value is None:
                misses.setdefault(key, []).append(token)
            else:
                _apply(token, value)
        if misses:
            if len(cache) + len(misses) > MAX_CACHED:
                cache.clear()
            self._fill(list(misses))
            for key, tokens in misses.items():
                for token in tokens:
                    _apply(token, cache[key])
        return doc

    def _merge_dep(self, dep: int) -> int:
        # A label no pattern tests behaves like any other such label, so they share entries.
        if self._tested_deps is None or self.vocab.strings[dep] in self._tested_deps:
            return dep
        return self._other_dep

    def _pair_key(self, token: "Token") -> _Key | None:
        """A window key when a multi-token pattern assigns to ``token``, else None."""
        doc, i, width = token.doc, token.i, self._width
        window = doc[max(0, i - width) : i + width + 1]
        target = i - window.start
        for match_id, start, end in self._pairs(window, allow_missing=True):
            if range(start, end)[self._targets[match_id]] == target:
                key = [target]
                for t in window:
                    key.extend((t.orth, t.tag, t.dep))
                return tuple(key)
        return None

    def _fill(self, keys: list[_Key]) -> None:
        """Annotate missing keys: single tokens together in one Doc, windows one by one."""
        singles = [k for k in keys if len(k) == 3]
        for key in keys:
            if len(key) != 3:
                self._cache[key] = self._annotate(key[0], _triples(key[1:]))
        if not singles:
            return
        batch = self._run(singles)
        for token, key in zip(batch, singles, strict=True):
            # Neighbours in the batch are arbitrary: a token a pattern pair reached is redone alone.
            paired = self._may_pair.get(token.orth) and self._pair_key(token)
            self._cache[key] = self._annotate(0, [key]) if paired else self._value(token, key)

    def _annotate(self, target: int, triples: list[_Key]) -> _Value:
        return self._value(self._run(triples)[target], triples[target])

    def _run(self, triples: list[_Key]) -> Doc:
        """The stock components on a Doc of the given (orth, tag, dep) tokens."""
        strings = self.vocab.strings
        doc = Doc(self.vocab, words=[strings[orth] for orth, _, _ in triples])
        for token, (_, tag, dep) in zip(doc, triples, strict=True):
            token.tag, token.dep = tag, dep
        return self.lemmatizer(self.ruler(doc))

    def _value(self, token: "Token", given: _Key) -> _Value:
        morph = self._morphs.get(token.morph.key)
        if morph is None:
            morph = self._morphs[token.morph.key] = token.morph
        _, tag, dep = given
        return (
            token.pos,
            token.lemma,
            morph,
            token.tag if token.tag != tag else 0,
            token.dep if token.dep != dep else 0,
        )


def _apply(token: "Token", value: _Value) -> None:
    pos, lemma, morph, tag, dep = value
    token.pos = pos
    token.lemma = lemma
    token.morph = morph
    if tag:
        token.tag = tag
    if dep:
        token.dep = dep


def _index_as_sets(lemmatizer: "Lemmatizer") -> None:
    """Make the lemmatizer's known-word lists sets: it tests candidate forms against them with
    ``in``, a scan of up to 57,000 words per candidate as lists. The answers do not change."""
    table = lemmatizer.lookups.get_table("lemma_index", None)
    for pos in list(table or ()):
        if isinstance(table[pos], list):
            table[pos] = frozenset(table[pos])


def _triples(flat: _Key) -> list[_Key]:
    return [flat[j : j + 3] for j in range(0, len(flat), 3)]


def _pair_matcher(ruler: "AttributeRuler") -> tuple[Matcher, dict[int, int], int]:
    """A matcher for the ruler's multi-token patterns, each one's target index, their reach."""
    matcher = Matcher(ruler.vocab)
    targets: dict[int, int] = {}
    width = 0
    for n, entry in enumerate(ruler.patterns):
        patterns = [p for p in entry["patterns"] if len(p) > 1]
        if not patterns:
            continue
        name = f"newsreader:pair{n}"
        matcher.add(name, patterns)
        targets[ruler.vocab.strings[name]] = entry.get("index", 0)
        width = max(width, *(len(p) - 1 for p in patterns))
    return matcher, targets, width


def _target_words(ruler: "AttributeRuler") -> Callable[[str], bool]:
    """A test for the lowercase words a multi-token pattern can assign attributes to."""
    words: set[str] = set()
    regexes: list[re.Pattern[str]] = []
    anything = False
    for entry in ruler.patterns:
        for pattern in entry["patterns"]:
            if len(pattern) < 2:
                continue
            test: Any = pattern[entry.get("index", 0)].get("LOWER")
            if isinstance(test, str):
                words.add(test)
            elif isinstance(test, dict) and set(test) == {"IN"}:
                words.update(test["IN"])
            elif isinstance(test, dict) and set(test) == {"REGEX"}:
                regexes.append(re.compile(test["REGEX"]))
            else:
                anything = True  # no word test: every token could be a target

    def is_target(lower: str) -> bool:
        return anything or lower in words or any(r.search(lower) for r in regexes)

    return is_target


def _tested_deps(ruler: "AttributeRuler") -> set[str] | None:
    """The dependency labels the patterns test, or None when a test is not a plain comparison.

    With only plain values, IN and NOT_IN, no pattern can tell two untested labels apart.
    """
    tested: set[str] = set()
    for entry in ruler.patterns:
        for pattern in entry["patterns"]:
            for spec in pattern:
                test = spec.get("DEP")
                if test is None:
                    continue
                if isinstance(test, str):
                    tested.add(test)
                elif isinstance(test, dict) and set(test) <= {"IN", "NOT_IN"}:
                    tested.update(*test.values())
                else:
                    return None
    return tested


@Language.factory(NAME)
def make_pos_lemma(nlp: Language, name: str) -> PosLemma:
    """Build the component from the pipeline's own (disabled) ruler and lemmatizer."""
    ruler, lemmatizer = (nlp.get_pipe(n) for n in REPLACES)
    return PosLemma(ruler, lemmatizer)  # type: ignore[arg-type]
