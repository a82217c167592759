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
        return [
            f"documents read: {self.documents} ({self.unchanged} unchanged, {len(self.failures)} failed)",
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
        resolved = _resolve(db, extractions)
        mark = _phase(summary, "resolve", mark)
        _write(db, store, resolved, min_confidence)
        mark = _phase(summary, "write", mark)
        counts = totals(store_index(db).counts(db))
    summary.actors, summary.meetings = counts["Actor"], counts["Meeting"]
    summary.statements, summary.policies, summary.triples = counts["Statement"], counts["Policy"], counts["triples"]
    summary.words = sum(len(ex.article.text.split()) for ex in extractions)
    summary.seconds = time.perf_counter() - started
    return summary


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


def _write(db: ox.Store, store: str | Path | None, resolved: list[Extraction], min_confidence: float) -> None:
    """Each document in one transaction; a write the disk refuses stops the build in one line,
    with the documents written so far whole and the others not in the store."""
    from kg.builder.rdf import document_triples

    for done, ex in enumerate(resolved):
        try:
            replace_document(db, str(document_iri(ex.article.id)), document_triples(ex, min_confidence=min_confidence))
        except OSError as exc:
            raise StoreError(
                f"{store or DEFAULT_STORE}: cannot write {ex.article.id} ({one_line(exc)}); free some space and run "
                f"the build again ({done} of {len(resolved)} documents were written, each whole)"
            ) from None


def _phase(summary: BuildSummary, name: str, since: float) -> float:
    now = time.perf_counter()
    summary.timings[name] = now - since
    return now


def remove(doc_ids: Iterable[str], *, store: str | Path | None = None) -> list[str]:
    """Remove documents (by file name); facts other documents also report stay."""
    removed = []
    with open_store(store, write=True) as db:
        for doc_id in doc_ids:
            if not remove_document(db, str(document_iri(doc_id))):
                raise StoreError(f"no document {doc_id!r} in the store; `kg query documents` lists them")
            removed.append(doc_id)
    return removed
