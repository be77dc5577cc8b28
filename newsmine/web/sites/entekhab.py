"""Entekhab (انتخاب), entekhab.ir: the ``news_*`` CMS.

Article pages: ``/fa/news/<id>/<slug>``; روتیتر ``.rutitr``; lead ``.subtitle``; body ``.body``; the date
and the news code in the ``.news_nav`` bar.
"""

from __future__ import annotations

from newsmine.web.sites.base import SiteProfile
from newsmine.web.sites.families import NewsUnderscoreLayout


class V1(NewsUnderscoreLayout):
    pass


class Entekhab(SiteProfile):
    NAME = "انتخاب"
    HOSTS = ("entekhab.ir",)
    SIGNALS = ("پایگاه خبری تحلیلی انتخاب", "Entekhab")
    LAYOUTS = (V1,)
