"""The worker side of a batch: a chunk of units in, their Records (as dicts) or error dicts out.

Runs in the batch's own process (one worker), in a pool's worker processes, or on a Dask worker; it knows
nothing of parts, the state store or the backend that called it, so both the runner and the cluster
backend depend on it and not on each other.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import lru_cache
from typing import Any

__all__ = ["Result", "Task", "process_chunk", "warm"]

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
    """Worker start-up: load the pipeline once, before the first chunk arrives."""
    fn = _extractor(spec)
    if not spec:
        fn("گرم کردن")


def process_chunk(tasks: list[Task], extractor: str | None = None) -> list[Result]:
    """Extract a chunk of units in a worker; an exception becomes an error, never escapes."""
    fn = _extractor(extractor)
    out: list[Result] = []
    for key, ref, item in tasks:
        try:
            rec = fn(item)
            out.append((key, ref, rec.to_dict(), None))
        except Exception as exc:
            error = {
                "input": ref,
                "stage": "extract",
                "error": type(exc).__name__,
                "message": str(exc)[:500],
                "url": item.get("url"),
                "key": key,
            }
            out.append((key, ref, None, error))
    return out
