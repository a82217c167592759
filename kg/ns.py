"""The newskg vocabulary, term for term as in ontology/newskg.ttl (tests/test_ontology.py checks).

Regenerate the term list with `python scripts/gen_ns.py` after editing the ontology.
"""
from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

ID = Namespace("https://w3id.org/newskg/id/")
WIKIDATA = Namespace("http://www.wikidata.org/entity/")


class KG(DefinedNamespace):
    _NS = Namespace("https://w3id.org/newskg/ontology#")
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
