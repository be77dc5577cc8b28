"""The shape of a site profile: a :class:`SiteProfile` names a site and lists its :class:`Layout` versions.

A layout is one version of a site's article page: precompiled selectors as class attributes and one typed
method per attribute (``title()``, ``kicker()``, ``lead()``, ``body()``, ``published()``, ``author()``,
``tags()``, ``news_code()``). The base methods read the selectors and fall back to the page metadata, so a
site module mostly sets selectors and overrides only what its pages do differently.

When a site changed its markup, the old layout gets ``VALID_UNTIL`` (the first day it no longer applies)
and a new class follows it; :meth:`SiteProfile.layouts_for` orders them by the article's date, so an
archived page from 2019 is read with the layout it was written in.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from soupsieve import SoupSieve

from newsmine.web.sites import util
from newsmine.web.sites.util import Page, compile_css

__all__ = ["Layout", "SiteProfile", "css"]

css = compile_css


class Layout:
    """One version of a site's article layout. Selectors are compiled once, when the module is imported."""

    #: the first day this layout no longer applies (None: still current)
    VALID_UNTIL: ClassVar[date | None] = None
    TITLE: ClassVar[SoupSieve | None] = css("h1")
    KICKER: ClassVar[SoupSieve | None] = None
    LEAD: ClassVar[SoupSieve | None] = None
    BODY: ClassVar[SoupSieve | None] = None
    #: inside the body: boxes that are not article text (related news, ads, share bars, image captions)
    BODY_DROP: ClassVar[SoupSieve | None] = None
    DATE: ClassVar[SoupSieve | None] = None
    AUTHOR: ClassVar[SoupSieve | None] = None
    TAGS: ClassVar[SoupSieve | None] = None
    NEWS_CODE: ClassVar[SoupSieve | None] = None

    def __init__(self, page: Page, profile: type[SiteProfile]) -> None:
        self.page = page
        self.profile = profile

    def title(self) -> str | None:
        return util.first_text(self.page, self.TITLE) or util.strip_site_suffix(
            self.page.meta_first("og:title", "twitter:title"), self.profile.SIGNALS
        )

    def kicker(self) -> str | None:
        return util.first_text(self.page, self.KICKER)

    def lead(self) -> str | None:
        return util.first_text(self.page, self.LEAD)

    def body(self) -> list[str]:
        """The body paragraphs, in order, without the boxes ``BODY_DROP`` names."""
        element = self.page.select_one(self.BODY)
        return util.block_texts(element, self.BODY_DROP) if element is not None else []

    def published(self) -> str | None:
        """Metadata first (meta tags, JSON-LD, ``<time>``), then the date the page prints."""
        found = util.published_from_metadata(self.page)
        if found:
            return found
        for text in util.texts(self.page, self.DATE):
            iso = util.iso_date(text)
            if iso:
                return iso
        return None

    def author(self) -> str | None:
        for text in util.texts(self.page, self.AUTHOR):
            name = util.clean_byline(text)
            if name:
                return name
        return None

    def tags(self) -> list[str]:
        out: list[str] = []
        for text in util.texts(self.page, self.TAGS):
            text = text.lstrip("#").strip()
            if text and text not in out:
                out.append(text)
        return out

    def news_code(self) -> str | None:
        for text in util.texts(self.page, self.NEWS_CODE):
            code = util.news_code(text) or util.news_code("کد خبر: " + text)
            if code:
                return code
        return None


class SiteProfile:
    """A news site: its name (the Article's ``source``), hosts, page signals and layout versions."""

    #: the publisher's name as it signs its news
    NAME: ClassVar[str] = ""
    #: hosts this profile reads (subdomains included): ("mehrnews.com",)
    HOSTS: ClassVar[tuple[str, ...]] = ()
    #: substrings of og:site_name / <title> that identify the site when no URL is given
    SIGNALS: ClassVar[tuple[str, ...]] = ()
    #: layouts, oldest first; all but the last have VALID_UNTIL
    LAYOUTS: ClassVar[tuple[type[Layout], ...]] = ()

    @classmethod
    def matches_host(cls, host: str | None) -> bool:
        return bool(host) and any(host == h or host.endswith("." + h) for h in cls.HOSTS)

    @classmethod
    def layouts_for(cls, published: str | None) -> list[type[Layout]]:
        """The layouts to try, the one for the article's date first (the newest when the date is unknown)."""
        layouts = list(cls.LAYOUTS)
        day = _day(published)
        if day is None:
            return layouts[::-1]
        best = next((lay for lay in layouts if lay.VALID_UNTIL is None or day < lay.VALID_UNTIL), layouts[-1])
        return [best] + [lay for lay in layouts[::-1] if lay is not best]


def _day(iso: str | None) -> date | None:
    if not iso:
        return None
    try:
        return date.fromisoformat(iso[:10])
    except ValueError:
        return None
