"""Speakers across the library: names merged across articles as the analysis merges them in one.

Within an article the entity linker already made "Zelensky" and "Volodymyr Zelensky" one
person; across articles the same person is written "Volodymyr Zelenskyy" in one and "Zelensky"
in another. The same rules apply here, from `analysis.entities.linking` (its `same_name`,
`near` and `name_words`): full names that are spellings of one another are one person, and a
surname alone goes to the full name it belongs to, the one quoted most when several share it
(as the article's dominant bearer of a surname takes it). The merged name is the fullest form,
the most quoted among equals. Speakers that are descriptions ("protesters", "a spokesman")
merge only with the same words.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from functools import lru_cache

from ..analysis.entities.linking import display_name, near, same_name
from ..analysis.entities.linking import name_words as _name_words
from ..models import Speaker
from .tally import Tally

Name = tuple[str, ...]
# A library's names are merged again whenever articles change, and a merge reads each name's
# words several times.
name_words = lru_cache(maxsize=1 << 16)(_name_words)


def merged_names(counts: Mapping[str, int]) -> dict[str, str]:
    """Each speaker as written (with its number of quotes) -> the name it is merged into."""
    people = [s for s in counts if _is_name(s)]
    full = sorted((s for s in people if len(name_words(s)) >= 2), key=lambda s: -counts[s])
    clusters = _Clusters()
    member = {s: clusters.join_full(name_words(s), counts[s]) for s in full}
    for single in sorted(set(people) - set(full), key=lambda s: -counts[s]):
        member[single] = clusters.join_single(name_words(single)[0], counts[single])
    forms: dict[int, list[str]] = defaultdict(list)
    for speaker, cluster in member.items():
        forms[cluster].append(speaker)
    chosen = {c: _canonical(f, counts) for c, f in forms.items()}
    merged = {speaker: chosen[cluster] for speaker, cluster in member.items()}
    descriptions = _descriptions([s for s in counts if s not in merged], counts)
    return {**merged, **descriptions}


def named_as(typed: str, names: Mapping[str, str]) -> set[str]:
    """The merged names a typed name picks: the one it is (in any case), else those with a
    spelling holding every typed word ("zelensky" picks "Volodymyr Zelensky")."""
    words = set(name_words(typed))
    exact = typed.strip().casefold()
    if same := {merged for merged in names.values() if merged.casefold() == exact}:
        return same
    return {
        merged
        for written, merged in names.items()
        if written.casefold() == exact or (words and words <= set(name_words(written)))
    }


def _is_name(speaker: str) -> bool:
    """Capitalised words, one with letters at least ("Lee Seong-kweun", not "protesters", "—")."""
    words = [w for w in speaker.split() if w[:1].isalpha()]
    return bool(words) and all(w[:1].isupper() for w in words) and bool(name_words(speaker))


def _canonical(forms: list[str], counts: Mapping[str, int]) -> str:
    """The fullest form, the most quoted among equals (as linking's `_person_canonical`)."""
    best = max(forms, key=lambda f: (len(name_words(f)), counts[f], f))
    return display_name(best)


def _descriptions(speakers: list[str], counts: Mapping[str, int]) -> dict[str, str]:
    """Descriptions merge on the same words, ignoring case; the most quoted spelling shows."""
    by_key: dict[str, list[str]] = defaultdict(list)
    for speaker in speakers:
        by_key[" ".join(speaker.casefold().split())].append(speaker)
    out: dict[str, str] = {}
    for group in by_key.values():
        shown = max(group, key=lambda s: (counts[s], s))
        out.update(dict.fromkeys(group, shown))
    return out


class _Clusters:
    """Full names in clusters of spellings, found through their last words' one-letter-deleted
    forms: two words one edit apart share one of them, so no name is compared with every other."""

    def __init__(self) -> None:
        self.names: list[list[Name]] = []
        self.quotes: list[int] = []
        self._by_last: dict[str, set[int]] = defaultdict(set)
        self._by_joined: dict[str, int] = {}
        self._by_first: dict[str, set[int]] = defaultdict(set)  # of names of 3+ words

    def join_full(self, words: Name, quotes: int) -> int:
        joined = "".join(words)
        found = self._by_joined.get(joined)
        if found is None:
            found = next(
                (c for c in sorted(self._near_last(words[-1])) if _spells(self.names[c], words)),
                None,
            )
        if found is None:
            found = len(self.names)
            self.names.append([])
            self.quotes.append(0)
        self.names[found].append(words)
        self.quotes[found] += quotes
        self._by_joined.setdefault(joined, found)
        for key in _deletions(words[-1]):
            self._by_last[key].add(found)
        if len(words) >= 3:
            self._by_first[words[0]].add(found)
        return found

    def join_single(self, word: str, quotes: int) -> int:
        candidates = self._near_last(word)
        matches = [c for c in candidates if any(near(word, n[-1]) for n in self.names[c])]
        if not matches:  # East Asian order: "Kim" for "Kim Jong Un", when only one such name
            first = self._by_first.get(word, set())
            matches = list(first) if len(first) == 1 else []
        if matches:
            best = max(matches, key=lambda c: (self.quotes[c], -c))
            self.quotes[best] += quotes
            return best
        return self.join_full((word,), quotes)

    def _near_last(self, word: str) -> set[int]:
        found: set[int] = set()
        for key in _deletions(word):
            found |= self._by_last.get(key, set())
        return found


def _spells(cluster: list[Name], words: Name) -> bool:
    return any(len(n) >= 2 and same_name(words, n) for n in cluster)


def _deletions(word: str) -> set[str]:
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


def spellings_of(names: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    """Each merged name -> its spellings as written, sorted: kept with the names, since every
    count of the speakers (each query typed) shows them."""
    spellings: dict[str, list[str]] = defaultdict(list)
    for written, name in names.items():
        spellings[name].append(written)
    return {name: tuple(sorted(written)) for name, written in spellings.items()}


def speakers_of(counted: Tally, spellings: Mapping[str, tuple[str, ...]]) -> list[Speaker]:
    """Every speaker counted with quote and article counts and date range, the most quoted
    first (then by name, "Director" before "director"), with its ``spellings``."""
    found = [
        Speaker(name, n, counted.articles[name], *counted.span(name), spellings.get(name, ()))
        for name, n in counted.rows.items()
    ]
    return sorted(found, key=lambda s: (-s.quotes, s.name.casefold(), s.name))
