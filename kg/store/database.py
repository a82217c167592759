"""The persistent graph store: an embedded Oxigraph (RocksDB) database in a folder.

Two views of the same facts:
- one named graph per document (named by the document's IRI): what each article says, so a
  document can be replaced or removed without touching what other articles say;
- the default graph: the merged graph, every fact once, whatever number of articles report it.
  Queries and the Turtle export read this one (set semantics, no union at query time).

Each document is swapped by one SPARQL update (several operations), which Oxigraph runs as one
transaction: a killed build leaves whole documents or none. A lock file keeps a second writer
out while a build runs.

Beside the database, the writer keeps a small index of what a build needs about the whole store
(kg.store.index.StoreIndex); every write here goes through it.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import uuid
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import StoreError, one_line
from kg.store.extractions import EXTRACTIONS_NAME, ExtractionFile
from kg.store.index import INDEX_NAME, StoreIndex, apply_update
from kg.vocab import PREFIXES

if TYPE_CHECKING:
    import pyoxigraph as ox
    from rdflib.term import Node

DEFAULT_STORE = Path("out") / "store"
LOCK_NAME = "kg-writer.lock"
HOLDER_NAME = "kg-writer.pid"
MARKER = "newskg-store"
CONTENT_HASH = PREFIXES["kg"] + "contentHash"


def _ox():
    import pyoxigraph

    return pyoxigraph


def to_ox(term: Node) -> ox.NamedNode | ox.Literal:
    """rdflib term -> pyoxigraph term (only IRIs and literals occur in our graphs)."""
    ox = _ox()
    from rdflib import Literal, URIRef

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"unsupported term {term!r}")


def _is_store(path: Path) -> bool:
    return (path / MARKER).exists()


@contextlib.contextmanager
def open_store(path: str | Path | None = None, *, write: bool = False) -> Iterator[ox.Store]:
    """Open the store read-only (queries) or for writing (builds, creating it if needed)."""
    path = Path(path) if path else DEFAULT_STORE
    if write:
        with _writer_lock(path):
            store = _open_db(path, write=True)
            previous = _session(path)
            session = _start_session(path)
            index = StoreIndex(path / INDEX_NAME, previous)
            _WRITERS[id(store)] = index
            try:
                _EXTRACTIONS[id(store)] = ExtractionFile(path / EXTRACTIONS_NAME)
            except sqlite3.Error as exc:
                del _WRITERS[id(store)]
                index.close()
                raise StoreError(f"{path}: cannot open {EXTRACTIONS_NAME} ({one_line(exc)}); {REBUILD}") from None
            try:
                yield store
                try:
                    store.flush()
                    index.seal(store, session)
                except (OSError, sqlite3.Error) as exc:
                    raise StoreError(
                        f"{path}: cannot finish writing ({one_line(exc)}); free some space and run the command "
                        "again (the documents written are whole)"
                    ) from None
            finally:
                del _WRITERS[id(store)]
                index.close()
                _EXTRACTIONS.pop(id(store)).close()
                del store
    else:
        if not _is_store(path):
            raise StoreError(f"{path}: no graph store here; run `kg build PATH --store {path}` first")
        yield _open_db(path, write=False)


REBUILD = "rebuild it into a new folder with `kg build PATH --store NEW` (this one is left as it is)"


def _open_db(path: Path, *, write: bool) -> ox.Store:
    """The Oxigraph database in the store folder; a damaged one is a StoreError saying what to do
    (and is never opened for writing, which could make RocksDB start a new, empty database)."""
    ox = _ox()
    db = path / "db"
    if db.is_dir() and any(db.iterdir()) and not (db / "CURRENT").exists():
        raise StoreError(f"{path}: the store is damaged (db/CURRENT is missing); {REBUILD}")
    try:
        return ox.Store(str(db)) if write else ox.Store.read_only(str(db))
    except RuntimeError as exc:  # RocksDB "Corruption: ..."
        raise StoreError(f"{path}: the store is damaged ({one_line(exc)[:200]}); {REBUILD}") from None
    except OSError as exc:
        raise StoreError(f"{path}: cannot open the store ({str(exc).splitlines()[0]})") from None


@contextlib.contextmanager
def _writer_lock(path: Path) -> Iterator[None]:
    """The store folder, made if needed, with this process as its one writer."""
    from filelock import FileLock, Timeout

    if path.exists() and not path.is_dir():
        raise StoreError(f"{path}: not a folder; --store needs a folder for the graph store")
    if path.exists() and any(path.iterdir()) and not _is_store(path):
        raise StoreError(f"{path}: folder exists and is not a newskg store; choose an empty or new folder")
    lock = FileLock(str(path / LOCK_NAME))
    try:
        path.mkdir(parents=True, exist_ok=True)
        lock.acquire(timeout=0)
    except Timeout:
        raise StoreError(
            f"{path}: another kg process{_holder(path)} is writing to this store; wait for it to finish"
        ) from None
    except OSError as exc:
        raise _unwritable(path, exc) from None
    try:
        try:
            _write_holder(path)
        except OSError as exc:
            raise _unwritable(path, exc) from None
        yield
    finally:
        lock.release()


def _unwritable(path: Path, exc: OSError) -> StoreError:
    return StoreError(
        f"{path}: cannot write to the store folder ({(exc.strerror or str(exc)).lower()}); "
        "check its permissions and free space, or give another --store"
    )


def _session(path: Path) -> str | None:
    """The id of the last write session on the store, from the marker file every writer rewrites
    (an older newskg writes it without one)."""
    try:
        lines = (path / MARKER).read_text().splitlines()
    except OSError:
        return None
    return next((line.split()[-1] for line in lines if line.startswith("session ")), None)


def _start_session(path: Path) -> str:
    """A new session id in the marker, on disk before anything is written: from now on the index
    (sealed with the previous id) is not trusted until this session seals it."""
    session = uuid.uuid4().hex
    with open(path / MARKER, "w") as f:
        f.write(f"newskg graph store (Oxigraph); do not edit\nsession {session}\n")
        f.flush()
        os.fsync(f.fileno())
    return session


def _write_holder(path: Path) -> None:
    """Who holds the writer lock, for the message a second writer gets (the lock itself is an
    OS file lock: it goes away with the process, even on SIGKILL, and never goes stale)."""
    import os
    import time

    (path / HOLDER_NAME).write_text(f"{os.getpid()} {time.strftime('%Y-%m-%d %H:%M:%S')}\n")


def _holder(path: Path) -> str:
    try:
        pid, day, clock = (path / HOLDER_NAME).read_text().split()
    except (OSError, ValueError):
        return ""
    return f" (pid {pid}, since {day} {clock})"


def document_hash(store: ox.Store, doc_iri: str) -> str | None:
    ox = _ox()
    g = ox.NamedNode(doc_iri)
    for q in store.quads_for_pattern(g, ox.NamedNode(CONTENT_HASH), None, g):
        return q.object.value
    return None


def _retract(doc_iri: str) -> str:
    """Update operations that take a document out: its graph, and the merged facts no other
    document supports."""
    return (
        f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{doc_iri}> {{ ?s ?p ?o }}"
        f" FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != <{doc_iri}>) }} }} ;\n"
        f"DROP SILENT GRAPH <{doc_iri}>"
    )


def replace_document(store: ox.Store, doc_iri: str, triples: Iterable[tuple[Node, Node, Node]]) -> None:
    """Atomically swap a document's facts for new ones, in its graph and in the merged graph."""
    ox = _ox()
    rows = [(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in triples]
    graph = ox.NamedNode(doc_iri)
    if not any(True for _ in store.quads_for_pattern(None, None, None, graph)):
        # a new document: one transaction adds its quads (no SPARQL text to write and parse)
        quads = [ox.Quad(s, p, o, g) for g in (ox.DefaultGraph(), graph) for s, p, o in rows]
        _write(store, doc_iri, rows, lambda: store.extend(quads))
        return
    body = " .\n".join(f"{s} {p} {o}" for s, p, o in rows)
    _write(
        store, doc_iri, rows, f"{_retract(doc_iri)} ;\nINSERT DATA {{\n{body} .\nGRAPH <{doc_iri}> {{\n{body} .\n}} }}"
    )


def remove_document(store: ox.Store, doc_iri: str) -> bool:
    """Remove a document; facts that other documents also report stay (with fewer sources)."""
    ox = _ox()
    g = ox.NamedNode(doc_iri)
    if not any(True for _ in store.quads_for_pattern(None, None, None, g)):
        return False
    _write(store, doc_iri, [], _retract(doc_iri))
    return True


def _write(store: ox.Store, doc_iri: str, new: list[tuple], update: str | Callable[[], None]) -> None:
    index = _WRITERS.get(id(store))
    if index is None:  # a store not opened by open_store (an in-memory one): no index to keep
        apply_update(store, update)
    else:
        index.write(store, doc_iri, new, update)


def store_index(store: ox.Store) -> StoreIndex:
    """The index of a store opened with open_store(write=True)."""
    try:
        return _WRITERS[id(store)]
    except KeyError:
        raise StoreError("the store index needs a store opened for writing by open_store") from None


def stored_extractions(store: ox.Store) -> ExtractionFile:
    """The stored extractions of a store opened with open_store(write=True)."""
    try:
        return _EXTRACTIONS[id(store)]
    except KeyError:
        raise StoreError("the stored extractions need a store opened for writing by open_store") from None


_WRITERS: dict[int, StoreIndex] = {}  # id(store) -> its index, while open_store(write=True) holds it
_EXTRACTIONS: dict[int, ExtractionFile] = {}  # id(store) -> its stored extractions, likewise


def require_documents(store: ox.Store, where: str | Path | None) -> None:
    """Fail in one line when the store holds no document (`where` names it in the message)."""
    if not any(True for _ in store.named_graphs()):
        raise StoreError(f"{where or DEFAULT_STORE}: the store is empty; run `kg build PATH` first")


def document_graphs(store: ox.Store) -> list[str]:
    return sorted(g.value for g in store.named_graphs())
