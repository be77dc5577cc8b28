"""The newsmine command, run as a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "corpora" / "samples" / "sample-article.txt"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "newsmine.cli", *args], input=stdin, capture_output=True, check=False
    )


def test_extract_json() -> None:
    out = run("extract", str(SAMPLE))
    assert out.returncode == 0, out.stderr
    rec = json.loads(out.stdout)
    assert rec["schema"] == "newsmine.record/2" and rec["dateline"] == "تهران"


def test_extract_jsonl_two_files() -> None:
    out = run("extract", str(SAMPLE), str(SAMPLE), "--format", "jsonl")
    lines = out.stdout.decode().splitlines()
    assert len(lines) == 2 and json.loads(lines[0]) == json.loads(lines[1])


def test_extract_table_from_stdin() -> None:
    out = run("extract", "-", "--format", "table", stdin=SAMPLE.read_bytes())
    text = out.stdout.decode()
    assert out.returncode == 0 and "published_jalali  1403-07-15" in text and "3420000000000" in text


def test_missing_file_is_a_clear_error() -> None:
    out = run("extract", "no-such-file.txt")
    assert out.returncode != 0 and b"no such file" in out.stderr


def test_empty_input_exits_nonzero_with_warning() -> None:
    out = run("extract", "-", stdin=b"")
    assert out.returncode == 1 and "empty" in json.loads(out.stdout)["warnings"][0]


def test_train_and_eval_ner_on_a_tiny_corpus(tmp_path: Path) -> None:
    """The train and eval commands end to end on a PEYMA-format corpus written here (not the real one)."""
    sentences = [
        [("حسن", "B_PER"), ("روحانی", "I_PER"), ("در", "O"), ("تهران", "B_LOC"), ("گفت", "O")],
        [("بانک", "B_ORG"), ("مرکزی", "I_ORG"), ("در", "O"), ("مشهد", "B_LOC"), ("است", "O")],
    ] * 20
    splits = tmp_path / "peyma" / "splits"
    splits.mkdir(parents=True)
    body = "\n\n".join("\n".join(f"{w}|{t}" for w, t in s) for s in sentences) + "\n"
    for name in ("peyma_train.txt", "peyma_dev.txt", "peyma_test.txt"):
        (splits / name).write_text(body, encoding="utf-8")
    model = tmp_path / "model"
    out = run("train", "ner", "--peyma", str(tmp_path / "peyma"), "--out", str(model), "--iterations", "20")
    assert out.returncode == 0, out.stderr
    pred = tmp_path / "pred.conll"
    out = run(
        "eval", "ner", "--model", str(model), "--data", str(splits / "peyma_test.txt"), "--out", str(pred)
    )
    assert out.returncode == 0, out.stderr
    assert b"micro" in out.stdout.lower()
    lines = [ln for ln in pred.read_text(encoding="utf-8").splitlines() if ln]
    assert len(lines) == 200 and all(len(ln.split()) == 3 for ln in lines)
    assert lines[0] == "حسن B-PER B-PER"


def test_train_ner_needs_data() -> None:
    out = run("train", "ner", "--out", "x")
    assert out.returncode != 0 and b"--arman" in out.stderr


def test_crawl_command_against_the_loopback_server(tmp_path: Path) -> None:
    """newsmine crawl as a separate process, fetching from a real server on 127.0.0.1."""
    import os

    from webserver import WebServer

    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env["NO_PROXY"] = "127.0.0.1,localhost"
    env["NEWSMINE_ALLOW_PRIVATE"] = "1"  # the server is on 127.0.0.1, which a crawl refuses by default
    with WebServer() as srv:
        feeds = tmp_path / "feeds.txt"
        feeds.write_text(f"# one feed\n{srv.url('/feed.rss')}\n", encoding="utf-8")
        args = ["crawl", "--feeds", str(feeds), "--out", str(tmp_path / "out"), "--rate", "5", "--max", "2"]
        out = subprocess.run(
            [sys.executable, "-m", "newsmine.cli", *args, "--no-progress"],
            capture_output=True,
            check=False,
            env=env,
            timeout=120,
        )
        paths = srv.paths()
    assert out.returncode == 0, out.stderr
    summary = json.loads(out.stdout)
    assert summary
    records = (tmp_path / "out" / "records.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(records) == 2 and all(json.loads(r)["text"] for r in records)
    assert list((tmp_path / "out").glob("crawl-*.warc.gz"))
    assert paths[0] == "/robots.txt" and "/feed.rss" in paths


def test_crawl_needs_a_source(tmp_path: Path) -> None:
    out = run("crawl", "--out", str(tmp_path))
    assert out.returncode != 0 and b"--feeds" in out.stderr


def test_batch_command_then_read_back(tmp_path: Path) -> None:
    import newsmine

    inputs = tmp_path / "in"
    inputs.mkdir()
    for i in range(3):
        (inputs / f"a{i}.txt").write_text(f"عنوان {i}\nتهران ـ {i + 1} هزار نفر آمدند.", encoding="utf-8")
    (inputs / "empty.txt").write_text("", encoding="utf-8")
    out = run("batch", str(inputs), "--out", str(tmp_path / "out"), "--no-progress")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["processed"] == 3
    frame = newsmine.read_records(tmp_path / "out")
    assert sorted(frame["title"]) == ["عنوان 0", "عنوان 1", "عنوان 2"]
    errors = (tmp_path / "out" / "errors.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(errors) == 1 and "empty.txt" in json.loads(errors[0])["input"]
    again = run("batch", str(inputs), "--out", str(tmp_path / "out"), "--no-progress")
    assert json.loads(again.stdout)["processed"] == 0


def test_extract_writes_the_html_view(tmp_path: Path) -> None:
    view = tmp_path / "view.html"
    out = run("extract", str(SAMPLE), "--format", "jsonl", "--html", str(view))
    assert out.returncode == 0, out.stderr
    html = view.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and 'dir="rtl"' in html and "nm-LOC" in html
