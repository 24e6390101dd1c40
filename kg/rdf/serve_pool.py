"""Query worker processes for `kg serve`, shared so that costly queries cannot starve light ones.

`size` worker processes each hold the store open read-only, so at most `size` queries run at
once. Of those, at most `costly_slots` may be costly; the other workers stay free for light
queries whatever the costly ones do (issue #17: two overlapping runaway queries used to take
both workers, and nothing was served for half a minute). A query is costly when the static
estimate `looks_costly` says so, or when it has worked `light_seconds` (CPU time, so that a busy
machine does not make light queries look costly). A query that
turns costly while the costly lane is full is stopped (its worker killed and replaced) rather
than left on a worker kept for light queries.

Waiting is bounded: a query waits for a worker in arrival order, and is refused on arrival when
the queries ahead of it would keep it waiting over `max_wait` seconds (or `max_waiting` already
wait). Then, and for a costly query while the costly lane is
full, the answer is 503 with a ``Retry-After`` header, so a burst is refused, not queued.
"""

from __future__ import annotations

import logging
import math
import os
import re
import signal
import threading
import time
from collections import deque
from collections.abc import Callable
from itertools import count
from multiprocessing import get_context
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import StoreError

log = logging.getLogger(__name__)

#: (status, media type, body, extra headers): what a worker or the pool answers
Answer = tuple[int, str, bytes, dict[str, str]]
#: (SPARQL, Accept header, default-graph-uri values, named-graph-uri values)
Request = tuple[str, str, list[str], list[str]]
#: `answer(store, max_rows, *request)`, run in a worker process; must be picklable by reference
AnswerFunction = Callable[..., Answer]

#: seconds after which a running query counts as costly
LIGHT_SECONDS = 1.0
#: seconds a query may wait for a worker before it is refused
MAX_WAIT = 1.0
#: queries that may wait for a worker, per worker
WAITING_PER_WORKER = 16
#: scheduling priority (nice) of a worker running a costly query: on a busy machine the cores
#: go to the light queries first, and the costly one gets what is left
COSTLY_NICE = 10
#: seconds between two looks at a light query's CPU time once `light_seconds` have passed
CPU_POLL = 0.2
_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
#: weight of the newest light query in the smoothed service time
SMOOTHING = 0.1

LEXICAL_NOISE = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>\s]*>|#[^\n]*'
)
# variable lists outside triple patterns (projections, GROUP/ORDER BY, VALUES heads) would read
# as patterns of three variables
_VARIABLE_LISTS = re.compile(
    r"\bSELECT\b[^{]*?(?=\bWHERE\b|\{)|\b(?:GROUP|ORDER)\s+BY\b[^{}]*|\bVALUES\s*\([^)]*\)", re.I)
_ALL_VARIABLES = re.compile(r"[?$]\w+\s+[?$]\w+\s+[?$]\w+")


def looks_costly(sparql: str) -> bool:
    """Say whether a query joins two or more patterns of three variables (a whole-store product).

    A cheap static estimate: each such pattern matches every triple, so two of them make a
    cartesian product of the store. Anything it misses is caught by the running-time threshold.

    >>> looks_costly("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    True
    >>> looks_costly("SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o LIMIT 5")
    False
    >>> looks_costly('SELECT ?x WHERE { ?x a kg:Event ; kg:actor ?a . ?a ?p "?b ?c ?d" }')
    False
    """
    body = _VARIABLE_LISTS.sub(" ", LEXICAL_NOISE.sub(" ", sparql))
    return len(_ALL_VARIABLES.findall(body)) >= 2


def default_workers() -> int:
    """Return the default number of query workers: one per usable core plus one.

    The spare keeps a light query's worker at hand while another is being replaced (a stopped
    query's process is killed and a new one started); costly queries run at low priority, so
    the one process more than cores costs light queries little.
    """
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return cores + 1


def default_costly_slots(workers: int) -> int:
    """Return how many workers costly queries may hold: a quarter, at least one.

    With one worker nothing can be kept back for light queries.

    >>> [default_costly_slots(n) for n in (1, 2, 4, 8)]
    [1, 1, 1, 2]
    """
    return max(1, workers // 4)


def _worker_main(conn: Connection, store_dir: str, max_rows: int, answer: AnswerFunction) -> None:
    """Serve queries from `conn` until told to stop (None); runs in a child process."""
    # Ctrl-C reaches the whole process group: the parent stops the workers, so they ignore it
    # rather than each printing a KeyboardInterrupt traceback
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        store = ox.Store.read_only(store_dir)
    except OSError as err:
        conn.send(("error", f"{store_dir}: cannot open the RDF store ({err}); rebuild it with "
                            "`kg build`"))
        return
    conn.send(("ready", ""))
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return  # the parent closed the pipe (shutting down): stop without a traceback
        if request is None:
            return
        result = answer(store, max_rows, *request)
        try:
            conn.send(result)
        except OSError:
            return  # the parent stopped waiting for this answer and closed the pipe


class _Worker:
    """One worker process, the parent's end of its pipe, and whether it runs at low priority."""

    __slots__ = ("conn", "niced", "process")

    def __init__(self, process: Any, conn: Connection) -> None:
        self.process, self.conn = process, conn
        self.niced = False


class _Waiter:
    """A query waiting for a worker; `release` hands one over and sets the event."""

    __slots__ = ("event", "worker")

    def __init__(self) -> None:
        self.event = threading.Event()
        self.worker: _Worker | None = None


class WorkerPool:
    """Worker processes with the store open, a lane for costly queries and a bounded wait."""

    def __init__(self, store_dir: Path, *, size: int, max_rows: int, answer: AnswerFunction,
                 costly_slots: int | None = None, light_seconds: float = LIGHT_SECONDS,
                 max_wait: float = MAX_WAIT, max_waiting: int | None = None) -> None:
        self.store_dir, self.max_rows, self.answer = str(store_dir), max_rows, answer
        self.size = size
        self.costly_slots = costly_slots if costly_slots is not None else default_costly_slots(
            size)
        self.light_seconds, self.max_wait = light_seconds, max_wait
        self.max_waiting = max_waiting if max_waiting is not None else WAITING_PER_WORKER * size
        self.context = get_context("spawn")
        self.lock = threading.Lock()
        #: notified whenever a worker becomes idle
        self.idle_changed = threading.Condition(self.lock)
        self.idle: deque[_Worker] = deque()
        self.waiters: deque[_Waiter] = deque()
        self.processes: set[Any] = set()
        #: deadlines of the costly queries running now, to tell clients when to retry
        self.costly: dict[int, float] = {}
        self.closed = False
        self.keys = count()
        #: smoothed seconds a light query holds a worker (first guess: a shipped query's)
        self.service = 0.05
        for _ in range(size):
            self.idle.append(self._start())

    # -- processes ---------------------------------------------------------------------------

    def _start(self) -> _Worker:
        parent, child = self.context.Pipe()
        process = self.context.Process(
            target=_worker_main, args=(child, self.store_dir, self.max_rows, self.answer),
            daemon=True)
        process.start()
        child.close()
        status, message = parent.recv()
        if status != "ready":
            process.join()
            raise StoreError(message)
        with self.lock:
            self.processes.add(process)
        return _Worker(process, parent)

    def _retire(self, worker: _Worker, *, replace: bool) -> None:
        worker.process.kill()
        worker.process.join()
        worker.conn.close()
        with self.lock:
            self.processes.discard(worker.process)
        if replace and not self.closed:
            threading.Thread(target=self._replace, daemon=True).start()

    def _replace(self) -> None:
        """Start a worker in place of a retired one (in a thread: spawning takes a while)."""
        try:
            worker = self._start()
        except (EOFError, OSError, StoreError) as err:
            if not self.closed:  # at shutdown a half-started worker is killed: nothing to say
                log.error("a query worker could not be restarted (%s); the endpoint runs with "
                          "one worker fewer", err or type(err).__name__)
            return
        self._release(worker)

    def wait_idle(self, timeout: float) -> bool:
        """Wait until every worker is idle (replacements started); say whether that happened."""
        with self.idle_changed:
            return self.idle_changed.wait_for(lambda: len(self.idle) >= self.size, timeout)

    # -- admission ---------------------------------------------------------------------------

    def _acquire(self, *, costly: bool) -> _Worker | None:
        """Take an idle worker, waiting in arrival order; None when the wait would be too long.

        The wait is estimated on arrival from the queries ahead, the recent time a light query
        holds a worker and the workers not held by costly queries, so a query that could not
        start within `max_wait` is refused at once instead of after waiting; a wrong estimate
        is bounded by giving up after twice `max_wait`.
        """
        with self.lock:
            if self.idle and not self.waiters:
                return self.idle.popleft()
            # workers not held by costly queries (a costly caller already holds its lane slot)
            free = max(1, self.size - len(self.costly) + costly)
            expected = (len(self.waiters) + 1) * self.service / free
            if len(self.waiters) >= self.max_waiting or expected > self.max_wait:
                return None
            waiter = _Waiter()
            self.waiters.append(waiter)
        waiter.event.wait(2 * self.max_wait)
        with self.lock:
            # a worker handed over just as the wait ran out is still ours
            if waiter.worker is None:
                self.waiters.remove(waiter)
            return waiter.worker

    def _observe(self, seconds: float) -> None:
        """Fold the time a light query held its worker into the running estimate."""
        with self.lock:
            self.service += SMOOTHING * (seconds - self.service)

    def _release(self, worker: _Worker) -> None:
        """Hand a free worker to the longest waiting query, or put it back."""
        if worker.niced and not _set_nice(worker, 0):
            # raising a process's priority again needs privileges: start a fresh one instead
            self._retire(worker, replace=True)
            return
        with self.lock:
            if self.closed:
                stop = True
            else:
                stop = False
                if self.waiters:
                    waiter = self.waiters.popleft()
                    waiter.worker = worker
                    waiter.event.set()
                else:
                    self.idle.append(worker)
                    self.idle_changed.notify_all()
        if stop:
            self._retire(worker, replace=False)

    def _enter_costly(self, key: int, deadline: float) -> bool:
        with self.lock:
            if len(self.costly) >= self.costly_slots:
                return False
            self.costly[key] = deadline
            return True

    def _leave_costly(self, key: int) -> None:
        with self.lock:
            self.costly.pop(key, None)

    def _costly_retry_after(self) -> int:
        """Seconds until the first running costly query must end (at least 1)."""
        with self.lock:
            first = min(self.costly.values(), default=time.monotonic() + 1)
        return max(1, math.ceil(first - time.monotonic()))

    # -- running -----------------------------------------------------------------------------

    def run(self, request: Request, timeout: float) -> Answer:
        """Run one query; 503 with Retry-After when no capacity is free or it runs too long."""
        key = next(self.keys)
        costly = looks_costly(request[0])
        if costly and not self._enter_costly(key, time.monotonic() + timeout):
            return _busy(self._costly_retry_after(),
                         f"this query looks costly (a product of whole-store patterns) and "
                         f"{self.costly_slots} costly one(s) already run, the most this endpoint "
                         "runs at once; retry later or narrow the query")
        try:
            worker = self._acquire(costly=costly)
            if worker is None:
                return _busy(1, f"all {self.size} query workers are busy and the queries waiting "
                                f"for them would keep this one over {self.max_wait:g} s; retry "
                                "later")
            return self._on_worker(worker, request, timeout, costly, key)
        finally:
            self._leave_costly(key)

    def _on_worker(self, worker: _Worker, request: Request, timeout: float, costly: bool,
                   key: int) -> Answer:
        started = time.monotonic()
        if costly:
            _set_nice(worker, COSTLY_NICE)
        try:
            worker.conn.send(request)
            answered = self._wait_light(worker, started, timeout) if not costly else False
            if not answered and not costly and time.monotonic() < started + timeout:
                if not self._enter_costly(key, started + timeout):
                    self._retire(worker, replace=True)
                    log.info("query stopped after %.1f s: the costly lane is full",
                             self.light_seconds)
                    return _busy(self._costly_retry_after(),
                                 f"query still running after {self.light_seconds:g} s of work "
                                 f"while {self.costly_slots} long one(s) already ran, the most "
                                 "this endpoint runs at once; it was stopped: retry later or "
                                 "narrow it (LIMIT, more specific patterns)")
                costly = True
                _set_nice(worker, COSTLY_NICE)
            if not answered:
                answered = worker.conn.poll(max(0.0, started + timeout - time.monotonic()))
            if answered:
                answer: Answer = worker.conn.recv()
                if not costly:
                    self._observe(time.monotonic() - started)
                self._release(worker)
                return answer
        except (EOFError, OSError):
            self._retire(worker, replace=True)
            return _text(500, "the query worker died; the query was not answered, retry it")
        self._retire(worker, replace=True)
        log.info("query cut at the %.1f s time limit", timeout)
        return _text(503, f"query exceeded the time limit of {timeout:g} s and was stopped; "
                          "narrow it (LIMIT, more specific patterns) or ask for a longer "
                          "--timeout")

    def _wait_light(self, worker: _Worker, started: float, timeout: float) -> bool:
        """Wait for a light query's answer until it has worked `light_seconds`; say if it came.

        Work is the worker's CPU time where the platform tells it, so that a query slowed
        down by a busy machine is not taken for a costly one; wall time otherwise.
        """
        deadline = started + timeout
        cpu_start = _cpu_seconds(worker.process.pid)
        if worker.conn.poll(min(self.light_seconds, timeout)):
            return True
        while (now := time.monotonic()) < deadline:
            cpu_now = _cpu_seconds(worker.process.pid)
            worked = (now - started if cpu_start is None or cpu_now is None
                      else cpu_now - cpu_start)
            if worked >= self.light_seconds:
                return False
            if worker.conn.poll(min(CPU_POLL, deadline - now)):
                return True
        return False

    def close(self) -> None:
        """Stop every worker."""
        with self.lock:
            self.closed = True
            idle = list(self.idle)
            self.idle.clear()
        for worker in idle:
            self._retire(worker, replace=False)
        with self.lock:
            leftover = list(self.processes)
        for process in leftover:
            process.kill()
            process.join()


def _cpu_seconds(pid: int) -> float | None:
    """Return the CPU seconds process `pid` has used (Linux /proc), or None where unknown."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            # fields after the command name: utime and stime are the 12th and 13th
            fields = fh.read().rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / _TICKS
    except (OSError, IndexError, ValueError):
        return None


def _set_nice(worker: _Worker, nice: int) -> bool:
    """Set a worker's scheduling priority where the platform allows; say whether it took."""
    try:
        os.setpriority(os.PRIO_PROCESS, worker.process.pid, nice)
    except (AttributeError, OSError):  # no setpriority (Windows), or no right to lower it
        return False
    worker.niced = nice != 0
    return True


def _text(status: int, message: str) -> Answer:
    return status, "text/plain; charset=utf-8", message.encode("utf-8"), {}


def _busy(retry_after: int, message: str) -> Answer:
    return 503, "text/plain; charset=utf-8", message.encode("utf-8"), {
        "Retry-After": str(retry_after)}
