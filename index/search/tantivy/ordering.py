"""Pages of hits in the order the library lists them: by date with ties by id, or by score.

tantivy orders by one fast field and leaves ties in document order, while the record (and the
Whoosh adapter) lists the articles of one day by id. A page sorted by date is therefore taken as
tantivy orders it up to the page's end, except for the day on which the page ends: every hit of
that day is fetched (a second, narrower search) and the day's hits ordered by id, so the pages
put together are the whole list in the record's order.
"""

from __future__ import annotations

from collections.abc import Callable

import tantivy
from tantivy import DocAddress, Occur, Order, Query

Key = tuple[int, int]  # (segment, document): a hit's address as a hashable value


def address_key(address: DocAddress) -> Key:
    return address.segment_ord, address.doc


def by_score(
    searcher: tantivy.Searcher, query: Query, offset: int, limit: int
) -> tuple[list[tuple[float, DocAddress]], int]:
    """The hits ranked by score up to the end of the page, and how many there are in all."""
    found = searcher.search(query, max(1, offset + limit), count=True)
    return found.hits, found.count


def by_date(
    searcher: tantivy.Searcher,
    schema: tantivy.Schema,
    query: Query,
    field: str,
    offset: int,
    limit: int,
    stored_id: Callable[[DocAddress], str],
) -> tuple[list[DocAddress], int]:
    """The page of hits ordered by the sort key ``field`` (ascending), ties by id; the total."""
    want = max(1, offset + limit)
    found = searcher.search(query, want, count=True, order_by_field=field, order=Order.Asc)
    hits: list[tuple[int, DocAddress]] = found.hits
    if len(hits) == want and found.count > want:  # the last day may go on past the page
        last = hits[-1][0]
        day = Query.range_query(schema, field, tantivy.FieldType.Unsigned, last, last)
        within = Query.boolean_query([(Occur.Must, query), (Occur.Must, day)])
        before = [hit for hit in hits if hit[0] != last]
        first = _first_by_id(searcher, within, want - len(before), found.count)
        hits = before + [(last, address) for address in first]
    ordered = _with_ties_by_id(searcher, hits, stored_id)
    return ordered[offset : offset + limit], found.count


def _first_by_id(searcher: tantivy.Searcher, day: Query, count: int, most: int) -> list[DocAddress]:
    """The first ``count`` hits of the page's last day by id (tantivy orders them by ``idnum``),
    when every id of the day has its number; else every hit of the day, to be ordered by
    `_with_ties_by_id`. At 210k articles a day holds thousands of hits: fetching them all and
    sorting them here was the slowest part of a search by date."""
    first = searcher.search(day, max(1, count), count=False, order_by_field="idnum",
                            order=Order.Asc).hits  # fmt: skip
    if first and first[0][0]:  # the smallest number is not 0: every id of the day has one
        return [address for _, address in first]
    return [address for _, address in searcher.search(day, max(1, most), count=False).hits]


def _with_ties_by_id(
    searcher: tantivy.Searcher,
    hits: list[tuple[int, DocAddress]],
    stored_id: Callable[[DocAddress], str],
) -> list[DocAddress]:
    addresses = [address for _, address in hits]
    numbers = searcher.fast_field_values("idnum", addresses) if addresses else []
    if all(numbers):  # every id is 16 hex digits: its number orders as the id does
        ties: list = numbers
    else:
        ties = [stored_id(address) for address in addresses]
    order = sorted(range(len(hits)), key=lambda i: (hits[i][0], ties[i]))
    return [addresses[i] for i in order]
