"""Adding to a large store reads only what the new articles touch: the store index (kg.store.StoreIndex)
keeps the totals and the people's names, and is always either exact or rebuilt.

- resolution against the stored people gives the same keys as resolution against every stored person;
- the build summary's totals equal a full recount after adding, changing, re-adding and removing;
- an index the store has moved on from (killed writer, older newskg, missing or damaged file) is
  never trusted: the next writer rebuilds it.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import SUMMIT_TXT, TRADE_TXT
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS

import kg.store.database
import kg.store.index
from kg.builder.pipeline import actor_names, build, remove
from kg.builder.rdf import document_triples
from kg.builder.resolve import resolve
from kg.model import Actor, Extraction, Statement
from kg.read.stats import stats
from kg.store import (
    INDEX_NAME,
    MARKER,
    known_people,
    open_store,
    recount,
    remove_document,
    replace_document,
    store_index,
    totals,
)
from kg.text.ingest import make_article
from kg.vocab import PREFIXES, document_iri

KG = PREFIXES["kg"]
ID = PREFIXES["id"]
DECIMAL = URIRef(PREFIXES["xsd"] + "decimal")


def _known_people(db, extractions: list[Extraction]) -> list[str]:
    """What a build asks the store about a batch: the people its names may be."""
    return known_people(db, actor_names(extractions))


def every_person(db) -> list[str]:
    """What a build used to pass to resolve: every Person label in the store."""
    return [
        r["l"].value for r in db.query("SELECT DISTINCT ?l WHERE { ?p a kg:Person ; rdfs:label ?l }", prefixes=PREFIXES)
    ]


def people_extraction(doc_id: str, *people: str, speaker: str | None = None) -> Extraction:
    from kg.model import Provenance

    text = f"{doc_id}: " + ", ".join(people)
    prov = Provenance(doc_id, text, 0, len(text))
    statements = (Statement((speaker,), "We agree", prov),) if speaker else ()
    return Extraction(
        make_article(doc_id, text), actors=tuple(Actor(p, "Person") for p in people), statements=statements
    )


def write(store: Path, *extractions: Extraction) -> None:
    with open_store(store, write=True) as db:
        for ex in extractions:
            replace_document(db, str(document_iri(ex.article.id)), document_triples(ex))


def index_rows(store: Path) -> tuple[dict[str, int], set[tuple[str, str]], str | None]:
    """What the index file holds: counts, (subject, label) of the people, and its session."""
    with sqlite3.connect(store / INDEX_NAME) as db:
        counts = dict(db.execute("SELECT key, n FROM counts"))
        people = set(db.execute("SELECT subject, label FROM person"))
        session = dict(db.execute("SELECT key, value FROM meta")).get("session")
    return counts, people, session


def store_truth(store: Path) -> tuple[dict[str, int], set[tuple[str, str]]]:
    with open_store(store) as db:
        rows = db.query("SELECT ?s ?l WHERE { ?s a kg:Person ; rdfs:label ?l }", prefixes=PREFIXES)
        return recount(db), {(str(r["s"]), r["l"].value) for r in rows}


def marker_session(store: Path) -> str | None:
    return kg.store.database._session(store)


# ---------------------------------------------------------------- known people (no model)


def test_a_bare_surname_joins_the_full_name_an_earlier_build_stored(tmp_path: Path) -> None:
    store = tmp_path / "store"
    write(store, people_extraction("first.txt", "Marta Kowalczyk", "Rufus Firefly", "Jan Nowak", "Ewa Nowak"))
    batch = [people_extraction("second.txt", "Kowalczyk", "Nowak", "Firefly", speaker="Kowalczyk")]
    with open_store(store, write=True) as db:
        known = _known_people(db, batch)
        assert resolve(batch, known_people=known) == resolve(batch, known_people=every_person(db))
    (ex,) = resolve(batch, known_people=known)
    # Kowalczyk and Firefly are one stored person each; Nowak could be either, so it stays as written
    assert sorted(a.key for a in ex.actors) == ["Marta Kowalczyk", "Nowak", "Rufus Firefly"]
    assert ex.statements[0].speakers == ("Marta Kowalczyk",)
    assert known == ["Ewa Nowak", "Jan Nowak", "Marta Kowalczyk", "Rufus Firefly"]


def test_only_people_sharing_a_word_with_the_batch_are_read(tmp_path: Path) -> None:
    store = tmp_path / "store"
    write(
        store,
        people_extraction("a.txt", "Marta Kowalczyk", "Rufus Firefly"),
        people_extraction("b.txt", "Anna Lindqvist", "Lindqvist Jr."),
    )
    with open_store(store, write=True) as db:
        assert _known_people(db, [people_extraction("c.txt", "Lindqvist")]) == ["Anna Lindqvist", "Lindqvist Jr."]
        assert _known_people(db, [people_extraction("c.txt", "Firefly Rufus")]) == ["Rufus Firefly"]
        assert _known_people(db, [people_extraction("c.txt", "Someone Else")]) == []


@pytest.mark.slow
def test_two_builds_resolve_a_surname_as_one_build_does(tmp_path: Path) -> None:
    first, second = tmp_path / "a" / "first.txt", tmp_path / "b" / "second.txt"
    first.parent.mkdir()
    second.parent.mkdir()
    first.write_text(
        "Freedonian minister visits Sylvania\nPublished March 3, 2024\n\n"
        "Freedonian Foreign Minister Marta Kowalczyk met Sylvanian President Rufus Firefly in Geneva on Friday to discuss grain exports.\n\n"
        '"We will open the corridor," Kowalczyk told reporters after the talks.\n'
    )
    second.write_text(
        "Grain talks continue in Geneva\nPublished March 10, 2024\n\n"
        'Kowalczyk said on Monday that the corridor would open in April. "The ships are ready," Kowalczyk told reporters in Geneva.\n'
    )
    separate, together = tmp_path / "separate", tmp_path / "together"
    build([first.parent], store=separate)
    build([second.parent], store=separate)
    build([first.parent, second.parent], store=together)
    speakers = "SELECT DISTINCT ?who WHERE { GRAPH ?g { ?s kg:speaker ?who ; kg:source ?g } }".replace(
        "?g", f"<{document_iri('second.txt')}>"
    )
    for store in (separate, together):
        with open_store(store) as db:
            assert {r["who"].value for r in db.query(speakers, prefixes=PREFIXES)} == {ID + "marta_kowalczyk"}
            assert sorted(every_person(db)) == ["Marta Kowalczyk", "Rufus Firefly"]


# ---------------------------------------------------------------- totals (no model, then with the model)


TERMS = [URIRef(ID + n) for n in ("japan", "ishiba", "kishida", "statement/1")]
OBJECTS = st.sampled_from(
    [URIRef(KG + "Person"), URIRef(KG + "Country"), Literal("Shigeru Ishiba"), Literal("Ishiba"), Literal(""),
     Literal("0.70", datatype=DECIMAL), Literal("0.7", datatype=DECIMAL), *TERMS]
)  # fmt: skip
TRIPLES = st.lists(
    st.tuples(st.sampled_from(TERMS), st.sampled_from([RDF.type, RDFS.label, URIRef(KG + "confidence")]), OBJECTS),
    min_size=1,
    max_size=6,
)
# each session: some documents replaced (a list of triples) or removed (None)
SESSIONS = st.lists(
    st.lists(st.tuples(st.sampled_from("abc"), st.none() | TRIPLES), min_size=1, max_size=3), min_size=1, max_size=4
)


@settings(max_examples=40, deadline=None, database=None)
@given(SESSIONS)
def test_the_index_always_equals_a_recount(sessions: list) -> None:
    """Any sessions of replacing and removing documents (the same literal written two ways,
    people gaining and losing their type and labels): the index equals a full recount."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        for session in sessions:
            with open_store(store, write=True) as db:
                for doc, triples in session:
                    iri = str(document_iri(doc))
                    if triples is None:
                        remove_document(db, iri)
                    else:
                        replace_document(db, iri, triples)
                assert store_index(db).counts(db) == {k: n for k, n in recount(db).items() if n}
            del db  # close the writer before the store is opened again
            counts, people, _ = index_rows(store)
            truth_counts, truth_people = store_truth(store)
            assert counts == {k: n for k, n in truth_counts.items() if n} and people == truth_people


def test_a_large_session_recounts_once_at_the_end(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = tmp_path / "store"
    write(store, people_extraction("a.txt", "Marta Kowalczyk"))
    monkeypatch.setattr(kg.store.index, "BULK_FLOOR", 0)
    monkeypatch.setattr(kg.store.index, "BULK_RATIO", 10**9)
    with open_store(store, write=True) as db:
        replace_document(db, str(document_iri("b.txt")), document_triples(people_extraction("b.txt", "Rufus Firefly")))
        assert store_index(db).bulk
        assert store_index(db).counts(db) == recount(db)
        assert _known_people(db, [people_extraction("c.txt", "Firefly")]) == ["Rufus Firefly"]
        remove_document(db, str(document_iri("a.txt")))
    del db
    counts, people, _ = index_rows(store)
    assert (counts, people) == store_truth(store)


@pytest.mark.slow
def test_build_totals_equal_a_recount_after_add_change_readd_and_remove(tmp_path: Path) -> None:
    folder, store = tmp_path / "in", tmp_path / "store"
    folder.mkdir()

    def check(summary) -> None:
        recounted = stats(store=store)["counts"]
        assert (summary.actors, summary.meetings, summary.statements, summary.policies, summary.triples) == tuple(
            recounted[k] for k in ("Actor", "Meeting", "Statement", "Policy", "triples")
        )
        with open_store(store, write=True) as db:
            assert totals(store_index(db).counts(db)) == recounted

    (folder / "summit.txt").write_text(SUMMIT_TXT)
    check(build([folder], store=store))  # add one
    (folder / "trade.txt").write_text(TRADE_TXT)
    check(build([folder], store=store))  # add another (summit unchanged)
    (folder / "summit.txt").write_text(
        SUMMIT_TXT.replace("Berlin on Friday", "Berlin on Saturday").replace("Paris", "Rome")
    )
    changed = build([folder], store=store)
    assert (changed.documents, changed.unchanged) == (2, 1)
    check(changed)
    check(build([folder], store=store))  # re-add: nothing changed
    remove(["trade.txt"], store=store)
    (folder / "trade.txt").unlink()
    check(build([folder], store=store))
    remove(["summit.txt"], store=store)
    with open_store(store, write=True) as db:
        assert store_index(db).counts(db) == {}  # an empty merged graph


# ---------------------------------------------------------------- trust: a stale index is rebuilt (no model)


def test_a_killed_writer_leaves_an_index_the_next_writer_rebuilds(tmp_path: Path) -> None:
    store = tmp_path / "store"
    write(store, people_extraction("a.txt", "Marta Kowalczyk"))
    sealed = index_rows(store)
    assert sealed[2] == marker_session(store)
    script = textwrap.dedent(f"""
        import os, signal
        from rdflib import Literal, URIRef
        from rdflib.namespace import RDF, RDFS
        from kg.store import open_store, replace_document
        firefly = URIRef("{ID}rufus_firefly")
        with open_store({str(store)!r}, write=True) as db:
            replace_document(db, "{document_iri("b.txt")}", [(firefly, RDF.type, URIRef("{KG}Person")), (firefly, RDFS.label, Literal("Rufus Firefly"))])
            db.flush()
            os.kill(os.getpid(), signal.SIGKILL)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == -9, done.stderr
    # the file still says what the store held before: it must not be believed
    assert index_rows(store) == sealed and sealed[2] != marker_session(store)
    assert store_truth(store)[1] - sealed[1] == {(f"<{ID}rufus_firefly>", "Rufus Firefly")}
    with open_store(store, write=True) as db:
        assert store_index(db).counts(db) == recount(db)
        assert _known_people(db, [people_extraction("c.txt", "Firefly")]) == ["Rufus Firefly"]
    del db
    assert index_rows(store)[:2] == store_truth(store)


def test_a_session_that_fails_is_not_sealed(tmp_path: Path) -> None:
    store = tmp_path / "store"
    write(store, people_extraction("a.txt", "Marta Kowalczyk"))
    with pytest.raises(RuntimeError), open_store(store, write=True) as db:
        replace_document(db, str(document_iri("b.txt")), document_triples(people_extraction("b.txt", "Rufus Firefly")))
        raise RuntimeError("interrupted")
    del db
    assert index_rows(store)[2] != marker_session(store)
    with open_store(store, write=True) as db:
        assert store_index(db).counts(db) == recount(db)


def test_an_older_newskg_writing_to_the_store_is_noticed(tmp_path: Path) -> None:
    import pyoxigraph as ox

    store = tmp_path / "store"
    write(store, people_extraction("a.txt", "Marta Kowalczyk"))
    db = ox.Store(str(store / "db"))  # what an older writer does: write, and rewrite the marker without a session
    replace_document(db, str(document_iri("b.txt")), document_triples(people_extraction("b.txt", "Rufus Firefly")))
    del db
    (store / MARKER).write_text("newskg graph store (Oxigraph); do not edit\n")
    with open_store(store, write=True) as db:
        assert store_index(db).counts(db) == recount(db)
        assert _known_people(db, [people_extraction("c.txt", "Firefly")]) == ["Rufus Firefly"]


@pytest.mark.parametrize("damage", ["missing", "garbage", "empty", "other format"])
def test_a_missing_or_damaged_index_is_rebuilt(tmp_path: Path, damage: str) -> None:
    store = tmp_path / "store"
    write(store, people_extraction("a.txt", "Marta Kowalczyk"), people_extraction("b.txt", "Rufus Firefly"))
    index = store / INDEX_NAME
    if damage == "missing":
        index.unlink()
    elif damage == "garbage":
        index.write_bytes(b"not a database\x00" * 100)
    elif damage == "empty":
        index.write_bytes(b"")
    else:
        with sqlite3.connect(index) as db:
            db.execute("UPDATE meta SET value = '0' WHERE key = 'format'")
            db.execute("UPDATE counts SET n = n + 1")  # and wrong: it must not be read
    with open_store(store, write=True) as db:
        assert store_index(db).counts(db) == recount(db)
        assert _known_people(db, [people_extraction("c.txt", "Kowalczyk")]) == ["Marta Kowalczyk"]
    del db
    assert index_rows(store)[:2] == store_truth(store)


def test_a_trusted_index_is_not_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = tmp_path / "store"
    write(store, people_extraction("a.txt", "Marta Kowalczyk"))
    with open_store(store, write=True):
        pass  # a session that writes nothing keeps the index trusted
    with open_store(store):
        pass  # so does a reader
    monkeypatch.setattr(
        kg.store.index.StoreIndex, "_rebuild", lambda self, store: pytest.fail("rebuilt a trusted index")
    )
    with open_store(store, write=True) as db:
        replace_document(db, str(document_iri("b.txt")), document_triples(people_extraction("b.txt", "Rufus Firefly")))
        assert store_index(db).counts(db) == recount(db)
    del db
    assert index_rows(store)[:2] == store_truth(store)


def test_the_index_needs_a_store_opened_for_writing(hand_store: Path) -> None:
    from kg.errors import StoreError

    with open_store(hand_store) as db, pytest.raises(StoreError, match="opened for writing"):
        store_index(db)
