"""A batch's output as pandas DataFrames: ``read_records`` (one row per article) and ``read_mentions``.

Only committed parts are read (those the state store lists), so a directory left by a killed run reads
correctly even before the rerun repairs it; without a readable state store, every part file is read (the
parts are the truth, the state an index). A listed part that is missing is skipped with a
``RuntimeWarning`` (E018) instead of failing the whole read; the next batch run redoes its articles. Parquet and JSONL parts read into the same frame: the columns
are the registry's fields (:data:`newsmine.schema.RECORD_FIELDS`, or the copy passed as ``fields``) and
the sink's ``content_hash`` and ``input``; list fields hold plain Python lists of dicts, timestamp fields
(``published``) pandas' ``datetime64[us, UTC]``.
"""

from __future__ import annotations

import json
import os
import sqlite3
import warnings
from pathlib import Path
from typing import Any

from newsmine.batch.sinks import EXTRA_FIELDS, PARTS_DIR, to_utc
from newsmine.batch.state import STATE_FILE, State
from newsmine.errors import Errors, NewsmineError
from newsmine.frames import to_python
from newsmine.schema import RECORD_FIELDS, FieldSpec

__all__ = ["MENTION_KINDS", "mention_kinds", "read_mentions", "read_records"]


def mention_kinds(fields: tuple[FieldSpec, ...] = RECORD_FIELDS) -> tuple[str, ...]:
    """The list fields whose items are mention objects (people ... numbers): what ``read_mentions`` takes.

    >>> mention_kinds()
    ('people', 'organizations', 'locations', 'events', 'claims', 'quotes', 'dates', 'numbers')
    """
    return tuple(spec.name for spec in fields if spec.item is not None)


MENTION_KINDS = mention_kinds()


def _part_paths(out: Path) -> list[Path]:
    names: list[str] = []
    if (out / STATE_FILE).exists():
        try:
            state = State(out)
        except sqlite3.DatabaseError:
            state = None  # damaged: the parts themselves are read
        if state is not None:
            try:
                names = state.parts()
            finally:
                state.close()
    if not names:
        return sorted((out / PARTS_DIR).glob("part-*"))
    paths = []
    for name in names:
        path = out / PARTS_DIR / name
        if path.exists():
            paths.append(path)
        else:
            warnings.warn(Errors.E018.format(name=name, out=out), RuntimeWarning, stacklevel=3)
    return paths


def _read_parquet(path: Path) -> Any:
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    data = {}
    for name in table.column_names:
        column = table.column(name)
        data[name] = column.to_pylist() if pa.types.is_nested(column.type) else column.to_pandas()
    return pd.DataFrame(data, columns=table.column_names)


def _read_jsonl(path: Path) -> Any:
    import pandas as pd

    with open(path, encoding="utf-8") as fh:
        return pd.DataFrame([json.loads(line) for line in fh if line.strip()])


def _conform(frame: Any, fields: tuple[FieldSpec, ...]) -> Any:
    """The registry's columns in its order (a field the part lacks: empty), the extras, then what else the
    part has; list fields as plain lists, timestamp fields as UTC datetimes."""
    import pandas as pd

    n = len(frame)
    for spec in fields:
        values = list(frame[spec.name]) if spec.name in frame else [None] * n
        if spec.parquet == "timestamp":
            frame[spec.name] = pd.Series(
                [to_utc(v) for v in values], index=frame.index, dtype="datetime64[us, UTC]"
            )
        elif spec.is_list:
            frame[spec.name] = [
                to_python(v) if isinstance(v, (list, tuple)) or hasattr(v, "__array__") else []
                for v in values
            ]
        elif spec.name not in frame:
            frame[spec.name] = values
    for name in EXTRA_FIELDS:
        if name not in frame:
            frame[name] = [None] * n
    order = [spec.name for spec in fields] + list(EXTRA_FIELDS)
    return frame[order + [c for c in frame.columns if c not in order]]


def read_records(
    out_dir: str | os.PathLike[str], latest: bool = False, fields: tuple[FieldSpec, ...] = RECORD_FIELDS
) -> Any:
    """One row per article: a column per field of the registry ``fields``, then ``content_hash`` and ``input``.

    List fields (sentences, people ... numbers, warnings) are Python lists, their items dicts (as
    ``Record.to_dict()`` has them; a float | int value read from Parquet is a float); ``published`` is a
    pandas datetime in UTC (``datetime64[us, UTC]``) for Parquet and JSONL parts alike, NaT where the text
    was not ISO 8601. ``latest=True`` keeps only the newest version of each URL (a changed article is stored
    as a new version; both are kept otherwise).

    >>> import tempfile
    >>> list(read_records(tempfile.mkdtemp()).columns[:3])
    ['text', 'id', 'url']
    """
    import pandas as pd

    frames = []
    for path in _part_paths(Path(out_dir)):
        frame = _read_parquet(path) if path.suffix == ".parquet" else _read_jsonl(path)
        frames.append(_conform(frame, fields))
    if not frames:
        return _conform(pd.DataFrame(), fields)
    records = pd.concat(frames, ignore_index=True)
    if latest:
        with_url = records["url"].notna()
        newest = records[with_url].drop_duplicates("url", keep="last")
        records = pd.concat([newest, records[~with_url]]).sort_index().reset_index(drop=True)
    return records


def read_mentions(
    out_dir: str | os.PathLike[str], kind: str, fields: tuple[FieldSpec, ...] = RECORD_FIELDS
) -> Any:
    """One row per item of the list field ``kind`` (people, organizations, locations, events, claims, quotes,
    dates, numbers: :func:`mention_kinds`), with ``record_id``, ``url`` and the item's fields as columns.

    An entity (people ... events) is one row, its ``mentions`` a list of ``{start, end, field}``; a claim,
    quote, date or number has ``span`` and ``field`` (title, kicker or body) columns.
    """
    import pandas as pd

    kinds = mention_kinds(fields)
    if kind not in kinds:
        raise NewsmineError(Errors.E015, kind=kind, available=", ".join(kinds))
    item = next(spec.item for spec in fields if spec.name == kind)
    columns = ["record_id", "url", *item.__dataclass_fields__]
    records = read_records(out_dir, fields=fields)
    rows: list[dict[str, Any]] = []
    for rid, url, items in zip(records["id"], records["url"], records[kind], strict=True):
        rows.extend({"record_id": rid, "url": url, **mention} for mention in items)
    extra = dict.fromkeys(c for row in rows for c in row if c not in columns)
    return pd.DataFrame(rows, columns=[*columns, *extra])
