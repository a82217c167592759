"""kg.builder.rdf turns records into exact triples (compared with inline Turtle); no model needed."""

from __future__ import annotations

from rdflib import Graph
from rdflib.compare import graph_diff, to_isomorphic

from kg.builder.rdf import date_literal, document_triples, meeting_iri, policy_iri
from kg.model import Actor, Extraction, Meeting, Policy, Provenance, Relation, Statement
from kg.text.ingest import make_article
from kg.vocab import actor_iri, slug

TEXT = 'Ruritania and Borduria talk.\n\nAnna Berg met Karl Ost in Vienna on May 2, 2024. "Trade must flow," Berg said.'
PREFIXES = """
@prefix kg: <https://w3id.org/newskg/ontology#> .
@prefix id: <https://w3id.org/newskg/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
"""


def prov(sentence: str) -> Provenance:
    start = TEXT.index(sentence)
    return Provenance("ruritania.txt", sentence, start, start + len(sentence))


def extraction() -> Extraction:
    art = make_article("ruritania.txt", TEXT, title="Ruritania and Borduria talk.", date="2024-05-03")
    met = "Anna Berg met Karl Ost in Vienna on May 2, 2024."
    said = '"Trade must flow," Berg said.'
    return Extraction(
        art,
        actors=(Actor("Anna Berg", "Person", aliases=("Berg",)), Actor("Karl Ost", "Person"), Actor("Vienna", "Place")),
        meetings=(
            Meeting(
                ("Anna Berg", "Karl Ost"),
                prov(met),
                start="2024-05-02",
                location="Vienna",
                kind="meeting",
                confidence=0.8,
            ),
        ),
        statements=(
            Statement(("Anna Berg",), "Trade must flow", prov(said), direct=True, date="2024-05-03", confidence=0.85),
        ),
        relations=(Relation("Anna Berg", "role", "Foreign Minister", prov(met), 0.8),),
    )


def check(triples, expected_turtle: str) -> None:
    got = Graph()
    for t in triples:
        got.add(t)
    want = Graph().parse(data=PREFIXES + expected_turtle, format="turtle")
    if to_isomorphic(got) != to_isomorphic(want):
        _, only_got, only_want = graph_diff(to_isomorphic(got), to_isomorphic(want))
        raise AssertionError(
            "graphs differ\nonly in output:\n"
            + only_got.serialize(format="nt")
            + "\nonly expected:\n"
            + only_want.serialize(format="nt")
        )


def test_an_article_becomes_exact_triples() -> None:
    ex = extraction()
    meeting = meeting_iri(("Anna Berg", "Karl Ost"), "2024-05-02")
    statement = [s for s, p, o in document_triples(ex) if str(o) == "https://w3id.org/newskg/ontology#Statement"][0]
    check(
        document_triples(ex),
        f"""
        <https://w3id.org/newskg/id/doc/ruritania_txt> a kg:Document ; dcterms:identifier "ruritania.txt" ;
            dcterms:title "Ruritania and Borduria talk." ; dcterms:date "2024-05-03"^^xsd:date ;
            kg:contentHash "{ex.article.sha256}" .
        id:anna_berg a kg:Person ; rdfs:label "Anna Berg" ; skos:altLabel "Berg" ; kg:role "Foreign Minister" .
        id:karl_ost a kg:Person ; rdfs:label "Karl Ost" .
        id:vienna a kg:Place ; rdfs:label "Vienna" .
        <{meeting}> a kg:Meeting ; rdfs:label "Meeting: Anna Berg – Karl Ost (2024-05-02)" ;
            kg:participant id:anna_berg, id:karl_ost ; kg:startDate "2024-05-02"^^xsd:date ;
            kg:location id:vienna ; kg:meetingKind "meeting" ; kg:status "held" ;
            kg:confidence "0.80"^^xsd:decimal ; kg:source <https://w3id.org/newskg/id/doc/ruritania_txt> ;
            kg:evidence "Anna Berg met Karl Ost in Vienna on May 2, 2024." .
        <{statement}> a kg:Statement ; kg:speaker id:anna_berg ; kg:text "Trade must flow" ;
            kg:direct true ; kg:date "2024-05-03"^^xsd:date ; kg:confidence "0.85"^^xsd:decimal ;
            kg:source <https://w3id.org/newskg/id/doc/ruritania_txt> ; kg:evidence "\\"Trade must flow,\\" Berg said." .
        """,
    )


def test_relations_are_plain_triples_with_a_reified_assertion() -> None:
    ex = extraction()
    rel = Relation("Anna Berg", "allyOf", "Karl Ost", prov("Anna Berg met Karl Ost in Vienna on May 2, 2024."), 0.75)
    triples = set(document_triples(Extraction(ex.article, actors=ex.actors[:2], relations=(rel,))))
    check(
        [t for t in triples if "doc/" not in str(t[0])],
        """
        id:anna_berg a kg:Person ; rdfs:label "Anna Berg" ; skos:altLabel "Berg" ; kg:allyOf id:karl_ost .
        id:karl_ost a kg:Person ; rdfs:label "Karl Ost" ; kg:allyOf id:anna_berg .
        <https://w3id.org/newskg/id/relation/anna_berg_allyOf_karl_ost_ruritania_txt> a kg:RelationAssertion ; rdf:subject id:anna_berg ;
            rdf:predicate kg:allyOf ; rdf:object id:karl_ost ; kg:confidence "0.75"^^xsd:decimal ;
            kg:source <https://w3id.org/newskg/id/doc/ruritania_txt> ; kg:evidence "Anna Berg met Karl Ost in Vienna on May 2, 2024." .
        """,
    )


def test_min_confidence_drops_weak_facts() -> None:
    triples = document_triples(extraction(), min_confidence=0.82)
    kinds = {str(o).rsplit("#", 1)[-1] for s, p, o in triples if str(p).endswith("#type")}
    assert "Statement" in kinds and "Meeting" not in kinds


def test_iris_are_stable_slugs() -> None:
    assert str(actor_iri("Ferdinand Marcos Jr.")) == "https://w3id.org/newskg/id/ferdinand_marcos_jr"
    assert slug("Élysée Palace") == "elysee_palace"
    assert meeting_iri(("A", "B"), "2024-05") == meeting_iri(("A", "B"), "2024-05")
    assert policy_iri('"America First" doctrine') == policy_iri("America First")
    assert document_triples(extraction()) == document_triples(extraction())


def test_date_literals_keep_their_precision() -> None:
    assert date_literal("2024-05-02").datatype.endswith("#date")
    assert date_literal("2024-05").datatype.endswith("#gYearMonth")
    assert date_literal("2024").datatype.endswith("#gYear")


def test_statements_are_about_the_meeting_of_their_sentence_and_the_policies_they_name() -> None:
    text = 'At the summit on May 2, Anna Berg met Karl Ost and said "the Green Tariff Pact must pass." Ost left.'
    art = make_article("pact.txt", text, date="2024-05-03")
    sentence = text[: text.index(" Ost left")]
    quote = text.index("the Green")
    pact = text.index("Green Tariff Pact")
    ex = Extraction(
        art,
        actors=(Actor("Anna Berg", "Person"), Actor("Karl Ost", "Person")),
        meetings=(
            Meeting(
                ("Anna Berg", "Karl Ost"),
                Provenance("pact.txt", sentence, 0, len(sentence)),
                start="2024-05-02",
                confidence=0.8,
            ),
        ),
        statements=(
            Statement(
                ("Anna Berg",),
                "the Green Tariff Pact must pass.",
                Provenance("pact.txt", sentence, quote, quote + 32),
                confidence=0.9,
            ),
        ),
        policies=(
            Policy(
                "Green Tariff Pact", Provenance("pact.txt", sentence, pact, pact + 17), ("Anna Berg",), confidence=0.7
            ),
            Policy("Other Pact", Provenance("pact.txt", "Ost left.", len(sentence) + 1, len(text)), confidence=0.5),
        ),
    )
    triples = document_triples(ex)
    about = {o for s, p, o in triples if str(p).endswith("#about")}
    assert about == {meeting_iri(("Anna Berg", "Karl Ost"), "2024-05-02"), policy_iri("Green Tariff Pact")}
    # a fact below the confidence floor is not written, so nothing may point at it
    about = {o for s, p, o in document_triples(ex, min_confidence=0.75) if str(p).endswith("#about")}
    assert about == {meeting_iri(("Anna Berg", "Karl Ost"), "2024-05-02")}
