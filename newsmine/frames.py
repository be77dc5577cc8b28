"""Records as tidy pandas DataFrames: ``records_to_frame(records, kind)``.

One row per mention (people, organizations, locations, events: one row per mention of the entity, so
``len(df)`` counts mentions and ``df.drop_duplicates(["record_id", "id"])`` gives the entities), one row per
claim, quote, date or number, or one row per record (``kind="records"``). Every row carries ``record_id``,
``url``, ``published`` and ``published_jalali``; spans become ``start`` and ``end`` columns (``[start, end)``
into the record's text) and ``mention`` holds that text. So ``df.groupby("speaker")`` or
``df.groupby(df.published_jalali.str[:7])`` (Jalali month) is one line.

``records`` may be Records, their ``to_dict()`` dicts, or the DataFrame ``newsmine.read_records`` returns.

>>> from newsmine.schema import Record, NumberMention
>>> rec = Record(text="۲۰ هزار میز", id="r1", numbers=[NumberMention("۲۰ هزار", 20000, (0, 7))])
>>> records_to_frame([rec], "numbers")[["record_id", "value", "start", "end", "mention"]].values.tolist()
[['r1', 20000, 0, 7, '۲۰ هزار']]
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["FRAME_KINDS", "records_to_frame"]

FRAME_KINDS = (
    "records", "people", "organizations", "locations", "events", "claims", "quotes", "dates", "numbers",
)  # fmt: skip
BASE_COLUMNS = ("record_id", "url", "published", "published_jalali")
_ENTITY_KINDS = ("people", "organizations", "locations", "events")
_LIST_KINDS = (*_ENTITY_KINDS, "claims", "quotes", "dates", "numbers")
_RECORD_SCALARS = ("source", "title", "kicker", "lead", "dateline", "text")


def _item_fields(kind: str) -> list[str]:
    from newsmine import schema

    cls = {
        "people": schema.Person,
        "organizations": schema.Organization,
        "locations": schema.Location,
        "events": schema.Event,
        "claims": schema.Claim,
        "quotes": schema.Quote,
        "dates": schema.DateMention,
        "numbers": schema.NumberMention,
    }[kind]
    return [f.name for f in dataclasses.fields(cls)]


def _columns(kind: str) -> list[str]:
    if kind == "records":
        return [*BASE_COLUMNS, *_RECORD_SCALARS, *(f"n_{k}" for k in _LIST_KINDS), "n_sentences", "warnings"]
    fields = [f for f in _item_fields(kind) if f not in ("mentions", "span")]
    return [*BASE_COLUMNS, *fields, "start", "end", "mention"]


def _as_dicts(records: Any) -> Iterable[dict[str, Any]]:
    if hasattr(records, "to_dict") and hasattr(records, "columns"):  # a DataFrame from read_records
        records = records.to_dict("records")
    for rec in records:
        if isinstance(rec, Mapping):
            yield dict(rec)
        elif hasattr(rec, "to_dict"):
            yield rec.to_dict()
        else:
            raise TypeError(
                f"[E032] records_to_frame() takes Records or record dicts, not {type(rec).__name__}"
            )


def _list(value: Any) -> list[Any]:
    # read_records gives lists; a missing column in a pandas row is NaN
    return list(value) if isinstance(value, (list, tuple)) else []


def _span(text: str, span: Any) -> dict[str, Any]:
    if not isinstance(span, (list, tuple)) or len(span) != 2:
        return {"start": None, "end": None, "mention": None}
    start, end = int(span[0]), int(span[1])
    return {"start": start, "end": end, "mention": text[start:end] if text else None}


def _rows(rec: dict[str, Any], kind: str) -> Iterable[dict[str, Any]]:
    base = {
        "record_id": rec.get("id"),
        "url": rec.get("url"),
        "published": rec.get("published"),
        "published_jalali": rec.get("published_jalali"),
    }
    text = rec.get("text") if isinstance(rec.get("text"), str) else ""
    if kind == "records":
        row = {**base, **{k: rec.get(k) for k in _RECORD_SCALARS}}
        row.update({f"n_{k}": len(_list(rec.get(k))) for k in _LIST_KINDS})
        row["n_sentences"] = len(_list(rec.get("sentences")))
        row["warnings"] = "; ".join(_list(rec.get("warnings")))
        yield row
        return
    for item in _list(rec.get(kind)):
        fields = {k: v for k, v in item.items() if k not in ("mentions", "span")}
        if kind in _ENTITY_KINDS:
            mentions = _list(item.get("mentions")) or [None]
            for span in mentions:
                yield {**base, **fields, **_span(text, span)}
        else:
            yield {**base, **fields, **_span(text, item.get("span"))}


def records_to_frame(records: Any, kind: str) -> Any:
    """A tidy DataFrame of ``kind`` (records, people, organizations, locations, events, claims, quotes,
    dates, numbers) over ``records``; columns are fixed per kind, so an empty frame still has them."""
    import pandas as pd

    if kind not in FRAME_KINDS:
        raise ValueError(f"[E033] unknown frame kind {kind!r}; use one of {', '.join(FRAME_KINDS)}")
    if isinstance(records, Mapping) or (hasattr(records, "text") and not hasattr(records, "columns")):
        records = [records]  # one Record (or one dict) is a list of one
    rows = [row for rec in _as_dicts(records) for row in _rows(rec, kind)]
    columns = _columns(kind)
    extra = [c for row in rows for c in row if c not in columns]
    frame = pd.DataFrame(rows, columns=columns + list(dict.fromkeys(extra)))
    for col in ("start", "end"):
        if col in frame:
            frame[col] = frame[col].astype("Int64")
    return frame
