"""The writer: build (read articles, extract, resolve, store one named graph per document) and
remove. This process is the store's one writer, whatever runs the extraction.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import StoreError, one_line
from kg.model import Article, Extraction
from kg.store import (
    DEFAULT_STORE,
    document_hash,
    known_meetings,
    known_people,
    open_store,
    remove_document,
    replace_document,
    store_index,
    stored_extractions,
    totals,
)
from kg.text.ingest import Failure, Notice, read_articles
from kg.vocab import document_iri

if TYPE_CHECKING:
    import pyoxigraph as ox


@dataclass
class BuildSummary:
    documents: int = 0
    unchanged: int = 0
    updated: int = 0  # stored documents whose facts this build's articles changed (resolved again with them)
    actors: int = 0
    meetings: int = 0
    statements: int = 0
    policies: int = 0
    triples: int = 0
    seconds: float = 0.0
    words: int = 0  # in the articles extracted (not the unchanged ones)
    failures: list[Failure] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)  # inputs read all the same, with something to know
    timings: dict[str, float] = field(default_factory=dict)  # seconds per phase: read, extract, resolve, write

    def lines(self) -> list[str]:
        phases = ", ".join(f"{k} {v:.1f}" for k, v in self.timings.items())
        rate = (
            f"; {self.words / self.timings['extract']:,.0f} words/s extracted"
            if self.words and self.timings.get("extract")
            else ""
        )
        updated = f", {self.updated} earlier ones updated" if self.updated else ""
        return [
            f"documents read: {self.documents} ({self.unchanged} unchanged, {len(self.failures)} failed{updated})",
            f"actors: {self.actors}  meetings: {self.meetings}  "
            f"statements: {self.statements}  policies: {self.policies}",
            f"triples: {self.triples}",
            f"seconds: {self.seconds:.1f}" + (f" ({phases}{rate})" if phases else ""),
        ]


def actor_names(extractions: Iterable[Extraction]) -> set[str]:
    """Every actor key the extractions use, as an actor or as a reference in a fact."""
    names: set[str] = set()
    for ex in extractions:
        names.update(a.key for a in ex.actors)
        for m in ex.meetings:
            names.update((*m.participants, *m.sides, *((m.location,) if m.location else ())))
        for s in ex.statements:
            names.update((*s.speakers, *s.about))
        for p in ex.policies:
            names.update((*p.proponents, *p.targets))
        for r in ex.relations:
            names.update((r.subject,) if r.predicate == "role" else (r.subject, r.object))
    return names


def build(
    paths: Iterable[str | Path],
    *,
    store: str | Path | None = None,
    model: str | None = None,
    workers: int = 1,
    dask: str | None = None,
    min_confidence: float = 0.0,
    progress: Callable[[int], None] | None = None,
) -> BuildSummary:
    """Read articles, extract facts, resolve them and store one named graph per document.

    Unchanged documents (same content hash) are skipped; changed ones replace their own graph.
    Extraction runs on `workers` processes, or on the Dask cluster at the scheduler address
    `dask`; this process stays the store's one writer. Nothing is written until every article
    is extracted and resolved, and then each document goes in as one transaction, so a build
    killed at any point leaves the store as it was plus whole documents.
    """
    started = time.perf_counter()
    summary = BuildSummary()
    articles = _read(paths, summary)
    summary.documents = len(articles)
    with open_store(store, write=True) as db:
        todo = [a for a in articles if document_hash(db, str(document_iri(a.id))) != a.sha256]
        summary.unchanged = len(articles) - len(todo)
        if progress and summary.unchanged:
            progress(summary.unchanged)
        mark = _phase(summary, "read", started)
        extractions = _extract(todo, summary, model=model, workers=workers, dask=dask, progress=progress)
        mark = _phase(summary, "extract", mark)
        writes, resolved = _resolve_with_stored(db, extractions, min_confidence)
        mark = _phase(summary, "resolve", mark)
        summary.updated = _write(db, store, writes, resolved)
        mark = _phase(summary, "write", mark)
        counts = totals(store_index(db).counts(db))
    summary.actors, summary.meetings = counts["Actor"], counts["Meeting"]
    summary.statements, summary.policies, summary.triples = counts["Statement"], counts["Policy"], counts["triples"]
    summary.words = sum(len(ex.article.text.split()) for ex in extractions)
    summary.seconds = time.perf_counter() - started
    return summary


def write_extractions(
    extractions: Iterable[Extraction], *, store: str | Path | None = None, min_confidence: float = 0.0
) -> int:
    """Resolve and store articles extracted elsewhere, as `build` does after extraction: with the
    stored documents they are related to, whose changed facts are rewritten (returns how many).
    Whatever the order and batches the articles come in, the store ends up the same."""
    with open_store(store, write=True) as db:
        writes, resolved = _resolve_with_stored(db, list(extractions), min_confidence)
        return _write(db, store, writes, resolved)


def _resolve_with_stored(
    db: ox.Store, extractions: list[Extraction], min_confidence: float
) -> tuple[list[Write], list[Extraction]]:
    """The batch's articles and the stored documents related to them, and all of them resolved
    together (in that order)."""
    from kg.builder.resolve import resolution_words

    batch = [Write(ex, min_confidence) for ex in extractions]
    words = set().union(*(resolution_words(ex) for ex in extractions))
    again = _stored_related(db, words, exclude={w.iri for w in batch})
    writes = batch + again
    return writes, _resolve(db, [w.raw for w in writes])


def _read(paths: Iterable[str | Path], summary: BuildSummary) -> list[Article]:
    """The articles to build; unreadable inputs and a second file of the same name are failures."""
    articles: list[Article] = []
    seen: set[str] = set()
    for item in read_articles(paths):
        if isinstance(item, Failure):
            summary.failures.append(item)
        elif isinstance(item, Notice):
            summary.notices.append(item)
        elif item.id in seen:
            summary.failures.append(Failure(item.id, "another input has the same file name; rename one of them"))
        else:
            seen.add(item.id)
            articles.append(item)
    return articles


def _extract(
    articles: list[Article],
    summary: BuildSummary,
    *,
    model: str | None,
    workers: int,
    dask: str | None,
    progress: Callable[[int], None] | None,
) -> list[Extraction]:
    """Every article's facts, extracted in worker processes or on the Dask cluster; an article
    that cannot be extracted is a failure."""
    if dask:
        from kg.builder.distributed import extract_on_cluster

        results = extract_on_cluster(articles, dask, model=model, progress=progress)
    else:
        from kg.builder.parallel import extract_all

        results = extract_all(articles, model=model, workers=workers, progress=progress)
    extractions = []
    for result in results:
        if isinstance(result, Failure):
            summary.failures.append(result)
        else:
            extractions.append(result)
    return extractions


def _resolve(db: ox.Store, extractions: list[Extraction]) -> list[Extraction]:
    """Canonical actors, meetings and policies across the batch and what earlier builds stored:
    the people its names may be, and the stored events its meetings report again."""
    from kg.builder.resolve import join_known_meetings, resolve

    resolved = resolve(extractions, known_people=known_people(db, actor_names(extractions))) if extractions else []
    # a report of an event an earlier build stored joins that node
    keys = {k for ex in resolved for m in ex.meetings for k in m.participants}
    return join_known_meetings(resolved, known_meetings(db, keys)) if keys else resolved


@dataclass(frozen=True, slots=True)
class Write:
    """A document to resolve and write: its extraction as it came from the model, the confidence
    threshold it is written with, and (for a stored one) the digest of the triples it has now."""

    raw: Extraction
    min_confidence: float
    digest: str | None = None  # None: a new or changed article of this build

    @property
    def iri(self) -> str:
        return str(document_iri(self.raw.article.id))


RELATED_LIMIT = 2_000  # stored documents a build resolves again at most (see kg.store.extractions)


def _stored_related(db: ox.Store, words: set[str], *, exclude: set[str]) -> list[Write]:
    """The stored documents connected to these resolution words, to resolve again (their stored
    extractions, decoded)."""
    from kg.builder.records import decode

    stored = stored_extractions(db)
    docs = stored.related(words, exclude=exclude, limit=RELATED_LIMIT)
    return [Write(decode(row.data), row.min_confidence, row.digest) for row in stored.get(docs)]


def _digest(triples: list) -> str:
    import hashlib

    return hashlib.sha1("\n".join(" ".join(t.n3() for t in triple) for triple in triples).encode()).hexdigest()


def _write(db: ox.Store, store: str | Path | None, writes: list[Write], resolved: list[Extraction]) -> int:
    """Each new document, and each stored one whose triples the new resolution changes, in one
    transaction, with its extraction kept for later builds; a write the disk refuses stops the
    build in one line, with the documents written so far whole. Returns how many stored
    documents changed."""
    from kg.builder.rdf import document_triples
    from kg.builder.records import encode
    from kg.builder.resolve import resolution_words

    stored = stored_extractions(db)
    updated = 0
    for done, (w, ex) in enumerate(zip(writes, resolved)):
        triples = document_triples(ex, min_confidence=w.min_confidence)
        digest = _digest(triples)
        if digest == w.digest:
            continue
        try:
            replace_document(db, w.iri, triples)
        except OSError as exc:
            raise StoreError(
                f"{store or DEFAULT_STORE}: cannot write {ex.article.id} ({one_line(exc)}); free some space and run "
                f"the build again ({done} of {len(writes)} documents were written, each whole)"
            ) from None
        if w.digest is None:
            stored.put(w.iri, encode(w.raw), resolution_words(w.raw), digest, w.min_confidence)
        else:
            stored.set_digest(w.iri, digest)
            updated += 1
    return updated


def _phase(summary: BuildSummary, name: str, since: float) -> float:
    now = time.perf_counter()
    summary.timings[name] = now - since
    return now


def remove(doc_ids: Iterable[str], *, store: str | Path | None = None) -> list[str]:
    """Remove documents (by file name); facts other documents also report stay. The stored
    documents related to the removed ones are resolved again without them (a surname that only
    a removed article tied to a full name stands alone again)."""
    removed = []
    with open_store(store, write=True) as db:
        stored = stored_extractions(db)
        words: set[str] = set()
        for doc_id in doc_ids:
            iri = str(document_iri(doc_id))
            words |= stored.words_of([iri])
            if not remove_document(db, iri):
                raise StoreError(f"no document {doc_id!r} in the store; `kg query documents` lists them")
            stored.delete(iri)
            removed.append(doc_id)
        again = _stored_related(db, words, exclude=set())
        if again:
            _write(db, store, again, _resolve(db, [w.raw for w in again]))
    return removed
