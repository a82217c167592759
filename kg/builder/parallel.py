"""Extraction in batches: in this process, in a pool of worker processes, or on a Dask cluster.

Whatever runs the model, the same thing comes back: one `Extraction` (plain frozen records, a
few kilobytes) or one `Failure` per article, in input order, so the one writer that resolves
and stores them (kg.builder.pipeline.build) gives the same graph from any of them.

Why a process pool of our own rather than spaCy's `nlp.pipe(n_process=N)`: spaCy's workers
only parse; the Docs travel back to the parent, which would still run every extractor alone
(about 40% of the work), and `n_process` starts and loads the model in new processes on every
call. Here each worker loads the pipeline once and runs parsing *and* extraction; only the
small records cross the process boundary.

A long article is read in pieces of whole paragraphs (kg.text.pieces) whose facts join as one
document (kg.builder.pieces). An article that makes a component fail becomes a Failure naming
it; the rest of its batch is still extracted.
"""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from kg.builder.pieces import join_pieces, piece_articles
from kg.errors import KGError, ModelError, one_line
from kg.model import Article, Extraction
from kg.text.ingest import Failure
from kg.text.pieces import split_text

if TYPE_CHECKING:
    from spacy.language import Language

BATCH_SIZE = 16  # docs per nlp.pipe batch
BATCH_CHARS = 100_000  # and characters: five pieces of a long article, a batch of news articles
CHUNK = 16  # articles per task sent to a worker process: amortises the round trip, keeps the load balanced
SYSTEMIC = 4  # this many articles in a batch failing alike stop the build
Result = Extraction | Failure

_pipe_lock = threading.Lock()  # a Dask worker may run two tasks in threads; the pipeline is not shared across threads


def extract_batch(articles: Sequence[Article], *, model: str | None = None) -> list[Result]:
    """Parse and extract a batch of articles with this process's pipeline (loaded once)."""
    from kg.text.nlp import shared_pipeline
    from kg.text.reference import load_reference

    if not articles:
        return []
    with _pipe_lock:
        nlp = shared_pipeline(model)
        ref = load_reference()
        # long articles in pieces of whole paragraphs (kg.text.pieces), joined again after extraction
        split = [split_text(art.text) for art in articles]
        pieces = [piece for art, parts in zip(articles, split) for piece in piece_articles(art, parts)]
        # a batch of pieces at a time, so a long article's Docs are not all held at once
        extracted = (r for part in _batches(pieces) for r in _parse_and_extract(nlp, part, ref))
        results: list[Result] = []
        for art, parts in zip(articles, split):
            found = [next(extracted) for _ in parts]
            failed = next((r for r in found if isinstance(r, Failure)), None)
            results.append(failed or join_pieces(art, [offset for offset, _ in parts], found))  # type: ignore[arg-type]
    reasons = {r.message[r.message.find("(") + 1 : r.message.rfind(")")] for r in results if isinstance(r, Failure)}
    if len(results) >= SYSTEMIC and len(reasons) == 1 and all(isinstance(r, Failure) for r in results):
        # the same error on every article of a batch is the pipeline's fault, not the input's
        raise ModelError(f"extraction fails on every article ({reasons.pop()}); check --model or report it")
    return results


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
    detail = one_line(exc)[:200]
    return Failure(article.id, f"{stage} failed on this article ({type(exc).__name__}: {detail}); please report it")


def _batches(articles: Sequence[Article]) -> Iterator[list[Article]]:
    """Consecutive batches of at most BATCH_SIZE articles and BATCH_CHARS characters (one longer
    article alone): the Docs of one batch are in memory together."""
    batch: list[Article] = []
    size = 0
    for art in articles:
        if batch and (len(batch) == BATCH_SIZE or size + len(art.text) > BATCH_CHARS):
            yield batch
            batch, size = [], 0
        batch.append(art)
        size += len(art.text)
    if batch:
        yield batch


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
    """extract_batch over the batches in `workers` worker processes, results in input order.

    The workers are plain `python -c` subprocesses fed pickled batches over their stdin: unlike
    multiprocessing's spawn or forkserver, they never re-import the caller's __main__ (a script
    that calls kg.build(workers=2) needs no `if __name__ == "__main__"` guard), nothing is forked
    from a process that holds an open store, and a worker whose parent dies (even by SIGKILL)
    reads end-of-file and exits by itself. One thread per worker feeds it the next batch as soon
    as it is done, so a slow batch does not hold the others up.
    """
    import queue

    tasks: queue.SimpleQueue[tuple[int, Sequence[Article]]] = queue.SimpleQueue()
    for item in enumerate(batches):
        tasks.put(item)
    done: dict[int, list[Result] | BaseException] = {}
    cond = threading.Condition()
    procs = [_start_worker() for _ in range(workers)]

    def feed(proc) -> None:
        while True:
            try:
                i, batch = tasks.get_nowait()
            except queue.Empty:
                return
            try:
                pickle.dump((model, batch), proc.stdin, protocol=pickle.HIGHEST_PROTOCOL)
                proc.stdin.flush()
                result = pickle.load(proc.stdout)
            except (EOFError, OSError, pickle.UnpicklingError):
                result = ModelError(
                    "an extraction worker process died (out of memory?); run again with fewer --workers"
                )
            with cond:
                done[i] = result
                cond.notify_all()
            if isinstance(result, BaseException):
                return

    threads = [threading.Thread(target=feed, args=(p,), name="kg-feed", daemon=True) for p in procs]
    for t in threads:
        t.start()
    try:
        for i in range(len(batches)):
            with cond:
                while i not in done:
                    cond.wait()
                result = done.pop(i)
            if isinstance(result, BaseException):
                raise result
            yield result
    finally:
        while not tasks.empty():  # stop handing out work, then let the workers go
            tasks.get_nowait()
        for proc in procs:
            _stop_worker(proc)
        for t in threads:
            t.join()


def _start_worker():
    import subprocess
    import sys
    from pathlib import Path

    env = dict(os.environ)
    # the package as this process sees it, even from a source checkout that is not installed
    env["PYTHONPATH"] = os.pathsep.join(
        [str(Path(__file__).resolve().parents[2]), *filter(None, [env.get("PYTHONPATH")])]
    )
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        env.setdefault(var, "1")  # one core per worker: N workers, N cores
    return subprocess.Popen(
        [sys.executable, "-c", "from kg.builder.parallel import worker_main; worker_main()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env,
    )  # fmt: skip


def _stop_worker(proc) -> None:
    import subprocess

    try:
        proc.stdin.close()  # end of input: an idle worker exits at once
    except OSError:
        pass
    try:
        proc.wait(timeout=2)
    except subprocess.TimeoutExpired:
        proc.kill()  # still busy with a batch nobody will read
        proc.wait()
    proc.stdout.close()


def worker_main() -> None:
    """A worker process: read (model, batch) pickles from stdin, write result pickles to stdout,
    until end of input. Stray prints from libraries go to stderr, not into the protocol."""
    import sys

    proto_in = sys.stdin.buffer
    proto_out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    try:
        while True:
            try:
                model, batch = pickle.load(proto_in)
            except EOFError:
                return
            try:
                out: object = extract_batch(batch, model=model)
            except KGError as exc:  # the model cannot be loaded: the parent reports it
                out = exc
            pickle.dump(out, proto_out, protocol=pickle.HIGHEST_PROTOCOL)
            proto_out.flush()
    except (KeyboardInterrupt, BrokenPipeError):
        pass
