"""What the main screen asks the library for: a search (`Status`: query, sort, filters, as the
header line shows it) and the page of it to fetch, with its filters applied."""

from __future__ import annotations

from dataclasses import dataclass

from newsreader.index.models import SearchResult

from .search_thread import PageQuery


@dataclass(frozen=True, slots=True)
class Status:
    """What the header line shows."""

    total: int | None = None  # None while the first search runs
    query: str = ""
    sort: str = "relevance"
    unread_only: bool = False
    starred_only: bool = False
    archived: bool = False
    new_only: bool = False  # only the articles added since the reader last closed
    marked: int = 0
    host: str | None = None
    fetching: str | None = None  # what a fetch of the feeds is doing, while it runs


@dataclass(frozen=True, slots=True)
class SearchRequest:
    """One page to fetch, which search it belongs to (stale pages are dropped), where the cursor
    goes."""

    page: PageQuery
    generation: int
    place: tuple[str, ...] = ()  # ids for the cursor, the first one listed wins (see run_search)


def full_query(query: str, status: Status) -> str:
    """The query with the status's active filters added in the library's query language."""
    extra = [
        flag
        for flag, on in (("read:no", status.unread_only), ("starred:yes", status.starred_only))
        if on
    ]
    return " ".join([query.strip(), *extra]).strip()


def no_hits_message(result: SearchResult) -> str:
    """What the reader says when a search finds nothing."""
    if result.query.strip():
        return f"No articles match {result.query!r}."
    return "The library is empty: add articles with `newsreader index PATH`."


def view_depends_on(field: str, status: Status) -> bool:
    """Whether the list shown depends on this query field (read, starred, archived or tag), so
    changing it on some articles may add rows to the view or drop them."""
    if field == "archived" and not status.archived:
        return True
    return f"{field}:" in full_query(status.query, status).lower()


def hides_results(result: SearchResult, request: SearchRequest, listed: bool) -> bool:
    """Whether a result typed into the search bar should wait a moment before it replaces the
    listed results: a first page that matches nothing is most often a word not yet finished,
    and "No articles match" for it would flash between every two keys."""
    return listed and not result.hits and request.page.offset == 0
