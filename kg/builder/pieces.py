"""One article's facts from the pieces it was read in (kg.text.pieces): each piece is extracted
as an article of its own, its records' offsets moved by the piece's place in the article, and
the pieces' records joined into the one Extraction of the whole article (an actor named in two
pieces is one actor with both pieces' names and roles)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from kg.builder.resolve import merge_actor
from kg.model import Actor, Article, Extraction, Provenance


def piece_articles(article: Article, pieces: Sequence[tuple[int, str]]) -> list[Article]:
    """The article's pieces as articles of the same id, title, date and hash."""
    return [dataclasses.replace(article, text=text) for _, text in pieces]


def _moved(prov: Provenance, offset: int) -> Provenance:
    return dataclasses.replace(prov, start=prov.start + offset, end=prov.end + offset)


def join_pieces(article: Article, offsets: Sequence[int], parts: Sequence[Extraction]) -> Extraction:
    """The whole article's Extraction from its pieces' (offsets[i]: where piece i starts)."""
    if len(parts) == 1 and offsets[0] == 0:
        return dataclasses.replace(parts[0], article=article)
    actors: dict[str, Actor] = {}
    meetings, statements, policies, relations = [], [], [], []
    for offset, part in zip(offsets, parts):
        for actor in part.actors:
            actors[actor.key] = merge_actor(actors[actor.key], actor) if actor.key in actors else actor
        move = lambda records: [dataclasses.replace(r, prov=_moved(r.prov, offset)) for r in records]  # noqa: E731
        meetings += move(part.meetings)
        statements += move(part.statements)
        policies += move(part.policies)
        relations += move(part.relations)
    return Extraction(
        article=article,
        actors=tuple(actors.values()),
        meetings=tuple(meetings),
        statements=tuple(statements),
        policies=tuple(policies),
        relations=tuple(relations),
    )
