"""Worker processes that survive their tasks: a time and memory budget per task, a dead worker replaced.

``extract_many`` and the batch both hand articles to worker processes. A pool of the standard library
(``multiprocessing.Pool``, ``ProcessPoolExecutor``) cannot do what a nightly batch needs: one worker
killed (the kernel's OOM killer, an operator's ``kill -9``) breaks the whole pool or leaves a task waited
for forever, a pathological article holds its worker for the night, and killing the parent leaves the
workers running. :class:`WorkerPool` keeps one pipe per worker and one task per worker at a time, so:

- a task that runs past ``timeout`` seconds, or whose worker grows past ``max_rss`` bytes of resident
  memory, has its worker killed and replaced; the task comes back as a :class:`Failure` saying which
  limit, after how long;
- a worker that dies (any exit code) is replaced; the task it held comes back as a Failure;
- a worker dies with its parent: on Linux the kernel kills it (``PR_SET_PDEATHSIG``) the moment the
  parent dies, elsewhere a watchdog thread in the worker ends it;
- no ``signal`` handler or alarm is used (the library must work in any thread of any program).

The parent's wait on the pipes is bounded by the nearest deadline, so a worker that stops answering is
noticed on time. Tasks are sent in submission order to whichever worker is free; results come back as
they finish, each with the tag it was submitted with.

>>> pool = WorkerPool(1, abs)
>>> pool.submit("a", -3)
>>> pool.wait(), pool.pending()
([('a', 3)], 0)
>>> pool.close()
"""

from __future__ import annotations

import collections
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from newsmine.errors import Errors, NewsmineRuntimeError

__all__ = ["Failure", "WorkerPool", "rss_bytes"]

#: how often the parent looks at the workers' memory while it waits (seconds)
POLL_SECONDS = 0.25
#: how long a worker may take to start (import, load the pipeline) before the pool gives up on it
START_SECONDS = 600.0
#: this many workers in a row dying before they are ready means they cannot start: the pool raises
START_FAILURES = 3


@dataclass
class Failure:
    """A task that gave no result: ``kind`` is "timeout", "memory", "died" or "error" (the function
    raised: ``error`` is the exception's type name), ``elapsed`` the seconds it ran."""

    kind: str
    error: str
    message: str
    elapsed: float


def rss_bytes(pid: int) -> int | None:
    """Resident memory of process ``pid`` in bytes (Linux /proc), or None where it cannot be read."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


# --- the worker side ----------------------------------------------------------------------------------


def _die_with_parent(parent: int) -> None:
    """End this process when ``parent`` ends, whatever this process is doing at the time."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, 9, 0, 0, 0)  # PR_SET_PDEATHSIG = 1, SIGKILL = 9: the kernel kills us with it
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)
    parent_process = multiprocessing.parent_process()
    if parent_process is not None:  # elsewhere (and as a second line): a thread that waits for it

        def watch() -> None:
            wait([parent_process.sentinel])
            os._exit(1)

        threading.Thread(target=watch, name="newsmine-parent-watch", daemon=True).start()


def _worker(conn: Connection, parent: int, fn: Callable[[Any], Any], init: Callable[[], Any] | None) -> None:
    _die_with_parent(parent)
    if init is not None:
        init()
    conn.send(("ready", None, None))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        tag, payload = message
        try:
            reply = (tag, True, fn(payload))
        except Exception as exc:
            reply = (tag, False, (type(exc).__name__, str(exc)[:500]))
        conn.send(reply)


# --- the parent side ----------------------------------------------------------------------------------


class _Slot:
    """One worker process, its pipe, and the task it holds."""

    def __init__(self, ctx: Any, fn: Callable[[Any], Any], init: Callable[[], Any] | None) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker, args=(child, os.getpid(), fn, init), daemon=True)
        self.process.start()
        child.close()
        self.ready = False
        self.started = time.monotonic()
        self.task: tuple[Hashable, float] | None = None  # (tag, time it was sent)

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=10)
        self.conn.close()


class WorkerPool:
    """``n`` worker processes running ``fn(payload)``; ``init()`` runs once in each before its first task.

    ``fn`` and ``init`` must be picklable (module-level functions, or ``functools.partial`` of them).
    ``timeout``: seconds a task may run; ``max_rss``: bytes of resident memory a worker may hold while it
    runs a task (read from /proc, so Linux only). None: no limit.
    """

    def __init__(
        self,
        n: int,
        fn: Callable[[Any], Any],
        init: Callable[[], Any] | None = None,
        *,
        timeout: float | None = None,
        max_rss: int | None = None,
    ) -> None:
        self.fn, self.init = fn, init
        self.timeout, self.max_rss = timeout, max_rss
        self._ctx = multiprocessing.get_context("spawn")
        self._queue: collections.deque[tuple[Hashable, Any]] = collections.deque()
        self._payloads: dict[Hashable, Any] = {}
        self._slots = [_Slot(self._ctx, fn, init) for _ in range(max(1, n))]
        self._start_failures = 0
        self._unsent: list[tuple[Hashable, Failure]] = []
        self.replaced = 0

    def submit(self, tag: Hashable, payload: Any) -> None:
        """Queue a task; it goes to the first free worker."""
        self._queue.append((tag, payload))

    def pending(self) -> int:
        """Tasks submitted and not yet returned by :meth:`wait`."""
        return len(self._queue) + len(self._unsent) + sum(1 for s in self._slots if s.task is not None)

    def wait(self) -> list[tuple[Hashable, Any]]:
        """Block until at least one task is done (or none is pending); ``(tag, result or Failure)`` pairs."""
        done: list[tuple[Hashable, Any]] = []
        while not done and self.pending():
            self._dispatch()
            if self._unsent:
                done.extend(self._unsent)
                self._unsent.clear()
                break
            busy = [s for s in self._slots if s.task is not None or not s.ready]
            ready = wait([s.conn for s in busy] + [s.process.sentinel for s in busy], self._wait_for())
            now = time.monotonic()
            for slot in list(self._slots):
                if slot.conn in ready or slot.process.sentinel in ready:
                    done.extend(self._read(slot, now))
            done.extend(self._enforce(time.monotonic()))
        return done

    def close(self) -> None:
        """Stop the workers (those busy are killed) and drop what is queued."""
        self._queue.clear()
        for slot in self._slots:
            if slot.task is None and slot.process.is_alive():
                try:
                    slot.conn.send(None)
                except OSError:
                    pass
        deadline = time.monotonic() + 5
        for slot in self._slots:
            if slot.task is None:
                slot.process.join(timeout=max(0.0, deadline - time.monotonic()))
            slot.kill()
        self._slots = []

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # internals ---------------------------------------------------------------------------------------

    def _dispatch(self) -> None:
        for slot in self._slots:
            if not self._queue:
                return
            if slot.ready and slot.task is None:
                tag, payload = self._queue.popleft()
                try:
                    slot.conn.send((tag, payload))
                except OSError:  # the worker died since it was last seen: its sentinel says so next
                    self._queue.appendleft((tag, payload))
                    continue
                except Exception as exc:  # the payload cannot be sent (not picklable)
                    self._unsent.append((tag, Failure("error", type(exc).__name__, str(exc)[:500], 0.0)))
                    continue
                slot.task = (tag, time.monotonic())

    def _wait_for(self) -> float:
        """Seconds until the nearest deadline (a task's time limit, the next memory look)."""
        limits = [POLL_SECONDS] if self.max_rss else []
        now = time.monotonic()
        for slot in self._slots:
            if slot.task is not None and self.timeout is not None:
                limits.append(slot.task[1] + self.timeout - now)
            elif not slot.ready:
                limits.append(slot.started + START_SECONDS - now)
        return max(0.0, min(limits)) if limits else POLL_SECONDS * 8

    def _read(self, slot: _Slot, now: float) -> list[tuple[Hashable, Any]]:
        try:
            if slot.conn.poll():
                kind, value, extra = self._recv(slot)
                if kind == "ready":
                    slot.ready = True
                    self._start_failures = 0
                    return []
                tag, started = slot.task or (kind, now)
                slot.task = None
                if value:
                    return [(tag, extra)]
                error, message = extra
                return [(tag, Failure("error", error, message, now - started))]
        except (EOFError, OSError):
            slot.process.join(timeout=1)  # the pipe closed: the process is ending
        if slot.process.is_alive():
            return []
        return self._replace(slot, "died", now)

    @staticmethod
    def _recv(slot: _Slot) -> tuple[Any, Any, Any]:
        message = slot.conn.recv()
        return message[0], message[1], message[2]

    def _enforce(self, now: float) -> list[tuple[Hashable, Any]]:
        out: list[tuple[Hashable, Any]] = []
        for slot in list(self._slots):
            if slot.task is not None:
                elapsed = now - slot.task[1]
                if self.timeout is not None and elapsed > self.timeout:
                    out.extend(self._replace(slot, "timeout", now))
                    continue
                if self.max_rss is not None:
                    rss = rss_bytes(slot.process.pid or 0)
                    if rss is not None and rss > self.max_rss:
                        out.extend(self._replace(slot, "memory", now, rss))
            elif not slot.ready and now - slot.started > START_SECONDS:
                self._replace(slot, "died", now)
        return out

    def _replace(
        self, slot: _Slot, kind: str, now: float, rss: int | None = None
    ) -> list[tuple[Hashable, Any]]:
        slot.kill()
        code = slot.process.exitcode
        index = self._slots.index(slot)
        if not slot.ready:
            self._start_failures += 1
            if self._start_failures >= START_FAILURES:
                self.close()
                raise NewsmineRuntimeError(Errors.E016, n=START_FAILURES, code=code)
        self._slots[index] = _Slot(self._ctx, self.fn, self.init)
        self.replaced += 1
        if slot.task is None:
            return []
        tag, started = slot.task
        elapsed = now - started
        if kind == "timeout":
            failure = Failure(
                "timeout", "ArticleTimeout",
                f"no result after {elapsed:.1f} s (time limit {self.timeout:g} s); the worker was replaced",
                elapsed,
            )  # fmt: skip
        elif kind == "memory":
            failure = Failure(
                "memory", "MemoryBudget",
                f"the worker held {(rss or 0) / 2**20:.0f} MB after {elapsed:.1f} s (limit "
                f"{(self.max_rss or 0) / 2**20:.0f} MB); it was replaced",
                elapsed,
            )  # fmt: skip
        else:
            failure = Failure(
                "died", "WorkerDied",
                f"the worker process ended (exit code {code}) after {elapsed:.1f} s on this item; "
                "it was replaced",
                elapsed,
            )  # fmt: skip
        return [(tag, failure)]
