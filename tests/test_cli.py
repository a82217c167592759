"""The `kg` command, in-process: help, output, exit codes and one-line errors; exports that parse back."""

from __future__ import annotations

import io
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
import rdflib.compare
from click.testing import CliRunner, Result
from conftest import ARTICLES, FREEDONIA_ID, SYLVANIA_ID, write_articles

from kg.cli import main
from kg.read.queries import named_queries
from kg.store import open_store
from kg.vocab import document_iri

COMMANDS = ["build", "query", "export", "stats", "remove", "viz", "serve", "validate", "push", "show"]
RDFLIB_FORMAT = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld", "trig": "trig", "nquads": "nquads"}
OX_FORMAT = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
}


def kg(cli: CliRunner, *args: str | Path) -> Result:
    return cli.invoke(main, [str(a) for a in args], prog_name="kg")


def assert_one_line_error(result: Result, message: str) -> None:
    """Exit 1, nothing on stdout, exactly `Error: <message>` on stderr, no traceback."""
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert result.stderr == f"Error: {message}\n"
    assert "Traceback" not in result.output


# ---------------------------------------------------------------- help


def test_help_lists_every_command(cli: CliRunner) -> None:
    result = kg(cli, "--help")
    assert result.exit_code == 0
    commands = result.stdout.split("Commands:\n", 1)[1]
    assert [line.split()[0] for line in commands.splitlines() if line.strip()] == sorted(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(cli: CliRunner, command: str) -> None:
    result = kg(cli, command, "--help")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"Usage: kg {command} [OPTIONS]")
    assert "Example:" in result.stdout


def test_query_list(cli: CliRunner) -> None:
    result = kg(cli, "query", "--list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == len(named_queries())
    for line, query in zip(lines, named_queries().values()):
        assert line.startswith(f"{query.name:<14} {query.description}")
        for param in query.params:
            assert f"[{param.name}={param.type}]" in line
    assert lines[-1].startswith("statements     Statements: who said what")
    assert lines[-1].endswith("  [speaker=actor] [min_confidence=number]")


# ---------------------------------------------------------------- errors


def test_query_without_a_store(cli: CliRunner, tmp_path: Path) -> None:
    assert_one_line_error(
        kg(cli, "query", "meetings", "--store", tmp_path),
        f"{tmp_path}: no graph store here; run `kg build PATH --store {tmp_path}` first",
    )


def test_query_an_empty_store(cli: CliRunner, tmp_path: Path) -> None:
    with open_store(tmp_path / "store", write=True):
        pass
    assert_one_line_error(
        kg(cli, "query", "meetings", "--store", tmp_path / "store"),
        f"{tmp_path / 'store'}: the store is empty; run `kg build PATH` first",
    )


def test_unknown_query(cli: CliRunner, hand_store: Path) -> None:
    assert_one_line_error(
        kg(cli, "query", "nosuch", "--store", hand_store),
        "unknown query 'nosuch'; available: about, actors, documents, meetings, policies, profile, relations, statements",
    )


def test_unknown_parameter(cli: CliRunner, hand_store: Path) -> None:
    assert_one_line_error(
        kg(cli, "query", "statements", "-p", "nope=1", "--store", hand_store),
        "query 'statements' has no parameter 'nope'; parameters: speaker, min_confidence",
    )
    assert_one_line_error(
        kg(cli, "query", "statements", "-p", "speaker", "--store", hand_store),
        "--param 'speaker' must look like NAME=VALUE",
    )


def test_sparql_syntax_error(cli: CliRunner, hand_store: Path) -> None:
    result = kg(cli, "query", "-e", "SELEC", "--store", hand_store)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert "SPARQL syntax error" in result.stderr


def test_build_a_missing_path(cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert_one_line_error(
        kg(cli, "build", "does-not-exist", "--store", tmp_path / "store"), "does-not-exist: no such file or folder"
    )
    assert not (tmp_path / "out").exists()


def test_export_format_is_a_choice(cli: CliRunner, hand_store: Path) -> None:
    result = kg(cli, "export", "--format", "xml", "--store", hand_store)
    assert result.exit_code == 2
    assert "'xml' is not one of 'turtle', 'nt', 'trig', 'nquads', 'jsonld'" in result.stderr


def test_build_reports_unreadable_files_and_exits_3(cli: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("")
    result = kg(cli, "build", tmp_path / "in", "--store", tmp_path / "store", "--no-export")
    assert result.exit_code == 3
    assert result.stderr == f"error: {tmp_path / 'in' / 'empty.txt'}: file is empty\n"
    assert result.stdout.splitlines()[:3] == [
        "documents read: 0 (0 unchanged, 1 failed)",
        "actors: 0  meetings: 0  statements: 0  policies: 0",
        "triples: 0",
    ]


def test_build_of_only_unreadable_files_still_prints_the_summary(cli: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("")
    result = kg(cli, "build", tmp_path / "in", "--store", tmp_path / "store", "--export", tmp_path / "graph.ttl")
    assert result.exit_code == 3
    assert result.stderr == f"error: {tmp_path / 'in' / 'empty.txt'}: file is empty\n"
    assert "documents read: 0 (0 unchanged, 1 failed)" in result.stdout


# ---------------------------------------------------------------- query output


def test_query_csv(cli: CliRunner, hand_store: Path) -> None:
    result = kg(cli, "query", "statements", "--param", "speaker=Doe", "--format", "csv", "--store", hand_store)
    assert result.exit_code == 0
    assert (
        result.stdout_bytes
        == f"who,date,text,direct,source\r\nJane Doe,2024-03-04,We will open the corridor,true,{FREEDONIA_ID}\r\n".encode()
    )
    assert result.stderr == ""


def test_query_adhoc_table(cli: CliRunner, hand_store: Path) -> None:
    sparql = "SELECT DISTINCT ?l WHERE { ?a a kg:Country ; rdfs:label ?l } ORDER BY ?l"
    result = kg(cli, "query", "-e", sparql, "--store", hand_store)
    assert (result.exit_code, result.stdout) == (0, "l\n---------\nFreedonia\nSylvania\n(2 rows)\n")


def test_adhoc_queries_see_each_triple_once(cli: CliRunner, hand_store: Path) -> None:
    result = kg(
        cli, "query", "-e", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "csv", "--store", hand_store
    )
    assert result.stdout_bytes == f"n\r\n{distinct_triples(hand_store)}\r\n".encode()


# ---------------------------------------------------------------- stats and remove


def distinct_triples(store: Path) -> int:
    with open_store(store) as db:
        return len({(q.subject, q.predicate, q.object) for q in db if not isinstance(q.graph_name, ox.DefaultGraph)})


def test_stats(cli: CliRunner, hand_store: Path) -> None:
    result = kg(cli, "stats", "--store", hand_store)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line.split()[1] for line in lines[:9]] == [
        "2",
        "1",
        "2",
        "0",
        "1",
        "1",
        "1",
        "1",
        str(distinct_triples(hand_store)),
    ]
    assert [lines[i] for i in (0, 1, 3, 4, 5, 6)] == [
        "documents              2",
        "persons                1",
        "organizations          0",
        "places                 1",
        "meetings               1",
        "statements             1",
    ]
    assert lines[8] == f"triples         {distinct_triples(hand_store):>8}"
    assert lines[9:] == [
        "most connected actors (meetings, statements and policies they take part in):",
        "      3  Freedonia",
        "      2  Jane Doe",
        "      1  Sylvania",
    ]


def test_stats_plurals(cli: CliRunner, hand_store: Path) -> None:
    lines = kg(cli, "stats", "--store", hand_store).stdout.splitlines()
    assert (lines[2], lines[7]) == ("countries              2", "policies               1")


def test_stats_top(cli: CliRunner, hand_store: Path) -> None:
    assert kg(cli, "stats", "--top", "1", "--store", hand_store).stdout.splitlines()[-1] == "      3  Freedonia"


def test_remove_a_document(cli: CliRunner, fresh_hand_store: Path) -> None:
    store = fresh_hand_store
    result = kg(cli, "remove", FREEDONIA_ID, "--store", store)
    assert (result.exit_code, result.stdout) == (0, f"removed {FREEDONIA_ID}\n")

    documents = kg(cli, "query", "documents", "--format", "csv", "--store", store)
    assert [line.split(",")[0] for line in documents.stdout.splitlines()] == ["id", SYLVANIA_ID]
    with open_store(store) as db:
        assert [g.value for g in db.named_graphs()] == [str(document_iri(SYLVANIA_ID))]
    # Freedonia is also in the other article; Jane Doe is not
    actors = kg(cli, "query", "actors", "--format", "csv", "--store", store)
    assert [line.split(",")[2] for line in actors.stdout.splitlines()] == ["label", "Freedonia", "Sylvania"]


def test_remove_an_unknown_document(cli: CliRunner, fresh_hand_store: Path) -> None:
    assert_one_line_error(
        kg(cli, "remove", "nope.txt", "--store", fresh_hand_store),
        "no document 'nope.txt' in the store; `kg query documents` lists them",
    )


# ---------------------------------------------------------------- export (hand-built store fast, model-built store slow)


@pytest.fixture(params=["hand", pytest.param("built", marks=pytest.mark.slow)])
def any_store(request: pytest.FixtureRequest) -> tuple[Path, list[str]]:
    """A store and the ids of the documents in it."""
    if request.param == "hand":
        return request.getfixturevalue("hand_store"), [FREEDONIA_ID, SYLVANIA_ID]
    return request.getfixturevalue("built_store"), sorted(ARTICLES)


def export(cli: CliRunner, store: Path, fmt: str) -> bytes:
    result = kg(cli, "export", "--format", fmt, "--store", store)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return result.stdout_bytes


@pytest.mark.parametrize("fmt", ["turtle", "nt", "jsonld"])
def test_graph_exports_parse_to_the_same_triples(cli: CliRunner, any_store: tuple[Path, list[str]], fmt: str) -> None:
    store, _ = any_store
    data = export(cli, store, fmt)
    by_rdflib = rdflib.Graph().parse(data=data, format=RDFLIB_FORMAT[fmt])
    by_oxigraph = list(ox.parse(io.BytesIO(data), OX_FORMAT[fmt]))
    turtle = rdflib.Graph().parse(data=export(cli, store, "turtle"), format="turtle")
    assert len(by_rdflib) == len(by_oxigraph) == len(turtle) == distinct_triples(store) > 0
    assert rdflib.compare.isomorphic(by_rdflib, turtle)


@pytest.mark.parametrize("fmt", ["turtle", "nt", "trig", "nquads", "jsonld"])
def test_export_is_byte_identical_twice(cli: CliRunner, any_store: tuple[Path, list[str]], fmt: str) -> None:
    store, _ = any_store
    assert export(cli, store, fmt) == export(cli, store, fmt)


@pytest.mark.parametrize("fmt", ["trig", "nquads"])
def test_dataset_exports_keep_one_named_graph_per_document(
    cli: CliRunner, any_store: tuple[Path, list[str]], fmt: str
) -> None:
    store, doc_ids = any_store
    data = export(cli, store, fmt)
    quads = list(ox.parse(io.BytesIO(data), OX_FORMAT[fmt]))
    with open_store(store) as db:
        assert set(quads) == set(db)
    named: dict[str, set] = {}
    merged = set()
    for q in quads:
        triple = (q.subject, q.predicate, q.object)
        if isinstance(q.graph_name, ox.DefaultGraph):
            merged.add(triple)
        else:
            named.setdefault(q.graph_name.value, set()).add(triple)
    # one named graph per document, and the default graph is exactly their union
    assert sorted(named) == sorted(str(document_iri(d)) for d in doc_ids)
    assert merged == set().union(*named.values())
    dataset = rdflib.Dataset()
    dataset.parse(data=data, format=RDFLIB_FORMAT[fmt])
    assert sum(len(g) for g in dataset.graphs()) == len(quads)


def test_export_to_a_file(cli: CliRunner, hand_store: Path, tmp_path: Path) -> None:
    target = tmp_path / "sub" / "graph.ttl"
    result = kg(cli, "export", "-o", target, "--store", hand_store)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert target.read_bytes() == export(cli, hand_store, "turtle")
    assert result.stderr == f"wrote {target} ({len(target.read_bytes())} bytes)\n"


# ---------------------------------------------------------------- kg build on real text (slow)


@pytest.mark.slow
def test_build_is_deterministic_and_incremental(cli: CliRunner, built_store: Path, tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "in")
    store, ttl = tmp_path / "store", tmp_path / "graph.ttl"

    first = kg(cli, "build", folder, "--store", store, "--export", ttl)
    assert first.exit_code == 0, first.output
    assert first.stderr == ""
    lines = first.stdout.splitlines()
    assert lines[:2] == [f"wrote {ttl}", "documents read: 2 (0 unchanged, 0 failed)"]
    assert lines[3] == f"triples: {distinct_triples(store)}"
    assert lines[4].startswith("seconds: ")

    # same articles, fresh store: the same bytes, in the file and from `kg export`
    assert ttl.read_bytes() == export(cli, store, "turtle") == export(cli, built_store, "turtle")

    again = kg(cli, "build", folder, "--store", store, "--no-export")
    assert again.exit_code == 0
    assert again.stdout.splitlines()[0] == "documents read: 2 (2 unchanged, 0 failed)"
    assert export(cli, store, "turtle") == ttl.read_bytes()


@pytest.mark.slow
def test_remove_from_a_built_store(cli: CliRunner, articles_dir: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert kg(cli, "build", articles_dir, "--store", store, "--no-export").exit_code == 0
    assert kg(cli, "remove", "summit.txt", "--store", store).stdout == "removed summit.txt\n"
    documents = kg(cli, "query", "documents", "--format", "csv", "--store", store)
    assert [line.split(",")[0] for line in documents.stdout.splitlines()] == ["id", "trade.txt"]
    assert kg(cli, "stats", "--store", store).stdout.splitlines()[0] == "documents              1"
