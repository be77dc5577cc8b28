"""The spaCy extension attributes newsmine sets, registered once, here, for the whole process.

- ``Span._.value``: the parsed object behind a span (kept per span label, so that two groups' spans over
  the same characters keep their own) (a ``Number`` for doc.spans["numbers"], a
  ``ParsedDate`` for doc.spans["dates"]).
- ``Span._.char_span``: ``(start, end)`` as the finder reported it, in characters of ``doc.text``
  (the Span itself is widened to whole tokens).
- ``Doc._.field``: which text of the article the Doc is: "title", "kicker" or "body" (the default). An
  article goes through the pipeline as one Doc per text; every mention a component makes says its Doc's
  field, and ``newsmine.assemble`` joins the Docs into one Record.
- ``Doc._.published``: the article's publication date (a ``datetime.date`` or None), the reference that
  relative dates and dates without a year resolve against.
- ``Doc._.people``, ``Doc._.quotes``, ``Doc._.claims``, ``Doc._.events``: what the officials, quotes, claims
  and events components find, as ``newsmine.schema`` objects (Person, Quote, Claim, Event) with spans into
  ``doc.text``; each component writes its own and only its own.
- ``Doc._.links``: mentions that stand for a person the officials found (:class:`Link`: a pronoun "وی" or
  a surname the quotes component resolved). They are data, not edits of ``Doc._.people``:
  ``newsmine.assemble`` adds them to the person's mentions when it builds the Record.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span

__all__ = ["Link", "register"]


@dataclass(frozen=True, slots=True)
class Link:
    """A mention ``[start, end)`` of ``doc.text`` that stands for person ``person`` (an id of
    ``doc._.people``); ``kind`` says how it was resolved ("pronoun", "surname") and ``by`` which component."""

    start: int
    end: int
    person: str
    kind: str
    by: str


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
    if not Doc.has_extension("field"):
        Doc.set_extension("field", default="body")
    if not Doc.has_extension("published"):
        Doc.set_extension("published", default=None)
    for name in ("people", "quotes", "claims", "events", "links"):
        if not Doc.has_extension(name):
            # a getter-free default list would be shared by every Doc: each Doc gets its own on first write
            Doc.set_extension(name, default=None)


register()
