"""The nightly batch: inputs -> content hash -> skip what is done -> extract (pool or Dask) -> parts + state.

Stages in a fixed order (scrapy's habit): read (:mod:`~newsmine.batch.inputs`) -> validate (size, nesting)
-> deduplicate (content hash against the state store and against what is in flight) -> extract (worker
processes, or Dask workers with ``scheduler``) -> store (:mod:`~newsmine.batch.sinks`). Whatever fails at
any stage becomes a line of ``errors.jsonl`` with the input reference, the stage, the error type and the
message; a Record with warnings is still a Record.

Output directory::

    DIR/records/part-<run>-<n>.parquet|.jsonl   committed record parts
    DIR/state.sqlite                            processed units (content hash -> record id, part) and errors
    DIR/errors.jsonl                            every input that could not become a Record
    DIR/run-<timestamp>.json                    the summary of each run

Crash safety: the protocol
--------------------------
A part holds at most ``part_size`` records. It is made durable in this order:

1. write the part to ``records/.part-....tmp`` and fsync it;
2. rename it to its final name ``records/part-....<ext>`` (atomic) and fsync the directory;
3. in ONE SQLite transaction (synchronous=FULL): insert the part's name into ``parts`` and every key it
   holds, plus the errors met since the last commit, into ``units``;
4. append those errors to ``errors.jsonl`` (a convenience copy; the truth is the state store).

At start-up, with the directory locked against a second runner, the runner reconciles: every ``*.tmp`` in
``records/`` is deleted (killed before step 2), every part file whose name is not in ``parts`` is deleted
(killed between steps 2 and 3: its keys were never committed, so they are processed again), and
``errors.jsonl`` is rewritten from the state store (killed during or before step 4). A key is therefore in
the output exactly when it is committed, and a committed key is never processed again: a SIGKILL at any
instant, followed by a rerun, leaves every input in the output (or in errors.jsonl) exactly once.
Deleting an orphan part instead of adopting it costs at most one part of repeated work and keeps the rule
simple: the state store alone says what exists.

The same content met twice (in two files, or twice in one) is processed once; the second is counted in
the summary as ``skipped_duplicate``.

Memory stays bounded: inputs are read lazily, at most ``4 * workers`` chunks are in flight, and at most
``part_size`` finished records wait for the next part; the keys of what is in flight are the only set kept.
"""

from __future__ import annotations

import collections
import concurrent.futures as cf
import fcntl
import json
import multiprocessing
import os
import sys
import time
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from newsmine.batch.inputs import MAX_BYTES, InputError, Unit, read_units
from newsmine.batch.sinks import PARTS_DIR, check_format, check_row, fsync_dir, write_part
from newsmine.batch.state import State, UnitRow
from newsmine.batch.work import Result, Task, process_chunk, warm
from newsmine.errors import Errors, NewsmineRuntimeError
from newsmine.schema import RECORD_FIELDS, FieldSpec

__all__ = ["run_batch"]

ERRORS_FILE = "errors.jsonl"
LOCK_FILE = ".lock"
# -- execution backends: submit a chunk, wait for the next finished ones ------------------------------------


class _Inline:
    """No pool: chunks run in this process as they are submitted (workers=1)."""

    def __init__(self, extractor: str | None) -> None:
        self.extractor = extractor
        self.done: collections.deque[list[Result]] = collections.deque()

    def submit(self, chunk: list[Task]) -> None:
        self.done.append(process_chunk(chunk, self.extractor))

    def pending(self) -> int:
        return len(self.done)

    def wait(self) -> list[list[Result]]:
        out = list(self.done)
        self.done.clear()
        return out

    def close(self) -> None:
        pass


class _Pool:
    """A process pool on this machine; each worker loads the pipeline once."""

    def __init__(self, workers: int, extractor: str | None) -> None:
        self.extractor = extractor
        self.pool = cf.ProcessPoolExecutor(
            workers, mp_context=multiprocessing.get_context("spawn"), initializer=warm, initargs=(extractor,)
        )
        self.futures: set[cf.Future[list[Result]]] = set()

    def submit(self, chunk: list[Task]) -> None:
        self.futures.add(self.pool.submit(process_chunk, chunk, self.extractor))

    def pending(self) -> int:
        return len(self.futures)

    def wait(self) -> list[list[Result]]:
        done, self.futures = cf.wait(self.futures, return_when=cf.FIRST_COMPLETED)
        return [f.result() for f in done]

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def _backend(workers: int, scheduler: Any, extractor: str | None) -> Any:
    if scheduler is not None:
        from newsmine.batch.cluster import DaskBackend

        return DaskBackend(scheduler, extractor)
    if workers <= 1:
        return _Inline(extractor)
    return _Pool(workers, extractor)


# -- the run ------------------------------------------------------------------------------------------------


def _run_id() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")


def reconcile(out: Path, state: State) -> dict[str, int]:
    """Start-up repair after a crash: drop temporary and uncommitted parts, rewrite errors.jsonl."""
    parts = out / PARTS_DIR
    committed = set(state.parts())
    removed = {"tmp": 0, "orphan": 0}
    for path in sorted(parts.iterdir()):
        if path.name.endswith(".tmp"):
            path.unlink()
            removed["tmp"] += 1
        elif path.name.startswith("part-") and path.name not in committed:
            path.unlink()
            removed["orphan"] += 1
    _rewrite_errors(out, state)
    fsync_dir(parts)
    return removed


def _rewrite_errors(out: Path, state: State) -> None:
    tmp = out / (ERRORS_FILE + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        for error in state.errors():
            fh.write(json.dumps(error, ensure_ascii=False) + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, out / ERRORS_FILE)


class _Store:
    """The store stage: buffers finished records and errors, commits them as parts (see the protocol)."""

    def __init__(
        self, out: Path, state: State, run: str, fmt: str, part_size: int, fields: tuple[FieldSpec, ...]
    ) -> None:
        self.out, self.state, self.run, self.fmt, self.part_size = out, state, run, fmt, part_size
        self.fields = fields
        self.rows: list[dict[str, Any]] = []
        self.units: list[UnitRow] = []
        self.errors: list[dict[str, Any]] = []
        self.n_parts = 0
        self.last = time.monotonic()
        self.committed_keys: list[str] = []

    def add_record(self, key: str, ref: str, record: dict[str, Any]) -> dict[str, Any] | None:
        """Buffer a record for the next part; a record the Parquet schema cannot hold is returned as an
        error (stage "store") instead, so that it cannot stop every part it would be in."""
        row = {**record, "content_hash": key, "input": ref}
        if self.fmt == "parquet":
            try:
                check_row(row, self.fields)
            except Exception as exc:
                message = f"the record does not fit the Parquet schema: {exc}"[:500]
                error = {"input": ref, "stage": "store", "error": type(exc).__name__, "message": message}
                error.update({"url": record.get("url"), "key": key})
                self.add_error(error)
                return error
        self.rows.append(row)
        self.units.append((key, "record", record.get("id"), record.get("url"), ref, None))
        return None

    def add_error(self, error: dict[str, Any]) -> None:
        self.errors.append(error)
        text = json.dumps(error, ensure_ascii=False)
        self.units.append((error["key"], "error", None, error.get("url"), error["input"], text))

    def due(self, flush_seconds: float) -> bool:
        return (
            len(self.rows) >= self.part_size
            or len(self.units) >= 4 * self.part_size
            or (bool(self.units) and time.monotonic() - self.last > flush_seconds)
        )

    def flush(self) -> list[str]:
        """Commit what is buffered; returns the keys now committed."""
        if not self.units:
            return []
        part = None
        if self.rows:
            self.n_parts += 1
            part = f"part-{self.run}-{self.n_parts:05d}.{self.fmt}"
            final = self.out / PARTS_DIR / part
            tmp = self.out / PARTS_DIR / f".{part}.tmp"
            write_part(tmp, self.rows, self.fmt, self.fields)  # 1. temporary name, fsynced
            os.replace(tmp, final)  # 2. atomic rename ...
            fsync_dir(final.parent)  # ... made durable
        self.state.commit(part, self.units, self.run)  # 3. one transaction: the part and its keys
        if self.errors:  # 4. the convenience copy of the errors
            with open(self.out / ERRORS_FILE, "a", encoding="utf-8") as fh:
                fh.writelines(json.dumps(e, ensure_ascii=False) + "\n" for e in self.errors)
        keys = [u[0] for u in self.units]
        self.rows, self.units, self.errors = [], [], []
        self.last = time.monotonic()
        return keys


def _grouped(items: Iterable[Unit | InputError], size: int) -> Iterator[list[Unit | InputError]]:
    group: list[Unit | InputError] = []
    for item in items:
        group.append(item)
        if len(group) >= size:
            yield group
            group = []
    if group:
        yield group


def run_batch(
    inputs: Iterable[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    workers: int = 1,
    scheduler: Any = None,
    fmt: str = "parquet",
    part_size: int = 500,
    chunk_size: int = 8,
    flush_seconds: float = 60.0,
    max_bytes: int = MAX_BYTES,
    progress: bool = True,
    extractor: str | None = None,
    fields: tuple[FieldSpec, ...] = RECORD_FIELDS,
) -> dict[str, Any]:
    """Process ``inputs`` into ``out`` incrementally; returns the run summary (also in run-<time>.json).

    ``workers``: worker processes on this machine (1: in this process). ``scheduler``: a Dask scheduler
    address (``tcp://host:8786``) or a ``distributed.Client``; the work then runs on its workers.
    ``extractor``: ``"module:function"`` to use instead of ``newsmine.extract`` (for other extractors, and
    for the crash tests, which need a fast one; the runner's protocol does not depend on it). ``fields``:
    the registry the parts' columns come from (``RECORD_FIELDS``; a copy for a Record subclass with more).
    """
    check_format(fmt)
    out = Path(out)
    (out / PARTS_DIR).mkdir(parents=True, exist_ok=True)
    lock = open(out / LOCK_FILE, "w")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        lock.close()
        raise NewsmineRuntimeError(Errors.E013, out=out) from None
    state = State(out)
    run = _run_id()
    started = time.monotonic()
    try:
        repaired = reconcile(out, state)
        state.start_run(run)
        store = _Store(out, state, run, fmt, part_size, fields)
        counts: collections.Counter[str] = collections.Counter()
        error_types: collections.Counter[str] = collections.Counter()
        in_flight: set[str] = set()  # keys submitted or buffered, not yet committed
        bar = _progress(progress)
        backend = _backend(workers, scheduler, extractor)
        max_pending = 1 if isinstance(backend, _Inline) else max(2, 4 * max(workers, 1))
        if scheduler is not None:
            max_pending = max(max_pending, 4 * backend.n_workers())
        chunk: list[Task] = []
        # keys committed since the state store was last asked (the group being read may hold them again)
        recent: set[str] = set()

        def commit() -> None:
            keys = store.flush()
            in_flight.difference_update(keys)
            recent.update(keys)

        def collect(results: list[list[Result]]) -> None:
            for batch in results:
                for key, ref, record, error in batch:
                    if record is not None:
                        error = store.add_record(key, ref, record)  # not None: the sink cannot hold it
                        if error is None:
                            counts["processed"] += 1
                            counts["with_warnings"] += bool(record.get("warnings"))
                    else:
                        store.add_error(error or {})
                    if record is None or error is not None:
                        error_types[f"{error['stage']}:{error['error']}" if error else "?"] += 1
                    bar.update(1)
                    if store.due(flush_seconds):
                        commit()
            bar.set_postfix(errors=sum(error_types.values()), skipped=counts["skipped_done"], refresh=False)

        def send(force: bool = False) -> None:
            nonlocal chunk
            if chunk and (force or len(chunk) >= chunk_size):
                while backend.pending() >= max_pending:
                    collect(backend.wait())
                backend.submit(chunk)
                chunk = []
                if isinstance(backend, _Inline):
                    collect(backend.wait())

        try:
            for group in _grouped(read_units(inputs, max_bytes=max_bytes), 256):
                done = state.known([u.key for u in group])
                recent.clear()
                for unit in group:
                    if unit.key in done or unit.key in recent:
                        counts["skipped_done"] += 1
                        continue
                    if unit.key in in_flight:
                        counts["skipped_duplicate"] += 1
                        continue
                    in_flight.add(unit.key)
                    if isinstance(unit, InputError):
                        store.add_error(unit.to_dict())
                        error_types[f"{unit.stage}:{unit.error}"] += 1
                        bar.update(1)
                        if store.due(flush_seconds):
                            commit()
                        continue
                    chunk.append((unit.key, unit.ref, unit.item))
                    send()
                bar.set_postfix(
                    errors=sum(error_types.values()), skipped=counts["skipped_done"], refresh=False
                )
            send(force=True)
            while backend.pending():
                collect(backend.wait())
            commit()
        finally:
            backend.close()
            bar.close()
        _rewrite_errors(out, state)
        elapsed = time.monotonic() - started
        total = state.count()
        summary = {
            "run": run,
            "out": str(out),
            "inputs": [str(i) for i in inputs] if isinstance(inputs, (list, tuple)) else None,
            "format": fmt,
            "workers": workers,
            "scheduler": scheduler if isinstance(scheduler, str) or scheduler is None else repr(scheduler),
            "processed": counts["processed"],
            "with_warnings": counts["with_warnings"],
            "errors": sum(error_types.values()),
            "errors_by_type": dict(sorted(error_types.items())),
            "skipped_done": counts["skipped_done"],
            "skipped_duplicate": counts["skipped_duplicate"],
            "parts_written": store.n_parts,
            "repaired": repaired,
            "elapsed_s": round(elapsed, 3),
            "articles_per_s": round(counts["processed"] / elapsed, 2) if elapsed > 0 else None,
            "total_records": total.get("record", 0),
            "total_errors": total.get("error", 0),
        }
        state.finish_run(run, summary)
        _write_json(out / f"run-{run}.json", summary)
        return summary
    finally:
        state.close()
        lock.close()


def _write_json(path: Path, data: dict[str, Any]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)


class _NoBar:
    def update(self, n: int = 1) -> None:
        pass

    def set_postfix(self, **kwargs: Any) -> None:
        pass

    def close(self) -> None:
        pass


def _progress(enabled: bool) -> Any:
    if not enabled:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(desc="newsmine batch", unit=" art", file=sys.stderr, smoothing=0.1, dynamic_ncols=True)
