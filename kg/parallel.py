"""Extraction in batches: in this process, in a pool of worker processes, or on a Dask cluster.

Whatever runs the model, the same thing comes back: one `Extraction` (plain frozen records, a
few kilobytes) or one `Failure` per article, in input order, so the one writer that resolves
and stores them (kg.api.build) gives the same graph from any of them.

Why a process pool of our own rather than spaCy's `nlp.pipe(n_process=N)`: spaCy's workers
only parse; the Docs travel back to the parent, which would still run every extractor alone
(about 40% of the work), and `n_process` starts and loads the model in new processes on every
call. Here each worker loads the pipeline once and runs parsing *and* extraction; only the
small records cross the process boundary.

An article the model cannot take (too long, or one that makes a component fail) becomes a
Failure naming it; the rest of its batch is still extracted.
"""
from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING, Callable, Iterator, Sequence

from kg.errors import ModelError
from kg.ingest import Failure
from kg.model import Article, Extraction

if TYPE_CHECKING:
    from spacy.language import Language

BATCH_SIZE = 16  # docs per nlp.pipe batch
CHUNK = 32  # articles per task sent to a worker process: amortises the round trip, keeps the load balanced
Result = Extraction | Failure

_pipe_lock = threading.Lock()  # a Dask worker may run two tasks in threads; the pipeline is not shared across threads


def extract_batch(articles: Sequence[Article], *, model: str | None = None) -> list[Result]:
    """Parse and extract a batch of articles with this process's pipeline (loaded once)."""
    from kg.nlp import shared_pipeline
    from kg.reference import load_reference

    if not articles:
        return []
    with _pipe_lock:
        nlp = shared_pipeline(model)
        ref = load_reference()
        out: list[Result | None] = [None] * len(articles)
        fits = []
        for i, art in enumerate(articles):
            if len(art.text) > nlp.max_length:
                out[i] = Failure(art.id, f"article is too long for the language model ({len(art.text):,} characters; at most {nlp.max_length:,})")
            else:
                fits.append(i)
        for i, res in zip(fits, _parse_and_extract(nlp, [articles[i] for i in fits], ref)):
            out[i] = res
        return out  # type: ignore[return-value]


def _parse_and_extract(nlp: Language, articles: list[Article], ref) -> list[Result]:
    from kg.extract import extract_article

    try:
        docs = list(nlp.pipe((a.text for a in articles), batch_size=BATCH_SIZE))
    except Exception:  # noqa: BLE001 - one bad article must not cost its batch: find it alone
        if len(articles) == 1:
            return [_failed(articles[0], "the language model")]
        return [r for a in articles for r in _parse_and_extract(nlp, [a], ref)]
    out: list[Result] = []
    for doc, art in zip(docs, articles):
        try:
            out.append(extract_article(doc, art, ref=ref))
        except Exception:  # noqa: BLE001
            out.append(_failed(art, "extraction"))
    return out


def _failed(article: Article, stage: str) -> Failure:
    import sys

    exc = sys.exc_info()[1]
    detail = " ".join(str(exc).split())[:200]
    return Failure(article.id, f"{stage} failed on this article ({type(exc).__name__}: {detail}); please report it")


def chunks(items: Sequence[Article], size: int) -> list[Sequence[Article]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def extract_all(
    articles: Sequence[Article],
    *,
    model: str | None = None,
    workers: int = 1,
    progress: Callable[[int], None] | None = None,
) -> Iterator[Result]:
    """Extractions (or Failures) of the articles in input order, on `workers` processes."""
    batches = chunks(articles, CHUNK)
    if workers <= 1 or len(batches) <= 1:
        runs = (extract_batch(batch, model=model) for batch in batches)
    else:
        runs = _pool_map(batches, model=model, workers=min(workers, len(batches)))
    for batch in runs:
        yield from batch
        if progress:
            progress(len(batch))


def _pool_map(batches: list[Sequence[Article]], *, model: str | None, workers: int) -> Iterator[list[Result]]:
    """extract_batch over the batches in `workers` fresh processes, results in order.

    At most two batches per worker are in flight, so memory stays flat however many articles
    there are. Workers are spawned (not forked from a process holding an open store) and exit
    by themselves if this process dies, so a killed build leaves no orphans.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    ctx = multiprocessing.get_context("spawn")
    pending = []
    with ProcessPoolExecutor(workers, mp_context=ctx, initializer=_worker_init, initargs=(os.getpid(),)) as pool:
        try:
            it = iter(batches)
            for batch in it:
                pending.append(pool.submit(extract_batch, batch, model=model))
                if len(pending) >= 2 * workers:
                    break
            for batch in it:
                yield pending.pop(0).result()
                pending.append(pool.submit(extract_batch, batch, model=model))
            while pending:
                yield pending.pop(0).result()
        except BrokenProcessPool:
            raise ModelError("an extraction worker process died (out of memory?); run again with fewer --workers") from None
        finally:
            for fut in pending:
                fut.cancel()


def _worker_init(parent: int) -> None:
    def watch() -> None:
        import time

        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)  # the parent was killed: nobody will read our results

    threading.Thread(target=watch, name="kg-parent-watch", daemon=True).start()
