"""`kg serve` as clients see it: a real subprocess on a free localhost port, queried with
SPARQLWrapper and plain HTTP (requests). Also: the protocol pieces in-process, and injection
through `kg query --param`, which must leave the store as it was."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from conftest import quad_count

from kg.cli import main
from kg.read.queries import run_query
from kg.read.serve.protocol import Request, answer, negotiate, refusal
from kg.store import open_store

SERVER_TIMEOUT = 2.0  # seconds; small, so the timeout test is quick
COUNTRIES = "SELECT ?label WHERE { ?a a kg:Country ; rdfs:label ?label } ORDER BY ?label"
COUNTRY_ROWS = [["Freedonia"], ["Sylvania"]]
CONSTRUCT = "CONSTRUCT { ?a rdfs:label ?l } WHERE { ?a a kg:Country ; rdfs:label ?l }"
# six unconstrained patterns over ~50 triples: about 10^10 solutions to count, far past the timeout
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o . ?p ?q ?r }"
UPDATE = 'INSERT DATA { <https://example.org/x> <https://example.org/p> "smuggled" }'


def all_quads(store: Path) -> set:
    with open_store(store) as db:
        return set(db)


# ---------------------------------------------------------------- the server process


class Server:
    def __init__(self, process: subprocess.Popen, url: str) -> None:
        self.process, self.url = process, url

    def worker_pids(self) -> set[int]:
        """The query workers: children of the server whose command line is multiprocessing's."""
        pids = set()
        for task in Path(f"/proc/{self.process.pid}/task").iterdir():
            for pid in (task / "children").read_text().split():
                try:
                    cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
                except OSError:
                    continue
                if b"spawn_main" in cmdline:
                    pids.add(int(pid))
        return pids


def start_server(store: Path, *args: str) -> Server:
    """`kg serve --port 0` and read the URL it prints: no race for a free port."""
    command = [sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", "0", *args]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    match = re.search(r"(http://127\.0\.0\.1:\d+/sparql)", line)
    if not match:
        process.kill()
        raise AssertionError(f"kg serve did not start: {line!r} {process.stderr.read()}")
    return Server(process, match[1])


def stop_server(server: Server) -> None:
    server.process.send_signal(signal.SIGTERM)
    try:
        server.process.wait(10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait(5)
    for stream in (server.process.stdout, server.process.stderr):
        stream.close()


@pytest.fixture(scope="module")
def server(hand_store: Path) -> Iterator[Server]:
    srv = start_server(hand_store, "--timeout", str(SERVER_TIMEOUT), "--workers", "2")
    try:
        yield srv
    finally:
        stop_server(srv)


def get(server: Server, query: str, accept: str | None = None, **params: str):
    import requests

    headers = {"Accept": accept} if accept else {}
    return requests.get(server.url, params={"query": query, **params}, headers=headers, timeout=30)


# ---------------------------------------------------------------- SPARQLWrapper


@pytest.mark.slow
@pytest.mark.parametrize("method", ["GET", "POST", "POSTDIRECTLY"])
def test_sparqlwrapper_select_json(server: Server, method: str) -> None:
    from SPARQLWrapper import GET, JSON, POST, POSTDIRECTLY, SPARQLWrapper

    sw = SPARQLWrapper(server.url)
    sw.setQuery(COUNTRIES)
    sw.setReturnFormat(JSON)
    sw.setMethod(POST if method != "GET" else GET)
    if method == "POSTDIRECTLY":
        sw.setRequestMethod(POSTDIRECTLY)  # the query as an application/sparql-query body
    result = sw.query().convert()
    assert result["head"]["vars"] == ["label"]
    assert [[b["label"]["value"]] for b in result["results"]["bindings"]] == COUNTRY_ROWS


@pytest.mark.slow
def test_sparqlwrapper_select_xml_csv_tsv(server: Server) -> None:
    from SPARQLWrapper import CSV, TSV, XML, SPARQLWrapper

    sw = SPARQLWrapper(server.url)
    sw.setQuery(COUNTRIES)
    sw.setReturnFormat(XML)
    document = sw.query().convert()
    assert [n.firstChild.data for n in document.getElementsByTagName("literal")] == ["Freedonia", "Sylvania"]
    sw.setReturnFormat(CSV)
    assert sw.query().convert() == b"label\r\nFreedonia\r\nSylvania\r\n"
    sw.setReturnFormat(TSV)
    assert sw.query().convert() == b'?label\n"Freedonia"\n"Sylvania"\n'


@pytest.mark.slow
def test_sparqlwrapper_ask_and_construct(server: Server) -> None:
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import RDFS
    from SPARQLWrapper import JSON, JSONLD, RDFXML, TURTLE, SPARQLWrapper

    sw = SPARQLWrapper(server.url)
    sw.setQuery("ASK { id:jane_doe skos:altLabel 'Doe' }")
    sw.setReturnFormat(JSON)
    assert sw.query().convert() == {"head": {}, "boolean": True}
    expected = {
        (URIRef("https://w3id.org/newskg/id/freedonia"), RDFS.label, Literal("Freedonia")),
        (URIRef("https://w3id.org/newskg/id/sylvania"), RDFS.label, Literal("Sylvania")),
    }
    sw.setQuery(CONSTRUCT)
    sw.setReturnFormat(TURTLE)
    assert set(Graph().parse(data=sw.query().convert(), format="turtle")) == expected
    sw.setReturnFormat(RDFXML)
    assert set(sw.query().convert()) == expected  # SPARQLWrapper parses RDF/XML into a Graph
    sw.setReturnFormat(JSONLD)
    assert set(sw.query().convert()) == expected


@pytest.mark.slow
def test_sparqlwrapper_sees_refused_updates_and_bad_queries(server: Server, hand_store: Path) -> None:
    from urllib.error import HTTPError

    from SPARQLWrapper import POST, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

    before = all_quads(hand_store)
    sw = SPARQLWrapper(server.url)
    sw.setMethod(POST)
    sw.setQuery(UPDATE)  # SPARQLWrapper sends it as update=... (the update operation)
    with pytest.raises(HTTPError) as exc:
        sw.query()
    assert exc.value.code == 403
    sw.setQuery("SELECT ?x WHERE { ?x ?p }")
    with pytest.raises(QueryBadFormed, match="SPARQL syntax error"):
        sw.query()
    assert all_quads(hand_store) == before


# ---------------------------------------------------------------- plain HTTP: result formats


SELECT_FORMATS = {
    "application/sparql-results+json": ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
    "application/sparql-results+xml": ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
    "text/csv": ("text/csv; charset=utf-8", ox.QueryResultsFormat.CSV),
    "text/tab-separated-values": ("text/tab-separated-values; charset=utf-8", ox.QueryResultsFormat.TSV),
}


@pytest.mark.slow
@pytest.mark.parametrize("accept", list(SELECT_FORMATS))
def test_select_in_each_format(server: Server, hand_store: Path, accept: str) -> None:
    media_type, fmt = SELECT_FORMATS[accept]
    query = "SELECT ?a ?label ?date WHERE { ?a rdfs:label ?label . OPTIONAL { ?a kg:date ?date } } ORDER BY ?label"
    response = get(server, query, accept)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == media_type
    assert response.headers["vary"] == "Accept"
    local = run_query(sparql=query, store=hand_store).rows
    assert local
    if fmt == ox.QueryResultsFormat.CSV:  # CSV carries plain strings only (and pyoxigraph will not parse it)
        header, *rows = csv.reader(io.StringIO(response.content.decode("utf-8")))
        assert header == ["a", "label", "date"]
        assert rows == [[t.value if t else "" for t in row] for row in local]
    else:
        assert [
            [row[v] for v in ("a", "label", "date")] for row in ox.parse_query_results(response.content, fmt)
        ] == local


@pytest.mark.slow
@pytest.mark.parametrize("accept", list(SELECT_FORMATS))
def test_ask_in_each_format(server: Server, accept: str) -> None:
    response = get(server, "ASK { ?m a kg:Meeting }", accept)
    assert response.status_code == 200
    assert response.headers["content-type"] == SELECT_FORMATS[accept][0]
    if accept == "text/csv":
        assert response.content == b"true"
    else:
        assert bool(ox.parse_query_results(response.content, SELECT_FORMATS[accept][1])) is True


def test_select_formats_as_documents(hand_store: Path) -> None:
    """The bodies, byte for byte, as the W3C result formats spell them (in-process, no server)."""
    with open_store(hand_store) as db:
        reply = lambda accept: answer(db, Request(COUNTRIES, accept))  # noqa: E731
        assert json.loads(reply("application/json").body)["results"]["bindings"][0] == {
            "label": {"type": "literal", "value": "Freedonia"}
        }
        root = ET.fromstring(reply("application/sparql-results+xml").body)
        assert [e.text for e in root.iter("{http://www.w3.org/2005/sparql-results#}literal")] == [
            "Freedonia",
            "Sylvania",
        ]
        assert list(csv.reader(io.StringIO(reply("text/csv").body.decode()))) == [
            ["label"],
            ["Freedonia"],
            ["Sylvania"],
        ]
        assert reply("text/tab-separated-values").body == b'?label\n"Freedonia"\n"Sylvania"\n'


GRAPH_FORMATS = {
    "text/turtle": ("text/turtle; charset=utf-8", ox.RdfFormat.TURTLE),
    "application/n-triples": ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    "application/ld+json": ("application/ld+json", ox.RdfFormat.JSON_LD),
    "application/rdf+xml": ("application/rdf+xml", ox.RdfFormat.RDF_XML),
}


@pytest.mark.slow
@pytest.mark.parametrize("accept", list(GRAPH_FORMATS))
@pytest.mark.parametrize("query", [CONSTRUCT, "DESCRIBE id:freedonia"])
def test_construct_and_describe_in_each_format(server: Server, hand_store: Path, accept: str, query: str) -> None:
    media_type, fmt = GRAPH_FORMATS[accept]
    response = get(server, query, accept)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == media_type
    got = {q.triple for q in ox.parse(response.content, fmt)}
    local = {ox.Triple(*row) for row in run_query(sparql=query, store=hand_store).rows}
    assert got == local and local


@pytest.mark.slow
def test_no_accept_header_gives_json_or_turtle(server: Server) -> None:
    import requests

    response = requests.get(server.url, params={"query": COUNTRIES}, headers={"Accept": ""}, timeout=30)
    assert response.headers["content-type"] == "application/sparql-results+json"
    assert get(server, CONSTRUCT, "*/*").headers["content-type"] == "text/turtle; charset=utf-8"


@pytest.mark.slow
def test_named_graphs_and_protocol_dataset(server: Server) -> None:
    from conftest import SYLVANIA_ID

    from kg.vocab import document_iri

    in_graph = "SELECT ?label WHERE { GRAPH ?g { ?a a kg:Country ; rdfs:label ?label } ?g dcterms:identifier ?id FILTER(?id = 'sylvania.txt') } ORDER BY ?label"
    assert [b["label"]["value"] for b in get(server, in_graph).json()["results"]["bindings"]] == [
        "Freedonia",
        "Sylvania",
    ]
    # default-graph-uri makes one document's graph the default graph (SPARQL 1.1 Protocol)
    response = get(
        server,
        "SELECT (COUNT(*) AS ?n) WHERE { ?s a kg:Policy }",
        **{"default-graph-uri": str(document_iri(SYLVANIA_ID))},
    )
    assert response.json()["results"]["bindings"][0]["n"]["value"] == "1"


# ---------------------------------------------------------------- plain HTTP: errors


@pytest.mark.slow
def test_malformed_query_is_400_with_the_parser_message(server: Server) -> None:
    response = get(server, "SELECT ?x WHERE { ?x ?p }")
    assert response.status_code == 400
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    assert re.fullmatch(r"SPARQL syntax error: error at 1:\d+: expected .+\n", response.text)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("how", "send"),
    [
        ("POST update=", lambda requests, url: requests.post(url, data={"update": UPDATE}, timeout=30)),
        (
            "POST sparql-update",
            lambda requests, url: requests.post(
                url, data=UPDATE, headers={"Content-Type": "application/sparql-update"}, timeout=30
            ),
        ),
        ("GET update=", lambda requests, url: requests.get(url, params={"update": UPDATE}, timeout=30)),
        ("update as query=", lambda requests, url: requests.get(url, params={"query": UPDATE}, timeout=30)),
        (
            "DROP ALL as query=",
            lambda requests, url: requests.post(url, data={"query": "# harmless?\nDROP ALL"}, timeout=30),
        ),
        (
            "update as sparql-query",
            lambda requests, url: requests.post(
                url, data="CLEAR DEFAULT", headers={"Content-Type": "application/sparql-query"}, timeout=30
            ),
        ),
        (
            "update after a query",
            lambda requests, url: requests.get(
                url, params={"query": "SELECT * WHERE { ?s ?p ?o } ; DROP ALL"}, timeout=30
            ),
        ),
    ],
)
def test_updates_are_refused_and_the_store_is_unchanged(server: Server, hand_store: Path, how: str, send) -> None:
    import requests

    before = all_quads(hand_store)
    response = send(requests, server.url)
    assert response.status_code == 403, how
    assert response.text == "SPARQL updates are refused: this endpoint is read-only (build the graph with `kg build`)\n"
    assert all_quads(hand_store) == before
    assert get(server, "ASK { ?s ?p 'smuggled' }").json()["boolean"] is False


@pytest.mark.slow
def test_other_protocol_errors(server: Server) -> None:
    import requests

    assert get(server, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }").status_code == 403
    not_acceptable = get(server, COUNTRIES, "image/png")
    assert not_acceptable.status_code == 406
    assert not_acceptable.text.startswith(
        "cannot answer a SELECT query as 'image/png'; acceptable: application/sparql-results+json, "
    )
    wrong_type = requests.post(server.url, data="x", headers={"Content-Type": "text/plain"}, timeout=30)
    assert (wrong_type.status_code, wrong_type.text) == (
        415,
        "unsupported Content-Type 'text/plain'; send application/sparql-query or application/x-www-form-urlencoded\n",
    )
    huge = requests.post(
        server.url, data=b"#" * 1_000_001, headers={"Content-Type": "application/sparql-query"}, timeout=30
    )
    assert (huge.status_code, huge.text) == (413, "request body over 1000000 bytes; send a shorter query\n")
    missing = requests.get(server.url, params={"format": "json"}, timeout=30)
    assert (missing.status_code, missing.text) == (
        400,
        "give exactly one query parameter (SPARQL 1.1 Protocol: query=...)\n",
    )
    description = requests.get(server.url, timeout=30)
    assert description.headers["content-type"] == "text/turtle; charset=utf-8"
    assert {q.predicate.value.rsplit("#")[-1] for q in ox.parse(description.content, ox.RdfFormat.TURTLE)} >= {
        "endpoint",
        "supportedLanguage",
        "resultFormat",
    }


@pytest.mark.slow
def test_a_runaway_query_is_stopped_at_the_timeout(server: Server) -> None:
    workers = server.worker_pids()
    assert len(workers) == 2
    started = time.monotonic()
    response = get(server, SLOW)
    elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert response.text == (
        f"query timed out after {SERVER_TIMEOUT:g} s and was stopped; narrow it down (LIMIT, fewer joins) or restart the server with a larger --timeout\n"
    )
    assert SERVER_TIMEOUT <= elapsed < SERVER_TIMEOUT + 3
    # the worker that ran it was killed and replaced (the new one may still be exec'ing)
    deadline = time.monotonic() + 10
    while len(after := server.worker_pids()) != 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(after) == 2 and len(after - workers) == 1
    for _ in range(3):  # every worker answers, the fresh one included
        assert get(server, COUNTRIES).status_code == 200


@pytest.mark.slow
def test_workers_do_not_outlive_a_killed_server(hand_store: Path) -> None:
    srv = start_server(hand_store)
    workers: set[int] = set()
    alive = lambda pid: Path(f"/proc/{pid}").exists() and b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()  # noqa: E731
    try:
        workers = srv.worker_pids()
        assert len(workers) == 2
        srv.process.kill()  # no chance to clean up: the workers must notice the closed pipe themselves
        srv.process.wait(5)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(alive(pid) for pid in workers):
            time.sleep(0.1)
        assert not [pid for pid in workers if alive(pid)]
    finally:
        if srv.process.poll() is None:
            srv.process.kill()
            srv.process.wait(5)
        for pid in workers:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
        srv.process.stdout.close()
        srv.process.stderr.close()


@pytest.mark.slow
def test_a_running_server_follows_changes_to_the_store(fresh_hand_store: Path) -> None:
    from conftest import SYLVANIA_ID

    documents = "SELECT ?id WHERE { ?d a kg:Document ; dcterms:identifier ?id } ORDER BY ?id"
    srv = start_server(fresh_hand_store)
    try:
        ids = lambda: [b["id"]["value"] for b in get(srv, documents).json()["results"]["bindings"]]  # noqa: E731
        assert ids() == ["freedonia.txt", "sylvania.txt"]
        result = CliRunner().invoke(main, ["remove", SYLVANIA_ID, "--store", str(fresh_hand_store)])
        assert result.exit_code == 0, result.output
        for _ in range(3):  # each worker reopens the store, whichever answers
            assert ids() == ["freedonia.txt"]
    finally:
        stop_server(srv)


# ---------------------------------------------------------------- `kg serve` start-up errors (in-process)


def test_serve_without_a_store(cli: CliRunner, tmp_path: Path) -> None:
    result = cli.invoke(main, ["serve", "--store", str(tmp_path / "none"), "--port", "0"])
    assert result.exit_code == 1
    assert (
        result.stderr
        == f"Error: {tmp_path / 'none'}: no graph store here; run `kg build PATH --store {tmp_path / 'none'}` first\n"
    )


def test_serve_on_a_taken_port(cli: CliRunner, hand_store: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = cli.invoke(main, ["serve", "--store", str(hand_store), "--port", str(port)])
    assert result.exit_code == 1
    assert (
        result.stderr
        == f"Error: cannot listen on 127.0.0.1:{port} (Address already in use); choose another --host or --port\n"
    )


def test_serve_help_shows_the_defaults(cli: CliRunner) -> None:
    out = " ".join(cli.invoke(main, ["serve", "--help"]).stdout.split())
    for default in ("[default: 127.0.0.1]", "[default: 7878;", "[default: 30.0;", "[default: out/store]"):
        assert default in out


# ---------------------------------------------------------------- the pieces, in-process


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "application/sparql-results+json"),
        ("*/*", "application/sparql-results+json"),
        ("text/csv", "text/csv"),
        ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/*", "text/csv"),
        ("text/*;q=0.9, text/csv;q=0", "text/tab-separated-values"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "application/xml"),
        ("image/png", None),
    ],
)
def test_negotiate(accept: str | None, expected: str | None) -> None:
    from kg.read.serve.protocol import SOLUTION_TYPES

    assert negotiate(accept, list(SOLUTION_TYPES)) == expected


@pytest.mark.parametrize(
    ("query", "refused"),
    [
        (UPDATE, "update"),
        ("PREFIX ex: <http://example.org/#> DELETE WHERE { ?s ?p ?o }", "update"),
        ("base <http://example.org/> load <http://example.org/data.ttl>", "update"),
        ("SELECT * WHERE { ?s ?p ?o } ; DROP ALL", "update"),
        ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
        ("SELECT * WHERE { ?s add:x ?o ; delete:y ?z }", None),
        ('SELECT ?service WHERE { ?s ex:service ?service FILTER(?s = "SERVICE ; DROP ALL") } # INSERT', None),
        ('SELECT (GROUP_CONCAT(?x; separator="; DROP") AS ?y) WHERE { ?x ?p ?o }', None),
    ],
)
def test_refusal(query: str, refused: str | None) -> None:
    reply = refusal(query)
    if refused is None:
        assert reply is None
    else:
        assert reply.status == 403 and refused in reply.body.decode()


# ---------------------------------------------------------------- injection through `kg query --param`

INJECTIONS = [
    'x" } ; DROP ALL ; #',
    '"> <',
    "x' } ; DROP ALL ; #",
    'x"""\n} ; CLEAR ALL ; #',
    'Doe" } UNION { ?s ?p ?o } #',
    "> . } DROP ALL #",
]


@pytest.mark.parametrize("value", INJECTIONS)
@pytest.mark.parametrize("param", ["class", "speaker"])
def test_injection_through_kg_query_leaves_the_store_intact(
    cli: CliRunner, fresh_hand_store: Path, value: str, param: str
) -> None:
    name = {"class": "actors", "speaker": "statements"}[param]
    before = all_quads(fresh_hand_store)
    result = cli.invoke(main, ["query", name, "--param", f"{param}={value}", "--store", str(fresh_hand_store)])
    if param == "class":  # a string parameter: a literal that matches nothing
        assert (result.exit_code, result.stdout.splitlines()[-1]) == (0, "(0 rows)")
    else:  # an actor parameter: looked up by name first, and no actor has that name
        assert result.exit_code == 1
        assert result.stderr == f"Error: no actor named {value!r} in the graph; try `kg query actors` for the names\n"
    assert all_quads(fresh_hand_store) == before
    assert quad_count(fresh_hand_store) == len(before) > 0


@pytest.mark.slow
def test_a_deeply_nested_query_is_a_400_and_the_server_goes_on(server: Server) -> None:
    """About 3,000 nested groups overflowed a worker's parser ("out of memory?", HTTP 500)."""
    import requests

    deep = "SELECT * WHERE " + "{ " * 3000 + "?s ?p ?o " + "} " * 3000
    response = requests.post(server.url, data={"query": deep}, timeout=30)
    assert (response.status_code, response.text) == (
        400,
        "the query nests groups or brackets 3000 levels deep; at most 128 are accepted\n",
    )
    assert get(server, COUNTRIES, "text/csv").text == "label\r\nFreedonia\r\nSylvania\r\n"


# ---------------------------------------------------------------- memory and Host (issue 15)

CROSS_SORTED = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o } ORDER BY ?c ?f ?i ?l ?o"


@pytest.mark.slow
def test_a_query_past_the_memory_limit_is_a_503_and_the_server_goes_on(hand_store: Path) -> None:
    """The sorted cross product grew a worker without bound (14 GB in 30 s on a real store)."""
    srv = start_server(hand_store, "--memory", "1024", "--timeout", "60", "--workers", "1")
    try:
        for _ in range(2):  # the worker that ran out is replaced, and its successor can run out too
            started = time.monotonic()
            response = get(srv, CROSS_SORTED, "text/csv")
            assert (response.status_code, response.text) == (
                503,
                "query stopped: it needed more than the 1024 MB a query may use; narrow it down (LIMIT, fewer "
                "joins, no ORDER BY over everything) or restart the server with a larger --memory\n",
            )
            assert time.monotonic() - started < 30  # stopped by the limit, not the timeout
            assert get(srv, COUNTRIES, "text/csv").text == "label\r\nFreedonia\r\nSylvania\r\n"
    finally:
        stop_server(srv)


def test_host_names_and_the_host_check() -> None:
    from kg.read.serve.app import host_allowed, host_names

    local = host_names("127.0.0.1")
    assert local == {"127.0.0.1", "localhost", "::1"}
    for header in ("localhost:7878", "127.0.0.1:7878", "[::1]:7878", "localhost", "10.1.2.3:80", "[fe80::1]"):
        assert host_allowed(header, local), header
    for header in ("evil.example:7878", "evil.example", "localhost.evil.example", "", None):
        assert not host_allowed(header, local), header
    assert host_allowed("evil.example:7878", host_names("127.0.0.1", ("evil.example",)))
    assert host_allowed("anything.example", host_names("127.0.0.1", ("*",)))
    assert "kg.example" in host_names("kg.example")


@pytest.mark.slow
def test_a_request_for_another_host_name_is_refused(server: Server) -> None:
    """DNS rebinding: a page at evil.example whose name now points at 127.0.0.1 reads the endpoint."""
    import requests

    port = server.url.split(":")[2].split("/")[0]
    refused = requests.get(
        server.url, params={"query": COUNTRIES}, headers={"Host": f"evil.example:{port}"}, timeout=30
    )
    assert (refused.status_code, refused.text) == (
        403,
        f"Host 'evil.example:{port}' is not a name of this endpoint (a page elsewhere may be reading it through DNS "
        "rebinding); if it is yours, restart kg serve with --allow-host evil.example\n",
    )
    home = requests.get(server.url.rsplit("/", 1)[0] + "/", headers={"Host": "evil.example"}, timeout=30)
    assert home.status_code == 403
    ok = requests.get(server.url, params={"query": COUNTRIES}, headers={"Host": f"localhost:{port}"}, timeout=30)
    assert ok.status_code == 200


@pytest.mark.slow
def test_allow_host_answers_that_name(hand_store: Path) -> None:
    import requests

    srv = start_server(hand_store, "--allow-host", "kg.example", "--workers", "1")
    try:
        response = requests.get(
            srv.url, params={"query": "ASK {}"}, headers={"Host": "kg.example:7878", "Accept": "text/csv"}, timeout=30
        )
        assert (response.status_code, response.text) == (200, "true")
    finally:
        stop_server(srv)
