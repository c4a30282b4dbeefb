"""The answer of speaker attribution for one quote, shared by the speaker rules."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who said a quote, the mention that names them, and the speech verb."""

    speaker: str | None = None
    start: int | None = None
    end: int | None = None
    cue: str | None = None
