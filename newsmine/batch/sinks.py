"""Record parts: Parquet (pyarrow) or JSONL files, written whole to a temporary name, fsynced, then renamed.

Both layouts come from the registry :data:`newsmine.schema.RECORD_FIELDS` (or the copy passed as
``fields``): a field added to the Record reaches both, and neither keeps a list of its own.

Parquet layout (one row per article): one column per Record field, typed from its type hints
(:func:`arrow_type`), so DuckDB, Dask and ``pd.read_parquet`` see tables, not text: ``str`` -> string,
``int`` -> int64, ``float | int`` -> float64 (a whole number reads back as ``20000.0``), ``bool`` -> bool,
a span ``(start, end)`` -> list<int64>, a mention dataclass -> struct, a list -> list (``people`` is
list<struct<id, name, honorifics: list<string>, titles: list<struct>, mentions: list<struct<start, end,
field>>>>``, ``sentences`` list<list<int64>>); Optional fields are nullable, the others not. ``published``
(``FieldSpec.parquet == "timestamp"``) is a ``timestamp[us, tz=UTC]``: ISO text with an offset becomes that
instant, a date alone midnight UTC, a time without an offset is taken as UTC, and text that is not ISO 8601
(a date as the page wrote it) is null. Two columns of the sink's own follow: ``content_hash`` (the
state-store key) and ``input`` (where the article came from: ``path``, ``path:LINE`` or ``path@OFFSET``).

A record the Parquet schema cannot hold (a null where the type has none, a value of another type) fails
:func:`check_row`; the runner makes it an ``errors.jsonl`` line (stage ``store``) instead of a part.

JSONL layout: one object a line with the registry's fields as ``Record.to_dict()`` writes them (a field
the row lacks is written empty, a key the registry lacks is left out, as in Parquet; ``published`` stays
the Record's text) and ``content_hash`` and ``input`` added. ``newsmine.read_records`` reads both and
gives the same frame.
"""

from __future__ import annotations

import dataclasses
import io
import json
import math
import os
import types
import typing
from collections.abc import Iterable
from datetime import date, datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any, NoReturn, Union

from newsmine.errors import Errors, NewsmineError, NewsmineTypeError
from newsmine.schema import RECORD_FIELDS, FieldSpec

__all__ = [
    "EXTRA_FIELDS",
    "FORMATS",
    "PARTS_DIR",
    "arrow_schema",
    "arrow_type",
    "check_row",
    "to_utc",
    "write_part",
]

FORMATS = ("parquet", "jsonl")
PARTS_DIR = "records"
#: the sink's own columns after the Record's: the state-store key and the input reference (both strings)
EXTRA_FIELDS = ("content_hash", "input")


def _members(tp: Any) -> tuple[tuple[Any, ...], bool]:
    """The members of a union ``tp`` other than ``None`` (``(tp,)`` for any other type), and whether
    ``None`` was one of them."""
    if typing.get_origin(tp) in (Union, types.UnionType):
        args = typing.get_args(tp)
        inner = tuple(a for a in args if a is not type(None))
        return inner, len(inner) < len(args)
    return (tp,), False


def arrow_type(tp: Any) -> Any:
    """The pyarrow type of a Python type hint, recursively.

    >>> from newsmine.schema import Mention
    >>> str(arrow_type(list[Mention]))
    'list<item: struct<start: int64 not null, end: int64 not null, field: string not null>>'
    >>> str(arrow_type(float | int | None)), str(arrow_type(tuple[int, int]))
    ('double', 'list<item: int64>')
    """
    import pyarrow as pa

    members, _ = _members(tp)
    if len(members) > 1:
        if set(members) <= {int, float}:
            return pa.float64()
        _no_type(tp, "of the unions, only float | int has one")
    tp = members[0]
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is list:
        return pa.list_(arrow_type(args[0]))
    if origin is tuple:  # a span (start, end), or tuple[X, ...]
        if len(set(a for a in args if a is not Ellipsis)) != 1:
            _no_type(tp, "only tuples of one type have one")
        return pa.list_(arrow_type(args[0]))
    if dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        return pa.struct([_arrow_field(f.name, hints[f.name]) for f in dataclasses.fields(tp)])
    simple = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}
    if tp in simple:
        return simple[tp]
    _no_type(tp, "add it to newsmine.batch.sinks.arrow_type")


def _arrow_field(name: str, tp: Any) -> Any:
    import pyarrow as pa

    return pa.field(name, arrow_type(tp), nullable=_members(tp)[1])


@lru_cache(maxsize=16)
def arrow_schema(fields: tuple[FieldSpec, ...] = RECORD_FIELDS) -> Any:
    """The Parquet parts' schema: one column per field of the registry, then ``content_hash`` and ``input``
    (built once per registry: every row is checked against it).

    >>> schema = arrow_schema()
    >>> str(schema.field("published").type), str(schema.field("claims").type.value_type.field("value").type)
    ('timestamp[us, tz=UTC]', 'double')
    """
    import pyarrow as pa

    columns = []
    for spec in fields:
        if spec.parquet == "timestamp":
            columns.append(pa.field(spec.name, pa.timestamp("us", tz="UTC"), nullable=True))
        else:
            columns.append(_arrow_field(spec.name, spec.type))
    return pa.schema([*columns, *(pa.field(name, pa.string()) for name in EXTRA_FIELDS)])


def to_utc(value: Any) -> datetime | None:
    """A publication time as an aware UTC datetime: ISO 8601 text with an offset is that instant, a date
    alone is midnight UTC, a time without an offset is taken as UTC; anything else (None, NaT, text that
    is not ISO 8601) is None.

    >>> to_utc("2024-02-10T10:12:05+03:30").isoformat(), to_utc("2024-02-10").isoformat()
    ('2024-02-10T06:42:05+00:00', '2024-02-10T00:00:00+00:00')
    >>> to_utc("شنبه 21 بهمن 1402 - 10:12:05") is None
    True
    """
    if isinstance(value, str):
        text = value.strip()
        try:
            value = datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text)
        except ValueError:
            return None
    elif isinstance(value, date) and not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day)
    if not isinstance(value, datetime) or value != value:  # None, a number, NaT (NaT != NaT)
        return None
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


def _cell(spec: FieldSpec, value: Any) -> Any:
    """A row's value as its column takes it: lists never null, timestamps parsed, NaN as null."""
    if spec.parquet == "timestamp":
        return to_utc(value)
    if spec.is_list:
        return [] if value is None else value
    if isinstance(value, float) and math.isnan(value):  # a missing cell of a pandas frame
        return None
    return value


def _table(rows: Iterable[dict[str, Any]], fields: tuple[FieldSpec, ...]) -> Any:
    import pyarrow as pa

    flat = [
        {
            **{spec.name: _cell(spec, row.get(spec.name)) for spec in fields},
            **{k: None if row.get(k) is None else str(row[k]) for k in EXTRA_FIELDS},
        }
        for row in rows
    ]
    return pa.Table.from_pylist(flat, schema=arrow_schema(fields))


def check_row(row: dict[str, Any], fields: tuple[FieldSpec, ...] = RECORD_FIELDS) -> None:
    """Raise pyarrow's error, naming the columns at fault, if the Parquet schema cannot hold ``row``; a part
    is written whole or not at all, so one such row would stop every part it is in.

    >>> from newsmine.schema import Record
    >>> row = Record(text="علی آمد", id="r1").to_dict()
    >>> row["people"] = [{"id": "p1", "name": "علی", "mentions": [[0, 3]]}]  # a schema/1 mention
    >>> check_row(row)
    Traceback (most recent call last):
    ...
    pyarrow.lib.ArrowTypeError: column people: Could not convert 0 with type int: was expecting tuple of (key, value) pair
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        _table([row], fields)  # the conversion to the schema's types is where a row fails
    except (pa.ArrowException, TypeError, ValueError) as exc:
        bad = []
        for spec in fields:
            try:
                pq.write_table(_table([row], (spec,)), io.BytesIO())
            except (pa.ArrowException, TypeError, ValueError):
                bad.append(spec.name)
        raise type(exc)(f"column {', '.join(bad) or '?'}: {exc}") from exc


def _jsonl_row(row: dict[str, Any], fields: tuple[FieldSpec, ...]) -> dict[str, Any]:
    out = {spec.name: row.get(spec.name, [] if spec.is_list else None) for spec in fields}
    out.update({k: row.get(k) for k in EXTRA_FIELDS})
    return out


def write_part(
    path: Path, rows: list[dict[str, Any]], fmt: str, fields: tuple[FieldSpec, ...] = RECORD_FIELDS
) -> None:
    """Write ``rows`` (``Record.to_dict()`` plus content_hash and input) to ``path`` and fsync it; the
    columns are the registry ``fields`` (``RECORD_FIELDS`` or a copy) and the two extras."""
    check_format(fmt)
    with open(path, "wb") as fh:
        if fmt == "parquet":
            import pyarrow.parquet as pq

            pq.write_table(_table(rows, fields), fh, compression="zstd")
        else:
            for row in rows:
                fh.write(json.dumps(_jsonl_row(row, fields), ensure_ascii=False).encode("utf-8") + b"\n")
        fh.flush()
        os.fsync(fh.fileno())


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


def check_format(fmt: str) -> None:
    """Raise E012 unless ``fmt`` is a part format (parquet, jsonl)."""
    if fmt not in FORMATS:
        raise NewsmineError(Errors.E012, format=fmt, available=", ".join(FORMATS))


def _no_type(tp: Any, why: str) -> NoReturn:
    raise NewsmineTypeError(Errors.E011, type=repr(tp), why=why)
