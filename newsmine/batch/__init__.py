"""Batch processing: incremental, resumable, on a process pool or a Dask cluster.

``run_batch(inputs, out_dir, workers=N)`` processes inputs into record parts, ``errors.jsonl`` and a state
store; ``read_records`` / ``read_mentions`` read the output back. See :mod:`newsmine.batch.runner` for the
crash-safety protocol, the per-article limits (``ARTICLE_TIMEOUT``, ``ARTICLE_MEMORY_MB``: the defaults of
``article_timeout`` and ``article_memory_mb``) and what the run summary reports.
"""

from __future__ import annotations

from newsmine.batch.read import read_mentions, read_records
from newsmine.batch.runner import ARTICLE_MEMORY_MB, ARTICLE_TIMEOUT, run_batch

__all__ = ["ARTICLE_MEMORY_MB", "ARTICLE_TIMEOUT", "read_mentions", "read_records", "run_batch"]
