"""Discovery: RSS, Atom, sitemaps, sitemap indexes, Google News sitemaps; entities refused, not expanded."""

from __future__ import annotations

import gzip
import time

import pytest
from webserver import FIXTURES, WebServer

from newsmine.web.discover import DiscoveryError, discover_feeds, discover_sitemap, parse_feed, parse_sitemap
from newsmine.web.fetch import Fetcher


@pytest.fixture
def web_server():
    """A fresh loopback server per test (its request log and counters start empty)."""
    with WebServer() as srv:
        yield srv


def fetcher() -> Fetcher:
    return Fetcher(delay=0.05, trust_env=False, backoff=0.05, max_retries=1, allow_private=True)


def fixture(name: str, base: str = "https://khabar.example") -> bytes:
    return (FIXTURES / name).read_text(encoding="utf-8").replace("{base}", base).encode("utf-8")


def test_rss_entries():
    entries = parse_feed(fixture("feed.rss"), url="https://khabar.example/feed.rss")
    assert [e.url for e in entries] == [
        "https://khabar.example/news/1.html",
        "https://khabar.example/news/2.html",  # relative link made absolute
        "https://khabar.example/private/secret.html",
    ]
    first = entries[0]
    assert first.title == "افتتاح سه مدرسه تازه در شهرستان نمونه\u200cآباد"
    assert first.summary == "سه مدرسه تازه با ۴۲ کلاس ساخته شد."
    assert first.published == "2024-02-10T08:30:00+03:30"  # the feed's own offset kept
    assert first.tags == ["آموزش", "استانی"]
    assert entries[2].published is None


def test_atom_entries():
    entries = parse_feed(fixture("feed.atom"), url="https://khabar.example/feed.atom")
    assert [(e.url, e.published, e.tags) for e in entries] == [
        ("https://khabar.example/news/3.html", "2024-02-11T10:00:00+03:30", ["فرهنگی"]),
        ("https://khabar.example/news/1.html", "2024-02-10T08:30:00+03:30", []),  # updated when no published
    ]
    assert entries[0].summary == "حدود ۲ هزار عنوان کتاب عرضه می‌شود."


def test_feed_with_entities_refused():
    with pytest.raises(DiscoveryError, match=r"refused: feed declares XML entities .*billion-laughs"):
        parse_feed(fixture("billion-laughs.xml").replace(b"urlset", b"rss"))


def test_not_a_feed():
    with pytest.raises(DiscoveryError, match="feed could not be read"):
        parse_feed(b"\x00\x01 not xml at all <<<")


def test_news_sitemap():
    sitemap = parse_sitemap(fixture("sitemap-news.xml"), url="https://khabar.example/sitemap-news.xml")
    assert sitemap.kind == "urlset"
    (entry,) = sitemap.entries
    assert entry.url == "https://khabar.example/news/3.html"
    assert entry.title == "نمایشگاه کتاب کودک گشایش یافت"
    assert entry.published == "2024-02-11T10:00:00+03:30"
    assert entry.tags == ["کتاب", "کودک", "نمایشگاه"]
    assert sitemap.skipped == ["skipped: 'javascript:alert(1)' is not an http(s) URL"]


def test_sitemap_index():
    sitemap = parse_sitemap(fixture("sitemap-index.xml"))
    assert sitemap.kind == "sitemapindex"
    assert sitemap.sitemaps == [
        "https://khabar.example/sitemap-pages.xml",
        "https://khabar.example/sitemap-news.xml",
        "https://khabar.example/sitemap-index.xml",
    ]


def test_gzipped_and_text_sitemaps():
    assert [e.url for e in parse_sitemap(gzip.compress(fixture("sitemap-pages.xml"))).entries] == [
        "https://khabar.example/news/1.html",
        "https://khabar.example/news/2.html",  # whitespace around <loc> trimmed
    ]
    text = parse_sitemap(b"https://khabar.example/a\n\nhttps://khabar.example/b\nmailto:x@y\n")
    assert [e.url for e in text.entries] == ["https://khabar.example/a", "https://khabar.example/b"]
    assert len(text.skipped) == 1


def test_gzip_bomb_sitemap_refused():
    bomb = gzip.compress(b"<" + b" " * (60 * 1024 * 1024))
    with pytest.raises(DiscoveryError, match="inflates past"):
        parse_sitemap(bomb)


def test_billion_laughs_refused_quickly():
    start = time.monotonic()
    with pytest.raises(DiscoveryError, match=r"refused: sitemap declares a DTD or XML entities"):
        parse_sitemap(fixture("billion-laughs.xml"))
    assert time.monotonic() - start < 1.0  # refused, not expanded (10^9 "lol"s would take minutes)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<urlset><url><loc>x</loc></url>", "not well-formed"),
        (b"<html><body>hi</body></html>", "root element is <html>"),
    ],
)
def test_bad_sitemaps(data, reason):
    with pytest.raises(DiscoveryError, match=reason):
        parse_sitemap(data)


def test_discover_feeds_from_server(web_server):
    found = discover_feeds(
        [web_server.url("/feed.rss"), web_server.url("/feed.atom"), web_server.url("/missing.rss")], fetcher()
    )
    assert [e.url.removeprefix(web_server.base) for e in found.entries] == [
        "/news/1.html",
        "/news/2.html",
        "/private/secret.html",
        "/news/3.html",  # /news/1.html again in the Atom feed: kept once
    ]
    assert found.errors == [
        {"url": web_server.url("/missing.rss"), "stage": "discover", "error": "HTTP 404 Not Found"}
    ]


def test_discover_sitemap_index_recursively(web_server):
    seen = []
    found = discover_sitemap(web_server.url("/sitemap-index.xml"), fetcher(), on_fetch=seen.append)
    assert [e.url.removeprefix(web_server.base) for e in found.entries] == [
        "/news/1.html",
        "/news/2.html",
        "/news/3.html",
    ]
    assert found.entries[2].title == "نمایشگاه کتاب کودک گشایش یافت"
    assert [e["error"] for e in found.errors] == ["skipped: 'javascript:alert(1)' is not an http(s) URL"]
    # the index lists itself: fetched once, the loop cut
    assert web_server.paths().count("/sitemap-index.xml") == 1
    assert len(seen) == 3


def test_discover_sitemap_limits(web_server):
    found = discover_sitemap(web_server.url("/sitemap-index.xml"), fetcher(), max_depth=0)
    assert found.entries == []
    assert {e["error"] for e in found.errors} == {"skipped: sitemap index deeper than 0"}
    found = discover_sitemap(web_server.url("/sitemap-index.xml"), fetcher(), max_sitemaps=2)
    assert [e.url.removeprefix(web_server.base) for e in found.entries] == ["/news/1.html", "/news/2.html"]
    assert any(e["error"] == "skipped: more than 2 sitemaps" for e in found.errors)


def test_discover_billion_laughs_from_server(web_server):
    found = discover_sitemap(web_server.url("/billion-laughs.xml"), fetcher())
    assert found.entries == []
    (error,) = found.errors
    assert error["error"].startswith("refused: sitemap declares a DTD or XML entities")


@pytest.mark.parametrize("kind", ["xml", "text"])
def test_a_sitemap_is_capped_at_the_protocols_50000_urls(kind):
    urls = [f"https://khabar.example/news/{i}.html" for i in range(100_000)]
    if kind == "xml":
        body = "".join(f"<url><loc>{u}</loc></url>" for u in urls)
        data = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}</urlset>'.encode()
    else:
        data = "\n".join(urls).encode()
    sitemap = parse_sitemap(data)
    assert [e.url for e in sitemap.entries] == urls[:50_000]
    assert sitemap.skipped == [
        f"skipped: the URLs past the 50000th (the protocol's limit{' for one sitemap' if kind == 'xml' else ''})"
    ]
