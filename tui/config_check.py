"""What is wrong with a [keys] table: binding ids that exist nowhere, and Quit left without a key.

Textual applies a keymap silently: an id it does not know is ignored and a key taken from Quit
is simply gone. The reader names both in its start-up notice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from textual.binding import BindingsMap

if TYPE_CHECKING:
    from textual.dom import DOMNode

QUIT_ID = "app.quit"  # the Quit the key bar and help show; ctrl+c is a hidden extra


def remapped(node_type: type[DOMNode], keymap: Mapping[str, str]) -> BindingsMap:
    """A class's bindings (its own and inherited) with the keymap applied."""
    merged = node_type._merged_bindings
    bindings = merged.copy() if merged is not None else BindingsMap()
    if keymap:
        bindings.apply_keymap(dict(keymap))
    return bindings


def known_ids(node_types: Iterable[type[DOMNode]]) -> set[str]:
    """Every binding id the reader's classes declare."""
    return {b.id for t in node_types for _key, b in remapped(t, {}) if b.id}


def quit_keys(
    app_type: type[DOMNode], others: Iterable[type[DOMNode]], keymap: Mapping[str, str]
) -> tuple[list[str], dict[str, str]]:
    """The keys Quit still has, and the keys it lost to a pane or screen binding (by the id
    that takes them first: only a priority binding wins over those)."""
    takers = {key: b.id or b.action for t in others for key, b in remapped(t, keymap)}
    free, taken = [], {}
    for key, binding in remapped(app_type, keymap):
        if binding.id != QUIT_ID:
            continue
        if binding.priority or key not in takers:
            free.append(key)
        else:
            taken[key] = takers[key]
    return free, taken


def keymap_problems(
    keymap: Mapping[str, str], app_type: type[DOMNode], others: Iterable[type[DOMNode]]
) -> list[str]:
    """One line per problem with the [keys] table, none when it is sound."""
    others = list(others)
    problems = []
    unknown = sorted(set(keymap) - known_ids([app_type, *others]))
    if unknown:
        problems.append(
            f"[keys]: unknown binding id {', '.join(unknown)}; the help (?) lists every id"
        )
    free, taken = quit_keys(app_type, others, keymap) if keymap else (["Q"], {})
    if not free:
        lost = ", ".join(f"{key} is {taker}'s" for key, taker in taken.items())
        problems.append(f"[keys]: Quit (app.quit) has no key left ({lost}); ctrl+c still quits")
    return problems
