"""`kg show ACTOR`: the profile record (kg.read.show.actor_profile) and the card the CLI prints."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FREEDONIA_ID, SYLVANIA_ID
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

from kg.cli import main
from kg.errors import QueryError, StoreError
from kg.read.show import MeetingEntry, PolicyEntry, Role, StatementEntry, actor_profile
from kg.store import open_store, replace_document
from kg.text.reference import load_reference
from kg.vocab import ID, KG

WIKIDATA = "http://www.wikidata.org/entity/Q999999999"  # a made-up item: the test checks the link, not the fact


def show(cli: CliRunner, *args: str | Path):
    return cli.invoke(main, ["show", *(str(a) for a in args)])


# ---------------------------------------------------------------- the hand-built store


def test_card_of_a_person(cli: CliRunner, hand_store: Path) -> None:
    result = show(cli, "doe", "--store", hand_store)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "Jane Doe\n"
        "  type:     Person\n"
        "  IRI:      https://w3id.org/newskg/id/jane_doe\n"
        "  aliases:  Doe\n"
        "\n"
        "meetings (1)\n"
        f"  2024-03-03  with Freedonia in Geneva (talks, held) [{FREEDONIA_ID}]\n"
        "\n"
        "statements (1)\n"
        f"  2024-03-04  “We will open the corridor” [{FREEDONIA_ID}]\n"
        "\n"
        "policies (0)\n"
        "\n"
        "relations (0)\n"
    )


def test_card_of_a_policy_target_cites_only_the_article_that_names_it(cli: CliRunner, hand_store: Path) -> None:
    result = show(cli, "Sylvania", "--store", hand_store)
    assert result.exit_code == 0
    assert (
        result.stdout.split("policies (1)\n", 1)[1]
        == f"  target of grain export ban (by: Freedonia) [{SYLVANIA_ID}]\n\nrelations (0)\n"
    )


def test_card_of_a_place_lists_the_meetings_held_there(cli: CliRunner, hand_store: Path) -> None:
    result = show(cli, "Geneva", "--store", hand_store)
    assert "  type:     Place\n" in result.stdout
    assert (
        f"meetings (1)\n  2024-03-03  with Freedonia, Jane Doe in Geneva (talks, held) [{FREEDONIA_ID}]\n"
        in result.stdout
    )


def test_profile_record(hand_store: Path) -> None:
    profile = actor_profile("FREEDONIA", store=hand_store)
    assert (profile.iri, profile.name, profile.types, profile.aliases) == (
        str(ID.freedonia),
        "Freedonia",
        ("Country",),
        (),
    )
    assert profile.meetings == (
        MeetingEntry(
            meeting=profile.meetings[0].meeting,
            start="2024-03-03",
            end=None,
            others=("Jane Doe",),
            place="Geneva",
            kind="talks",
            status="held",
            sources=(FREEDONIA_ID,),
        ),
    )
    assert profile.policies == (
        PolicyEntry("grain export ban", "proponent", ("Sylvania",), (FREEDONIA_ID, SYLVANIA_ID)),
    )
    assert profile.statements == () and profile.relations == () and profile.roles == ()
    assert actor_profile("Doe", store=hand_store).statements == (
        StatementEntry("2024-03-04", "We will open the corridor", True, (FREEDONIA_ID,)),
    )


# ---------------------------------------------------------------- roles, Wikidata, relations, shared aliases


def profile_store(path: Path) -> Path:
    """Shigeru Ishiba (a reference person, so tenures apply) with a role, a Wikidata link and a
    relation; two people who share the alias "Doe"."""
    doc = ID["doc/ishiba_txt"]
    relation = ID["relation/shigeru_ishiba_leaderOf_japan"]
    ishiba, japan = ID.shigeru_ishiba, ID.japan
    triples = [
        (doc, RDF.type, KG.Document),
        (doc, DCTERMS.identifier, Literal("ishiba.txt")),
        (doc, DCTERMS.date, Literal("2025-02-07", datatype=XSD.date)),
        (doc, KG.contentHash, Literal("a" * 64)),
        (ishiba, RDF.type, KG.Person),
        (ishiba, RDFS.label, Literal("Shigeru Ishiba")),
        (ishiba, SKOS.altLabel, Literal("Ishiba")),
        (ishiba, KG.role, Literal("Prime Minister")),
        (ishiba, OWL.sameAs, URIRef(WIKIDATA)),
        (japan, RDF.type, KG.Country),
        (japan, RDFS.label, Literal("Japan")),
        (ishiba, KG.leaderOf, japan),
        (relation, RDF.type, KG.RelationAssertion),
        (relation, RDF.subject, ishiba),
        (relation, RDF.predicate, KG.leaderOf),
        (relation, RDF.object, japan),
        (relation, KG.source, doc),
        (relation, KG.evidence, Literal("Prime Minister Shigeru Ishiba of Japan spoke.")),
        (ID.jane_doe, RDF.type, KG.Person),
        (ID.jane_doe, RDFS.label, Literal("Jane Doe")),
        (ID.jane_doe, SKOS.altLabel, Literal("Doe")),
        (ID.john_doe, RDF.type, KG.Person),
        (ID.john_doe, RDFS.label, Literal("John Doe")),
        (ID.john_doe, SKOS.altLabel, Literal("Doe")),
    ]
    with open_store(path, write=True) as db:
        replace_document(db, str(doc), triples)
    return path


@pytest.fixture(scope="module")
def profiles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return profile_store(tmp_path_factory.mktemp("profiles") / "store")


def test_roles_wikidata_and_relations(cli: CliRunner, profiles: Path) -> None:
    profile = actor_profile("Ishiba", store=profiles)
    tenures = sorted(load_reference().roles_of("Shigeru Ishiba"), key=lambda t: t.start, reverse=True)
    assert tenures, "the reference data knows Shigeru Ishiba's tenures"
    assert profile.roles == tuple(Role(t.role, t.of, t.start, t.end) for t in tenures) + (
        Role("Prime Minister", reported="2025-02-07", sources=("ishiba.txt",)),
    )
    assert profile.wikidata == WIKIDATA
    lines = show(cli, "Ishiba", "--store", profiles).stdout.splitlines()
    first = tenures[0]
    span = f"{first.start} to {first.end}" if first.end else f"since {first.start}"
    assert lines[4] == f"  roles:    {first.role} of {first.of}, {span} (reference data)"
    assert lines[4 + len(tenures)] == "            Prime Minister, reported 2025-02-07 [ishiba.txt]"
    assert f"  Wikidata: {WIKIDATA}" in lines
    assert lines[-2:] == ["relations (1)", "  leaderOf Japan [ishiba.txt]"]
    japan = show(cli, "Japan", "--store", profiles).stdout.splitlines()
    assert japan[-2:] == ["relations (1)", "  Shigeru Ishiba leaderOf Japan [ishiba.txt]"]


def test_a_shared_alias_shows_the_first_and_names_the_others(cli: CliRunner, profiles: Path) -> None:
    result = show(cli, "Doe", "--store", profiles)
    assert result.stdout.splitlines()[:5] == [
        "Jane Doe",
        "  type:     Person",
        "  IRI:      https://w3id.org/newskg/id/jane_doe",
        "  aliases:  Doe",
        "  (the name also fits: John Doe; give the full name to see them)",
    ]


# ---------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Sylvnia", "no actor named 'Sylvnia' in the graph; did you mean Sylvania?"),
        ("Zorglub", "no actor named 'Zorglub' in the graph; `kg query actors` lists them"),
        ("  ", 'give an actor\'s name or alias, e.g. kg show "Shigeru Ishiba"'),
        ('x" } ; DROP ALL ; #', "no actor named 'x\" } ; DROP ALL ; #' in the graph; `kg query actors` lists them"),
    ],
)
def test_unknown_actors_are_one_line_errors(cli: CliRunner, hand_store: Path, name: str, message: str) -> None:
    result = show(cli, name, "--store", hand_store)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", f"Error: {message}\n")


def test_show_without_a_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no graph store here"):
        actor_profile("Japan", store=tmp_path / "none")
    with open_store(tmp_path / "empty", write=True):
        pass
    with pytest.raises(StoreError, match="the store is empty"):
        actor_profile("Japan", store=tmp_path / "empty")


def test_query_error_type(hand_store: Path) -> None:
    with pytest.raises(QueryError):
        actor_profile("Nobody", store=hand_store)


# ---------------------------------------------------------------- end to end on the sample articles


@pytest.mark.slow
def test_show_on_the_seeds(cli: CliRunner, seeds_store: Path) -> None:
    result = show(cli, "Shigeru Ishiba", "--store", seeds_store)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:2] == ["Shigeru Ishiba", "  type:     Person"]
    assert any(line.startswith("  roles:    Prime Minister of Japan, ") for line in lines)
    meetings = result.stdout.split("\nmeetings (", 1)[1].split("\n\n", 1)[0].splitlines()[1:]
    assert any("with Donald Trump" in line for line in meetings)
    facts = [
        line
        for line in lines
        if line.startswith("  ") and not line.startswith(("  type:", "  IRI:", "  aliases:", "  roles:", "  Wikidata:"))
    ]
    for line in facts:
        if not line.startswith("            "):  # continuation lines of roles
            assert line.endswith(".txt]"), line
