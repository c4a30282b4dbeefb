"""Linking the entity mentions of one article to one canonical name per entity.

People: "Volodymyr Zelensky", "Zelenskyy", "Mr Zelensky" and "Zelensky" are one person; the
canonical name is the fullest form (most words, first seen on ties); two first names are two
people. A surname alone goes to the full name it belongs to; when two people share it, a title or
pronoun of one gender rules out the other, the person the article is about (3x the mentions) wins,
else the nearest earlier full name. Near-spellings (edit distance 1 on names of 6+ letters) and
hyphen/space variants ("Kim Jong-un") merge.
Other kinds merge on the same words ignoring case, "the", dots and hyphens.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..lexicon.first_names import gender_of_name
from ..lexicon.pronouns import PRONOUN_GENDER
from ..lexicon.titles import NAME_PARTICLES, NAME_TITLES, title_gender

KINDS: dict[str, str] = {
    "PERSON": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
    "DATE": "date",
    "TIME": "date",
    "EVENT": "event",
}
NAME_TOKEN_MIN = 6  # below this, one letter of difference is usually a different name
DOMINANT = 3  # mentions ratio by which the article's main bearer of a surname takes it
CUE_REACH = 120  # characters after a name searched for the pronoun that tells its gender
KNIGHTLY_TITLES = ("Sir", "Dame")


@dataclass
class _Cluster:
    names: list[tuple[str, ...]] = field(default_factory=list)  # name keys (lowercase words)
    forms: list[str] = field(default_factory=list)  # display forms, in order seen
    full_starts: list[int] = field(default_factory=list)  # offsets of multi-word mentions
    cues: list[str] = field(default_factory=list)  # 'm'/'f' read at its full-name mentions
    starts: list[int] = field(default_factory=list)  # offsets of all its mentions

    def gender(self) -> str | None:
        """A known given name decides; else the cues read at the full names, when they agree."""
        given = {gender_of_name(f) for f in self.forms} - {None}
        if len(given) == 1:
            return given.pop()
        return self.cues[0] if given == set() and len(set(self.cues)) == 1 else None


def kind_of(label: str) -> str:
    """Return the display group of a spaCy label: person, org, place, group, date, event, other."""
    return KINDS.get(label, "other")


def link_mentions(
    text: str, mentions: Sequence[tuple[int, int, str, str]]
) -> list[tuple[str, dict[str, str]]]:
    """Return the final label, canonical name and kind of each (start, end, label, surface)."""
    labels = [label for _, _, label, _ in mentions]
    labels = _people_named_as_things(mentions, labels)
    canon = _person_canonicals(text, mentions, labels)
    canon.update(_thing_canonicals(text, mentions, labels, set(canon)))
    return [
        (labels[i], {"canonical": canon[i], "kind": kind_of(labels[i])})
        for i in range(len(mentions))
    ]


def name_words(surface: str) -> tuple[str, ...]:
    """Return a person's name as lowercase words: titles, dots and hyphens removed, and the
    particle a surname alone opens with ("van Dijk" is Pieter van Dijk's surname)."""
    words = surface.replace("-", " ").replace(".", " ").replace("’", "'").split()
    while len(words) > 1 and (
        words[0].casefold() in NAME_TITLES or (words[0].islower() and words[0] in NAME_PARTICLES)
    ):
        words = words[1:]
    return tuple(w.casefold() for w in words)


def display_name(surface: str) -> str:
    """Return the surface form of a name without leading titles ("Mr Blair" -> "Blair")."""
    words = surface.split()
    while len(words) > 1 and words[0].casefold().rstrip(".") in NAME_TITLES:
        words = words[1:]
    return " ".join(words)


def near(a: str, b: str) -> bool:
    """True when two words are equal or, both being long enough, one edit apart."""
    if a == b:
        return True
    if min(len(a), len(b)) < NAME_TOKEN_MIN or abs(len(a) - len(b)) > 1:
        return False
    return _edit_distance_at_most_one(a, b)


def _edit_distance_at_most_one(a: str, b: str) -> bool:
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]
    return a[i:] == b[i + 1 :]


def same_name(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """True when two multi-word names are spellings of one another."""
    if "".join(a) == "".join(b):  # "Kim Jong-un" / "Kim Jongun"
        return True
    if len(a) == len(b):
        return all(near(x, y) for x, y in zip(a, b, strict=True))
    # A middle name or initial present in one only: same first and last word.
    return near(a[0], b[0]) and near(a[-1], b[-1])


def _people_named_as_things(
    mentions: Sequence[tuple[int, int, str, str]], labels: list[str]
) -> list[str]:
    """Relabel PERSON any mention spelled like a person's name in this article.

    A full name matches a full name; a single word matches a surname; and a two- or three-word
    name ending in a surname seen with a title ("Ms Sturgeon") is that person ("Nicola Sturgeon").
    """
    people = [s for (_, _, _, s), lab in zip(mentions, labels, strict=True) if lab == "PERSON"]
    full = [n for n in map(name_words, people) if len(n) >= 2]
    surnames = {n[-1] for n in full}
    titled = {name_words(s)[-1] for s in people if len(s.split()) == 2 and _has_title(s)}
    out = []
    for (_, _, _, surface), label in zip(mentions, labels, strict=True):
        words = name_words(surface)
        thing = label not in ("PERSON", "DATE", "TIME") and surface[:1].isupper()
        if thing and (
            (len(words) >= 2 and any(same_name(words, n) for n in full))
            or (2 <= len(words) <= 3 and words[-1] in titled)
            or (len(words) == 1 and words[0] in surnames and len(words[0]) >= 3)
        ):
            label = "PERSON"
        out.append(label)
    return out


def _has_title(surface: str) -> bool:
    return surface.split()[0].casefold().rstrip(".") in NAME_TITLES


def _person_canonicals(
    text: str, mentions: Sequence[tuple[int, int, str, str]], labels: list[str]
) -> dict[int, str]:
    people = [i for i, label in enumerate(labels) if label == "PERSON"]
    full = [i for i in people if len(name_words(mentions[i][3])) >= 2]
    single = [i for i in people if len(name_words(mentions[i][3])) < 2]
    clusters: list[_Cluster] = []
    member: dict[int, _Cluster] = {}
    for i in full:
        member[i] = _join_full(clusters, mentions[i])
        cue = gender_cue(text, mentions[i])
        if cue is not None:
            member[i].cues.append(cue)
    for i in single:
        knighted = _knighted(text, mentions[i][0])
        member[i] = _join_single(clusters, mentions[i], gender_cue(text, mentions[i]), knighted)
    return {i: _person_canonical(c) for i, c in member.items()}


def _join_full(clusters: list[_Cluster], mention: tuple[int, int, str, str]) -> _Cluster:
    start, _, _, surface = mention
    words = name_words(surface)
    cluster = next((c for c in clusters if any(same_name(words, n) for n in c.names)), None)
    if cluster is None:
        cluster = _Cluster()
        clusters.append(cluster)
    cluster.names.append(words)
    cluster.forms.append(display_name(surface))
    cluster.full_starts.append(start)
    cluster.starts.append(start)
    return cluster


def gender_cue(text: str, mention: tuple[int, int, str, str]) -> str | None:
    """'m'/'f' from a title before the name ("Mrs. Scott") or, failing that, from the first
    he/she/his/her after it in its sentence when no other capitalised word comes between
    ("Cruz could turn back on a pledge he made"): with another name between, the pronoun may
    be that person's."""
    start, end, _, surface = mention
    before = (text[max(0, start - 6) : start].split() or [""])[-1].casefold()
    title = surface.split()[0].casefold() if len(surface.split()) > 1 else before
    gender = title_gender(title)
    if gender is not None:
        return gender
    after = text[end : end + CUE_REACH]
    for word in after.replace("’", " ").replace("'", " ").split():
        bare = word.strip('.,;:!?"“”()')
        if bare.casefold() in PRONOUN_GENDER and bare.islower():
            return PRONOUN_GENDER[bare]
        if bare[:1].isupper() or word[-1:] in ".!?" or "\n" in word:
            return None
    return None


def _knighted(text: str, start: int) -> bool:
    """Whether a one-word name follows "Sir" or "Dame", which British usage puts before a given
    name: "Sir John" is Sir John Bourn, not a Mr John."""
    before = text[max(0, start - 6) : start].split()
    return bool(before) and before[-1] in KNIGHTLY_TITLES


def _join_single(
    clusters: list[_Cluster],
    mention: tuple[int, int, str, str],
    cue: str | None,
    knighted: bool = False,
) -> _Cluster:
    start, _, _, surface = mention
    word = name_words(surface)[0]
    matches = [c for c in clusters if any(near(word, n[-1]) for n in c.names)]
    if knighted:  # a writer abroad may still put the surname after the title
        given = [c for c in clusters if any(len(n) >= 2 and n[0] == word for n in c.names)]
        matches = given or matches
    if not matches:  # East Asian order: "Kim" for "Kim Jong Un"
        matches = [c for c in clusters if any(len(n) >= 3 and n[0] == word for n in c.names)]
    if not matches:
        matches = [c for c in clusters if any(near(word, n[0]) for n in c.names if len(n) == 1)]
    if len(matches) > 1 and cue is not None:
        # Two people share the surname: "Mrs. Scott" or "Cruz ... he" rules out the other.
        agreeing = [c for c in matches if c.gender() in (None, cue)]
        matches = agreeing or matches
    cluster = _nearest_before(matches, start) if matches else None
    if cluster is None:
        cluster = _Cluster()
        clusters.append(cluster)
    cluster.names.append((word,))
    cluster.forms.append(display_name(surface))
    cluster.starts.append(start)
    return cluster


def _nearest_before(clusters: list[_Cluster], start: int) -> _Cluster:
    """The cluster whose full name was written last before ``start``; else the first one.

    The person the article is about outweighs one named in passing: with DOMINANT times the
    mentions of any other so far, a lone surname is theirs ("Ted Cruz" all along, "Heidi Cruz"
    once as the object of a sentence).
    """
    if len(clusters) > 1:
        counts = sorted((sum(s < start for s in c.starts), i) for i, c in enumerate(clusters))
        (second, _), (first, best) = counts[-2:]
        if first >= DOMINANT * max(second, 1):
            return clusters[best]

    def latest_before(cluster: _Cluster) -> int:
        return max((s for s in cluster.full_starts if s < start), default=-1)

    best = max(clusters, key=latest_before)
    return best if latest_before(best) >= 0 else clusters[0]


def _person_canonical(cluster: _Cluster) -> str:
    most = max(len(f.split()) for f in cluster.forms)
    return next(f for f in cluster.forms if len(f.split()) == most)


def _thing_canonicals(
    text: str, mentions: Sequence[tuple[int, int, str, str]], labels: list[str], done: set[int]
) -> dict[int, str]:
    groups: dict[tuple[str, str], list[int]] = {}
    for i, (_, _, _, surface) in enumerate(mentions):
        if i in done:
            continue
        kind = kind_of(labels[i])
        key = surface.casefold() if kind == "date" else _thing_key(surface)
        groups.setdefault((kind, key), []).append(i)
    canon: dict[int, str] = {}
    for (kind, _), members in groups.items():
        forms = [_thing_display(text, mentions[i], kind) for i in members]
        name = _preferred_form(forms)
        canon.update(dict.fromkeys(members, name))
    return canon


def _thing_key(surface: str) -> str:
    words = surface.replace("-", " ").replace(".", "").casefold().split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _thing_display(text: str, mention: tuple[int, int, str, str], kind: str) -> str:
    start, _, _, surface = mention
    if kind == "date":
        return surface
    words = surface.split()
    sentence_start = start == 0 or text[:start].rstrip()[-1:] in '.!?\n"“'
    if len(words) > 1 and (words[0] == "the" or (words[0] == "The" and sentence_start)):
        words = words[1:]
    name = " ".join(words)
    if kind in ("place", "group") and name.islower():
        name = name.title()
    return name


def _preferred_form(forms: list[str]) -> str:
    """The most frequent form, preferring capitals but not all-capitals; first seen on ties.

    "London" wins over a dateline's "LONDON", and "Kyiv" over "kyiv"."""
    counts = Counter(forms)
    return max(forms, key=lambda f: (not f.islower(), not f.isupper(), counts[f], -forms.index(f)))


def own_name(name: str, known: dict[tuple[str, ...], str]) -> str | None:
    """The person a full name ("Governor Chris Christie") is, or the name itself when its first
    name differs from every person with that surname ("Keith Scott" beside "Rakeyia Scott");
    None for a lone surname ("Mr. Obama"), which goes by the surname."""
    words = name_words(name)
    if len(words) < 2:
        return None
    kin = [k for k in known if k[-1] == words[-1] and len(k) > 1]
    same = next((known[k] for k in kin if same_name(words, k)), None)
    return same or (name if kin else None)
