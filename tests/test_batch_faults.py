"""The batch under faults: a lost, emptied or damaged state, a deleted part, an orphan or copied part, a
full disk, its own output inside an input folder, a crawl folder, missing inputs; and articles that hang,
bloat or kill their worker. Every case ends with each input in the output (or in errors.jsonl) once.

The files are real (SQLite, Parquet, JSONL read back with pandas, pyarrow and DuckDB); the faults are
real (files deleted or cut, a file-size limit, SIGKILL). Time limits here are hang guards only.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest
from test_batch import articles, errors, page, stub_extract, write_jsonl

from newsmine.batch import read_records, run_batch
from newsmine.batch.inputs import unit_key
from newsmine.batch.state import State
from newsmine.schema import Record
from newsmine.web.warc import write_warc

TESTS = Path(__file__).resolve().parent
FAULT = "test_batch_faults:fault_extract"
STUB = "test_batch:stub_extract"


def fault_extract(item: dict) -> Record:
    """The stub, with faults on demand: HANG sleeps, BLOAT holds memory, KILL9 kills its own process."""
    body = item.get("text") or ""
    if "HANG" in body:
        time.sleep(3600)
    if "BLOAT" in body:
        held = b"x" * (400 * 2**20)  # written, so resident
        time.sleep(30)
        del held
    if "KILL9" in body:
        os.kill(os.getpid(), signal.SIGKILL)
    return stub_extract(item)


def keys_of(items: list[dict]) -> list[str]:
    return sorted(unit_key(i) for i in items)


def output_keys(out: Path) -> tuple[list[str], list[str]]:
    """(record keys, error keys) as the output holds them, each sorted; duplicates kept, to be seen."""
    records = read_records(out)
    return sorted(records["content_hash"]), sorted(e["key"] for e in errors(out))


def run(src, out, **kwargs):
    options = {"part_size": 4, "progress": False, "extractor": STUB}
    options.update(kwargs)
    return run_batch([src], out, **options)


# -- the state is an index: losing it loses nothing -----------------------------------------------------------


def _break_state(out: Path, how: str) -> None:
    path = out / "state.sqlite"
    if how == "deleted":
        for p in out.glob("state.sqlite*"):
            p.unlink()
    elif how == "empty":
        path.write_bytes(b"")
    else:
        path.write_bytes(b"this is not a SQLite database, it was overwritten" * 100)


@pytest.mark.parametrize(("how", "fmt"), [("deleted", "parquet"), ("empty", "jsonl"), ("damaged", "parquet")])
def test_a_lost_state_is_rebuilt_from_the_parts_and_no_record_is_lost(tmp_path, fmt, how):
    items = articles(14)
    src = write_jsonl(tmp_path / "a.jsonl", items)
    with open(src, "a", encoding="utf-8") as fh:
        fh.write('{"text": broken\n')
    out = tmp_path / "out"
    first = run(src, out, fmt=fmt)
    assert first["processed"] == 14 and first["errors"] == 1
    parts_before = sorted(p.name for p in (out / "records").iterdir())
    _break_state(out, how)

    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        again = run(src, out, fmt=fmt)
    assert again["processed"] == 0 and again["errors"] == 0  # nothing redone: the parts were adopted
    assert sorted(again["repaired"]["adopted"]) == parts_before
    assert again["repaired"]["quarantined"] == [] and again["repaired"]["errors_restored"] == 1
    if how == "damaged":
        assert "E019" in again["repaired"]["state"] and list(out.glob("state.sqlite.damaged-*"))
    assert sorted(p.name for p in (out / "records").iterdir()) == parts_before  # nothing deleted
    record_keys, error_keys = output_keys(out)
    assert record_keys == keys_of(items) and len(error_keys) == 1
    state = State(out)
    try:
        assert state.count() == {"record": 14, "error": 1}
        assert all(row.size and row.sha256 for row in state.manifest())
    finally:
        state.close()
    if fmt == "parquet":
        duckdb = pytest.importorskip("duckdb")
        [(n,)] = duckdb.sql(
            f"select count(distinct content_hash) from '{out / 'records'}/*.parquet'"
        ).fetchall()
        assert n == 14


def test_a_deleted_part_is_reported_and_its_inputs_redone(tmp_path):
    items = articles(10)
    src = write_jsonl(tmp_path / "a.jsonl", items)
    out = tmp_path / "out"
    run(src, out)
    gone = sorted((out / "records").iterdir())[1]
    assert len(read_records(out)) == 10  # all 10 before
    gone.unlink()

    with pytest.warns(RuntimeWarning, match=r"E018.*missing"):
        partial = read_records(out)  # what is there is read; the missing part is named, not a crash
    assert len(partial) == 6

    with pytest.warns(RuntimeWarning, match=gone.name):
        again = run(src, out)
    (missing,) = again["repaired"]["missing_parts"]
    assert missing == {"part": gone.name, "problem": "missing", "records_to_redo": 4}
    assert again["processed"] == 4 and again["skipped_done"] == 6
    record_keys, _ = output_keys(out)
    assert record_keys == keys_of(items)


def test_a_cut_part_is_kept_aside_and_redone(tmp_path):
    items = articles(8)
    src = write_jsonl(tmp_path / "a.jsonl", items)
    out = tmp_path / "out"
    run(src, out)
    damaged = sorted((out / "records").iterdir())[0]
    damaged.write_bytes(damaged.read_bytes()[:100])
    with pytest.warns(RuntimeWarning):
        again = run(src, out)
    (entry,) = again["repaired"]["missing_parts"]
    assert entry["part"] == damaged.name and "bytes where the manifest says" in entry["problem"]
    assert (out / entry["kept_as"]).exists()  # never deleted
    assert again["processed"] == 4
    assert output_keys(out)[0] == keys_of(items)


def test_an_orphan_part_is_adopted_and_a_copy_quarantined(tmp_path):
    first, second = articles(6), articles(5, start=100)
    a = write_jsonl(tmp_path / "a.jsonl", first)
    b = write_jsonl(tmp_path / "b.jsonl", second)
    out, other = tmp_path / "out", tmp_path / "other"
    run(a, out)
    run(b, other)
    orphan = sorted((other / "records").iterdir())[0]  # a part whose commit never happened, as if killed
    os.replace(orphan, out / "records" / orphan.name)
    copy = sorted((out / "records").iterdir())[0]
    (out / "records" / f"part-copy-{copy.name[5:]}").write_bytes(copy.read_bytes())

    summary = run_batch([a, b], out, part_size=4, progress=False, extractor=STUB)
    assert summary["repaired"]["adopted"] == [orphan.name]
    (kept,) = summary["repaired"]["quarantined"]
    assert kept["why"] == "its records are in the output already" and (out / kept["kept_as"]).exists()
    assert summary["processed"] == 1  # the fifth article of b.jsonl, not in the adopted part
    assert output_keys(out)[0] == keys_of(first + second)


# -- a full disk says so ---------------------------------------------------------------------------------------


def test_a_full_disk_raises_its_cause_and_loses_nothing(tmp_path):
    items = articles(120)
    src = write_jsonl(tmp_path / "a.jsonl", items)
    out = tmp_path / "out"
    code = (
        f"import resource, signal, sys; sys.path.insert(0, {str(TESTS)!r})\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes past the limit fail with EFBIG\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))\n"
        "from newsmine.batch import run_batch\n"
        f"run_batch([{str(src)!r}], {str(out)!r}, part_size=5, progress=False, extractor={STUB!r}, article_timeout=None,"
        " article_memory_mb=None)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode != 0
    last = done.stderr.strip().splitlines()[-1]
    assert "E017" in last and "cannot rollback" not in done.stderr
    assert any(cause in last for cause in ("disk is full", "File too large", "SQLITE_IOERR")), last

    again = run(src, out)  # room again: what was committed is kept, the rest done
    assert again["repaired"]["quarantined"] == []
    assert output_keys(out)[0] == keys_of(items)


def test_a_full_state_store_reports_sqlite_full_not_a_rollback_error(tmp_path):
    """SQLite rolls a transaction back itself on SQLITE_FULL; the commit must not hide that error behind
    'cannot rollback - no transaction is active'."""
    import sqlite3

    state = State(tmp_path)
    try:
        pages = state.db.execute("PRAGMA page_count").fetchone()[0]
        state.db.execute(f"PRAGMA max_page_count = {pages + 2}")
        rows = [(f"k{i}", "error", None, None, "in.jsonl", "x" * 2000) for i in range(200)]
        with pytest.raises(sqlite3.OperationalError, match="database or disk is full"):
            state.commit(None, rows, "run")
        assert not state.db.in_transaction and state.count() == {}
    finally:
        state.close()


# -- what is read, and what is not ------------------------------------------------------------------------------


def test_the_output_inside_an_input_folder_is_not_read_back(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    items = articles(6)
    write_jsonl(src / "a.jsonl", items)
    out = src / "nightly"
    first = run_batch([src], out, fmt="jsonl", progress=False, extractor=STUB)
    again = run_batch([src, str(src / "**" / "*.jsonl")], out, fmt="jsonl", progress=False, extractor=STUB)
    assert first["processed"] == 6 and again["processed"] == 0 and again["errors"] == 0
    assert again["inputs_read"] == 1 and again["units_read"] == 6
    assert any(s["path"] == str(out) for s in again["skipped_paths"])
    assert output_keys(out)[0] == keys_of(items)


def test_a_crawl_folder_is_read_once(tmp_path):
    """crawl then batch crawl/ (README's sequence): the WARC is read, records.jsonl and errors.jsonl not."""
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    write_warc(crawl / "crawl-20240210T050000000000Z.warc.gz", [page(i) for i in range(3)])
    (crawl / "records.jsonl").write_text(
        "".join(json.dumps({"url": page(i).url, "text": f"خبر {i}"}) + "\n" for i in range(3)),
        encoding="utf-8",
    )
    (crawl / "errors.jsonl").write_text(
        '{"url": "http://x.example/", "stage": "fetch", "error": "HTTP 404"}\n'
    )
    (crawl / ".cache").mkdir()
    (crawl / ".cache" / "k.json").write_text("{}")
    summary = run_batch([crawl], tmp_path / "out", progress=False, extractor=STUB)
    assert summary["processed"] == 3 and summary["errors"] == 0 and summary["inputs_read"] == 1
    assert {s["why"][:10] for s in summary["skipped_paths"]} == {"an error l", "a crawl's "}


def test_missing_inputs_are_flagged_not_ignored(tmp_path):
    src = write_jsonl(tmp_path / "a.jsonl", articles(2))
    asked = [str(src), str(tmp_path / "nosuchdir"), str(tmp_path / "*.nomatch.jsonl")]
    with pytest.warns(RuntimeWarning, match="no such input"):
        summary = run_batch(asked, tmp_path / "out", progress=False, extractor=STUB)
    assert summary["missing_inputs"] == asked[1:]
    assert summary["processed"] == 2 and summary["errors"] == 0 and summary["inputs_read"] == 1


# -- articles that hang, bloat, or kill their worker -------------------------------------------------------------


def test_a_hanging_article_is_an_error_and_the_batch_goes_on(tmp_path):
    items = articles(6)
    items.insert(2, {"url": "https://khabar.example/hang", "text": "HANG"})
    src = write_jsonl(tmp_path / "a.jsonl", items)
    out = tmp_path / "out"
    summary = run(src, out, workers=2, extractor=FAULT, article_timeout=3.0)
    assert summary["processed"] == 6 and summary["errors_by_type"] == {"extract:ArticleTimeout": 1}
    (error,) = errors(out)
    assert error["url"] == "https://khabar.example/hang" and error["stage"] == "extract"
    assert error["elapsed_s"] >= 3.0 and "time limit 3 s" in error["message"]
    assert summary["workers_replaced"] == 1
    assert run(src, out, extractor=FAULT, article_timeout=3.0)["skipped_done"] == 7  # not retried
    retried = run(src, out, extractor=FAULT, article_timeout=2.0, retry_errors=True)
    assert retried["errors_by_type"] == {"extract:ArticleTimeout": 1} and len(errors(out)) == 1


def test_an_article_over_its_memory_budget_is_an_error(tmp_path):
    items = [*articles(3), {"url": "https://khabar.example/bloat", "text": "BLOAT"}]
    src = write_jsonl(tmp_path / "a.jsonl", items)
    summary = run(src, tmp_path / "out", extractor=FAULT, article_memory_mb=250)
    assert summary["processed"] == 3 and summary["errors_by_type"] == {"extract:MemoryBudget": 1}
    (error,) = errors(tmp_path / "out")
    assert error["url"] == "https://khabar.example/bloat" and "limit 250 MB" in error["message"]


def test_a_worker_killed_by_sigkill_is_replaced(tmp_path):
    items = articles(20)
    items.insert(5, {"url": "https://khabar.example/kill", "text": "KILL9"})
    src = write_jsonl(tmp_path / "a.jsonl", items)
    out = tmp_path / "out"
    summary = run(src, out, workers=2, extractor=FAULT)
    assert summary["processed"] == 20 and summary["errors_by_type"] == {"extract:WorkerDied": 1}
    (error,) = errors(out)
    assert error["url"] == "https://khabar.example/kill" and "exit code -9" in error["message"]
    record_keys, error_keys = output_keys(out)
    assert record_keys == keys_of([i for i in items if i["text"] != "KILL9"])
    assert error_keys == [unit_key(items[5])]
