"""Record round trips and the JSON Schema: generated file current, every Record valid."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest

from newsmine.schema import (
    Claim,
    DateMention,
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
        title="عنوان",
        published="2024-02-10T10:12:05+03:30",
        published_jalali="1402-11-21",
        sentences=[(0, 28)],
        people=[Person("p1", "فضل‌الله کفیل", ["حاج"], [Title("رئیس سازمان", "رئیس", "سازمان")], [(0, 4)])],
        claims=[Claim("۲۰ هزار میز", 20000, (17, 28), unit="میز", qualifier="more_than", speaker="p1")],
        quotes=[Quote("p1", "گفت", "۲۰ هزار میز", (17, 28))],
        dates=[DateMention("۲۱ بهمن", "1402-11-21", "2024-02-10", (0, 7))],
        numbers=[NumberMention("۲۰ هزار", 20000, (17, 24)), NumberMention("۲.۵", 2.5, (0, 3))],
        warnings=["a warning"],
    )


def test_round_trip() -> None:
    rec = _full_record()
    assert Record.from_dict(rec.to_dict()) == rec
    assert Record.from_dict(json.loads(rec.to_json())) == rec


def test_json_keeps_persian() -> None:
    assert "رئیس" in _full_record().to_json()


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
    [("claims", [{"surface": "x"}]), ("schema", "other/1"), ("published_jalali", "1402/11/21"), ("extra", 1)],
)
def test_schema_rejects(field: str, bad: object) -> None:
    data = _full_record().to_dict()
    data[field] = bad
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, json_schema())
