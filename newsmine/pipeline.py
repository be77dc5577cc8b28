"""``newsmine.load()``: the spaCy Language with the hazm tokenizer and every newsmine component.

>>> nlp = load()
>>> nlp.pipe_names
['newsmine_numbers', 'newsmine_dates', 'newsmine_ner', 'newsmine_gazetteer', 'newsmine_officials', 'newsmine_quotes', 'newsmine_claims', 'newsmine_events']
>>> doc = nlp("در ۲۲ بهمن ۱۴۰۲ بیش از ۵۰۰۰ نشست برگزار شد.")
>>> [(s.text, s._.value.value) for s in doc.spans["numbers"]][-1]
('۵۰۰۰', 5000)
>>> [s._.value.jalali for s in doc.spans["dates"]]
['1402-11-22']
"""

from __future__ import annotations

from collections.abc import Iterable

import spacy
from spacy.language import Language

# importing these registers the tokenizer and the component factories with spaCy
import newsmine.extractors.claims
import newsmine.extractors.dates
import newsmine.extractors.events
import newsmine.extractors.gazetteer
import newsmine.extractors.ner
import newsmine.extractors.numbers
import newsmine.extractors.officials
import newsmine.extractors.quotes
import newsmine.text.tokenize  # noqa: F401
from newsmine.errors import Errors, NewsmineError

__all__ = ["COMPONENTS", "load"]

#: the components ``load()`` adds, in pipeline order
COMPONENTS: tuple[str, ...] = (
    "newsmine_numbers",
    "newsmine_dates",
    "newsmine_ner",
    "newsmine_gazetteer",
    "newsmine_officials",
    "newsmine_quotes",
    "newsmine_claims",
    "newsmine_events",
)

_CONFIG = {"nlp": {"tokenizer": {"@tokenizers": "newsmine.HazmTokenizer.v1"}}}


def load(components: Iterable[str] | None = None, *, exclude: Iterable[str] = ()) -> Language:
    """A new Persian pipeline: hazm tokenizer, then the newsmine components (all, or those named).

    Models ship inside the package; nothing is downloaded.
    """
    wanted = list(COMPONENTS if components is None else components)
    unknown = [c for c in wanted if c not in COMPONENTS]
    if unknown:
        raise NewsmineError(Errors.E001, name=unknown[0], available=", ".join(COMPONENTS))
    nlp = spacy.blank("fa", config=_CONFIG)
    skip = set(exclude)
    for name in wanted:
        if name not in skip:
            nlp.add_pipe(name)
    return nlp
