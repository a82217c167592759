"""The one home of newskg's vocabulary: prefixes and namespaces, class and predicate names, and
the IRIs minted from names.

The names are plain strings, so every layer can use them without loading rdflib. The rdflib
namespaces are here too: `KG` (every term of ontology/newskg.ttl, generated into kg._ns by
`python scripts/gen_ns.py`), `ID` and `WIKIDATA`, loaded with rdflib on first use.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rdflib import URIRef

    from kg._ns import ID, KG, WIKIDATA  # noqa: F401 (loaded by __getattr__ below)

PREFIXES = {
    "kg": "https://w3id.org/newskg/ontology#",
    "id": "https://w3id.org/newskg/id/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "dcterms": "http://purl.org/dc/terms/",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
}

# The classes (local names under kg:), by what a reader needs them for.
AGENT_CLASSES = (
    "Person",
    "Country",
    "Organization",
)  # kg:Actor: who meets, speaks, pushes a policy, relates to another
NAMED_CLASSES = (*AGENT_CLASSES, "Place")  # what an extracted Actor record is (Actor.kind): every named thing
# the nodes people look at: what `kg build` and `kg stats` count and `kg viz` draws (not the
# kg:RelationAssertion bookkeeping)
NODE_CLASSES = (*NAMED_CLASSES, "Meeting", "Statement", "Policy", "Document")

# Properties from one actor to another; the symmetric ones are stated both ways, so queries need no inference.
ACTOR_PREDICATES = frozenset(
    {"memberOf", "leaderOf", "allyOf", "supports", "opposes", "criticizes", "visits", "cooperatesWith"}
)
SYMMETRIC = frozenset({"allyOf", "cooperatesWith"})


def slug(text: str) -> str:
    """The IRI-safe form of a name: ASCII letters and digits, lower case, "_" between words."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_") or "x"


def actor_iri(key: str) -> URIRef:
    from rdflib import URIRef

    return URIRef(PREFIXES["id"] + slug(key))


def document_iri(doc_id: str) -> URIRef:
    from rdflib import URIRef

    return URIRef(PREFIXES["id"] + "doc/" + slug(doc_id))


def __getattr__(name: str) -> object:
    """KG, ID and WIKIDATA, imported with rdflib when first asked for (`kg query` never is)."""
    if name in ("KG", "ID", "WIKIDATA"):
        from kg import _ns

        return getattr(_ns, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
