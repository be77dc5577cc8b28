"""Record, Article and the mention types: what leaves the library (schema "newsmine.record/1").

JSON field names here are public: notebooks, sinks and other tools read them. Every span is ``[start, end)``
into ``Record.text`` (the normalized body). ``to_dict``/``from_dict`` round-trip exactly, and
``json_schema()`` describes the JSON form; ``resources/record.schema.json`` is generated from it
(``python -m newsmine.schema > newsmine/resources/record.schema.json``) and a test keeps the two equal.

>>> rec = Record(text="۲۰ هزار میز", numbers=[NumberMention("۲۰ هزار", 20000, (0, 7))])
>>> Record.from_dict(rec.to_dict()) == rec
True
>>> rec.to_dict()["numbers"][0]["span"]
[0, 7]
"""

from __future__ import annotations

import dataclasses
import json
import sys
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Union

__all__ = [
    "SCHEMA",
    "Article",
    "Claim",
    "DateMention",
    "Event",
    "Location",
    "NumberMention",
    "Organization",
    "Person",
    "Quote",
    "Record",
    "Title",
    "json_schema",
]

SCHEMA = "newsmine.record/1"
Span = tuple[int, int]
QUALIFIERS = ("exact", "more_than", "less_than", "about", "at_least", "at_most")


@dataclass
class Title:
    """An office held: "رئیس سازمان بسیج ادارات کشور" = role رئیس, organization سازمان بسیج ادارات کشور."""

    title: str
    role: str | None = None
    organization: str | None = None


@dataclass
class Person:
    id: str
    name: str | None
    honorifics: list[str] = field(default_factory=list)
    titles: list[Title] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)


@dataclass
class Organization:
    id: str
    name: str
    canonical: str | None = None
    mentions: list[Span] = field(default_factory=list)


@dataclass
class Location:
    id: str
    name: str
    mentions: list[Span] = field(default_factory=list)


@dataclass
class Event:
    id: str
    name: str
    type: str | None = None
    date: str | None = None
    location: str | None = None
    participants: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)


@dataclass
class Claim:
    """A numeric claim: "بیش از ۵۰۰۰ نشست روشنگری" = value 5000, unit نشست, qualifier more_than."""

    surface: str
    value: float | int | None
    span: Span
    unit: str | None = None
    counted: str | None = None
    qualifier: str = "exact"
    time_scope: str | None = None
    speaker: str | None = None
    sentence: str | None = None
    value_max: float | int | None = None


@dataclass
class Quote:
    speaker: str | None
    verb: str
    text: str
    span: Span


@dataclass
class DateMention:
    """A date in the text: "۲۲ بهمن‌ماه" with the year of publication = jalali 1402-11-22."""

    surface: str
    jalali: str | None
    gregorian: str | None
    span: Span
    precision: str = "day"
    relative: str | None = None


@dataclass
class NumberMention:
    """Every number phrase the text holds, before the claims stage decides which are claims."""

    surface: str
    value: float | int
    span: Span
    is_ordinal: bool = False
    is_percent: bool = False


@dataclass
class Article:
    """An article before normalization: what the web or plain-text stage found.

    ``published`` is ISO 8601 when the page said so in metadata, else the date as the page wrote it
    ("شنبه 21 بهمن 1402 - 10:12:05"); ``source`` is the publisher (site or agency name).
    """

    text: str
    title: str | None = None
    kicker: str | None = None
    lead: str | None = None
    dateline: str | None = None
    published: str | None = None
    url: str | None = None
    source: str | None = None
    author: str | None = None
    canonical_url: str | None = None
    tags: list[str] = field(default_factory=list)
    news_code: str | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class Record:
    """One article as structured data; see DESIGN.md for the meaning of each field."""

    text: str = ""
    id: str = ""
    url: str | None = None
    source: str | None = None
    title: str | None = None
    kicker: str | None = None
    lead: str | None = None
    dateline: str | None = None
    published: str | None = None
    published_jalali: str | None = None
    sentences: list[Span] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    numbers: list[NumberMention] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    schema: str = SCHEMA

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict (spans as two-item lists)."""
        return _to_jsonable(self)

    def to_json(self, indent: int | None = None) -> str:
        """The record as JSON text, Persian kept as is (not \\u-escaped)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        """Rebuild a Record from ``to_dict()`` output (or parsed JSON)."""
        return _from_jsonable(cls, data)

    def _repr_html_(self) -> str:
        """Jupyter's view of a Record: the text with its mentions highlighted (``newsmine.render``)."""
        from newsmine.render import render

        return render(self)


def _to_jsonable(obj: Any) -> Any:
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: _to_jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [_to_jsonable(x) for x in obj]
    return obj


def _from_jsonable(tp: Any, data: Any) -> Any:
    if data is None:
        return None
    if dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        known = {f.name for f in dataclasses.fields(tp)}
        return tp(**{k: _from_jsonable(hints[k], v) for k, v in data.items() if k in known})
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        dataclass_args = [a for a in inner if dataclasses.is_dataclass(a)]
        return _from_jsonable(dataclass_args[0], data) if dataclass_args else data
    if origin is list:
        return [_from_jsonable(args[0], x) for x in data]
    if origin is tuple:
        return tuple(data)
    return data


def _type_schema(tp: Any) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if dataclasses.is_dataclass(tp):
        return {"$ref": f"#/$defs/{tp.__name__}"}
    if origin in (Union, types.UnionType):
        return {"anyOf": [_type_schema(a) for a in args]}
    if origin is list:
        return {"type": "array", "items": _type_schema(args[0])}
    if origin is tuple:
        return {"type": "array", "items": {"type": "integer", "minimum": 0}, "minItems": 2, "maxItems": 2}
    simple = {str: "string", int: "integer", float: "number", bool: "boolean", type(None): "null"}
    if tp in simple:
        return {"type": simple[tp]}
    raise TypeError(f"[E010] no JSON Schema for type {tp!r}; add it to newsmine.schema._type_schema")


def _dataclass_schema(tp: type) -> dict[str, Any]:
    hints = typing.get_type_hints(tp)
    props = {f.name: _type_schema(hints[f.name]) for f in dataclasses.fields(tp)}
    required = [f.name for f in dataclasses.fields(tp)]
    doc = (tp.__doc__ or "").strip().splitlines()
    out: dict[str, Any] = {"type": "object", "properties": props, "required": required}
    if doc and not doc[0].startswith(tp.__name__ + "("):
        out["description"] = doc[0]
    out["additionalProperties"] = False
    return out


def json_schema() -> dict[str, Any]:
    """JSON Schema (2020-12) of a Record as ``to_dict()`` writes it."""
    types_ = [Record, Person, Title, Organization, Location, Event, Claim, Quote, DateMention, NumberMention]
    schema = _dataclass_schema(Record)
    schema["properties"]["schema"] = {"const": SCHEMA}
    schema["properties"]["published_jalali"] = {
        "anyOf": [{"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}, {"type": "null"}]
    }
    defs = {t.__name__: _dataclass_schema(t) for t in types_[1:]}
    defs["Claim"]["properties"]["qualifier"] = {"enum": list(QUALIFIERS)}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://newsmine.invalid/schema/record-1.json",
        "title": "newsmine record",
        **schema,
        "$defs": defs,
    }


if __name__ == "__main__":  # python -m newsmine.schema > newsmine/resources/record.schema.json
    json.dump(json_schema(), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
