"""The query language's tree (``query.ast``) as Whoosh queries, which ``docsets`` evaluates.

Dates become Whoosh date ranges over midnights (an article's date is its day at midnight), which
``docsets`` reads from the day column (``days.DaySpan``), and a conjunction with negated items
subtracts them at once (``AndNot(positive, Or(negated))``): the same hits as intersecting each
complement, cheaper to evaluate.
"""

from __future__ import annotations

from functools import singledispatch

from whoosh import query as wq

from ...query import ast
from .days import DaySpan


@singledispatch
def compile_query(node: ast.Query) -> wq.Query:
    """The Whoosh query that finds what ``node`` describes."""
    raise TypeError(f"not a query node: {node!r}")


@compile_query.register
def _term(node: ast.Term) -> wq.Query:
    return wq.Term(node.field, node.text)


@compile_query.register
def _phrase(node: ast.Phrase) -> wq.Query:
    return wq.Phrase(node.field, list(node.words))


@compile_query.register
def _prefix(node: ast.Prefix) -> wq.Query:
    return wq.Prefix(node.field, node.text)


@compile_query.register
def _dates(node: ast.DateSpan) -> wq.Query:
    return DaySpan(node.start, node.end)


@compile_query.register
def _or(node: ast.Or) -> wq.Query:
    return wq.Or([compile_query(item) for item in node.items])


@compile_query.register
def _not(node: ast.Not) -> wq.Query:
    return wq.AndNot(wq.Every(), compile_query(node.item))


@compile_query.register
def _all(node: ast.MatchAll) -> wq.Query:
    return wq.Every()


@compile_query.register
def _none(node: ast.MatchNone) -> wq.Query:
    return wq.NullQuery


@compile_query.register
def _and(node: ast.And) -> wq.Query:
    parts = [compile_query(item) for item in node.items]
    negated = [part.b for part in parts if _is_complement(part)]
    positive = [part for part in parts if not _is_complement(part)]
    base = wq.Every() if not positive else positive[0] if len(positive) == 1 else wq.And(positive)
    if not negated:
        return base
    return wq.AndNot(base, negated[0] if len(negated) == 1 else wq.Or(negated))


def _is_complement(query: wq.Query) -> bool:
    """Everything but something: what a ``Not`` (or an And of Nots only) compiles to."""
    return isinstance(query, wq.AndNot) and isinstance(query.a, wq.Every)
