"""Mehr News Agency (خبرگزاری مهر), mehrnews.com: Nasim CMS.

Article pages: ``/news/<id>/<slug>``. روتیتر in ``p.uptitle`` above ``h1.title``; lead ``p.summary``; the
body ``div.item-text`` ends with related-news boxes that are dropped; the news code sits in ``.item-code``
("کد خبر 6012345"); the date in ``.item-date`` ("۲۱ بهمن ۱۴۰۲، ۱۰:۱۲") and ``article:published_time``.
"""

from __future__ import annotations

from newsmine.web.sites.base import SiteProfile, css
from newsmine.web.sites.families import NasimLayout


class V1(NasimLayout):
    KICKER = css(".item-title p.uptitle, .item-title .uptitle, .uptitle")
    BODY_DROP = css(NasimLayout.BODY_DROP_CSS + ", .box-related-news, .rel-news")
    AUTHOR = css(".item-author .author-name, .item-author")


class Mehr(SiteProfile):
    NAME = "خبرگزاری مهر"
    HOSTS = ("mehrnews.com",)
    SIGNALS = ("خبرگزاری مهر", "Mehr News")
    LAYOUTS = (V1,)
