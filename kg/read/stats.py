"""`kg stats`: how big the graph is, and who is in it most."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from kg.errors import QueryError
from kg.store import open_store, recount, require_documents, totals
from kg.vocab import AGENT_CLASSES, PREFIXES


def stats(*, store: str | Path | None = None, top: int = 10) -> dict:
    """Counts per class (and of actors and triples), and the `top` actors that take part in the most
    meetings, statements and policies, as (label, number)."""
    agents = " ".join(f"kg:{c}" for c in AGENT_CLASSES)
    with open_store(store) as db:
        require_documents(db, store)
        counts = totals(recount(db))  # counted afresh: the store index belongs to the writer
        q = f"""SELECT ?a ?label (COUNT(DISTINCT ?x) AS ?degree) WHERE {{
          ?a a ?t . VALUES ?t {{ {agents} }} ?a rdfs:label ?label .
          {{ ?x ?p ?a . ?x a ?xt . VALUES ?xt {{ kg:Meeting kg:Statement kg:Policy }} }}
        }} GROUP BY ?a ?label ORDER BY DESC(?degree) ?label LIMIT {int(top)}"""
        connected = [(r["label"].value, int(r["degree"].value)) for r in db.query(q, prefixes=PREFIXES)]
    return {"counts": counts, "most_connected": connected}


FORMATS = ("table", "csv", "json")
PLURALS = {
    "Document": "documents",
    "Person": "persons",
    "Country": "countries",
    "Organization": "organizations",
    "Place": "places",
    "Meeting": "meetings",
    "Statement": "statements",
    "Policy": "policies",
    "triples": "triples",
}


def render_stats(data: dict, fmt: str = "table") -> str:
    """`stats()` as text: aligned for people, or CSV (`section,name,count`) and JSON for programs."""
    counts = [(name, data["counts"][key]) for key, name in PLURALS.items()]
    if fmt == "json":
        return (
            json.dumps(
                {
                    "counts": dict(counts),
                    "most_connected": [{"actor": label, "degree": n} for label, n in data["most_connected"]],
                },
                ensure_ascii=False,
                indent=1,
            )
            + "\n"
        )
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(["section", "name", "count"])
        writer.writerows(("count", name, n) for name, n in counts)
        writer.writerows(("most connected", label, n) for label, n in data["most_connected"])
        return buf.getvalue()
    if fmt != "table":
        raise QueryError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    lines = [f"{name:<15} {n:>8}" for name, n in counts]
    lines.append("most connected actors (meetings, statements and policies they take part in):")
    lines += [f"  {n:>5}  {label}" for label, n in data["most_connected"]]
    return "\n".join(lines) + "\n"
