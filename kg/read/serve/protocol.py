"""SPARQL 1.1 Protocol answers from the read-only store: one request (query text, Accept header,
dataset) in, an HTTP status, media type and body out, content negotiation and refusals included.
kg.read.serve.workers runs `answer` in killable worker processes; kg.read.serve.app is the HTTP
layer in front.

Read-only has three layers: the store is opened with `Store.read_only` (an update cannot
change it even if one got through), the text is only ever run with `Store.query` (which
rejects update syntax), and requests that carry an update are refused with 403 (`refusal`)
before they reach a worker, so the client learns why instead of reading a parser error.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.errors import one_line
from kg.read.sparql import SERVICE_REFUSED, masked, too_deep, uses_service
from kg.vocab import PREFIXES

if TYPE_CHECKING:
    import pyoxigraph as ox

# Offers in order of preference: the first is the answer to `Accept: */*` or no Accept at all.
SOLUTION_TYPES = {
    "application/sparql-results+json": "JSON",
    "application/sparql-results+xml": "XML",
    "text/csv": "CSV",
    "text/tab-separated-values": "TSV",
    "application/json": "JSON",
    "application/xml": "XML",
    "text/xml": "XML",
}
GRAPH_TYPES = {
    "text/turtle": "TURTLE",
    "application/n-triples": "N_TRIPLES",
    "application/ld+json": "JSON_LD",
    "application/rdf+xml": "RDF_XML",
    "application/x-turtle": "TURTLE",
    "application/turtle": "TURTLE",
    "text/plain": "N_TRIPLES",
    "application/json": "JSON_LD",
    "application/xml": "RDF_XML",
}
TEXT = "text/plain; charset=utf-8"
READ_ONLY = "SPARQL updates are refused: this endpoint is read-only (build the graph with `kg build`)"
UPDATE_VERBS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")


@dataclass(frozen=True, slots=True)
class Request:
    query: str
    accept: str | None = None
    default_graphs: tuple[str, ...] = ()  # SPARQL protocol default-graph-uri
    named_graphs: tuple[str, ...] = ()  # SPARQL protocol named-graph-uri


@dataclass(frozen=True, slots=True)
class Reply:
    status: int
    media_type: str
    body: bytes

    @classmethod
    def error(cls, status: int, message: str) -> Reply:
        return cls(status, TEXT, (message + "\n").encode("utf-8"))


# ---------------------------------------------------------------- content negotiation


def _ranges(accept: str) -> list[tuple[str, float]]:
    out = []
    for part in accept.split(","):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for f in fields[1:]:
            name, _, value = f.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        out.append((fields[0].lower(), q))
    return out


def negotiate(accept: str | None, offers: Sequence[str]) -> str | None:
    """The offer the client prefers (RFC 9110: most specific range decides an offer's q; ties
    go to our order), or None when it accepts none of them."""
    if not accept or not accept.strip():
        return offers[0]
    ranges = _ranges(accept)
    best, best_q = None, 0.0
    for offer in offers:
        kind = offer.split("/")[0]
        q = None
        for pattern in (offer, f"{kind}/*", "*/*"):  # most specific first
            matches = [rq for r, rq in ranges if r == pattern]
            if matches:
                q = max(matches)
                break
        if q is not None and q > best_q:
            best, best_q = offer, q
    return best


# ---------------------------------------------------------------- refusals before parsing

_PROLOGUE = re.compile(r"\s*(?:PREFIX\s+[^\s:]*:\s*<\s*>|BASE\s+<\s*>)", re.I)
_NOT_NAME = r"(?![\w:.\-])"
_UPDATE_AFTER_SEMICOLON = re.compile(r";\s*(?:" + "|".join(UPDATE_VERBS) + ")" + _NOT_NAME, re.I)


def refusal(text: str) -> Reply | None:
    """400 for a query nested too deeply to parse safely, 403 for an update sent as a query or a
    federated query; None for anything else.

    The update check is only a friendlier message than the parser's: safety comes from the
    read-only store. SERVICE is refused because pyoxigraph would fetch the given URL from this
    machine, turning the endpoint into a proxy to whatever the server can reach.
    """
    deep = too_deep(text)
    if deep:
        return Reply.error(400, deep)
    bare = masked(text)
    rest = bare
    while m := _PROLOGUE.match(rest):
        rest = rest[m.end() :]
    first = re.match(r"\s*([A-Za-z]+)" + _NOT_NAME, rest)
    if (first and first[1].upper() in UPDATE_VERBS) or _UPDATE_AFTER_SEMICOLON.search(bare):
        return Reply.error(403, READ_ONLY)
    if uses_service(text):
        return Reply.error(403, f"{SERVICE_REFUSED}: this endpoint does not fetch data from other endpoints")
    return None


# ---------------------------------------------------------------- one request


def answer(store: ox.Store, request: Request) -> Reply:
    """Run one query and serialize its result as the client asked; errors become 4xx/5xx replies.

    The default graph is the store's merged graph (every fact once), as for `kg query`;
    `GRAPH ?g` reaches the graph of each source document.
    """
    import pyoxigraph as ox

    refused = refusal(request.query)
    if refused:
        return refused
    options: dict = {}
    try:
        if request.default_graphs:
            options["default_graph"] = [ox.NamedNode(g) for g in request.default_graphs]
        if request.named_graphs:
            options["named_graphs"] = [ox.NamedNode(g) for g in request.named_graphs]
    except ValueError as exc:
        return Reply.error(400, f"bad graph IRI in default-graph-uri or named-graph-uri: {one_line(exc)}")
    try:
        result = store.query(request.query, prefixes=PREFIXES, **options)
        if isinstance(result, (ox.QuerySolutions, ox.QueryBoolean)):
            kind = "SELECT" if isinstance(result, ox.QuerySolutions) else "ASK"
            media = negotiate(request.accept, list(SOLUTION_TYPES))
            if media is None:
                return _not_acceptable(kind, request.accept, SOLUTION_TYPES)
            fmt = getattr(ox.QueryResultsFormat, SOLUTION_TYPES[media])
            return Reply(200, fmt.media_type, result.serialize(format=fmt))
        media = negotiate(request.accept, list(GRAPH_TYPES))
        if media is None:
            return _not_acceptable("CONSTRUCT or DESCRIBE", request.accept, GRAPH_TYPES)
        fmt = getattr(ox.RdfFormat, GRAPH_TYPES[media])
        prefixes = PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
        return Reply(200, _with_charset(fmt.media_type), ox.serialize(result, format=fmt, prefixes=prefixes))
    except SyntaxError as exc:
        return Reply.error(400, f"SPARQL syntax error: {one_line(exc)}")
    except OSError as exc:
        return Reply.error(500, f"query failed: {one_line(exc)}")


def _not_acceptable(kind: str, accept: str | None, offers: dict[str, str]) -> Reply:
    article = "an" if kind == "ASK" else "a"
    return Reply.error(
        406, f"cannot answer {article} {kind} query as {accept!r}; acceptable: {', '.join(dict.fromkeys(offers))}"
    )


def _with_charset(media_type: str) -> str:
    if media_type.startswith("text/") and "charset" not in media_type:
        return media_type + "; charset=utf-8"
    return media_type
