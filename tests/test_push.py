"""A real triple store: the Oxigraph server (PyPI `oxigraph`), started as its own process on a
free localhost port. Every export format loads into it over HTTP and answers every named query
as `kg query` does on the local store; `kg push` feeds it over the Graph Store Protocol.

Named graphs: TriG and N-Quads exports carry the merged graph as their default graph plus one
graph per document, so the server is queried exactly like the local store (default graph =
merged graph, `GRAPH ?g` = one document), with no union option. Turtle, N-Triples and JSON-LD
hold the merged graph only: they load into the default graph and answer every query that does
not look inside per-document graphs (`GRAPH ?g`); those queries cannot be answered from a
triple format, and the test names them. A store fed with `kg push --graph-per-document` holds
per-document graphs only; it is queried with `--union-default-graph`, as such a team store is
meant to be.
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from conftest import FREEDONIA_ID, SYLVANIA_ID, hand_extractions

from kg.builder.rdf import document_triples
from kg.cli import main
from kg.read.export import EXPORT_FORMATS, export_graph
from kg.read.push import graph_url, push
from kg.read.queries import bind, named_queries, run_query, with_values
from kg.store import open_store, replace_document
from kg.vocab import document_iri

CONTENT_TYPES = {
    "turtle": "text/turtle",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "trig": "application/trig",
    "nquads": "application/n-quads",
}
QUAD_FORMATS = ("trig", "nquads")
SAMPLE_VALUES = {"actor": "Japan", "string": "Country", "year": "2025", "date": "2025-02-07", "number": "1"}
COLLEAGUE = "https://example.org/graphs/colleague"


# ---------------------------------------------------------------- the Oxigraph server


class Oxigraph:
    def __init__(self, url: str) -> None:
        self.url = url
        self.store = url + "/store"

    def select(self, query: str) -> tuple[list[str], list[list[ox.Term | None]]]:
        import requests

        response = requests.post(
            self.url + "/query",
            data={"query": query},  # as written: a named query carries its own PREFIX lines
            headers={"Accept": "application/sparql-results+json"},
            timeout=60,
        )
        assert response.status_code == 200, response.text
        solutions = ox.parse_query_results(response.content, ox.QueryResultsFormat.JSON)
        variables = [v.value for v in solutions.variables]
        return variables, [[row[v] for v in variables] for row in solutions]

    def graph(self, name: str | None) -> set[ox.Triple]:
        """The triples of one graph (None: the default graph), read back with GSP GET."""
        import requests

        response = requests.get(graph_url(self.store, name), headers={"Accept": "application/n-triples"}, timeout=60)
        if response.status_code == 404:
            return set()
        assert response.status_code == 200, response.text
        return {q.triple for q in ox.parse(response.content, ox.RdfFormat.N_TRIPLES)}

    def graph_names(self) -> set[str]:
        return {row[0].value for row in self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")[1]}


def oxigraph_executable() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(found).exists():
        pytest.fail("the `oxigraph` command is missing: pip install -e '.[test]'")
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def oxigraph_server(location: Path, *options: str) -> Iterator[Oxigraph]:
    """`oxigraph serve` on a free 127.0.0.1 port; a port taken in between is retried."""
    import requests

    for _ in range(3):
        port = _free_port()
        process = subprocess.Popen(
            [oxigraph_executable(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}", *options],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 20
        while process.poll() is None and time.monotonic() < deadline:
            try:
                requests.get(url + "/", timeout=1)
                break
            except requests.ConnectionError:
                time.sleep(0.05)
        if process.poll() is None:
            break
        process.stderr.close()
    else:
        raise AssertionError("oxigraph serve did not start")
    try:
        yield Oxigraph(url)
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)
        process.stderr.close()


@pytest.fixture
def oxigraph(tmp_path: Path) -> Iterator[Oxigraph]:
    with oxigraph_server(tmp_path / "oxigraph") as server:
        yield server


# ---------------------------------------------------------------- helpers


def reads_named_graphs(text: str) -> bool:
    return re.search(r"\bGRAPH\b", re.sub(r"(?m)#.*$", "", text)) is not None


def strings(rows: list[list]) -> list[list[str | None]]:
    return [[None if t is None else str(t) for t in row] for row in rows]


def param_sets(name: str) -> list[dict[str, str]]:
    params = named_queries()[name].params
    return [{}] + ([{p.name: SAMPLE_VALUES[p.type] for p in params}] if params else [])


def assert_same_answers(server: Oxigraph, store: Path, names: list[str], *, ordered: bool = True) -> int:
    """Every query in `names`, with and without sample parameters, gives the same rows on the
    server as `kg query` (kg.read.queries.run_query) on the local store. Returns the number of rows.

    `ordered=False` compares the rows as multisets: rows that tie on every ORDER BY key may come
    in another order when the data is read through a union of graphs."""
    total = 0
    for name in names:
        query = named_queries()[name]
        for params in param_sets(name):
            local = run_query(name, params, store=store)
            with open_store(store) as db:  # the same VALUES block `kg query` sends
                text = with_values(query.text, bind(db, query, params))
            variables, rows = server.select(text)
            assert variables == local.variables, name
            if ordered:
                assert strings(rows) == strings(local.rows), f"{name} {params}"
            else:
                assert sorted(strings(rows), key=str) == sorted(strings(local.rows), key=str), f"{name} {params}"
            total += len(rows)
    return total


def local_graph(store: Path, name: str | None) -> set[ox.Triple]:
    with open_store(store) as db:
        graph = ox.DefaultGraph() if name is None else ox.NamedNode(name)
        return {q.triple for q in db.quads_for_pattern(None, None, None, graph)}


def rewrite_document(store: Path, doc: str, triples: list) -> None:
    # in a function of its own: the writable Store closes when its last reference goes, and a
    # writer still open (a `db` left bound after the `with`) may compact files away under the
    # read-only opens that follow
    with open_store(store, write=True) as db:
        replace_document(db, doc, triples)


def kg(*args: str | Path):
    return CliRunner().invoke(main, [str(a) for a in args])


# ---------------------------------------------------------------- exports into the server


@pytest.mark.slow
@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_each_export_answers_every_named_query_as_the_local_store(
    fmt: str, seeds_store: Path, oxigraph: Oxigraph
) -> None:
    import requests

    data = export_graph(fmt, store=seeds_store)
    # triple formats go to the default graph; quad formats carry their own graphs
    target = oxigraph.store + ("" if fmt in QUAD_FORMATS else "?default")
    response = requests.post(target, data=data, headers={"Content-Type": CONTENT_TYPES[fmt]}, timeout=60)
    assert response.status_code in (200, 201, 204), response.text
    assert oxigraph.graph(None) == local_graph(seeds_store, None)
    names = list(named_queries())
    if fmt in QUAD_FORMATS:
        with open_store(seeds_store) as db:
            documents = {g.value for g in db.named_graphs()}
        assert oxigraph.graph_names() == documents
        for doc in documents:
            assert oxigraph.graph(doc) == local_graph(seeds_store, doc)
    else:
        per_document = [n for n in names if reads_named_graphs(named_queries()[n].text)]
        # actors counts the documents that mention an actor through their graphs (0 without them);
        # profile and statements take each article's date from its graph, else the merged graph's
        assert per_document == ["actors", "profile", "statements"]
        assert oxigraph.graph_names() == set()
        names = [n for n in names if n != "actors"]
    assert assert_same_answers(oxigraph, seeds_store, names) > 0


# ---------------------------------------------------------------- kg push


@pytest.mark.slow
def test_push_the_merged_graph_into_the_default_graph(hand_store: Path, oxigraph: Oxigraph) -> None:
    merged = local_graph(hand_store, None)
    for _ in range(2):  # a second push replaces, it does not add
        result = kg("push", "--endpoint", oxigraph.store, "--store", hand_store)
        assert result.exit_code == 0, result.output
        assert (
            result.stdout
            == f"put default ({len(merged)} triples)\npushed 1 graph, {len(merged)} triples to {oxigraph.store}\n"
        )
        assert oxigraph.graph(None) == merged
        assert oxigraph.graph_names() == set()


def changed_sylvania() -> list:
    """The Sylvania article after an edit: the policy lost its target, a new actor appeared."""
    from dataclasses import replace

    from kg.model import Actor

    ex = hand_extractions()[1]
    policy = replace(ex.policies[0], targets=())
    ex = replace(ex, actors=(*ex.actors, Actor("Ruritania", "Country")), policies=(policy,))
    return document_triples(ex)


@pytest.mark.slow
def test_push_per_document_and_repush_replaces_just_that_graph(fresh_hand_store: Path, oxigraph: Oxigraph) -> None:
    import requests

    freedonia, sylvania = str(document_iri(FREEDONIA_ID)), str(document_iri(SYLVANIA_ID))
    result = kg("push", "--endpoint", oxigraph.store, "--graph-per-document", "--store", fresh_hand_store)
    assert result.exit_code == 0, result.output
    counts = {doc: len(local_graph(fresh_hand_store, doc)) for doc in (freedonia, sylvania)}
    assert result.stdout.splitlines() == [
        f"put {freedonia} ({counts[freedonia]} triples)",
        f"put {sylvania} ({counts[sylvania]} triples)",
        f"pushed 2 graphs, {sum(counts.values())} triples to {oxigraph.store}",
    ]
    assert oxigraph.graph_names() == {freedonia, sylvania}
    assert oxigraph.graph(None) == set()  # per-document pushes leave the default graph alone
    # a colleague feeds the same store
    colleague = b'<https://example.org/a> <https://example.org/said> "hello" .\n'
    requests.put(
        graph_url(oxigraph.store, COLLEAGUE),
        data=colleague,
        headers={"Content-Type": "application/n-triples"},
        timeout=30,
    ).raise_for_status()
    freedonia_before = oxigraph.graph(freedonia)

    rewrite_document(fresh_hand_store, sylvania, changed_sylvania())
    summary = push(oxigraph.store, store=fresh_hand_store, graph_per_document=True)

    new_sylvania = local_graph(fresh_hand_store, sylvania)
    assert oxigraph.graph(sylvania) == new_sylvania  # replaced, not merged: the old target is gone
    assert not any(t.predicate.value.endswith("#target") for t in oxigraph.graph(sylvania))
    assert oxigraph.graph(freedonia) == freedonia_before == local_graph(fresh_hand_store, freedonia)
    assert len(oxigraph.graph(COLLEAGUE)) == 1
    assert summary.triples == len(new_sylvania) + len(freedonia_before)
    _, rows = oxigraph.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert int(rows[0][0].value) == summary.triples + 1


@pytest.mark.slow
def test_a_team_store_fed_per_document_answers_like_the_local_store(seeds_store: Path, tmp_path: Path) -> None:
    """Per-document graphs, queried with the union of all graphs as the default graph."""
    with oxigraph_server(tmp_path / "team", "--union-default-graph") as team:
        summary = push(team.store, store=seeds_store, graph_per_document=True)
        assert len(summary.graphs) == 5
        assert assert_same_answers(team, seeds_store, list(named_queries()), ordered=False) > 0


@pytest.mark.slow
def test_push_to_the_query_endpoint_says_which_endpoint_to_use(hand_store: Path, oxigraph: Oxigraph) -> None:
    result = kg("push", "--endpoint", oxigraph.url + "/query", "--store", hand_store)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {oxigraph.url}/query refused the default graph: HTTP 404 Not Found: ")
    assert result.stderr.endswith(
        "(is it the Graph Store endpoint? Oxigraph: /store, Fuseki: /DATASET/data, GraphDB: /repositories/REPO/rdf-graphs/service)\n"
    )


def test_push_when_nothing_listens(cli: CliRunner, hand_store: Path) -> None:
    port = _free_port()
    endpoint = f"http://127.0.0.1:{port}/store"
    result = cli.invoke(main, ["push", "--endpoint", endpoint, "--store", str(hand_store), "--graph-per-document"])
    assert result.exit_code == 1
    assert result.stderr == f"Error: cannot reach {endpoint} ([Errno 111] Connection refused)\n"


@pytest.mark.parametrize(
    ("endpoint", "message"),
    [
        (
            "localhost:7878/store",
            "--endpoint 'localhost:7878/store' is not an http(s) URL; e.g. http://localhost:7878/store (Oxigraph)",
        ),
        (
            "ftp://example.org/store",
            "--endpoint 'ftp://example.org/store' is not an http(s) URL; e.g. http://localhost:7878/store (Oxigraph)",
        ),
    ],
)
def test_push_needs_an_http_url(cli: CliRunner, hand_store: Path, endpoint: str, message: str) -> None:
    result = cli.invoke(main, ["push", "--endpoint", endpoint, "--store", str(hand_store)])
    assert (result.exit_code, result.stderr) == (1, f"Error: {message}\n")


def test_graph_urls() -> None:
    assert graph_url("http://h:7878/store", None) == "http://h:7878/store?default"
    assert (
        graph_url("http://h:7878/store", "https://w3id.org/newskg/id/doc/a_txt")
        == "http://h:7878/store?graph=https%3A%2F%2Fw3id.org%2Fnewskg%2Fid%2Fdoc%2Fa_txt"
    )
    assert graph_url("http://h/rdf-graphs/service?x=1", None) == "http://h/rdf-graphs/service?x=1&default"


def test_passwords_stay_out_of_messages(cli: CliRunner, hand_store: Path) -> None:
    port = _free_port()
    result = cli.invoke(
        main, ["push", "--endpoint", f"http://team:s3cret@127.0.0.1:{port}/store", "--store", str(hand_store)]
    )
    assert result.exit_code == 1 and "s3cret" not in result.output
    assert result.stderr.startswith(f"Error: cannot reach http://127.0.0.1:{port}/store (")


def test_a_document_removed_here_is_deleted_there_on_the_next_push(fresh_hand_store: Path, oxigraph: Oxigraph) -> None:
    import requests

    from kg.builder.pipeline import remove

    freedonia, sylvania = str(document_iri(FREEDONIA_ID)), str(document_iri(SYLVANIA_ID))
    assert kg("push", "--endpoint", oxigraph.store, "--graph-per-document", "--store", fresh_hand_store).exit_code == 0
    colleague = b'<https://example.org/a> <https://example.org/said> "hello" .\n'
    requests.put(
        graph_url(oxigraph.store, COLLEAGUE),
        data=colleague,
        headers={"Content-Type": "application/n-triples"},
        timeout=30,
    ).raise_for_status()
    assert remove([SYLVANIA_ID], store=fresh_hand_store) == [SYLVANIA_ID]

    result = kg("push", "--endpoint", oxigraph.store, "--graph-per-document", "--store", fresh_hand_store)
    assert result.exit_code == 0, result.output
    size = len(local_graph(fresh_hand_store, freedonia))
    assert result.stdout.splitlines() == [
        f"put {freedonia} ({size} triples)",
        f"deleted {sylvania}",
        f"pushed 1 graph, {size} triples to {oxigraph.store}; deleted 1 graph of removed documents",
    ]
    assert oxigraph.graph_names() == {freedonia, COLLEAGUE}  # the colleague's graph stays
    # pushing again deletes nothing more
    assert push(oxigraph.store, store=fresh_hand_store, graph_per_document=True).deleted == []
