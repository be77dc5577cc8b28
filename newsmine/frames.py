"""Records as tidy pandas DataFrames: ``records_to_frame(records, kind)``.

The kinds and columns come from the registry :data:`newsmine.schema.RECORD_FIELDS` (or the copy passed as
``fields``): one kind per list field whose items are mention objects, plus ``"records"``. One row per
mention (people, organizations, locations, events: one row per mention of the entity, so ``len(df)``
counts mentions and ``df.drop_duplicates(["record_id", "id"])`` gives the entities), one row per claim,
quote, date or number, or one row per record (``kind="records"``: the scalar fields, ``n_<field>`` for
every list field, list-of-text fields such as ``warnings`` joined with "; "). Every row carries
``record_id``, ``url``, ``published`` and ``published_jalali``; a mention's place becomes ``field``
(title, kicker or body), ``start`` and ``end`` (``[start, end)`` into that text) and ``mention`` holds the
text there. So ``df.groupby("speaker")`` or ``df.groupby(df.published_jalali.str[:7])`` (Jalali month) is
one line.

``records`` may be Records, their ``to_dict()`` dicts, or the DataFrame ``newsmine.read_records`` returns
(whose ``published`` is a UTC datetime; a Record's is ISO text, kept as it is).

>>> from newsmine.schema import Record, NumberMention
>>> rec = Record(text="۲۰ هزار میز", title="میز", id="r1", numbers=[NumberMention("۲۰ هزار", 20000, (0, 7)),
...     NumberMention("میز", 1, (0, 3), field="title")])
>>> records_to_frame([rec], "numbers")[["record_id", "value", "field", "start", "end", "mention"]].values.tolist()
[['r1', 20000, 'body', 0, 7, '۲۰ هزار'], ['r1', 1, 'title', 0, 3, 'میز']]
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Iterable, Mapping
from typing import Any

from newsmine.errors import Errors, NewsmineError, NewsmineRuntimeError, NewsmineTypeError
from newsmine.schema import RECORD_FIELDS, FieldSpec

__all__ = [
    "BASE_COLUMNS",
    "FRAME_KINDS",
    "frame_kinds",
    "records_to_frame",
    "to_python",
]

#: every row's first columns, and the Record field each comes from
BASE_COLUMNS = ("record_id", "url", "published", "published_jalali")
_BASE_SOURCE = {"record_id": "id"}
#: the item fields that give a mention's place; they become field, start and end
_PLACE = ("mentions", "span", "field")
_SPAN_COLUMNS = ("field", "start", "end", "mention")


def to_python(value: Any) -> Any:
    """Plain Python from what pandas or pyarrow hand back: numpy arrays and tuples as lists, numpy scalars as
    numbers, mappings (pyarrow structs) as dicts, recursively.

    >>> import numpy as np
    >>> to_python(np.array([{"start": np.int64(0), "span": np.array([1, 2])}], dtype=object))
    [{'start': 0, 'span': [1, 2]}]
    """
    if isinstance(value, dict) or (hasattr(value, "keys") and hasattr(value, "items")):
        return {k: to_python(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)) or type(value).__name__ == "ndarray":
        return [to_python(v) for v in value]
    if hasattr(value, "item") and type(value).__module__ == "numpy":
        return value.item()
    return value


def frame_kinds(fields: tuple[FieldSpec, ...] = RECORD_FIELDS) -> tuple[str, ...]:
    """``"records"`` and every list field of the registry whose items are mention objects."""
    return ("records", *(spec.name for spec in fields if spec.item is not None))


FRAME_KINDS = frame_kinds()


def _base_fields() -> set[str]:
    return {_BASE_SOURCE.get(c, c) for c in BASE_COLUMNS}


def _is_text_list(spec: FieldSpec) -> bool:
    return spec.is_list and typing.get_args(spec.type)[0] is str


def _columns(kind: str, fields: tuple[FieldSpec, ...]) -> list[str]:
    if kind == "records":
        scalars = [s.name for s in fields if not s.is_list and s.name not in _base_fields()]
        counts = [f"n_{s.name}" for s in fields if s.is_list]
        return [*BASE_COLUMNS, *scalars, *counts, *(s.name for s in fields if _is_text_list(s))]
    spec = next(s for s in fields if s.name == kind)
    assert spec.item is not None
    names = [f.name for f in dataclasses.fields(spec.item) if f.name not in _PLACE]
    return [*BASE_COLUMNS, *names, *(_SPAN_COLUMNS if spec.spans else ())]


def _as_dicts(records: Any) -> Iterable[dict[str, Any]]:
    if hasattr(records, "to_dict") and hasattr(records, "columns"):  # a DataFrame from read_records
        records = records.to_dict("records")
    for rec in records:
        if isinstance(rec, Mapping):
            yield dict(rec)
        elif hasattr(rec, "to_dict"):
            yield rec.to_dict()
        else:
            raise NewsmineTypeError(Errors.E032, type=type(rec).__name__)


def _list(value: Any) -> list[Any]:
    """A list field's value as a list of plain items (numpy arrays from ``pd.read_parquet`` included);
    a missing column in a pandas row is NaN: no items."""
    if isinstance(value, (list, tuple)) or hasattr(value, "__array__"):
        return list(to_python(value))
    return []


def _text_of(rec: dict[str, Any], where: str) -> str:
    """The text a mention's ``field`` names, as ``Record.text_of``: "body" is ``text``."""
    value = rec.get("text" if where == "body" else where)
    return value if isinstance(value, str) else ""


def _place(rec: dict[str, Any], where: Any, start: Any, end: Any) -> dict[str, Any]:
    if start is None or end is None:
        return dict.fromkeys(_SPAN_COLUMNS)
    where = where or "body"
    start, end = int(start), int(end)
    text = _text_of(rec, where)
    return {"field": where, "start": start, "end": end, "mention": text[start:end] if text else None}


def _rows(rec: dict[str, Any], kind: str, fields: tuple[FieldSpec, ...]) -> Iterable[dict[str, Any]]:
    base = {column: rec.get(_BASE_SOURCE.get(column, column)) for column in BASE_COLUMNS}
    if kind == "records":
        row = {
            **base,
            **{s.name: rec.get(s.name) for s in fields if not s.is_list and s.name not in _base_fields()},
        }
        row.update({f"n_{s.name}": len(_list(rec.get(s.name))) for s in fields if s.is_list})
        row.update({s.name: "; ".join(map(str, _list(rec.get(s.name)))) for s in fields if _is_text_list(s)})
        yield row
        return
    spec = next(s for s in fields if s.name == kind)
    for item in _list(rec.get(kind)):
        values = {k: v for k, v in item.items() if k not in _PLACE}
        if spec.spans == "mentions":
            for mention in _list(item.get("mentions")) or [{}]:
                yield {
                    **base,
                    **values,
                    **_place(rec, mention.get("field"), mention.get("start"), mention.get("end")),
                }
        elif spec.spans == "span":
            span = item.get("span")
            start, end = span if isinstance(span, (list, tuple)) and len(span) == 2 else (None, None)
            yield {**base, **values, **_place(rec, item.get("field"), start, end)}
        else:
            yield {**base, **values}


def records_to_frame(records: Any, kind: str, fields: tuple[FieldSpec, ...] = RECORD_FIELDS) -> Any:
    """A tidy DataFrame of ``kind`` (records, people, organizations, locations, events, claims, quotes,
    dates, numbers: :func:`frame_kinds` of ``fields``) over ``records``; columns are fixed per kind, so an
    empty frame still has them. Needs pandas (``pip install 'newsmine[tables]'``)."""
    try:
        import pandas as pd
    except ImportError:
        raise NewsmineRuntimeError(Errors.E034, what="records_to_frame()", module="pandas") from None

    kinds = frame_kinds(fields)
    if kind not in kinds:
        raise NewsmineError(Errors.E033, kind=kind, available=", ".join(kinds))
    if isinstance(records, Mapping) or (hasattr(records, "text") and not hasattr(records, "columns")):
        records = [records]  # one Record (or one dict) is a list of one
    rows = [row for rec in _as_dicts(records) for row in _rows(rec, kind, fields)]
    columns = _columns(kind, fields)
    extra = [c for row in rows for c in row if c not in columns]
    frame = pd.DataFrame(rows, columns=columns + list(dict.fromkeys(extra)))
    if hasattr(records, "dtypes"):  # read_records' frame: its datetimes stay datetimes, rows or none
        for column in BASE_COLUMNS:
            source = _BASE_SOURCE.get(column, column)
            if source in records and str(records[source].dtype).startswith("datetime64"):
                frame[column] = pd.to_datetime(frame[column], utc=True).astype(records[source].dtype)
    for col in ("start", "end"):
        if col in frame:
            frame[col] = frame[col].astype("Int64")
    return frame
