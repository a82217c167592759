"""The readers the CLI wraps: run_query, export_graph, stats (the writer is kg.builder.pipeline)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.errors import QueryError
from kg.store import open_store, recount, require_documents, totals
from kg.vocab import AGENT_CLASSES, PREFIXES

EXPORT_FORMATS = ("turtle", "nt", "trig", "nquads", "jsonld")


@dataclass
class QueryResult:
    kind: str  # "select", "ask" or "graph"
    variables: list[str]
    rows: list[list[object]]  # pyoxigraph terms or None
    raw: object = None
    boolean: bool | None = None


def run_query(name_or_file: str | None = None, params: dict[str, str] | None = None, *, sparql: str | None = None, store: str | Path | None = None) -> QueryResult:
    """Run a named query, a .rq file or ad-hoc SPARQL against the store."""
    import pyoxigraph as ox

    from kg.queries import adhoc_query, execute, get_query

    if (name_or_file is None) == (sparql is None):
        raise QueryError("give a query name, a .rq file or -e SPARQL (exactly one)")
    query = adhoc_query(sparql) if sparql is not None else get_query(name_or_file)
    if sparql is not None and params:
        raise QueryError("--param works with named queries only; -e queries have no declared parameters")
    with open_store(store) as db:
        require_documents(db, store)
        result = execute(db, query, params)
        if isinstance(result, ox.QueryBoolean):
            return QueryResult("ask", ["result"], [[ox.Literal(str(bool(result)).lower())]], boolean=bool(result))
        if isinstance(result, ox.QuerySolutions):
            variables = [v.value for v in result.variables]
            rows = [[sol[v] for v in variables] for sol in result]
            return QueryResult("select", variables, rows)
        triples = list(result)
        return QueryResult("graph", ["subject", "predicate", "object"], [[t.subject, t.predicate, t.object] for t in triples])


def stats(*, store: str | Path | None = None, top: int = 10) -> dict:
    agents = " ".join(f"kg:{c}" for c in AGENT_CLASSES)
    with open_store(store) as db:
        require_documents(db, store)
        counts = totals(recount(db))  # counted afresh: the store index belongs to the writer
        q = """SELECT ?a ?label (COUNT(DISTINCT ?x) AS ?degree) WHERE {
          ?a a ?t . VALUES ?t { %s } ?a rdfs:label ?label .
          { ?x ?p ?a . ?x a ?xt . VALUES ?xt { kg:Meeting kg:Statement kg:Policy } }
        } GROUP BY ?a ?label ORDER BY DESC(?degree) ?label LIMIT %d""" % (agents, int(top))
        connected = [(r["label"].value, int(r["degree"].value)) for r in db.query(q, prefixes=PREFIXES)]
    return {"counts": counts, "most_connected": connected}


def export_graph(fmt: str = "turtle", *, store: str | Path | None = None) -> bytes:
    """Serialize the store: Turtle/N-Triples/JSON-LD as one merged graph, TriG/N-Quads per document."""
    from kg.export import serialize

    if fmt not in EXPORT_FORMATS:
        raise QueryError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    with open_store(store) as db:
        require_documents(db, store)
        return serialize(db, fmt)
