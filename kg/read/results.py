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
    """Aligned columns by display width: a CJK character or an emoji takes two terminal cells,
    a combining accent none, so East Asian names line up with Latin ones."""
    cells = [[_clip(c.replace("\n", " "), MAX_CELL) for c in row] for row in rows]
    widths = [max([display_width(h)] + [display_width(r[i]) for r in cells]) for i, h in enumerate(headers)]
    line = lambda values: "  ".join(_pad(v, w) for v, w in zip(values, widths)).rstrip()
    out = [line(headers), line(["-" * w for w in widths])]
    out += [line(r) for r in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"


def display_width(text: str) -> int:
    """Terminal cells the text takes (wcwidth; a control character counts as none)."""
    from wcwidth import wcwidth

    return sum(max(0, wcwidth(ch)) for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def _clip(text: str, cells: int) -> str:
    """The text cut to at most `cells` terminal cells, "…" marking the cut."""
    if display_width(text) <= cells:
        return text
    from wcwidth import wcwidth

    out, used = [], 0
    for ch in text:
        w = max(0, wcwidth(ch))
        if used + w > cells - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"
