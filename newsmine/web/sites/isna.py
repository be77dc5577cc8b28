"""ISNA, Iranian Students' News Agency (خبرگزاری دانشجویان ایران، ایسنا), isna.ir: Nasim CMS.

Article pages: ``/news/<13-digit id>/<slug>``; the id is also printed as "کد خبر: 1402112100123" in
``.item-code``. روتیتر in ``span.uptitle``; lead ``p.summary``; body ``div.item-text``.
"""

from __future__ import annotations

from newsmine.web.sites.base import SiteProfile, css
from newsmine.web.sites.families import NasimLayout


class V1(NasimLayout):
    KICKER = css(".item-title span.uptitle, .uptitle")
    DATE = css(".meta-news li .text-meta, .item-date span, .item-date")


class Isna(SiteProfile):
    NAME = "ایسنا"
    HOSTS = ("isna.ir",)
    SIGNALS = ("ایسنا", "ISNA", "خبرگزاری دانشجویان ایران")
    LAYOUTS = (V1,)
