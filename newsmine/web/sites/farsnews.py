"""Fars News Agency (خبرگزاری فارس), farsnews.ir. Two layouts.

* ``V1`` (until the 1402 redesign, here 2023-03-21): ``h1.title``, روتیتر ``.kotitle``/``.subtitle``,
  lead ``p.lead``, body ``div.nt-body``, date ``.publish-time``, news code ``.news-code``.
* ``V2`` (from 2023-03-21): the rebuilt site: ``h1.news-title``, روتیتر ``.news-uptitle``, lead
  ``.news-lead``, body ``div.news-content``, date ``.news-date``, tags ``.news-tags a``.

Both carry ``article:published_time`` and NewsArticle JSON-LD, which :meth:`Layout.published` prefers.
"""

from __future__ import annotations

from datetime import date

from newsmine.web.sites.base import Layout, SiteProfile, css


class V1(Layout):
    VALID_UNTIL = date(2023, 3, 21)
    TITLE = css("h1.title, .nt-head h1")
    KICKER = css(".kotitle, .nt-head .subtitle")
    LEAD = css("p.lead, .nt-head .lead")
    BODY = css("div.nt-body, div.news-text")
    BODY_DROP = css(".related, .share, .ads, figure figcaption, .nt-body .more")
    DATE = css(".publish-time, .nt-head .date")
    AUTHOR = css(".nt-author, .author")
    TAGS = css(".tags a, .nt-tags a")
    NEWS_CODE = css(".news-code, .nt-code")


class V2(Layout):
    TITLE = css("h1.news-title, h1.title")
    KICKER = css(".news-uptitle, .uptitle")
    LEAD = css(".news-lead, p.lead")
    BODY = css("div.news-content, div[itemprop=articleBody]")
    BODY_DROP = css(".related, .news-related, .share, .ads, figure figcaption")
    DATE = css(".news-date, time")
    AUTHOR = css(".news-author, .author")
    TAGS = css(".news-tags a, .tags a")
    NEWS_CODE = css(".news-code")


class Fars(SiteProfile):
    NAME = "خبرگزاری فارس"
    HOSTS = ("farsnews.ir", "farsnews.com")
    SIGNALS = ("خبرگزاری فارس", "Fars News")
    LAYOUTS = (V1, V2)
