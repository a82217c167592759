"""The writer's side index of the store (`kg-index.sqlite` in the store folder): what a build
needs to know about the whole store without reading it, namely the merged graph's triples per
class and in all (the build summary) and the people's names by word (kg.builder.resolve joins a
surname to the full name an earlier build stored). A build that adds one article then reads only
what that article touches. kg.store.database keeps it up to date on every write and seals it.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from kg.vocab import AGENT_CLASSES, NODE_CLASSES, PREFIXES

if TYPE_CHECKING:
    import pyoxigraph as ox

INDEX_NAME = "kg-index.sqlite"
INDEX_FORMAT = "1"
TRIPLES = "triples"  # the key of the merged graph's size among StoreIndex.counts' class IRIs
RDF_TYPE = PREFIXES["rdf"] + "type"
RDFS_LABEL = PREFIXES["rdfs"] + "label"
KG_PERSON = PREFIXES["kg"] + "Person"
# A batch that touches more triples than the store holds / BULK_RATIO is cheaper to recount
# afterwards (one scan) than to follow write by write (two index lookups per touched triple).
BULK_RATIO = 20
BULK_FLOOR = 20_000


def recount(store: ox.Store) -> dict[str, int]:
    """Typed subjects per class IRI and triples (key TRIPLES) in the merged graph, counted afresh."""
    rows = store.query("SELECT ?c (COUNT(*) AS ?n) WHERE { ?s a ?c } GROUP BY ?c")
    counts = {r["c"].value: int(r["n"].value) for r in rows}
    counts[TRIPLES] = int(next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))["n"].value)
    return counts


def totals(counts: dict[str, int]) -> dict[str, int]:
    """Totals per class local name (NODE_CLASSES), of actors ("Actor": the agents) and of triples
    ("triples"), from StoreIndex.counts or recount."""
    out = {name: counts.get(PREFIXES["kg"] + name, 0) for name in NODE_CLASSES}
    out["Actor"] = sum(out[name] for name in AGENT_CLASSES)
    out["triples"] = counts.get(TRIPLES, 0)
    return out


class StoreIndex:
    """What a build needs to know about the whole store, kept in an SQLite file beside it: the
    merged graph's triples per class and in all (the build summary), and the labels of every
    kg:Person by word (kg.builder.resolve joins a surname to the full name an earlier build stored).

    replace_document and remove_document keep it up to date: the triples a write touches (the
    document's old and new ones) are looked up in the merged graph before and after it, and the
    difference is what changed. A session that writes more than a fraction of the store instead
    recounts everything once at the end.

    Trust: the file is sealed with the id of the write session that last brought it up to date,
    after the store is flushed. Every write session puts a new id in the store's marker file
    before it writes, so a session that dies (killed, crashed, raised), or an older newskg that
    knows nothing of the index, leaves ids that differ: the next writer rebuilds the index from
    the store. A missing, unreadable or older-format file is rebuilt the same way. Writes that go
    around replace_document/remove_document (a raw `store.update`) are not seen.
    """

    def __init__(self, file: Path, session: str | None) -> None:
        self.file = file
        self.session = session  # the session id the marker held when the store was opened
        self.db: sqlite3.Connection | None = None
        self.loaded = False  # counts and people match the store (from the file or rebuilt)
        self.counts_now: Counter[str] = Counter()
        self.touched = 0  # triples followed by lookups in this session
        self.bulk = False  # too many writes to follow: recount before the index is next read

    # -------------------------------------------------------------- reading

    def counts(self, store: ox.Store) -> dict[str, int]:
        """Typed subjects per class IRI, and triples under the key TRIPLES, in the merged graph."""
        self._current(store)
        return {key: n for key, n in self.counts_now.items() if n}

    def people_sharing_words(self, store: ox.Store, names: Iterable[str]) -> list[str]:
        """Labels of the stored people that equal one of `names` or share a word with one."""
        self._current(store)
        words = {w for name in names for w in (name, *name.split())}
        db = self._db()
        db.execute("CREATE TEMP TABLE IF NOT EXISTS wanted (word TEXT PRIMARY KEY)")
        db.execute("DELETE FROM wanted")
        db.executemany("INSERT OR IGNORE INTO wanted VALUES (?)", ((w,) for w in words))
        rows = db.execute("SELECT DISTINCT label FROM person JOIN wanted USING (word) ORDER BY label").fetchall()
        return [label for (label,) in rows]

    # -------------------------------------------------------------- writing

    def write(self, store: ox.Store, doc_iri: str, new: list[tuple], update: str | Callable[[], None]) -> None:
        """Run `update`, which gives the document the triples `new`, and follow what it changes."""
        import pyoxigraph as ox

        self._load(store)
        if not self.bulk:
            graph = ox.NamedNode(doc_iri)
            touched = {
                (q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, graph)
            } | set(new)
            self.touched += len(touched)
            self.bulk = self.touched > max(BULK_FLOOR, self.counts_now[TRIPLES] // BULK_RATIO)
        if self.bulk:
            apply_update(store, update)
            return
        before = _merged(store, touched)
        apply_update(store, update)
        after = _merged(store, touched)
        for sign, triples in ((1, after - before), (-1, before - after)):
            for _s, p, o in triples:
                self.counts_now[TRIPLES] += sign
                if p.value == RDF_TYPE:
                    self.counts_now[o.value] += sign
        self._update_people(
            store,
            {
                s
                for s, p, o in after ^ before
                if p.value == RDFS_LABEL or (p.value == RDF_TYPE and o.value == KG_PERSON)
            },
        )

    def seal(self, store: ox.Store, session: str) -> None:
        """Mark the file as matching the store as this session leaves it (after store.flush())."""
        if not self.loaded and not self._valid():
            return  # untrusted and unused in this session: the next writer that needs it rebuilds it
        db = self._db()
        if self.loaded:  # (when not, nothing was written through the index and the file is as sealed)
            if self.bulk:
                self._rebuild(store)
                db = self._db()
            db.execute("DELETE FROM counts")
            db.executemany("INSERT INTO counts VALUES (?, ?)", ((k, n) for k, n in self.counts_now.items() if n))
        db.execute("INSERT OR REPLACE INTO meta VALUES ('session', ?)", (session,))
        db.commit()

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None

    # -------------------------------------------------------------- internals

    def _db(self) -> sqlite3.Connection:
        if self.db is None:
            self.db = sqlite3.connect(self.file)
        return self.db

    def _valid(self) -> bool:
        """Whether the file was sealed by the session that last wrote to the store."""
        if self.session is None or not self.file.exists():
            return False
        try:
            meta = dict(self._db().execute("SELECT key, value FROM meta"))
        except sqlite3.DatabaseError:  # not an index of ours, or damaged
            return False
        return meta.get("format") == INDEX_FORMAT and meta.get("session") == self.session

    def _load(self, store: ox.Store) -> None:
        if self.loaded:
            return
        if self._valid():
            self.counts_now = Counter(dict(self._db().execute("SELECT key, n FROM counts")))
        else:
            self._rebuild(store)
        self.loaded = True

    def _current(self, store: ox.Store) -> None:
        self._load(store)
        if self.bulk:
            self._rebuild(store)
            self.bulk, self.touched = False, 0

    def _rebuild(self, store: ox.Store) -> None:
        self.close()
        self.file.unlink(missing_ok=True)
        db = self._db()
        db.executescript(
            """CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
            CREATE TABLE counts (key TEXT PRIMARY KEY, n INTEGER);
            CREATE TABLE person (subject TEXT, label TEXT, word TEXT);
            CREATE INDEX person_word ON person (word);
            CREATE INDEX person_subject ON person (subject);"""
        )
        db.execute("INSERT INTO meta VALUES ('format', ?)", (INDEX_FORMAT,))
        self.counts_now = Counter(recount(store))
        rows = store.query(f"SELECT ?s ?l WHERE {{ ?s a <{KG_PERSON}> ; <{RDFS_LABEL}> ?l }}")
        db.executemany("INSERT INTO person VALUES (?, ?, ?)", _person_rows((str(r["s"]), r["l"].value) for r in rows))
        db.commit()

    def _update_people(self, store: ox.Store, subjects: set) -> None:
        """Re-read the Person labels of the subjects whose type or labels changed."""
        if not subjects:
            return
        import pyoxigraph as ox

        db = self._db()
        default, rdf_type, person, label = (
            ox.DefaultGraph(),
            ox.NamedNode(RDF_TYPE),
            ox.NamedNode(KG_PERSON),
            ox.NamedNode(RDFS_LABEL),
        )
        db.executemany("DELETE FROM person WHERE subject = ?", ((str(s),) for s in subjects))
        labels = []
        for s in subjects:
            if any(True for _ in store.quads_for_pattern(s, rdf_type, person, default)):
                labels += [(str(s), q.object.value) for q in store.quads_for_pattern(s, label, None, default)]
        db.executemany("INSERT INTO person VALUES (?, ?, ?)", _person_rows(labels))


def _person_rows(labels: Iterable[tuple[str, str]]) -> Iterator[tuple[str, str, str]]:
    for subject, label in labels:
        for word in {label, *label.split()}:
            yield subject, label, word


def apply_update(store: ox.Store, update: str | Callable[[], None]) -> None:
    """Run one atomic change: a SPARQL update, or a function making one transactional call."""
    if callable(update):
        update()
    else:
        store.update(update)


def _merged(store: ox.Store, triples: set) -> set:
    """Which of the triples the merged graph holds, as the store writes them (so "0.70" and
    "0.7" typed xsd:decimal are one triple)."""
    import pyoxigraph as ox

    default = ox.DefaultGraph()
    return {
        (q.subject, q.predicate, q.object) for s, p, o in triples for q in store.quads_for_pattern(s, p, o, default)
    }
