"""`kg show ACTOR`: everything the graph knows about one actor, as plain records.

Names are looked up as `kg query` does (label or alias, case-insensitive) and bound to the
queries as RDF terms (`substitutions`), never pasted into SPARQL. Roles come from two places:
titles the articles give (dated by the article) and the tenures in the reference data (with
start and end dates).

Sources are the documents whose own graph states the actor's part in a fact (it spoke, took
part, pushes or is targeted), not every document that reports the fact: when two articles
report one policy and only one names its target, the target's card cites only that one.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import QueryError
from kg.read.queries import find_actors
from kg.store import open_store, require_documents
from kg.vocab import NAMED_CLASSES, PREFIXES

if TYPE_CHECKING:
    import pyoxigraph as ox


@dataclass(frozen=True, slots=True)
class Role:
    name: str
    of: str | None = None  # the country or organisation, when the reference data says
    start: str | None = None
    end: str | None = None
    reported: str | None = None  # the latest date of the articles that give this title
    sources: tuple[str, ...] = ()  # article ids; empty for reference tenures


@dataclass(frozen=True, slots=True)
class MeetingEntry:
    meeting: str  # IRI
    start: str | None
    end: str | None
    others: tuple[str, ...]  # the other participants' names
    place: str | None
    kind: str | None
    status: str | None
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StatementEntry:
    date: str | None
    text: str
    direct: bool | None
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PolicyEntry:
    policy: str
    as_: str  # "proponent" or "target"
    others: tuple[str, ...]  # proponents (for a target) or targets (for a proponent)
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RelationEntry:
    relation: str  # allyOf, leaderOf, ...
    other: str
    outgoing: bool  # True: ACTOR relation OTHER; False: OTHER relation ACTOR
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Profile:
    iri: str
    name: str
    types: tuple[str, ...]
    aliases: tuple[str, ...]
    roles: tuple[Role, ...]
    same_as: tuple[str, ...]  # owl:sameAs links (Wikidata and others)
    meetings: tuple[MeetingEntry, ...]
    statements: tuple[StatementEntry, ...]
    policies: tuple[PolicyEntry, ...]
    relations: tuple[RelationEntry, ...]
    also_named: tuple[str, ...] = ()  # other actors the same name or alias points to

    @property
    def wikidata(self) -> str | None:
        return next((s for s in self.same_as if "wikidata.org/" in s), None)


def _select(db: ox.Store, query: str, actor: ox.NamedNode) -> list[dict[str, str | None]]:
    import pyoxigraph as ox

    # substitutions bind ?actor as a term (SEP-0007); the variable must be in the projection
    solutions = db.query(query, prefixes=PREFIXES, substitutions={ox.Variable("actor"): actor})
    names = [v.value for v in solutions.variables]
    return [{n: (row[n].value if row[n] is not None else None) for n in names} for row in solutions]


def _date_key(value: str | None) -> tuple[bool, str]:
    return (value is None, value or "")


def _grouped(rows: Iterable[dict], key: tuple[str, ...], many: tuple[str, ...]) -> dict[tuple, dict[str, set]]:
    """Rows that share `key` fields as one entry; the `many` fields collected into sets."""
    out: dict[tuple, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for row in rows:
        entry = out[tuple(row[k] for k in key)]
        for field_name in many:
            if row[field_name] is not None:
                entry[field_name].add(row[field_name])
    return out


def _basics(db: ox.Store, actor: ox.NamedNode) -> tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    rows = _select(
        db,
        """SELECT ?actor ?label ?type ?alias ?same WHERE {
          { ?actor rdfs:label ?label }
          UNION { ?actor a ?class FILTER(STRSTARTS(STR(?class), STR(kg:))) BIND(STRAFTER(STR(?class), "#") AS ?type) }
          UNION { ?actor skos:altLabel ?alias } UNION { ?actor owl:sameAs ?s BIND(STR(?s) AS ?same) } }""",
        actor,
    )
    pick = lambda name: tuple(sorted({r[name] for r in rows if r[name] is not None}, key=str.casefold))  # noqa: E731
    labels = pick("label")
    return (labels[0] if labels else actor.value), pick("type"), pick("alias"), pick("same")


def _roles(db: ox.Store, actor: ox.NamedNode, name: str) -> list[Role]:
    from kg.text.reference import load_reference

    rows = _select(
        db,
        """SELECT ?actor ?role ?id ?date WHERE {
          GRAPH ?g { ?actor kg:role ?role } ?g dcterms:identifier ?id . OPTIONAL { ?g dcterms:date ?date } }""",
        actor,
    )
    roles = [
        Role(tenure.role, tenure.of, tenure.start, tenure.end)
        for tenure in sorted(load_reference().roles_of(name), key=lambda t: t.start, reverse=True)
    ]
    for (role,), entry in sorted(_grouped(rows, ("role",), ("id", "date")).items()):
        reported = max(entry["date"]) if entry["date"] else None
        roles.append(Role(role, reported=reported, sources=tuple(sorted(entry["id"]))))
    return roles


def _meetings(db: ox.Store, actor: ox.NamedNode) -> list[MeetingEntry]:
    rows = _select(
        db,
        """SELECT ?actor ?m ?start ?end ?other ?place ?kind ?status ?id WHERE {
          ?m a kg:Meeting .
          { GRAPH ?g { ?m kg:participant ?actor } } UNION { GRAPH ?g { ?m kg:location ?actor } }
          ?g dcterms:identifier ?id .
          OPTIONAL { ?m kg:participant ?o FILTER(?o != ?actor) ?o rdfs:label ?other }
          OPTIONAL { ?m kg:startDate ?start } OPTIONAL { ?m kg:endDate ?end }
          OPTIONAL { ?m kg:location ?loc . ?loc rdfs:label ?place }
          OPTIONAL { ?m kg:meetingKind ?kind } OPTIONAL { ?m kg:status ?status } }""",
        actor,
    )
    # a meeting several articles report may carry several end dates or places; show each once
    grouped = _grouped(rows, ("m",), ("start", "end", "other", "place", "kind", "status", "id"))
    entries = [
        MeetingEntry(
            meeting=m,
            start=min(e["start"]) if e["start"] else None,
            end=max(e["end"]) if e["end"] else None,
            others=tuple(sorted(e["other"])),
            place=", ".join(sorted(e["place"])) or None,
            kind=", ".join(sorted(e["kind"])) or None,
            status=", ".join(sorted(e["status"])) or None,
            sources=tuple(sorted(e["id"])),
        )
        for (m,), e in grouped.items()
    ]
    return sorted(entries, key=lambda e: (_date_key(e.start), e.others, e.meeting))


def _statements(db: ox.Store, actor: ox.NamedNode) -> list[StatementEntry]:
    rows = _select(
        db,
        """SELECT ?actor ?s ?text ?date ?direct ?id WHERE {
          ?s a kg:Statement ; kg:text ?text . GRAPH ?g { ?s kg:speaker ?actor } ?g dcterms:identifier ?id .
          OPTIONAL { ?s kg:date ?date } OPTIONAL { ?s kg:direct ?direct } }""",
        actor,
    )
    grouped = _grouped(rows, ("s", "text"), ("date", "direct", "id"))
    entries = [
        StatementEntry(
            date=min(e["date"]) if e["date"] else None,
            text=text,
            direct=("true" in e["direct"]) if e["direct"] else None,
            sources=tuple(sorted(e["id"])),
        )
        for (_, text), e in grouped.items()
    ]
    return sorted(entries, key=lambda e: (_date_key(e.date), e.text))


def _policies(db: ox.Store, actor: ox.NamedNode) -> list[PolicyEntry]:
    rows = _select(
        db,
        """SELECT ?actor ?p ?label ?as ?other ?id WHERE {
          VALUES (?role ?otherRole ?as) { (kg:proponent kg:target "proponent") (kg:target kg:proponent "target") }
          ?p a kg:Policy ; rdfs:label ?label . GRAPH ?g { ?p ?role ?actor } ?g dcterms:identifier ?id .
          OPTIONAL { ?p ?otherRole ?o . ?o rdfs:label ?other } }""",
        actor,
    )
    grouped = _grouped(rows, ("p", "label", "as"), ("other", "id"))
    entries = [
        PolicyEntry(label, role, tuple(sorted(e["other"])), tuple(sorted(e["id"])))
        for (_, label, role), e in grouped.items()
    ]
    return sorted(entries, key=lambda e: (e.as_, e.policy.casefold()))


def _relations(db: ox.Store, actor: ox.NamedNode) -> list[RelationEntry]:
    rows = _select(
        db,
        """SELECT ?actor ?relation ?other ?out ?id WHERE {
          { ?r rdf:subject ?actor ; rdf:object ?o BIND(true AS ?out) }
          UNION { ?r rdf:object ?actor ; rdf:subject ?o BIND(false AS ?out) }
          ?r a kg:RelationAssertion ; rdf:predicate ?pred ; kg:source ?doc .
          ?doc dcterms:identifier ?id . ?o rdfs:label ?other .
          BIND(STRAFTER(STR(?pred), "#") AS ?relation) }""",
        actor,
    )
    grouped = _grouped(rows, ("relation", "other", "out"), ("id",))
    entries = [
        RelationEntry(rel, other, out == "true", tuple(sorted(e["id"]))) for (rel, other, out), e in grouped.items()
    ]
    return sorted(entries, key=lambda e: (not e.outgoing, e.relation, e.other))


def _suggestions(db: ox.Store, name: str, limit: int = 3) -> list[str]:
    from rapidfuzz import fuzz, process

    classes = " ".join(f"kg:{c}" for c in NAMED_CLASSES)
    rows = db.query(
        f"SELECT DISTINCT ?l WHERE {{ ?a a ?c ; rdfs:label ?l . VALUES ?c {{ {classes} }} }}", prefixes=PREFIXES
    )
    labels = sorted({row["l"].value for row in rows})
    found = process.extract(name, labels, scorer=fuzz.WRatio, limit=limit, score_cutoff=75)
    return [label for label, _, _ in found]


def actor_profile(name: str, *, store: str | Path | None = None) -> Profile:
    """The profile of the actor with this name or alias (the canonical-name match first)."""
    if not name.strip():
        raise QueryError('give an actor\'s name or alias, e.g. kg show "Shigeru Ishiba"')
    with open_store(store) as db:
        require_documents(db, store)
        found = find_actors(db, name)
        if not found:
            near = _suggestions(db, name)
            hint = f"did you mean {', '.join(near)}?" if near else "`kg query actors` lists them"
            raise QueryError(f"no actor named {name!r} in the graph; {hint}")
        actor = found[0]
        label, types, aliases, same_as = _basics(db, actor)
        also = tuple(_basics(db, other)[0] for other in found[1:])
        return Profile(
            iri=actor.value,
            name=label,
            types=types,
            aliases=aliases,
            roles=tuple(_roles(db, actor, label)),
            same_as=same_as,
            meetings=tuple(_meetings(db, actor)),
            statements=tuple(_statements(db, actor)),
            policies=tuple(_policies(db, actor)),
            relations=tuple(_relations(db, actor)),
            also_named=also,
        )


# ---------------------------------------------------------------- the card `kg show` prints


def _sources(ids: tuple[str, ...]) -> str:
    return f"[{', '.join(ids)}]" if ids else ""


def _span(start: str | None, end: str | None) -> str:
    if not start:
        return "undated"
    return f"{start} to {end}" if end and end != start else start


def card(profile: Profile) -> str:
    """The profile as text for people: one fact a line, each with its source articles."""
    lines = _card_head(profile)
    for title, rows in _card_sections(profile):
        lines += ["", f"{title} ({len(rows)})", *(f"  {row}" for row in rows)]
    return "\n".join(lines) + "\n"


def _card_head(p: Profile) -> list[str]:
    """Name, type, IRI, aliases, roles, same-as links."""
    pad = " " * 12
    lines = [p.name, f"  type:     {', '.join(p.types) or '?'}", f"  IRI:      {p.iri}"]
    if p.aliases:
        lines.append(f"  aliases:  {'; '.join(p.aliases)}")
    for i, role in enumerate(p.roles):
        if role.sources:
            text = (
                f"{role.name}" + (f", reported {role.reported}" if role.reported else "") + f" {_sources(role.sources)}"
            )
        else:
            span = f"since {role.start}" if not role.end else f"{role.start} to {role.end}"
            text = f"{role.name}" + (f" of {role.of}" if role.of else "") + f", {span} (reference data)"
        lines.append(("  roles:    " if i == 0 else pad) + text)
    if p.wikidata:
        lines.append(f"  Wikidata: {p.wikidata}")
    for other in (s for s in p.same_as if s != p.wikidata):
        lines.append(f"  same as:  {other}")
    if p.also_named:
        lines.append(f"  (the name also fits: {', '.join(p.also_named)}; give the full name to see them)")
    return lines


def _card_sections(p: Profile) -> list[tuple[str, list[str]]]:
    """(title, one line per fact) for meetings, statements, policies and relations."""
    sections: dict[str, list[str]] = {"meetings": [], "statements": [], "policies": [], "relations": []}
    for section, date, text, sources in _facts(p):
        dated = f"{date or 'undated'}  " if section in ("meetings", "statements") else ""
        sections[section].append(f"{dated}{text} {_sources(sources)}")
    return list(sections.items())


def _facts(p: Profile) -> list[tuple[str, str | None, str, tuple[str, ...]]]:
    """(section, date, what, sources) of every meeting, statement, policy and relation, in card order."""
    facts: list[tuple[str, str | None, str, tuple[str, ...]]] = []
    for m in p.meetings:
        text = (
            f"with {', '.join(m.others) or '?'}"
            + (f" in {m.place}" if m.place else "")
            + (f" ({', '.join(x for x in (m.kind, m.status) if x)})" if m.kind or m.status else "")
        )
        facts.append(("meetings", _span(m.start, m.end) if m.start else None, text, m.sources))
    for s in p.statements:
        facts.append(("statements", s.date, f"“{s.text}”" if s.direct else f"(reported) {s.text}", s.sources))
    for x in p.policies:
        text = (
            ("proponent of " if x.as_ == "proponent" else "target of ")
            + x.policy
            + (f" ({'targets' if x.as_ == 'proponent' else 'by'}: {', '.join(x.others)})" if x.others else "")
        )
        facts.append(("policies", None, text, x.sources))
    for r in p.relations:
        text = f"{r.relation} {r.other}" if r.outgoing else f"{r.other} {r.relation} {p.name}"
        facts.append(("relations", None, text, r.sources))
    return facts


FORMATS = ("table", "csv", "json")


def render_profile(profile: Profile, fmt: str = "table") -> str:
    """The profile as the card (`table`), as JSON (the record, field by field), or as CSV with
    one row per line of the card's sections (`section,fact,date,sources`)."""
    if fmt == "table":
        return card(profile)
    if fmt == "json":
        data = dataclasses.asdict(profile)
        data["wikidata"] = profile.wikidata
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    if fmt != "csv":
        raise QueryError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(["section", "fact", "date", "sources"])
    p = profile
    writer.writerows(
        [("name", p.name, "", ""), *(("type", t, "", "") for t in p.types), ("IRI", p.iri, "", "")]
        + [("alias", a, "", "") for a in p.aliases]
        + [
            (
                "role",
                r.name + (f" of {r.of}" if r.of else ""),
                _span(r.start, r.end) if r.start else r.reported or "",
                "; ".join(r.sources),
            )
            for r in p.roles
        ]  # fmt: skip
        + [("same as", s, "", "") for s in p.same_as]
    )
    writer.writerows((section, text, date or "", "; ".join(sources)) for section, date, text, sources in _facts(p))
    return buf.getvalue()
