"""Khabar Online (خبرآنلاین), khabaronline.ir: Nasim CMS.

Article pages: ``/news/<id>/<slug>``; روتیتر in ``.uptitle``; lead ``p.summary.introtext``; body
``div.item-text``; the author, when named, in ``.item-author``.
"""

from __future__ import annotations

from newsmine.web.sites.base import SiteProfile
from newsmine.web.sites.families import NasimLayout


class V1(NasimLayout):
    pass


class KhabarOnline(SiteProfile):
    NAME = "خبرآنلاین"
    HOSTS = ("khabaronline.ir",)
    SIGNALS = ("خبرآنلاین", "Khabaronline", "خبر آنلاین")
    LAYOUTS = (V1,)
