"""One-line snippets around the best match in an article body, with the matched words located.

Re-analysing whole bodies for every hit is too slow for a 15 ms page of twenty hits, so only the
words that start like a query stem are found and stemmed (`matching`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..models import Hit
from ..query.ast import TEXT_FIELDS, And, Not, Or, Phrase, Prefix, Query, Term
from .flatten import SNIPPET_WIDTH, flatten, lead_span
from .matching import find_matches

_LEAD = 40  # characters shown before the first match, so it reads in context


def marked_terms(query: Query) -> tuple[frozenset[str], tuple[str, ...]]:
    """Stems and prefixes the query looks for in title/body, leaving out negated parts."""
    stems: set[str] = set()
    prefixes: set[str] = set()
    _collect(query, stems, prefixes)
    return frozenset(stems), tuple(sorted(prefixes))


def _collect(query: Query, stems: set[str], prefixes: set[str]) -> None:
    pending = [query]
    while pending:  # without recursion: a pasted query can be long
        node = pending.pop()
        if isinstance(node, (And, Or)):
            pending.extend(node.items)
        elif isinstance(node, Not) or getattr(node, "field", None) not in TEXT_FIELDS:
            continue  # words the hits lack, or entity and date fields the body does not show
        elif isinstance(node, Term):
            stems.add(node.text)
        elif isinstance(node, Phrase):
            stems.update(node.words)
        elif isinstance(node, Prefix):
            prefixes.add(node.text)


def _best_start(matches: list[tuple[int, int, str]], width: int) -> int:
    """Offset of the first match of the window holding the most distinct terms (then most hits).

    One pass with two pointers, so a long article with thousands of hits stays cheap.
    """
    if len(matches) == 1:
        return matches[0][0]
    reach = width - _LEAD
    inside: dict[str, int] = {}  # hits of each term in the window (Counter's calls cost more)
    best, best_key = matches[0][0], (0, 0)
    end = 0  # matches[i:end] fit in the window that starts at match i
    count = len(matches)
    for i, (start, _, term) in enumerate(matches):
        end = max(end, i)
        while end < count and (end == i or matches[end][1] <= start + reach):
            added = matches[end][2]
            inside[added] = inside.get(added, 0) + 1
            end += 1
        key = (len(inside), end - i)
        if key > best_key:
            best, best_key = start, key
        left = inside[term] - 1
        if left:
            inside[term] = left
        else:
            del inside[term]
    return best


def _window(text: str, anchor: int, width: int) -> tuple[int, int]:
    start = max(0, anchor - _LEAD)
    if start > 0:
        space = text.find(" ", start, anchor)
        start = space + 1 if space != -1 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > anchor else end
    return start, end


def make_snippet(
    body: str, stems: frozenset[str], prefixes: tuple[str, ...], width: int = SNIPPET_WIDTH
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A one-line snippet of about ``width`` chars around the best match, and the match marks.

    Without a match it is the start of the first non-blank line.
    """
    matches = find_matches(body, stems, prefixes)
    if matches:
        start, end = _window(body, _best_start(matches, width), width)
    else:
        start, end = lead_span(body, width)
    return flatten(body, start, end, [(s, e) for s, e, _ in matches if s >= start and e <= end])


def hit_from_fields(
    fields: dict[str, Any], score: float, stems: frozenset[str], prefixes: tuple[str, ...]
) -> Hit:
    """A search hit from an article's stored fields, with its snippet and marks."""
    snippet, marks = make_snippet(fields.get("body", ""), stems, prefixes)
    when = fields.get("date")
    return Hit(
        id=fields["id"],
        title=fields.get("title", ""),
        date=when.date() if isinstance(when, dt.datetime) else None,
        source=fields.get("source") or None,
        path=fields.get("path"),
        score=float(score),
        snippet=snippet,
        marks=marks,
        category=fields.get("category") or None,
    )
