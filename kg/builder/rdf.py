"""The only place records become RDF. IRIs are minted from canonical slugs, never blank nodes,
so the same input always gives the same triples: actors and documents by kg.vocab, meetings,
policies, statements and relation assertions here (their keys come from kg.builder.resolve).

Each document's facts form one named graph, named by the document's IRI: a fact reported by
three articles appears in three graphs, and removing an article removes only what it alone said.
Actor-to-actor relations are plain triples (`:japan kg:allyOf :united_states`) plus a
kg:RelationAssertion node that carries their source and evidence sentence.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from kg.builder.resolve import meeting_key, policy_key, statement_key
from kg.model import Actor, Article, Extraction, Meeting, Policy, Provenance, Relation, Statement
from kg.vocab import ID, KG, SYMMETRIC, actor_iri, document_iri, slug

Triple = tuple[URIRef, URIRef, URIRef | Literal]


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def meeting_iri(participants: tuple[str, ...], start: str | None) -> URIRef:
    names = "_".join(slug(p) for p in participants[:4])
    return ID[f"meeting/{(start or 'undated')}_{names}_{_digest(meeting_key(participants, start))}"]


def policy_iri(label: str) -> URIRef:
    key = policy_key(label)
    return ID[f"policy/{slug(key)[:60]}_{_digest(key)}"]


def date_literal(value: str) -> Literal:
    """xsd:date, xsd:gYearMonth or xsd:gYear by the precision of an ISO date string."""
    if len(value) == 10:
        return Literal(value, datatype=XSD.date)
    if len(value) == 7:
        return Literal(value, datatype=XSD.gYearMonth)
    return Literal(value, datatype=XSD.gYear)


def _conf(value: float) -> Literal:
    return Literal(f"{value:.2f}", datatype=XSD.decimal)


def _prov(node: URIRef, doc: URIRef, prov: Provenance) -> Iterator[Triple]:
    yield node, KG.source, doc
    yield node, KG.evidence, Literal(prov.sentence)


def _events_about(s: Statement, ex: Extraction, min_confidence: float) -> list[URIRef]:
    """The meetings and policies a statement is about: a policy named inside what was said, a
    meeting reported in the sentence the statement comes from ("At the summit, X said ...")."""
    found = [
        meeting_iri(m.participants, m.start)
        for m in ex.meetings
        if m.confidence >= min_confidence and m.prov.start <= s.prov.start < m.prov.end
    ]
    found += [
        policy_iri(p.label)
        for p in ex.policies
        if p.confidence >= min_confidence and s.prov.start <= p.prov.start and p.prov.end <= s.prov.end
    ]
    return found


def document_triples(ex: Extraction, *, min_confidence: float = 0.0) -> list[Triple]:
    """All triples one article supports; they go into the article's named graph. Facts below
    `min_confidence` are left out."""
    doc = document_iri(ex.article.id)
    kept = lambda facts: [f for f in facts if f.confidence >= min_confidence]
    out = _document(ex.article)
    for actor in ex.actors:
        out += _actor(actor)
    for m in kept(ex.meetings):
        out += _meeting(m, doc)
    for s in kept(ex.statements):
        out += _statement(s, doc, _events_about(s, ex, min_confidence))
    for p in kept(ex.policies):
        out += _policy(p, doc)
    for r in kept(ex.relations):
        out += _relation(r, doc, ex.article.id)
    return sorted(set(out))


def _document(art: Article) -> list[Triple]:
    doc = document_iri(art.id)
    out: list[Triple] = [
        (doc, RDF.type, KG.Document),
        (doc, DCTERMS.identifier, Literal(art.id)),
        (doc, KG.contentHash, Literal(art.sha256)),
    ]
    if art.title:
        out.append((doc, DCTERMS.title, Literal(art.title)))
    if art.date:
        out.append((doc, DCTERMS.date, date_literal(art.date)))
    if art.url:
        out.append((doc, DCTERMS.source, URIRef(art.url) if re.match(r"^https?://\S+$", art.url) else Literal(art.url)))
    return out


def _actor(actor: Actor) -> list[Triple]:
    node = actor_iri(actor.key)
    out: list[Triple] = [(node, RDF.type, KG[actor.kind]), (node, RDFS.label, Literal(actor.key))]
    out += [(node, SKOS.altLabel, Literal(a)) for a in actor.aliases if a != actor.key]
    return out


def _meeting(m: Meeting, doc: URIRef) -> list[Triple]:
    node = meeting_iri(m.participants, m.start)
    label = f"{(m.kind or 'meeting').capitalize()}: {' – '.join(m.participants)}" + (f" ({m.start})" if m.start else "")
    out: list[Triple] = [(node, RDF.type, KG.Meeting), (node, RDFS.label, Literal(label))]
    out += [(node, KG.participant, actor_iri(p)) for p in m.participants]
    if m.start:
        out.append((node, KG.startDate, date_literal(m.start)))
    if m.end:
        out.append((node, KG.endDate, date_literal(m.end)))
    if m.location:
        out.append((node, KG.location, actor_iri(m.location)))
    if m.kind:
        out.append((node, KG.meetingKind, Literal(m.kind)))
    out += [(node, KG.status, Literal(m.status)), (node, KG.confidence, _conf(m.confidence))]
    return out + list(_prov(node, doc, m.prov))


def _statement(s: Statement, doc: URIRef, events: list[URIRef]) -> list[Triple]:
    node = ID[f"statement/{_digest(statement_key(s))}"]
    out: list[Triple] = [
        (node, RDF.type, KG.Statement),
        (node, KG.text, Literal(s.text)),
        (node, KG.direct, Literal(s.direct)),
    ]
    out += [(node, KG.speaker, actor_iri(k)) for k in s.speakers]
    out += [(node, KG.about, actor_iri(k)) for k in s.about]
    out += [(node, KG.about, iri) for iri in events]
    if s.date:
        out.append((node, KG.date, date_literal(s.date)))
    out.append((node, KG.confidence, _conf(s.confidence)))
    return out + list(_prov(node, doc, s.prov))


def _policy(p: Policy, doc: URIRef) -> list[Triple]:
    node = policy_iri(p.label)
    out: list[Triple] = [(node, RDF.type, KG.Policy), (node, RDFS.label, Literal(p.label))]
    out += [(node, SKOS.altLabel, Literal(a)) for a in p.aliases if a != p.label]
    out += [(node, KG.proponent, actor_iri(k)) for k in p.proponents]
    out += [(node, KG.target, actor_iri(k)) for k in p.targets]
    out.append((node, KG.confidence, _conf(p.confidence)))
    return out + list(_prov(node, doc, p.prov))


def _relation(r: Relation, doc: URIRef, doc_id: str) -> list[Triple]:
    """A role is a literal on the person; a relation between actors is the plain triple (both
    ways when symmetric) and an assertion that carries its source and evidence."""
    subject = actor_iri(r.subject)
    if r.predicate == "role":
        return [(subject, KG.role, Literal(r.object))]
    obj = actor_iri(r.object)
    out: list[Triple] = [(subject, KG[r.predicate], obj)]
    if r.predicate in SYMMETRIC:
        out.append((obj, KG[r.predicate], subject))
    # one assertion per article: its source and evidence belong together
    node = ID[f"relation/{slug(r.subject)}_{r.predicate}_{slug(r.object)}_{slug(doc_id)}"]
    out += [
        (node, RDF.type, KG.RelationAssertion),
        (node, RDF.subject, subject),
        (node, RDF.predicate, KG[r.predicate]),
        (node, RDF.object, obj),
        (node, KG.confidence, _conf(r.confidence)),
    ]
    return out + list(_prov(node, doc, r.prov))
