"""Site profiles: one module per news site, and the registry that picks one for a page.

:func:`profile_for` chooses by the URL's host; without a URL (or for an unknown host) by what the page says
about itself: the host of its canonical URL / ``og:url``, then its ``og:site_name``. Pages of other sites
go to the generic extractor in :mod:`newsmine.web.article`.

>>> profile_for("https://www.mehrnews.com/news/6012345/x").NAME
'خبرگزاری مهر'
>>> profile_for("https://example.ir/a") is None
True
>>> sorted(p.HOSTS[0] for p in PROFILES)[:3]
['entekhab.ir', 'farsnews.ir', 'hamshahrionline.ir']

To add a site: write ``newsmine/web/sites/<site>.py`` with a ``SiteProfile`` subclass and its layouts (see
:mod:`newsmine.web.sites.base`), add it to ``PROFILES``, and save a page and its expected JSON under
``tests/fixtures/sites/<site>/`` (``python tests/fixtures/sites/update_golden.py --update`` writes the JSON).
"""

from __future__ import annotations

from newsmine.web.sites.base import Layout, SiteProfile
from newsmine.web.sites.entekhab import Entekhab
from newsmine.web.sites.farsnews import Fars
from newsmine.web.sites.hamshahrionline import Hamshahri
from newsmine.web.sites.irna import Irna
from newsmine.web.sites.isna import Isna
from newsmine.web.sites.khabaronline import KhabarOnline
from newsmine.web.sites.mehrnews import Mehr
from newsmine.web.sites.tabnak import Tabnak
from newsmine.web.sites.tasnimnews import Tasnim
from newsmine.web.sites.util import Page, host_of
from newsmine.web.sites.yjc import Yjc

__all__ = ["PROFILES", "Layout", "SiteProfile", "profile_for"]

#: every site profile newsmine ships
PROFILES: tuple[type[SiteProfile], ...] = (
    Mehr,
    Irna,
    Isna,
    Tasnim,
    Fars,
    Hamshahri,
    KhabarOnline,
    Yjc,
    Entekhab,
    Tabnak,
)


def profile_for(url: str | None, page: Page | None = None) -> type[SiteProfile] | None:
    """The profile for a page: by URL host, else by the page's canonical host or og:site_name; else None."""
    for host in (host_of(url), host_of(page.canonical_url) if page is not None else None):
        for profile in PROFILES:
            if profile.matches_host(host):
                return profile
    if page is not None and not host_of(url):
        name = page.meta_first("og:site_name", "application-name") or ""
        for profile in PROFILES:
            if name and any(signal in name for signal in profile.SIGNALS):
                return profile
    return None
