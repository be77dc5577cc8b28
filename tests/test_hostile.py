"""Hostile inputs through every public entry point: each ends with its outcome (a Record with a warning,
a cut, an error), never a hang. The cases run in a worker pool whose time limit is a hang guard only
(``GUARD`` seconds, some 20x the slowest median ``bench/hostile.py`` measured); no test asserts a speed.
"""

from __future__ import annotations

import codecs
import subprocess
import sys
import time

import pytest

import newsmine
from newsmine.extract import to_article
from newsmine.schema import Record
from newsmine.web.article import parse_html
from newsmine.web.guard import Limits
from newsmine.workers import Failure, WorkerPool

#: seconds one case may take before the test fails as a hang (medians measured: under 3 s on 2 cores)
GUARD = 120.0
P = "<p>تهران ـ وزیر کار گفت: امسال ۲۰ هزار شغل تازه در استان ایجاد شد و این روند ادامه دارد.</p>"
BODY = "وزیر کار گفت: امسال ۲۰ هزار شغل تازه در استان ایجاد شد"
PAGE = f"<html><head><title>شغل تازه</title></head><body><h1>شغل تازه در استان</h1>{P * 3}</body></html>"


def _warm() -> None:
    newsmine.extract("گرم کردن")


def run_case(item: object) -> Record:
    """What the pool runs: extract, or parse_html for a ("parse_html", html) pair."""
    if isinstance(item, tuple) and item[0] == "parse_html":
        article = parse_html(item[1])
        return Record(text=article.text, title=article.title, warnings=article.warnings)
    return newsmine.extract(item)


@pytest.fixture(scope="module")
def guarded():
    """``guarded(item)``: the Record, or the test fails if it takes longer than GUARD."""
    pool = WorkerPool(1, run_case, _warm, timeout=GUARD)

    def call(item: object) -> Record:
        pool.submit(0, item)
        ((_, result),) = pool.wait()
        assert not isinstance(result, Failure), result
        return result

    yield call
    pool.close()


def codes(rec: Record) -> list[str]:
    return [w[1:5] for w in rec.warnings]


# -- HTML: cut where it would blow up, the article kept ------------------------------------------------------


def test_a_million_attributes_on_one_element(guarded):
    attrs = " ".join(f"a{i}=x" for i in range(1_000_000))
    rec = guarded(f"<html><body><div {attrs}>{P}</div></body></html>")
    assert "W022" in codes(rec) and BODY in rec.text


def test_deep_nesting_is_unwrapped_not_refused(guarded):
    rec = guarded("<html><body>" + "<div>" * 10_000 + P + "</div>" * 10_000 + "</body></html>")
    assert "W008" in codes(rec) and BODY in rec.text


def test_parse_html_direct_has_the_same_guard(guarded):
    rec = guarded(("parse_html", "<html><body>" + "<div>" * 10_000 + P + "</div>" * 10_000))
    assert "W008" in codes(rec) and BODY in rec.text
    assert "W206" in codes(guarded(("parse_html", bytes(range(256)) * 40)))


def test_a_10_mb_inline_script_does_not_push_the_body_out(guarded):
    html = f"<html><head><script>var x = '{'x' * 10_000_000}';</script></head><body>{P * 3}</body></html>"
    rec = guarded(html)
    assert "W024" in codes(rec) and BODY in rec.text and "W004" not in codes(rec)


def test_html_over_the_size_limit_is_cut_and_parsed():
    html = "<html><body>" + P * 3 + "<p>" + "خبر " * 50_000 + "</p></body></html>"
    article = parse_html(html, limits=Limits(max_html_chars=100_000))
    assert any(w.startswith("[W023]") for w in article.warnings) and BODY in article.text


# -- text: cut with a warning ---------------------------------------------------------------------------------


def test_a_run_without_spaces_is_cut(guarded):
    rec = guarded("عنوان\nتهران ـ " + "ا" * 1_000_000 + " " + BODY)
    assert "W021" in codes(rec) and BODY in rec.text and len(rec.text) < 10_000


def test_a_long_line_is_broken():
    article = to_article("عنوان\nتهران ـ " + (BODY + " ") * 3_000)
    assert any(w.startswith("[W020]") for w in article.warnings) and article.text.count("\n") >= 2


def test_text_over_a_million_characters_is_cut():
    """The cut, at the Article stage every entry point goes through (the text stage's own speed on a
    million characters is bench/hostile.py's to measure, not this test's)."""
    article = to_article("عنوان\nتهران ـ " + (BODY + ".\n") * 25_000)
    assert any(w.startswith("[W004]") for w in article.warnings) and len(article.text) <= 1_000_000
    html = parse_html("<html><body>" + P * 3 + "<p>" + "خبر " * 300_000 + "</p></body></html>")
    assert any(w.startswith("[W004]") for w in html.warnings) and BODY in html.text


# -- decoding --------------------------------------------------------------------------------------------------

TEXT = "عنوان خبر\nتهران ـ " + BODY + "."


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_byte_order_marks_are_honoured(codec):
    data = TEXT.encode(codec)
    if codec in ("utf-16-le", "utf-16-be"):
        data = (codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE) + data
    rec = newsmine.extract(data)
    assert BODY in rec.text and not any("binary" in w for w in rec.warnings), rec.warnings


def test_one_invalid_byte_is_replaced_where_it_is():
    data = TEXT.encode()
    at = data.index("تهران".encode())
    rec = newsmine.extract(data[:at] + b"\xff" + data[at:])
    assert BODY in rec.text and codes(rec).count("W025") == 1 and "W003" not in codes(rec)


@pytest.mark.parametrize("label", ["rot13", "cp037", "x-no-such-codec"])
def test_a_page_cannot_ask_for_a_codec_that_is_not_a_text_codec(label):
    html = f'<html><head><meta charset="{label}"></head><body>{P * 3}</body></html>'
    rec = newsmine.extract(html.encode())
    assert BODY in rec.text


@pytest.mark.parametrize(
    "before", ['<?xml version="1.0" encoding="utf-8"?>\n', "<!-- saved from the site -->\n", "\ufeff", " \n"]
)
def test_a_page_with_a_prolog_a_comment_or_a_bom_is_html(before):
    rec, plain = newsmine.extract(before + PAGE), newsmine.extract(PAGE)
    assert "<" not in rec.text and BODY in rec.text
    assert (rec.text, rec.title, rec.warnings) == (plain.text, plain.title, plain.warnings)


@pytest.mark.parametrize(
    "data", [bytes(range(1, 256)) * 40, bytes(range(256)) * 40, b"%PDF-1.4\n" + bytes(500)]
)
def test_binary_input_gets_one_warning(data):
    rec = newsmine.extract(data)
    assert rec.text == "" and codes(rec) == ["W002"], rec.warnings


# -- many at once ----------------------------------------------------------------------------------------------


class Bomb:
    """Unpickled in the worker, it ends the worker's process: a worker that dies mid-item."""

    def __reduce__(self):
        import os

        return (os._exit, (3,))


class Sleeper:
    """Unpickled in the worker, it sleeps: an item that overruns its time."""

    def __reduce__(self):
        return (time.sleep, (3600,))


def test_extract_many_survives_a_dead_worker_and_a_slow_item():
    items = [TEXT, Bomb(), TEXT, Sleeper(), TEXT]
    start = time.monotonic()
    records = list(newsmine.extract_many(items, n_process=2, chunksize=2, timeout=8.0))
    assert time.monotonic() - start < GUARD
    assert [BODY in r.text for r in records] == [True, False, True, False, True]
    assert "WorkerDied" in records[1].warnings[0] and "exit code 3" in records[1].warnings[0]
    assert "ArticleTimeout" in records[3].warnings[0]


def test_threads_extracting_at_once_load_one_pipeline():
    code = (
        "import threading, newsmine, newsmine.pipeline as p\n"
        "calls = []\n"
        "load = p.load\n"
        "def counted(*a, **k):\n"
        "    calls.append(1)\n"
        "    return load(*a, **k)\n"
        "p.load = counted\n"
        "ts = [threading.Thread(target=newsmine.extract, args=('تهران ـ خبر',)) for _ in range(4)]\n"
        "[t.start() for t in ts]; [t.join() for t in ts]\n"
        "print(len(calls))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "1"
