"""Garbage collection held off while the reader starts.

Importing Textual and building the first screen makes a few hundred thousand objects, and the
collector kept scanning them: ~130 collections and ~60 ms of a start-up that should take half a
second. Nearly all of those objects live as long as the app, so collection waits until the first
page is drawn; the survivors are then frozen, so later collections (while typing) skip them too.
The short reading commands (`newsreader search`, ...) pause it for their whole run and release
it when they return, so a caller that runs `main()` in its own process keeps its collector.

The library views read what they count over once and keep it (30,000 more objects for the
collector on a 21k-article library: a full collection went from 21 to 37 ms, and full
collections landed in the middle of queries typed into a view). It is frozen too once read
(`keep`).
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    """Stop automatic collection until `resume`; does nothing if it is already off."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """Freeze what start-up made and collect again, if `pause` stopped collection."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()


def release() -> None:
    """Collect again, without freezing, if `pause` stopped collection."""
    global _paused
    if _paused:
        _paused = False
        gc.enable()


def keep() -> None:
    """Freeze what exists now, so that later collections skip it: call it once data read to
    live as long as the app is read (garbage among it is freed by reference counting still)."""
    gc.freeze()
