"""Finding article URLs: RSS and Atom feeds (feedparser), XML sitemaps, sitemap indexes and Google News
sitemaps (defusedxml: entities are never expanded, so a billion-laughs file is refused, not inflated).

``parse_feed`` and ``parse_sitemap`` read bytes and raise ``DiscoveryError`` with the reason;
``discover_feeds`` and ``discover_sitemap`` fetch (politely, through a ``Fetcher``) and never raise: what
failed is in ``Discovery.errors``.

>>> sm = parse_sitemap(b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
...                    b'<url><loc>https://example.ir/news/1</loc></url></urlset>')
>>> sm.kind, [e.url for e in sm.entries]
('urlset', ['https://example.ir/news/1'])
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

if TYPE_CHECKING:
    from newsmine.web.fetch import Fetcher, FetchResult

__all__ = [
    "Discovery",
    "DiscoveryError",
    "Entry",
    "Sitemap",
    "discover_feeds",
    "discover_sitemap",
    "parse_feed",
    "parse_sitemap",
]

#: a sitemap may hold 50,000 URLs and 50 MB uncompressed (sitemaps.org): a larger file is refused, and
#: the URLs (or child sitemaps of an index) past the 50,000th are left out, with the reason in ``skipped``
MAX_SITEMAP_BYTES = 50 * 1024 * 1024
MAX_SITEMAP_URLS = 50_000


class DiscoveryError(ValueError):
    """A feed or sitemap that could not be read, with the reason."""


@dataclass
class Entry:
    """One article URL found by discovery, with what the feed or news sitemap said about it."""

    url: str
    title: str | None = None
    summary: str | None = None
    published: str | None = None  # ISO 8601 (with the offset the source gave) or the source's own text
    tags: list[str] = field(default_factory=list)
    lastmod: str | None = None
    source: str | None = None  # the feed or sitemap URL it came from


@dataclass
class Sitemap:
    """A parsed sitemap: ``kind`` is "urlset" (entries) or "sitemapindex" (child sitemap URLs)."""

    kind: str
    entries: list[Entry] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # entries left out, each with its reason


@dataclass
class Discovery:
    """Entries found (deduplicated by URL, first seen kept) and what failed, as ``{url, stage, error}``."""

    entries: list[Entry] = field(default_factory=list)
    errors: list[dict[str, str]] = field(default_factory=list)

    def add(self, entry: Entry, seen: set[str]) -> None:
        if entry.url not in seen:
            seen.add(entry.url)
            self.entries.append(entry)


# --- feeds ------------------------------------------------------------------------------------------


def _refuse_entities(data: bytes, what: str) -> None:
    """Raise if the document declares entities (a plain DOCTYPE, as RSS 0.91 has, is fine)."""
    try:
        SafeET.fromstring(data)
    except DefusedXmlException as exc:
        raise DiscoveryError(
            f"refused: {what} declares XML entities ({type(exc).__name__}); "
            "entities are not expanded (billion-laughs protection)"
        ) from None
    except SafeET.ParseError:
        pass  # malformed XML: feedparser's lenient parser may still read it; sitemaps report it


def _iso(value: str | None, parsed: Any = None) -> str | None:
    """An RFC 822 or ISO 8601 date as ISO 8601 keeping its offset; feedparser's UTC tuple as a fallback."""
    if value:
        text = value.strip()
        try:
            return datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
        except ValueError:
            pass
        try:
            return parsedate_to_datetime(text).isoformat()
        except (TypeError, ValueError, IndexError):
            pass
    if parsed:
        return datetime(*parsed[:6], tzinfo=timezone.utc).isoformat()
    return value.strip() if value else None


def parse_feed(data: bytes | str, url: str | None = None, content_type: str | None = None) -> list[Entry]:
    """RSS or Atom -> entries (links made absolute against ``url``). Raises DiscoveryError with why."""
    import feedparser

    raw = data.encode("utf-8") if isinstance(data, str) else data
    _refuse_entities(raw, "feed")
    headers = {"content-location": url or "", "content-type": content_type or "application/xml"}
    feed = feedparser.parse(raw, response_headers=headers, sanitize_html=True)
    if feed.bozo and not feed.entries:
        raise DiscoveryError(f"feed could not be read: {feed.get('bozo_exception', 'not RSS or Atom')}")
    entries = []
    for item in feed.entries:
        link = item.get("link") or next(
            (x.get("href") for x in item.get("links", []) if x.get("rel") in (None, "alternate")), None
        )
        if not link:
            continue
        link = urljoin(url or "", link.strip())
        # dict.get: feedparser's own get maps updated <-> published with a DeprecationWarning
        updated = _iso(dict.get(item, "updated"), dict.get(item, "updated_parsed"))
        published = _iso(dict.get(item, "published"), dict.get(item, "published_parsed")) or updated
        tags = [t.get("term") or t.get("label") for t in item.get("tags", [])]
        entries.append(
            Entry(
                url=link,
                title=item.get("title") or None,
                summary=item.get("summary") or None,
                published=published,
                tags=[t for t in tags if t],
                lastmod=updated,
                source=url,
            )
        )
    return entries


# --- sitemaps ---------------------------------------------------------------------------------------


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _child_text(elem: Any, name: str) -> str | None:
    for child in elem:
        if _local(child.tag) == name:
            return (child.text or "").strip() or None
    return None


def _child(elem: Any, name: str) -> Any:
    for child in elem:
        if _local(child.tag) == name:
            return child
    return None


def _gunzip(data: bytes, limit: int) -> bytes:
    """A gzipped sitemap (sitemap.xml.gz), inflated in bounded steps: past ``limit`` it is refused."""
    inflater = zlib.decompressobj(47)
    out = bytearray()
    pending = data
    while pending:
        try:
            out += inflater.decompress(pending, 1 << 16)
        except zlib.error as exc:
            raise DiscoveryError(f"sitemap is not valid gzip ({exc})") from None
        if len(out) > limit:
            raise DiscoveryError(f"refused: gzipped sitemap inflates past {limit} bytes")
        pending = inflater.unconsumed_tail
        if inflater.eof:
            break
    return bytes(out)


def parse_sitemap(data: bytes | str, url: str | None = None) -> Sitemap:
    """An XML sitemap, a sitemap index or a Google News sitemap (also gzipped, or plain text with one URL
    a line). Entities and DTDs are refused. Raises DiscoveryError with the reason."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if raw[:2] == b"\x1f\x8b":
        raw = _gunzip(raw, MAX_SITEMAP_BYTES)
    if len(raw) > MAX_SITEMAP_BYTES:
        raise DiscoveryError(
            f"refused: sitemap of {len(raw)} bytes, more than the protocol's {MAX_SITEMAP_BYTES}"
        )
    if not raw.lstrip().startswith(b"<"):
        return _text_sitemap(raw, url)
    sitemap: Sitemap | None = None
    kept = 0
    try:
        # read as a stream: each <url> is read and dropped, so a large file never becomes one big tree
        events = SafeET.iterparse(io.BytesIO(raw), events=("start", "end"), forbid_dtd=True)
        depth = 0
        root: Any = None
        for event, node in events:
            if event == "start":
                depth += 1
                if depth == 1:
                    root, kind = node, _local(node.tag)
                    if kind not in ("urlset", "sitemapindex"):
                        raise DiscoveryError(
                            f"not a sitemap: root element is <{kind}>, not <urlset> or <sitemapindex>"
                        )
                    sitemap = Sitemap(kind=kind)
                continue
            depth -= 1
            if depth != 1 or sitemap is None:
                continue
            if kept >= MAX_SITEMAP_URLS:
                sitemap.skipped.append(
                    f"skipped: the {'sitemaps' if sitemap.kind == 'sitemapindex' else 'URLs'} past the "
                    f"{MAX_SITEMAP_URLS}th (the protocol's limit for one sitemap)"
                )
                break
            kept += _read_node(sitemap, node, url)
            root.clear()  # the node is read: drop it
    except DefusedXmlException as exc:
        raise DiscoveryError(
            f"refused: sitemap declares a DTD or XML entities ({type(exc).__name__}); "
            "entities are not expanded (billion-laughs protection)"
        ) from None
    except SafeET.ParseError as exc:
        raise DiscoveryError(f"sitemap is not well-formed XML ({exc})") from None
    if sitemap is None:
        raise DiscoveryError("sitemap is not well-formed XML (no root element)")
    return sitemap


def _read_node(sitemap: Sitemap, node: Any, url: str | None) -> int:
    """One <url> or <sitemap> of a sitemap into ``sitemap``; 1 when it was kept."""
    loc = _child_text(node, "loc")
    if not loc:
        return 0
    loc = urljoin(url or "", loc)
    if urlsplit(loc).scheme.lower() not in ("http", "https"):
        sitemap.skipped.append(f"skipped: {loc[:200]!r} is not an http(s) URL")
        return 0
    if sitemap.kind == "sitemapindex":
        sitemap.sitemaps.append(loc)
        return 1
    entry = Entry(url=loc, lastmod=_iso(_child_text(node, "lastmod")), source=url)
    news = _child(node, "news")
    if news is not None:
        entry.title = _child_text(news, "title")
        entry.published = _iso(_child_text(news, "publication_date"))
        keywords = _child_text(news, "keywords")
        entry.tags = [k.strip() for k in keywords.split(",") if k.strip()] if keywords else []
    sitemap.entries.append(entry)
    return 1


def _text_sitemap(raw: bytes, url: str | None) -> Sitemap:
    sitemap = Sitemap(kind="urlset")
    for line in raw.decode("utf-8", errors="replace").splitlines():
        line = line.strip()
        if not line:
            continue
        if urlsplit(line).scheme.lower() in ("http", "https"):
            if len(sitemap.entries) >= MAX_SITEMAP_URLS:
                sitemap.skipped.append(
                    f"skipped: the URLs past the {MAX_SITEMAP_URLS}th (the protocol's limit)"
                )
                break
            sitemap.entries.append(Entry(url=line, source=url))
        else:
            sitemap.skipped.append(f"skipped: {line[:200]!r} is not an http(s) URL")
    return sitemap


# --- fetching and walking ---------------------------------------------------------------------------


def _fetch(fetcher: Fetcher, url: str, on_fetch: Callable[[FetchResult], None] | None) -> FetchResult:
    result = fetcher.fetch(url)
    if on_fetch is not None:
        on_fetch(result)
    return result


def discover_feeds(
    urls: Iterable[str],
    fetcher: Fetcher,
    on_fetch: Callable[[FetchResult], None] | None = None,
) -> Discovery:
    """Fetch and read each feed; entries in feed order, deduplicated. ``on_fetch`` sees every fetch (the
    crawler archives them). Never raises."""
    found = Discovery()
    seen: set[str] = set()
    for url in urls:
        result = _fetch(fetcher, url, on_fetch)
        if result.error:
            found.errors.append({"url": url, "stage": "discover", "error": result.error})
            continue
        try:
            entries = parse_feed(result.body, url=result.final_url, content_type=result.content_type)
        except DiscoveryError as exc:
            found.errors.append({"url": url, "stage": "discover", "error": str(exc)})
            continue
        except Exception as exc:  # feedparser on hostile input: reported, never raised
            found.errors.append({"url": url, "stage": "discover", "error": f"{type(exc).__name__}: {exc}"})
            continue
        for entry in entries:
            found.add(entry, seen)
    return found


def discover_sitemap(
    url: str,
    fetcher: Fetcher,
    *,
    max_depth: int = 3,
    max_sitemaps: int = 100,
    max_entries: int | None = None,
    on_fetch: Callable[[FetchResult], None] | None = None,
) -> Discovery:
    """Walk a sitemap or sitemap index breadth-first: indexes nest at most ``max_depth`` levels, at most
    ``max_sitemaps`` files are fetched, each once (loops are cut), and at most ``max_entries`` URLs kept.
    What was left out for a limit is reported in ``errors``. Never raises."""
    found = Discovery()
    seen_entries: set[str] = set()
    visited: set[str] = set()
    queue: list[tuple[str, int]] = [(url, 0)]
    fetched = 0
    while queue:
        current, depth = queue.pop(0)
        if current in visited:
            continue
        visited.add(current)
        if fetched >= max_sitemaps:
            found.errors.append(
                {"url": current, "stage": "discover", "error": f"skipped: more than {max_sitemaps} sitemaps"}
            )
            continue
        fetched += 1
        result = _fetch(fetcher, current, on_fetch)
        if result.error:
            found.errors.append({"url": current, "stage": "discover", "error": result.error})
            continue
        try:
            sitemap = parse_sitemap(result.body, url=result.final_url)
        except DiscoveryError as exc:
            found.errors.append({"url": current, "stage": "discover", "error": str(exc)})
            continue
        for reason in sitemap.skipped:
            found.errors.append({"url": current, "stage": "discover", "error": reason})
        for child in sitemap.sitemaps:
            if child in visited:
                continue
            if depth + 1 > max_depth:
                found.errors.append(
                    {
                        "url": child,
                        "stage": "discover",
                        "error": f"skipped: sitemap index deeper than {max_depth}",
                    }
                )
            else:
                queue.append((child, depth + 1))
        for entry in sitemap.entries:
            if max_entries is not None and len(found.entries) >= max_entries:
                break
            found.add(entry, seen_entries)
    return found
