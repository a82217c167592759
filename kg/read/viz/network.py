"""The graph, or a slice of it, as a networkx graph, a GraphML/GEXF file or a self-contained HTML page.

A reader of the store: one pass over its quads builds a networkx MultiDiGraph of actors, meetings,
statements and policies (documents on request), and slicers cut it down:

    --query      a CONSTRUCT or a SELECT of ?s ?p ?o decides which nodes and edges exist
    --types      keeps nodes of these classes (and the focus)
    --since/--until  keeps meetings and statements dated in the range; nodes the cut leaves
                 without any edge go too, so a date slice is not buried under unrelated actors
    --focus/--hops   keeps what lies within N links of an actor (name or alias)
    --min-degree keeps nodes with at least N links (and the focus)

The order matters and is chosen so a neighbourhood is taken inside the types and dates asked for:
`--focus X --hops 2 --types Person,Meeting` walks person -> meeting -> person.

Node attributes are plain strings or tuples of strings; edges are keyed by their short label
(participant, speaker, memberOf, ...), so one pair of nodes carries each relation once.
The HTML page is built by kg.read.viz.page.render_html.
"""

from __future__ import annotations

import calendar
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import KGError, QueryError
from kg.read.viz.page import MAX_NODES, render_html
from kg.vocab import ACTOR_PREDICATES, NODE_CLASSES

if TYPE_CHECKING:
    import networkx as nx
    import pyoxigraph as ox

NODE_TYPES = NODE_CLASSES
# Documents are left out unless asked for: every fact links to its source, so they would pull the
# whole graph into one hairball; the source title is in every tooltip instead.
DEFAULT_TYPES = NODE_TYPES[:-1]
FORMATS = ("html", "graphml", "gexf")
# Predicates that become edges, and the direction they point (subject -> object, as in RDF).
FACT_PREDICATES = ("participant", "location", "speaker", "about", "proponent", "target")
DATED_TYPES = ("Meeting", "Statement")
MAX_EVIDENCE = 5  # sentences kept per node or edge: a summit reported by 40 articles needs no 40 quotes

_DATE_RE = re.compile(r"^\d{4}(-\d\d(-\d\d)?)?$")


@dataclass
class _Facts:
    """Everything the viewer shows, read from the store in one pass over its quads."""

    types: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    literals: dict[str, dict[str, set[str]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(set)))
    evidence: dict[str, set[tuple[str, str]]] = field(
        default_factory=lambda: defaultdict(set)
    )  # node -> {(sentence, doc)}
    edges: set[tuple[str, str, str]] = field(default_factory=set)  # (subject, short label, object)
    reified: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))  # assertion -> s/p/o
    doc_titles: dict[str, str] = field(default_factory=dict)


def _local(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1] or iri


def _read_facts(db: ox.Store) -> _Facts:
    """One pass over all quads. The named graph pairs each evidence sentence with its article,
    which a query over the merged graph would lose."""
    from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

    from kg.vocab import KG

    edges = {str(KG[p]): p for p in (*FACT_PREDICATES, *sorted(ACTOR_PREDICATES))}
    literals = {
        str(KG[p]): p for p in ("role", "startDate", "endDate", "date", "text", "meetingKind", "status", "direct")
    }
    literals[str(SKOS.altLabel)] = "aliases"
    reified = {str(RDF.subject): "subject", str(RDF.predicate): "predicate", str(RDF.object): "object"}
    classes = {str(KG[c]): c for c in NODE_TYPES}
    rank = {c: i for i, c in enumerate(NODE_TYPES)}
    rdf_type, label, evidence, source = str(RDF.type), str(RDFS.label), str(KG.evidence), str(KG.source)
    title, identifier = str(DCTERMS.title), str(DCTERMS.identifier)
    facts = _Facts()
    doc_ids: dict[str, str] = {}
    for quad in db.quads_for_pattern(None, None, None, None):
        s, p, o = quad.subject.value, quad.predicate.value, quad.object
        if p == rdf_type:
            cls = classes.get(o.value)
            # a name typed differently by two articles gets one class, the same on every run
            if cls and (s not in facts.types or rank[cls] < rank[facts.types[s]]):
                facts.types[s] = cls
        elif p in edges:
            if type(o).__name__ == "NamedNode":
                facts.edges.add((s, edges[p], o.value))
        elif p == label:
            facts.labels[s] = min(facts.labels.get(s, o.value), o.value)
        elif p in literals:
            facts.literals[s][literals[p]].add(o.value)
        elif p == evidence:
            # only a document's own graph says which article a sentence is from; the store's
            # default graph (the merged facts) repeats the sentence without its article
            if type(quad.graph_name).__name__ == "NamedNode":
                facts.evidence[s].add((o.value, quad.graph_name.value))
        elif p == source:
            facts.edges.add((s, "source", o.value))
        elif p in reified:
            facts.reified[s][reified[p]] = o.value
        elif p == title:
            facts.doc_titles[s] = o.value
        elif p == identifier:
            doc_ids[s] = o.value
    for doc, ident in doc_ids.items():
        facts.doc_titles.setdefault(doc, ident)
    return facts


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _display_label(kind: str, name: str, date: str, literals: Mapping[str, set[str]]) -> str:
    """Short enough to read on the canvas; the tooltip has the full text."""
    if kind == "Meeting":
        what = min(literals.get("meetingKind", {"meeting"})).capitalize()
        return f"{what}\n{date or 'undated'}"
    if kind == "Statement":
        return f"“{_clip(name, 30)}”" + (f"\n{date}" if date else "")
    return _clip(name, 48)


def _evidence(pairs: Iterable[tuple[str, str]], titles: Mapping[str, str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    ordered = sorted(pairs, key=lambda p: (titles.get(p[1], p[1]), p[0]))[:MAX_EVIDENCE]
    return tuple(s for s, _ in ordered), tuple(titles.get(d, _local(d)) for _, d in ordered)


def _full_graph(facts: _Facts, types: Iterable[str]) -> nx.MultiDiGraph:
    import networkx as nx

    wanted = set(types)
    g = nx.MultiDiGraph()
    for iri, kind in sorted(facts.types.items()):
        if kind not in wanted:
            continue
        lits = facts.literals.get(iri, {})
        first = lambda key: min(lits.get(key, {""}))  # noqa: E731
        if kind == "Document":
            name = facts.doc_titles.get(iri, _local(iri))
        elif kind == "Statement":
            name = first("text")
        else:
            name = facts.labels.get(iri, _local(iri))
        date = first("startDate") or first("date")
        sentences, sources = _evidence(facts.evidence.get(iri, ()), facts.doc_titles)
        g.add_node(
            iri,
            type=kind,
            name=name,
            label=_display_label(kind, name, date, lits),
            aliases=tuple(sorted(lits.get("aliases", ()))),
            roles=tuple(sorted(lits.get("role", ()))),
            date=date,
            end_date=first("endDate"),
            kind=first("meetingKind"),
            status=first("status"),
            direct=first("direct"),
            evidence=sentences,
            sources=sources,
        )
    relation_evidence: dict[tuple[str, str, str], set[tuple[str, str]]] = defaultdict(set)
    for assertion, spo in facts.reified.items():
        if len(spo) == 3:
            relation_evidence[(spo["subject"], _local(spo["predicate"]), spo["object"])] |= facts.evidence.get(
                assertion, set()
            )
    for s, label, o in sorted(facts.edges):
        if s in g and o in g:
            sentences, sources = _evidence(relation_evidence.get((s, label, o), ()), facts.doc_titles)
            g.add_edge(s, o, key=label, label=label, evidence=sentences, sources=sources)
    return g


# ---------------------------------------------------------------- slicers


def _check_types(types: Iterable[str] | None) -> tuple[str, ...]:
    if types is None:
        return DEFAULT_TYPES
    by_lower = {t.lower(): t for t in NODE_TYPES}
    out = []
    for t in types:
        t = t.strip()
        if not t:
            continue
        if t.lower() not in by_lower:
            raise KGError(f"unknown type {t!r}; types: {', '.join(NODE_TYPES)}")
        out.append(by_lower[t.lower()])
    if not out:
        raise KGError(f"no types given; types: {', '.join(NODE_TYPES)}")
    return tuple(out)


def _bounds(value: str) -> tuple[str, str] | None:
    """An ISO date of any precision as the first and last day it covers (2025-02 is Feb 1 to Feb 28);
    None if it is not a real date."""
    value = value.strip()
    if not _DATE_RE.match(value):
        return None
    parts = [int(x) for x in value.split("-")]
    if len(parts) == 1:
        return f"{value}-01-01", f"{value}-12-31"
    if not 1 <= parts[1] <= 12:
        return None
    last = calendar.monthrange(parts[0], parts[1])[1]
    if len(parts) == 2:
        return f"{value}-01", f"{value}-{last:02d}"
    return (value, value) if 1 <= parts[2] <= last else None


def _span(value: str, what: str) -> tuple[str, str]:
    bounds = _bounds(value)
    if bounds is None:
        raise KGError(f"{what} must be an ISO date such as 2025-02-07, 2025-02 or 2025, not {value!r}")
    return bounds


def _slice_dates(g: nx.MultiDiGraph, since: str | None, until: str | None, keep: set[str]) -> None:
    lo = _span(since, "since")[0] if since else "0000-01-01"
    hi = _span(until, "until")[1] if until else "9999-12-31"
    if lo > hi:
        raise KGError(f"since ({since}) is after until ({until})")
    had_edges = {n for n in g if g.degree(n)}
    drop = []
    for n, data in g.nodes(data=True):
        if data["type"] not in DATED_TYPES or n in keep:
            continue
        start = _bounds(data["date"])
        end = _bounds(data["end_date"]) or start
        # undated (or badly dated): nothing says it falls in the range
        if start is None or end[1] < lo or start[0] > hi:
            drop.append(n)
    g.remove_nodes_from(drop)
    g.remove_nodes_from([n for n in had_edges if n in g and not g.degree(n) and n not in keep])


def _resolve_focus(db: ox.Store, facts: _Facts, name: str) -> list[str]:
    """Actors by name or alias (as `kg query` resolves them); else any node by its name or alias."""
    from kg.read.queries import find_actors

    found = [a.value for a in find_actors(db, name)]
    if not found:
        wanted = name.strip().lower()
        found = sorted(
            iri
            for iri, kind in facts.types.items()
            if wanted
            in {facts.labels.get(iri, "").lower(), *(a.lower() for a in facts.literals.get(iri, {}).get("aliases", ()))}
        )
    if not found:
        raise KGError(f"no actor named {name!r} in the graph; `kg query actors` lists the names")
    return found


def _query_graph(db: ox.Store, full: nx.MultiDiGraph, query: str, params: Mapping[str, str] | None) -> nx.MultiDiGraph:
    """The nodes and edges a CONSTRUCT (or a SELECT of ?s ?p ?o) returns, with attributes from the store."""
    import networkx as nx
    import pyoxigraph as ox

    from kg.read.queries import execute, get_query

    named = get_query(query)
    result = execute(db, named, params)
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        if not {"s", "p", "o"} <= set(variables):
            raise QueryError(
                f"query {named.name!r} selects ?{', ?'.join(variables)}; viz needs a CONSTRUCT or a SELECT of ?s ?p ?o"
            )
        triples = [(row["s"], row["p"], row["o"]) for row in result]
    elif isinstance(result, ox.QueryBoolean):
        raise QueryError(f"query {named.name!r} is an ASK query; viz needs a CONSTRUCT or a SELECT of ?s ?p ?o")
    else:
        triples = [(t.subject, t.predicate, t.object) for t in result]
    g = nx.MultiDiGraph()
    for s, p, o in triples:
        for term in (s, o):
            if term is not None and term.value in full:
                g.add_node(term.value, **full.nodes[term.value])
        if s is None or o is None or p is None or s.value not in full or o.value not in full:
            continue  # literals and things that are not nodes (types, assertions) are not edges
        label = _local(p.value)
        data = full.get_edge_data(s.value, o.value, label) or {"label": label, "evidence": (), "sources": ()}
        g.add_edge(s.value, o.value, key=label, **data)
    return g


def to_networkx(
    store_or_path: ox.Store | str | Path | None = None,
    *,
    focus: str | Iterable[str] | None = None,
    hops: int = 1,
    types: Iterable[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    query: str | None = None,
    params: Mapping[str, str] | None = None,
    min_degree: int = 0,
) -> nx.MultiDiGraph:
    """The graph, or a slice of it, as a networkx MultiDiGraph keyed by IRI.

    Nodes carry type, name, label (short, for drawing), aliases, roles, date, end_date, kind,
    status, evidence and sources (titles of the articles the evidence comes from).
    Edges are keyed by their short label and carry label, evidence and sources.
    `focus` is a name or alias (or several); `query` a named query or a .rq file.
    """
    import pyoxigraph as ox

    from kg.store import open_store, require_documents

    if hops < 0 or min_degree < 0:
        raise KGError("hops and min-degree must be 0 or more")
    wanted_types = _check_types(types)
    opener = nullcontext(store_or_path) if isinstance(store_or_path, ox.Store) else open_store(store_or_path)
    with opener as db:
        require_documents(db, "the store" if isinstance(store_or_path, ox.Store) else store_or_path)
        facts = _read_facts(db)
        # the focus survives the type filter, so it is looked up in the graph of every type
        full = _full_graph(facts, NODE_TYPES if focus else wanted_types)
        names = [focus] if isinstance(focus, str) else list(focus or ())
        focus_nodes = {iri for name in names for iri in _resolve_focus(db, facts, name)}
        g = _query_graph(db, full, query, params) if query else full
    if query and focus_nodes and not focus_nodes & set(g):
        raise QueryError(f"{', '.join(names)} is not in the result of query {query!r}")
    focus_nodes &= set(g)
    g.remove_nodes_from([n for n, t in g.nodes(data="type") if t not in wanted_types and n not in focus_nodes])
    if since or until:
        _slice_dates(g, since, until, focus_nodes)
    if focus_nodes:
        g = _neighbourhood(g, focus_nodes, hops)
    if min_degree:
        g.remove_nodes_from([n for n, d in dict(g.degree()).items() if d < min_degree and n not in focus_nodes])
    g.graph["focus"] = tuple(sorted(focus_nodes))
    return g


def _neighbourhood(g: nx.MultiDiGraph, start: set[str], hops: int) -> nx.MultiDiGraph:
    """Everything within `hops` links of the start nodes, following edges either way."""
    seen, frontier = set(start), set(start)
    for _ in range(hops):
        frontier = {m for n in frontier for m in (*g.successors(n), *g.predecessors(n))} - seen
        seen |= frontier
    return g.subgraph(seen).copy()


# ---------------------------------------------------------------- files for Gephi and Cytoscape


def _scalar(value: object) -> str:
    if isinstance(value, (tuple, list)):
        return "\n".join(str(v) for v in value)
    return "" if value is None else str(value)


def flat_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attributes are all strings (GraphML and GEXF hold no lists) and whose edges
    have unique ids; the IRI becomes the node id and the short label the node label."""
    import networkx as nx

    out = nx.MultiDiGraph()
    for n, data in graph.nodes(data=True):
        attrs = {k: _scalar(v) for k, v in data.items() if _scalar(v)}
        attrs["label"] = _scalar(data.get("name") or data.get("label") or n)
        out.add_node(n, **attrs)
    for i, (u, v, data) in enumerate(graph.edges(data=True)):
        out.add_edge(u, v, key=f"e{i}", **{k: _scalar(val) for k, val in data.items() if _scalar(val)})
    return out


def write_graph(graph: nx.MultiDiGraph, path: str | Path, fmt: str) -> Path:
    """Write GraphML or GEXF (both read by Gephi and Cytoscape)."""
    import networkx as nx

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    flat = flat_graph(graph)
    if fmt == "graphml":
        nx.write_graphml(flat, path)
    elif fmt == "gexf":
        nx.write_gexf(flat, path)
    else:
        raise KGError(f"unknown graph file format {fmt!r}; formats: graphml, gexf")
    return path


# ---------------------------------------------------------------- the one call the CLI makes


@dataclass(frozen=True, slots=True)
class VizResult:
    path: Path
    nodes: int  # for HTML: drawn when the page opens
    edges: int
    folded: int = 0  # in the page, drawn when asked for (a click on a neighbour, a search, the timeline)
    unlinked: int = 0  # nodes without links: listed on the page, not drawn
    left_out: int = 0  # beyond what one page holds (kg.read.viz.page.PAGE_NODES): not in the page


def visualize(
    output: str | Path,
    *,
    fmt: str = "html",
    store: str | Path | None = None,
    title: str | None = None,
    max_nodes: int | None = None,
    **slice_options,
) -> VizResult:
    """Slice the graph (see `to_networkx`) and write it as an HTML page, GraphML or GEXF."""
    if fmt not in FORMATS:
        raise KGError(f"unknown format {fmt!r}; formats: {', '.join(FORMATS)}")
    graph = to_networkx(store, **slice_options)
    if fmt != "html":
        path = write_graph(graph, output, fmt)
        return VizResult(path, graph.number_of_nodes(), graph.number_of_edges())
    page = render_html(graph, output, title=title or _title(slice_options), max_nodes=max_nodes or MAX_NODES)
    return VizResult(page.path, page.nodes, page.edges, page.folded, page.unlinked, page.left_out)


def _title(options: Mapping[str, object]) -> str:
    """The page heading says which slice it shows, so a mailed file explains itself."""
    parts = []
    focus = options.get("focus")
    if focus:
        hops = options.get("hops", 1)
        parts.append(
            f"around {focus if isinstance(focus, str) else ', '.join(focus)} ({hops} hop{'s' if hops != 1 else ''})"
        )
    if options.get("types"):
        parts.append(", ".join(options["types"]))
    if options.get("since") or options.get("until"):
        parts.append(f"{options.get('since') or '…'} to {options.get('until') or '…'}")
    if options.get("query"):
        parts.append(f"query {Path(str(options['query'])).name}")
    if options.get("min_degree"):
        parts.append(f"at least {options['min_degree']} links")
    return "newskg graph" + (": " + "; ".join(parts) if parts else "")
