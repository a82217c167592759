"""The endpoint's worker pool: SPARQL answers (kg.read.serve.protocol.answer) computed in
killable worker processes, each with a deadline.

Why processes and not threads: pyoxigraph cannot cancel a running query, and Python cannot stop
a thread. A runaway query (a cross product, a property path over everything) would keep a core
busy and keep growing its memory long after its client gave up. So every query runs in one of a
few long-lived worker processes, each holding its own read-only handle on the store. The parent
waits on the worker's pipe until the deadline; when it passes, the parent kills the worker
(SIGKILL: RocksDB opened read-only has nothing to flush), answers 503 and starts a fresh
worker. Evaluation and serialization both happen inside the worker, so the CPU time and memory
one query can take are bounded: its time by the timeout, its memory by `memory_mb` (the worker's
address space, RLIMIT_AS: past it an allocation fails, and the worker is replaced like a timed-out
one; an ORDER BY over a cross product otherwise grew a worker to 14 GB in 30 s).
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import resource
import signal
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import StoreError, one_line
from kg.read.serve.protocol import Reply, Request, answer, refusal

if TYPE_CHECKING:
    from multiprocessing.connection import Connection


def _generation(db_path: str) -> tuple:
    """A mark that changes when a writer (`kg build`, `kg remove`) has committed and flushed:
    the MANIFEST that RocksDB's CURRENT file names, with its size and mtime."""
    try:
        manifest = (Path(db_path) / "CURRENT").read_text().strip()
        stat = (Path(db_path) / manifest).stat()
    except OSError:
        return ()
    return (manifest, stat.st_size, stat.st_mtime_ns)


DEFAULT_MEMORY_MB = 2048
OUT_OF_MEMORY = 75  # a worker's exit code after a MemoryError


def memory_message(memory_mb: int) -> str:
    return (
        f"query stopped: it needed more than the {memory_mb} MB a query may use; narrow it down (LIMIT, fewer "
        "joins, no ORDER BY over everything) or restart the server with a larger --memory"
    )


def _worker_main(db_path: str, conn: Connection, memory_mb: int = DEFAULT_MEMORY_MB) -> None:
    """A worker: open the store read-only, then answer requests until the pipe closes.

    When the server dies the pipe closes too, so no worker outlives it. A read-only RocksDB
    handle is a snapshot: after a build it would serve the old graph, and files the build
    compacted away would fail to read. So the worker reopens the store when its generation
    changed, and a running server follows `kg build` without a restart.
    """
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    import pyoxigraph as ox

    try:
        generation, store = _generation(db_path), ox.Store.read_only(db_path)
    except (OSError, RuntimeError) as exc:
        conn.send(("failed", one_line(exc)))
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
        except MemoryError:
            # Python's share of the answer did not fit; the memory the query holds may not all come
            # back, so this worker ends and the pool starts a fresh one (as after Rust's abort)
            os._exit(OUT_OF_MEMORY)
        except Exception as exc:  # noqa: BLE001 - a worker must answer, whatever went wrong
            reply = Reply.error(500, f"query failed: {type(exc).__name__}: {one_line(exc)}")
        try:
            conn.send(reply)
        except OSError:
            return


class WorkerDied(Exception):
    def __init__(self, message: str, *, out_of_memory: bool = False) -> None:
        super().__init__(message)
        self.out_of_memory = out_of_memory


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
            self.process.join(5)
            # Rust aborts (SIGABRT) when an allocation fails under the memory limit
            memory = self.process.exitcode in (-signal.SIGABRT, -signal.SIGKILL, OUT_OF_MEMORY)
            raise WorkerDied("the query worker stopped unexpectedly", out_of_memory=memory) from None

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
    memory_mb: int = DEFAULT_MEMORY_MB
    _idle: queue.Queue = field(default_factory=queue.Queue, init=False, repr=False)
    _all: list[_Worker] = field(default_factory=list, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    _closed: bool = field(default=False, init=False, repr=False)

    def start(self, wait: float = 30.0) -> None:
        """Start the workers and wait until each has opened the store (fail fast if one cannot)."""
        deadline = time.monotonic() + wait
        workers = [self._spawn() for _ in range(self.size)]
        for worker in workers:
            try:
                hello = worker._receive(deadline)
            except WorkerDied:
                hello = ("failed", f"the worker stopped while starting; is --memory {self.memory_mb} MB too small?")
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
        process = ctx.Process(
            target=_worker_main,
            args=(str(self.store / "db"), child, self.memory_mb),
            daemon=True,
            name="kg-sparql-worker",
        )
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
            return Reply.error(
                503, f"all {self.size} query workers stayed busy for {self.timeout:g} s; try again later"
            )
        try:
            reply = worker.ask(request, time.monotonic() + self.timeout)
            if reply is None:
                worker = self._retire(worker)
                return Reply.error(
                    503,
                    f"query timed out after {self.timeout:g} s and was stopped; narrow it down (LIMIT, fewer joins) "
                    "or restart the server with a larger --timeout",
                )
            return reply
        except WorkerDied as exc:
            worker = self._retire(worker)
            return Reply.error(503, memory_message(self.memory_mb)) if exc.out_of_memory else Reply.error(500, str(exc))
        finally:
            if not self._closed:
                self._idle.put(worker)

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers, self._all = self._all, []
        for worker in workers:
            worker.kill()
