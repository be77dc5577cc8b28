"""newsmine batch: bad inputs end in errors.jsonl or as Records with warnings, reruns are incremental,
changed articles become new versions, both formats read back, and Dask gives the single-process output."""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import json
import os
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pytest

from newsmine.batch import read_mentions, read_records, run_batch
from newsmine.batch.sinks import to_utc
from newsmine.frames import records_to_frame
from newsmine.render import render
from newsmine.schema import (
    Claim,
    DateMention,
    Location,
    Mention,
    NumberMention,
    Person,
    Quote,
    Record,
    Title,
    json_schema,
    record_fields,
)
from newsmine.web.fetch import FetchResult
from newsmine.web.warc import write_warc

STUB = "test_batch:stub_extract"
ARTICLE = "خبر {i}\nتهران ـ وزیر کار گفت: {i} هزار نفر در ۲۲ بهمن ۱۴۰۲ در این طرح ثبت‌نام کردند."


def stub_extract(item: dict) -> Record:
    """A fast stand-in for newsmine.extract (the runner's protocol does not depend on the extractor)."""
    body = item.get("text") or item.get("html") or ""
    if isinstance(body, bytes):
        body = body.decode("utf-8", "replace")
    if "RAISE" in body:
        raise ValueError("the stub was asked to fail")
    delay = float(os.environ.get("NEWSMINE_TEST_STUB_DELAY", "0"))
    if delay:
        time.sleep(delay)
    rid = hashlib.sha1(f"{item.get('url')}\x1f{body}".encode()).hexdigest()[:16]
    return Record(text=body, id=rid, url=item.get("url"), numbers=[NumberMention(body[:3], 1, (0, 3))])


#: what articles(i)'s ``published`` is, by i % 4: ISO with an offset, a date alone, the page's text, none
PUBLISHED = ("2024-02-10T10:12:05+03:30", "2024-02-11", "شنبه 21 بهمن 1402 - 10:12:05", None)


def rich_extract(item: dict) -> Record:
    """A stand-in that fills every kind of mention of ARTICLE, in the body, the title and the kicker."""
    title, _, body = item["text"].partition("\n")
    n = int(title.split()[1])
    at = body.index
    claim = at(f"{n} هزار")
    return Record(
        text=body,
        id=hashlib.sha1(item["text"].encode()).hexdigest()[:16],
        url=item.get("url"),
        title=title,
        kicker="وزیر کار",
        published=item.get("published"),
        published_jalali="1402-11-22",
        sentences=[(0, len(body))],
        people=[
            Person(
                "p1",
                "وزیر کار",
                ["آقای"],
                [Title("وزیر کار", "وزیر", "کار")],
                [Mention(at("وزیر"), at("وزیر") + 8), Mention(0, 8, "kicker")],
            )
        ],
        locations=[Location("l1", "تهران", [Mention(0, 5)])],
        claims=[
            Claim(f"{n} هزار نفر", n * 1000, (claim, claim + len(f"{n} هزار نفر")), unit="نفر", speaker="p1")
        ],
        quotes=[Quote("p1", "گفت", body[at(":") + 2 :], (at(":") + 2, len(body)))],
        dates=[DateMention("۲۲ بهمن ۱۴۰۲", "1402-11-22", "2024-02-11", (at("۲۲"), at("۲۲") + 12))],
        numbers=[NumberMention(str(n), n, (4, len(title)), field="title")],
        warnings=["a warning"] if n % 2 else [],
    )


def rich_articles(n: int) -> list[dict]:
    return [{**a, "published": PUBLISHED[i % 4]} for i, a in enumerate(articles(n))]


@dataclass
class Amount:
    """A sum of money: a field a later schema could add."""

    surface: str
    value: float | int | None
    span: tuple[int, int]
    currency: str | None = None
    field: str = "body"


# a Record with one more labelled list of structs and one more scalar, and its registry
WiderRecord = dataclasses.make_dataclass(
    "WiderRecord",
    [
        (
            "amounts",
            list[Amount],
            dataclasses.field(default_factory=list, metadata={"doc": "sums of money", "label": "MONEY"}),
        ),
        ("reading_minutes", int | None, dataclasses.field(default=None, metadata={"doc": "minutes to read"})),
    ],
    bases=(Record,),
)
WIDER_FIELDS = record_fields(WiderRecord)


def wider_extract(item: dict) -> Record:
    rec = rich_extract(item)
    at = rec.text.index("هزار نفر")
    values = {f.name: getattr(rec, f.name) for f in dataclasses.fields(Record)}
    amount = Amount("هزار نفر", 1000, (at, at + 8), currency="نفر")
    return WiderRecord(**values, amounts=[amount], reading_minutes=len(rec.text) // 20)


def write_jsonl(path: Path, items: list[dict], opener=open) -> Path:
    with opener(path, "wt", encoding="utf-8") as fh:
        for item in items:
            fh.write(json.dumps(item, ensure_ascii=False) + "\n")
    return path


def articles(n: int, start: int = 0) -> list[dict]:
    return [
        {"url": f"https://khabar.example/{i}", "text": ARTICLE.format(i=i)} for i in range(start, start + n)
    ]


def errors(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]


def page(i: int) -> FetchResult:
    url = f"https://khabar.example/warc/{i}"
    body = f"<html><body><h1>خبر {i}</h1><p>تهران ـ وزیر گفت {i} هزار نفر آمدند.</p></body></html>"
    return FetchResult(
        url=url, final_url=url, status=200, reason="OK", headers={"Content-Type": "text/html; charset=utf-8"},
        body=body.encode(), fetched_at="2024-02-10T05:00:00Z",
    )  # fmt: skip


def test_bad_inputs_end_in_errors_or_warnings(tmp_path):
    """Every bad input of the issue, with the real extractor: each is an error line or a Record."""
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "empty.html").write_bytes(b"")
    (src / "binary.html").write_bytes(bytes(range(256)) * 40)
    (src / "sub" / "cp1256.txt").write_bytes("خبر\nتهران ـ وزير كار گفت: 3 هزار نفر آمدند.".encode("cp1256"))
    (src / "english.txt").write_text(
        "Title\nThe minister said 3,000 people came on Monday.", encoding="utf-8"
    )
    (src / "huge.html").write_bytes(
        b"<html><body>" + b"<p>" + "متن خبر ".encode() * 1_500_000 + b"</body></html>"
    )
    (src / "nested.html").write_text("<html><body>" + "<div>" * 10_000 + "خبر" + "</div>" * 10_000)
    (src / "notes.md").write_text("not an input type: ignored inside a directory")
    good = articles(3)
    lines = [json.dumps(a, ensure_ascii=False) for a in good]
    lines.insert(2, '{"text": "no end')
    lines.insert(3, '["a list"]')
    (src / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    whole = gzip.compress(
        "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles(40, 10)).encode()
    )
    (src / "cut.jsonl.gz").write_bytes(whole[: len(whole) // 2])
    warc = src / "crawl.warc.gz"
    write_warc(warc, [page(i) for i in range(3)])
    data = bytearray(warc.read_bytes())
    second = data.find(b"\x1f\x8b\x08", data.find(b"https://khabar.example/warc/1") - 800)
    data[second + 40 : second + 200] = b"\x00" * 160  # break the middle record's gzip member
    warc.write_bytes(bytes(data))

    out = tmp_path / "out"
    summary = run_batch([src], out, workers=1, part_size=4, progress=False)
    found = errors(out)
    by_type = {e["error"] for e in found}
    assert {"EmptyFile", "TooLarge", "JSONDecodeError", "NotAnObject"} <= by_type
    assert {"TruncatedGzip", "BrokenWarcRecord"} <= by_type
    assert all(e["input"] and e["stage"] and e["message"] for e in found)
    records = read_records(out)
    refs = set(records["input"])
    assert str(src / "binary.html") in refs and str(src / "english.txt") in refs
    binary = records[records["input"] == str(src / "binary.html")].iloc[0]
    assert any("binary" in w for w in binary["warnings"])
    cp1256 = records[records["input"] == str(src / "sub" / "cp1256.txt")].iloc[0]
    assert any("windows-1256" in w for w in cp1256["warnings"]) and "وزیر" in cp1256["text"]
    assert {f"{src / 'feed.jsonl'}:{n}" for n in (1, 2, 5)} <= refs
    assert sum(r.startswith(str(warc)) for r in refs) == 2  # records 0 and 2 of the WARC
    assert sum(r.startswith(str(src / "cut.jsonl.gz")) for r in refs) >= 1
    assert summary["processed"] == len(records) and summary["errors"] == len(found)
    nested = records[records["input"] == str(src / "nested.html")].iloc[0]  # unwrapped, not refused
    assert "خبر" in nested["text"] and any("nested deeper than" in w for w in nested["warnings"])
    assert not any("notes.md" in r for r in refs | {e["input"] for e in found})
    run_file = out / f"run-{summary['run']}.json"
    assert json.loads(run_file.read_text(encoding="utf-8"))["processed"] == summary["processed"]

    again = run_batch([src], out, workers=1, progress=False)  # nothing new: errors are not repeated
    assert again["processed"] == 0 and again["errors"] == 0
    assert again["skipped_done"] == summary["processed"] + summary["errors"]
    assert errors(out) == found


def test_rerun_is_incremental_and_changed_article_is_a_new_version(tmp_path):
    first = write_jsonl(tmp_path / "a.jsonl", articles(10))
    out = tmp_path / "out"
    s1 = run_batch([first], out, part_size=3, progress=False, extractor=STUB)
    assert (s1["processed"], s1["parts_written"]) == (10, 4)
    changed = articles(12)
    changed[4]["text"] += " (اصلاح شد)"
    write_jsonl(tmp_path / "a.jsonl", changed)  # grown by 2, one article edited
    write_jsonl(tmp_path / "copy.jsonl", articles(2))  # the same content again: done already
    s2 = run_batch([str(tmp_path / "*.jsonl")], out, part_size=3, progress=False, extractor=STUB)
    assert (s2["processed"], s2["skipped_done"]) == (3, 11)
    records = read_records(out)
    assert len(records) == 13 and records["content_hash"].is_unique
    versions = records[records["url"] == "https://khabar.example/4"]
    assert len(versions) == 2 and versions["id"].nunique() == 2
    latest = read_records(out, latest=True)
    assert len(latest) == 12
    assert latest[latest["url"] == "https://khabar.example/4"].iloc[0]["text"].endswith("(اصلاح شد)")


def test_duplicates_processed_once_and_extractor_exceptions_are_errors(tmp_path):
    items = [*articles(5), {"url": "https://khabar.example/odd", "text": "RAISE"}]
    src = write_jsonl(tmp_path / "a.jsonl", items + items[:2])
    summary = run_batch([src, src], tmp_path / "out", progress=False, extractor=STUB)
    assert (summary["processed"], summary["skipped_duplicate"]) == (5, 2)  # a path given twice is read once
    assert summary["errors_by_type"] == {"extract:ValueError": 1}
    (error,) = errors(tmp_path / "out")
    assert (error["input"], error["stage"], error["url"]) == (f"{src}:6", "extract", items[5]["url"])


@pytest.mark.parametrize("fmt", ["parquet", "jsonl"])
def test_formats_read_back_the_same(tmp_path, fmt):
    src = write_jsonl(tmp_path / "a.jsonl", articles(6))
    out = tmp_path / fmt
    run_batch([src], out, fmt=fmt, part_size=4, progress=False, extractor=STUB)
    assert all(p.suffix == f".{fmt}" for p in (out / "records").iterdir())
    records = read_records(out)
    assert len(records) == 6 and isinstance(records.iloc[0]["numbers"], list)
    assert list(records.columns) == [*Record.__dataclass_fields__, "content_hash", "input"]
    rebuilt = Record.from_dict({k: records.iloc[0][k] for k in Record.__dataclass_fields__})
    assert rebuilt.numbers[0].span == (0, 3)
    numbers = read_mentions(out, "numbers")
    assert len(numbers) == 6 and set(numbers["record_id"]) == set(records["id"])
    assert list(numbers.columns[:2]) == ["record_id", "url"] and "value" in numbers
    assert numbers["field"].tolist() == ["body"] * 6
    with pytest.raises(ValueError, match="E015"):
        read_mentions(out, "persons")


def test_parquet_and_jsonl_give_the_same_frame(tmp_path):
    src = write_jsonl(tmp_path / "a.jsonl", rich_articles(6))
    frames = {}
    for fmt in ("parquet", "jsonl"):
        run_batch(
            [src], tmp_path / fmt, fmt=fmt, part_size=4, progress=False, extractor="test_batch:rich_extract"
        )
        frames[fmt] = read_records(tmp_path / fmt)
    parquet, jsonl = frames["parquet"], frames["jsonl"]
    assert str(parquet["published"].dtype) == str(jsonl["published"].dtype) == "datetime64[us, UTC]"
    assert parquet.to_dict("records") == jsonl.to_dict("records")  # 3000.0 == 3000: Parquet's float
    person = parquet.iloc[0]["people"][0]
    assert person["mentions"] == [
        {"start": 8, "end": 16, "field": "body"},
        {"start": 0, "end": 8, "field": "kicker"},
    ]
    assert person["titles"] == [{"title": "وزیر کار", "role": "وزیر", "organization": "کار"}]
    assert parquet.iloc[0]["sentences"] == [[0, len(parquet.iloc[0]["text"])]]
    assert Record.from_dict(
        {k: parquet.iloc[1][k] for k in Record.__dataclass_fields__ if k != "published"}
    ) == (Record.from_dict({**rich_extract(rich_articles(2)[1]).to_dict(), "published": None}))
    mentions = read_mentions(tmp_path / "parquet", "people")
    assert len(mentions) == 6 and mentions.iloc[0]["mentions"][1]["field"] == "kicker"  # one row per person


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-02-10T10:12:05+03:30", datetime(2024, 2, 10, 6, 42, 5, tzinfo=timezone.utc)),
        ("2024-02-10T10:12:05Z", datetime(2024, 2, 10, 10, 12, 5, tzinfo=timezone.utc)),
        ("2024-02-10T10:12:05", datetime(2024, 2, 10, 10, 12, 5, tzinfo=timezone.utc)),
        ("2024-02-11", datetime(2024, 2, 11, tzinfo=timezone.utc)),
        ("شنبه 21 بهمن 1402 - 10:12:05", None),
        ("", None),
        (None, None),
    ],
)
def test_published_is_a_utc_instant(text, expected):
    assert to_utc(text) == expected


def test_parquet_parts_are_nested_tables_for_pandas_arrow_and_duckdb(tmp_path):
    """DuckDB, pyarrow and pandas read people, claims and quotes as nested columns, no JSON decoding."""
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    pd = pytest.importorskip("pandas")
    duckdb = pytest.importorskip("duckdb")
    src = write_jsonl(tmp_path / "a.jsonl", rich_articles(6))
    out = tmp_path / "out"
    summary = run_batch([src], out, part_size=4, progress=False, extractor="test_batch:rich_extract")
    assert summary["parts_written"] == 2 and summary["errors"] == 0

    schema = pq.read_table(out / "records").schema
    for name in ("people", "organizations", "claims", "quotes", "dates", "numbers"):
        assert pa.types.is_list(schema.field(name).type) and pa.types.is_struct(
            schema.field(name).type.value_type
        )
    person = schema.field("people").type.value_type
    mention = person.field("mentions").type.value_type
    assert [(f.name, f.type, f.nullable) for f in mention] == [
        ("start", pa.int64(), False),
        ("end", pa.int64(), False),
        ("field", pa.string(), False),
    ]
    assert person.field("honorifics").type.value_type == pa.string() and person.field("name").nullable
    claim = schema.field("claims").type.value_type
    assert claim.field("value").type == pa.float64() and claim.field("span").type.value_type == pa.int64()
    assert schema.field("sentences").type.value_type.value_type == pa.int64()
    assert schema.field("published").type == pa.timestamp("us", tz="UTC")
    assert schema.field("content_hash").type == schema.field("input").type == pa.string()

    frame = pd.read_parquet(out / "records")
    assert frame.iloc[0]["people"][0]["name"] == "وزیر کار"
    body = frame.iloc[0]["text"]
    assert list(frame.iloc[0]["claims"][0]["span"]) == [body.index("0 هزار"), body.index("0 هزار") + 10]
    assert frame["published"].tolist()[:4] == [
        pd.Timestamp("2024-02-10T06:42:05Z"),
        pd.Timestamp("2024-02-11T00:00:00Z"),
        pd.NaT,
        pd.NaT,
    ]

    parts = f"'{out / 'records'}/*.parquet'"
    values = duckdb.sql(f"select unnest(claims).value as v from {parts} order by v").fetchall()
    assert values == [(float(i * 1000),) for i in range(6)]
    names = duckdb.sql(
        f"select p.name, count(*) from (select unnest(people) as p from {parts}) group by 1"
    ).fetchall()
    assert names == [("وزیر کار", 6)]
    speakers = duckdb.sql(f"select distinct q.speaker, q.verb from (select unnest(quotes) as q from {parts})")
    assert speakers.fetchall() == [("p1", "گفت")]
    fields = duckdb.sql(
        f"select m.field, count(*) from (select unnest(p.mentions) as m from "
        f"(select unnest(people) as p from {parts})) group by 1 order by 1"
    ).fetchall()
    assert fields == [("body", 6), ("kicker", 6)]
    [(day,)] = duckdb.sql(f"select min(published) from {parts}").fetchall()
    assert day == datetime(2024, 2, 10, 6, 42, 5, tzinfo=timezone.utc)


def test_a_record_the_parquet_schema_cannot_hold_is_an_error_not_a_stuck_batch(tmp_path):
    src = write_jsonl(tmp_path / "a.jsonl", articles(3))
    out = tmp_path / "out"
    summary = run_batch([src], out, progress=False, extractor="test_batch:schema1_extract")
    assert summary["processed"] == 2 and summary["errors_by_type"] == {"store:ArrowTypeError": 1}
    (error,) = errors(out)
    assert error["stage"] == "store" and "column people" in error["message"]
    assert len(read_records(out)) == 2
    assert run_batch([src], out, progress=False, extractor="test_batch:schema1_extract")["processed"] == 0


def schema1_extract(item: dict) -> Record:
    """The stub, with a schema/1 mention (a [start, end] pair) in the article that holds "1 هزار"."""
    rec = stub_extract(item)
    if "1 هزار" in rec.text:
        rec.people = [Person("p1", "وزیر", mentions=[(0, 4)])]  # type: ignore[list-item]
    return rec


@pytest.mark.parametrize("fmt", ["parquet", "jsonl"])
def test_a_field_added_to_the_registry_reaches_every_output(tmp_path, fmt):
    """A registry copy with a list of structs (labelled MONEY) and a scalar more: both formats keep them,
    and the reader, the frames, the JSON Schema and the view all have them."""
    jsonschema = pytest.importorskip("jsonschema")
    src = write_jsonl(tmp_path / "a.jsonl", rich_articles(3))
    out = tmp_path / "out"
    summary = run_batch(
        [src], out, fmt=fmt, progress=False, extractor="test_batch:wider_extract", fields=WIDER_FIELDS
    )
    assert summary["processed"] == 3 and summary["errors"] == 0
    records = read_records(out, fields=WIDER_FIELDS)
    row = records.iloc[1]
    at = row["text"].index("هزار نفر")
    assert row["amounts"] == [
        {"surface": "هزار نفر", "value": 1000, "span": [at, at + 8], "currency": "نفر", "field": "body"}
    ]
    assert row["reading_minutes"] == len(row["text"]) // 20
    if fmt == "parquet":
        pq = pytest.importorskip("pyarrow.parquet")
        schema = pq.read_schema(next((out / "records").iterdir()))
        assert str(schema.field("amounts").type.value_type.field("currency").type) == "string"
        assert str(schema.field("reading_minutes").type) == "int64"

    amounts = read_mentions(out, "amounts", fields=WIDER_FIELDS)
    assert amounts["currency"].tolist() == ["نفر"] * 3
    counts = records_to_frame(records, "records", fields=WIDER_FIELDS)
    assert counts["n_amounts"].tolist() == [1, 1, 1] and "reading_minutes" in counts
    money = records_to_frame(records, "amounts", fields=WIDER_FIELDS)
    assert money[["currency", "field", "mention"]].values.tolist() == [["نفر", "body", "هزار نفر"]] * 3
    with pytest.raises(ValueError, match="E033"):
        records_to_frame(records, "amounts")  # the default registry has no such kind

    schema = json_schema(WIDER_FIELDS)
    assert schema["properties"]["amounts"]["items"] == {"$ref": "#/$defs/Amount"}
    assert schema["properties"]["reading_minutes"]["anyOf"] == [{"type": "integer"}, {"type": "null"}]
    wider = wider_extract(rich_articles(2)[1])
    jsonschema.validate(wider.to_dict(), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**wider.to_dict(), "amounts": [{"surface": "x"}]}, schema)

    for shown in (wider, row.to_dict()):
        html = render(shown, style=("MONEY", "NUM"), fields=WIDER_FIELDS)
        assert f'data-label="MONEY" data-start="{at}" data-end="{at + 8}" data-field="body"' in html
        assert 'data-key="MONEY">MONEY MONEY</span>' in html and ".nm-doc .nm-MONEY{background:" in html
        assert 'data-field="title" title="NUM value=1">1</mark>' in html


def test_process_pool_matches_single_process(tmp_path):
    src = write_jsonl(tmp_path / "a.jsonl", articles(30))
    one = run_batch([src], tmp_path / "one", progress=False, extractor=STUB)
    two = run_batch([src], tmp_path / "two", workers=2, part_size=7, progress=False, extractor=STUB)
    assert one["processed"] == two["processed"] == 30
    a = read_records(tmp_path / "one").sort_values("content_hash").reset_index(drop=True)
    b = read_records(tmp_path / "two").sort_values("content_hash").reset_index(drop=True)
    assert a.equals(b)


def test_dask_cluster_matches_single_process(tmp_path):
    distributed = pytest.importorskip("distributed")
    items = [*articles(6), {"url": "https://khabar.example/html", "html": page(9).body.decode()}]
    src = write_jsonl(tmp_path / "a.jsonl", items)
    single = run_batch([src], tmp_path / "single", progress=False)
    with distributed.LocalCluster(
        n_workers=1,
        threads_per_worker=1,
        processes=False,
        protocol="tcp://",
        host="127.0.0.1",
        dashboard_address=":0",
    ) as cluster:
        address = cluster.scheduler_address
        assert address.startswith("tcp://127.0.0.1")
        on_dask = run_batch([src], tmp_path / "dask", scheduler=address, part_size=3, progress=False)
    assert single["processed"] == on_dask["processed"] == 7
    a = read_records(tmp_path / "single").sort_values("content_hash").reset_index(drop=True)
    b = read_records(tmp_path / "dask").sort_values("content_hash").reset_index(drop=True)
    assert a.drop(columns="input").to_dict("records") == b.drop(columns="input").to_dict("records")
    assert list(a["input"]) == list(b["input"])


def test_second_runner_on_the_same_directory_is_refused(tmp_path):
    import fcntl

    out = tmp_path / "out"
    out.mkdir()
    with open(out / ".lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(RuntimeError, match="E013"):
            run_batch([], out, progress=False)
