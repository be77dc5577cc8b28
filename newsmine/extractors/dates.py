"""``newsmine_dates``: Jalali (and Gregorian) dates in the text, in ``doc.spans["dates"]``.

Each span's ``._.value`` is a :class:`newsmine.text.dates.ParsedDate`. Dates without a year and relative
words (امروز، امسال) resolve against ``doc._.published`` when the caller set it.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from newsmine.extractors.base import Found, SpanFinder
from newsmine.lang.docs import text as doc_text
from newsmine.text.dates import find_dates


class DateFinder(SpanFinder):
    """Writes ``doc.spans[spans_key]`` from :func:`newsmine.text.dates.find_dates`."""

    value_attr = "date"

    def find(self, doc: Doc) -> Iterable[Found]:
        return find_dates(doc_text(doc), ref=doc._.published)


@Language.factory("newsmine_dates", default_config={"spans_key": "dates"}, assigns=["doc.spans"])
def make_date_finder(nlp: Language, name: str, spans_key: str) -> DateFinder:
    return DateFinder(spans_key)
