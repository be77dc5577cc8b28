"""Tabnak (تابناک), tabnak.ir: the ``news_*`` CMS.

Article pages: ``/fa/news/<id>/<slug>``; روتیتر ``.rutitr``; lead ``.subtitle``; body ``.body``;
date ``.news_pdate_c``; news code ``.news_id_c``; tags ``.tags_title a``.
"""

from __future__ import annotations

from newsmine.web.sites.base import SiteProfile
from newsmine.web.sites.families import NewsUnderscoreLayout


class V1(NewsUnderscoreLayout):
    pass


class Tabnak(SiteProfile):
    NAME = "تابناک"
    HOSTS = ("tabnak.ir",)
    SIGNALS = ("تابناک", "Tabnak")
    LAYOUTS = (V1,)
