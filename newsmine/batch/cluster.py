"""Dask distributed execution for the batch (the optional extra ``newsmine[distributed]``).

``newsmine batch ... --scheduler tcp://host:8786`` sends chunks of units to the cluster's workers with
``Client.submit``; everything else (reading, deduplication, parts, the state store) stays in the calling
process, so the crash-safety protocol of :mod:`newsmine.batch.runner` holds unchanged. Each Dask worker
process loads the spaCy pipeline once, on its first chunk (it is cached per process). At most a few chunks
per worker thread are in flight, so memory stays bounded on both sides.

The per-article time and memory limits of the local runner are not enforced here: the cluster's own are
(a nanny restarts a worker that exceeds its memory limit). A chunk whose worker died, or that failed on
the cluster, gives an error line for each of its articles (error ``ClusterTaskFailed``) and the batch
goes on.
"""

from __future__ import annotations

from typing import Any

from newsmine.batch.work import error_dict, process_chunk
from newsmine.errors import Errors, NewsmineRuntimeError

__all__ = ["DaskBackend"]


class DaskBackend:
    """Submit chunks to a Dask cluster; ``scheduler`` is an address or a ``distributed.Client``."""

    def __init__(self, scheduler: Any, extractor: str | None) -> None:
        try:
            from distributed import Client, as_completed
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise NewsmineRuntimeError(Errors.E014) from exc
        self.extractor = extractor
        self.own = not isinstance(scheduler, Client)
        self.client = Client(scheduler) if self.own else scheduler
        self.futures = as_completed(with_results=False)
        self.chunks: dict[Any, list[Any]] = {}
        self.count = 0

    def n_workers(self) -> int:
        info = self.client.scheduler_info()
        return max(1, sum(w.get("nthreads", 1) for w in info.get("workers", {}).values()))

    def submit(self, chunk: list[Any]) -> None:
        future = self.client.submit(process_chunk, chunk, self.extractor, pure=False)
        self.chunks[future.key] = chunk
        self.futures.add(future)
        self.count += 1

    def pending(self) -> int:
        return self.count

    def wait(self) -> list[Any]:
        future = next(self.futures)
        self.count -= 1
        chunk = self.chunks.pop(future.key)
        try:
            results = [future.result()]
        except Exception as exc:  # the worker died, or the task failed on the cluster
            message = f"the chunk failed on the cluster: {type(exc).__name__}: {exc}"
            results = [
                [(t[0], t[1], None, error_dict(t, "extract", "ClusterTaskFailed", message)) for t in chunk]
            ]
        future.release()
        return results

    def close(self) -> None:
        if self.own:
            self.client.close()
