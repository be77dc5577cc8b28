"""The newsmine command, run as a real subprocess."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "corpora" / "samples" / "sample-article.txt"
#: runs the command, then says on its last stderr line whether the pipeline (spaCy's Language) was built
CHECKED = (
    "import sys\n"
    "from newsmine.cli import main\n"
    "try:\n"
    "    status = main(sys.argv[1:])\n"
    "except SystemExit as exc:\n"
    "    status = exc.code\n"
    "print('pipeline loaded:', 'newsmine.pipeline' in sys.modules, file=sys.stderr)\n"
    "sys.exit(status)\n"
)


def run(
    *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "newsmine.cli", *args],
        input=stdin,
        capture_output=True,
        check=False,
        env=env,
        cwd=cwd,
        timeout=300,
    )


def run_checked(*args: str, stdin: bytes = b"", cwd: Path | None = None) -> tuple[int, list[str]]:
    """The command's exit status and its stderr lines, the last one being 'pipeline loaded: True|False'."""
    out = subprocess.run(
        [sys.executable, "-c", CHECKED, *args],
        input=stdin,
        capture_output=True,
        check=False,
        cwd=cwd,
        timeout=300,
    )
    return out.returncode, out.stderr.decode().splitlines()


def loopback_env() -> dict[str, str]:
    """The environment without proxies, so that 127.0.0.1 is reached directly."""
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env["NO_PROXY"] = "127.0.0.1,localhost"
    return env


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_extract_json() -> None:
    out = run("extract", str(SAMPLE))
    assert out.returncode == 0, out.stderr
    rec = json.loads(out.stdout)
    assert rec["schema"] == "newsmine.record/2" and rec["dateline"] == "تهران"


def test_extract_json_of_several_inputs_is_one_array() -> None:
    out = run("extract", str(SAMPLE), str(SAMPLE), "--format", "json")
    assert out.returncode == 0, out.stderr
    records = json.loads(out.stdout)  # one JSON document, not two concatenated
    assert isinstance(records, list) and len(records) == 2
    assert records[0] == records[1] and records[0]["dateline"] == "تهران"


def test_extract_json_expands_a_quoted_glob(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_bytes(SAMPLE.read_bytes())
    out = run("extract", str(tmp_path / "*.txt"))
    assert out.returncode == 0, out.stderr
    assert [r["dateline"] for r in json.loads(out.stdout)] == ["تهران", "تهران"]


def test_extract_jsonl_two_files() -> None:
    out = run("extract", str(SAMPLE), str(SAMPLE), "--format", "jsonl")
    lines = out.stdout.decode().splitlines()
    assert len(lines) == 2 and json.loads(lines[0]) == json.loads(lines[1])


def test_extract_table_from_stdin() -> None:
    out = run("extract", "-", "--format", "table", stdin=SAMPLE.read_bytes())
    text = out.stdout.decode()
    assert out.returncode == 0 and "published_jalali  1403-07-15" in text and "3420000000000" in text
    lines = text.splitlines()
    section = {name: lines.index(next(ln for ln in lines if ln.startswith(f"{name} ("))) for name in
               ("people", "organizations", "events", "claims", "quotes", "dates", "numbers")}  # fmt: skip
    # people with their titles (role and organization)
    person = lines[section["people"] + 1]
    assert "titles: معاون آبفای وزارت نیرو (role: معاون, organization: آبفای وزارت نیرو)" in person
    # claims with value, unit, qualifier and the speaker by id and title
    claims = lines[section["claims"] + 1 : section["quotes"] - 1]
    assert len(claims) == 7
    assert "3420000000000 تومان" in claims[0] and "qualifier: exact" in claims[0]
    assert "speaker: p1 معاون آبفای وزارت نیرو" in claims[0]
    assert any("qualifier: more_than" in c and "counted: روستا" in c for c in claims)
    # quotes: speaker, verb, text
    quotes = lines[section["quotes"] + 1 : section["dates"] - 1]
    assert len(quotes) == 4
    assert "p1 معاون آبفای وزارت نیرو | اظهار کرد | «در ۶ ماه نخست امسال" in quotes[1]
    assert "organizations (1)" in text and "وزارت نیرو" in lines[section["organizations"] + 1]


def test_missing_file_is_one_line_before_the_pipeline_loads() -> None:
    status, err = run_checked("extract", "no-such-file.txt")
    assert status == 2 and err == [
        "newsmine extract: no such file: no-such-file.txt",
        "pipeline loaded: False",
    ]


def test_missing_file_among_good_ones_stops_everything_first() -> None:
    status, err = run_checked("extract", str(SAMPLE), "missing.txt", str(SAMPLE))
    assert status == 2 and err == ["newsmine extract: no such file: missing.txt", "pipeline loaded: False"]


def test_directory_is_one_clear_line(tmp_path: Path) -> None:
    status, err = run_checked("extract", str(tmp_path))
    assert status == 2 and err[-1] == "pipeline loaded: False" and len(err) == 2
    assert err[0].startswith(f"newsmine extract: {tmp_path} is a directory") and "newsmine batch" in err[0]


def test_unmatched_glob_is_one_clear_line(tmp_path: Path) -> None:
    status, err = run_checked("extract", str(tmp_path / "*.html"))
    assert status == 2 and err == [
        f"newsmine extract: no file matches {tmp_path / '*.html'}",
        "pipeline loaded: False",
    ]


@pytest.mark.parametrize("data", [b"", b"  \n\n ", b"\xef\xbb\xbf\n"])
def test_empty_stdin_is_one_line_before_the_pipeline_loads(data: bytes) -> None:
    status, err = run_checked("extract", "-", stdin=data)
    assert status == 1 and err == ["newsmine extract: standard input is empty", "pipeline loaded: False"]


def test_empty_file_is_one_line_before_the_pipeline_loads(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    status, err = run_checked("extract", str(SAMPLE), str(empty))
    assert status == 1 and err == [f"newsmine extract: {empty} is empty", "pipeline loaded: False"]


def test_other_url_schemes_are_refused_in_one_line() -> None:
    status, err = run_checked("extract", "ftp://example.org/a.txt")
    assert (
        status == 2
        and err[0]
        == "newsmine extract: only http:// and https:// URLs can be fetched: ftp://example.org/a.txt"
    )
    assert err[1:] == ["pipeline loaded: False"]


def test_extract_url_fetches_politely_then_extracts() -> None:
    """`extract URL` against a real server on 127.0.0.1: robots.txt first, then the page, then the Record."""
    from webserver import WebServer

    with WebServer() as srv:
        out = run(
            "extract", srv.url("/news/1.html"), "--format", "jsonl", "--allow-private", env=loopback_env()
        )
        paths = srv.paths()
        agents = {r.headers.get("User-Agent", "") for r in srv.requests}
    assert out.returncode == 0, out.stderr
    rec = json.loads(out.stdout)
    assert rec["url"] == srv.url("/news/1.html") and rec["title"] and rec["text"]
    assert paths == ["/robots.txt", "/news/1.html"]
    assert all(a.startswith("newsmine/") for a in agents)


@pytest.mark.parametrize("path", ["/fa/header", "/fa/meta"])
def test_extract_url_of_a_windows_1256_page(path: str) -> None:
    """The fetcher decodes the page by its charset (header or meta); extract gets that text, not bytes to
    guess again."""
    from webserver import WebServer

    with WebServer() as srv:
        out = run("extract", srv.url(path), "--format", "jsonl", "--allow-private", env=loopback_env())
    assert out.returncode == 0, out.stderr
    rec = json.loads(out.stdout)
    assert rec["title"] == "گزارش بازار میوه" and rec["dateline"] == "شیراز"
    assert "میوه‌فروشان" in rec["text"]


def test_extract_url_disallowed_by_robots_is_one_line() -> None:
    from webserver import WebServer

    with WebServer() as srv:
        out = run("extract", srv.url("/private/secret.html"), "--allow-private", env=loopback_env())
        paths = srv.paths()
    err = out.stderr.decode().splitlines()
    assert out.returncode == 1 and len(err) == 1 and out.stdout == b""
    assert err[0].startswith(f"newsmine extract: could not fetch {srv.url('/private/secret.html')}: ")
    assert "robots.txt" in err[0] and "/private/secret.html" not in paths


def test_extract_url_on_a_loopback_address_is_refused_without_allow_private() -> None:
    """A URL on 127.0.0.1 is not fetched unless --allow-private says so: one line, nothing requested."""
    from webserver import WebServer

    with WebServer() as srv:
        out = run("extract", srv.url("/news/1.html"), env=loopback_env())
        paths = srv.paths()
    err = out.stderr.decode().splitlines()
    assert out.returncode == 1 and len(err) == 1 and "loopback" in err[0] and paths == []


def test_extract_url_unreachable_fails_in_one_line() -> None:
    """Nothing listens: the fetcher's retries end, and the command says so in one line (no traceback)."""
    url = f"http://127.0.0.1:{closed_port()}/news/1.html"
    out = run("extract", url, env=loopback_env())
    err = out.stderr.decode().splitlines()
    assert out.returncode == 1 and len(err) == 1 and out.stdout == b""
    assert err[0].startswith(f"newsmine extract: could not fetch {url}: ")


def test_html_view_in_the_claims_style(tmp_path: Path) -> None:
    view = tmp_path / "claims.html"
    out = run("extract", str(SAMPLE), "--format", "jsonl", "--html", str(view), "--style", "claims")
    assert out.returncode == 0, out.stderr
    html = view.read_text(encoding="utf-8")
    assert "nm-style-claims" in html and 'data-label="CLAIM"' in html and 'data-label="QUOTE"' in html
    assert 'data-label="ORG"' not in html


def test_style_without_html_is_refused() -> None:
    status, err = run_checked("extract", str(SAMPLE), "--style", "claims")
    assert status == 2 and "--html" in err[0] and err[1:] == ["pipeline loaded: False"]


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
    progress = out.stderr.decode().splitlines()  # stages and iterations, each with the time since the start
    assert progress[0] == "newsmine train ner [0:00] started"
    assert all(line.startswith("newsmine train ner [") for line in progress)
    assert any("read peyma_train.txt: 40 PEYMA sentences" in line for line in progress)
    assert any("the final model: features ready" in line for line in progress)
    assert any("the final model: iteration 20 of at most 20" in line for line in progress)
    assert progress[-1].endswith(f"done: model written to {model}")
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
    assert out.stderr.decode().splitlines()[-1] == (
        "newsmine batch: read 4 inputs (3 new records, 1 error, 0 done before, 0 duplicates) from 1 path"
    )
    frame = newsmine.read_records(tmp_path / "out")
    assert sorted(frame["title"]) == ["عنوان 0", "عنوان 1", "عنوان 2"]
    errors = (tmp_path / "out" / "errors.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(errors) == 1 and "empty.txt" in json.loads(errors[0])["input"]
    again = run("batch", str(inputs), "--out", str(tmp_path / "out"), "--no-progress")
    assert json.loads(again.stdout)["processed"] == 0
    assert "read 4 inputs (0 new records, 0 errors, 4 done before" in again.stderr.decode()
    # --retry-errors extracts the failed input again (it fails again: an empty file), --article-timeout
    # gives each article its time limit
    retry = run(
        "batch",
        str(inputs),
        "--out",
        str(tmp_path / "out"),
        "--no-progress",
        "--retry-errors",
        "--article-timeout",
        "120",
    )
    assert retry.returncode == 0, retry.stderr
    assert "read 4 inputs (0 new records, 1 error, 3 done before" in retry.stderr.decode()


def test_batch_with_a_missing_input_reads_nothing_and_fails(tmp_path: Path) -> None:
    good = tmp_path / "a.txt"
    good.write_text("عنوان\nتهران ـ ۲ هزار نفر آمدند.", encoding="utf-8")
    out = run("batch", str(good), str(tmp_path / "missing"), "--out", str(tmp_path / "out"), "--no-progress")
    assert out.returncode == 2 and out.stdout == b""
    assert out.stderr.decode().splitlines() == [
        f"newsmine batch: no such file or directory: {tmp_path / 'missing'}"
    ]
    assert not (tmp_path / "out").exists()


def test_batch_with_an_unmatched_glob_fails(tmp_path: Path) -> None:
    out = run("batch", str(tmp_path / "*.jsonl"), "--out", str(tmp_path / "out"), "--no-progress")
    assert out.returncode == 2
    assert out.stderr.decode().splitlines() == [f"newsmine batch: no file matches {tmp_path / '*.jsonl'}"]


def test_batch_of_a_folder_without_articles_says_it_read_none(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "notes.md").write_text("not an article", encoding="utf-8")
    out = run(
        "batch", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--no-progress", "--format", "jsonl"
    )
    assert out.returncode == 1
    assert "newsmine batch: read 0 inputs" in out.stderr.decode()


def test_extract_writes_the_html_view(tmp_path: Path) -> None:
    view = tmp_path / "view.html"
    out = run("extract", str(SAMPLE), "--format", "jsonl", "--html", str(view))
    assert out.returncode == 0, out.stderr
    html = view.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and 'dir="rtl"' in html and "nm-LOC" in html
