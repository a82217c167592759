"""`kg validate`: the SHACL shapes hold for the built seeds, and a hand-built bad graph gives
exactly the violations it should, each with its node and source document."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner
from rdflib import Literal
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from kg.cli import main
from kg.errors import InputError, StoreError
from kg.read.validate import default_shapes, validate, violations_in
from kg.store import open_store, replace_document
from kg.vocab import ID, KG

SHAPES = Path(__file__).resolve().parent.parent / "ontology" / "shapes.ttl"


def document(doc_id: str) -> list:
    doc = ID["doc/" + doc_id.replace(".", "_")]
    return [
        (doc, RDF.type, KG.Document),
        (doc, DCTERMS.identifier, Literal(doc_id)),
        (doc, KG.contentHash, Literal("0" * 64)),
    ]


def bad_store(path: Path) -> Path:
    """Two documents that break the contract in one way each, per fact."""
    a, b = ID["doc/a_txt"], ID["doc/b_txt"]
    lonely, mute, nameless = ID["meeting/lonely"], ID["statement/mute"], ID["nameless"]
    first = document("a.txt") + [
        (ID.jane, RDF.type, KG.Person),
        (ID.jane, RDFS.label, Literal("Jane")),
        (lonely, RDF.type, KG.Meeting),
        (lonely, RDFS.label, Literal("Meeting: Jane")),
        (lonely, KG.participant, ID.jane),  # one participant
        (lonely, KG.startDate, Literal("March 2024")),  # not a typed date
        (lonely, KG.status, Literal("rumoured")),
        (lonely, KG.source, a),
        (lonely, KG.evidence, Literal("Jane met.")),
        (mute, RDF.type, KG.Statement),
        (mute, KG.speaker, ID.jane),  # no text, no evidence
        (mute, KG.date, Literal("2024-02-30", datatype=XSD.date)),  # no such day
        (mute, KG.source, a),
        (mute, KG.confidence, Literal("1.5", datatype=XSD.decimal)),
    ]
    second = document("b.txt") + [
        (nameless, RDF.type, KG.Country),  # no label
        (ID.jane, RDF.type, KG.Person),
        (ID.jane, RDFS.label, Literal("Jane")),
        (mute, RDF.type, KG.Statement),
        (mute, KG.speaker, ID.jane),
        (mute, KG.source, b),
    ]
    with open_store(path, write=True) as db:
        replace_document(db, str(a), first)
        replace_document(db, str(b), second)
    return path


BAD_LINES = [
    "id:meeting/lonely: kg:participant: a meeting needs at least two participants [a.txt]",
    'id:meeting/lonely: kg:startDate: dates are an xsd:date, xsd:gYearMonth or xsd:gYear (value "March 2024") [a.txt]',
    'id:meeting/lonely: kg:status: status is "held", "planned" or "cancelled" (value "rumoured") [a.txt]',
    "id:nameless: rdfs:label: an actor or place needs exactly one non-empty label, its canonical name [b.txt]",
    'id:statement/mute: kg:confidence: confidence is an xsd:decimal from 0 to 1 (value "1.5"^^xsd:decimal) [a.txt, b.txt]',
    'id:statement/mute: kg:date: dates are an xsd:date, xsd:gYearMonth or xsd:gYear (value "2024-02-30"^^xsd:date) [a.txt, b.txt]',
    "id:statement/mute: kg:evidence: every fact needs its evidence, the sentence it was extracted from [a.txt, b.txt]",
    "id:statement/mute: kg:text: a statement needs its text, a non-empty string [a.txt, b.txt]",
]


def test_a_bad_graph_gives_exactly_its_violations(tmp_path: Path) -> None:
    report = validate(store=bad_store(tmp_path / "store"))
    assert not report.conforms
    assert [v.line() for v in report.violations] == BAD_LINES


def test_kg_validate_prints_the_violations_and_exits_1(cli: CliRunner, tmp_path: Path) -> None:
    result = cli.invoke(main, ["validate", "--store", str(bad_store(tmp_path / "store"))])
    assert result.exit_code == 1
    assert result.stdout == "".join(line + "\n" for line in BAD_LINES)
    assert result.stderr == "Error: 8 violations of ontology/shapes.ttl\n"


def test_an_ill_typed_date_gives_no_traceback(tmp_path: Path) -> None:
    """rdflib logs a traceback for "2024-02-30"^^xsd:date; the real command must not show it."""
    import subprocess
    import sys

    store = bad_store(tmp_path / "store")
    run = subprocess.run(
        [sys.executable, "-m", "kg", "validate", "--store", str(store)], capture_output=True, text=True, timeout=120
    )
    assert (run.returncode, run.stderr) == (1, "Error: 8 violations of ontology/shapes.ttl\n")
    assert run.stdout.splitlines() == BAD_LINES


def test_the_hand_built_store_conforms(cli: CliRunner, hand_store: Path) -> None:
    result = cli.invoke(main, ["validate", "--store", str(hand_store)])
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == "the graph conforms to ontology/shapes.ttl (47 triples)\n"


@pytest.mark.slow
def test_the_seeds_conform(cli: CliRunner, seeds_store: Path) -> None:
    report = validate(store=seeds_store)
    assert [v.line() for v in report.violations] == []
    result = cli.invoke(main, ["validate", "--store", str(seeds_store)])
    assert result.exit_code == 0 and result.stdout.startswith("the graph conforms to ontology/shapes.ttl (")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        # a meeting of two is fine; a policy needs a name; a proponent acts
        (
            """:m a kg:Meeting ; rdfs:label "M" ; kg:participant :x, :y ; kg:source :d ; kg:evidence "e" ; kg:startDate "2024-03"^^xsd:gYearMonth .
               :x a kg:Person ; rdfs:label "X" . :y a kg:Country ; rdfs:label "Y" . :d a kg:Document ; dcterms:identifier "d" ; kg:contentHash "%s" .
               :p a kg:Policy ; kg:proponent :geneva ; kg:source :d ; kg:evidence "e" . :geneva a kg:Place ; rdfs:label "Geneva" ."""
            % ("a" * 64),
            [
                ("id:p", "kg:proponent", "a proponent is a kg:Person, kg:Country or kg:Organization"),
                ("id:p", "rdfs:label", "a policy needs a name"),
            ],
        ),
        # provenance must point at a document; a relation assertion has one subject
        (
            """:r a kg:RelationAssertion ; rdf:subject :x, :y ; rdf:predicate kg:allyOf ; rdf:object :y ; kg:source :x ; kg:evidence "e" .
               :x a kg:Country ; rdfs:label "X", "Ex" . :y a kg:Country ; rdfs:label "Y" .""",
            [
                ("id:r", "kg:source", "every fact needs its source, the kg:Document it was extracted from"),
                ("id:r", "rdf:subject", "a relation assertion has exactly one subject IRI"),
                ("id:x", "rdfs:label", "an actor or place needs exactly one non-empty label, its canonical name"),
            ],
        ),
    ],
)
def test_shapes_on_small_graphs(data: str, expected: list[tuple[str, str, str]]) -> None:
    prefixes = "@prefix : <https://w3id.org/newskg/id/> . @prefix kg: <https://w3id.org/newskg/ontology#> . "
    prefixes += "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> . "
    prefixes += "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix dcterms: <http://purl.org/dc/terms/> . "
    graph = rdflib.Graph().parse(data=prefixes + data, format="turtle")
    shapes = rdflib.Graph().parse(data=default_shapes(), format="turtle")
    assert [(v.focus, v.path, v.message) for v in violations_in(graph, shapes)] == expected


def test_the_shipped_shapes_are_the_ones_in_ontology() -> None:
    assert default_shapes() == SHAPES.read_text(encoding="utf-8")


def test_validate_errors(cli: CliRunner, tmp_path: Path, hand_store: Path) -> None:
    with pytest.raises(StoreError, match="no graph store here"):
        validate(store=tmp_path / "none")
    with pytest.raises(InputError) as exc:
        validate(store=hand_store, shapes=tmp_path / "missing.ttl")
    assert str(exc.value) == f"{tmp_path / 'missing.ttl'}: cannot read the shapes file (No such file or directory)"
    broken = tmp_path / "broken.ttl"
    broken.write_text("this is not turtle")
    result = cli.invoke(main, ["validate", "--store", str(hand_store), "--shapes", str(broken)])
    assert result.exit_code == 1 and result.stderr.startswith(f"Error: {broken}: not valid Turtle (")
    assert len(result.stderr.splitlines()) == 1
