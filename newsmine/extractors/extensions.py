"""The spaCy extension attributes newsmine sets, registered once, here, for the whole process.

- ``Span._.value``: the parsed object behind a span (a ``Number`` for doc.spans["numbers"], a
  ``ParsedDate`` for doc.spans["dates"]).
- ``Span._.char_span``: ``(start, end)`` as the finder reported it, in characters of ``doc.text``
  (the Span itself is widened to whole tokens).
- ``Doc._.published``: the article's publication date (a ``datetime.date`` or None), the reference that
  relative dates and dates without a year resolve against.
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


register()
