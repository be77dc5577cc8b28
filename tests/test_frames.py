"""records_to_frame(): tidy DataFrames per mention kind."""

from __future__ import annotations

import pytest

from newsmine.frames import FRAME_KINDS, records_to_frame
from newsmine.schema import (
    RECORD_FIELDS,
    Claim,
    DateMention,
    Location,
    Mention,
    NumberMention,
    Organization,
    Person,
    Quote,
    Record,
)

pd = pytest.importorskip("pandas")


def _records() -> list[Record]:
    a = Record(
        text="تهران ـ وزیر کار گفت: ۲۰ هزار نفر",
        id="a",
        url="https://example.org/a",
        title="استخدام در تهران",
        published="2024-02-11T10:00:00+03:30",
        published_jalali="1402-11-22",
        people=[Person("p1", "وزیر کار", mentions=[Mention(8, 16)])],
        organizations=[
            Organization("o1", "کار", "وزارت تعاون، کار و رفاه اجتماعی", [Mention(13, 16), Mention(13, 16)])
        ],
        locations=[Location("l1", "تهران", [Mention(0, 5), Mention(11, 16, "title")])],
        claims=[Claim("۲۰ هزار نفر", 20000, (22, 33), unit="نفر", speaker="p1")],
        quotes=[Quote("p1", "گفت", "۲۰ هزار نفر", (22, 33))],
        numbers=[NumberMention("۲۰ هزار", 20000, (22, 29))],
        warnings=["w1"],
    )
    b = Record(
        text="مشهد ـ ۵ نفر در ۲۲ بهمن",
        id="b",
        published="2024-03-01T09:00:00+03:30",
        published_jalali="1402-12-11",
        kicker="۵ نفر",
        locations=[Location("l1", "مشهد", [Mention(0, 4)])],
        dates=[DateMention("۲۲ بهمن", "1402-11-22", "2024-02-11", (16, 23))],
        numbers=[NumberMention("۵", 5, (7, 8)), NumberMention("۵", 5, (0, 1), field="kicker")],
    )
    return [a, b]


@pytest.mark.parametrize("kind", FRAME_KINDS)
def test_every_kind_has_the_base_columns_even_when_empty(kind: str) -> None:
    for records in (_records(), []):
        df = records_to_frame(records, kind)
        assert list(df.columns[:4]) == ["record_id", "url", "published", "published_jalali"]
        if kind != "records":
            assert list(df.columns[-4:]) == ["field", "start", "end", "mention"]
            assert not {"span", "mentions"} & set(df.columns)


def test_one_row_per_mention_with_spans_and_text() -> None:
    df = records_to_frame(_records(), "organizations")
    assert len(df) == 2 and df["canonical"].tolist() == ["وزارت تعاون، کار و رفاه اجتماعی"] * 2
    locs = records_to_frame(_records(), "locations")
    assert locs[["record_id", "field", "mention", "start", "end"]].values.tolist() == [
        ["a", "body", "تهران", 0, 5],
        ["a", "title", "تهران", 11, 16],
        ["b", "body", "مشهد", 0, 4],
    ]
    assert str(locs["start"].dtype) == "Int64"


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("numbers", [("body", "۲۰ هزار"), ("body", "۵"), ("kicker", "۵")]),
        ("claims", [("body", "۲۰ هزار نفر")]),
        ("quotes", [("body", "۲۰ هزار نفر")]),
        ("dates", [("body", "۲۲ بهمن")]),
        ("people", [("body", "وزیر کار")]),
    ],
)
def test_mention_is_the_text_of_its_field(kind: str, expected: list[tuple[str, str]]) -> None:
    df = records_to_frame(_records(), kind)
    assert list(zip(df["field"], df["mention"], strict=True)) == expected


def test_groupby_speaker_and_month_are_one_line() -> None:
    claims = records_to_frame(_records(), "claims")
    assert claims.groupby("speaker")["value"].sum().to_dict() == {"p1": 20000}
    numbers = records_to_frame(_records(), "numbers")
    assert numbers.groupby(numbers.published.str[:7]).size().to_dict() == {"2024-02": 1, "2024-03": 2}
    assert numbers.groupby(numbers.published_jalali.str[:7]).size().to_dict() == {"1402-11": 1, "1402-12": 2}


def test_records_kind_counts_mentions() -> None:
    df = records_to_frame(_records(), "records")
    assert df["record_id"].tolist() == ["a", "b"]
    assert df["n_numbers"].tolist() == [1, 2] and df["n_organizations"].tolist() == [1, 0]
    assert df["warnings"].tolist() == ["w1", ""] and df["n_warnings"].tolist() == [1, 0]
    assert {f"n_{s.name}" for s in RECORD_FIELDS if s.is_list} <= set(df.columns)
    assert {s.name for s in RECORD_FIELDS if not s.is_list} - {"id"} <= set(df.columns)
    assert df["title"].tolist() == ["استخدام در تهران", None]


def test_dicts_single_record_and_read_records_frame_agree() -> None:
    records = _records()
    direct = records_to_frame(records, "numbers")
    pd.testing.assert_frame_equal(records_to_frame([r.to_dict() for r in records], "numbers"), direct)
    pd.testing.assert_frame_equal(records_to_frame(records[0], "numbers"), direct.iloc[:1])
    frame = pd.DataFrame([r.to_dict() for r in records])  # the shape read_records returns
    pd.testing.assert_frame_equal(records_to_frame(frame, "numbers"), direct)


def test_unknown_kind() -> None:
    with pytest.raises(ValueError, match="E033"):
        records_to_frame([], "cats")


def test_batch_output(tmp_path) -> None:
    from newsmine.batch import read_records, run_batch

    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(
        "تهران ـ وزارت نیرو گفت: ۱۲۰۰ روستا در ۲۲ بهمن ۱۴۰۲ آب گرفتند.", encoding="utf-8"
    )
    run_batch([src], tmp_path / "out", progress=False)
    records = read_records(tmp_path / "out")
    numbers = records_to_frame(records, "numbers")
    assert 1200 in numbers["value"].tolist()
    assert (numbers["mention"] == numbers["surface"]).all()


def test_a_read_records_frame_keeps_published_a_datetime() -> None:
    frame = pd.DataFrame([r.to_dict() for r in _records()])  # as read_records gives it: published in UTC
    frame["published"] = pd.to_datetime(frame["published"], utc=True).astype("datetime64[us, UTC]")
    numbers = records_to_frame(frame, "numbers")
    assert numbers.groupby(numbers.published.dt.strftime("%Y-%m")).size().to_dict() == {
        "2024-02": 1,
        "2024-03": 2,
    }
    assert str(records_to_frame(frame.iloc[:0], "numbers")["published"].dtype) == "datetime64[us, UTC]"


def test_without_pandas_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from newsmine.errors import NewsmineRuntimeError

    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now raises ImportError
    with pytest.raises(
        NewsmineRuntimeError, match=r"^\[E034\] records_to_frame\(\) needs pandas.*newsmine\[tables\]"
    ):
        records_to_frame([], "numbers")
