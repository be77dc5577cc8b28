"""Tasnim News Agency (خبرگزاری تسنیم), tasnimnews.com.

Article pages: ``/fa/news/1402/11/21/3012345/<slug>``: the path carries the Jalali date and the news code.
``article.single-news``: روتیتر in ``h3.subtitle`` (above the title), ``h1.title``, lead ``h3.lead``, body
``div.story`` (itemprop articleBody), the date in ``ul.details li.time`` ("۱۴۰۲/۱۱/۲۱ - ۱۰:۱۲"), tags in
``.smart-keyword a``.
"""

from __future__ import annotations

import re

from newsmine.web.sites.base import Layout, SiteProfile, css

_CODE_IN_URL = re.compile(r"/news/\d{4}/\d{2}/\d{2}/(\d+)")


class V1(Layout):
    TITLE = css("article.single-news h1.title, h1.title")
    KICKER = css("article.single-news h3.subtitle, .subtitle")
    LEAD = css("article.single-news h3.lead, .lead")
    BODY = css("div.story[itemprop=articleBody], div.story")
    BODY_DROP = css(".related, .share, .news-link, figure figcaption, .ads")
    DATE = css("ul.details li.time, .details .time")
    AUTHOR = css("ul.details li.author, .author")
    TAGS = css(".smart-keyword a, .tags a")
    NEWS_CODE = css(".news-code, ul.details li.code")

    def news_code(self) -> str | None:
        code = super().news_code()
        if code:
            return code
        for url in (self.page.url, self.page.canonical_url):
            m = _CODE_IN_URL.search(url or "")
            if m:
                return m.group(1)
        return None


class Tasnim(SiteProfile):
    NAME = "خبرگزاری تسنیم"
    HOSTS = ("tasnimnews.com",)
    SIGNALS = ("خبرگزاری تسنیم", "Tasnim")
    LAYOUTS = (V1,)
