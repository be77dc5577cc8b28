"""The nightly batch: inputs -> content hash -> skip what is done -> extract (pool or Dask) -> parts + state.

Stages in a fixed order (scrapy's habit): read (:mod:`~newsmine.batch.inputs`) -> validate (size, nesting)
-> deduplicate (content hash against the state store and against what is in flight) -> extract (worker
processes, or Dask workers with ``scheduler``) -> store (:mod:`~newsmine.batch.sinks`). Whatever fails at
any stage becomes a line of ``errors.jsonl`` with the input reference, the stage, the error type and the
message; a Record with warnings is still a Record.

Output directory::

    DIR/records/part-<run>-<n>.parquet|.jsonl   committed record parts (the truth: each row carries its key)
    DIR/state.sqlite                            the index: parts (name, size, SHA-256), units, errors, runs
    DIR/errors.jsonl                            every input that could not become a Record
    DIR/run-<timestamp>.json                    the summary of each run
    DIR/quarantine/                             part files kept aside, never deleted (see below)

Crash safety: the protocol
--------------------------
A part holds at most ``part_size`` records. It is made durable in this order:

1. write the part to ``records/.part-....tmp`` and fsync it;
2. rename it to its final name ``records/part-....<ext>`` (atomic) and fsync the directory;
3. in ONE SQLite transaction (synchronous=FULL): insert the part's name, size and SHA-256 into ``parts``
   and every key it holds, plus the errors met since the last commit, into ``units``;
4. append those errors to ``errors.jsonl`` (a convenience copy; the state store has them).

At start-up, with the directory locked against a second runner, the runner reconciles; it never deletes
a part file:

- every ``*.tmp`` in ``records/`` is deleted (killed before step 2: never a part);
- a part file the state does not list (killed between steps 2 and 3, or a state lost, emptied or
  damaged) is *adopted*: it was written whole and fsynced before its rename, and it carries its keys, so
  its keys are committed now in one transaction. One whose keys are committed already (a copy), or
  that cannot be read, is moved to ``quarantine/``;
- a part the state lists that is missing, or whose size (with ``verify=True``, SHA-256) differs from
  the manifest, is reported in the summary (``repaired.missing_parts``) and its keys are forgotten, so
  its inputs are processed again (a damaged file goes to ``quarantine/``);
- a state file SQLite cannot read is kept as ``state.sqlite.damaged-<run>`` and a new one built; when
  the state is new or empty, the errors are restored from ``errors.jsonl``;
- ``errors.jsonl`` is rewritten from the state store (killed during or before step 4).

A key is therefore in the output exactly when it is in a part, and a key in a part is never processed
again: a SIGKILL at any instant, a deleted state or a deleted part, followed by a rerun, leaves every
input in the output (or in errors.jsonl) exactly once. A write that fails (a full disk) raises E017 with
the cause the system gave ("No space left on device", "database or disk is full"); what was committed
before stays.

The same content met twice (in two files, or twice in one) is processed once; the second is counted in
the summary as ``skipped_duplicate``.

Fault isolation
---------------
Articles are extracted in worker processes (:class:`newsmine.workers.WorkerPool`), one article per
worker at a time, also with ``workers=1``. An article that runs past ``article_timeout`` seconds or
whose worker grows past ``article_memory_mb`` has its worker killed and replaced; a worker that dies
(the OOM killer, ``kill -9``) is replaced. That article becomes an ``errors.jsonl`` line (stage
``extract``, error ``ArticleTimeout``, ``MemoryBudget`` or ``WorkerDied``, with ``elapsed_s``) and the
batch goes on; a rerun skips it unless ``retry_errors=True``. The workers die with the runner's process.
No ``signal`` is used. With ``article_timeout=None`` and ``article_memory_mb=None`` and one worker the
articles run in the calling process instead (no isolation). On Dask the cluster's own limits apply (a
chunk whose worker died becomes error lines).

Inputs and the summary
----------------------
:func:`run_batch` returns (and writes to ``run-<time>.json``) a summary: what was processed, skipped,
failed, repaired, and what was read: ``inputs_read`` (files), ``units_read``, ``missing_inputs`` (paths
and globs that named nothing: a caller such as the command line should exit non-zero when it is not
empty) and ``skipped_paths`` (the batch's own output inside an input folder, error logs, a crawl's
``records.jsonl`` beside its WARC: see :mod:`newsmine.batch.inputs`).

Memory stays bounded: inputs are read lazily, a few tasks per worker are in flight, and at most
``part_size`` finished records wait for the next part; the keys of what is in flight are the only set kept.
"""

from __future__ import annotations

import collections
import fcntl
import functools
import hashlib
import json
import os
import sqlite3
import sys
import time
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from newsmine.batch.inputs import MAX_BYTES, InputError, Reading, Unit, read_units
from newsmine.batch.sinks import PARTS_DIR, check_format, check_row, fsync_dir, write_part
from newsmine.batch.state import STATE_FILE, State, UnitRow
from newsmine.batch.work import Result, Task, error_dict, process_chunk, process_task, warm
from newsmine.errors import Errors, NewsmineRuntimeError
from newsmine.schema import RECORD_FIELDS, FieldSpec
from newsmine.workers import Failure, WorkerPool

__all__ = ["ARTICLE_MEMORY_MB", "ARTICLE_TIMEOUT", "reconcile", "run_batch"]

ERRORS_FILE = "errors.jsonl"
LOCK_FILE = ".lock"
QUARANTINE_DIR = "quarantine"
#: the default time limit for one article, in seconds (a news article takes well under one; the slowest
#: of 900 real ones about 3 s): past it the worker is replaced and the article is an error line
ARTICLE_TIMEOUT = 300.0
#: the default memory limit of a worker while it extracts, in MB (a worker holds about 500 MB; a 1 MB
#: article peaks under 1.5 GB)
ARTICLE_MEMORY_MB = 3000.0

# -- execution backends: submit a chunk, wait for the next finished ones ------------------------------------


class _Inline:
    """No isolation: chunks run in this process as they are submitted (one worker, no limits)."""

    def __init__(self, extractor: str | None) -> None:
        self.extractor = extractor
        self.done: collections.deque[list[Result]] = collections.deque()
        self.capacity = 1
        self.replaced = 0

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


class _Supervised:
    """Worker processes on this machine, one article each at a time, with the per-article limits."""

    def __init__(
        self, workers: int, extractor: str | None, timeout: float | None, memory_mb: float | None, chunk: int
    ) -> None:
        self.pool = WorkerPool(
            workers,
            functools.partial(process_task, extractor=extractor),
            functools.partial(warm, extractor),
            timeout=timeout,
            max_rss=int(memory_mb * 2**20) if memory_mb else None,
        )
        self.tasks: dict[str, Task] = {}
        self.capacity = max(2, 4 * workers * max(1, chunk))

    @property
    def replaced(self) -> int:
        return self.pool.replaced

    def submit(self, chunk: list[Task]) -> None:
        for task in chunk:
            self.tasks[task[0]] = task
            self.pool.submit(task[0], task)

    def pending(self) -> int:
        return self.pool.pending()

    def wait(self) -> list[list[Result]]:
        out: list[Result] = []
        for key, result in self.pool.wait():
            task = self.tasks.pop(str(key))
            if isinstance(result, Failure):
                error = error_dict(task, "extract", result.error, result.message, result.elapsed)
                out.append((task[0], task[1], None, error))
            else:
                out.append(result)
        return [out]

    def close(self) -> None:
        self.pool.close()


def _backend(
    workers: int,
    scheduler: Any,
    extractor: str | None,
    timeout: float | None,
    memory_mb: float | None,
    chunk: int,
) -> Any:
    if scheduler is not None:
        from newsmine.batch.cluster import DaskBackend

        return DaskBackend(scheduler, extractor)
    if workers <= 1 and timeout is None and memory_mb is None:
        return _Inline(extractor)
    return _Supervised(max(1, workers), extractor, timeout, memory_mb, chunk)


# -- durable writes -----------------------------------------------------------------------------------------


@contextmanager
def _io(out: Path, what: str, partial: Path | None = None) -> Iterator[None]:
    """A failed write raised as E017 with the cause the system gave (a half-written ``partial`` removed)."""
    try:
        yield
    except (OSError, sqlite3.Error) as exc:
        if partial is not None:
            try:
                partial.unlink(missing_ok=True)
            except OSError:
                pass
        cause = f"{type(exc).__name__}: {exc}"
        code = getattr(exc, "sqlite_errorname", None)  # SQLITE_FULL, SQLITE_IOERR_WRITE... (Python 3.11+)
        raise NewsmineRuntimeError(
            Errors.E017, what=what, out=out, cause=f"{cause} ({code})" if code else cause
        ) from exc


def _digest(path: Path) -> tuple[int, str]:
    h = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
            size += len(block)
    return size, h.hexdigest()


def _part_keys(path: Path) -> list[UnitRow]:
    """The unit rows a part holds (its keys, record ids, URLs and inputs), read from the part itself."""
    if path.name.endswith(".parquet"):
        import pyarrow.parquet as pq

        table = pq.read_table(path, columns=["content_hash", "id", "url", "input"])
        columns = [table.column(name).to_pylist() for name in ("content_hash", "id", "url", "input")]
        rows = list(zip(*columns, strict=True))
    else:
        rows = []
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    obj = json.loads(line)
                    rows.append((obj["content_hash"], obj.get("id"), obj.get("url"), obj.get("input")))
    if any(not key for key, *_ in rows):
        raise ValueError("a row without its content_hash")
    return [(key, "record", rid, url, ref or "", None) for key, rid, url, ref in rows]


# -- the run ------------------------------------------------------------------------------------------------


def _run_id() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")


def _open_state(out: Path, run: str) -> tuple[State, str | None]:
    """The state store, and a note when it had to be set aside (unreadable) for a new one."""
    path = out / STATE_FILE
    sidecars = [out / (STATE_FILE + suffix) for suffix in ("-wal", "-shm", "-journal")]
    if not path.exists():  # a journal without its database must not be replayed onto a new one
        for stale in sidecars:
            if stale.exists():
                stale.rename(stale.with_name(f"{stale.name}.stale-{run}"))
    try:
        return State(out), None
    except sqlite3.DatabaseError as exc:
        moved = path.with_name(f"{STATE_FILE}.damaged-{run}")
        path.rename(moved)
        for stale in sidecars:
            if stale.exists():
                stale.rename(stale.with_name(f"{stale.name}.damaged-{run}"))
        note = Errors.E019.format(path=path, error=f"{type(exc).__name__}: {exc}", moved=moved.name)
        warnings.warn(note, RuntimeWarning, stacklevel=3)
        return State(out), note


def _quarantine(out: Path, path: Path) -> str:
    folder = out / QUARANTINE_DIR
    folder.mkdir(exist_ok=True)
    target = folder / path.name
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{path.stem}.{n}{path.suffix}"
    os.replace(path, target)
    return str(target.relative_to(out))


def reconcile(out: Path, state: State, verify: bool = False) -> dict[str, Any]:
    """Start-up repair (see the protocol): temporaries deleted, orphan parts adopted, missing or damaged
    parts forgotten (their inputs are redone), errors restored into a new state, errors.jsonl rewritten.
    Returns what was done, for the summary."""
    parts = out / PARTS_DIR
    fresh = state.is_empty()
    report: dict[str, Any] = {"tmp": 0, "adopted": [], "quarantined": [], "missing_parts": []}
    for path in sorted(parts.iterdir()):
        if path.name.endswith(".tmp"):
            path.unlink()
            report["tmp"] += 1
    listed = {row.name: row for row in state.manifest()}
    for row in listed.values():
        path = parts / row.name
        problem = None
        if not path.exists():
            problem = "missing"
        elif row.size is not None and path.stat().st_size != row.size:
            problem = f"{path.stat().st_size} bytes where the manifest says {row.size}"
        elif verify and row.sha256 and _digest(path)[1] != row.sha256:
            problem = "its SHA-256 differs from the manifest"
        if problem is None:
            continue
        redo = state.forget_part(row.name)
        entry = {"part": row.name, "problem": problem, "records_to_redo": redo}
        if path.exists():
            entry["kept_as"] = _quarantine(out, path)
        report["missing_parts"].append(entry)
        warnings.warn(
            f"newsmine batch: part {row.name} in {out} is {problem}; its {redo} record(s) will be redone",
            RuntimeWarning,
            stacklevel=3,
        )
    for path in sorted(parts.iterdir()):
        if not path.name.startswith("part-") or path.name in listed:
            continue
        try:
            rows = _part_keys(path)
        except Exception as exc:  # unreadable: kept aside, never deleted
            report["quarantined"].append(
                {
                    "part": path.name,
                    "why": f"unreadable ({type(exc).__name__}: {exc})"[:300],
                    "kept_as": _quarantine(out, path),
                }
            )
            continue
        keys = [r[0] for r in rows]
        if not rows or state.known(keys, errors=False) or len(set(keys)) < len(keys):
            why = "its records are in the output already" if rows else "it holds no record"
            report["quarantined"].append({"part": path.name, "why": why, "kept_as": _quarantine(out, path)})
            continue
        size, digest = _digest(path)
        run = path.name.split("-")[1] if path.name.count("-") >= 2 else "adopted"
        state.commit(path.name, rows, run, size, digest)
        report["adopted"].append(path.name)
    if fresh:
        report["errors_restored"] = _restore_errors(out, state)
    _rewrite_errors(out, state)
    fsync_dir(parts)
    return report


def _restore_errors(out: Path, state: State) -> int:
    """Into a new or emptied state: the errors ``errors.jsonl`` still lists (lines with their key)."""
    path = out / ERRORS_FILE
    if not path.exists():
        return 0
    rows: dict[str, UnitRow] = {}
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            try:
                error = json.loads(line)
            except ValueError:
                continue
            if isinstance(error, dict) and isinstance(error.get("key"), str) and error.get("input"):
                text = json.dumps(error, ensure_ascii=False)
                rows[error["key"]] = (error["key"], "error", None, error.get("url"), error["input"], text)
    fresh = [row for key, row in rows.items() if key not in state.known([key])]
    if fresh:
        state.commit(None, fresh, "restored")
    return len(fresh)


def _rewrite_errors(out: Path, state: State) -> None:
    tmp = out / (ERRORS_FILE + ".tmp")
    with _io(out, ERRORS_FILE, partial=tmp):
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
        part = size = digest = None
        if self.rows:
            self.n_parts += 1
            part = f"part-{self.run}-{self.n_parts:05d}.{self.fmt}"
            final = self.out / PARTS_DIR / part
            tmp = self.out / PARTS_DIR / f".{part}.tmp"
            with _io(self.out, f"part {part}", partial=tmp):
                write_part(tmp, self.rows, self.fmt, self.fields)  # 1. temporary name, fsynced
                size, digest = _digest(tmp)
                os.replace(tmp, final)  # 2. atomic rename ...
                fsync_dir(final.parent)  # ... made durable
        with _io(self.out, "the state store"):  # 3. one transaction: the part, its digest and its keys
            self.state.commit(part, self.units, self.run, size, digest)
        if self.errors:  # 4. the convenience copy of the errors
            with _io(self.out, ERRORS_FILE), open(self.out / ERRORS_FILE, "a", encoding="utf-8") as fh:
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
    article_timeout: float | None = ARTICLE_TIMEOUT,
    article_memory_mb: float | None = ARTICLE_MEMORY_MB,
    retry_errors: bool = False,
    verify: bool = False,
) -> dict[str, Any]:
    """Process ``inputs`` into ``out`` incrementally; returns the run summary (also in run-<time>.json).

    ``workers``: worker processes on this machine. ``scheduler``: a Dask scheduler address
    (``tcp://host:8786``) or a ``distributed.Client``; the work then runs on its workers. ``extractor``:
    ``"module:function"`` to use instead of ``newsmine.extract`` (for other extractors, and for the crash
    tests, which need a fast one; the runner's protocol does not depend on it). ``fields``: the registry
    the parts' columns come from (``RECORD_FIELDS``; a copy for a Record subclass with more).

    ``article_timeout`` (seconds) and ``article_memory_mb``: the budget of one article (module docstring,
    "Fault isolation"; None: no limit). ``retry_errors``: process again the inputs that ended as errors
    in earlier runs. ``verify``: check every committed part's SHA-256 against the manifest (its size is
    always checked).

    The summary says what was read: ``inputs_read``, ``units_read``, ``missing_inputs`` (not empty: an
    input named nothing; the command line exits non-zero) and ``skipped_paths``; and what was repaired at
    start-up (``repaired``: adopted, quarantined and missing parts, a rebuilt state). A write that fails
    raises E017 with its cause.
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
    run = _run_id()
    started = time.monotonic()
    try:
        state, note = _open_state(out, run)
    except BaseException:
        lock.close()
        raise
    try:
        with _io(out, "the state store"):
            repaired = reconcile(out, state, verify=verify)
            state.start_run(run)
        if note:
            repaired["state"] = note
        store = _Store(out, state, run, fmt, part_size, fields)
        counts: collections.Counter[str] = collections.Counter()
        error_types: collections.Counter[str] = collections.Counter()
        in_flight: set[str] = set()  # keys submitted or buffered, not yet committed
        bar = _progress(progress)
        reading = Reading()
        backend = _backend(workers, scheduler, extractor, article_timeout, article_memory_mb, chunk_size)
        max_pending = backend.capacity if scheduler is None else max(2, 4 * backend.n_workers())
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
            units = read_units(inputs, max_bytes=max_bytes, exclude=[out], reading=reading)
            for group in _grouped(units, 256):
                done = state.known([u.key for u in group], errors=not retry_errors)
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
        with _io(out, "the state store"):
            _rewrite_errors(out, state)
            total = state.count()
        elapsed = time.monotonic() - started
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
            "inputs_read": reading.files,
            "units_read": reading.units,
            "missing_inputs": reading.missing,
            "skipped_paths": reading.skipped,
            "n_skipped_paths": reading.n_skipped,
            "workers_replaced": backend.replaced if scheduler is None else None,
            "repaired": repaired,
            "elapsed_s": round(elapsed, 3),
            "articles_per_s": round(counts["processed"] / elapsed, 2) if elapsed > 0 else None,
            "total_records": total.get("record", 0),
            "total_errors": total.get("error", 0),
        }
        with _io(out, "the run summary"):
            state.finish_run(run, summary)
            _write_json(out / f"run-{run}.json", summary)
        if reading.missing:
            warnings.warn(
                f"newsmine batch: no such input: {', '.join(reading.missing)}", RuntimeWarning, stacklevel=2
            )
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
