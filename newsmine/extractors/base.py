"""What the finder components share: turn character spans from a text-level finder into ``doc.spans``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from spacy.tokens import Doc, Span

from newsmine.extractors import extensions

extensions.register()


class Found(Protocol):
    start: int
    end: int


class SpanFinder:
    """Base of components that run a finder over ``doc.text`` and store its hits in ``doc.spans[key]``.

    A subclass names the attribute of each hit that holds the parsed value (``value_attr``) and implements
    ``find(doc)``. The Span is widened to whole tokens; the finder's own offsets stay in ``._.char_span``
    and the parsed object in ``._.value``.
    """

    value_attr = "value"

    def __init__(self, spans_key: str) -> None:
        self.spans_key = spans_key

    def find(self, doc: Doc) -> Iterable[Found]:
        raise NotImplementedError

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        for found in self.find(doc):
            # the label keeps this group's ._ values apart from another group's span on the same text
            span = doc.char_span(
                found.start, found.end, label=self.spans_key.upper(), alignment_mode="expand"
            )
            if span is None:
                continue
            value: Any = getattr(found, self.value_attr)
            span._.value = value
            span._.char_span = (found.start, found.end)
            spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc
