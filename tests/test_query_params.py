"""Every parameter of every named query filters: one test per parameter, asserting the exact rows,
on a small store of hand-made records where each filter has something to leave out."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import prov_of

from kg.read.queries import named_queries, run_query

DOC_A, DOC_B = "alpha.txt", "beta.txt"
TEXT_A = (
    "Jane Doe met Ivan Petrov in Geneva on March 3, 2024. "
    '"We will open the corridor," Doe said. '
    "Freedonia announced a grain export ban against Sylvania. "
    "Freedonia is an ally of Ruritania."
)
TEXT_B = (
    "Freedonia and Ruritania held talks in May 2023. "
    'Petrov said "the visa waiver is dead". '
    "Ruritania proposed a visa waiver for Freedonia. "
    "Sylvania built a border fence. "
    "Sylvania opposes Freedonia."
)


def _extractions():
    from kg.model import Actor, Extraction, Meeting, Policy, Relation, Statement
    from kg.text.ingest import make_article

    a = lambda s: prov_of(DOC_A, TEXT_A, s)  # noqa: E731
    b = lambda s: prov_of(DOC_B, TEXT_B, s)  # noqa: E731
    alpha = Extraction(
        make_article(DOC_A, TEXT_A, title="Talks in Geneva", date="2024-03-04"),
        actors=(
            Actor("Jane Doe", "Person", aliases=("Doe",)),
            Actor("Ivan Petrov", "Person"),
            Actor("Freedonia", "Country"),
            Actor("Sylvania", "Country"),
            Actor("Ruritania", "Country"),
            Actor("Geneva", "Place"),
        ),
        meetings=(
            Meeting(
                ("Ivan Petrov", "Jane Doe"),
                a("Jane Doe met Ivan Petrov in Geneva on March 3, 2024."),
                start="2024-03-03",
                location="Geneva",
                kind="talks",
                confidence=0.9,
            ),
        ),
        statements=(
            Statement(
                ("Jane Doe",),
                "We will open the corridor",
                a('"We will open the corridor," Doe said.'),
                about=("Freedonia",),
                confidence=0.9,
            ),
        ),
        policies=(
            Policy(
                "grain export ban",
                a("Freedonia announced a grain export ban against Sylvania."),
                proponents=("Freedonia",),
                targets=("Sylvania",),
                confidence=0.8,
            ),
        ),
        relations=(Relation("Freedonia", "allyOf", "Ruritania", a("Freedonia is an ally of Ruritania.")),),
    )
    beta = Extraction(
        make_article(DOC_B, TEXT_B, title="Visa row", date="2023-05-20"),
        actors=(
            Actor("Ivan Petrov", "Person", aliases=("Petrov",)),
            Actor("Freedonia", "Country"),
            Actor("Sylvania", "Country"),
            Actor("Ruritania", "Country"),
        ),
        meetings=(
            Meeting(
                ("Freedonia", "Ruritania"),
                b("Freedonia and Ruritania held talks in May 2023."),
                start="2023-05",
                kind="talks",
                confidence=0.5,
            ),
        ),
        statements=(
            Statement(
                ("Ivan Petrov",),
                "the visa waiver is dead",
                b('Petrov said "the visa waiver is dead".'),
                direct=True,
                about=("Ruritania",),
                confidence=0.4,
            ),
        ),
        policies=(
            Policy(
                "visa waiver",
                b("Ruritania proposed a visa waiver for Freedonia."),
                proponents=("Ruritania",),
                targets=("Freedonia",),
                confidence=0.5,
            ),
            Policy("border fence", b("Sylvania built a border fence."), proponents=("Sylvania",), confidence=0.6),
        ),
        relations=(Relation("Sylvania", "opposes", "Freedonia", b("Sylvania opposes Freedonia.")),),
    )
    return [alpha, beta]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kg.builder.rdf import document_triples
    from kg.store import open_store, replace_document
    from kg.vocab import document_iri

    path = tmp_path_factory.mktemp("params") / "store"
    with open_store(path, write=True) as db:
        for ex in _extractions():
            replace_document(db, str(document_iri(ex.article.id)), document_triples(ex))
    return path


def rows(store: Path, name: str, **params: str) -> list[list[str | None]]:
    result = run_query(name, params, store=store)
    return [[None if t is None else t.value for t in row] for row in result.rows]


def column(store: Path, name: str, variable: str, **params: str) -> list[str | None]:
    result = run_query(name, params, store=store)
    i = result.variables.index(variable)
    return [None if row[i] is None else row[i].value for row in result.rows]


ID = "https://w3id.org/newskg/id/"


def test_every_parameter_has_a_test_here() -> None:
    tested = {
        ("about", "topic"),
        ("about", "min_confidence"),
        ("actors", "class"),
        ("meetings", "actor"),
        ("meetings", "year"),
        ("meetings", "min_confidence"),
        ("policies", "proponent"),
        ("policies", "target"),
        ("policies", "min_confidence"),
        ("profile", "actor"),
        ("relations", "actor"),
        ("statements", "speaker"),
        ("statements", "min_confidence"),
    }
    assert {(q.name, p.name) for q in named_queries().values() for p in q.params} == tested


# ---------------------------------------------------------------- policies (the bug of issue 15)


def test_policies_unfiltered(store: Path) -> None:
    assert [r[1:] for r in rows(store, "policies")] == [
        ["border fence", "Sylvania", None, "1"],
        ["grain export ban", "Freedonia", "Sylvania", "1"],
        ["visa waiver", "Ruritania", "Freedonia", "1"],
    ]


def test_policies_of_a_proponent(store: Path) -> None:
    assert [r[1:] for r in rows(store, "policies", proponent="Freedonia")] == [
        ["grain export ban", "Freedonia", "Sylvania", "1"]
    ]
    assert [r[1] for r in rows(store, "policies", proponent="Sylvania")] == ["border fence"]


def test_policies_aimed_at_a_target(store: Path) -> None:
    assert [r[1:] for r in rows(store, "policies", target="Freedonia")] == [
        ["visa waiver", "Ruritania", "Freedonia", "1"]
    ]
    assert rows(store, "policies", target="Ruritania") == []


def test_policies_above_a_confidence(store: Path) -> None:
    assert [r[1] for r in rows(store, "policies", min_confidence="0.55")] == ["border fence", "grain export ban"]


def test_policies_of_a_proponent_at_a_target(store: Path) -> None:
    assert rows(store, "policies", proponent="Freedonia", target="Freedonia") == []


# ---------------------------------------------------------------- meetings


def test_meetings_of_an_actor(store: Path) -> None:
    (found,) = rows(store, "meetings", actor="Petrov")
    assert found[0].startswith(ID + "meeting/2024-03-03_ivan_petrov_jane_doe_")
    assert found[1:3] + [sorted(found[3].split(", "))] + found[4:] == [
        "2024-03-03",
        None,
        ["Ivan Petrov", "Jane Doe"],
        "Geneva",
        "talks",
        "held",
        "1",
    ]
    assert [sorted(p.split(", ")) for p in column(store, "meetings", "participants", actor="Ruritania")] == [
        ["Freedonia", "Ruritania"]
    ]


def test_meetings_in_a_year(store: Path) -> None:
    assert column(store, "meetings", "start", year="2023") == ["2023-05"]
    assert column(store, "meetings", "start", year="2024") == ["2024-03-03"]
    assert rows(store, "meetings", year="2022") == []


def test_meetings_above_a_confidence(store: Path) -> None:
    assert column(store, "meetings", "start", min_confidence="0.6") == ["2024-03-03"]
    assert column(store, "meetings", "start") == ["2023-05", "2024-03-03"]


# ---------------------------------------------------------------- statements and about


def test_statements_of_a_speaker(store: Path) -> None:
    assert rows(store, "statements", speaker="Ivan Petrov") == [
        ["Ivan Petrov", None, "the visa waiver is dead", "true", DOC_B]
    ]


def test_statements_above_a_confidence(store: Path) -> None:
    assert rows(store, "statements", min_confidence="0.5") == [
        ["Jane Doe", None, "We will open the corridor", "true", DOC_A]
    ]
    assert len(rows(store, "statements")) == 2


def test_about_a_topic(store: Path) -> None:
    assert rows(store, "about", topic="rurit") == [
        ["Ruritania", "actor", "Ivan Petrov", "the visa waiver is dead", DOC_B]
    ]


def test_about_above_a_confidence(store: Path) -> None:
    assert rows(store, "about", min_confidence="0.5") == [
        ["Freedonia", "actor", "Jane Doe", "We will open the corridor", DOC_A]
    ]
    assert len(rows(store, "about")) == 2


# ---------------------------------------------------------------- actors, relations, profile


def test_actors_of_a_class(store: Path) -> None:
    assert [r[1:3] for r in rows(store, "actors", **{"class": "Person"})] == [
        ["Person", "Ivan Petrov"],
        ["Person", "Jane Doe"],
    ]
    assert [r[2] for r in rows(store, "actors", **{"class": "Place"})] == ["Geneva"]


def test_relations_of_an_actor(store: Path) -> None:
    assert [r[:4] for r in rows(store, "relations", actor="Sylvania")] == [["Sylvania", "opposes", "Freedonia", DOC_B]]
    assert [r[:4] for r in rows(store, "relations", actor="Freedonia")] == [["Freedonia", "allyOf", "Ruritania", DOC_A]]


def test_profile_of_an_actor(store: Path) -> None:
    assert rows(store, "profile", actor="Ruritania") == [
        ["met", "Freedonia", "2023-05", DOC_B],
        ["name", "Ruritania", None, None],
        ["pushes policy", "visa waiver", None, DOC_B],
        ["type", "Country", None, None],
    ]
    assert [r[:2] for r in rows(store, "profile", actor="Sylvania") if r[0] not in ("name", "type")] == [
        ["opposes", "Freedonia"],
        ["pushes policy", "border fence"],
        ["target of policy", "grain export ban"],
    ]
