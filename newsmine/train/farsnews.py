"""Reader of the Fars News articles (``../shared/corpora/farsnews``), the material of the dev gold set.

Each JSON file is a list of ``{title, abstract, paragraphs[], cat, subcat, tags[], link}``. The news id in
the link encodes the Jalali publication day: ``8707060255`` is 1387/07/06 (old form, ``YYMMDD`` after a
13 century), ``13930819001318`` is 1393/08/19 (new form, ``YYYYMMDD``).

>>> jalali_from_id("8707060255"), jalali_from_id("13930819001318"), jalali_from_id("x")
('1387-07-06', '1393-08-19', None)
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = ["FarsArticle", "jalali_from_id", "read_farsnews"]

_ID = re.compile(r"/news/(\d{10,14})")


@dataclass
class FarsArticle:
    id: str
    title: str
    lead: str
    text: str
    category: str
    link: str

    @property
    def published_jalali(self) -> str | None:
        return jalali_from_id(self.id)

    def as_input(self) -> dict[str, str | None]:
        """The article as ``newsmine.extract`` takes it (title, lead and body; the day from the news id)."""
        return {
            "text": self.text,
            "title": self.title,
            "lead": self.lead,
            "url": self.link,
            "source": "خبرگزاری فارس",
            "published": _published(self.id),
        }


def jalali_from_id(news_id: str) -> str | None:
    """The Jalali day a Fars News id encodes, as ``YYYY-MM-DD`` (None for an id of another form)."""
    if re.fullmatch(r"\d{10}", news_id):
        y, m, d = 1300 + int(news_id[:2]), int(news_id[2:4]), int(news_id[4:6])
    elif re.fullmatch(r"\d{14}", news_id):
        y, m, d = int(news_id[:4]), int(news_id[4:6]), int(news_id[6:8])
    else:
        return None
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def _published(news_id: str) -> str | None:
    jalali = jalali_from_id(news_id)
    if jalali is None:
        return None
    import jdatetime

    y, m, d = (int(x) for x in jalali.split("-"))
    try:
        return jdatetime.date(y, m, d).togregorian().isoformat()
    except ValueError:
        return None


def read_farsnews(directory: str | Path) -> Iterator[FarsArticle]:
    """Every article of ``fars-news-*.json`` under ``directory``, in file order, the first of duplicate ids."""
    seen: set[str] = set()
    for path in sorted(Path(directory).glob("fars-news-*.json")):
        for item in json.loads(path.read_text(encoding="utf-8")):
            m = _ID.search(item.get("link", ""))
            if not m or m.group(1) in seen:
                continue
            seen.add(m.group(1))
            yield FarsArticle(
                id=m.group(1),
                title=(item.get("title") or "").strip(),
                lead=(item.get("abstract") or "").strip(),
                text="\n".join(p.strip() for p in item.get("paragraphs") or [] if p and p.strip()),
                category=item.get("cat") or "",
                link=item.get("link", ""),
            )
