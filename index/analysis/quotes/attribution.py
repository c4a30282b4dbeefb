"""The answer of speaker attribution for one quote, shared by the speaker rules."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who said a quote, the mention that names them, the speech verb, and the rule that
    found them (the id of a rule of :data:`~.rules.RULES`)."""

    speaker: str | None = None
    start: int | None = None
    end: int | None = None
    cue: str | None = None
    rule: str | None = None


@dataclass(slots=True)
class LastSpeaker:
    """The latest quote that was given a speaker: its attribution and where the quote ends.

    The cascade updates it after each quote; the rules that continue a speaker read it.
    """

    found: Attribution = field(default_factory=Attribution)
    end: int = -1  # -1 until a quote has a speaker
