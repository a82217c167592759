"""Serialization of the store. Output is sorted, so the same store always gives the same bytes."""
from __future__ import annotations

import io
from typing import TYPE_CHECKING

from kg.queries import PREFIXES

if TYPE_CHECKING:
    import pyoxigraph as ox

EXPORT_PREFIXES = {k: PREFIXES[k] for k in ("kg", "id", "rdf", "rdfs", "skos", "xsd", "dcterms")}


def _key(term) -> str:
    return str(term)


def merged_triples(db: ox.Store) -> list:
    """The merged (default) graph, sorted."""
    import pyoxigraph as ox

    triples = (ox.Triple(q.subject, q.predicate, q.object) for q in db.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    return sorted(triples, key=lambda t: (_key(t.subject), _key(t.predicate), _key(t.object)))


def serialize(db: ox.Store, fmt: str) -> bytes:
    import pyoxigraph as ox

    out = io.BytesIO()
    if fmt in ("turtle", "nt", "jsonld"):
        triples = merged_triples(db)
        rdf_format = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}[fmt]
        prefixes = EXPORT_PREFIXES if fmt != "nt" else None
        if fmt == "jsonld":
            prefixes = None
        ox.serialize(triples, out, rdf_format, prefixes=prefixes)
    else:
        # the store as it is: the merged default graph, then one named graph per document
        quads = sorted(
            db.quads_for_pattern(None, None, None, None),
            key=lambda q: (not isinstance(q.graph_name, ox.DefaultGraph), _key(q.graph_name), _key(q.subject), _key(q.predicate), _key(q.object)),
        )
        rdf_format = ox.RdfFormat.TRIG if fmt == "trig" else ox.RdfFormat.N_QUADS
        ox.serialize(quads, out, rdf_format, prefixes=EXPORT_PREFIXES if fmt == "trig" else None)
    return out.getvalue()
