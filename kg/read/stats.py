"""`kg stats`: how big the graph is, and who is in it most."""

from __future__ import annotations

from pathlib import Path

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
