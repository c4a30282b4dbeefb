"""Dependency labels the attribution rules read (spaCy's English labels)."""

from __future__ import annotations

# The subject of a verb, active or passive: a speech verb's speaker.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})

# Dependencies through which a subject's own name can be reached ("pollster Pat Caddell").
NAME_DEPS = frozenset({"compound", "appos", "amod", "nmod", "flat", "nn"})
