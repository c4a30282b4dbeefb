"""The query language's tree (``query.ast``) as tantivy queries, with the same hits as Whoosh's.

Terms and phrases are looked up as the index holds them (stems, see `schema`). A prefix expands
to the words it matches in the index, as in the Whoosh adapter: the words of all the prefixes of
one query are shared out (MAX_EXPANDED_WORDS, at most MAX_PREFIX_WORDS and at least
MIN_PREFIX_WORDS each, the shortest words kept), up to MAX_SCORED_EXPANSION words scored by BM25,
more at a constant score. A negation needs something to subtract from: tantivy's boolean query
matches nothing with only MustNot clauses, so "everything" is added as the positive clause.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import tantivy
from tantivy import Occur, Query

from ...query import ast
from .schema import day_key

MAX_EXPANDED_WORDS = 2_000
MAX_PREFIX_WORDS = 500
MIN_PREFIX_WORDS = 8
MAX_LEXICON_WALK = 20_000
MAX_SCORED_EXPANSION = 64
TITLE_BOOST = 2.0  # a word in the title counts as in Whoosh's schema (field_boost)


@dataclass(slots=True)
class Compiler:
    """Compiles one query tree against one searcher (prefixes expand to its words)."""

    searcher: tantivy.Searcher
    schema: tantivy.Schema
    per_prefix: int = MAX_PREFIX_WORDS
    limited: bool = False
    _nodes: list[ast.Query] = field(default_factory=list)

    @classmethod
    def for_query(
        cls, searcher: tantivy.Searcher, schema: tantivy.Schema, query: ast.Query
    ) -> Compiler:
        prefixes = sum(isinstance(node, ast.Prefix) for node in ast.walk(query))
        share = MAX_EXPANDED_WORDS // max(prefixes, 1)
        return cls(searcher, schema, max(MIN_PREFIX_WORDS, min(MAX_PREFIX_WORDS, share)))

    def problem(self, parsed_problem: str | None) -> str | None:
        """The parsed query's problem line, with a word on any prefix that was cut."""
        note = None
        if self.limited:
            note = (
                f"a prefix matched too many words: each searched for its {self.per_prefix:,} "
                "shortest (type more letters to see the rest)"
            )
        return "; ".join(p for p in (parsed_problem, note) if p) or None

    def compile(self, node: ast.Query) -> Query:
        """The tantivy query that finds what ``node`` describes."""
        if isinstance(node, ast.Term):
            return self._boosted(node.field, self._term(node.field, node.text))
        if isinstance(node, ast.Phrase):
            return self._boosted(node.field, self._phrase(node))
        if isinstance(node, ast.Prefix):
            return self._boosted(node.field, self._prefix(node))
        if isinstance(node, ast.DateSpan):
            return self._dates(node)
        if isinstance(node, ast.And):
            return self._and(node)
        if isinstance(node, ast.Or):
            return Query.boolean_query([(Occur.Should, self.compile(i)) for i in node.items])
        if isinstance(node, ast.Not):
            return _everything_but([self.compile(node.item)])
        if isinstance(node, ast.MatchAll):
            return Query.all_query()
        if isinstance(node, ast.MatchNone):
            return Query.empty_query()
        raise TypeError(f"not a query node: {node!r}")

    def _term(self, field_name: str, text: str) -> Query:
        return Query.term_query(self.schema, field_name, text)

    def _boosted(self, field_name: str, query: Query) -> Query:
        return Query.boost_query(query, TITLE_BOOST) if field_name == "title" else query

    def _phrase(self, node: ast.Phrase) -> Query:
        if len(node.words) == 1:
            return self._term(node.field, node.words[0])
        if not node.words:
            return Query.empty_query()
        return Query.phrase_query(self.schema, node.field, list(node.words))

    def _prefix(self, node: ast.Prefix) -> Query:
        words = self._shortest_words(node.field, node.text)
        if not words:
            return Query.empty_query()
        union = Query.boolean_query([(Occur.Should, self._term(node.field, w)) for w in words])
        if len(words) > MAX_SCORED_EXPANSION:  # scoring so many would be slow: constant
            return Query.const_score_query(union, 1.0)
        return union

    def _shortest_words(self, field_name: str, prefix: str) -> list[str]:
        found = self.searcher.terms_with_prefix(field_name, prefix, limit=MAX_LEXICON_WALK + 1)
        words = [word for word, _ in found]
        if len(words) <= self.per_prefix:
            return words
        self.limited = True
        return sorted(words, key=lambda word: (len(word), word))[: self.per_prefix]

    def _dates(self, node: ast.DateSpan) -> Query:
        start, end = day_key(node.start), day_key(node.end)
        return Query.const_score_query(
            Query.range_query(self.schema, "day", tantivy.FieldType.Integer, start, end),
            0.0,  # a date narrows the hits, it does not rank them
        )

    def _and(self, node: ast.And) -> Query:
        positive = [self.compile(i) for i in node.items if not isinstance(i, ast.Not)]
        negated = [self.compile(i.item) for i in node.items if isinstance(i, ast.Not)]
        if not negated:
            return Query.boolean_query([(Occur.Must, q) for q in positive])
        if not positive:
            return _everything_but(negated)
        return Query.boolean_query(
            [(Occur.Must, q) for q in positive] + [(Occur.MustNot, q) for q in negated]
        )


def scores_nothing(query: ast.Query) -> bool:
    """Whether no document can score: the query only filters (dates, everything, negations),
    so its hits list newest first, as the empty query does, without ranking them first."""
    pending = [query]
    while pending:
        node = pending.pop()
        if isinstance(node, (ast.And, ast.Or)):
            pending.extend(node.items)
        elif isinstance(node, (ast.Term, ast.Phrase, ast.Prefix)):
            return False
    return True


def _everything_but(queries: list[Query]) -> Query:
    clauses = [(Occur.MustNot, q) for q in queries]
    return Query.boolean_query([(Occur.Must, Query.const_score_query(Query.all_query(), 0.0)),
                                *clauses])  # fmt: skip
