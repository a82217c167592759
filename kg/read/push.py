"""`kg push`: send the graph to a SPARQL 1.1 Graph Store Protocol endpoint.

Graph Store Protocol PUT replaces a graph wholesale, so pushing is idempotent:
- with `graph_per_document`, each document's named graph goes to `PUT <endpoint>?graph=<doc IRI>`.
  Re-pushing a changed document replaces what it said and nothing else; graphs that others
  pushed are not touched, so a team store can be fed from several machines, a few articles
  at a time. Query such a store with its default graph as the union of all graphs (Oxigraph
  `--union-default-graph`, Fuseki `tdb2:unionDefaultGraph true`; GraphDB does so already).
- otherwise the merged graph (every fact once) goes to `PUT <endpoint>?default`, replacing the
  remote default graph.

Endpoints: Oxigraph server `http://HOST:7878/store`, Fuseki `http://HOST:3030/DATASET/data`,
GraphDB `http://HOST:7200/repositories/REPO/rdf-graphs/service`. Bodies are N-Triples, which
every one of them reads.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlencode, urlsplit

from kg.errors import EndpointError
from kg.store import DEFAULT_STORE, open_store, require_documents

if TYPE_CHECKING:
    import httpx
    import pyoxigraph as ox

GSP_HINT = (
    "is it the Graph Store endpoint? Oxigraph: /store, Fuseki: /DATASET/data, "
    "GraphDB: /repositories/REPO/rdf-graphs/service"
)


PUSHED_NAME = "kg-pushed.json"  # in the store folder: the document graphs pushed to each endpoint


@dataclass
class PushSummary:
    endpoint: str
    graphs: list[tuple[str, int]] = field(default_factory=list)  # (graph IRI or "default", triples)
    deleted: list[str] = field(default_factory=list)  # graphs of documents removed here since the last push

    @property
    def triples(self) -> int:
        return sum(n for _, n in self.graphs)


def graph_url(endpoint: str, graph: str | None) -> str:
    """The Graph Store Protocol URL of one graph: `?graph=<IRI>`, or `?default` for None."""
    query = "default" if graph is None else urlencode({"graph": graph})
    return endpoint + ("&" if urlsplit(endpoint).query else "?") + query


def shown(endpoint: str) -> str:
    """The endpoint as messages show it: without a password given in the URL."""
    parts = urlsplit(endpoint)
    if "@" not in parts.netloc:
        return endpoint
    return parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]).geturl()


def _ntriples(triples: list) -> bytes:
    import pyoxigraph as ox

    return ox.serialize(sorted(triples, key=str), format=ox.RdfFormat.N_TRIPLES)


def _payloads(db: ox.Store, graph_per_document: bool) -> list[tuple[str | None, list]]:
    """(graph IRI, triples) to PUT; None is the default graph."""
    import pyoxigraph as ox

    from kg.read.export import merged_triples

    if not graph_per_document:
        return [(None, merged_triples(db))]
    out = []
    for graph in sorted(db.named_graphs(), key=lambda g: g.value):
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in db.quads_for_pattern(None, None, None, graph)]
        out.append((graph.value, triples))
    return out


def _put(client: httpx.Client, endpoint: str, graph: str | None, body: bytes, done: int, total: int) -> None:
    import httpx

    url, where = graph_url(endpoint, graph), shown(endpoint)
    name = f"graph <{graph}>" if graph else "the default graph"
    pushed = f"; {done} of {total} graphs were pushed before it" if done else ""
    try:
        response = client.put(url, content=body, headers={"Content-Type": "application/n-triples"})
    except httpx.TimeoutException:
        raise EndpointError(f"{where} did not answer in time while receiving {name}{pushed}") from None
    except httpx.HTTPError as exc:
        raise EndpointError(
            f"cannot reach {where} ({' '.join(str(exc).split()) or type(exc).__name__}){pushed}"
        ) from None
    if response.status_code >= 300:
        detail = " ".join(response.text.split())[:200]
        hint = f" ({GSP_HINT})" if response.status_code in (404, 405, 415) else ""
        raise EndpointError(
            f"{where} refused {name}: HTTP {response.status_code} {response.reason_phrase}"
            + (f": {detail}" if detail else "")
            + hint
            + pushed
        )


def _delete(client: httpx.Client, endpoint: str, graph: str) -> None:
    import httpx

    where = shown(endpoint)
    try:
        response = client.delete(graph_url(endpoint, graph))
    except httpx.HTTPError as exc:
        raise EndpointError(
            f"cannot delete graph <{graph}> at {where} ({' '.join(str(exc).split()) or type(exc).__name__})"
        ) from None
    if response.status_code >= 300 and response.status_code != 404:  # already gone is fine
        raise EndpointError(
            f"{where} refused to delete graph <{graph}>: HTTP {response.status_code} {response.reason_phrase}"
        )


def _pushed(folder: Path) -> dict[str, list[str]]:
    import json

    try:
        data = json.loads((folder / PUSHED_NAME).read_text())
    except (OSError, ValueError):
        return {}
    return (
        {k: [g for g in v if isinstance(g, str)] for k, v in data.items() if isinstance(v, list)}
        if isinstance(data, dict)
        else {}
    )


def _record_pushed(folder: Path, endpoint: str, graphs: list[str]) -> None:
    """Remember which document graphs this store has on the endpoint (written atomically)."""
    import json
    import os

    data = _pushed(folder)
    data[endpoint] = sorted(graphs)
    tmp = folder / (PUSHED_NAME + ".tmp")
    tmp.write_text(json.dumps(data, indent=1, sort_keys=True))
    os.replace(tmp, folder / PUSHED_NAME)


def push(
    endpoint: str,
    *,
    store: str | Path | None = None,
    graph_per_document: bool = False,
    timeout: float = 60.0,
    progress: Callable[[str, int], None] | None = None,
) -> PushSummary:
    """PUT the merged graph, or each document's graph, to a Graph Store Protocol endpoint.

    Per document, the store remembers which graphs it pushed to each endpoint (kg-pushed.json in
    the store folder); a document removed here (`kg remove`) since the last push has its graph
    deleted there too. Graphs others pushed are never touched."""
    import httpx

    try:
        parts = urlsplit(endpoint)
        shown(endpoint)
        parts.port  # noqa: B018 - a bad port ("http://host:x/") raises here, not halfway through the push
    except ValueError as exc:
        without_password = re.sub(r"//[^/@]*@", "//", endpoint)
        raise EndpointError(
            f"--endpoint {without_password!r} is not a valid URL ({exc}); e.g. http://localhost:7878/store (Oxigraph)"
        ) from None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise EndpointError(
            f"--endpoint {shown(endpoint)!r} is not an http(s) URL; e.g. http://localhost:7878/store (Oxigraph)"
        )
    with open_store(store) as db:
        require_documents(db, store)
        payloads = _payloads(db, graph_per_document)
    summary = PushSummary(shown(endpoint))
    # credentials in the URL (http://user:pass@host/...) become Basic auth, as curl does
    with httpx.Client(timeout=timeout, follow_redirects=False) as client:
        for graph, triples in payloads:
            _put(client, endpoint, graph, _ntriples(triples), len(summary.graphs), len(payloads))
            summary.graphs.append((graph or "default", len(triples)))
            if progress:
                progress(graph or "default", len(triples))
        if graph_per_document:
            folder = Path(store or DEFAULT_STORE)
            key = shown(endpoint)
            here = {graph for graph, _ in payloads}
            for graph in sorted(set(_pushed(folder).get(key, ())) - here):
                _delete(client, endpoint, graph)
                summary.deleted.append(graph)
                if progress:
                    progress(f"deleted {graph}", 0)
            _record_pushed(folder, key, sorted(here))
    return summary
