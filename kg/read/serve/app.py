"""`kg serve`: a read-only SPARQL 1.1 Protocol endpoint over the store (starlette + uvicorn).

    GET  /sparql?query=...                                   (query string)
    POST /sparql   application/x-www-form-urlencoded          query=...
    POST /sparql   application/sparql-query                   the query as the body
    GET  /sparql                                             service description (Turtle)

Queries run in worker processes with a deadline (kg.read.serve.workers explains why and how a runaway
query is stopped); this module only speaks HTTP: it reads the protocol's parameters, refuses
updates, and hands one `Request` to the pool on a thread so the event loop stays free. The
workers reopen the store after a `kg build` or `kg remove`, so the server needs no restart.

Host header: a web page the user opens elsewhere can point a DNS name of its own at 127.0.0.1
(DNS rebinding) and then read the endpoint as a same-origin page. Such a request carries that
name in its Host header, so only the names the server is bound to (and IP addresses, which no
rebinding can use) are answered, unless `--allow-host` names more.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl

from kg.errors import EndpointError
from kg.read.serve.protocol import GRAPH_TYPES, READ_ONLY, SOLUTION_TYPES, Reply, Request
from kg.read.serve.workers import DEFAULT_MEMORY_MB, WorkerPool
from kg.store import DEFAULT_STORE, open_store, require_documents

if TYPE_CHECKING:
    from starlette.applications import Starlette
    from starlette.requests import Request as HttpRequest
    from starlette.responses import Response

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30.0
MAX_BODY = 1_000_000  # bytes; a query is text, a bigger body is a mistake or an attack


def _params(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key, value in pairs:
        out.setdefault(key, []).append(value)
    return out


async def _read_body(http: HttpRequest) -> bytes | None:
    """The body, or None once it grows past MAX_BODY (read in chunks, so a huge upload is
    refused without being held in memory)."""
    chunks, size = [], 0
    async for chunk in http.stream():
        size += len(chunk)
        if size > MAX_BODY:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


async def _read_request(http: HttpRequest) -> Request | Reply:
    """The protocol request in an HTTP request, or the error reply to send instead."""
    params = _params(list(http.query_params.multi_items()))
    query: str | None = None
    if http.method == "POST":
        ctype = http.headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype == "application/sparql-update":
            return Reply.error(403, READ_ONLY)
        body = await _read_body(http)
        if body is None:
            return Reply.error(413, f"request body over {MAX_BODY} bytes; send a shorter query")
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return Reply.error(400, "the request body is not UTF-8")
        if ctype == "application/x-www-form-urlencoded":
            for key, values in _params(parse_qsl(text, keep_blank_values=True)).items():
                params.setdefault(key, []).extend(values)
        elif ctype == "application/sparql-query":
            query = text
        else:
            return Reply.error(
                415,
                f"unsupported Content-Type {ctype or '(none)'!r}; "
                "send application/sparql-query or application/x-www-form-urlencoded",
            )
    if "update" in params:
        return Reply.error(403, READ_ONLY)
    if query is None:
        found = params.get("query", [])
        if len(found) != 1:
            return Reply.error(400, "give exactly one query parameter (SPARQL 1.1 Protocol: query=...)")
        query = found[0]
    elif "query" in params:
        return Reply.error(400, "the query is in the body (application/sparql-query); do not also give query=")
    if not query.strip():
        return Reply.error(400, "the query is empty")
    return Request(
        query=query,
        accept=http.headers.get("accept"),
        default_graphs=tuple(params.get("default-graph-uri", [])),
        named_graphs=tuple(params.get("named-graph-uri", [])),
    )


def service_description(endpoint: str) -> bytes:
    """SPARQL 1.1 Service Description of this endpoint (what GET /sparql without a query gives)."""
    formats = [
        "SPARQL_Results_JSON",
        "SPARQL_Results_XML",
        "SPARQL_Results_CSV",
        "SPARQL_Results_TSV",
        "Turtle",
        "N-Triples",
        "JSON-LD",
        "RDF_XML",
    ]
    result_formats = ", ".join(f"<http://www.w3.org/ns/formats/{f}>" for f in formats)
    return (
        "@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        f"<{endpoint}> a sd:Service ;\n"
        f"  sd:endpoint <{endpoint}> ;\n"
        "  sd:supportedLanguage sd:SPARQL11Query ;\n"
        f"  sd:resultFormat {result_formats} ;\n"
        '  rdfs:comment "newskg knowledge graph, read-only. The default graph is the merged graph '
        '(every fact once); GRAPH ?g reaches the graph of each source document (the document IRI)." .\n'
    ).encode()


LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
WILDCARDS = ("0.0.0.0", "::", "")


def host_names(host: str, allow: tuple[str, ...] = ()) -> frozenset[str]:
    """The Host header names a server bound to `host` answers (lower case, without the port):
    the name itself, localhost's names when it is a loopback or wildcard address, this machine's
    names when it is a wildcard, and those of `allow`."""
    names = {host.lower().strip("[]"), *(a.lower().strip("[]") for a in allow)}
    if host in LOOPBACK_NAMES or host in WILDCARDS or host.startswith("127."):
        names.update(LOOPBACK_NAMES)
    if host in WILDCARDS:
        names.update({socket.gethostname().lower(), socket.getfqdn().lower()})
    return frozenset(names)


def host_allowed(header: str | None, names: frozenset[str]) -> bool:
    """Whether a Host header (`name`, `name:port`, `[v6]:port`) is one of `names` or an IP address."""
    import ipaddress

    if "*" in names:
        return True
    if not header:
        return False  # HTTP/1.1 requires one; browsers always send it
    name = header.strip().lower()
    if name.startswith("["):
        name = name[1 : name.find("]")] if "]" in name else name
    elif name.count(":") == 1:
        name = name.split(":")[0]
    try:
        ipaddress.ip_address(name)
        return True
    except ValueError:
        return name in names


def _host_guard(app, names: frozenset[str]):
    """ASGI middleware: 403 with one line for a request whose Host header is not ours."""
    from starlette.responses import PlainTextResponse

    async def guarded(scope, receive, send) -> None:
        if scope["type"] == "http":
            header = dict(scope["headers"]).get(b"host", b"").decode("latin-1")
            if not host_allowed(header, names):
                shown = header.split(":")[0] if header and not header.startswith("[") else header
                response = PlainTextResponse(
                    f"Host {header!r} is not a name of this endpoint (a page elsewhere may be reading it through "
                    f"DNS rebinding); if it is yours, restart kg serve with --allow-host {shown or 'NAME'}\n",
                    status_code=403,
                )
                await response(scope, receive, send)
                return
        await app(scope, receive, send)

    return guarded


def create_app(pool: WorkerPool, hosts: frozenset[str] = frozenset({"*"})) -> Starlette:
    import anyio.to_thread
    from starlette.applications import Starlette
    from starlette.responses import PlainTextResponse, Response
    from starlette.routing import Route

    async def sparql(http: HttpRequest) -> Response:
        if http.method == "GET" and not http.query_params:
            return Response(service_description(str(http.url)), media_type="text/turtle; charset=utf-8")
        parsed = await _read_request(http)
        # the pool blocks while a worker computes; a thread keeps other requests flowing
        reply = parsed if isinstance(parsed, Reply) else await anyio.to_thread.run_sync(pool.run, parsed)
        return Response(reply.body, status_code=reply.status, media_type=reply.media_type, headers={"Vary": "Accept"})

    async def home(http: HttpRequest) -> Response:
        formats = ", ".join(dict.fromkeys([*SOLUTION_TYPES, *GRAPH_TYPES]))
        return PlainTextResponse(
            f"newskg SPARQL endpoint (read-only): {http.url_for('sparql')}\nformats by Accept header: {formats}\n"
        )

    app = Starlette(routes=[Route("/sparql", sparql, methods=["GET", "POST"], name="sparql"), Route("/", home)])
    return _host_guard(app, hosts)


def _listen(host: str, port: int) -> socket.socket:
    """Bind first, so a taken port is a one-line error and port 0 gives a free port we can print."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(family, kind, proto)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
    except OSError as exc:
        raise EndpointError(
            f"cannot listen on {host}:{port} ({exc.strerror or exc}); choose another --host or --port"
        ) from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def _check_store(path: Path) -> None:
    """Fail here, in one line, if there is nothing to serve. (A function of its own, so that its
    read-only handle is closed on return, not held for the server's lifetime.)"""
    with open_store(path) as db:
        require_documents(db, path)


def serve(
    *,
    store: str | Path | None = None,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    timeout: float = DEFAULT_TIMEOUT,
    workers: int = 2,
    memory_mb: int = DEFAULT_MEMORY_MB,
    allow_hosts: tuple[str, ...] = (),
    on_ready: Callable[[str], None] | None = None,
) -> None:
    """Serve the store at http://HOST:PORT/sparql until interrupted (Ctrl-C or SIGTERM).

    Each query may use `memory_mb` of memory in its worker (503 past it); requests whose Host
    header is not `host`'s name, an IP address or one of `allow_hosts` ("*": any) get 403."""
    import uvicorn

    path = Path(store) if store else DEFAULT_STORE
    _check_store(path)
    sock = _listen(host, port)
    pool = WorkerPool(path, size=workers, timeout=timeout, memory_mb=memory_mb)
    try:
        pool.start()
        bound_host, bound_port = sock.getsockname()[:2]
        shown = f"[{bound_host}]" if ":" in bound_host else bound_host
        if on_ready:
            on_ready(f"http://{shown}:{bound_port}/sparql")
        app = create_app(pool, host_names(host, allow_hosts))
        config = uvicorn.Config(app, log_level="info", timeout_graceful_shutdown=5)
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        pool.close()
        sock.close()
