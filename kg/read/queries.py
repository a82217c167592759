"""Named SPARQL queries (queries/*.rq) and ad-hoc ones, with parameters bound as RDF terms.

`run_query` is the library call `kg query` makes. A query file starts with a comment line that
describes it; `# @param NAME TYPE description` lines declare parameters (TYPE: actor, string,
date, year, number). A parameter value becomes an RDF term first (an actor IRI looked up by name
or alias, or a typed literal), and the term, serialized by pyoxigraph, is bound to the variable
of the same name by a VALUES block at the top of the WHERE clause. User text is never pasted
into SPARQL, so `x" } ; DROP ALL ; #` is only an odd string that matches nothing.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import KGError, QueryError, one_line
from kg.read.sparql import SERVICE_REFUSED, masked, too_deep, uses_service
from kg.store import open_store, require_documents
from kg.vocab import NAMED_CLASSES, PREFIXES

if TYPE_CHECKING:
    import pyoxigraph as ox

PARAM_TYPES = ("actor", "string", "date", "year", "number")
PARAM_RE = re.compile(r"^#\s*@param\s+(\w+)\s+(\w+)\s*(.*)$")


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    type: str
    description: str


@dataclass(frozen=True, slots=True)
class NamedQuery:
    name: str
    description: str
    text: str
    params: tuple[Param, ...]


def parse_query_file(name: str, text: str) -> NamedQuery:
    lines = text.splitlines()
    description = ""
    params: list[Param] = []
    for line in lines:
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        m = PARAM_RE.match(line)
        if m:
            if m[2] not in PARAM_TYPES:
                raise QueryError(
                    f"query {name!r}: parameter {m[1]!r} has unknown type {m[2]!r}; use one of {', '.join(PARAM_TYPES)}"
                )
            params.append(Param(m[1], m[2], m[3].strip()))
        elif not description:
            description = line.lstrip("#").strip()
    if not description:
        raise QueryError(f"query {name!r} has no description: its first line must be a # comment")
    _check_syntax(name, text)
    return NamedQuery(name, description, text, tuple(params))


def _check_syntax(name: str | None, text: str) -> None:
    import pyoxigraph as ox

    where = f"query {name}: " if name else ""
    deep = too_deep(text)  # before the parser, which a deep enough nesting crashes
    if deep:
        raise QueryError(where + deep)
    try:
        ox.Store().query(text, prefixes=PREFIXES)
    except SyntaxError as exc:
        raise QueryError(f"{where}SPARQL syntax error: {one_line(exc)}") from None


def queries_dir():
    """queries/ as installed (package kg.rq), or beside kg/ in a source checkout."""
    try:
        return resources.files("kg.rq")
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent / "queries"


@functools.cache
def named_queries() -> dict[str, NamedQuery]:
    """The shipped queries, parsed once; a broken one fails here, not when it is run."""
    found = {}
    for entry in sorted(queries_dir().iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name[:-3]
            found[name] = parse_query_file(name, entry.read_text(encoding="utf-8"))
    return found


def get_query(name_or_file: str) -> NamedQuery:
    if name_or_file.endswith(".rq") or "/" in name_or_file:
        path = Path(name_or_file)
        if not path.is_file():
            raise QueryError(f"{path}: no such query file")
        return parse_query_file(path.stem, path.read_text(encoding="utf-8"))
    queries = named_queries()
    if name_or_file not in queries:
        raise QueryError(f"unknown query {name_or_file!r}; available: {', '.join(queries)}")
    return queries[name_or_file]


def adhoc_query(text: str) -> NamedQuery:
    _check_syntax(None, text)
    return NamedQuery("-e", "ad-hoc query", text, ())


def find_actors(store: ox.Store, name: str) -> list[ox.NamedNode]:
    """Actor IRIs whose label or alias equals `name` (case-insensitive); the label match first."""
    import pyoxigraph as ox

    # the name as written first: label and alias triples are index look-ups, while the
    # case-insensitive comparison below has to read every label in the store
    actor_types = {PREFIXES["kg"] + t for t in NAMED_CLASSES}
    rdf_type = ox.NamedNode(PREFIXES["rdf"] + "type")
    exact: dict[str, ox.NamedNode] = {}
    for predicate in ("rdfs", "skos"):
        p = ox.NamedNode(PREFIXES[predicate] + ("label" if predicate == "rdfs" else "altLabel"))
        for quad in store.quads_for_pattern(None, p, ox.Literal(name.strip()), ox.DefaultGraph()):
            if any(
                t.object.value in actor_types
                for t in store.quads_for_pattern(quad.subject, rdf_type, None, ox.DefaultGraph())
            ):
                exact.setdefault(quad.subject.value, quad.subject)
    if exact:
        return list(exact.values())
    wanted = ox.Literal(name.strip().lower())
    q = f"""
    SELECT DISTINCT ?a ?rank ?wanted WHERE {{
      {{ ?a rdfs:label ?l . BIND(0 AS ?rank) }} UNION {{ ?a skos:altLabel ?l . BIND(1 AS ?rank) }}
      FILTER(LCASE(STR(?l)) = ?wanted)
      ?a a ?type . FILTER(?type IN ({", ".join(f"kg:{c}" for c in NAMED_CLASSES)}))
    }} ORDER BY ?rank ?a"""
    rows = store.query(q, prefixes=PREFIXES, substitutions={ox.Variable("wanted"): wanted})
    seen: dict[str, ox.NamedNode] = {}
    for row in rows:
        seen.setdefault(row["a"].value, row["a"])
    return list(seen.values())


def actor_names(store: str | Path | None, prefix: str = "", *, limit: int = 100) -> list[str]:
    """Names and aliases of actors that start with `prefix` (any case), sorted, for shell
    completion: an unreadable or missing store gives none rather than an error."""
    import pyoxigraph as ox

    # (a substituted variable must be in the projection)
    q = f"""SELECT DISTINCT ?l ?prefix WHERE {{
      {{ ?a rdfs:label ?l }} UNION {{ ?a skos:altLabel ?l }}
      FILTER(STRSTARTS(LCASE(STR(?l)), ?prefix))
      ?a a ?type . FILTER(?type IN ({", ".join(f"kg:{c}" for c in NAMED_CLASSES)}))
    }} ORDER BY LCASE(STR(?l)) LIMIT {int(limit)}"""
    try:
        with open_store(store) as db:
            rows = db.query(q, prefixes=PREFIXES, substitutions={ox.Variable("prefix"): ox.Literal(prefix.lower())})
            return [row["l"].value for row in rows]
    except (KGError, OSError, RuntimeError):
        return []


def bind(store: ox.Store, query: NamedQuery, params: Mapping[str, str]) -> dict:
    """Parameters -> {Variable: term}, checked against the query's declarations."""
    import pyoxigraph as ox

    declared = {p.name: p for p in query.params}
    out = {}
    for name, value in params.items():
        if name not in declared:
            valid = ", ".join(declared) or "none"
            raise QueryError(f"query {query.name!r} has no parameter {name!r}; parameters: {valid}")
        kind = declared[name].type
        if kind == "actor":
            found = find_actors(store, value)
            if not found:
                raise QueryError(f"no actor named {value!r} in the graph; try `kg query actors` for the names")
            term = found[0]
        elif kind == "year":
            if not re.fullmatch(r"\d{4}", value):
                raise QueryError(f"parameter {name!r} must be a year such as 2025, not {value!r}")
            term = ox.Literal(value, datatype=ox.NamedNode(PREFIXES["xsd"] + "gYear"))
        elif kind == "date":
            if not re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?", value):
                raise QueryError(f"parameter {name!r} must be an ISO date such as 2025-02-07, not {value!r}")
            term = ox.Literal(value)
        elif kind == "number":
            try:
                float(value)
            except ValueError:
                raise QueryError(f"parameter {name!r} must be a number, not {value!r}") from None
            term = ox.Literal(value, datatype=ox.NamedNode(PREFIXES["xsd"] + "decimal"))
        else:
            term = ox.Literal(value)
        out[ox.Variable(name)] = term
    return out


WHERE_RE = re.compile(r"\bWHERE\s*\{", re.I)


def with_values(text: str, bindings: dict) -> str:
    """The query with `VALUES (?a ?b) { (term term) }` opening its WHERE clause."""
    if not bindings:
        return text
    # comment lines may say "where {" too; look for the keyword in the query itself
    uncommented = re.sub(r"(?m)^\s*#.*$", lambda c: " " * len(c.group()), text)
    m = WHERE_RE.search(uncommented)
    if m is None:
        raise QueryError("this query has no WHERE clause to bind parameters in")
    names = " ".join(str(v) for v in bindings)
    terms = " ".join(str(t) for t in bindings.values())
    # each UNION branch gets the values too: Oxigraph evaluates a union before joining it with an
    # outer VALUES, so an unbound branch would read every statement in the store (a parameter
    # means the same wherever its name appears, so this changes no answer)
    inserts = []
    for start, end in _union_branches(uncommented):
        used = [v for v in bindings if re.search(rf"[?$]{re.escape(v.value)}\b", uncommented[start:end])]
        if used:
            inserts.append(
                (
                    start,
                    f" VALUES ({' '.join(str(v) for v in used)}) {{ ({' '.join(str(bindings[v]) for v in used)}) }}",
                )
            )
    for at, values in sorted(inserts, reverse=True):
        text = text[:at] + values + text[at:]
    return f"{text[: m.end()]}\n  VALUES ({names}) {{ ({terms}) }}{text[m.end() :]}"


def _union_branches(text: str) -> list[tuple[int, int]]:
    """(just after the opening brace, the closing brace) of every group that is a UNION branch,
    with strings, IRIs and comments masked out."""
    bare = masked(text)
    stack: list[int] = []
    groups: dict[int, int] = {}  # open position -> close position
    for i, ch in enumerate(bare):
        if ch == "{":
            stack.append(i)
        elif ch == "}" and stack:
            groups[stack.pop()] = i
    branches = set()
    for start, end in groups.items():
        before = bare[:start].rstrip()
        after = bare[end + 1 :].lstrip()
        if re.search(r"\bUNION$", before, re.I) or re.match(r"UNION\b", after, re.I):
            branches.add((start + 1, end))
    return sorted(branches)


def execute(store: ox.Store, query: NamedQuery, params: Mapping[str, str] | None = None):
    text = with_values(query.text, bind(store, query, params or {}))
    try:
        return store.query(text, prefixes=PREFIXES)
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {one_line(exc)}") from None
    except OSError as exc:
        raise QueryError(f"query failed: {one_line(exc)}") from None


@dataclass
class QueryResult:
    kind: str  # "select", "ask" or "graph"
    variables: list[str]
    rows: list[list[object]]  # pyoxigraph terms or None
    raw: object = None
    boolean: bool | None = None


def run_query(
    name_or_file: str | None = None,
    params: dict[str, str] | None = None,
    *,
    sparql: str | None = None,
    store: str | Path | None = None,
    allow_service: bool = False,
) -> QueryResult:
    """Run a named query, a .rq file or ad-hoc SPARQL against the store.

    A SERVICE clause makes pyoxigraph fetch from the URL it names, so a query that has one is
    refused unless `allow_service` says to run it (`kg serve` always refuses it)."""

    if (name_or_file is None) == (sparql is None):
        raise QueryError("give a query name, a .rq file or -e SPARQL (exactly one)")
    query = adhoc_query(sparql) if sparql is not None else get_query(name_or_file)
    if not allow_service and uses_service(query.text):
        raise QueryError(f"{SERVICE_REFUSED}: it would fetch data from other endpoints; add --allow-service to run it")
    if sparql is not None and params:
        raise QueryError("--param works with named queries only; -e queries have no declared parameters")
    with open_store(store) as db:
        require_documents(db, store)
        try:
            return _collect(execute(db, query, params))
        except (OSError, RuntimeError) as exc:  # raised while the solutions are read: a SERVICE fetch, I/O
            raise QueryError(f"query failed: {one_line(exc)}") from None


def _collect(result) -> QueryResult:
    import pyoxigraph as ox

    if isinstance(result, ox.QueryBoolean):
        return QueryResult("ask", ["result"], [[ox.Literal(str(bool(result)).lower())]], boolean=bool(result))
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        rows = [[sol[v] for v in variables] for sol in result]
        return QueryResult("select", variables, rows)
    triples = list(result)
    return QueryResult(
        "graph", ["subject", "predicate", "object"], [[t.subject, t.predicate, t.object] for t in triples]
    )
