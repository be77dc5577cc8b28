"""Record parts: Parquet (pyarrow) or JSONL files, written whole to a temporary name, fsynced, then renamed.

Parquet layout (one row per article): the Record's scalar fields as string columns (``id``, ``url``,
``source``, ``title``, ``kicker``, ``lead``, ``dateline``, ``published``, ``published_jalali``, ``text``,
``schema``), the list fields (``sentences``, ``people``, ``organizations``, ``locations``, ``events``,
``claims``, ``quotes``, ``dates``, ``numbers``, ``warnings``) as JSON text columns (the JSON form of
``Record.to_dict()``; nested Parquet types were not chosen because mention objects gain optional keys over
schema versions, and JSON text keeps every part readable by every version), plus ``content_hash`` (the
state-store key) and ``input`` (where the article came from: ``path``, ``path:LINE`` or ``path@OFFSET``).

JSONL layout: one ``Record.to_dict()`` object a line, with ``content_hash`` and ``input`` added.
``newsmine.read_records`` reads both.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

__all__ = ["FORMATS", "LIST_FIELDS", "PARTS_DIR", "SCALAR_FIELDS", "write_part"]

FORMATS = ("parquet", "jsonl")
PARTS_DIR = "records"
SCALAR_FIELDS = (
    "id", "url", "source", "title", "kicker", "lead", "dateline", "published", "published_jalali", "text",
    "schema",
)  # fmt: skip
LIST_FIELDS = (
    "sentences", "people", "organizations", "locations", "events", "claims", "quotes", "dates", "numbers",
    "warnings",
)  # fmt: skip
EXTRA_FIELDS = ("content_hash", "input")


def _arrow_schema() -> Any:
    import pyarrow as pa

    return pa.schema([(name, pa.string()) for name in (*SCALAR_FIELDS, *LIST_FIELDS, *EXTRA_FIELDS)])


def write_part(path: Path, rows: list[dict[str, Any]], fmt: str) -> None:
    """Write ``rows`` (``Record.to_dict()`` plus content_hash and input) to ``path`` and fsync it."""
    with open(path, "wb") as fh:
        if fmt == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            flat = [
                {
                    **{k: _text(row.get(k)) for k in (*SCALAR_FIELDS, *EXTRA_FIELDS)},
                    **{k: json.dumps(row.get(k) or [], ensure_ascii=False) for k in LIST_FIELDS},
                }
                for row in rows
            ]
            pq.write_table(pa.Table.from_pylist(flat, schema=_arrow_schema()), fh, compression="zstd")
        elif fmt == "jsonl":
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False).encode("utf-8") + b"\n")
        else:
            raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
        fh.flush()
        os.fsync(fh.fileno())


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def fsync_dir(path: Path) -> None:
    """Make a rename in ``path`` durable (a no-op where directories cannot be opened)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
