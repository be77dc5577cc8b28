"""Helpers every site profile and the generic extractor share: the parsed page, text blocks, dates, bylines.

A :class:`Page` is parsed once per article (bs4 + lxml) and carries what the helpers read: the meta tags
(by ``name``, ``property``, ``itemprop``), the JSON-LD objects (``@graph`` flattened) and the canonical URL.

>>> page = Page.parse('<html><head><meta property="og:site_name" content="خبرگزاری مهر"></head>'
...                   '<body><div class="d">شنبه ۲۱ بهمن ۱۴۰۲ - ۱۰:۱۲</div><p>کد خبر: ۶۰۱۲,۳۴۵</p></body></html>')
>>> page.meta_first("og:site_name")
'خبرگزاری مهر'
>>> iso_date("شنبه ۲۱ بهمن ۱۴۰۲ - ۱۰:۱۲")
'2024-02-10T10:12:00+03:30'
>>> news_code(page.soup.get_text(" "))
'6012345'
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import soupsieve
from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from soupsieve import SoupSieve

from newsmine.text.dates import find_dates, parse_date, tehran_tz

__all__ = [
    "BLOCK_TAGS",
    "Page",
    "block_texts",
    "clean_byline",
    "compile_css",
    "first_text",
    "host_of",
    "iso_date",
    "jsonld_value",
    "news_code",
    "published_from_metadata",
    "squash",
    "strip_site_suffix",
    "texts",
]

#: elements that end a text block (a paragraph break in the extracted text)
BLOCK_TAGS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol blockquote section article header footer aside nav table tr td th "
    "figure figcaption pre main dl dt dd address center".split()
)
#: elements whose text is never article text
SKIP_TAGS = frozenset("script style noscript iframe svg button form select option template object".split())

#: meta keys holding the publication time, most trusted first (names as lowercased by Page)
PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "dc.date.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.issued",
    "pubdate",
    "publishdate",
    "publish-date",
    "date",
    "sailthru.date",
    "parsely-pub-date",
    "article:modified_time",
)
#: JSON-LD types that describe the article itself
ARTICLE_TYPES = frozenset(
    "NewsArticle Article ReportageNewsArticle AnalysisNewsArticle BlogPosting WebPage OpinionNewsArticle".split()
)

_WS = re.compile(r"\s+")
_NEWS_CODE = re.compile(r"(?:کد|شناسه)\s*(?:خبر|مطلب)\s*[:：]?\s*(?P<code>[0-9۰-۹٠-٩][0-9۰-۹٠-٩,٬،]*)")
_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_BYLINE_PREFIX = re.compile(r"^(?:نویسنده|نوشته|خبرنگار|گزارش|به قلم|گزارشگر|تنظیم|by)\s*[:：]?\s*", re.I)
_SITE_SEP = re.compile(r"\s+[|\-–—«»:]\s+")


def squash(text: str | None) -> str:
    """Whitespace (NBSP, newlines, runs of spaces) to single spaces, stripped; ZWNJ is kept.

    >>> squash("  میز\\u00a0 خدمت\\u200cها \\n")
    'میز خدمت\\u200cها'
    """
    return _WS.sub(" ", text or "").strip()


def compile_css(selector: str | None) -> SoupSieve | None:
    """A CSS selector compiled once (at import of the site module), or None."""
    return soupsieve.compile(selector) if selector else None


def host_of(url: str | None) -> str | None:
    """The host of a URL, lowercased, without ``www.``/``m.``: ``https://www.Mehrnews.com/x`` -> ``mehrnews.com``."""
    if not url:
        return None
    host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
    for prefix in ("www.", "m.", "amp."):
        if host.startswith(prefix):
            host = host[len(prefix) :]
    return host or None


@dataclass
class Page:
    """One HTML page, parsed once: soup, meta tags, JSON-LD and the URL it came from."""

    soup: BeautifulSoup
    url: str | None = None
    html: str = ""
    meta: dict[str, list[str]] = field(default_factory=dict)
    jsonld: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @classmethod
    def parse(cls, html: str, url: str | None = None) -> Page:
        """Parse HTML (a str; an XML encoding declaration in it is ignored, the text is already decoded)."""
        html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)
        soup = BeautifulSoup(html, "lxml")
        page = cls(soup=soup, url=url, html=html)
        for tag in soup.find_all("meta"):
            key = tag.get("property") or tag.get("name") or tag.get("itemprop") or tag.get("http-equiv")
            content = tag.get("content")
            if key and content and content.strip():
                page.meta.setdefault(str(key).strip().lower(), []).append(squash(str(content)))
        for tag in soup.find_all("script", type=re.compile(r"ld\+json", re.I)):
            raw = tag.string or tag.get_text()
            try:
                data = json.loads(raw.strip().rstrip(";"))
            except (ValueError, AttributeError):
                page.warnings.append("a JSON-LD block could not be read as JSON and was skipped")
                continue
            page.jsonld.extend(_flatten_jsonld(data))
        return page

    def meta_first(self, *keys: str) -> str | None:
        """The first non-empty meta value among ``keys`` (lowercase names), in the order given."""
        for key in keys:
            values = self.meta.get(key)
            if values:
                return values[0]
        return None

    @property
    def canonical_url(self) -> str | None:
        """``<link rel=canonical>``, else ``og:url``."""
        link = self.soup.find("link", rel=lambda v: v and "canonical" in [x.lower() for x in v])
        href = link.get("href") if isinstance(link, Tag) else None
        return squash(str(href)) if href else self.meta_first("og:url")

    @property
    def site_name(self) -> str | None:
        """The publisher's name as the page states it (og:site_name, JSON-LD publisher, application-name)."""
        name = self.meta_first("og:site_name", "application-name", "publisher", "dc.publisher")
        if name:
            return name
        publisher = jsonld_value(self, "publisher")
        if isinstance(publisher, dict):
            return squash(publisher.get("name")) or None
        return squash(publisher) if isinstance(publisher, str) else None

    def select_one(self, selector: SoupSieve | None) -> Tag | None:
        return selector.select_one(self.soup) if selector is not None else None

    def select(self, selector: SoupSieve | None) -> list[Tag]:
        return list(selector.select(self.soup)) if selector is not None else []


def _flatten_jsonld(data: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    if isinstance(data, list):
        for item in data:
            out.extend(_flatten_jsonld(item))
    elif isinstance(data, dict):
        out.append(data)
        if "@graph" in data:
            out.extend(_flatten_jsonld(data["@graph"]))
    return out


def _types(obj: dict[str, Any]) -> set[str]:
    t = obj.get("@type")
    return {str(x) for x in t} if isinstance(t, list) else {str(t)} if t else set()


def jsonld_value(page: Page, key: str) -> Any:
    """``key`` of the first JSON-LD object that is an article (NewsArticle, Article...), else of any object."""
    articles = [o for o in page.jsonld if _types(o) & ARTICLE_TYPES]
    for obj in articles + [o for o in page.jsonld if o not in articles]:
        value = obj.get(key)
        if value not in (None, "", []):
            return value
    return None


# --------------------------------------------------------------------------------------------------
# text of elements


def block_texts(element: Tag, drop: SoupSieve | None = None) -> list[str]:
    """The text blocks (paragraphs) of an element: block elements and ``<br>`` end a block.

    >>> soup = BeautifulSoup("<div><p>بند <b>اول</b></p>دوم<br>سوم<script>x</script></div>", "lxml")
    >>> block_texts(soup.div)
    ['بند اول', 'دوم', 'سوم']
    """
    skip = set(drop.select(element)) if drop is not None else set()
    out: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        text = squash("".join(buf))
        if text:
            out.append(text)
        buf.clear()

    def walk(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                buf.append(str(child))
            elif isinstance(child, Tag):
                if child.name in SKIP_TAGS or child in skip:
                    continue
                if child.name == "br":
                    flush()
                elif child.name in BLOCK_TAGS:
                    flush()
                    walk(child)
                    flush()
                else:
                    walk(child)

    walk(element)
    flush()
    return out


def texts(page: Page, selector: SoupSieve | None) -> list[str]:
    """The squashed text of every element matching ``selector``, empty ones left out."""
    return [t for t in (squash(el.get_text(" ")) for el in page.select(selector)) if t]


def first_text(page: Page, selector: SoupSieve | None) -> str | None:
    """The squashed text of the first matching element that has text."""
    return next(iter(texts(page, selector)), None)


def strip_site_suffix(title: str | None, site_names: tuple[str, ...] = ()) -> str | None:
    """A page title without the site name around it: "عنوان - خبرگزاری مهر | Mehr News" -> "عنوان".

    >>> strip_site_suffix("وزیر کار: اشتغال بالا رفت - خبرگزاری مهر | اخبار ایران و جهان", ("خبرگزاری مهر",))
    'وزیر کار: اشتغال بالا رفت'
    """
    title = squash(title)
    if not title:
        return None
    parts = _SITE_SEP.split(title)
    if len(parts) == 1:
        return title
    at = next((i for i, p in enumerate(parts) if any(name and name in p for name in site_names)), None)
    if at is not None:
        kept = parts[:at] or parts[at + 1 :]
        if kept:
            return " - ".join(kept)
    return parts[0] if len(parts[0].split()) > 2 else max(parts, key=len)


def clean_byline(text: str | None) -> str | None:
    """A byline without its label: "نویسنده: مریم احمدی" -> "مریم احمدی"; None for empty or URL-only values."""
    text = squash(text)
    text = _BYLINE_PREFIX.sub("", text).strip(" :،,")
    if not text or text.startswith("http"):
        return None
    return text


def news_code(text: str | None) -> str | None:
    """The news code a page prints ("کد خبر: 335,032"), as ASCII digits without separators: "335032"."""
    m = _NEWS_CODE.search(text or "")
    if not m:
        return None
    return re.sub(r"[,٬،]", "", m.group("code").translate(_DIGITS)) or None


# --------------------------------------------------------------------------------------------------
# dates


def iso_date(value: str | None) -> str | None:
    """A date string from metadata or the page to ISO 8601; None when it holds no day-precise date.

    ISO input keeps its offset ("Z" becomes "+00:00"); a naive ISO time is Tehran time; a date alone stays a
    date. Persian strings go through :func:`newsmine.text.dates.parse_date` (whole string) or, failing that,
    the first day-precise date :func:`~newsmine.text.dates.find_dates` finds in it.

    >>> iso_date("2024-02-10T06:42:05Z"), iso_date("2024-02-10 10:12:05"), iso_date("2024-02-10")
    ('2024-02-10T06:42:05+00:00', '2024-02-10T10:12:05+03:30', '2024-02-10')
    >>> iso_date("۱۳ خرداد ۱۴۰۰ - ۱۵:۵۸"), iso_date("۲۱ بهمن ۱۴۰۲")
    ('2021-06-03T15:58:00+04:30', '2024-02-10')
    """
    value = squash(value)
    if not value:
        return None
    ascii_value = value.translate(_DIGITS)
    m = re.match(
        r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$",
        ascii_value,
    )
    if m and 1900 <= int(m.group(1)) <= 2200:
        if m.group(4) is None:
            return f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
        text = ascii_value.replace(" ", "T", 1).replace("Z", "+00:00")
        tz = m.group(7)
        if tz and ":" not in tz and tz != "Z":
            text = text[: -len(tz)] + tz[:3] + ":" + tz[3:]
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            return None
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=tehran_tz(parsed))
        return parsed.isoformat()
    parsed_date = parse_date(value)
    if parsed_date is None or parsed_date.precision != "day" or parsed_date.year is None:
        found = [s.date for s in find_dates(value) if s.date.precision == "day" and s.date.year is not None]
        parsed_date = found[0] if found else None
    if parsed_date is None or parsed_date.relative is not None:
        return None
    if parsed_date.hour is None:  # no clock time written: the day alone, not a made-up midnight
        return parsed_date.gregorian
    dt = parsed_date.to_datetime()
    return dt.isoformat() if dt is not None else None


def published_from_metadata(page: Page) -> str | None:
    """The publication time from meta tags, then JSON-LD ``datePublished``, then ``<time datetime>``."""
    for key in PUBLISHED_META:
        for value in page.meta.get(key, []):
            iso = iso_date(value)
            if iso:
                return iso
    value = jsonld_value(page, "datePublished")
    if isinstance(value, str) and iso_date(value):
        return iso_date(value)
    for tag in page.soup.find_all("time"):
        iso = iso_date(str(tag.get("datetime") or "")) or None
        if iso:
            return iso
    return None
