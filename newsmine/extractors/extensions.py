"""The spaCy extension attributes newsmine sets, registered once, here, for the whole process.

- ``Span._.value``: the parsed object behind a span (a ``Number`` for doc.spans["numbers"], a
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

from spacy.tokens import Doc, Span


def register() -> None:
    """Register the extensions if they are not there yet (safe to call many times)."""
    if not Span.has_extension("value"):
        Span.set_extension("value", default=None)
    if not Span.has_extension("char_span"):
        Span.set_extension("char_span", default=None)
    if not Doc.has_extension("published"):
        Doc.set_extension("published", default=None)
    if not Doc.has_extension("header"):
        Doc.set_extension("header", default=None)
    for name in ("people", "quotes", "claims", "events"):
        if not Doc.has_extension(name):
            # a getter-free default list would be shared by every Doc: each Doc gets its own on first write
            Doc.set_extension(name, default=None)


register()
