"""Worker processes that survive each other: an ordered map over items that notices a
dead worker, reports the one item it held, and starts a new worker in its place.

`multiprocessing.Pool` waits forever for the result of a worker that was killed (for
memory, by a signal, by a plugin calling `os._exit`), and `ProcessPoolExecutor` breaks as a
whole. Here each worker has its own pipe and the parent knows which items it holds: they
are sent in small batches, answered one by one, so when a worker dies the first
unanswered item it holds is the one it died on; that item gets `on_death(item, reason)`
as its result and the rest go to the other workers. A worker holds up to two batches: the
next waits in its pipe while it works, so it does not sit idle until this process, busy
splitting the input and writing the reports, notices that it has finished (on 2 cores,
the cores went from 1.4 to 1.8 busy).

Results come back in input order, so the output is the same as a single process's. The
workers ignore SIGINT and SIGTERM: the parent stops them, on the way out of `imap` whether
it ends normally or not.
"""

from __future__ import annotations

import multiprocessing
import queue
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import Connection, wait
from typing import Any

MAX_JOBS = 64  # more processes than this only cost memory on any machine we know


def _worker_main(
    conn: Connection, initializer: Callable[..., None], initargs: tuple, work: Callable[[Any], Any]
) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles ^C and SIGTERM
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    initializer(*initargs)
    # Batches are received by a thread of their own: the parent sends the next batch while
    # this process sends its answers, and were both to wait for the other to read (a large
    # batch, large answers, full pipes), neither would.
    inbox: queue.SimpleQueue = queue.SimpleQueue()
    threading.Thread(target=_receive, args=(conn, inbox), daemon=True).start()
    while True:
        batch = inbox.get()
        if batch is None:
            return
        for index, item in batch:
            conn.send((index, work(item)))


def _receive(conn: Connection, inbox: queue.SimpleQueue) -> None:
    while True:
        try:
            batch = conn.recv()
        except (EOFError, OSError):
            batch = None
        inbox.put(batch)
        if batch is None:
            return


def describe_exit(exitcode: int | None) -> str:
    """Why a worker process ended, in words for the user."""
    if exitcode is None:
        return "stopped answering"
    if exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        if -exitcode == signal.SIGKILL:
            return f"was killed ({name}; the system may have run out of memory)"
        return f"was killed ({name})"
    return f"exited with status {exitcode}"


class _Worker:
    __slots__ = ("process", "conn", "held")

    def __init__(self, process: multiprocessing.process.BaseProcess, conn: Connection):
        self.process, self.conn = process, conn
        self.held: deque[int] = deque()  # indices sent and not yet answered, in order


class WorkerPool:
    """`imap(items)`: `work(item)` for each item in `jobs` processes, results in order."""

    def __init__(
        self,
        jobs: int,
        work: Callable[[Any], Any],
        on_death: Callable[[Any, str], Any],
        initializer: Callable[..., None] = lambda: None,
        initargs: tuple = (),
        batch: int = 1,
    ):
        self.jobs = max(1, min(jobs, MAX_JOBS))
        self.work, self.on_death = work, on_death
        self.initializer, self.initargs = initializer, initargs
        self.batch = max(1, batch)
        self.context: Any = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
        self.workers: list[_Worker] = []
        self.deaths = 0

    def _start(self) -> _Worker:
        parent, child = self.context.Pipe(duplex=True)
        process = self.context.Process(
            target=_worker_main, daemon=True, args=(child, self.initializer, self.initargs, self.work)
        )
        process.start()
        child.close()
        worker = _Worker(process, parent)
        self.workers.append(worker)
        return worker

    def imap(self, items: Iterable[Any]) -> Iterator[Any]:
        """Items are taken from `items` as the workers need them (never more than `ahead`
        beyond the next result due), so a lazy iterable of many items is never held whole."""
        source = iter(items)
        held: dict[int, Any] = {}  # index -> item, until its result is out
        pending: deque[int] = deque()
        done: dict[int, Any] = {}
        next_out = produced = 0
        exhausted = False
        ahead = max(64, self.jobs * self.batch * 4)  # results held for ordering, at most
        try:
            while True:
                while not exhausted and produced < next_out + ahead:
                    try:
                        held[produced] = next(source)
                    except StopIteration:
                        exhausted = True
                        break
                    pending.append(produced)
                    produced += 1
                if exhausted and next_out >= produced:
                    break
                while len(self.workers) < min(self.jobs, len(held)):
                    self._start()
                # Two batches in flight a worker: the next is in its pipe while it works on
                # this one, so it never waits for this process to notice it has finished.
                for worker in self.workers:
                    if len(worker.held) <= self.batch and pending and pending[0] < next_out + ahead:
                        chunk: list[int] = []
                        while pending and len(chunk) < self.batch and pending[0] < next_out + ahead:
                            chunk.append(pending.popleft())
                        worker.held.extend(chunk)
                        try:
                            worker.conn.send([(i, held[i]) for i in chunk])
                        except OSError:
                            pass  # it has died: _collect settles what it holds, this batch too
                busy = [w for w in self.workers if w.held]
                if busy:
                    ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy])
                    for worker in busy:
                        if worker.conn in ready or worker.process.sentinel in ready:
                            self._collect(worker, held, done, pending)
                while next_out in done:
                    held.pop(next_out, None)
                    yield done.pop(next_out)
                    next_out += 1
        finally:
            self.close()

    def _collect(self, worker: _Worker, items: dict, done: dict, pending: deque) -> None:
        """Take every answer the worker has sent; if it has died, settle what it held."""
        try:
            while worker.held and worker.conn.poll():
                index, result = worker.conn.recv()
                worker.held.remove(index)
                done[index] = result
        except (EOFError, OSError):
            pass
        if worker.process.is_alive() or not worker.held:
            return
        worker.process.join(1)
        self.deaths += 1
        culprit = worker.held.popleft()
        done[culprit] = self.on_death(items[culprit], describe_exit(worker.process.exitcode))
        pending.extendleft(reversed(worker.held))  # the rest of its batch, next in line
        worker.conn.close()
        self.workers.remove(worker)
        self._start()

    def close(self) -> None:
        """Stop every worker: ask, then kill what does not stop (they ignore SIGTERM)."""
        for worker in self.workers:
            try:
                if not worker.held:
                    worker.conn.send(None)
            except OSError:
                pass
        for worker in self.workers:
            if worker.held:
                worker.process.kill()
            worker.process.join(2)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()
        self.workers = []
