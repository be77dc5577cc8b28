"""Young Journalists Club (باشگاه خبرنگاران جوان), yjc.ir: the ``news_*`` CMS.

Article pages: ``/fa/news/<id>/<slug>``; روتیتر ``.rutitr``; lead ``.subtitle``; body ``#docDiv3 .body``;
"تاریخ انتشار: ..." in ``.news_pdate_c`` and "کد خبر: ..." in ``.news_id_c``.
"""

from __future__ import annotations

from newsmine.web.sites.base import SiteProfile
from newsmine.web.sites.families import NewsUnderscoreLayout


class V1(NewsUnderscoreLayout):
    pass


class Yjc(SiteProfile):
    NAME = "باشگاه خبرنگاران جوان"
    HOSTS = ("yjc.ir", "yjc.news")
    SIGNALS = ("باشگاه خبرنگاران جوان", "YJC")
    LAYOUTS = (V1,)
