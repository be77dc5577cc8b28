"""Crawl the loopback server into a WARC + records.jsonl + errors.jsonl, then re-extract from the WARC."""

from __future__ import annotations

import itertools
import json

import pytest
from webserver import WebServer

from newsmine.extract import extract, records_from_warc
from newsmine.schema import Record
from newsmine.web.crawl import crawl, read_feed_list
from newsmine.web.fetch import Fetcher
from newsmine.web.warc import read_warc


def _extract(html: str, url: str | None) -> Record:
    """What the CLI gives the crawl: the web stage itself never extracts."""
    return extract(html, url=url)


@pytest.fixture
def web_server():
    """A fresh loopback server per test (its request log and counters start empty)."""
    with WebServer() as srv:
        yield srv


DELAY = 0.2
#: the server runs in the test process, beside spaCy: its clock reads can lag by a GIL switch
TOLERANCE = 0.05


@pytest.fixture(scope="module", autouse=True)
def warm_extractor():
    """Load the pipeline before the server's clock matters (loading takes seconds and holds the GIL)."""
    import newsmine

    newsmine.extract("گرم کردن")


def fetcher(**kwargs) -> Fetcher:
    return Fetcher(delay=DELAY, trust_env=False, backoff=0.05, max_retries=1, allow_private=True, **kwargs)


def lines(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_crawl_feeds_then_reextract_from_warc(web_server, tmp_path):
    feeds = [web_server.url("/feed.rss"), web_server.url("/feed.atom"), web_server.url("/missing.rss")]
    summary = crawl(feeds, None, tmp_path, fetcher=fetcher(), progress=False, extract=_extract)

    assert summary.discovered == 4  # news 1, 2, 3 and the disallowed /private page
    assert summary.fetched == 3 and summary.records == 3
    records = [Record.from_dict(d) for d in lines(tmp_path / "records.jsonl")]
    assert [r.url.removeprefix(web_server.base) for r in records] == [
        "/news/1.html",
        "/news/2.html",
        "/news/3.html",
    ]
    assert records[0].title == "افتتاح سه مدرسه تازه در شهرستان نمونه\u200cآباد"
    assert "۴۲ کلاس" in records[0].text

    errors = lines(tmp_path / "errors.jsonl")
    assert [(e["url"].removeprefix(web_server.base), e["stage"], e["error"]) for e in errors] == [
        ("/missing.rss", "discover", "HTTP 404 Not Found"),
        ("/private/secret.html", "fetch", "refused: robots.txt disallows /private/secret.html"),
    ]
    assert summary.errors == 2

    # politeness, as the server saw it
    paths = web_server.paths()
    assert not any(p.startswith("/private") for p in paths)
    times = sorted(r.time for r in web_server.requests)
    assert min(b - a for a, b in itertools.pairwise(times)) >= DELAY - TOLERANCE
    assert all(r.headers["User-Agent"].startswith("newsmine/") for r in web_server.requests)

    # the WARC holds feeds and articles; re-extraction gives the very same Records
    warc = tmp_path / summary.warc.rsplit("/", 1)[1]
    assert warc.name.startswith("crawl-") and warc.name.endswith(".warc.gz")
    items = list(read_warc(warc))
    assert [(i.role, i.status) for i in items] == [
        ("feed", 200),
        ("feed", 200),
        ("feed", 404),
        ("article", 200),
        ("article", 200),
        ("article", 200),
    ]
    again = list(records_from_warc(warc))
    assert [r.to_dict() for r in again] == [r.to_dict() for r in records]


def test_crawl_sitemap_with_limit_and_feed_list(web_server, tmp_path):
    summary = crawl(
        None,
        web_server.url("/sitemap-index.xml"),
        tmp_path,
        max_items=2,
        fetcher=fetcher(),
        progress=False,
        extract=_extract,
    )
    assert summary.discovered == 3 and summary.records == 2
    assert [e["error"] for e in lines(tmp_path / "errors.jsonl")] == [
        "skipped: 'javascript:alert(1)' is not an http(s) URL"
    ]
    feed_file = tmp_path / "feeds.txt"
    feed_file.write_text(f"# feeds\n{web_server.url('/feed.rss')}\n\n", encoding="utf-8")
    assert read_feed_list(feed_file) == [web_server.url("/feed.rss")]


def test_crawl_reports_every_failure(web_server, tmp_path):
    """Bad pages from a text sitemap: each failure is a line in errors.jsonl, none lost, the crawl goes on."""
    bad = ["/huge", "/redirect-file", "/image.png", "/bomb", "/news/2.html"]
    sitemap = tmp_path / "list.txt"
    sitemap.write_text("\n".join(web_server.url(p) for p in bad), encoding="utf-8")

    class ListFetcher(Fetcher):
        """Serves the sitemap from disk; everything else goes to the server."""

        def fetch(self, url):
            if url == "list":
                from newsmine.web.fetch import FetchResult

                return FetchResult(
                    url=url,
                    final_url=url,
                    status=200,
                    headers={"Content-Type": "text/plain"},
                    body=sitemap.read_bytes(),
                )
            return super().fetch(url)

    summary = crawl(
        None,
        "list",
        tmp_path / "out",
        fetcher=ListFetcher(delay=0.05, trust_env=False, allow_private=True),
        progress=False,
        extract=_extract,
    )
    errors = {
        e["url"].removeprefix(web_server.base): e["error"] for e in lines(tmp_path / "out" / "errors.jsonl")
    }
    assert errors == {
        "/huge": "aborted: body larger than 10000000 bytes (Content-Length: 52428800)",
        "/redirect-file": "refused: redirect to file:///etc/passwd",
        "/image.png": "skipped: not an HTML page (Content-Type: image/png)",
        "/bomb": "aborted: body larger than 10000000 bytes after gzip decompression",
    }
    assert summary.records == 1 and summary.errors == 4
    # the aborted bodies are not archived as if whole; re-extraction agrees with the crawl
    warc = next((tmp_path / "out").glob("crawl-*.warc.gz"))
    assert [r.url for r in records_from_warc(warc)] == [web_server.url("/news/2.html")]


def test_second_crawl_uses_conditional_get(web_server, tmp_path):
    sitemap_url = web_server.url("/sitemap-pages.xml")
    first = crawl(
        None,
        sitemap_url,
        tmp_path,
        fetcher=fetcher(cache_dir=tmp_path / "cache"),
        progress=False,
        extract=_extract,
    )
    assert first.records == 2
    second = crawl(
        None,
        sitemap_url,
        tmp_path,
        fetcher=fetcher(cache_dir=tmp_path / "cache"),
        progress=False,
        extract=_extract,
    )
    assert second.records == 2
    # records.jsonl is appended: it equals the records of all crawl WARCs in the folder, in order
    warcs = sorted(tmp_path.glob("crawl-*.warc.gz"))
    assert len(warcs) == 2
    from_warcs = [r.to_dict() for w in warcs for r in records_from_warc(w)]
    assert from_warcs == lines(tmp_path / "records.jsonl")
