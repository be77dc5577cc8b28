"""IRNA, Islamic Republic News Agency (خبرگزاری جمهوری اسلامی، ایرنا), irna.ir: Nasim CMS.

Article pages: ``/news/<id>/<slug>``. The body opens with the dateline "تهران- ایرنا-"; روتیتر in
``h3.uptitle``; lead ``p.summary.introtext``; news code in ``.item-code`` / the share bar.
"""

from __future__ import annotations

from newsmine.web.sites.base import SiteProfile, css
from newsmine.web.sites.families import NasimLayout


class V1(NasimLayout):
    KICKER = css(".item-title h3.uptitle, .uptitle")
    NEWS_CODE = css(".item-code, .short-link .item-code, .news-code")


class Irna(SiteProfile):
    NAME = "ایرنا"
    HOSTS = ("irna.ir",)
    SIGNALS = ("ایرنا", "IRNA", "خبرگزاری جمهوری اسلامی")
    LAYOUTS = (V1,)
