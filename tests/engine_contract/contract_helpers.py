"""The articles every engine of the contract suite indexes, with their analyses; helpers."""

from __future__ import annotations

import datetime as dt

from newsreader.index.models import Analysis, Article, Claim, Entity, Quote
from newsreader.index.query.assemble import parse_query
from newsreader.index.search.port import SearchEngine

NOW = dt.datetime(2025, 1, 15, 10, 30)  # a Wednesday
D = dt.date


def entity(name: str, kind: str) -> Entity:
    label = {"person": "PERSON", "org": "ORG", "place": "GPE"}[kind]
    return Entity(name, label, 0, len(name), name, kind)


ARTICLES = [
    Article(
        "a1",
        "US raises tariffs on Chinese steel",
        "Washington raised tariffs on steel from China.\n\nThe trade war deepened, officials said.",
        D(2025, 1, 13),
        "Reuters",
        category="business",
    ),
    Article(
        "a2",
        "Budget deficit widens",
        "The budget deficit grew to 5%. Tariff income fell sharply, the minister said.",
        D(2025, 1, 10),
        "BBC News",
        category="politics",
    ),
    Article(
        "a3",
        "United win the derby",
        "Manchester United won the derby 2-1. The manager praised the trade of players.",
        None,
        "BBC News",
        category="sport",
    ),
    Article(
        "a4",
        "Central bank holds rates",
        'The central bank held interest rates. "Inflation is falling," Christine Lagarde said.',
        D(2024, 12, 20),
        "Reuters",
        category="business",
    ),
    Article(
        "a5",
        "Trade war talks in Geneva",
        "Negotiators met in Geneva to end the trade war between the US and China.",
        D(2025, 1, 14),
        "Reuters",
        category="business",
    ),
    Article(
        "a6",
        "Markets rally",
        "Stocks rallied as tariffs were paused. Tariffing is rare, one trader said.",
        D(2025, 1, 12),
        "BBC News",
        category="business",
    ),
]
ANALYSES = {
    "a4": Analysis(
        entities=(
            entity("Christine Lagarde", "person"),
            entity("European Central Bank", "org"),
            entity("Frankfurt", "place"),
        ),
        quotes=(Quote("Inflation is falling,", 39, 61, ((39, 61),), "Christine Lagarde"),),
        claims=(Claim("3%", 0, 2, 3.0, unit="percent", sentence="Inflation stayed at 3%."),),
    ),
    "a5": Analysis(entities=(entity("Kim Jong Un", "person"), entity("Geneva", "place"))),
    "a6": Analysis(entities=(entity("Jong Kim", "person"),)),
}


def docs() -> list[tuple[Article, Analysis | None]]:
    return [(a, ANALYSES.get(a.id)) for a in ARTICLES]


def ids(engine: SearchEngine, query: str, **options: object) -> list[str]:
    """The ids a query finds, in order (all of them: the page is larger than the corpus)."""
    result = engine.search(parse_query(query, now=NOW), limit=50, **options)
    assert result.problem is None, result.problem
    assert result.total == len(result.hits)
    return [hit.id for hit in result.hits]
