"""The worker side of a batch: a chunk of units in, their Records (as dicts) or error dicts out.

Runs in the batch's own process (one worker), in a pool's worker processes, or on a Dask worker; it knows
nothing of parts, the state store or the backend that called it, so both the runner and the cluster
backend depend on it and not on each other.
"""

from __future__ import annotations

import gc
import importlib
import time
from collections.abc import Callable
from functools import lru_cache
from typing import Any

__all__ = ["Result", "Task", "error_dict", "process_chunk", "process_task", "warm"]

#: (content hash, input reference, the item) as sent to a worker
Task = tuple[str, str, dict[str, Any]]
#: (content hash, input reference, Record.to_dict() or None, error dict or None) as sent back
Result = tuple[str, str, dict[str, Any] | None, dict[str, Any] | None]


@lru_cache(maxsize=4)
def _extractor(spec: str | None) -> Callable[[Any], Any]:
    """``newsmine.extract``, or the function ``module:name`` names (another extractor, or a test's stub)."""
    if not spec:
        from newsmine.extract import extract

        return extract
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)


def warm(spec: str | None) -> None:
    """Worker start-up: load the pipeline once, before the first chunk arrives, then freeze what is alive
    (the pipeline's tables) out of the garbage collector's sight, as ``newsmine.extract.warm_worker``
    does: full collections then stop walking them again and again on long articles."""
    fn = _extractor(spec)
    if not spec:
        fn("گرم کردن")
    gc.freeze()


def error_dict(
    task: Task, stage: str, error: str, message: str, elapsed: float | None = None
) -> dict[str, Any]:
    """An ``errors.jsonl`` line for a task that gave no Record."""
    key, ref, item = task
    out = {"input": ref, "stage": stage, "error": error, "message": message[:500], "url": item.get("url")}
    if elapsed is not None:
        out["elapsed_s"] = round(elapsed, 3)
    out["key"] = key
    return out


def process_task(task: Task, extractor: str | None = None) -> Result:
    """Extract one unit; an exception becomes an error (with the time it took), never escapes."""
    key, ref, item = task
    fn = _extractor(extractor)
    started = time.monotonic()
    try:
        return (key, ref, fn(item).to_dict(), None)
    except Exception as exc:
        return (
            key,
            ref,
            None,
            error_dict(task, "extract", type(exc).__name__, str(exc), time.monotonic() - started),
        )


def process_chunk(tasks: list[Task], extractor: str | None = None) -> list[Result]:
    """Extract a chunk of units (in one process, or on a Dask worker); see :func:`process_task`."""
    return [process_task(task, extractor) for task in tasks]
