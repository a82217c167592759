"""A store of about a million triples, synthesised from real extractions.

Extracting enough real articles for a million triples would take the benchmark most of an hour,
so the large store is made like this instead:

1. a sample of the benchmark corpus (the seeds and State of the Union windows) goes through the
   real pipeline: extraction (kg.builder.parallel.extract_all) and corpus-wide resolution;
2. the resolved records are copied again and again, each copy a new batch of "articles":
   new document ids, every date moved on by the copy number (days for full dates, months for
   YYYY-MM), and in three copies out of four the people renamed ("Donald Trump 17"), so the
   number of people, meetings and statements grows with the store while countries,
   organisations and policies recur (as in real news: a few actors are in most stories);
3. every copy goes in the way a build writes: kg.builder.rdf.document_triples, then
   kg.store.replace_document, one transaction per document.

Copies are added until the merged (default) graph holds the wanted number of triples.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path

from kg.model import Actor, Extraction


def real_extractions(paths: list[Path], *, workers: int = 2) -> list[Extraction]:
    from kg.builder.parallel import extract_all
    from kg.builder.resolve import resolve
    from kg.text.ingest import Failure, read_articles

    articles = [a for a in read_articles(paths) if not isinstance(a, Failure)]
    extractions = [r for r in extract_all(articles, workers=workers) if not isinstance(r, Failure)]
    return resolve(extractions)


def _shift(date: str | None, k: int) -> str | None:
    if not date:
        return date
    if len(date) == 10:
        return (dt.date.fromisoformat(date) + dt.timedelta(days=k)).isoformat()
    if len(date) == 7:
        y, m = int(date[:4]), int(date[5:7]) - 1 + k
        return f"{y + m // 12:04d}-{m % 12 + 1:02d}"
    return date


def copy_extraction(ex: Extraction, k: int) -> Extraction:
    """Copy number k of one article's resolved records (see the module docstring)."""
    from kg.builder.resolve import apply_aliases

    people = {a.key for a in ex.actors if a.kind == "Person"}
    mapping = {key: f"{key} {k}" for key in people} if k % 4 else {}
    out = apply_aliases(ex, mapping)
    out = dataclasses.replace(
        out,
        article=dataclasses.replace(ex.article, id=f"synth{k}/{ex.article.id}", date=_shift(ex.article.date, k)),
        # the renamed people keep only their own names as aliases, so a name finds one actor
        actors=tuple(
            Actor(a.key, a.kind, tuple(x for x in a.aliases if x not in mapping), a.roles) for a in out.actors
        ),
        meetings=tuple(dataclasses.replace(m, start=_shift(m.start, k), end=_shift(m.end, k)) for m in out.meetings),
        statements=tuple(dataclasses.replace(s, date=_shift(s.date, k)) for s in out.statements),
    )
    return out


def default_triples(db) -> int:
    return int(next(iter(db.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))["n"].value)


def synthesise(store: Path, source: list[Extraction], target: int, *, log: Callable[[str], None] = print) -> dict:
    """Fill `store` with copies of `source` until its merged graph holds `target` triples."""
    from kg.builder.rdf import document_triples
    from kg.store import open_store, replace_document
    from kg.vocab import document_iri

    started = time.perf_counter()
    docs = triples = 0
    write_seconds = 0.0
    k = 0
    with open_store(store, write=True) as db:
        count = 0
        while count < target:
            for ex in source:
                rows = document_triples(copy_extraction(ex, k))
                t = time.perf_counter()
                replace_document(db, str(document_iri(f"synth{k}/{ex.article.id}")), rows)
                write_seconds += time.perf_counter() - t
                docs += 1
                triples += len(rows)
            k += 1
            if k % 8 == 0 or count + triples // max(k, 1) >= target * 0.9:
                count = default_triples(db)
                log(f"  {docs:,} documents, {count:,} triples ({time.perf_counter() - started:.0f} s)")
        count = default_triples(db)
        quads = len(db)
    return {
        "documents": docs,
        "copies": k,
        "source_documents": len(source),
        "triples": count,
        "quads": quads,
        "seconds": time.perf_counter() - started,
        "write_seconds": write_seconds,
        "docs_per_s": docs / write_seconds if write_seconds else 0.0,
        "triples_per_s": triples / write_seconds if write_seconds else 0.0,
    }
