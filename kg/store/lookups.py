"""What a build looks up in the store about earlier builds, by the batch's own names only (a
build never reads the whole store): the people a name of the batch may be, and the stored
meetings of the batch's actors.

Only what documents without a stored extraction (kg.store.extractions) say counts: a document
with one is resolved again from it, with the batch, whenever it is related to the batch, so its
stored names and events would only echo an earlier resolution (a full name that a removed
article gave would keep a surname joined to it).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from kg.model import KnownMeeting, merged_status
from kg.store.database import store_index, stored_extractions
from kg.vocab import PREFIXES, actor_iri

if TYPE_CHECKING:
    import pyoxigraph as ox


def known_people(store: ox.Store, names: Iterable[str]) -> list[str]:
    """The people in the store that kg.builder.resolve could join one of these names to.

    Resolution only ever joins a name to a stored label that shares a word with it (a bare
    surname or given name to the full name, "Ishiba Shigeru" to "Shigeru Ishiba"), so the
    labels sharing a word with a name give the same result as every label in the store; the
    store index finds them without reading the others. `store` is open for writing.
    """
    import pyoxigraph as ox

    labels = store_index(store).people_sharing_words(store, names)
    rdf_type, person = ox.NamedNode(PREFIXES["rdf"] + "type"), ox.NamedNode(PREFIXES["kg"] + "Person")
    graphs = {
        label: {
            q.graph_name.value
            for q in store.quads_for_pattern(ox.NamedNode(str(actor_iri(label))), rdf_type, person, None)
            if isinstance(q.graph_name, ox.NamedNode)
        }
        for label in labels
    }
    resolved_again = stored_extractions(store).having(set().union(*graphs.values()))
    return [label for label in labels if graphs[label] - resolved_again]


def known_meetings(store: ox.Store, keys: Iterable[str]) -> list[KnownMeeting]:
    """The stored meetings that at least two of these actors (keys) took part in, for a later
    build to join (kg.builder.resolve.join_known_meetings)."""
    iris = " ".join(f"<{actor_iri(k)}>" for k in sorted(set(keys)))
    if not iris:
        return []
    q = f"""
    SELECT ?m ?label ?start ?end ?kind ?place ?status ?doc WHERE {{
      {{ SELECT DISTINCT ?m WHERE {{
          VALUES ?a {{ {iris} }} VALUES ?b {{ {iris} }}
          ?m kg:participant ?a, ?b . FILTER(?a != ?b) ?m a kg:Meeting }} }}
      ?m kg:participant/rdfs:label ?label .
      OPTIONAL {{ ?m kg:startDate ?start }} OPTIONAL {{ ?m kg:endDate ?end }} OPTIONAL {{ ?m kg:meetingKind ?kind }}
      OPTIONAL {{ ?m kg:location/rdfs:label ?place }} OPTIONAL {{ ?m kg:status ?status }}
      OPTIONAL {{ ?m kg:source ?doc }}
    }}"""
    found: dict[str, dict] = {}
    for row in store.query(q, prefixes=PREFIXES):
        m = found.setdefault(
            row["m"].value,
            {name: set() for name in ("participants", "start", "end", "kind", "place", "status", "doc")},
        )
        m["participants"].add(row["label"].value)
        for name in ("start", "end", "kind", "place", "status", "doc"):
            if row[name] is not None:
                m[name].add(row[name].value)
    first = lambda values: min(values) if values else None  # noqa: E731
    # the events of documents resolved again with the batch are in the batch already
    resolved_again = stored_extractions(store).having(set().union(*(m["doc"] for m in found.values())))
    return [
        KnownMeeting(
            tuple(sorted(m["participants"])),
            first(m["start"]),
            first(m["end"]),
            first(m["kind"]),
            first(m["place"]),
            status=merged_status(m["status"]),
        )
        for _, m in sorted(found.items())
        if m["doc"] - resolved_again or not m["doc"]
    ]
