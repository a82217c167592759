"""Query results as text: an aligned table for people, W3C CSV/TSV/JSON for programs."""

from __future__ import annotations

import csv
import io
import json

from kg.read.queries import QueryResult
from kg.vocab import PREFIXES

MAX_CELL = 80


def _compact(term) -> str:
    if term is None:
        return ""
    kind = type(term).__name__
    value = term.value
    if kind == "NamedNode":
        for prefix, ns in PREFIXES.items():
            if value.startswith(ns):
                return f"{prefix}:{value[len(ns) :]}"
        return f"<{value}>"
    return value


def _json_term(term) -> dict | None:
    if term is None:
        return None
    kind = type(term).__name__
    if kind == "NamedNode":
        return {"type": "uri", "value": term.value}
    if kind == "BlankNode":
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype and term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


def _tsv_term(term) -> str:
    return "" if term is None else str(term)


def render_result(result: QueryResult, fmt: str) -> str:
    if fmt == "json":
        if result.kind == "ask":
            return json.dumps({"head": {}, "boolean": result.boolean}) + "\n"
        bindings = [{v: _json_term(t) for v, t in zip(result.variables, row) if t is not None} for row in result.rows]
        return (
            json.dumps(
                {"head": {"vars": result.variables}, "results": {"bindings": bindings}}, ensure_ascii=False, indent=1
            )
            + "\n"
        )
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(result.variables)
        writer.writerows([["" if t is None else t.value for t in row] for row in result.rows])
        return buf.getvalue()
    if fmt == "tsv":
        lines = ["\t".join("?" + v for v in result.variables)]
        lines += ["\t".join(_tsv_term(t) for t in row) for row in result.rows]
        return "\n".join(lines) + "\n"
    return table(result.variables, [[_compact(t) for t in row] for row in result.rows])


def table(headers: list[str], rows: list[list[str]]) -> str:
    cells = [[c if len(c) <= MAX_CELL else c[: MAX_CELL - 1] + "…" for c in row] for row in rows]
    cells = [[c.replace("\n", " ") for c in row] for row in cells]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    line = lambda values: "  ".join(v.ljust(w) for v, w in zip(values, widths)).rstrip()
    out = [line(headers), line(["-" * w for w in widths])]
    out += [line(r) for r in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"
