"""Pure extractors: spaCy Doc + Article -> plain records. One module per kind of fact."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.actors import ActorIndex, extract_actors
from kg.extract.meetings import extract_meetings
from kg.extract.policies import extract_policies
from kg.extract.relations import extract_relations
from kg.extract.statements import extract_statements
from kg.extract.tokens import cached
from kg.model import Article, Extraction
from kg.text.reference import Reference, load_reference

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = [
    "ActorIndex",
    "extract_article",
    "extract_actors",
    "extract_meetings",
    "extract_policies",
    "extract_relations",
    "extract_statements",
]


def extract_article(doc: Doc, article: Article, *, ref: Reference | None = None) -> Extraction:
    """Every kind of fact in one article, each with its provenance."""
    ref = ref or load_reference()
    with cached(doc):
        actors = extract_actors(doc, article, ref=ref)
        meetings = extract_meetings(doc, article, actors=actors)
        statements = extract_statements(doc, article, actors=actors, meetings=meetings)
        policies = extract_policies(doc, article, actors=actors, meetings=meetings)
        relations = extract_relations(doc, article, actors=actors, meetings=meetings)
    return Extraction(
        article=article,
        actors=tuple(actors.actors.values()),
        meetings=tuple(meetings),
        statements=tuple(statements),
        policies=tuple(policies),
        relations=tuple(actors.relations) + tuple(relations),
    )
