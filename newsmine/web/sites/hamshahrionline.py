"""Hamshahri Online (همشهری آنلاین), hamshahrionline.ir: Nasim CMS.

Article pages: ``/news/<id>/<slug>``; روتیتر in ``.uptitle``; lead ``p.introtext``; body ``div.item-text``
with inline "بیشتر بخوانید" (read more) boxes that are dropped.
"""

from __future__ import annotations

from newsmine.web.sites.base import SiteProfile, css
from newsmine.web.sites.families import NasimLayout


class V1(NasimLayout):
    BODY_DROP = css(NasimLayout.BODY_DROP_CSS + ", .read-more, .more-news, .box-read-more")


class Hamshahri(SiteProfile):
    NAME = "همشهری آنلاین"
    HOSTS = ("hamshahrionline.ir",)
    SIGNALS = ("همشهری آنلاین", "Hamshahri Online")
    LAYOUTS = (V1,)
