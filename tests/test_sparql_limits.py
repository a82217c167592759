"""SPARQL text is checked before Oxigraph's parser sees it: a query nested deeper than the parser's
stack allows is refused in one line (CLI, .rq files, `kg viz --query`, the endpoint), and SERVICE,
which makes pyoxigraph fetch from a URL, runs in `kg query` only when asked for. Standard input
carries a query for `kg query -`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.read.serve.protocol import refusal
from kg.read.sparql import MAX_DEPTH, nesting_depth

DEEP = "SELECT * WHERE " + "{ " * 3000 + "?s ?p ?o " + "} " * 3000
DEEP_MESSAGE = f"the query nests groups or brackets 3000 levels deep; at most {MAX_DEPTH} are accepted"


def kg_process(*args: str | Path) -> subprocess.CompletedProcess:
    """A real `kg` process: before the limit, the parser's stack overflow killed it (exit 139)."""
    return subprocess.run(
        [sys.executable, "-m", "kg", *map(str, args)], capture_output=True, text=True, timeout=120, check=False
    )


def test_nesting_depth_counts_groups_and_brackets_outside_strings_iris_and_comments() -> None:
    assert nesting_depth("SELECT * WHERE { ?s ?p ?o FILTER((?o > 1)) }") == 3
    assert nesting_depth('SELECT * WHERE { ?s ?p "{{{{((((" . ?s ?q <urn:x> # {{{{\n }') == 1
    assert nesting_depth(DEEP) == 3000


def test_a_deep_query_in_kg_query_e_is_one_line(hand_store: Path) -> None:
    result = kg_process("query", "-e", DEEP, "--store", hand_store)
    assert (result.returncode, result.stdout, result.stderr) == (1, "", f"Error: {DEEP_MESSAGE}\n")


def test_a_deep_query_file_is_one_line(hand_store: Path, tmp_path: Path) -> None:
    path = tmp_path / "deep.rq"
    path.write_text("# Too deep\n" + DEEP)
    result = kg_process("query", path, "--store", hand_store)
    assert (result.returncode, result.stderr) == (1, f"Error: query deep: {DEEP_MESSAGE}\n")


def test_a_deep_query_in_kg_viz_is_one_line(hand_store: Path, tmp_path: Path) -> None:
    path = tmp_path / "deep.rq"
    path.write_text("# Too deep\n" + DEEP.replace("SELECT *", "CONSTRUCT { ?s ?p ?o }"))
    result = kg_process("viz", "--query", path, "--store", hand_store, "-o", tmp_path / "x.html")
    assert (result.returncode, result.stderr) == (1, f"Error: query deep: {DEEP_MESSAGE}\n")
    assert not (tmp_path / "x.html").exists()


def test_the_endpoint_refuses_a_deep_query_before_a_worker_parses_it() -> None:
    reply = refusal(DEEP)
    assert reply is not None
    assert (reply.status, reply.body.decode()) == (400, DEEP_MESSAGE + "\n")
    assert refusal("SELECT * WHERE " + "{ " * MAX_DEPTH + "?s ?p ?o" + " }" * MAX_DEPTH) is None


SERVICE = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"


def test_kg_query_refuses_service_unless_allowed(cli: CliRunner, hand_store: Path) -> None:
    result = cli.invoke(main, ["query", "-e", SERVICE, "--store", str(hand_store)])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "Error: SERVICE (federated query) is refused: it would fetch data from other endpoints; "
        "add --allow-service to run it\n"
    )
    # allowed, it runs: nothing listens on port 9, so the fetch itself fails, in one line
    allowed = cli.invoke(main, ["query", "-e", SERVICE, "--allow-service", "--store", str(hand_store)])
    assert allowed.exit_code == 1 and allowed.stderr.startswith("Error: query failed: ")
    assert "refused" not in allowed.stderr


def test_a_service_word_in_a_string_or_iri_is_no_service(cli: CliRunner, hand_store: Path) -> None:
    text = (
        'SELECT ?l WHERE { ?a rdfs:label ?l FILTER(?l != "SERVICE") FILTER(?a != <urn:SERVICE>) } ORDER BY ?l LIMIT 1'
    )
    result = cli.invoke(main, ["query", "-e", text, "--format", "csv", "--store", str(hand_store)])
    assert (result.exit_code, result.stdout_bytes) == (0, b"l\r\nFreedonia\r\n")


# ---------------------------------------------------------------- standard input


def test_kg_query_reads_the_query_from_stdin(cli: CliRunner, hand_store: Path) -> None:
    query = "SELECT ?l WHERE { ?a a kg:Country ; rdfs:label ?l } ORDER BY ?l\n"
    result = cli.invoke(main, ["query", "-", "--format", "csv", "--store", str(hand_store)], input=query)
    assert (result.exit_code, result.stdout_bytes) == (0, b"l\r\nFreedonia\r\nSylvania\r\n")


def test_kg_query_stdin_and_e_exclude_each_other(cli: CliRunner, hand_store: Path) -> None:
    result = cli.invoke(main, ["query", "-", "-e", "ASK {}", "--store", str(hand_store)], input="ASK {}")
    assert result.exit_code == 2
    assert "give the query as - (stdin) or with -e, not both" in result.stderr


@pytest.mark.parametrize("text", ["", "   \n"])
def test_an_empty_stdin_query_is_one_line(cli: CliRunner, hand_store: Path, text: str) -> None:
    result = cli.invoke(main, ["query", "-", "--store", str(hand_store)], input=text)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: SPARQL syntax error: ")
