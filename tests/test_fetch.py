"""Fetcher against a real loopback server: politeness, robots.txt, retries, limits, redirects, charset, cache."""

from __future__ import annotations

import itertools
import threading
import time
from datetime import datetime, timezone

import pytest
from webserver import ETAG, SLOW_SECONDS, WebServer, cp1256_page

from newsmine import __version__
from newsmine.web.fetch import Fetcher, FetchResult, decode_body, parse_retry_after


@pytest.fixture
def web_server():
    """A fresh loopback server per test (its request log and counters start empty)."""
    with WebServer() as srv:
        yield srv


DELAY = 0.2
#: scheduling jitter allowed between when a slot is reserved and when the server logs the request
TOLERANCE = 0.03


def fetcher(**kwargs) -> Fetcher:
    options = {
        "delay": DELAY,
        "backoff": 0.1,
        "max_retries": 3,
        "read_timeout": 5.0,
        "trust_env": False,
        "allow_private": True,  # the test server is on 127.0.0.1
    }
    options.update(kwargs)
    return Fetcher(**options)


def spacing(srv: WebServer) -> list[float]:
    times = sorted(r.time for r in srv.requests)
    return [b - a for a, b in itertools.pairwise(times)]


def test_page_fetched_with_newsmine_user_agent(web_server):
    result = fetcher().fetch(web_server.url("/news/1.html"))
    assert result.ok, result.error
    assert result.status == 200 and result.encoding == "utf-8"
    assert "افتتاح سه مدرسه تازه" in result.text
    agents = {r.headers.get("User-Agent") for r in web_server.requests}
    assert agents == {f"newsmine/{__version__} (+https://github.com/newsmine/newsmine)"}
    assert web_server.paths() == ["/robots.txt", "/news/1.html"]  # robots.txt first, once


def test_rate_limit_holds_across_threads(web_server):
    f = fetcher()
    urls = [web_server.url(f"/news/{i % 3 + 1}.html?n={i}") for i in range(8)]
    results = list(f.fetch_many(urls, workers=6))
    assert [r.url for r in results] == urls  # input order kept
    assert all(r.ok for r in results)
    gaps = spacing(web_server)
    assert len(gaps) == 8  # robots.txt + 8 pages
    assert min(gaps) >= DELAY - TOLERANCE, gaps


def test_rate_limit_shared_by_threads_calling_fetch(web_server):
    f = fetcher()
    threads = [
        threading.Thread(target=f.fetch, args=(web_server.url(f"/news/1.html?t={i}"),)) for i in range(5)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    assert min(spacing(web_server)) >= DELAY - TOLERANCE


def test_robots_disallow_is_never_requested(web_server):
    f = fetcher()
    result = f.fetch(web_server.url("/private/secret.html"))
    assert result.error == "refused: robots.txt disallows /private/secret.html"
    assert result.status is None
    # a redirect into a disallowed path is refused too
    redirected = f.fetch(web_server.url("/redirect-private"))
    assert redirected.error == "refused: robots.txt disallows /private/secret.html"
    assert not any(p.startswith("/private") for p in web_server.paths())
    assert web_server.paths().count("/robots.txt") == 1  # cached per host


@pytest.mark.parametrize(
    ("robots_status", "allowed"),
    [
        (404, True),  # no robots.txt: everything allowed
        (403, True),  # other 4xx: RFC 9309 says the same
        (503, False),  # server error: disallowed for now
    ],
)
def test_robots_status(robots_status, allowed):
    with WebServer(robots_status=robots_status) as srv:
        result = fetcher(max_retries=0).fetch(srv.url("/news/1.html"))
        if allowed:
            assert result.ok, result.error
        else:
            assert result.error.startswith("refused: robots.txt answered HTTP 503")
            assert "disallowed for now" in result.error
            assert srv.paths() == ["/robots.txt"]


def test_robots_5xx_is_asked_again_later():
    with WebServer(robots_status=503) as srv:
        f = fetcher(max_retries=0, robots_retry=0.3)
        assert f.fetch(srv.url("/news/1.html")).error.startswith("refused: robots.txt answered")
        srv.set_robots_status(200)
        assert f.fetch(srv.url("/news/1.html")).error.startswith("refused")  # still cached
        time.sleep(0.35)
        assert f.fetch(srv.url("/news/1.html")).ok


def test_429_honours_retry_after(web_server):
    result = fetcher().fetch(web_server.url("/ratelimited"))
    assert result.ok and result.status == 200
    hits = [r.time for r in web_server.requests if r.path == "/ratelimited"]
    assert len(hits) == 2
    assert hits[1] - hits[0] >= 1.0 - TOLERANCE  # Retry-After: 1


def test_500_twice_then_success_with_backoff(web_server):
    result = fetcher(delay=0.0, backoff=0.1).fetch(web_server.url("/flaky"))
    assert result.ok and "بارش برف" in result.text
    hits = [r.time for r in web_server.requests if r.path == "/flaky"]
    assert len(hits) == 3
    first, second = hits[1] - hits[0], hits[2] - hits[1]
    assert first >= 0.1 - TOLERANCE and second >= 0.2 - TOLERANCE  # 0.1 s, then 0.2 s


def test_gives_up_after_retries(web_server):
    result = fetcher(delay=0.0, backoff=0.05, max_retries=2).fetch(web_server.url("/always-503"))
    assert result.status == 503
    assert result.error == "HTTP 503 Service Unavailable (gave up after 2 retries)"
    assert web_server.paths().count("/always-503") == 3


def test_read_timeout(web_server):
    start = time.monotonic()
    result = fetcher(read_timeout=0.3, max_retries=0).fetch(web_server.url("/slow"))
    assert result.error.startswith("timeout:")
    assert time.monotonic() - start < SLOW_SECONDS


def test_connect_failure_is_a_result():
    with WebServer() as srv:
        url = srv.url("/news/1.html")
    result = fetcher(max_retries=1, backoff=0.01, obey_robots=False).fetch(url)  # server gone
    assert result.error.startswith("connection failed:")


def test_redirect_chain_followed(web_server):
    result = fetcher(delay=0.05).fetch(web_server.url("/redirect/1"))
    assert result.ok
    assert result.final_url == web_server.url("/news/1.html")
    assert [(h.url.rsplit("/", 2)[-2:], h.status) for h in result.history] == [
        (["redirect", "1"], 301),
        (["redirect", "2"], 302),
        (["redirect", "3"], 302),
    ]


def test_redirect_to_file_refused(web_server):
    result = fetcher().fetch(web_server.url("/redirect-file"))
    assert result.error == "refused: redirect to file:///etc/passwd"
    assert result.body == b""


def test_redirect_loop_refused(web_server):
    result = fetcher(delay=0.0, max_redirects=5).fetch(web_server.url("/redirect-loop"))
    assert result.error == "refused: more than 5 redirects"
    assert web_server.paths().count("/redirect-loop") == 6


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/x", "data:text/html,hi"])
def test_non_http_url_refused(url):
    assert fetcher().fetch(url).error == f"refused: {url} is not an http(s) URL"


def test_huge_body_with_length_refused_before_reading(web_server):
    result = fetcher().fetch(web_server.url("/huge"))
    assert result.error == "aborted: body larger than 10000000 bytes (Content-Length: 52428800)"


def test_huge_body_streamed_is_aborted_at_cap(web_server):
    result = fetcher().fetch(web_server.url("/huge-chunked"))
    assert result.error == "aborted: body larger than 10000000 bytes"
    assert result.body == b""


def test_gzip_bomb_refused(web_server):
    result = fetcher(max_bytes=1_000_000).fetch(web_server.url("/bomb"))
    assert result.error == "aborted: body larger than 1000000 bytes after gzip decompression"
    result = fetcher().fetch(web_server.url("/bomb"))
    assert result.error == "aborted: body larger than 10000000 bytes after gzip decompression"


def test_gzip_page_decoded(web_server):
    result = fetcher().fetch(web_server.url("/gzipped"))
    assert result.ok and "نمایشگاه کتاب کودک" in result.text


@pytest.mark.parametrize("path", ["/fa/header", "/fa/meta", "/fa/bare"])
def test_windows_1256(web_server, path):
    result = fetcher().fetch(web_server.url(path))
    assert result.ok
    assert result.encoding == "cp1256"
    assert "رئيس اتحاديه ميوه‌فروشان گفت" in result.text
    assert cp1256_page().split("<body>")[1] in result.text


def test_conditional_get_uses_cache(web_server, tmp_path):
    first = fetcher(cache_dir=tmp_path).fetch(web_server.url("/etag"))
    assert first.ok and not first.from_cache
    second = fetcher(cache_dir=tmp_path).fetch(web_server.url("/etag"))  # a new Fetcher: cache on disk
    assert second.ok and second.from_cache
    assert second.status == 200 and second.body == first.body and second.text == first.text
    conditional = [r.headers for r in web_server.requests if r.path == "/etag"][1]
    assert conditional.get("If-None-Match") == ETAG
    assert conditional.get("If-Modified-Since")


def test_non_text_content_has_no_text(web_server):
    result = fetcher().fetch(web_server.url("/image.png"))
    assert result.ok and result.text == "" and result.encoding is None and result.body.startswith(b"\x89PNG")


def test_404_is_an_error_with_body(web_server):
    result = fetcher().fetch(web_server.url("/missing"))
    assert result.status == 404 and result.error == "HTTP 404 Not Found" and "not found" in result.text


def test_fetch_many_never_raises(web_server):
    urls = [web_server.url("/news/1.html"), "not a url", web_server.url("/redirect-file"), "http://[::1"]
    results = list(fetcher(delay=0.05).fetch_many(urls, workers=2))
    assert [r.ok for r in results] == [True, False, False, False]
    assert all(isinstance(r, FetchResult) and (r.ok or r.error) for r in results)


def test_server_had_no_errors(web_server):
    f = fetcher(delay=0.0)
    for path in ["/news/1.html", "/fa/header", "/fa/meta", "/fa/bare", "/etag", "/gzipped"]:
        f.fetch(web_server.url(path))
    assert web_server.errors == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1", 1.0),
        ("0", 0.0),
        ("Sat, 10 Feb 2024 08:00:10 GMT", 10.0),
        ("Sat, 10 Feb 2024 07:00:00 GMT", 0.0),  # in the past: no wait
        ("soon", None),
        (None, None),
    ],
)
def test_parse_retry_after(value, expected):
    now = datetime(2024, 2, 10, 8, 0, 0, tzinfo=timezone.utc)
    assert parse_retry_after(value, now=now) == expected


@pytest.mark.parametrize(
    ("body", "content_type", "encoding"),
    [
        ("<p>خبر</p>".encode(), "text/html; charset=utf-8", "utf-8"),
        ("<p>خبر</p>".encode("cp1256"), "text/html; charset=windows-1256", "cp1256"),
        ("<p>خبر</p>".encode("cp1256"), "text/html; charset=utf-8", "cp1256"),  # wrong header, body wins
        ('<meta charset="windows-1256"><p>خبر</p>'.encode("cp1256"), "text/html", "cp1256"),
        ("\ufeff<p>خبر</p>".encode(), "text/html; charset=windows-1256", "utf-8-sig"),  # BOM first
        ('<?xml version="1.0" encoding="windows-1256"?><rss/>'.encode("cp1256"), "application/xml", "cp1256"),
        (b"\x89PNG", "image/png", None),
    ],
)
def test_decode_body(body, content_type, encoding):
    text, found = decode_body(body, content_type)
    assert found == encoding
    if encoding:
        assert text.lstrip("\ufeff") == body.decode(encoding).lstrip("\ufeff")


# -- hostile servers: a total deadline, no private addresses, robots.txt as RFC 9309 says ------------------------

#: a hang guard only: the fetches below end at their deadline, seconds before it
GUARD = 30.0


@pytest.mark.parametrize("path", ["/drip-body", "/drip-headers"])
def test_a_dripping_server_is_cut_at_the_total_deadline(web_server, path):
    """One byte every 0.1 s: read_timeout (reset by each byte) never fires; the total deadline does."""
    f = fetcher(read_timeout=5.0, total_timeout=1.5, max_retries=2)
    f.allowed(web_server.url("/"))  # robots.txt read first: the deadline below is the page's alone
    start = time.monotonic()
    result = f.fetch(web_server.url(path))
    took = time.monotonic() - start
    assert result.error in (
        "aborted: download took longer than 1.5 s",  # dripped body
        "aborted: the fetch took longer than its total_timeout",  # dripped headers
    )
    assert took < GUARD
    assert web_server.paths().count(path) == 1  # not retried past the deadline


def test_a_redirect_to_a_loopback_address_is_refused_by_default(monkeypatch):
    monkeypatch.delenv("NEWSMINE_ALLOW_PRIVATE", raising=False)
    with WebServer() as site, WebServer() as local:
        secret = local.url("/news/1.html")
        # the site stands for a public origin: only it is allowed; the other local port is not
        f = fetcher(allow_private=[site.base])
        result = f.fetch(site.url(f"/redirect-to?url={secret}"))
        assert result.error == (
            f"refused: redirect to {secret}: 127.0.0.1 is a loopback address "
            "(allow_private, or --allow-private, fetches it)"
        )
        assert f.fetch(secret).error.startswith("refused: 127.0.0.1 is a loopback address")
        assert local.paths() == []  # never asked, not even for robots.txt
        assert Fetcher(trust_env=False).fetch(site.url("/news/1.html")).error.startswith("refused: 127.0.0.1")
        assert site.paths() == ["/robots.txt", f"/redirect-to?url={secret}"]
        assert fetcher(allow_private=True).fetch(secret).ok


def test_feed_links_to_a_local_port_are_not_fetched(tmp_path, monkeypatch):
    from newsmine.web.crawl import crawl

    monkeypatch.delenv("NEWSMINE_ALLOW_PRIVATE", raising=False)
    with WebServer() as site, WebServer() as local:
        feed = site.url(f"/feed-to.rss?url={local.url('/news/2.html')}")
        summary = crawl([feed], None, tmp_path, fetcher=fetcher(allow_private=[site.base]), progress=False)
        assert summary.fetched == 0 and summary.error_stages == {"fetch": 1}
        assert local.paths() == []


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "10.1.2.3", "192.168.0.10", "169.254.169.254", "100.64.0.1", "::1", "fd00:ec2::254"],
)
def test_private_addresses_are_named(address):
    from newsmine.web.fetch import address_kind

    assert address_kind(address) is not None


def test_an_oversize_robots_txt_that_disallows_everything_disallows():
    with WebServer(robots_mode="huge") as srv:
        result = fetcher().fetch(srv.url("/news/1.html"))
        assert result.error == "refused: robots.txt disallows /news/1.html"
        assert srv.paths() == ["/robots.txt"]


def test_a_stalled_robots_txt_disallows_the_site():
    with WebServer(robots_mode="stall") as srv:
        start = time.monotonic()
        result = fetcher(total_timeout=1.0, max_retries=0).fetch(srv.url("/news/1.html"))
        assert result.error.startswith("refused: robots.txt could not be read")
        assert time.monotonic() - start < GUARD
        assert srv.paths() == ["/robots.txt"]


def test_a_retry_after_of_a_day_is_not_waited_for(web_server):
    start = time.monotonic()
    result = fetcher().fetch(web_server.url("/retry-day"))
    assert result.error == "gave up: HTTP 503 with Retry-After 86400 s (more than max_retry_after=300 s)"
    assert time.monotonic() - start < GUARD and web_server.paths().count("/retry-day") == 1
