"""Record round trips and the JSON Schema: generated file current, every Record valid."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest

from newsmine.schema import (
    RECORD_FIELDS,
    Claim,
    DateMention,
    Mention,
    NumberMention,
    Person,
    Quote,
    Record,
    Title,
    json_schema,
)


def _full_record() -> Record:
    return Record(
        text="رئیس سازمان گفت: ۲۰ هزار میز",
        id="abc",
        title="رئیس سازمان در مشهد",
        kicker="۲۰ هزار",
        published="2024-02-10T10:12:05+03:30",
        published_jalali="1402-11-21",
        sentences=[(0, 28)],
        people=[
            Person(
                "p1",
                "فضل‌الله کفیل",
                ["حاج"],
                [Title("رئیس سازمان", "رئیس", "سازمان")],
                [Mention(0, 4), Mention(0, 4, "title")],
            )
        ],
        claims=[Claim("۲۰ هزار میز", 20000, (17, 28), unit="میز", qualifier="more_than", speaker="p1")],
        quotes=[Quote("p1", "گفت", "۲۰ هزار میز", (17, 28))],
        dates=[DateMention("۲۱ بهمن", "1402-11-21", "2024-02-10", (0, 7))],
        numbers=[
            NumberMention("۲۰ هزار", 20000, (17, 24)),
            NumberMention("۲۰ هزار", 20000, (0, 7), field="kicker"),
        ],
        warnings=["a warning"],
    )


def test_round_trip() -> None:
    rec = _full_record()
    assert Record.from_dict(rec.to_dict()) == rec
    assert Record.from_dict(json.loads(rec.to_json())) == rec


def test_json_keeps_persian() -> None:
    assert "رئیس" in _full_record().to_json()


@pytest.mark.parametrize(
    ("field", "start", "end", "expected"),
    [("body", 0, 4, "رئیس"), ("title", 15, 19, "مشهد"), ("kicker", 0, 7, "۲۰ هزار"), ("lead", 0, 1, "")],
)
def test_mentions_index_the_text_their_field_names(field: str, start: int, end: int, expected: str) -> None:
    assert _full_record().text_of(field)[start:end] == expected


def test_mentions_are_objects_in_json() -> None:
    person = _full_record().to_dict()["people"][0]
    assert person["mentions"] == [
        {"start": 0, "end": 4, "field": "body"},
        {"start": 0, "end": 4, "field": "title"},
    ]
    assert _full_record().to_dict()["numbers"][1]["field"] == "kicker"


def test_registry_is_the_record() -> None:
    assert [s.name for s in RECORD_FIELDS] == list(Record.__dataclass_fields__)
    labelled = {s.name: (s.label, s.spans) for s in RECORD_FIELDS if s.label}
    assert labelled == {
        "people": ("PER", "mentions"),
        "organizations": ("ORG", "mentions"),
        "locations": ("LOC", "mentions"),
        "events": ("EVENT", "mentions"),
        "claims": ("CLAIM", "span"),
        "quotes": ("QUOTE", "span"),
        "dates": ("DATE", "span"),
        "numbers": ("NUM", "span"),
    }
    assert all(s.legend for s in RECORD_FIELDS if s.label)
    assert [s.name for s in RECORD_FIELDS if s.parquet == "timestamp"] == ["published"]


def test_shipped_schema_is_current() -> None:
    shipped = json.loads(
        (resources.files("newsmine") / "resources" / "record.schema.json").read_text("utf-8")
    )
    assert shipped == json_schema(), "run: python -m newsmine.schema > newsmine/resources/record.schema.json"


def test_records_validate() -> None:
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(_full_record().to_dict(), schema)
    jsonschema.validate(Record().to_dict(), schema)


@pytest.mark.parametrize(
    ("field", "bad"),
    [
        ("claims", [{"surface": "x"}]),
        ("schema", "other/1"),
        ("published_jalali", "1402/11/21"),
        ("extra", 1),
        ("people", [{"id": "p1", "name": "x", "honorifics": [], "titles": [], "mentions": [[0, 4]]}]),
        ("dates", [{**DateMention("x", None, None, (0, 1)).__dict__, "span": [0, 1], "field": "lead"}]),
    ],
)
def test_schema_rejects(field: str, bad: object) -> None:
    data = _full_record().to_dict()
    data[field] = bad
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, json_schema())
