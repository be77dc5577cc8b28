"""newsmine batch: bad inputs end in errors.jsonl or as Records with warnings, reruns are incremental,
changed articles become new versions, both formats read back, and Dask gives the single-process output."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import time
from pathlib import Path

import pytest

from newsmine.batch import read_mentions, read_records, run_batch
from newsmine.schema import NumberMention, Record
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
    assert {"EmptyFile", "TooLarge", "NestedTooDeep", "JSONDecodeError", "NotAnObject"} <= by_type
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
    assert summary["errors_by_type"]["validate:NestedTooDeep"] == 1
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
    rebuilt = Record.from_dict({k: records.iloc[0][k] for k in Record.__dataclass_fields__})
    assert rebuilt.numbers[0].span == (0, 3)
    numbers = read_mentions(out, "numbers")
    assert len(numbers) == 6 and set(numbers["record_id"]) == set(records["id"])
    assert list(numbers.columns[:2]) == ["record_id", "url"] and "value" in numbers
    with pytest.raises(ValueError, match="unknown mention kind"):
        read_mentions(out, "persons")


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
        with pytest.raises(RuntimeError, match="another newsmine batch"):
            run_batch([], out, progress=False)
