"""One group's claims for a query, handed out a part at a time, newest first.

The claims view shows a group's newest few hundred at once and reads the rest after them: the
largest group holds tens of thousands. Read in parts, each a few milliseconds, the rest never
holds up what is asked after it (the next query typed, another group): the reader asks for
one part at a time and stops when the claims are no longer wanted.
"""

from __future__ import annotations

from collections.abc import Mapping

from .models import ArticleRef, Claim, ClaimRow
from .record.row_reader import RowReader

PART = 2000  # claims read at once when all are asked for: a few milliseconds each


class ClaimPages:
    """The claims ``rows`` reads (None: there are none), as the views' rows."""

    def __init__(
        self, rows: RowReader | None, refs: Mapping[str, ArticleRef], groups: Mapping[str, str]
    ) -> None:
        self._rows, self._refs, self._groups = rows, refs, groups

    @property
    def done(self) -> bool:
        """Whether every claim has been read."""
        return self._rows is None or self._rows.done

    def read(self, count: int | None = None) -> list[ClaimRow]:
        """The next ``count`` claims (all that are left when None; fewer at the end)."""
        found: list[ClaimRow] = []
        while not self.done and (count is None or len(found) < count):
            want = PART if count is None else count - len(found)
            found += self._claims(want)
        return found

    def _claims(self, count: int) -> list[ClaimRow]:
        assert self._rows is not None  # `read` asks only while there are rows left
        refs, groups = self._refs, self._groups
        claims = ((refs.get(article), Claim(*row)) for article, row in self._rows.read(count))
        return [ClaimRow(ref, c, groups.get(c.unit or "")) for ref, c in claims if ref is not None]
