"""Word lists for quote attribution: speech verbs, pronouns, titles, role and source nouns."""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Lemmas of verbs that introduce or attribute a direct quote.
SPEECH_VERBS = _words(
    """
    say tell add declare warn explain note state write tweet post claim insist argue ask reply
    respond continue remark recall announce acknowledge admit suggest observe conclude comment
    complain caution predict joke quip muse exclaim shout yell scream cry whisper mutter answer
    testify concede contend assert maintain emphasize emphasise stress boast brag vow promise
    pledge urge demand plead lament mock describe confirm deny report reveal disclose recount
    wonder tout proclaim blast slam charge allege accuse counter retort interject chime offer
    repeat reiterate mention speak talk opine agree disagree believe think laugh sigh shrug
    recommend advise reason point summarize summarise begin start finish thunder snap gush rail
    rant forecast threaten retweet text email message express preach lecture quote read sing
    chant call praise criticize criticise question challenge object protest elaborate clarify
    correct estimate calculate bark confess beam crack
    """
)

# Verbs that attribute a quote only as a retort, with "back": "Trump shot back", "fired back".
RETORT_VERBS = _words("shoot fire hit")

# Verbs whose subject is the speaker only when they take a quote or a clause ("think", "call").
WEAK_VERBS = _words("believe think call describe read question challenge laugh sigh")

PERSON_PRONOUNS: dict[str, str | None] = {
    "he": "m",
    "him": "m",
    "she": "f",
    "her": "f",
    # "i" and "we" outside quotes are the writer: never an earlier person.
}
GROUP_PRONOUNS = _words("they it them who which that this")

MALE_TITLES = _words("mr mr. sir lord king prince father brother")
FEMALE_TITLES = _words("ms ms. mrs mrs. miss lady queen princess madam dame sister")

# Role nouns that, after "the", name a person mentioned earlier ("the president added").
ROLE_NOUNS = _words(
    """
    president minister chancellor leader senator congressman congresswoman lawmaker governor
    mayor candidate nominee secretary spokesman spokeswoman spokesperson chairman chairwoman
    chair director official ambassador diplomat general commander chief executive founder
    businessman businesswoman billionaire mogul author writer reporter analyst economist
    professor expert coach manager player striker captain actor actress singer star rapper
    host anchor pollster strategist adviser advisor aide attorney lawyer judge prosecutor
    democrat republican man woman king queen prince pope pastor cardinal bishop mp premier
    """
)

# Heads of descriptions kept as the speaker when they name no person: bodies and documents.
SOURCE_NOUNS = _words(
    """
    council committee ministry agency department office campaign government administration
    company group union court police army military party commission board team statement
    report letter ad advertisement article book study ruling document post tweet video memo
    website paper editorial announcement release narrator announcer survey network newspaper
    magazine channel station organization association foundation institute center centre bank
    firm service authority regime embassy
    """
)

# People speaking as a crowd: a bare plural ("Protesters chanted") is kept as the speaker,
# unlike a bare plural thing ("estimates suggest"), and never resolves to one person.
GROUP_NOUNS = _words(
    """
    protester protestor demonstrator marcher activist supporter critic opponent resident voter
    delegate worker crowd
    """
)

_IRREGULAR = _words("said says told tells wrote writes spoke thought began read sang")


def _forms(lemma: str) -> set[str]:
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    plural = lemma + "es" if lemma.endswith(("s", "sh", "ch", "x")) else lemma + "s"
    past = lemma + "d" if lemma.endswith("e") else lemma + "ed"
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        plural, past = lemma[:-1] + "ies", lemma[:-1] + "ied"
    return {lemma, plural, past, stem + "ing"}


# Inflected forms, for spotting an attribution clause without the parse ('," he said, "').
SPEECH_FORMS = frozenset(
    {form for lemma in SPEECH_VERBS for form in _forms(lemma)} | _IRREGULAR | {"according"}
)
