"""``newsmine_numbers``: every number phrase in the text, in ``doc.spans["numbers"]``.

Each span's ``._.value`` is a :class:`newsmine.text.numbers.Number`. Which numbers are claims (with unit,
counted noun and qualifier) is the claims component's job; this one only finds and reads them.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from newsmine.extractors.base import Found, SpanFinder
from newsmine.lang.docs import text as doc_text
from newsmine.text.numbers import find_numbers


class NumberFinder(SpanFinder):
    """Writes ``doc.spans[spans_key]`` from :func:`newsmine.text.numbers.find_numbers`."""

    value_attr = "number"

    def find(self, doc: Doc) -> Iterable[Found]:
        return find_numbers(doc_text(doc))


@Language.factory("newsmine_numbers", default_config={"spans_key": "numbers"}, assigns=["doc.spans"])
def make_number_finder(nlp: Language, name: str, spans_key: str) -> NumberFinder:
    return NumberFinder(spans_key)
