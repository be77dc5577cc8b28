"""The spaCy extension attributes newsmine sets, registered once, here, for the whole process.

- ``Span._.value``: the parsed object behind a span (kept per span label, so that two groups' spans over
  the same characters keep their own) (a ``Number`` for doc.spans["numbers"], a
  ``ParsedDate`` for doc.spans["dates"]).
- ``Span._.char_span``: ``(start, end)`` as the finder reported it, in characters of ``doc.text``
  (the Span itself is widened to whole tokens).
- ``Doc._.published``: the article's publication date (a ``datetime.date`` or None), the reference that
  relative dates and dates without a year resolve against.
- ``Doc._.header``: the normalized title and kicker (روتیتر), one a line, or None. They are not part of
  ``doc.text`` (spans index the body), but a title given only there ("رئیس سازمان بسیج ادارات کشور:")
  belongs to the person the body names.
- ``Doc._.people``, ``Doc._.quotes``, ``Doc._.claims``, ``Doc._.events``: the record-level results of the
  officials, quotes, claims and events components, as ``newsmine.schema`` objects (Person, Quote, Claim,
  Event) with character spans into ``doc.text``; each component writes its own, later ones read earlier ones.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc, Span


def _span_attr(name: str) -> tuple[Callable[[Span], Any], Callable[[Span, Any], None]]:
    """Getter and setter of a Span attribute stored per (label, start, end) in ``doc.user_data``.

    spaCy keys a Span's ``._`` values by character offsets alone, so a number span and a location span
    over the same text ("1377") would share one ``._.value``; each span group has its own label (NUMBERS,
    DATES, ORG, LOC, FAC, PER), and the label is part of the key here.
    """

    def get(span: Span) -> Any:
        return span.doc.user_data.get(("newsmine", name, span.label_, span.start_char, span.end_char))

    def set_(span: Span, value: Any) -> None:
        span.doc.user_data[("newsmine", name, span.label_, span.start_char, span.end_char)] = value

    return get, set_


def register() -> None:
    """Register the extensions if they are not there yet (safe to call many times)."""
    for name in ("value", "char_span"):
        if not Span.has_extension(name):
            getter, setter = _span_attr(name)
            Span.set_extension(name, getter=getter, setter=setter)
    if not Doc.has_extension("published"):
        Doc.set_extension("published", default=None)
    if not Doc.has_extension("header"):
        Doc.set_extension("header", default=None)
    for name in ("people", "quotes", "claims", "events"):
        if not Doc.has_extension(name):
            # a getter-free default list would be shared by every Doc: each Doc gets its own on first write
            Doc.set_extension(name, default=None)


register()
