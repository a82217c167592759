"""Extraction on an existing Dask cluster (dask.distributed): `kg build --dask ADDRESS`.

The articles are cut into partitions and mapped over the cluster's workers; each worker runs
kg.builder.parallel.extract_batch with its own pipeline (loaded once per worker process) and sends back
the plain records. Resolution and every write stay in this process, the store's one writer, so
the graph is the same as a one-process build of the same articles.

The workers need newskg and the spaCy model installed (the same versions as here). Start them
with one thread each (`dask worker ADDRESS --nthreads 1 --nworkers N`): parsing holds the GIL,
so a second thread in a worker adds nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

import kg.builder.parallel
from kg.builder.parallel import Result, chunks, extract_batch
from kg.errors import EndpointError, KGError, one_line
from kg.model import Article

CONNECT_TIMEOUT = 20  # seconds to reach the scheduler


def extract_on_cluster(
    articles: Sequence[Article],
    address: str,
    *,
    model: str | None = None,
    partition_size: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> Iterator[Result]:
    """Extractions (or Failures) of the articles in input order, computed on the cluster in
    partitions of `partition_size` articles (default: kg.builder.parallel.CHUNK)."""
    try:
        from distributed import Client
    except ImportError:
        raise EndpointError(
            "--dask needs the dask.distributed package here and on the workers: pip install distributed"
        ) from None
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise EndpointError(f"cannot reach the Dask scheduler at {address!r} ({one_line(exc)[:300]})") from None
    with client:
        try:
            client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
        except TimeoutError:
            raise EndpointError(
                f"the Dask scheduler at {address!r} has no workers; "
                f"start some with `dask worker {address} --nthreads 1`"
            ) from None
        parts = chunks(articles, partition_size or kg.builder.parallel.CHUNK)
        # pure=False: a re-run must really run (the model or the code may have changed)
        futures = client.map(extract_batch, parts, model=model, pure=False)
        try:
            for fut in futures:
                try:
                    batch = fut.result()
                except KGError:
                    raise
                except Exception as exc:  # noqa: BLE001 - a worker died or could not import newskg
                    raise EndpointError(f"a Dask worker failed: {type(exc).__name__}: {one_line(exc)[:300]}") from None
                fut.release()
                yield from batch
                if progress:
                    progress(len(batch))
        finally:
            client.cancel(futures)
