"""Named and ad-hoc SPARQL over a hand-built store (no model): parameters, errors, injection, rendering."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import FREEDONIA_ID, SYLVANIA_ID, quad_count

from kg.errors import QueryError, StoreError
from kg.read.queries import PARAM_TYPES, QueryResult, named_queries, run_query, with_values
from kg.read.results import render_result
from kg.store import open_store, replace_document
from kg.vocab import PREFIXES

XSD = "http://www.w3.org/2001/XMLSchema#"
ID = "https://w3id.org/newskg/id/"
SHIPPED = ["about", "actors", "documents", "meetings", "policies", "profile", "relations", "statements"]


def values(result: QueryResult) -> list[list[str | None]]:
    return [[None if t is None else t.value for t in row] for row in result.rows]


def all_quads(store: Path) -> set:
    with open_store(store) as db:
        return set(db)


# ---------------------------------------------------------------- the shipped queries


def test_the_shipped_queries() -> None:
    assert list(named_queries()) == SHIPPED


@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_query_parses_and_documents_itself(name: str) -> None:
    query = named_queries()[name]
    assert query.name == name
    assert query.description and not query.description.startswith("#")
    ox.Store().query(query.text, prefixes=PREFIXES)  # raises SyntaxError if broken
    for param in query.params:
        assert param.type in PARAM_TYPES
        assert param.description, f"{name}: parameter {param.name} has no description"
        assert f"?{param.name}" in query.text, f"{name}: parameter {param.name} binds no variable"


@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_query_declares_the_prefixes_it_uses(name: str) -> None:
    """Another triple store knows none of our prefixes: each file parses alone, and declares
    only what it uses."""
    import re

    text = named_queries()[name].text
    ox.Store().query(text)  # no predefined prefixes: raises SyntaxError("Prefix not found") if one is missing
    declared = re.findall(r"(?m)^PREFIX (\w+): <([^>]+)>$", text)
    assert all(PREFIXES[p] == iri for p, iri in declared)
    body = re.sub(r'(?m)^PREFIX .*$|#[^\n]*|"[^"\n]*"|<[^>\s]*>', " ", text)
    assert sorted(p for p, _ in declared) == sorted(p for p in PREFIXES if re.search(rf"(?<![\w?$]){p}:", body))


@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_query_runs_with_and_without_its_parameters(name: str, hand_store: Path) -> None:
    sample = {"actor": "Freedonia", "string": "Country", "year": "2024", "date": "2024-03-03", "number": "1"}
    assert run_query(name, {}, store=hand_store).kind == "select"
    params = {p.name: sample[p.type] for p in named_queries()[name].params}
    assert run_query(name, params, store=hand_store).kind == "select"


# ---------------------------------------------------------------- parameters


@pytest.mark.parametrize("speaker", ["Doe", "doe", "Jane Doe", " JANE DOE "])
def test_statements_by_name_or_alias(speaker: str, hand_store: Path) -> None:
    result = run_query("statements", {"speaker": speaker}, store=hand_store)
    assert result.variables == ["who", "date", "text", "direct", "source"]
    assert values(result) == [["Jane Doe", "2024-03-04", "We will open the corridor", "true", FREEDONIA_ID]]


def test_meetings_of_an_actor_in_a_year(hand_store: Path) -> None:
    rows = values(run_query("meetings", {"actor": "Freedonia", "year": "2024"}, store=hand_store))
    assert [(r[1], r[4], r[5], r[6], r[7]) for r in rows] == [("2024-03-03", "Geneva", "talks", "held", "1")]
    assert sorted(rows[0][3].split(", ")) == ["Freedonia", "Jane Doe"]
    assert run_query("meetings", {"actor": "Freedonia", "year": "2023"}, store=hand_store).rows == []


def test_actors_of_one_class(hand_store: Path) -> None:
    rows = values(run_query("actors", {"class": "Country"}, store=hand_store))
    assert [(r[0], r[1], r[2], r[4]) for r in rows] == [
        (ID + "freedonia", "Country", "Freedonia", "2"),
        (ID + "sylvania", "Country", "Sylvania", "1"),
    ]


def test_documents(hand_store: Path) -> None:
    rows = values(run_query("documents", {}, store=hand_store))
    assert rows == [
        [FREEDONIA_ID, "2024-03-04", "Freedonia and Sylvania hold talks in Geneva", "3"],
        [SYLVANIA_ID, None, "Sylvania answers Freedonia over grain", "1"],
    ]


PLAIN_DOCUMENTS = """SELECT DISTINCT ?id ?date ?title (COUNT(DISTINCT ?fact) AS ?facts) WHERE {
  ?doc a kg:Document ; dcterms:identifier ?id .
  OPTIONAL { ?doc dcterms:title ?title } OPTIONAL { ?doc dcterms:date ?date } OPTIONAL { ?fact kg:source ?doc }
} GROUP BY ?id ?date ?title ORDER BY ?id"""


def test_documents_gives_the_rows_of_its_plain_form_in_id_order(tmp_path: Path) -> None:
    """documents.rq is shaped for speed (sub-selects, ids sorted by slices first): same rows, same order."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import DCTERMS, RDF

    kg = PREFIXES["kg"]
    ids = ["b.txt", "a.txt", "a", "", "é.txt", "z" * 15, "z" * 14 + "y", "zz", "Z.txt", "reuters/2024/03/japan-summit-talks.txt",
           "reuters/2024/03/japan-summit-talks-2.txt", "reuters/2024/03/japan-summit-talks.txt#L2", "x" * 44 + "b", "x" * 44 + "a", "x" * 46]  # fmt: skip
    with open_store(tmp_path / "store", write=True) as db:
        for n, doc_id in enumerate(ids):
            doc = URIRef(f"{ID}doc/{n}")
            triples = [(doc, RDF.type, URIRef(kg + "Document")), (doc, DCTERMS.identifier, Literal(doc_id))]
            if n % 2:
                triples.append((doc, DCTERMS.title, Literal(f"Title {n}")))
            if n % 3:
                triples.append((doc, DCTERMS.date, Literal(f"2024-03-{n + 1:02d}", datatype=URIRef(XSD + "date"))))
            triples += [(URIRef(f"{ID}statement/{n}_{k}"), URIRef(kg + "source"), doc) for k in range(n % 4)]
            replace_document(db, str(doc), triples)
        plain = [
            [None if t is None else t.value for t in (r["id"], r["date"], r["title"], r["facts"])]
            for r in db.query(PLAIN_DOCUMENTS, prefixes=PREFIXES)
        ]
    del db  # the writer closes before `kg query` opens the store
    rows = values(run_query("documents", {}, store=tmp_path / "store"))
    assert rows == plain
    assert [r[0] for r in rows] == sorted(ids)
    assert [r[3] for r in rows if r[0] in ("", "a", "b.txt")] == ["3", "2", "0"]


def test_unknown_query_name(hand_store: Path) -> None:
    with pytest.raises(QueryError) as exc:
        run_query("meetngs", {}, store=hand_store)
    assert str(exc.value) == f"unknown query 'meetngs'; available: {', '.join(named_queries())}"
    assert (
        str(exc.value)
        == "unknown query 'meetngs'; available: about, actors, documents, meetings, policies, profile, relations, statements"
    )


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        (
            "statements",
            {"nope": "1"},
            "query 'statements' has no parameter 'nope'; parameters: speaker, min_confidence",
        ),
        ("documents", {"nope": "1"}, "query 'documents' has no parameter 'nope'; parameters: none"),
        (
            "statements",
            {"speaker": "Nobody"},
            "no actor named 'Nobody' in the graph; try `kg query actors` for the names",
        ),
        ("meetings", {"year": "24"}, "parameter 'year' must be a year such as 2025, not '24'"),
    ],
)
def test_bad_parameters(name: str, params: dict, message: str, hand_store: Path) -> None:
    with pytest.raises(QueryError) as exc:
        run_query(name, params, store=hand_store)
    assert str(exc.value) == message


INJECTIONS = [
    'x" } ; DROP ALL ; #',
    '"> <',
    "x' } ; DROP ALL ; #",
    'x"""\n} ; CLEAR ALL ; #',
    'Doe" } UNION { ?s ?p ?o } #',
]


@pytest.mark.parametrize("value", INJECTIONS)
@pytest.mark.parametrize(("name", "param"), [("actors", "class"), ("statements", "speaker")])
def test_parameter_values_are_data_not_sparql(name: str, param: str, value: str, fresh_hand_store: Path) -> None:
    before = all_quads(fresh_hand_store)
    try:
        result = run_query(name, {param: value}, store=fresh_hand_store)
    except QueryError as exc:
        assert "SPARQL syntax error" not in str(exc)
    else:
        assert result.rows == []
    assert all_quads(fresh_hand_store) == before
    assert quad_count(fresh_hand_store) == len(before) > 0


# ---------------------------------------------------------------- ad-hoc SPARQL


def test_adhoc_select(hand_store: Path) -> None:
    result = run_query(sparql="SELECT ?label WHERE { ?a a kg:Person ; rdfs:label ?label }", store=hand_store)
    assert (result.kind, result.variables, values(result)) == ("select", ["label"], [["Jane Doe"]])


def test_adhoc_ask_and_construct(hand_store: Path) -> None:
    ask = run_query(sparql="ASK { id:jane_doe skos:altLabel 'Doe' }", store=hand_store)
    assert (ask.kind, ask.boolean) == ("ask", True)
    graph = run_query(
        sparql="CONSTRUCT { ?a rdfs:label ?l } WHERE { ?a a kg:Country ; rdfs:label ?l }", store=hand_store
    )
    assert graph.kind == "graph"
    assert sorted(values(graph)) == [
        [ID + "freedonia", PREFIXES["rdfs"] + "label", "Freedonia"],
        [ID + "sylvania", PREFIXES["rdfs"] + "label", "Sylvania"],
    ]


def test_malformed_sparql_is_a_query_error(hand_store: Path) -> None:
    with pytest.raises(QueryError, match="SPARQL syntax error: "):
        run_query(sparql="SELEC ?x WHERE { ?x ?p ?o }", store=hand_store)


def test_malformed_sparql_message_starts_with_the_problem(hand_store: Path) -> None:
    with pytest.raises(QueryError) as exc:
        run_query(sparql="SELEC ?x WHERE { ?x ?p ?o }", store=hand_store)
    assert str(exc.value).startswith("SPARQL syntax error")


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        ((), {}, "give a query name, a .rq file or -e SPARQL (exactly one)"),
        (("documents",), {"sparql": "ASK {}"}, "give a query name, a .rq file or -e SPARQL (exactly one)"),
        (
            (None, {"speaker": "Doe"}),
            {"sparql": "ASK {}"},
            "--param works with named queries only; -e queries have no declared parameters",
        ),
    ],
)
def test_query_arguments(args: tuple, kwargs: dict, message: str, hand_store: Path) -> None:
    with pytest.raises(QueryError) as exc:
        run_query(*args, store=hand_store, **kwargs)
    assert str(exc.value) == message


def test_query_file(tmp_path: Path, hand_store: Path) -> None:
    path = tmp_path / "people.rq"
    path.write_text("# People by label\n# @param name string  the label\nSELECT ?a WHERE { ?a rdfs:label ?name }\n")
    assert values(run_query(str(path), {"name": "Jane Doe"}, store=hand_store)) == [[ID + "jane_doe"]]
    with pytest.raises(QueryError, match=r"no such query file$"):
        run_query(str(tmp_path / "missing.rq"), {}, store=hand_store)


def test_query_file_whose_description_says_where(tmp_path: Path, hand_store: Path) -> None:
    path = tmp_path / "people.rq"
    path.write_text(
        "# Actors where {name} is the label\n# @param name string  the label\nSELECT ?a WHERE { ?a rdfs:label ?name }\n"
    )
    assert values(run_query(str(path), {"name": "Jane Doe"}, store=hand_store)) == [[ID + "jane_doe"]]


def test_store_errors(tmp_path: Path, hand_store: Path) -> None:
    with pytest.raises(StoreError) as exc:
        run_query("documents", {}, store=tmp_path / "none")
    assert (
        str(exc.value)
        == f"{tmp_path / 'none'}: no graph store here; run `kg build PATH --store {tmp_path / 'none'}` first"
    )
    with open_store(tmp_path / "empty", write=True):
        pass
    with pytest.raises(StoreError) as exc:
        run_query("documents", {}, store=tmp_path / "empty")
    assert str(exc.value) == f"{tmp_path / 'empty'}: the store is empty; run `kg build PATH` first"


# ---------------------------------------------------------------- with_values


TERMS = {
    "actor": ox.NamedNode(ID + "jane_doe"),
    "string": ox.Literal('x" } ; DROP ALL ; #'),
    "year": ox.Literal("2024", datatype=ox.NamedNode(XSD + "gYear")),
    "number": ox.Literal("0.5", datatype=ox.NamedNode(XSD + "decimal")),
}


@pytest.mark.parametrize("name", [n for n in SHIPPED if named_queries()[n].params])
def test_with_values_gives_a_query_pyoxigraph_parses(name: str) -> None:
    query = named_queries()[name]
    bindings = {ox.Variable(p.name): TERMS[p.type] for p in query.params}
    text = with_values(query.text, bindings)
    assert text != query.text
    ox.Store().query(text, prefixes=PREFIXES)


def test_with_values_serializes_terms() -> None:
    bindings = {
        ox.Variable("a"): ox.NamedNode(ID + "jane_doe"),
        ox.Variable("y"): ox.Literal("2024", datatype=ox.NamedNode(XSD + "gYear")),
        ox.Variable("s"): ox.Literal('x" } ; DROP ALL ; #\n\t'),
    }
    text = with_values("SELECT * WHERE { ?a ?p ?s }", bindings)
    assert text == (
        "SELECT * WHERE {\n"
        '  VALUES (?a ?y ?s) { (<https://w3id.org/newskg/id/jane_doe> "2024"^^<http://www.w3.org/2001/XMLSchema#gYear> '
        '"x\\" } ; DROP ALL ; #\\n\\t") } ?a ?p ?s }'
    )
    ox.Store().query(text)


def test_with_values_without_bindings_is_the_query_itself() -> None:
    text = named_queries()["documents"].text
    assert with_values(text, {}) == text


def test_with_values_needs_a_where_clause() -> None:
    with pytest.raises(QueryError, match="^this query has no WHERE clause to bind parameters in$"):
        with_values("ASK { ?s ?p ?o }", {ox.Variable("s"): ox.Literal("x")})


# ---------------------------------------------------------------- rendering

RESULT = QueryResult(
    "select",
    ["who", "n", "page", "note"],
    [
        [
            ox.Literal("Jane Doe"),
            ox.Literal("3", datatype=ox.NamedNode(XSD + "integer")),
            ox.NamedNode(ID + "jane_doe"),
            ox.Literal('said "hi", twice', language="en"),
        ],
        [ox.Literal("Zoë"), None, ox.NamedNode("http://example.org/x"), None],
    ],
)


def test_render_json_is_w3c_sparql_results() -> None:
    text = render_result(RESULT, "json")
    assert "Zoë" in text  # not \u-escaped
    assert json.loads(text) == {
        "head": {"vars": ["who", "n", "page", "note"]},
        "results": {
            "bindings": [
                {
                    "who": {"type": "literal", "value": "Jane Doe"},
                    "n": {"type": "literal", "value": "3", "datatype": XSD + "integer"},
                    "page": {"type": "uri", "value": ID + "jane_doe"},
                    "note": {"type": "literal", "value": 'said "hi", twice', "xml:lang": "en"},
                },
                {"who": {"type": "literal", "value": "Zoë"}, "page": {"type": "uri", "value": "http://example.org/x"}},
            ]
        },
    }


def test_render_json_ask() -> None:
    result = QueryResult("ask", ["result"], [[ox.Literal("true")]], boolean=True)
    assert json.loads(render_result(result, "json")) == {"head": {}, "boolean": True}


def test_render_csv() -> None:
    assert render_result(RESULT, "csv") == (
        "who,n,page,note\r\n"
        'Jane Doe,3,https://w3id.org/newskg/id/jane_doe,"said ""hi"", twice"\r\n'
        "Zoë,,http://example.org/x,\r\n"
    )


def test_render_tsv() -> None:
    assert render_result(RESULT, "tsv") == (
        "?who\t?n\t?page\t?note\n"
        '"Jane Doe"\t"3"^^<http://www.w3.org/2001/XMLSchema#integer>\t<https://w3id.org/newskg/id/jane_doe>\t"said \\"hi\\", twice"@en\n'
        '"Zoë"\t\t<http://example.org/x>\t\n'
    )


def test_render_tsv_escapes_tabs_and_newlines() -> None:
    result = QueryResult("select", ["a", "b"], [[ox.Literal("x\ty\nz"), ox.Literal("w")]])
    assert render_result(result, "tsv") == '?a\t?b\n"x\\ty\\nz"\t"w"\n'


def test_render_table() -> None:
    assert render_result(RESULT, "table") == (
        "who       n  page                    note\n"
        "--------  -  ----------------------  ----------------\n"
        'Jane Doe  3  id:jane_doe             said "hi", twice\n'
        "Zoë          <http://example.org/x>\n"
        "(2 rows)\n"
    )


def test_render_table_footer_and_long_cells() -> None:
    one = QueryResult("select", ["text"], [[ox.Literal("line one\nline two " + "x" * 100)]])
    lines = render_result(one, "table").splitlines()
    assert lines[2] == ("line one line two " + "x" * 100)[:79] + "…"
    assert lines[-1] == "(1 row)"
    assert render_result(QueryResult("select", ["a"], []), "table") == "a\n-\n(0 rows)\n"


def test_min_confidence_filters_facts(hand_store) -> None:
    from kg.read.queries import run_query

    every = run_query("statements", {}, store=hand_store).rows
    assert every
    assert run_query("statements", {"min_confidence": "0"}, store=hand_store).rows == every
    assert run_query("statements", {"min_confidence": "1.01"}, store=hand_store).rows == []


def test_what_was_said_about_a_topic(hand_store: Path) -> None:
    row = ["Freedonia", "actor", "Jane Doe", "We will open the corridor", FREEDONIA_ID]
    assert values(run_query("about", {"topic": "FREEDON"}, store=hand_store)) == [row]
    assert values(run_query("about", {"topic": "Sylvania"}, store=hand_store)) == []
    assert values(run_query("about", {}, store=hand_store)) == [row]


def test_actors_are_listed_from_a_turtle_only_load(hand_store: Path) -> None:
    from kg.read.export import export_graph

    plain = ox.Store()
    plain.load(export_graph("turtle", store=hand_store), format=ox.RdfFormat.TURTLE)
    rows = plain.query(named_queries()["actors"].text, prefixes=PREFIXES)
    found = {(r["label"].value, r["type"].value, int(r["documents"].value)) for r in rows}
    assert found == {
        ("Freedonia", "Country", 0),
        ("Sylvania", "Country", 0),
        ("Jane Doe", "Person", 0),
        ("Geneva", "Place", 0),
    }


def test_a_quote_two_articles_dated_differently_is_one_row_per_article(tmp_path: Path) -> None:
    from kg.builder.rdf import document_triples
    from kg.model import Actor, Extraction, Provenance, Statement
    from kg.text.ingest import make_article
    from kg.vocab import document_iri

    def article(doc_id: str, date: str) -> Extraction:
        text = '"We will open the corridor," Doe said.'
        return Extraction(
            make_article(doc_id, text, date=date),
            actors=(Actor("Jane Doe", "Person"),),
            statements=(
                Statement(("Jane Doe",), "We will open the corridor", Provenance(doc_id, text, 1, 26), date=date),
            ),
        )

    with open_store(tmp_path / "store", write=True) as db:
        for ex in (article("a.txt", "2024-03-04"), article("b.txt", "2024-03-05")):
            replace_document(db, str(document_iri(ex.article.id)), document_triples(ex))
    del db
    rows = values(run_query("statements", {"speaker": "Jane Doe"}, store=tmp_path / "store"))
    assert rows == [
        ["Jane Doe", "2024-03-04", "We will open the corridor", "true", "a.txt"],
        ["Jane Doe", "2024-03-05", "We will open the corridor", "true", "b.txt"],
    ]
    said = [
        r[1:] for r in values(run_query("profile", {"actor": "Jane Doe"}, store=tmp_path / "store")) if r[0] == "said"
    ]
    assert said == [
        ["We will open the corridor", "2024-03-04", "a.txt"],
        ["We will open the corridor", "2024-03-05", "b.txt"],
    ]


def test_with_values_binds_every_union_branch_that_uses_the_parameter() -> None:
    a = ox.Variable("a")
    text = 'SELECT * WHERE { { ?a ?p "} UNION {" } UNION { ?s ?p ?a # a { comment\n } UNION { ?x ?y <urn:x> } }'
    bound = with_values(text, {a: ox.NamedNode(ID + "jane_doe")})
    v = "VALUES (?a) { (<https://w3id.org/newskg/id/jane_doe>) }"
    assert bound == (
        f'SELECT * WHERE {{\n  {v} {{ {v} ?a ?p "}} UNION {{" }} UNION {{ {v} ?s ?p ?a # a {{ comment\n }} UNION {{ ?x ?y <urn:x> }} }}'
    )
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode(ID + "jane_doe"), ox.NamedNode(ID + "p"), ox.Literal("} UNION {")))
    store.add(ox.Quad(ox.NamedNode(ID + "x"), ox.NamedNode(ID + "p"), ox.NamedNode(ID + "jane_doe")))
    plain = [
        {str(k): str(r[k]) for k in ("a", "p", "s") if r[k] is not None}
        for r in store.query(f"SELECT * WHERE {{ VALUES ?a {{ <{ID}jane_doe> }} {text[16:]}")
    ]
    assert [{str(k): str(r[k]) for k in ("a", "p", "s") if r[k] is not None} for r in store.query(bound)] == plain


@pytest.mark.parametrize(
    ("statuses", "merged"),
    [
        (("planned", "held"), "held"),
        (("planned", "cancelled"), "cancelled"),
        (("cancelled", "held"), "held"),
        (("planned", "planned"), "planned"),
    ],
)
def test_two_builds_reporting_one_meeting_give_one_row_with_the_merged_status(
    tmp_path: Path, statuses: tuple[str, str], merged: str
) -> None:
    from kg.builder.rdf import document_triples
    from kg.model import Actor, Extraction, Meeting, Provenance
    from kg.text.ingest import make_article
    from kg.vocab import document_iri

    def article(doc_id: str, status: str, kind: str) -> Extraction:
        text = "Ana Ruiz met Lee Park on May 2, 2024."
        return Extraction(
            make_article(doc_id, text, date="2024-05-01"),
            actors=(Actor("Ana Ruiz", "Person"), Actor("Lee Park", "Person")),
            meetings=(
                Meeting(
                    ("Ana Ruiz", "Lee Park"),
                    Provenance(doc_id, text, 0, len(text)),
                    start="2024-05-02",
                    kind=kind,
                    status=status,
                ),
            ),
        )

    with open_store(tmp_path / "store", write=True) as db:
        for ex in (article("first.txt", statuses[0], "visit"), article("second.txt", statuses[1], "summit")):
            replace_document(db, str(document_iri(ex.article.id)), document_triples(ex))
    del db
    rows = values(run_query("meetings", {}, store=tmp_path / "store"))
    assert [r[1:3] + [sorted(r[3].split(", "))] + r[4:] for r in rows] == [
        ["2024-05-02", None, ["Ana Ruiz", "Lee Park"], None, "summit", merged, "2"]
    ]
