"""The newskg ontology as rdflib namespaces: `KG` holds the terms of ontology/newskg.ttl, term for
term (tests/test_docs.py checks), so a misspelt term fails where it is written (`_fail = True`).

Generated: `python scripts/gen_ns.py` rewrites the term list after the ontology changes. Import
these from kg.vocab, which loads this module (and rdflib) only when they are used.
"""

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from kg.vocab import PREFIXES

ID = Namespace(PREFIXES["id"])
WIKIDATA = Namespace("http://www.wikidata.org/entity/")


class KG(DefinedNamespace):
    _NS = Namespace(PREFIXES["kg"])
    _fail = True

    # generated terms: begin
    Actor: URIRef
    Country: URIRef
    Document: URIRef
    Meeting: URIRef
    Organization: URIRef
    Person: URIRef
    Place: URIRef
    Policy: URIRef
    RelationAssertion: URIRef
    Statement: URIRef
    Tenure: URIRef
    about: URIRef
    allyOf: URIRef
    basedIn: URIRef
    capital: URIRef
    confidence: URIRef
    contentHash: URIRef
    cooperatesWith: URIRef
    criticizes: URIRef
    date: URIRef
    demonym: URIRef
    direct: URIRef
    endDate: URIRef
    evidence: URIRef
    holder: URIRef
    isoCode: URIRef
    leaderOf: URIRef
    location: URIRef
    meetingKind: URIRef
    memberOf: URIRef
    opposes: URIRef
    participant: URIRef
    proponent: URIRef
    role: URIRef
    roleName: URIRef
    roleOf: URIRef
    seatOf: URIRef
    source: URIRef
    speaker: URIRef
    startDate: URIRef
    status: URIRef
    supports: URIRef
    target: URIRef
    text: URIRef
    visits: URIRef
    # generated terms: end
