"""What the components read off a Doc, read once per Doc: its text (:func:`text`) and its sentences, which
come from the tokenizer alone (:func:`sentence_spans` reads the sentence starts it set).

Every component that needs sentences (claims, quotes, officials, events) reads them here, so a sentence is
the same thing everywhere: what ``newsmine.text.tokenize.sentence_spans`` cut (hazm's rule and every line
break). ``doc.text`` rebuilds the string from the tokens at every call; :func:`text` keeps it in
``doc.user_data`` (the tokenizer puts it there as it makes the Doc), so ten components reading it cost one.

>>> import spacy
>>> from spacy.tokens import Doc
>>> words, spaces = ["وی", "گفت", ".", "او", "رفت"], [True, False, True, True, False]
>>> doc = Doc(spacy.blank("fa").vocab, words=words, spaces=spaces, sent_starts=[1, 0, 0, 1, 0])
>>> doc.text, sentence_spans(doc)
('وی گفت. او رفت', [(0, 8), (8, 14)])
>>> sentence_of(sentence_starts(doc), 10)
1
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.attrs import IDX, SENT_START
from spacy.tokens import Doc

__all__ = ["DOC_TEXT", "sentence_of", "sentence_spans", "sentence_starts", "text"]

#: where a Doc keeps its text in ``doc.user_data`` (the tokenizer fills it as it makes the Doc)
DOC_TEXT = ("newsmine", "text")
_STARTS = ("newsmine", "sentence_starts")


def text(doc: Doc) -> str:
    """``doc.text``, built once per Doc (a Doc's text never changes)."""
    found = doc.user_data.get(DOC_TEXT)
    if found is None:
        found = doc.user_data[DOC_TEXT] = doc.text
    return found


def sentence_starts(doc: Doc) -> list[int]:
    """The character offset where each sentence starts (the first is 0), read once per Doc as an array:
    iterating ``doc.sents`` makes a Token object per word."""
    found = doc.user_data.get(_STARTS)
    if found is None:
        found = doc.user_data[_STARTS] = _starts(doc)
    return list(found)


def _starts(doc: Doc) -> tuple[int, ...]:
    if len(doc) == 0:
        return (0,)
    arr = doc.to_array([SENT_START, IDX])
    starts = [int(i) for i in arr[arr[:, 0] == 1, 1]]
    if not starts:
        try:
            starts = [s.start_char for s in doc.sents]  # a parser's sentences
        except ValueError:  # no sentence boundaries at all: the text is one sentence
            starts = [0]
    if starts[0] != 0:
        starts.insert(0, 0)
    return tuple(starts)


def sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """``[start, end)`` of each sentence; each runs to the next one's start, so callers strip the text."""
    starts = sentence_starts(doc)
    return list(zip(starts, [*starts[1:], len(text(doc))], strict=True))


def sentence_of(starts: list[int], pos: int) -> int:
    """The index of the sentence that holds character ``pos``."""
    return max(0, bisect_right(starts, pos) - 1)
