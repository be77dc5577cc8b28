"""Layouts shared by several sites that run the same content management system.

Many Iranian news sites run one of two CMS families, and their article pages share class names:

* the "Nasim" family (Mehr, IRNA, ISNA, Khabar Online, Hamshahri Online): ``h1.title`` inside
  ``.item-title``, the روتیتر in ``.uptitle``, the lead in ``p.summary.introtext``, the body in
  ``div.item-text`` (itemprop articleBody), the date in ``.item-date``, tags in ``section.tags``, the news
  code in ``.item-code`` / the ``.item-nav`` bar; ``article:published_time`` and NewsArticle JSON-LD in
  the head.
* the "news_*" family (YJC, Tabnak, Entekhab, the Asr Iran group): ``.news_title h1``, روتیتر in
  ``.rutitr``, lead in ``.subtitle``, body in ``div.body`` (often ``#docDiv3`` / ``.news_body_con``),
  ``.news_pdate_c`` ("تاریخ انتشار: ...") and ``.news_id_c`` ("کد خبر: ...").

The selectors were written from the markup these sites are known to publish (no live page was fetched);
each site module narrows or extends them. Alternatives in a selector (``a, b``) cover small variations
between sites of one family.
"""

from __future__ import annotations

from newsmine.web.sites.base import Layout, css

__all__ = ["NasimLayout", "NewsUnderscoreLayout"]

_COMMON_DROP = (
    ".related, .related-news, .box-related, .share, .share-box, .social, .ads, .adv, .banner, "
    "figure figcaption, .caption, .item-nav, script, style"
)


class NasimLayout(Layout):
    """Nasim CMS article page (Mehr, IRNA, ISNA, Khabar Online, Hamshahri)."""

    TITLE = css(".item-title h1.title, h1.title, h1[itemprop=headline]")
    KICKER = css(".item-title .uptitle, .uptitle, .rutitr")
    LEAD = css(".item-summary p.summary, p.summary.introtext, p.introtext, p.summary")
    BODY = css("div.item-text[itemprop=articleBody], div.item-text, div[itemprop=articleBody]")
    BODY_DROP_CSS = _COMMON_DROP
    BODY_DROP = css(BODY_DROP_CSS)
    DATE = css(".item-date span, .item-date, time")
    AUTHOR = css(".item-author [itemprop=name], .item-author, [rel=author]")
    TAGS = css("section.tags li a, .box.tags li a, .tags a[rel=tag]")
    NEWS_CODE = css(".item-code, .item-nav .item-code, .news-code")


class NewsUnderscoreLayout(Layout):
    """The ``news_*`` CMS article page (YJC, Tabnak, Entekhab)."""

    TITLE = css(".news_title h1, h1.Htag, .title h1, h1.title")
    KICKER = css(".rutitr, .news_rutitr, .roo_title")
    LEAD = css(".subtitle, .news_subtitle, .lead")
    BODY = css("#docDiv3 .body, .news_body_con .body, div.body, div.news_body")
    BODY_DROP_CSS = _COMMON_DROP + ", .news_album_main_part, .inline_news"
    BODY_DROP = css(BODY_DROP_CSS)
    DATE = css(".news_pdate_c, .news_nav .news_pdate_c, .date_news, .news_date")
    AUTHOR = css(".news_author, .author")
    TAGS = css(".tags_container a.tag_items, .tags_title a, .news_tags a")
    NEWS_CODE = css(".news_id_c, .news_code")
