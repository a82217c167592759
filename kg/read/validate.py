"""SHACL validation of the merged graph against ontology/shapes.ttl (pySHACL).

The shapes run over the store's default graph, the merged graph that queries and exports read.
Each violation names the offending node and the documents whose graphs state something about
it, so the fix starts at the right article (or the extractor that read it).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import InputError
from kg.store import open_store, require_documents
from kg.vocab import PREFIXES

if TYPE_CHECKING:
    import pyoxigraph as ox
    import rdflib

SH = "http://www.w3.org/ns/shacl#"


@dataclass(frozen=True, slots=True)
class Violation:
    focus: str  # the offending node, compact (id:meeting/...)
    path: str | None  # the property, compact (kg:participant), if the shape names one
    message: str
    value: str | None  # the offending value, in Turtle syntax, when there is one
    sources: tuple[str, ...]  # identifiers of the documents that state something about the node

    def line(self) -> str:
        where = f" {self.path}:" if self.path else ""
        value = f" (value {self.value})" if self.value is not None else ""
        sources = ", ".join(self.sources) if self.sources else "no source document"
        return f"{self.focus}:{where} {self.message}{value} [{sources}]"


@dataclass(frozen=True, slots=True)
class ValidationReport:
    triples: int
    shapes: str
    violations: tuple[Violation, ...]

    @property
    def conforms(self) -> bool:
        return not self.violations


def default_shapes() -> str:
    return resources.files("kg.ontology").joinpath("shapes.ttl").read_text(encoding="utf-8")


def compact(term: rdflib.term.Node) -> str:
    """An IRI as prefix:name when a prefix fits, else <iri>; a literal in Turtle syntax."""
    from rdflib import Literal, URIRef

    if isinstance(term, URIRef):
        for prefix, ns in PREFIXES.items():
            if str(term).startswith(ns):
                return f"{prefix}:{str(term)[len(ns) :]}"
        return f"<{term}>"
    if isinstance(term, Literal):
        text = '"' + str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype:
            return f"{text}^^{compact(term.datatype)}"
        return text
    return str(term)


@contextlib.contextmanager
def _quiet_rdflib() -> Iterator[None]:
    """rdflib logs a traceback for each ill-typed literal ("2024-02-30"^^xsd:date); the shapes
    report those as violations, one line each, so the tracebacks are noise."""
    logger = logging.getLogger("rdflib.term")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def _merged_graph(db: ox.Store) -> rdflib.Graph:
    import pyoxigraph as ox
    import rdflib

    from kg.read.export import merged_triples

    data = ox.serialize(merged_triples(db), format=ox.RdfFormat.N_TRIPLES)
    return rdflib.Graph().parse(data=data, format="nt")


def _sources(db: ox.Store, node: rdflib.term.Node) -> tuple[str, ...]:
    """Identifiers of the documents whose named graphs have the node as a subject."""
    import pyoxigraph as ox
    from rdflib import URIRef

    if not isinstance(node, URIRef):
        return ()
    identifier = ox.NamedNode(PREFIXES["dcterms"] + "identifier")
    found = set()
    for quad in db.quads_for_pattern(ox.NamedNode(str(node)), None, None, None):
        graph = quad.graph_name
        if isinstance(graph, ox.NamedNode):
            ids = [q.object.value for q in db.quads_for_pattern(graph, identifier, None, graph)]
            found.add(ids[0] if ids else graph.value)
    return tuple(sorted(found))


def violations_in(data: rdflib.Graph, shapes: rdflib.Graph, db: ox.Store | None = None) -> list[Violation]:
    """Every SHACL violation of `data`, sorted; sources looked up in `db` when given."""
    import pyshacl
    from rdflib import Namespace

    sh = Namespace(SH)
    _, results, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", allow_infos=True, allow_warnings=True)
    found = set()
    # only the report's own results: the nested ones (sh:detail of sh:node) say the same thing
    # about the value as the focus, without the property and message
    for result in results.objects(None, sh.result):
        if results.value(result, sh.resultSeverity) != sh.Violation:
            continue
        focus = results.value(result, sh.focusNode)
        path = results.value(result, sh.resultPath)
        value = results.value(result, sh.value)
        messages = sorted(str(m) for m in results.objects(result, sh.resultMessage))
        found.add(
            Violation(
                focus=compact(focus),
                path=compact(path) if path is not None else None,
                message=messages[0] if messages else "violates " + compact(results.value(result, sh.sourceShape)),
                value=compact(value) if value is not None else None,
                sources=_sources(db, focus) if db is not None else (),
            )
        )
    return sorted(found, key=lambda v: (v.focus, v.path or "", v.message, v.value or ""))


def validate(*, store: str | Path | None = None, shapes: str | Path | None = None) -> ValidationReport:
    """Check the store's merged graph against the shapes (ontology/shapes.ttl by default)."""
    import rdflib

    if shapes is None:
        shapes_text, shapes_name = default_shapes(), "ontology/shapes.ttl"
    else:
        try:
            shapes_text, shapes_name = Path(shapes).read_text(encoding="utf-8"), str(shapes)
        except OSError as exc:
            raise InputError(f"{shapes}: cannot read the shapes file ({exc.strerror})") from None
    try:
        shapes_graph = rdflib.Graph().parse(data=shapes_text, format="turtle")
    except Exception as exc:  # rdflib raises several parser error types
        raise InputError(f"{shapes_name}: not valid Turtle ({' '.join(str(exc).split())[:200]})") from None
    with open_store(store) as db:
        require_documents(db, store)
        with _quiet_rdflib():
            data = _merged_graph(db)
            found = violations_in(data, shapes_graph, db)
    return ValidationReport(triples=len(data), shapes=shapes_name, violations=tuple(found))
