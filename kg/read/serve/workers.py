"""SPARQL 1.1 Protocol answers from the read-only store, computed in killable worker processes.

`answer(store, request)` turns one protocol request (query text, Accept header, dataset) into
an HTTP status, media type and body. `WorkerPool` runs it in separate processes with a
deadline; `kg.read.serve.app` is the HTTP layer in front.

Why processes and not threads: pyoxigraph cannot cancel a running query, and Python cannot stop
a thread. A runaway query (a cross product, a property path over everything) would keep a core
busy and keep growing its memory long after its client gave up. So every query runs in one of a
few long-lived worker processes, each holding its own read-only handle on the store. The parent
waits on the worker's pipe until the deadline; when it passes, the parent kills the worker
(SIGKILL: RocksDB opened read-only has nothing to flush), answers 503 and starts a fresh
worker. Evaluation and serialization both happen inside the worker, so the CPU time and memory
one query can take are bounded by the timeout.

Read-only has three layers: the store is opened with `Store.read_only` (an update cannot
change it even if one got through), the text is only ever run with `Store.query` (which
rejects update syntax), and requests that carry an update are refused with 403 before they
reach a worker, so the client learns why instead of reading a parser error.
"""
from __future__ import annotations

import multiprocessing
import queue
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from kg.errors import StoreError
from kg.vocab import PREFIXES

if TYPE_CHECKING:
    import pyoxigraph as ox
    from multiprocessing.connection import Connection

# Offers in order of preference: the first is the answer to `Accept: */*` or no Accept at all.
SOLUTION_TYPES = {
    "application/sparql-results+json": "JSON",
    "application/sparql-results+xml": "XML",
    "text/csv": "CSV",
    "text/tab-separated-values": "TSV",
    "application/json": "JSON",
    "application/xml": "XML",
    "text/xml": "XML",
}
GRAPH_TYPES = {
    "text/turtle": "TURTLE",
    "application/n-triples": "N_TRIPLES",
    "application/ld+json": "JSON_LD",
    "application/rdf+xml": "RDF_XML",
    "application/x-turtle": "TURTLE",
    "application/turtle": "TURTLE",
    "text/plain": "N_TRIPLES",
    "application/json": "JSON_LD",
    "application/xml": "RDF_XML",
}
TEXT = "text/plain; charset=utf-8"
READ_ONLY = "SPARQL updates are refused: this endpoint is read-only (build the graph with `kg build`)"
UPDATE_VERBS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")


@dataclass(frozen=True, slots=True)
class Request:
    query: str
    accept: str | None = None
    default_graphs: tuple[str, ...] = ()  # SPARQL protocol default-graph-uri
    named_graphs: tuple[str, ...] = ()  # SPARQL protocol named-graph-uri


@dataclass(frozen=True, slots=True)
class Reply:
    status: int
    media_type: str
    body: bytes

    @classmethod
    def error(cls, status: int, message: str) -> Reply:
        return cls(status, TEXT, (message + "\n").encode("utf-8"))


# ---------------------------------------------------------------- content negotiation


def _ranges(accept: str) -> list[tuple[str, float]]:
    out = []
    for part in accept.split(","):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for f in fields[1:]:
            name, _, value = f.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        out.append((fields[0].lower(), q))
    return out


def negotiate(accept: str | None, offers: Sequence[str]) -> str | None:
    """The offer the client prefers (RFC 9110: most specific range decides an offer's q; ties
    go to our order), or None when it accepts none of them."""
    if not accept or not accept.strip():
        return offers[0]
    ranges = _ranges(accept)
    best, best_q = None, 0.0
    for offer in offers:
        kind = offer.split("/")[0]
        q = None
        for pattern in (offer, f"{kind}/*", "*/*"):  # most specific first
            matches = [rq for r, rq in ranges if r == pattern]
            if matches:
                q = max(matches)
                break
        if q is not None and q > best_q:
            best, best_q = offer, q
    return best


# ---------------------------------------------------------------- refusals before parsing

# Strings, IRIs and comments may contain any word; they are blanked out before looking for
# keywords. Long strings come first so that '''...''' is not read as three short ones.
_HIDDEN = re.compile(
    r"""'''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|<[^<>"{}|^`\\\x00-\x20]*>|\#[^\n]*""",
    re.S,
)
_PROLOGUE = re.compile(r"\s*(?:PREFIX\s+[^\s:]*:\s*<>|BASE\s+<>)", re.I)
_NOT_NAME = r"(?![\w:.\-])"
_UPDATE_AFTER_SEMICOLON = re.compile(r";\s*(?:" + "|".join(UPDATE_VERBS) + ")" + _NOT_NAME, re.I)
_SERVICE = re.compile(r"(?<![\w:?$.\-])SERVICE" + _NOT_NAME, re.I)


def _keywords_only(text: str) -> str:
    return _HIDDEN.sub(lambda m: " <> " if m[0].startswith("<") else " ", text)


def refusal(text: str) -> Reply | None:
    """403 for an update sent as a query, or a federated query; None for anything else.

    Only a friendlier message than the parser's: safety comes from the read-only store.
    SERVICE is refused because pyoxigraph would fetch the given URL from this machine, turning
    the endpoint into a proxy to whatever the server can reach.
    """
    bare = _keywords_only(text)
    rest = bare
    while m := _PROLOGUE.match(rest):
        rest = rest[m.end() :]
    first = re.match(r"\s*([A-Za-z]+)" + _NOT_NAME, rest)
    if (first and first[1].upper() in UPDATE_VERBS) or _UPDATE_AFTER_SEMICOLON.search(bare):
        return Reply.error(403, READ_ONLY)
    if _SERVICE.search(bare):
        return Reply.error(403, "SERVICE (federated query) is refused: this endpoint does not fetch data from other endpoints")
    return None


# ---------------------------------------------------------------- one request


def answer(store: ox.Store, request: Request) -> Reply:
    """Run one query and serialize its result as the client asked; errors become 4xx/5xx replies.

    The default graph is the store's merged graph (every fact once), as for `kg query`;
    `GRAPH ?g` reaches the graph of each source document.
    """
    import pyoxigraph as ox

    refused = refusal(request.query)
    if refused:
        return refused
    options: dict = {}
    try:
        if request.default_graphs:
            options["default_graph"] = [ox.NamedNode(g) for g in request.default_graphs]
        if request.named_graphs:
            options["named_graphs"] = [ox.NamedNode(g) for g in request.named_graphs]
    except ValueError as exc:
        return Reply.error(400, f"bad graph IRI in default-graph-uri or named-graph-uri: {_one_line(exc)}")
    try:
        result = store.query(request.query, prefixes=PREFIXES, **options)
        if isinstance(result, (ox.QuerySolutions, ox.QueryBoolean)):
            kind = "SELECT" if isinstance(result, ox.QuerySolutions) else "ASK"
            media = negotiate(request.accept, list(SOLUTION_TYPES))
            if media is None:
                return _not_acceptable(kind, request.accept, SOLUTION_TYPES)
            fmt = getattr(ox.QueryResultsFormat, SOLUTION_TYPES[media])
            return Reply(200, fmt.media_type, result.serialize(format=fmt))
        media = negotiate(request.accept, list(GRAPH_TYPES))
        if media is None:
            return _not_acceptable("CONSTRUCT or DESCRIBE", request.accept, GRAPH_TYPES)
        fmt = getattr(ox.RdfFormat, GRAPH_TYPES[media])
        prefixes = PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
        return Reply(200, _with_charset(fmt.media_type), ox.serialize(result, format=fmt, prefixes=prefixes))
    except SyntaxError as exc:
        return Reply.error(400, f"SPARQL syntax error: {_one_line(exc)}")
    except OSError as exc:
        return Reply.error(500, f"query failed: {_one_line(exc)}")


def _not_acceptable(kind: str, accept: str | None, offers: dict[str, str]) -> Reply:
    article = "an" if kind == "ASK" else "a"
    return Reply.error(406, f"cannot answer {article} {kind} query as {accept!r}; acceptable: {', '.join(dict.fromkeys(offers))}")


def _with_charset(media_type: str) -> str:
    if media_type.startswith("text/") and "charset" not in media_type:
        return media_type + "; charset=utf-8"
    return media_type


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


# ---------------------------------------------------------------- worker processes


def _generation(db_path: str) -> tuple:
    """A mark that changes when a writer (`kg build`, `kg remove`) has committed and flushed:
    the MANIFEST that RocksDB's CURRENT file names, with its size and mtime."""
    try:
        manifest = (Path(db_path) / "CURRENT").read_text().strip()
        stat = (Path(db_path) / manifest).stat()
    except OSError:
        return ()
    return (manifest, stat.st_size, stat.st_mtime_ns)


def _worker_main(db_path: str, conn: Connection) -> None:
    """A worker: open the store read-only, then answer requests until the pipe closes.

    When the server dies the pipe closes too, so no worker outlives it. A read-only RocksDB
    handle is a snapshot: after a build it would serve the old graph, and files the build
    compacted away would fail to read. So the worker reopens the store when its generation
    changed, and a running server follows `kg build` without a restart.
    """
    import pyoxigraph as ox

    try:
        generation, store = _generation(db_path), ox.Store.read_only(db_path)
    except (OSError, RuntimeError) as exc:
        conn.send(("failed", _one_line(exc)))
        return
    conn.send(("ready", ""))
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if _generation(db_path) != generation:
            try:
                generation, store = _generation(db_path), ox.Store.read_only(db_path)
            except (OSError, RuntimeError):
                pass  # a writer is mid-flush; the old snapshot answers this one
        try:
            reply = answer(store, request)
        except Exception as exc:  # noqa: BLE001 - a worker must answer, whatever went wrong
            reply = Reply.error(500, f"query failed: {type(exc).__name__}: {_one_line(exc)}")
        try:
            conn.send(reply)
        except OSError:
            return


class WorkerDied(Exception):
    pass


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection
    ready: bool = False

    def ask(self, request: Request, deadline: float) -> Reply | None:
        """The worker's reply, or None if the deadline passed first."""
        if not self.ready:
            hello = self._receive(deadline)
            if hello is None:
                return None
            if hello[0] != "ready":
                raise WorkerDied(f"the query worker cannot open the store: {hello[1]}")
            self.ready = True
        try:
            self.conn.send(request)
        except (BrokenPipeError, OSError):
            raise WorkerDied("the query worker stopped unexpectedly") from None
        return self._receive(deadline)

    def _receive(self, deadline: float):
        try:
            if not self.conn.poll(max(0.0, deadline - time.monotonic())):
                return None
            return self.conn.recv()
        except (EOFError, OSError):
            raise WorkerDied("the query worker stopped unexpectedly (out of memory?)") from None

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


@dataclass
class WorkerPool:
    """`size` worker processes over one store; `run` is blocking and thread-safe."""

    store: Path
    size: int = 2
    timeout: float = 30.0
    _idle: queue.Queue = field(default_factory=queue.Queue, init=False, repr=False)
    _all: list[_Worker] = field(default_factory=list, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    _closed: bool = field(default=False, init=False, repr=False)

    def start(self, wait: float = 30.0) -> None:
        """Start the workers and wait until each has opened the store (fail fast if one cannot)."""
        deadline = time.monotonic() + wait
        workers = [self._spawn() for _ in range(self.size)]
        for worker in workers:
            hello = worker._receive(deadline)
            if hello is None or hello[0] != "ready":
                self.close()
                reason = hello[1] if hello else f"no answer within {wait:.0f} s"
                raise StoreError(f"{self.store}: the query workers cannot open the store ({reason})")
            worker.ready = True
            self._idle.put(worker)

    def _spawn(self) -> _Worker:
        # spawn, not fork: the server has threads and an event loop that a fork would copy
        # half-way through; a spawned worker starts clean and opens its own store handle.
        ctx = multiprocessing.get_context("spawn")
        parent, child = ctx.Pipe()
        process = ctx.Process(target=_worker_main, args=(str(self.store / "db"), child), daemon=True, name="kg-sparql-worker")
        process.start()
        child.close()
        worker = _Worker(process, parent)
        with self._lock:
            self._all.append(worker)
        return worker

    def _retire(self, worker: _Worker) -> _Worker:
        worker.kill()
        with self._lock:
            if worker in self._all:
                self._all.remove(worker)
        return self._spawn()

    def run(self, request: Request) -> Reply:
        refused = refusal(request.query)  # no worker needed to say no
        if refused:
            return refused
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return Reply.error(503, f"all {self.size} query workers stayed busy for {self.timeout:g} s; try again later")
        try:
            reply = worker.ask(request, time.monotonic() + self.timeout)
            if reply is None:
                worker = self._retire(worker)
                return Reply.error(
                    503, f"query timed out after {self.timeout:g} s and was stopped; narrow it down (LIMIT, fewer joins) or restart the server with a larger --timeout"
                )
            return reply
        except WorkerDied as exc:
            worker = self._retire(worker)
            return Reply.error(500, str(exc))
        finally:
            if not self._closed:
                self._idle.put(worker)

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers, self._all = self._all, []
        for worker in workers:
            worker.kill()
