"""Resolving a pronoun or a role description ("he", "the president") to an earlier person.

A light, salience-first rule rather than full coreference: walking back sentence by sentence
from the mention, the first person who is the *subject* of a sentence and whose gender agrees
is taken; if a few sentences hold no such subject, the latest agreeing non-possessive mention.
Gender comes from titles (Mr., Ms.) and from the he/she pronouns that follow a person's
subject mentions in the article.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from spacy.tokens import Doc, Span, Token

from ...models import Entity
from ..entities.linking import name_words, own_name
from ..lexicon.dependencies import SUBJECT_DEPS
from ..lexicon.first_names import gender_of_name
from ..lexicon.pronouns import PRONOUN_GENDER
from ..lexicon.roles import ROLE_QUALIFIERS, SPOKESPEOPLE, role_gender
from ..lexicon.speech_verbs import SPEECH_VERBS
from ..lexicon.titles import title_gender
from ..runtime.doc_text import text_of
from .described import (
    definite_role_subjects,
    described_role,
    described_subjects,
    description_span,
    introduced_before,
    qualified_role,
    titled_subject,
)
from .questions import asked_about

WINDOW = 6  # sentences to look back for a subject
CHAIN = 4  # pronouns handed on from one sentence's subject to the next


class Referents:
    """Finds the person a pronoun or description in one article refers to."""

    def __init__(self, doc: Doc, entities: Sequence[Entity], inside: Callable[[int], bool]):
        self.doc = doc
        self.text = text_of(doc)
        self.inside = inside
        self._renamed: dict[Entity, Token | None] = {}
        self.persons = [e for e in entities if e.label == "PERSON" and not inside(e.start)]
        self.persons += self._untagged_subjects(entities)
        described = described_subjects(doc, inside)
        self.persons += described
        self.persons.sort(key=lambda e: e.start)
        self.heads = {id(e): self._head(e) for e in self.persons}
        self.orphans = {id(e) for e in self.persons if self._before_subjectless_root(e)}
        self.genders = self._genders()
        for entity in described:  # "A Chrysler spokeswoman" tells it; pronouns may stray
            role = described_role(entity.text)
            gender = role_gender(role) if role is not None else None
            if gender is not None:
                self.genders[entity.canonical] = gender
        self._add_definite_roles(definite_role_subjects(doc, inside))

    def _add_definite_roles(self, subjects: list[Token]) -> None:
        """Each "the spokesman said" as a mention of whom the cue reader takes it for: the
        person last called so, else the one "a company spokesman" introduced, else the one
        salience gives, else its own words. A later "he said" may be them."""
        added = []
        for token in subjects:
            role, gender = qualified_role(token), role_gender(token.lower_)
            span = description_span(token)
            found = self.role_referent(token, gender, role)
            canonical = found.text if isinstance(found, Span) else span.text
            canonical = found.canonical if isinstance(found, Entity) else canonical
            entity = Entity(
                span.text, "PERSON", span.start_char, span.end_char, canonical, "person"
            )
            added.append(entity)
            if canonical == span.text and gender is not None:
                self.genders[canonical] = gender
        self.persons = sorted([*self.persons, *added], key=lambda e: e.start)
        self.heads.update({id(e): self._head(e) for e in added})

    def role_referent(self, token: Token, gender: str | None, role: str) -> Entity | Span | None:
        """Whom "the spokesman" is: the person last called so, else the description of the one
        an earlier "a company spokesman" introduced, else salience's pick, else None."""
        holder = self.holder(token, gender, role)
        if holder is not None:
            return holder
        earlier = introduced_before(token, self.inside)
        if earlier is not None:
            return description_span(earlier)
        if token.lemma_.lower() in SPOKESPEOPLE:
            return description_span(token)
        return self.resolve(token, gender, role)

    def resolve(
        self, token: Token, gender: str | None, role: str | None = None, depth: int = 0
    ) -> Entity | None:
        """The person ``token`` refers to, or None when no earlier person fits.

        A role ("the president") goes first to the latest person ever called so; only when
        nobody was does it fall to the salience rule of a pronoun. A sentence whose main
        subject is a pronoun of the same gender, with no named main subject of its own,
        hands on that pronoun's referent: the paragraph is about that person ("She appeared
        to imply that Trump ... than Clinton ... '…,' she said" is not Clinton).
        """
        if role and (titled := self.holder(token, gender, role)) is not None:
            return titled
        sentence = token.sent
        fallback: Entity | None = None
        for _ in range(WINDOW):
            # A long quote's sentences are no part of the window: they name no speaker.
            while sentence.start > 0 and sentence.end <= token.i and self._quoted(sentence):
                sentence = self.doc[sentence.start - 1].sent
            candidates = [
                e
                for e in self.persons
                if sentence.start_char <= e.start < min(sentence.end_char, token.idx)
                and self._agrees(e, gender)
                and not self._asked_about(e, token)
            ]
            subjects = self._named_heads([e for e in candidates if self._dep(e) in SUBJECT_DEPS])
            chained = self._pronoun_subject(sentence, token, gender) if depth < CHAIN else None
            if chained is not None and not any(self._main_subject(e) for e in subjects):
                return self.resolve(chained, gender, None, depth + 1) or fallback
            if subjects:
                main = [e for e in subjects if self._main_subject(e)]
                found = (main or subjects)[0]
                # "said Batchelder. ... with Hillary Clinton lambasting it. '...,' she said":
                # a nearer person known to be of the pronoun's gender beats an earlier subject
                # whose gender is unknown.
                if gender and fallback and self.genders.get(found.canonical) is None:
                    return fallback if self.genders.get(fallback.canonical) == gender else found
                return found
            others = [e for e in candidates if self._dep(e) != "poss"]
            fallback = fallback or (others[-1] if others else None)
            if sentence.start == 0:
                break
            sentence = self.doc[sentence.start - 1].sent
        return fallback

    def holder(self, token: Token, gender: str | None, role: str) -> Entity | None:
        """The latest person before ``token`` ever called ``role``, or None."""
        titled = [
            e
            for e in self.persons
            if e.start < token.idx and self._agrees(e, gender) and self._has_role(e, role)
        ]
        return titled[-1] if titled else None

    def _pronoun_subject(self, sentence: Span, token: Token, gender: str | None) -> Token | None:
        """The he/she of ``gender`` that is the main subject of ``sentence`` before ``token``."""
        if gender is None:
            return None
        for word in sentence:
            if word.i >= token.i:
                break
            if (
                word.dep_ in SUBJECT_DEPS
                and word.head.dep_ == "ROOT"
                and PRONOUN_GENDER.get(word.lower_) == gender
                and word.lower_ in ("he", "she")
                and not self.inside(word.idx)
            ):
                return word
        return None

    def _quoted(self, sentence: Span) -> bool:
        """Whether every word of ``sentence`` lies inside a quote."""
        return all(self.inside(t.idx) for t in sentence if t.is_alpha)

    def _named_heads(self, mentions: list[Entity]) -> list[Entity]:
        """Drop a name that only modifies another's ("Clinton" in "Clinton aide Jake Sullivan").

        Both mentions climb to the same head word; the person is the one whose name holds it.
        """
        kept = []
        for entity in mentions:
            head = self.heads.get(id(entity))
            owner = head is not None and entity.start <= head.idx < entity.end
            rival = head is not None and any(
                other is not entity
                and other.start <= head.idx < other.end
                and getattr(self.heads.get(id(other)), "i", None) == head.i
                for other in mentions
            )
            if owner or not rival:
                kept.append(entity)
        return kept

    def main_subject_since(self, token: Token, gender: str | None, since: int) -> Entity | None:
        """The latest agreeing person who is a main subject between ``since`` and ``token``."""
        found = [
            e
            for e in self.persons
            if since <= e.start < token.idx
            and self._agrees(e, gender)
            and self._dep(e) in SUBJECT_DEPS
            and self._main_subject(e)
        ]
        return found[-1] if found else None

    def pronoun_subject_since(self, token: Token, gender: str | None, since: int) -> bool:
        """Whether a he/she of ``gender`` is a sentence's main subject between ``since`` and
        ``token`` (outside quotes)."""
        sentences = {t.sent.start: t.sent for t in self.doc if since <= t.idx < token.idx}
        return any(self._pronoun_subject(s, token, gender) for s in sentences.values())

    def subjects_since(self, token: Token, gender: str | None, since: int) -> set[str]:
        """The agreeing persons who are the subject of any clause between ``since`` and
        ``token``: "the campaign Ayotte hoped to run" makes Ayotte one."""
        return {
            e.canonical
            for e in self.persons
            if since <= e.start < token.idx
            and self._agrees(e, gender)
            and self._dep(e) in SUBJECT_DEPS
        }

    def is_person(self, canonical: str) -> bool:
        """Whether ``canonical`` names a person mentioned outside quotes."""
        return any(e.canonical == canonical for e in self.persons)

    def _untagged_subjects(self, entities: Sequence[Entity]) -> list[Entity]:
        """Proper-noun subjects the tagger missed ("Ham explained"), as person mentions.

        A surname already known as a person links to that person (even when the tagger called
        this mention an organisation); any other untagged proper-noun subject is taken as a
        person named as written.
        """
        surnames = {e.text.split()[-1]: e.canonical for e in self.persons if e.text.split()}
        known = {name_words(e.canonical): e.canonical for e in self.persons}
        tagged = [(e.start, e.end) for e in entities]
        renamed = {subject.i for e in self.persons if (subject := self._renamed_subject(e))}
        found = []
        for token in self.doc:
            if token.dep_ not in SUBJECT_DEPS or token.pos_ != "PROPN" or self.inside(token.idx):
                continue
            if (
                not token.whitespace_
                and token.i + 1 < len(self.doc)
                and self.doc[token.i + 1].text == "-"
            ):
                continue  # "Vice-chancellors": the first half of a hyphenated word
            in_entity = any(start <= token.idx < end for start, end in tagged)
            if in_entity and token.text not in surnames:
                continue
            if token.i in renamed:
                continue  # "Head of genetics, Professor Robin Lovell-Badge, said": a role
            name = self.doc[token.left_edge.i : token.i + 1]
            if any(t.pos_ != "PROPN" for t in name):
                name = self.doc[token.i : token.i + 1]
            canonical = own_name(name.text, known) or surnames.get(token.text, name.text)
            found.append(
                Entity(name.text, "PERSON", name.start_char, name.end_char, canonical, "person")
            )
        return found

    def _renamed_subject(self, entity: Entity) -> Token | None:
        """The subject a name between commas right before its verb renames, when the parse
        hung the name on a word inside the subject: "Head of genetics at the Institute,
        Professor Robin Lovell-Badge, said" renames "Head"."""
        if entity not in self._renamed:
            self._renamed[entity] = self._find_renamed_subject(entity)
        return self._renamed[entity]

    def _find_renamed_subject(self, entity: Entity) -> Token | None:
        after = self.doc.char_span(entity.end, entity.end + 1, alignment_mode="expand")
        if after is None or after.text != "," or after.end >= len(self.doc):
            return None
        verb = self.doc[after.end]
        name = self.doc.char_span(entity.start, entity.end, alignment_mode="expand")
        if name is None or name.root.dep_ != "appos":
            return None  # "Tad Devine, a senior adviser to Mr. Sanders, said" is Devine
        subject = next((a for a in name.root.ancestors if a.dep_ in SUBJECT_DEPS), None)
        return subject if subject is not None and subject.head.i == verb.i else None

    def gender(self, canonical: str) -> str | None:
        """'m', 'f' or None for the person named ``canonical``."""
        return self.genders.get(canonical)

    def _asked_about(self, entity: Entity, pronoun: Token) -> bool:
        head = self.heads.get(id(entity))
        return head is not None and asked_about(head, pronoun)

    def _agrees(self, entity: Entity, gender: str | None) -> bool:
        return gender is None or self.genders.get(entity.canonical) in (None, gender)

    def _head(self, entity: Entity) -> Token | None:
        span = self.doc.char_span(entity.start, entity.end, alignment_mode="expand")
        if span is None or not len(span):
            return None
        head = span.root
        while head.dep_ in ("compound", "flat") and head.head is not head:
            head = head.head
        # "One pastor, Darran Whiting of ..., said": the name stands in for the subject it
        # renames, through a chain of them ("The other man, his cousin James York, cited").
        renamed = head
        while renamed.dep_ == "appos" and renamed.head is not renamed:
            renamed = renamed.head
        if renamed is not head and renamed.dep_ in SUBJECT_DEPS:
            return renamed
        return self._renamed_subject(entity) or titled_subject(head) or head

    def _dep(self, entity: Entity) -> str:
        """The mention's role in its clause; a passive's agent ("welcomed by David Hale")
        is its subject."""
        head = self.heads.get(id(entity))
        if id(entity) in self.orphans or (head is not None and _is_agent(head)):
            return "nsubj"
        return head.dep_ if head is not None else ""

    def _before_subjectless_root(self, entity: Entity) -> bool:
        """Whether the person stands right before a root verb the parse left without a subject:
        "83-year-old Yuji Shimizu contemplates", misread as an apposition to the place before."""
        name = self.doc.char_span(entity.start, entity.end, alignment_mode="expand")
        if name is None or name.end >= len(self.doc):
            return False
        root = self.doc[name.end]
        if root.dep_ != "ROOT" or root.pos_ != "VERB":
            return False
        return not any(c.dep_ in SUBJECT_DEPS for c in root.children)

    def _main_subject(self, entity: Entity) -> bool:
        """Whether the mention is the subject of its sentence's root or of a speech verb."""
        head = self.heads.get(id(entity))
        if id(entity) in self.orphans:
            return True
        if head is None:
            return False
        verb = head.head.head if _is_agent(head) else head.head
        return verb.dep_ == "ROOT" or verb.lemma_.lower() in SPEECH_VERBS

    def _has_role(self, entity: Entity, role: str) -> bool:
        """Whether the role stands before or in apposition to any mention of the person, with
        the same qualifier or none ("the chancellor" is not "shadow chancellor Oliver Letwin")."""
        *qualifier, noun = role.split()
        for other in self.persons:
            if other.canonical != entity.canonical:
                continue
            before = self.text[max(0, other.start - 40) : other.end].lower().split()[-6:]
            for at, word in enumerate(before):
                previous = before[at - 1] if at else ""
                plain = not qualifier and previous not in ROLE_QUALIFIERS
                if word == noun and (plain or [previous] == qualifier):
                    return True
        return False

    def _genders(self) -> dict[str, str]:
        votes: dict[str, Counter[str]] = {}
        for entity in self.persons:
            tally = votes.setdefault(entity.canonical, Counter())
            word = self.text[max(0, entity.start - 6) : entity.start].split()[-1:]
            title = title_gender(word[0]) if word else None
            if title is not None:
                tally[title] += 3
            if self._dep(entity) in SUBJECT_DEPS:
                tally.update(self._following_pronouns(entity))
        for name, tally in votes.items():
            given = gender_of_name(name)
            if given is not None:  # a known given name decides: pronouns stray to neighbours
                tally.clear()
                tally[given] = 1
        return {
            name: ("m" if tally["m"] > tally["f"] else "f")
            for name, tally in votes.items()
            if tally["m"] != tally["f"]
        }

    def _following_pronouns(self, entity: Entity) -> Counter[str]:
        """He/she pronouns after a subject mention, in its sentence and the next one."""
        head = self.heads.get(id(entity))
        found: Counter[str] = Counter()
        if head is None:
            return found
        sentence = head.sent
        end = sentence.end
        if end < len(self.doc):
            end = self.doc[end].sent.end
        for token in self.doc[head.i + 1 : end]:
            if self.inside(token.idx):
                continue
            gender = PRONOUN_GENDER.get(token.lower_)
            if gender is not None:
                found[gender] += 1
        return found


def _is_agent(word: Token) -> bool:
    """Whether ``word`` names a passive's agent; "by the Lib Dems" names a party, not one."""
    no_article = not any(c.dep_ == "det" for c in word.children)
    return word.dep_ == "pobj" and word.head.dep_ == "agent" and no_article
