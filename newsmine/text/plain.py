"""Plain text -> Article: the header lines of a news copy (title, روتیتر, date line), then the body.

Text copied from a news page starts with a few short lines before the body:

    ۲۰ هزار میز خدمت عمومی در سطح کشور برگزار شد          <- title (repeated copies are dropped)
    رئیس سازمان بسیج ادارات کشور:                           <- kicker (روتیتر): a short line ending in ":"
    شنبه 21 بهمن 1402 - 10:12:05                           <- a line that is only a date: publication time
    مشهد ـ رئیس سازمان بسیج ادارات کشور گفت: ...             <- body, opened by the dateline "مشهد ـ"

The body starts at the first line that opens with a dateline ("مشهد ـ", "عصر قم -", "تهران- ") or, failing
that, at the first long line ending in a full stop. ``text`` is the body exactly as written, dateline included;
the lead (لید) is its first paragraph.

>>> art = parse_text("عنوان خبر\\nروتیتر خبر:\\n\\nتهران ـ وزیر گفت: بله. این مهم است.\\n\\nبند دوم.")
>>> art.title, art.kicker, art.dateline, art.lead
('عنوان خبر', 'روتیتر خبر:', 'تهران', 'تهران ـ وزیر گفت: بله. این مهم است.')
>>> art.text
'تهران ـ وزیر گفت: بله. این مهم است.\\n\\nبند دوم.'
"""

from __future__ import annotations

import re

from newsmine.errors import Warnings
from newsmine.schema import Article

__all__ = ["parse_text"]

#: a dateline: one to three words, then a dash (ـ - – —) with a space after it, at the start of a line
DATELINE = re.compile(r"^(?P<place>[^\s:،.«»\-ـ–—]+(?: [^\s:،.«»\-ـ–—]+){0,2}) ?[ـ\-–—] +(?=\S)")
HEADER_MAX_LINES = 8
KICKER_MAX_WORDS = 15
LONG_LINE_WORDS = 20


def _is_body_start(line: str) -> bool:
    if DATELINE.match(line):
        return True
    return len(line.split()) >= LONG_LINE_WORDS and line.rstrip()[-1:] in ".!؟?"


def parse_text(text: str, url: str | None = None) -> Article:
    """Split a plain-text news copy into an Article (fields not normalized yet)."""
    warnings: list[str] = []
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    if not lines:
        return Article(text="", url=url)  # newsmine.extract says it is empty (W001)

    body_at = next(
        (i for i, (_, line) in enumerate(lines[:HEADER_MAX_LINES]) if _is_body_start(line.strip())), None
    )
    if body_at is None:
        # no recognizable body start: a one-line header (the title) if there is more than one line
        body_at = 1 if len(lines) > 1 and len(lines[0][1].split()) < LONG_LINE_WORDS else 0
        if body_at == 0:
            warnings.append(Warnings.W009)

    header: list[str] = []
    for _, line in lines[:body_at]:
        line = line.strip()
        if line not in header:
            header.append(line)

    kicker = published = None
    rest: list[str] = []
    for line in header:
        if kicker is None and line.endswith(":") and len(line.split()) <= KICKER_MAX_WORDS:
            kicker = line
        elif published is None and _date_line(line):
            published = line
        else:
            rest.append(line)

    body_start = lines[body_at][0]
    body = text[body_start:].rstrip()
    first = lines[body_at][1].strip()
    m = DATELINE.match(first)
    dateline = m.group("place") if m else None
    source = next((line for line in rest if dateline and line == dateline), None)
    candidates = [line for line in rest if line != source]
    title = max(candidates, key=lambda s: len(s.split()), default=None)
    return Article(
        text=body,
        title=title,
        kicker=kicker,
        lead=first,
        dateline=dateline,
        published=published,
        url=url,
        source=source,
        warnings=warnings,
    )


def _date_line(line: str) -> bool:
    """True when the whole line is a date (the copy's publication date and time)."""
    from newsmine.text.dates import parse_date

    return parse_date(line) is not None
