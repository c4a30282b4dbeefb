"""From a speech verb, or the subject of one, to the speaker it names.

A subject is a name (an entity mention, or a proper noun the tagger missed), a pronoun or a
definite role description ("the president"), which resolve to the most recent compatible
PERSON mention, or a description kept as written ("a friend", "the ministry"): a description
is a speaker, not a guess. "It said" continues the previous speaker when that was no person.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Span, Token

from ...models import Entity
from ..lexicon.dependencies import NAME_DEPS
from ..lexicon.pronouns import NON_PERSON_PRONOUNS, PRONOUN_GENDER
from ..lexicon.roles import (
    ANONYMOUS_ROLES,
    GROUP_NOUNS,
    ROLE_NOUNS,
    SOURCE_NOUNS,
    STATEMENT_NOUNS,
    role_gender,
)
from ..lexicon.speech_verbs import ADDRESSEE_VERBS, WEAK_VERBS
from .attribution import Attribution, LastSpeaker
from .bodies import body_said_before
from .described import (
    INDEFINITE_ARTICLES,
    described_role,
    description_end,
    description_span,
    qualified_role,
)
from .groups import group_before
from .quote_text import ArticleText
from .referents import Referents
from .tail_cues import (
    is_definite,
    is_epithet,
    is_speech_cue,
    tail_clause,
    written_by,
)
from .verb_subjects import object_before_participle, quoted_as_saying, verb_subjects

SPEAKER_LABELS = ("PERSON", "ORG", "NORP", "GPE")
# A surname with an apostrophe after its prefix ("D’Souza", "O'Neill"), which the tagger may
# read as a common noun.
_APOSTROPHE_NAME = re.compile(r"(?:[DLO]|Mc|Da|De|Di)['’][A-Z][a-z]+")
INDEFINITES = frozenset({"someone", "somebody", "others", "many", "some"})


PLACE_LABELS = frozenset({"GPE", "NORP", "LOC", "FAC"})
NO_SPEAKER_LABELS = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
)


_EMPLOYER_PREPOSITIONS = frozenset({"of", "at", "for", "from", "with"})
_DESCRIBED_NOUNS = SOURCE_NOUNS | ROLE_NOUNS | ANONYMOUS_ROLES


class CueReader:
    """Reads the speaker a speech cue or its subject names in one article."""

    def __init__(self, article: ArticleText, referents: Referents, last: LastSpeaker) -> None:
        self.article = article
        self.referents = referents
        self.last = last

    def is_cue(self, token: Token) -> bool:
        """Whether ``token`` is a speech cue outside every quote."""
        return not self.article.inside(token) and is_speech_cue(token)

    def from_cue(self, cue: Token) -> Attribution | None:
        """The speaker of the speech cue ``cue``, or None when its subject names no one."""
        # "footage of Hillary Clinton asking": the person just before the participle speaks.
        named = object_before_participle(cue)
        entity = self.article.entity_at(named.idx) if named is not None else None
        if entity is not None and entity.label == "PERSON":
            return Attribution(entity.canonical, entity.start, entity.end, cue.text)
        writing = written_by(cue)
        quoted = quoted_as_saying(cue)
        if quoted is not None:
            found = self.mention(quoted)
        elif writing is not None:
            found = self._writing(writing)
        elif cue.lower_ == "according":
            objs = [t for t in cue.nbor(1).children if t.dep_ == "pobj"]
            found = self.mention(objs[0]) if objs else None
        else:
            # A sign that "read" a slogan is no speaker: only a real speech verb's subject
            # is kept as a description.
            reading = self.mention if cue.lemma_.lower() in WEAK_VERBS else self.subject
            mentions = (reading(t) for t in verb_subjects(cue) if not self.article.inside(t))
            found = next((m for m in mentions if m is not None and m.speaker), None)
            found = found or self._renamed_before(cue)
        if found is None or found.speaker is None:
            return None
        found = self._officer(found)
        return Attribution(found.speaker, found.start, found.end, cue.text)

    def _officer(self, found: Attribution) -> Attribution:
        """The person a body stands beside, when the parse made the body the subject: "Jane
        Roe, chief economist of Acme Bank, said", "said Acme's Roe"."""
        entity = self.article.entity_at(found.start)
        if entity is not None and entity.label == "PERSON":
            return found
        text = self.article.text
        after = re.match(r"['’]s\s+", text[found.end : found.end + 4])
        named = self.article.entity_at(found.end + after.end()) if after else None
        if named is None:
            named = next((e for e in self.article.entities if _employs(text, e, found)), None)
        if named is None or named.label != "PERSON":
            return found
        return Attribution(named.canonical, named.start, named.end)

    def _renamed_before(self, cue: Token) -> Attribution | None:
        """The person named between commas right before the cue, when the parse found no
        subject: "shadow chief secretary to the Treasury, George Osborne, said: ..."."""
        if cue.i < 3 or cue.nbor(-1).text != ",":
            return None
        entity = self.article.entity_at(cue.nbor(-2).idx)
        if entity is None or entity.label != "PERSON" or self.article.inside(cue.nbor(-2)):
            return None
        opening = self.article.text[max(0, entity.start - 4) : entity.start].rstrip()
        if not opening.endswith(","):
            return None
        return Attribution(entity.canonical, entity.start, entity.end)

    def clause_speaker(
        self, tokens: list[Token], after_full_stop: bool = False
    ) -> Attribution | None:
        """The speaker of an attribution clause read from its words (see ``tail_clause``);
        after a full stop, none when the verb reports a clause of its own."""
        found = tail_clause(tokens)
        if found is None:
            return None
        subject, cue = found
        if after_full_stop and _says_more(cue, subject):
            return None
        head = subject[-1]
        if is_epithet(subject):
            return replace(self._resolve(head, None), cue=cue.text)
        role = head.lemma_.lower() in ROLE_NOUNS or head.lower_ in ROLE_NOUNS
        if subject[0].lower_ in INDEFINITE_ARTICLES and (head.pos_ == "NOUN" or role):
            # "said a senior Peruvian government official": the person described, not Peru.
            first, last = subject[0], self.article.doc[description_end(head) - 1]
            words = self.article.text[first.idx : last.idx + len(last)]
            return Attribution(words, first.idx, last.idx + len(last), cue.text)
        if self.entity_of(head) is None and head.pos_ == "PROPN":
            first, last = subject[0], subject[-1]
            name = self.article.text[first.idx : last.idx + len(last)]
            return Attribution(name, first.idx, last.idx + len(last), cue.text)
        mention = self.subject(head)
        if mention is None or mention.speaker is None:
            return None
        mention = self._officer(mention)
        return Attribution(mention.speaker, mention.start, mention.end, cue.text)

    def subject(self, token: Token) -> Attribution | None:
        """The speaker a speech verb's subject names; a common noun no rule resolves ("a
        friend", "protesters") is kept as written: a description is a speaker, not a guess."""
        found = self.mention(token)
        # With a determiner or modifier ("a friend", "my father", "small groups"); a bare
        # plural is too often a thing ("estimates suggest") unless it names people acting as a
        # crowd ("Protesters chanted").
        marked = any(c.dep_ in ("det", "poss", "amod", "nummod") for c in token.children)
        noun = token.pos_ == "NOUN" and token.is_alpha and token.is_lower and marked
        crowd = token.pos_ == "NOUN" and token.lemma_.lower() in GROUP_NOUNS
        if found is None and (noun or crowd or token.lower_ in INDEFINITES):
            return self.description(token)
        return found

    def mention(self, token: Token) -> Attribution | None:
        """The speaker named by the subject ``token``: a name, a pronoun or a description."""
        if self.article.inside(token) or token.ent_type_ in NO_SPEAKER_LABELS:
            return None  # "said Wednesday": a misparse's date or number speaks for nobody
        if token.lower_ in ("who", "that") and token.head.dep_ == "relcl":
            token = self._antecedent(token)
        entity = self.entity_of(token)
        if entity is not None:
            return Attribution(entity.canonical, entity.start, entity.end)
        lower = token.lower_
        if lower in PRONOUN_GENDER:
            return self._resolve(token, PRONOUN_GENDER[lower])
        if lower == "it":
            return self._thing(token)
        if lower in ("one", "another", "they") and not any(token.children):
            group = group_before(self.article, token)  # 'Analysts say … "…," one said'
            return self.description(group) if group is not None else None
        if lower in NON_PERSON_PRONOUNS or token.pos_ == "PRON":
            return None
        owner = self.owner(token)
        if owner is not None:
            return self.mention(owner)
        if is_epithet(self.article.doc[token.left_edge.i : token.i + 1]):
            return self._resolve(token, None)
        if _points_back(token):  # "this remarkably active senior citizen said": one just named
            return self._resolve(token, role_gender(token.lower_))
        if token.lemma_.lower() in ROLE_NOUNS and is_definite(token):
            found = self._definite_role(token)
            if found.speaker or token.pos_ != "PROPN":
                return found  # "The Scottish Executive", whom no one was called: the body
        if token.pos_ == "PROPN" or token.lemma_.lower() in _DESCRIBED_NOUNS:
            return self.description(token)
        if _APOSTROPHE_NAME.fullmatch(token.text):
            return self.description(token)  # "D’Souza replied": the tagger read a noun
        return None

    def _antecedent(self, relative: Token) -> Token:
        """Whom "who" stands for: the person named right before it, whatever the parse hung the
        clause on ("Culture, Media and Sport Secretary Tessa Jowell who said" is Jowell)."""
        before = self.article.doc[relative.i - 1] if relative.i else relative
        if before.text == "," and before.i:
            before = self.article.doc[before.i - 1]
        entity = self.article.entity_at(before.idx)
        return before if entity is not None and entity.label == "PERSON" else relative.head.head

    def owner(self, token: Token) -> Token | None:
        """Who owns a statement noun: "her" in "her statement", "Bush" in "Bush's post"."""
        if token.pos_ != "NOUN" or token.lemma_.lower() not in STATEMENT_NOUNS:
            return None
        return next((c for c in token.children if c.dep_ == "poss"), None)

    def _writing(self, writing: Token) -> Attribution | None:
        """Who wrote a misparsed writing noun: its owner ("Her post", "Diaz's letter"), else
        the writing as a description ("The post")."""
        doc, start = self.article.doc, writing.i
        while start > 0 and doc[start - 1].tag_ in ("DT", "PRP$", "POS", "JJ", "NNP", "NN"):
            start -= 1
        words = doc[start : writing.i]
        owner = next((t for t in words if t.tag_ == "PRP$" or t.nbor(1).tag_ == "POS"), None)
        if owner is not None:
            return self.mention(owner)
        span = doc[start : writing.i + 1]
        return Attribution(span.text, span.start_char, span.end_char)

    def _definite_role(self, token: Token) -> Attribution:
        """Who "the spokeswoman" is: the person last called so, else the one an earlier "an
        Acme spokeswoman" introduced, else the salience rule. "The Texas senator" names the
        role by its place, which no earlier mention repeats: salience alone."""
        gender = role_gender(token.lower_)
        if any(c.pos_ == "PROPN" for c in token.children if c.dep_ in NAME_DEPS):
            if token.pos_ == "PROPN":
                return self.description(token)  # "The Scottish Executive": the body's name
            return self._resolve(token, gender)
        found = self.referents.role_referent(token, gender, qualified_role(token))
        if isinstance(found, Span):  # only described: "an Acme spokeswoman"
            return Attribution(found.text, found.start_char, found.end_char)
        name = found.canonical if found is not None else None
        return Attribution(name, token.idx, token.idx + len(token))

    def entity_of(self, token: Token) -> Entity | None:
        """The entity the subject names: the token's own, or one in its name modifiers.

        A role whose modifiers name only a body or a place ("an Acme spokeswoman", "the Texas
        senator") names a person of it, not the body: None."""
        own = self.article.entity_at(token.idx)
        role = token.lemma_.lower() in ROLE_NOUNS | ANONYMOUS_ROLES and token.pos_ == "NOUN"
        frontier = [token]
        found: list[Entity] = []
        while frontier:
            current = frontier.pop()
            entity = self.article.entity_at(current.idx)
            if entity is not None and entity.label in SPEAKER_LABELS:
                found.append(entity)
            frontier.extend(c for c in current.children if c.dep_ in NAME_DEPS)
        if role and not any(c.dep_ == "det" for c in token.children):
            # "said BIFA founder and director Elliot Grove": the parse joins the two roles'
            # name to the first one with "and".
            joined = (c for c in token.children if c.dep_ == "conj" and c.pos_ == "PROPN")
            named = (self.article.entity_at(c.idx) for c in joined)
            found += [e for e in named if e is not None and e.label == "PERSON"]
        persons = [e for e in found if e.label == "PERSON"]
        if role and not persons and own is None:
            return None
        if (
            own is None
            and token.pos_ in ("NOUN", "PROPN")
            and all(e.label in PLACE_LABELS for e in found)
        ):
            return None  # "the Texas company", "The Scottish Executive": a thing of the place
        return (persons or found or [None])[0]

    def description(self, token: Token) -> Attribution:
        """The words of the phrase ``token`` heads, up to it, as the speaker."""
        span = description_span(token)
        return Attribution(span.text, span.start_char, span.end_char)

    def _previous_person(self, token: Token, gender: str | None) -> bool:
        """Whether a pronoun continues the previous quote's speaker.

        It does when that speaker is a person of the pronoun's gender, their quote is at most
        two paragraphs back (four when a he/she of that gender is a main subject between and
        no other person of it the subject of a clause: "The actress said ... / She appeared to
        imply that Trump ... than Clinton ... / '…,' she said"), and no other person became
        the main subject since. A person the article only describes ("a Benetton
        spokeswoman") is one too: "she said" after her quote is her.
        """
        name, end = self.last.found.speaker, self.last.end
        if name is None or end < 0 or not self._is_person(name):
            return False
        paragraphs = self.article.text.count("\n\n", end, token.idx)
        if paragraphs > 2 and (
            paragraphs > 4
            or not self.referents.pronoun_subject_since(token, gender, end)
            or self.referents.subjects_since(token, gender, end) - {name}
        ):
            return False
        if gender is not None and self._gender(name) not in (None, gender):
            return False
        recent = self.referents.main_subject_since(token, gender, end)
        return recent is None or recent.canonical == name

    def _is_person(self, speaker: str) -> bool:
        """Whether a speaker is a person: a named one, or a role ("a Benetton spokeswoman")."""
        return self.referents.is_person(speaker) or described_role(speaker) is not None

    def _gender(self, speaker: str) -> str | None:
        role = described_role(speaker)
        return role_gender(role) if role is not None else self.referents.gender(speaker)

    def _thing(self, token: Token) -> Attribution | None:
        """What "it said" refers to: the previous speaker when that was no person (a body, a
        report), quoted at most two paragraphs back, or the body just said to speak when no
        one was quoted before; a person is never "it"."""
        name, end = self.last.found.speaker, self.last.end
        if name is None or end < 0:
            body = body_said_before(self.article, token)  # "Hallam said ... / "...," it said"
            name = body.canonical if body is not None else None
        elif self._is_person(name) or self.article.text.count("\n\n", end, token.idx) > 2:
            return None
        return Attribution(name, token.idx, token.idx + len(token)) if name else None

    def _resolve(self, token: Token, gender: str | None, role: str | None = None) -> Attribution:
        """The person a pronoun or role description refers to, at the mention's offsets."""
        if role is None and self._previous_person(token, gender):
            return Attribution(self.last.found.speaker, token.idx, token.idx + len(token))
        entity = self.referents.resolve(token, gender, role)
        name = entity.canonical if entity is not None else None
        return Attribution(name, token.idx, token.idx + len(token))


def _employs(text: str, person: Entity, body: Attribution) -> bool:
    """Whether ``body`` ends an apposition to ``person``'s name: "Jane Roe, chief economist of
    Acme Bank" (a few words, a role or a preposition among them, no sentence between)."""
    if person.label != "PERSON" or not 0 < body.start - person.end <= 80:
        return False
    between = text[person.end : body.start]
    words = between[1:].split()
    if not between.startswith(",") or len(words) > 8 or re.search(r'[";:“”]|\n\n|\. ', between):
        return False
    return any(w.lower() in ROLE_NOUNS or w in _EMPLOYER_PREPOSITIONS for w in words)


def _points_back(token: Token) -> bool:
    """Whether ``token`` is one person named by a demonstrative description ("this veteran"),
    not a document or a body ("this report")."""
    if token.pos_ != "NOUN" or token.tag_ != "NN" or token.lemma_.lower() in _DESCRIBED_NOUNS:
        return False
    return any(c.dep_ == "det" and c.lower_ in ("this", "that") for c in token.children)


def _says_more(cue: Token, subject: list[Token]) -> bool:
    """Whether a speech verb opening a new sentence reports words of its own: a clause ('"…."
    Shearer said he was unsure'), a thing said ("Nissan also announced a number of
    appointments"), or another verb ("Boeing continues to enjoy"); not whom it was told to."""
    # An inverted subject ("said Smith") may be parsed as the object; an addressee is one.
    thing = subject[0].i < cue.i and cue.lemma_.lower() not in ADDRESSEE_VERBS
    objects = ("ccomp", "xcomp", "dobj") if thing else ("ccomp", "xcomp")
    return any(c.dep_ in objects and c.i > cue.i for c in cue.children)
