"""WARC round trip, and damaged files read with errors instead of a crash or a silent drop."""

from __future__ import annotations

import gzip

import pytest
from webserver import WebServer

from newsmine.web.fetch import Fetcher, FetchResult, Hop
from newsmine.web.warc import WarcWriter, read_warc, write_warc


@pytest.fixture
def web_server():
    """A fresh loopback server per test (its request log and counters start empty)."""
    with WebServer() as srv:
        yield srv


PAGE = "<html><body><h1>خبر {i}</h1><p>تهران ـ وزیر گفت ۳ هزار نفر آمدند.</p></body></html>"


def result(i: int, **kwargs) -> FetchResult:
    url = f"https://khabar.example/news/{i}.html"
    options = {
        "url": url,
        "final_url": url,
        "status": 200,
        "reason": "OK",
        "headers": {"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip"},
        "body": PAGE.format(i=i).encode("utf-8"),
        "fetched_at": "2024-02-10T05:00:00Z",
        "request_headers": {"User-Agent": "newsmine/test", "Host": "khabar.example"},
    }
    options.update(kwargs)
    return FetchResult(**options)


@pytest.mark.parametrize("name", ["out.warc.gz", "out.warc"])
def test_round_trip(tmp_path, name):
    path = tmp_path / name
    cp1256 = result(
        9, headers={"Content-Type": "text/html; charset=windows-1256"}, body="<p>خبر</p>".encode("cp1256")
    )
    assert write_warc(path, [result(1), result(2), cp1256]) == 3
    items = list(read_warc(path))
    assert [(i.url, i.status, i.date, i.error) for i in items] == [
        ("https://khabar.example/news/1.html", 200, "2024-02-10T05:00:00Z", None),
        ("https://khabar.example/news/2.html", 200, "2024-02-10T05:00:00Z", None),
        ("https://khabar.example/news/9.html", 200, "2024-02-10T05:00:00Z", None),
    ]
    assert items[0].html == PAGE.format(i=1)
    assert items[2].text == "<p>خبر</p>" and items[2].encoding == "cp1256"
    # the stored body is decoded: Content-Encoding is dropped (kept under another name), length is the stored one
    assert "Content-Encoding" not in items[0].headers
    assert items[0].headers["X-Newsmine-Original-Content-Encoding"] == "gzip"
    assert items[0].headers["Content-Length"] == str(len(items[0].body))
    if name.endswith(".gz"):
        assert path.read_bytes()[:2] == b"\x1f\x8b"


def test_request_records_and_redirect_hops(tmp_path):
    path = tmp_path / "hops.warc.gz"
    hop = Hop("https://khabar.example/r", 301, {"Location": "https://khabar.example/news/1.html"})
    write_warc(path, [result(1, history=[hop])])
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as fh:
        kinds = [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI")) for r in ArchiveIterator(fh)]
    assert kinds == [
        ("warcinfo", None),
        ("response", "https://khabar.example/r"),
        ("request", "https://khabar.example/r"),
        ("response", "https://khabar.example/news/1.html"),
        ("request", "https://khabar.example/news/1.html"),
    ]
    assert [(i.status, i.url) for i in read_warc(path)] == [
        (301, "https://khabar.example/r"),
        (200, "https://khabar.example/news/1.html"),
    ]


def test_failed_fetch_writes_nothing(tmp_path):
    path = tmp_path / "x.warc.gz"
    with WarcWriter(path) as writer:
        writer.write(
            FetchResult.failure("https://khabar.example/private", "refused: robots.txt disallows /private")
        )
        assert writer.count == 0
    assert list(read_warc(path)) == []


def test_real_fetches_round_trip(web_server, tmp_path):
    f = Fetcher(delay=0.0, trust_env=False, allow_private=True)
    fetched = [f.fetch(web_server.url(p)) for p in ("/news/1.html", "/gzipped", "/fa/bare", "/redirect/2")]
    path = tmp_path / "real.warc.gz"
    write_warc(path, fetched)
    items = [i for i in read_warc(path) if i.status == 200]
    assert [i.text for i in items] == [r.text for r in fetched]
    assert [i.encoding for i in items] == ["utf-8", "utf-8", "cp1256", "utf-8"]


@pytest.mark.parametrize("cut", [40, 200, 600])
def test_truncated_warc_gz(tmp_path, cut):
    path = tmp_path / "t.warc.gz"
    write_warc(path, [result(i) for i in range(3)])
    data = path.read_bytes()
    path.write_bytes(data[:-cut])
    items = list(read_warc(path))
    good = [i.url for i in items if i.error is None]
    bad = [i for i in items if i.error]
    assert good[:2] == ["https://khabar.example/news/0.html", "https://khabar.example/news/1.html"]
    assert len(bad) == 1, [i.error for i in items]
    assert "truncated" in bad[0].error or "broken WARC record" in bad[0].error


def test_truncated_plain_warc(tmp_path):
    path = tmp_path / "t.warc"
    write_warc(path, [result(i) for i in range(2)])
    data = path.read_bytes()
    cut = data.rfind(b"</p></body>")  # inside the last response's payload
    path.write_bytes(data[:cut])
    items = list(read_warc(path))
    assert next(i.error for i in items) is None
    assert items[1].url == "https://khabar.example/news/1.html"
    assert items[1].error.startswith("response record: truncated record:")


def test_broken_gzip_member_skipped_and_reading_goes_on(tmp_path):
    path = tmp_path / "b.warc.gz"
    write_warc(path, [result(i) for i in range(3)])
    data = path.read_bytes()
    members = [i for i in range(len(data)) if data[i : i + 3] == b"\x1f\x8b\x08"]
    start = members[3]  # warcinfo, response 0, request 0, response 1 <- damaged
    damaged = data[: start + 20] + b"\x00" * 40 + data[start + 60 :]
    path.write_bytes(damaged)
    items = list(read_warc(path))
    assert [(i.url, i.error is None) for i in items if i.error is None] == [
        ("https://khabar.example/news/0.html", True),
        ("https://khabar.example/news/2.html", True),
    ]
    (bad,) = [i for i in items if i.error]
    assert bad.error.startswith(f"broken WARC record at offset {start}")
    assert "resumed at offset" in bad.error


def test_broken_record_header_in_plain_warc(tmp_path):
    path = tmp_path / "b.warc"
    write_warc(path, [result(i) for i in range(3)])
    data = path.read_bytes()
    target = data.index(b"WARC-Target-URI: https://khabar.example/news/1.html")
    length = data.index(b"Content-Length: ", target)
    end = data.index(b"\r\n", length)
    path.write_bytes(data[:length] + b"Content-Length: zz" + data[end:])
    items = list(read_warc(path))
    assert items[0].error is None and items[-1].error is None
    assert items[-1].url == "https://khabar.example/news/2.html"
    errors = [i.error for i in items if i.error]
    assert errors and errors[0] == "response record: invalid WARC Content-Length 'zz'"


def test_not_a_warc_and_missing_file(tmp_path):
    junk = tmp_path / "junk.warc"
    junk.write_bytes(b"hello, this is not a WARC file\n" * 10)
    items = list(read_warc(junk))
    assert items and all(i.error for i in items), items
    gz = tmp_path / "junk.warc.gz"
    gz.write_bytes(gzip.compress(b"not a warc either"))
    assert [i.error is not None for i in read_warc(gz)] == [True]
    (missing,) = read_warc(tmp_path / "nope.warc.gz")
    assert missing.error.startswith("cannot open")


def test_stored_gzip_body_is_bounded(tmp_path):
    """A foreign WARC may keep a gzip body as sent: it is inflated in bounded steps, a bomb refused."""
    path = tmp_path / "foreign.warc"
    bomb = gzip.compress(bytes(20_000_000))
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        http = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html"), ("Content-Encoding", "gzip")], protocol="HTTP/1.1"
        )
        writer.write_record(
            writer.create_warc_record(
                "https://x.example/", "response", payload=io.BytesIO(bomb), http_headers=http
            )
        )
        page = gzip.compress(PAGE.format(i=5).encode())
        http = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html"), ("Content-Encoding", "gzip")], protocol="HTTP/1.1"
        )
        writer.write_record(
            writer.create_warc_record(
                "https://x.example/5", "response", payload=io.BytesIO(page), http_headers=http
            )
        )
    items = list(read_warc(path))
    assert (
        items[0].error
        == "response record: aborted: payload larger than 10000000 bytes after gzip decompression"
    )
    assert items[1].error is None and items[1].text == PAGE.format(i=5)


def _lie(data: bytes, url: str, change) -> bytes:
    """``data`` with the WARC Content-Length of ``url``'s response record replaced by ``change(n)``."""
    import re

    target = data.index(b"WARC-Target-URI: " + url.encode())
    start = data.rindex(b"WARC/1.", 0, target)
    m = re.compile(rb"Content-Length: (\d+)\r\n").search(data, start)
    return data[: m.start(1)] + str(change(int(m.group(1)))).encode() + data[m.end(1) :]


def _record_size(data: bytes, url: str, kind: bytes = b"request") -> int:
    """The bytes a record takes in a plain WARC, from its WARC/ line to the next one."""
    target = data.index(b"WARC-Type: " + kind, data.index(b"WARC-Target-URI: " + url.encode()) - 400)
    start = data.rindex(b"WARC/1.", 0, target)
    return data.index(b"WARC/1.", start + 1) - start


@pytest.mark.parametrize("how", ["short", "long", "past-the-end", "swallows-the-next-record"])
def test_a_lying_content_length_is_an_error_and_the_neighbours_are_kept(tmp_path, how):
    path = tmp_path / "lie.warc"
    write_warc(path, [result(i) for i in range(3)])
    data = path.read_bytes()
    liar = "https://khabar.example/news/1.html"
    swallowed = _record_size(data, liar)  # its request record, just after it
    change = {
        "short": lambda n: n - 30,
        "long": lambda n: n + 300,
        "past-the-end": lambda n: n + 100_000,
        "swallows-the-next-record": lambda n: n + swallowed,
    }[how]
    path.write_bytes(_lie(data, liar, change))
    items = list(read_warc(path))
    assert [(i.url, i.error is None) for i in items] == [
        ("https://khabar.example/news/0.html", True),
        (liar, False),
        ("https://khabar.example/news/2.html", True),
    ]
    assert "Content-Length" in items[1].error
    assert items[2].text == PAGE.format(i=2)  # the neighbour whole, not cut or swallowed


def test_a_lying_content_length_inside_a_gzip_member(tmp_path):
    path = tmp_path / "lie.warc.gz"
    write_warc(path, [result(i) for i in range(3)])
    data = path.read_bytes()
    members = [i for i in range(len(data)) if data[i : i + 3] == b"\x1f\x8b\x08"]
    start, end = members[3], members[4]  # response 1
    inner = _lie(gzip.decompress(data[start:end]), "https://khabar.example/news/1.html", lambda n: n - 10)
    path.write_bytes(data[:start] + gzip.compress(inner) + data[end:])
    items = list(read_warc(path))
    assert [i.error is None for i in items] == [True, False, True]
    assert "disagrees with its framing" in items[1].error and items[2].text == PAGE.format(i=2)
