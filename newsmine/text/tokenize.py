"""hazm's sentence and word tokenizers, wrapped to keep character offsets, and as a spaCy tokenizer.

hazm's tokenizers return strings and lose where each came from. Here the same rules run as one scan
over the normalized text and return ``(start, end)`` spans, so every extractor's span points into
``Record.text``. Two things hazm gets wrong for news are protected first: URLs and e-mail addresses stay
one token, and numbers with separators ("335,032", "۲/۵", "10:12:05") are not cut at the comma.

>>> text = "رئیس سازمان گفت: ۲۰ هزار میز برگزار شد. کد خبر: 335,032"
>>> [text[s:e] for s, e in sentence_spans(text)]
['رئیس سازمان گفت: ۲۰ هزار میز برگزار شد.', 'کد خبر: 335,032']
>>> [text[s:e] for s, e in word_spans(text)][:6]
['رئیس', 'سازمان', 'گفت', ':', '۲۰', 'هزار']
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from newsmine.lang.chars import EMAIL_PATTERN, URL_PATTERN
from newsmine.lang.docs import DOC_TEXT

__all__ = ["HazmTokenizer", "sentence_spans", "tokenize", "word_spans"]


#: a sentence ends at hazm's sentence marks (. ! ? ⸮ ؟, runs of them) followed by a space or a line break;
#: closing quotation marks and brackets right after the mark belong to the sentence they close
#: ("«... است.» وی افزود"). hazm's own rule (its SentenceTokenizer's pattern) lacks the closing marks.
_SENTENCE_END = re.compile("([!.?⸮؟]+[»\"”’')\\]]*)[ \n]+")


# hazm's word rule is: pad every match of its pattern ([؟!?]+|[\d.:]+|[:.،؛»\])}"«\[({/\\]) with spaces,
# then split on whitespace. The same rule as one scan: a token is a match of that pattern or a run of
# characters that are neither whitespace nor a character the pattern starts with. What hazm would wrongly
# cut is matched first: URLs, e-mail addresses, numbers with separators (335,032  ۲/۵  10:12:05).
_HAZM_PUNCT = r":.،؛»\])}\"«\[({/\\"
_TOKEN = re.compile(
    f"(?P<url>{URL_PATTERN})"
    f"|{EMAIL_PATTERN}"
    r"|\d+(?:[,٬'.٫/:]\d+)+"
    r"|[؟!?]+|[\d.:]+"
    f"|[{_HAZM_PUNCT}]"
    f"|[^\\s؟!?\\d{_HAZM_PUNCT}]+"
)
_TRAILING_URL_PUNCT = ".,،؛:!?)»]"


def word_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Token spans in ``text[start:end]``, by hazm's word-splitting rules, as offsets into ``text``.

    >>> t = "در ۹ ماه گذشته (از ابتدای امسال)، ۱٫۵ میلیارد"
    >>> [t[s:e] for s, e in word_spans(t)]
    ['در', '۹', 'ماه', 'گذشته', '(', 'از', 'ابتدای', 'امسال', ')', '،', '۱٫۵', 'میلیارد']
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    for m in _TOKEN.finditer(text, start, end):
        a, b = m.span()
        if m.lastgroup == "url":  # a URL ends before the punctuation that closes the sentence around it
            while b > a + 1 and text[b - 1] in _TRAILING_URL_PUNCT:
                b -= 1
            spans.append((a, b))
            if b < m.end():
                spans.extend(word_spans(text, b, m.end()))
            continue
        spans.append((a, b))
    return spans


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans: hazm's rule (. ! ? ؟ followed by a space or newline, closing marks after them
    included), and every line break.

    News text puts titles, kickers and datelines on lines of their own with no full stop, so a line break
    always ends a sentence.

    >>> t = "عنوان خبر\\nوی گفت: بله! او افزود ۲.۵ درصد."
    >>> [t[s:e] for s, e in sentence_spans(t)]
    ['عنوان خبر', 'وی گفت: بله!', 'او افزود ۲.۵ درصد.']
    """
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        pos = line.start()
        for m in _SENTENCE_END.finditer(text, line.start(), line.end()):
            _add_stripped(spans, text, pos, m.end(1))
            pos = m.end(1)
        _add_stripped(spans, text, pos, line.end())
    return spans


def _add_stripped(spans: list[tuple[int, int]], text: str, a: int, b: int) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a:
        spans.append((a, b))


def tokenize(text: str) -> list[list[str]]:
    """Sentences as lists of token strings (hazm's ``sent_tokenize`` + ``word_tokenize`` shape).

    >>> tokenize("سلام دنیا. خبر دوم")
    [['سلام', 'دنیا', '.'], ['خبر', 'دوم']]
    """
    return [[text[a:b] for a, b in word_spans(text, s, e)] for s, e in sentence_spans(text)]


class HazmTokenizer:
    """spaCy tokenizer: hazm's rules with offsets, sentence starts set, ``doc.text == text`` exactly.

    Whitespace other than one plain space between tokens (newlines, several spaces) becomes whitespace
    tokens, as spaCy does, so ``doc.text`` is the input unchanged.

    >>> import spacy
    >>> nlp = spacy.blank("fa")
    >>> nlp.tokenizer = HazmTokenizer(nlp.vocab)
    >>> doc = nlp("عنوان\\n\\nمشهد ـ وی گفت: ۲۰ هزار.")
    >>> [t.text for t in doc]
    ['عنوان', '\\n\\n', 'مشهد', 'ـ', 'وی', 'گفت', ':', '۲۰', 'هزار', '.']
    >>> [s.text for s in doc.sents]
    ['عنوان\\n\\n', 'مشهد ـ وی گفت: ۲۰ هزار.']
    """

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        sent_starts: list[bool] = []
        pos = 0
        for s, e in sentence_spans(text):
            first = True
            for a, b in word_spans(text, s, e):
                if a > pos:  # the gap before this token: one space, or whitespace tokens
                    gap = text[pos:a]
                    if gap == " " and words:
                        spaces[-1] = True
                    else:
                        self._gap(gap, words, spaces, sent_starts)
                words.append(text[a:b])
                spaces.append(False)
                sent_starts.append(first)
                first = False
                pos = b
        if pos < len(text):
            self._gap(text[pos:], words, spaces, sent_starts)
        if sent_starts:
            sent_starts[0] = True
        doc = Doc(self.vocab, words=words, spaces=spaces, sent_starts=sent_starts)
        doc.user_data[DOC_TEXT] = text  # lang.docs.text reads it, so no component rebuilds doc.text
        return doc

    @staticmethod
    def _gap(gap: str, words: list[str], spaces: list[bool], starts: list[bool]) -> None:
        if words and gap[0] == " ":
            spaces[-1] = True
            gap = gap[1:]
        if gap:
            words.append(gap)
            spaces.append(False)
            starts.append(len(words) == 1)  # a whitespace token starts a sentence only as the first token

    # spaCy calls these when the pipeline is saved or loaded; the tokenizer has no state of its own.
    def to_bytes(self, **_: Any) -> bytes:
        return b""

    def from_bytes(self, _data: bytes, **_: Any) -> HazmTokenizer:
        return self

    def to_disk(self, _path: str | Path, **_: Any) -> None:
        return None

    def from_disk(self, _path: str | Path, **_: Any) -> HazmTokenizer:
        return self


@registry.tokenizers("newsmine.HazmTokenizer.v1")
def create_hazm_tokenizer() -> Any:
    """Factory for spaCy configs: ``[nlp.tokenizer] @tokenizers = "newsmine.HazmTokenizer.v1"``."""

    def make(nlp: Any) -> HazmTokenizer:
        return HazmTokenizer(nlp.vocab)

    return make
