"""Speech verbs: the lemmas that attribute a direct quote, and their inflected forms."""

from __future__ import annotations

from .words import word_set

# Lemmas of verbs that introduce or attribute a direct quote.
SPEECH_VERBS = word_set(
    """
    say tell add declare warn explain note state write tweet post claim insist argue ask reply
    respond continue remark recall announce acknowledge admit suggest observe conclude comment
    complain caution predict joke quip muse exclaim shout yell scream cry whisper mutter answer
    testify concede contend assert maintain emphasize emphasise stress boast brag vow promise
    pledge urge demand plead lament mock describe confirm deny report reveal disclose recount
    wonder tout proclaim blast slam charge allege accuse counter retort interject chime offer
    repeat reiterate mention speak talk opine agree disagree believe think laugh sigh shrug
    recommend advise reason point summarize summarise begin start thunder snap gush rail
    rant forecast threaten retweet text email message express preach lecture quote read sing
    chant call praise criticize criticise question challenge object protest elaborate clarify
    correct estimate calculate bark confess beam crack echo blurt assure scoff concur affirm
    enthuse marvel gripe grumble scold sneer stammer groan growl fume taunt implore gloat
    underline dismiss brand label hail condemn denounce decry
    """
)

# Verbs that attribute a quote only as a retort, with "back": "Trump shot back", "fired back".
RETORT_VERBS = word_set("shoot fire hit")

# Verbs that attribute a quote only with their particle, closing the clause: '"...," she went
# on.', 'he summed up', 'the mayor weighed in'.
PHRASAL_VERBS: dict[str, str] = {"go": "on", "sum": "up", "weigh": "in", "cut": "in", "pipe": "up"}

# Verbs whose subject is the speaker only when they take a quote or a clause ("think", "call").
WEAK_VERBS = word_set(
    "believe think call describe read question challenge laugh sigh offer express praise dismiss"
    " estimate calculate correct charge brand label hail condemn denounce decry"
)

# Speech verbs whose object is whom they address ("told reporters"), not what was said.
ADDRESSEE_VERBS = word_set("tell ask inform assure warn remind urge brief advise implore")

_IRREGULAR = word_set("said says told tells wrote writes spoke thought began read sang")


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
