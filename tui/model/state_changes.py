"""Which listed articles changed state elsewhere (in another view, another process), and which
query fields those changes touch: what the main screen needs to redraw rows or search again."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from newsreader.index.models import ArticleState

# ArticleState attribute -> the query field that filters on it
_FIELDS = {"read": "read", "starred": "starred", "archived": "archived", "tags": "tag"}


@dataclass(frozen=True, slots=True)
class StateChanges:
    """The articles whose state is not the one listed, with their states now, and the query
    fields (read, starred, archived, tag) in which they differ."""

    states: dict[str, ArticleState]
    fields: frozenset[str]


def state_changes(
    listed: Mapping[str, ArticleState], now: Mapping[str, ArticleState]
) -> StateChanges:
    """What differs between the states a list shows and the states the library has now (an
    article the list has no state for counts as unread, unstarred and untagged)."""
    changed = {i: s for i, s in now.items() if listed.get(i, ArticleState()) != s}
    fields = {f for i, s in changed.items() for f in _changed_fields(listed.get(i), s)}
    return StateChanges(changed, frozenset(fields))


def _changed_fields(before: ArticleState | None, after: ArticleState) -> set[str]:
    was = before or ArticleState()
    return {field for attr, field in _FIELDS.items() if getattr(was, attr) != getattr(after, attr)}
