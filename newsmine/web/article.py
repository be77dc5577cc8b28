"""HTML -> Article: title, روتیتر (kicker), lead, body, publication time, author, source, tags, news code.

:func:`parse_html` reads a news page with the profile of its site when there is one
(:mod:`newsmine.web.sites`: Mehr, IRNA, ISNA, Tasnim, Fars, Hamshahri, Khabar Online, YJC, Entekhab,
Tabnak) and with the generic extractor otherwise: trafilatura removes the page chrome, then the rules
here drop what it keeps of it (lines listed in ``resources/boilerplate_lines.txt``, news codes, bare URLs
and dates, copyright lines) and find the Persian header fields it does not know about.

>>> html = '''<html><head><title>وزیر کار: ۲۰ هزار شغل ایجاد شد - خبرگزاری نمونه</title></head><body>
... <nav><a href="/">خانه</a></nav><div class="rutitr">وزیر کار در قزوین:</div>
... <h1>۲۰ هزار شغل ایجاد شد</h1><div class="date">شنبه ۲۱ بهمن ۱۴۰۲ - ۱۰:۱۲</div>
... <article><p>قزوین ـ وزیر کار گفت: امسال ۲۰ هزار شغل تازه در استان ایجاد شد و این روند ادامه دارد.</p>
... <p>وی افزود: برنامه سال آینده ایجاد ۳۰ هزار شغل دیگر در بخش صنعت و کشاورزی این استان است.</p></article>
... <div>کد خبر: ۱۲۳۴۵</div><div>نظرات بینندگان</div></body></html>'''
>>> art = parse_html(html)
>>> art.title, art.kicker, art.dateline, art.published, art.news_code
('۲۰ هزار شغل ایجاد شد', 'وزیر کار در قزوین:', 'قزوین', '2024-02-10T10:12:00+03:30', '12345')
>>> art.text.split("\\n\\n")[1]
'وی افزود: برنامه سال آینده ایجاد ۳۰ هزار شغل دیگر در بخش صنعت و کشاورزی این استان است.'

Decisions:

* ``text`` is the lead followed by the body paragraphs, joined by a blank line: where a site prints the lead
  in its own element (``p.summary``), it becomes the first paragraph, so ``lead`` is always ``text``'s first
  paragraph, as in :func:`newsmine.text.plain.parse_text`;
* ``published`` is ISO 8601: with the page's offset when metadata gives one, Tehran time for a naive
  metadata time or a Persian date string with a clock time, a bare ``YYYY-MM-DD`` when only the day is known;
* ``news_code`` is ASCII digits without separators ("کد خبر : 335,032" -> "335032");
* ``error_handling`` is fundus's: ``"raise"`` re-raises the first error, ``"catch"`` (default) turns each
  failed field into a warning and goes on, ``"suppress"`` leaves a failed field empty without a warning. An
  empty body is not an error but a finding: it is always reported in ``warnings``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from typing import Any, Literal, TypeVar

import soupsieve
from bs4 import Comment, Tag

from newsmine.errors import Errors, NewsmineError, Warnings
from newsmine.resources import read_rows
from newsmine.schema import Article
from newsmine.text.dates import parse_date
from newsmine.text.plain import DATELINE
from newsmine.web.decode import decode_bytes, sniff_binary
from newsmine.web.guard import LIMITS, Limits, guard_html, guard_text, looks_binary_text
from newsmine.web.sites import SiteProfile, profile_for
from newsmine.web.sites.base import Layout
from newsmine.web.sites.util import (
    Page,
    block_texts,
    clean_byline,
    host_of,
    iso_date,
    jsonld_value,
    news_code,
    published_from_metadata,
    squash,
    strip_site_suffix,
)

__all__ = ["ERROR_HANDLING", "GenericLayout", "clean_body", "parse_html"]

ErrorHandling = Literal["raise", "catch", "suppress"]
ERROR_HANDLING: tuple[str, ...] = ("raise", "catch", "suppress")
T = TypeVar("T")

#: a paragraph longer than this is text, never a header line, a date line or a news-code line
SHORT_LINE_WORDS = 12
#: a text longer than this is not read as the page's date line ("نوشته شده در سه شنبه ... توسط ...")
DATE_LINE_WORDS = 20
#: before a dateline paragraph near the top, lines shorter than this are header bits (category, source)
HEADER_SCAN_LINES = 5


# --------------------------------------------------------------------------------------------------
# the entry point


def parse_html(
    html: str | bytes,
    url: str | None = None,
    *,
    error_handling: ErrorHandling = "catch",
    limits: Limits = LIMITS,
) -> Article:
    """Extract the article from one HTML page; see the module docstring for what each field holds.

    Never returns None: a page without an article body gives an Article with empty ``text`` and the reason
    in ``warnings``. The page goes through the input guard first (:mod:`newsmine.web.guard`: bulky
    scripts emptied, deep nesting unwrapped, attributes and size bounded) and the text after parsing is
    cut to ``limits.max_chars``; each cut is a warning.
    """
    if error_handling not in ERROR_HANDLING:
        raise NewsmineError(Errors.E070, value=error_handling, available=", ".join(ERROR_HANDLING))
    warnings: list[str] = []
    binary = sniff_binary(html) if isinstance(html, bytes) else None
    if isinstance(html, bytes) and not binary:
        html = _decode(html, warnings)
    if binary or (isinstance(html, str) and looks_binary_text(html)):
        detail = binary or "control characters"
        return Article(text="", url=url, warnings=[Warnings.W206.format(detail=detail)])
    if not html or not html.strip():
        return Article(text="", url=url, warnings=[Warnings.W200])
    html, cut = guard_html(html, limits)
    warnings.extend(cut)
    try:
        page = Page.parse(html, url)
    except Exception as exc:
        if error_handling == "raise":
            raise
        return Article(text="", url=url, warnings=[*warnings, Warnings.W201.format(error=exc)])
    warnings.extend(page.warnings)

    profile = _guard("profile", lambda: profile_for(url, page), None, error_handling, warnings)
    article: Article | None = None
    if profile is not None:
        published = _guard("published", lambda: published_from_metadata(page), None, error_handling, warnings)
        for layout in profile.layouts_for(published):
            article = _read(layout(page, profile), error_handling, warnings)
            if article.text:
                break
        if article is None or not article.text:
            warnings.append(Warnings.W202.format(profile=profile.__name__))
            fallback = _read(GenericLayout(page, None), error_handling, warnings)
            article = _merge(article, fallback) if article is not None else fallback
    else:
        article = _read(GenericLayout(page, None), error_handling, warnings)

    _finish(article, page, profile, error_handling, warnings)
    _guard_fields(article, limits, warnings)
    if not article.text:
        where = f"the {profile.__name__} profile and " if profile else ""
        warnings.append(Warnings.W203.format(where=where))
    elif not article.published:
        warnings.append(Warnings.W205)
    article.warnings = list(dict.fromkeys(warnings))
    return article


def _guard(name: str, fn: Callable[[], T], default: T, error_handling: str, warnings: list[str]) -> T:
    try:
        return fn()
    except Exception as exc:
        if error_handling == "raise":
            raise
        if error_handling == "catch":
            warnings.append(Warnings.W210.format(name=name, error=f"{type(exc).__name__}: {exc}"))
        return default


def _read(layout: Layout, error_handling: str, warnings: list[str]) -> Article:
    """Call each attribute method of a layout and assemble the Article from them."""

    def get(name: str, default: Any) -> Any:
        return _guard(name, getattr(layout, name), default, error_handling, warnings)

    title, kicker, lead = get("title", None), get("kicker", None), get("lead", None)
    body = clean_body(get("body", []), title=title, kicker=kicker)
    lead = squash(lead) or None
    if lead and _fold(lead) in {_fold(p) for p in body}:
        body = [p for p in body if _fold(p) != _fold(lead)]
    paragraphs = ([lead] if lead else []) + body
    m = next((DATELINE.match(p) for p in paragraphs[:2] if DATELINE.match(p)), None)
    return Article(
        text="\n\n".join(paragraphs),
        dateline=m.group("place") if m else None,
        title=title,
        kicker=kicker,
        lead=paragraphs[0] if paragraphs else None,
        published=get("published", None),
        url=layout.page.url,
        author=get("author", None),
        tags=get("tags", []) or [],
        news_code=get("news_code", None),
    )


def _merge(first: Article, second: Article) -> Article:
    """``second`` (the generic result) with the fields ``first`` (the profile's) found kept from ``first``."""
    for name in ("title", "kicker", "published", "author", "news_code"):
        if getattr(first, name):
            setattr(second, name, getattr(first, name))
    second.tags = first.tags or second.tags
    return second


def _finish(
    article: Article, page: Page, profile: type[SiteProfile] | None, error_handling: str, warnings: list[str]
) -> None:
    """Fields every path fills the same way: source, canonical URL, and fallbacks for the rest."""
    article.canonical_url = page.canonical_url
    article.source = (profile.NAME if profile else None) or page.site_name or host_of(page.url)
    if not article.published:
        article.published = _guard(
            "published", lambda: _published_in_page(page), None, error_handling, warnings
        )
    if not article.news_code:
        article.news_code = _guard(
            "news_code", lambda: news_code(page.soup.get_text(" ")), None, "suppress", []
        )
    if not article.author:
        article.author = _guard("author", lambda: _generic_author(page), None, error_handling, warnings)
    if not article.tags:
        article.tags = _guard("tags", lambda: _generic_tags(page), [], error_handling, warnings)


def _decode(data: bytes, warnings: list[str]) -> str:
    """Bytes to str by the page's BOM or declared charset, else UTF-8, else detection (one decoder for
    every entry point: :func:`newsmine.web.decode.decode_bytes`)."""
    decoded = decode_bytes(data)
    if decoded.replaced:
        warnings.append(Warnings.W204.format(count=decoded.replaced, encoding=decoded.codec))
    return decoded.text


def _guard_fields(article: Article, limits: Limits, warnings: list[str]) -> None:
    """The size, line and token limits on the text parsing gave (not on the markup it came from)."""
    article.text, cut_text = guard_text(article.text, limits)
    warnings.extend(cut_text)
    for name in ("title", "kicker"):
        value = getattr(article, name)
        if value and len(value) > limits.max_header_chars:
            value, cut = guard_text(value, limits, max_chars=limits.max_header_chars)
            setattr(article, name, value)
            warnings.extend(cut)
    if cut_text and article.lead and not article.text.startswith(article.lead):
        article.lead = article.text.split("\n\n", 1)[0] or None  # the lead is the text's first paragraph


# --------------------------------------------------------------------------------------------------
# boilerplate lines


def _fold(text: str) -> str:
    text = text.replace("ي", "ی").replace("ك", "ک").replace("\u200c", " ").replace("ـ", "")
    return squash(re.sub(r"[:：.!؛،,…|»«\-–—]+\s*$", "", squash(text))).lower()


@lru_cache(maxsize=1)
def _boilerplate() -> tuple[frozenset[str], frozenset[str], tuple[str, ...]]:
    drop: set[str] = set()
    stop: set[str] = set()
    prefix: list[str] = []
    for row in read_rows("boilerplate_lines.txt"):
        line, kind = _fold(row[0]), (row[1].strip() if len(row) > 1 else "drop")
        if kind == "prefix":
            prefix.append(line)
        elif kind == "stop":
            stop.add(line)
        else:
            drop.add(line)
    return frozenset(drop), frozenset(stop), tuple(prefix)


_URL_LINE = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
_COPYRIGHT = re.compile(r"©|&copy;|(?:کلیه|تمامی|همه)\s*(?:ی\s*)?حقوق|حقوق\s.*محفوظ|copyright", re.I)
_SHARE_BAR = re.compile(
    r"^(?:(?:تلگرام|واتساپ|توییتر|فیسبوک|لینکدین|ایتا|بله|سروش|روبیکا|ایمیل|پیامک)\s*){2,}$"
)


def _is_boilerplate(line: str) -> bool:
    folded = _fold(line)
    drop, _, prefixes = _boilerplate()
    if not folded or folded in drop or _URL_LINE.match(line) or _SHARE_BAR.match(folded):
        return True
    words = len(line.split())
    if words <= DATE_LINE_WORDS and any(folded.startswith(p) for p in prefixes):
        return True
    if words <= SHORT_LINE_WORDS:
        if news_code(line) and words <= 5:
            return True
        if _COPYRIGHT.search(line):
            return True
        if parse_date(line) is not None:  # the whole line is a date: the page's date line
            return True
    return False


def clean_body(paragraphs: list[str], title: str | None = None, kicker: str | None = None) -> list[str]:
    """Body paragraphs without page chrome: a "stop" line ends the body, other boilerplate lines are dropped.

    >>> clean_body(["تهران - متن خبر این است.", "دکمه بازگشت به بالا", "نوشته های مشابه", "خبر دیگر"])
    ['تهران - متن خبر این است.']
    """
    _, stop, _ = _boilerplate()
    skip = {_fold(x) for x in (title, kicker) if x}
    out: list[str] = []
    for raw in paragraphs:
        line = squash(raw)
        if not line:
            continue
        folded = _fold(line)
        if folded in stop and out:
            break
        if folded in stop or folded in skip or _is_boilerplate(line):
            continue
        out.append(line)
    # header bits before a dateline paragraph near the top (category, source name) are not body
    for i, line in enumerate(out[:HEADER_SCAN_LINES]):
        if DATELINE.match(line) and len(line.split()) > SHORT_LINE_WORDS:
            if all(len(x.split()) <= SHORT_LINE_WORDS for x in out[:i]):
                out = out[i:]
            break
    return out


# --------------------------------------------------------------------------------------------------
# the generic extractor

_css = soupsieve.compile
_KICKER = _css(
    "[class*=rutitr i], [class*=rotitr i], [class*=uptitle i], [class*=up-title i], [class*=kicker i], "
    "[class*=overtitle i], [class*=pretitle i], [class*=supertitle i], [class*=surtitle i]"
)
_LEAD = _css(
    ":is(p, div, h2, h3, h4, span):is([class*=lead i], [class*=summary i], [class*=introtext i], "
    "[class*=subtitle i], [class*=excerpt i], [class*=teaser i], [class*=chekide i])"
)
_TITLE_HEADINGS = _css(
    "h1, :is(h2, h3):is([class*=title i], [class*=headline i]), "
    ":is([class*=post i], [class*=entry i], article) :is(h2, h3) "
)
_DATE_ELEMENTS = _css(
    ":is([class*=date i], [class*=time i], [class*=publish i], [id*=date i], [class*=tarikh i], "
    "[class*=meta i], time)"
)
_AUTHOR = _css("[rel=author], [class*=author i], [class*=byline i], [itemprop=author]")
_TAG_LINKS = _css("a[rel=tag], [class*=tags i] a, [class*=keyword i] a")
#: a paragraph container: the fallback body when trafilatura finds nothing
_PARAGRAPH = _css("p")
_ZWNJ_IN_HTML = re.compile(r"\u200c|&zwnj;|&#8204;|&#x200c;", re.I)
#: printable characters never seen in Persian news, to stand in for ZWNJ while trafilatura runs
_ZWNJ_STAND_INS = ("\ua66e", "\u2e3b", "\u2bd1", "\u2a74")


def _xml_text(element: Any) -> str:
    """The text of a trafilatura XML element, ``<lb/>`` as a newline."""
    parts = [element.text or ""]
    for child in element:
        parts.append("\n" if child.tag == "lb" else _xml_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


class GenericLayout(Layout):
    """The extractor for sites without a profile: trafilatura plus the Persian header rules."""

    def title(self) -> str | None:
        site = self.page.site_name
        names = (site,) if site else ()
        stated = [
            x
            for x in (
                self.page.meta_first("og:title", "twitter:title"),
                _str(jsonld_value(self.page, "headline")),
                squash(self.page.soup.title.get_text()) if self.page.soup.title else None,
            )
            if x
        ]
        headings = [squash(h.get_text(" ")) for h in _TITLE_HEADINGS.select(self.page.soup)]
        headings = [h for h in dict.fromkeys(headings) if h and h != site and len(h.split()) > 1]
        matching = [h for h in headings if any(h == s or h in s for s in stated)]
        if matching:  # the longest: a logo heading (the site's name) is shorter than the article's title
            return max(matching, key=len)
        if stated:
            return strip_site_suffix(stated[0], names)
        return headings[0] if headings else None

    def _title_element(self) -> Tag | None:
        title = self.title()
        for h in _TITLE_HEADINGS.select(self.page.soup):
            if squash(h.get_text(" ")) == title:
                return h
        return None

    def kicker(self) -> str | None:
        for el in _KICKER.select(self.page.soup):
            text = squash(el.get_text(" "))
            if text and len(text.split()) <= 20:
                return text
        # a short line ending in ":" just before or after the title (the plain-text rule)
        heading = self._title_element()
        if heading is None:
            return None
        near = [
            *heading.find_all_previous(string=True, limit=4),
            *heading.find_all_next(string=True, limit=6),
        ]
        for s in near:
            text = squash(str(s))
            if text.endswith(":") and 1 < len(text.split()) <= 15 and text != self.title():
                return text
        return None

    def lead(self) -> str | None:
        for el in _LEAD.select(self.page.soup):
            text = squash(el.get_text(" "))
            if 6 <= len(text.split()) <= 150 and len(el.find_all("a")) <= 2:
                return text
        return None

    def body(self) -> list[str]:
        import trafilatura
        from lxml import etree

        # trafilatura drops characters it deems unprintable, ZWNJ among them (می‌شود -> میشود): carry each
        # ZWNJ through it as a printable stand-in the page does not contain, and put it back afterwards
        html = self.page.html or str(self.page.soup)
        stand_in = next(c for c in _ZWNJ_STAND_INS if c not in html)
        html = _ZWNJ_IN_HTML.sub(stand_in, html)
        xml = trafilatura.extract(
            html,
            url=self.page.url,
            output_format="xml",
            include_comments=False,
            include_tables=False,
            include_images=False,
            favor_precision=False,
            deduplicate=False,
        )
        paragraphs: list[str] = []
        main = etree.fromstring(xml.encode("utf-8")).find("main") if xml else None
        for el in main.iter("p", "head", "item", "quote", "cell") if main is not None else ():
            if any(a.tag in ("item", "p", "quote") for a in el.iterancestors()):
                continue
            # <lb/> is a <br> in the page: in a run of lines it separates paragraphs (Blogfa writes <br><br>)
            for line in _xml_text(el).split("\n"):
                line = squash(line.replace(stand_in, "\u200c"))
                if line:
                    paragraphs.append(line)
        if paragraphs:
            return paragraphs
        return self._densest_block()

    def _densest_block(self) -> list[str]:
        """The element whose ``<p>`` children hold the most text (used when trafilatura finds nothing)."""
        scores: dict[int, tuple[int, Tag]] = {}
        for p in _PARAGRAPH.select(self.page.soup):
            parent = p.parent
            if isinstance(parent, Tag):
                n = len(squash(p.get_text(" ")))
                score, _ = scores.get(id(parent), (0, parent))
                scores[id(parent)] = (score + n, parent)
        if not scores:
            return []
        _, best = max(scores.values(), key=lambda x: x[0])
        return block_texts(best)

    def published(self) -> str | None:
        return published_from_metadata(self.page) or _published_in_page(self.page)

    def author(self) -> str | None:
        return _generic_author(self.page)

    def tags(self) -> list[str]:
        return _generic_tags(self.page)

    def news_code(self) -> str | None:
        return news_code(self.page.soup.get_text(" "))


def _str(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    return squash(value) if isinstance(value, str) else None


def _published_in_page(page: Page) -> str | None:
    """A Persian (or numeric) date the page prints, looked for nearest the article first.

    In order: short lines just after the title heading (where the date line sits), date-like elements
    (class date/time/publish...), short lines just before the title, then any short line of the page. A
    header's "today" date and the dates of a sidebar's news come after these.
    """
    title = page.soup.find("h1") or next(iter(_TITLE_HEADINGS.select(page.soup)), None)
    after = title.find_all_next(string=True, limit=60) if title is not None else []
    before = title.find_all_previous(string=True, limit=20) if title is not None else []
    dated = [squash(el.get_text(" ")) for el in _DATE_ELEMENTS.select(page.soup)]
    body = page.soup.body or page.soup
    for group in (
        [squash(str(s)) for s in after if not isinstance(s, Comment)],
        dated,
        [squash(str(s)) for s in before if not isinstance(s, Comment)],
        block_texts(body),
    ):
        for text in group:
            if text and len(text.split()) <= DATE_LINE_WORDS:
                iso = iso_date(text)
                if iso:
                    return iso
    return None


def _generic_author(page: Page) -> str | None:
    site = page.site_name
    value = jsonld_value(page, "author")
    candidates: list[str | None] = [page.meta_first("author", "article:author", "dc.creator")]
    if isinstance(value, list):
        value = value[0] if value else None
    candidates.append(value.get("name") if isinstance(value, dict) else _str(value))
    candidates += [squash(el.get_text(" ")) for el in _AUTHOR.select(page.soup)]
    for raw in candidates:
        name = clean_byline(raw)
        if name and name != site and len(name.split()) <= 6 and not name.startswith("http"):
            return name
    return None


def _generic_tags(page: Page) -> list[str]:
    tags = list(page.meta.get("article:tag", []))
    keywords = jsonld_value(page, "keywords")
    if not tags and isinstance(keywords, list):
        tags = [squash(str(k)) for k in keywords]
    elif not tags and isinstance(keywords, str):
        tags = [squash(k) for k in re.split(r"[,،]", keywords)]
    if not tags:
        tags = [squash(a.get_text(" ")).lstrip("#").strip() for a in _TAG_LINKS.select(page.soup)]
    if not tags:
        meta = page.meta_first("news_keywords", "keywords") or ""
        tags = [squash(k) for k in re.split(r"[,،]", meta)]
    return [t for t in dict.fromkeys(tags) if t and len(t.split()) <= 8]


def word_f1(got: str, want: str) -> float:
    """Bag-of-words F1 of an extracted body against the expected one (punctuation stripped); for quality checks.

    >>> word_f1("وزیر کار گفت.", "وزیر کار گفت")
    1.0
    """
    tokens = [Counter(w for w in (t.strip(".,،:؛«»()!؟?\"'") for t in s.split()) if w) for s in (got, want)]
    overlap = sum((tokens[0] & tokens[1]).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(tokens[0].values()), overlap / sum(tokens[1].values())
    return 2 * precision * recall / (precision + recall)
