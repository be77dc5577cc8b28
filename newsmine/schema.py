"""Record, Article and the mention types: what leaves the library (schema "newsmine.record/2").

JSON field names here are public: notebooks, sinks and other tools read them. Every mention says which text
it is in (``field``: "title", "kicker" or "body") and gives ``[start, end)`` into that text (``Record.title``,
``Record.kicker`` or ``Record.text``, the normalized body). The lead is the body's first paragraph (every
input path makes it so), so its mentions are body mentions.

:data:`RECORD_FIELDS` is the one registry of Record fields: the JSON Schema, the JSONL and Parquet sinks,
``read_records``/``read_mentions``, ``records_to_frame``, ``render`` and the gold scorer all derive from it,
so a field added to :class:`Record` (with its ``doc`` metadata) reaches every one of them.
``to_dict``/``from_dict`` round-trip exactly; ``resources/record.schema.json`` is generated from
``json_schema()`` (``python -m newsmine.schema > newsmine/resources/record.schema.json``) and a test keeps
the two equal.

>>> rec = Record(text="۲۰ هزار میز", numbers=[NumberMention("۲۰ هزار", 20000, (0, 7))])
>>> Record.from_dict(rec.to_dict()) == rec
True
>>> rec.to_dict()["numbers"][0]["span"], rec.to_dict()["numbers"][0]["field"]
([0, 7], 'body')
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
    "FIELDS_OF_TEXT",
    "QUALIFIERS",
    "RECORD_FIELDS",
    "SCHEMA",
    "Article",
    "Claim",
    "DateMention",
    "Event",
    "FieldSpec",
    "Location",
    "Mention",
    "NumberMention",
    "Organization",
    "Person",
    "Quote",
    "Record",
    "Title",
    "json_schema",
    "record_fields",
]

SCHEMA = "newsmine.record/2"
Span = tuple[int, int]
QUALIFIERS = ("exact", "more_than", "less_than", "about", "at_least", "at_most")
#: the texts of an article a mention may be in, in reading order ("body" is ``Record.text``)
FIELDS_OF_TEXT = ("title", "kicker", "body")


def _doc(text: str, **extra: Any) -> dict[str, Any]:
    """Field metadata: what the field means (``doc``) and, for the registry's users, more (``label``)."""
    return {"doc": text, **extra}


@dataclass
class Mention:
    """Where an entity is named: ``[start, end)`` into the Record's text ``field`` (title, kicker or body)."""

    start: int
    end: int
    field: str = "body"

    @property
    def span(self) -> Span:
        return (self.start, self.end)


@dataclass
class Title:
    """An office held: "رئیس سازمان بسیج ادارات کشور" = role رئیس, organization سازمان بسیج ادارات کشور."""

    title: str
    role: str | None = None
    organization: str | None = None


@dataclass
class Person:
    """A person the article names (or an office whose holder it does not name: ``name`` null)."""

    id: str
    name: str | None
    honorifics: list[str] = field(default_factory=list)
    titles: list[Title] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Organization:
    """An organization, under one canonical name for its aliases (null when the body is not known)."""

    id: str
    name: str
    canonical: str | None = None
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Location:
    """A place: a country, province, city, region or named facility."""

    id: str
    name: str
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Event:
    """A happening the article names, with its type, Jalali date, place and the ids of its participants."""

    id: str
    name: str
    type: str | None = None
    date: str | None = None
    location: str | None = None
    participants: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


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
    field: str = "body"


@dataclass
class Quote:
    """A reported statement: its speaker (a person id, an organization as written, or null), verb and text."""

    speaker: str | None
    verb: str
    text: str
    span: Span
    field: str = "body"


@dataclass
class DateMention:
    """A date in the text: "۲۲ بهمن‌ماه" with the year of publication = jalali 1402-11-22."""

    surface: str
    jalali: str | None
    gregorian: str | None
    span: Span
    precision: str = "day"
    relative: str | None = None
    field: str = "body"


@dataclass
class NumberMention:
    """Every number phrase the text holds, before the claims stage decides which are claims."""

    surface: str
    value: float | int
    span: Span
    is_ordinal: bool = False
    is_percent: bool = False
    field: str = "body"


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

    text: str = field(default="", metadata=_doc("the normalized body; body spans index it"))
    id: str = field(default="", metadata=_doc("a hash of url, title and text"))
    url: str | None = field(default=None, metadata=_doc("where the article came from"))
    source: str | None = field(default=None, metadata=_doc("the publisher: site or agency"))
    title: str | None = field(default=None, metadata=_doc("the normalized title; title spans index it"))
    kicker: str | None = field(
        default=None, metadata=_doc("the روتیتر above the title; kicker spans index it")
    )
    lead: str | None = field(default=None, metadata=_doc("the lead (لید): the body's first paragraph"))
    dateline: str | None = field(default=None, metadata=_doc('the place the body opens with ("مشهد ـ")'))
    published: str | None = field(
        default=None,
        metadata=_doc("ISO 8601 publication time (a date alone when no time is known)", parquet="timestamp"),
    )
    published_jalali: str | None = field(
        default=None, metadata=_doc("the Jalali publication day, YYYY-MM-DD")
    )
    sentences: list[Span] = field(default_factory=list, metadata=_doc("[start, end) of each body sentence"))
    people: list[Person] = field(
        default_factory=list, metadata=_doc("people and their titles", label="PER", legend="شخص")
    )
    organizations: list[Organization] = field(
        default_factory=list,
        metadata=_doc("organizations under canonical names", label="ORG", legend="سازمان"),
    )
    locations: list[Location] = field(
        default_factory=list, metadata=_doc("places and facilities", label="LOC", legend="مکان")
    )
    events: list[Event] = field(default_factory=list, metadata=_doc("events", label="EVENT", legend="رویداد"))
    claims: list[Claim] = field(
        default_factory=list, metadata=_doc("numeric claims", label="CLAIM", legend="ادعای عددی")
    )
    quotes: list[Quote] = field(
        default_factory=list, metadata=_doc("reported statements", label="QUOTE", legend="نقل قول")
    )
    dates: list[DateMention] = field(
        default_factory=list, metadata=_doc("calendar dates", label="DATE", legend="تاریخ")
    )
    numbers: list[NumberMention] = field(
        default_factory=list, metadata=_doc("every number phrase", label="NUM", legend="عدد")
    )
    warnings: list[str] = field(default_factory=list, metadata=_doc("what could not be done, in words"))
    schema: str = field(default=SCHEMA, metadata=_doc("the schema name and version"))

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

    def text_of(self, name: str) -> str:
        """The text a mention's ``field`` names: "body" is ``text``, "title" and "kicker" their fields."""
        value = self.text if name == "body" else getattr(self, name, None)
        return value if isinstance(value, str) else ""

    def _repr_html_(self) -> str:
        """Jupyter's view of a Record: the text with its mentions highlighted (``newsmine.render``)."""
        from newsmine.view import render_record

        return render_record(self, RECORD_FIELDS)


# --- the registry -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldSpec:
    """One Record field: its name, Python type, meaning and, for mention lists, the label ``render`` shows.

    ``item`` is the mention class of a list field (Person, Claim...), else None; ``spans`` says how an item
    gives its place: "mentions" (a list of :class:`Mention`), "span" (``span`` + ``field``) or None.
    ``parquet`` overrides the Parquet column type ("timestamp": a UTC instant); ``legend`` is the Persian
    name ``render`` gives ``label`` in its legend.

    >>> spec = next(s for s in RECORD_FIELDS if s.name == "people")
    >>> spec.label, spec.legend, spec.item.__name__, spec.spans
    ('PER', 'شخص', 'Person', 'mentions')
    """

    name: str
    type: Any
    doc: str
    label: str | None = None
    parquet: str | None = None
    legend: str | None = None

    @property
    def is_list(self) -> bool:
        return typing.get_origin(self.type) is list

    @property
    def item(self) -> type | None:
        if not self.is_list:
            return None
        arg = typing.get_args(self.type)[0]
        return arg if dataclasses.is_dataclass(arg) else None

    @property
    def spans(self) -> str | None:
        item = self.item
        if item is None:
            return None
        names = {f.name for f in dataclasses.fields(item)}
        return "mentions" if "mentions" in names else "span" if "span" in names else None


def record_fields(cls: type = Record) -> tuple[FieldSpec, ...]:
    """The registry of a Record class's fields, in order (``RECORD_FIELDS`` for :class:`Record`)."""
    hints = typing.get_type_hints(cls)
    return tuple(
        FieldSpec(
            f.name,
            hints[f.name],
            f.metadata.get("doc", ""),
            f.metadata.get("label"),
            f.metadata.get("parquet"),
            f.metadata.get("legend"),
        )
        for f in dataclasses.fields(cls)
    )


#: every field of a Record, in order: the one place sinks, readers, frames, views and the scorer look
RECORD_FIELDS: tuple[FieldSpec, ...] = record_fields()


# --- JSON -------------------------------------------------------------------------------------------------


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
    from newsmine.errors import Errors, NewsmineError

    raise NewsmineError(Errors.E010, type=repr(tp))


def _dataclass_schema(tp: type, specs: tuple[FieldSpec, ...] | None = None) -> dict[str, Any]:
    specs = specs if specs is not None else record_fields(tp)
    props = {s.name: _type_schema(s.type) for s in specs}
    for s in specs:
        if s.doc:
            props[s.name]["description"] = s.doc
        if s.name == "field":
            props[s.name] = {"enum": list(FIELDS_OF_TEXT)}
    out: dict[str, Any] = {"type": "object", "properties": props, "required": [s.name for s in specs]}
    doc = (tp.__doc__ or "").strip().splitlines()
    if doc and not doc[0].startswith(tp.__name__ + "("):
        out["description"] = doc[0]
    out["additionalProperties"] = False
    return out


def _item_types(specs: tuple[FieldSpec, ...]) -> list[type]:
    """Every dataclass a Record holds, depth first (Person, Title, Mention, ...)."""
    seen: list[type] = []

    def visit(tp: Any) -> None:
        for arg in typing.get_args(tp) or (tp,):
            if typing.get_args(arg):
                visit(arg)
            elif dataclasses.is_dataclass(arg) and arg not in seen:
                seen.append(arg)
                for hint in typing.get_type_hints(arg).values():
                    visit(hint)

    for s in specs:
        visit(s.type)
    return seen


def json_schema(fields: tuple[FieldSpec, ...] = RECORD_FIELDS) -> dict[str, Any]:
    """JSON Schema (2020-12) of a Record as ``to_dict()`` writes it, from the registry ``fields``."""
    schema = _dataclass_schema(Record, fields)
    props = schema["properties"]
    if "schema" in props:
        props["schema"] = {"const": SCHEMA, "description": props["schema"].get("description", "")}
    if "published_jalali" in props:
        props["published_jalali"] = {
            "anyOf": [{"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}, {"type": "null"}],
            "description": props["published_jalali"].get("description", ""),
        }
    defs = {t.__name__: _dataclass_schema(t) for t in _item_types(fields)}
    if "Claim" in defs:
        defs["Claim"]["properties"]["qualifier"] = {"enum": list(QUALIFIERS)}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://newsmine.invalid/schema/record-2.json",
        "title": "newsmine record",
        **schema,
        "$defs": dict(sorted(defs.items())),
    }


if __name__ == "__main__":  # python -m newsmine.schema > newsmine/resources/record.schema.json
    json.dump(json_schema(), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
