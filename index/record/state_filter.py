"""Which articles a query's state fields (read:, starred:, archived:, tag:) allow or deny."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .triage import StateStore

if TYPE_CHECKING:
    from ..query.assemble import ParsedQuery

IdSets = tuple[frozenset[str] | None, frozenset[str] | None]


def state_filter(triage: StateStore, parsed: ParsedQuery, include_archived: bool) -> IdSets:
    """(ids the hits must be among or None for any, ids the hits must avoid or None)."""
    want = parsed.state
    allow: set[str] | None = None
    deny: set[str] = set()

    def narrow(ids: set[str]) -> None:
        nonlocal allow
        allow = ids if allow is None else allow & ids

    for flag in ("read", "starred", "archived"):
        value = getattr(want, flag)
        if value is True:
            narrow(triage.ids_where(flag, True))
        elif value is False or (flag == "archived" and not include_archived):
            deny |= triage.ids_where(flag, True)
    for tag in want.tags:
        narrow(triage.ids_tagged(tag))
    for tag in want.exclude_tags:
        deny |= triage.ids_tagged(tag)
    return (
        frozenset(allow) if allow is not None else None,
        frozenset(deny) if deny else None,
    )
