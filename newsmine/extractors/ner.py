"""``newsmine_ner``: named entities from the shipped CRF model, in ``doc.ents``.

Labels: PER ORG LOC FAC PRO EVENT DATE TIME MONEY PERCENT (see ``newsmine/models/ner-crf/README.md``).
Each sentence is tagged on its own; whitespace tokens end an entity and are never part of one.

>>> import spacy
>>> from newsmine.text.tokenize import HazmTokenizer
>>> nlp = spacy.blank("fa")
>>> nlp.tokenizer = HazmTokenizer(nlp.vocab)
>>> _ = nlp.add_pipe("newsmine_ner")
>>> [(e.text, e.label_) for e in nlp("حسن روحانی در تهران گفت").ents]
[('حسن روحانی', 'PER'), ('تهران', 'LOC')]
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from spacy.attrs import IS_SPACE, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from newsmine.models.crf import NerTagger

__all__ = ["NerTagger", "TokenNer", "make_ner"]


@lru_cache(maxsize=4)
def _tagger(model: str, domain: str = "") -> NerTagger:
    """One loaded model per path and domain, shared by every pipeline in the process ("" is the shipped
    model, and the model's default domain)."""
    return NerTagger.load(model or None, domain or None)


class TokenNer:
    """Tags each sentence's tokens with the CRF and writes the entities to ``doc.ents``.

    ``normalize``: run newsmine's normalizer on each token first (cached per word), for docs made from text
    that did not go through ``newsmine.normalize``; harmless when it did. ``domain``: for a model trained
    on several corpora, whose annotation guidelines to follow ("" is the model's default; ``models/ner-crf-aug``
    knows "peyma", its default, and "arman"; the default model has no domains).
    """

    def __init__(
        self, model: str = "", normalize: bool = True, overwrite: bool = True, domain: str = ""
    ) -> None:
        self.model = model
        self.normalize = normalize
        self.overwrite = overwrite
        self.domain = domain
        self.tagger = _tagger(model, domain)  # load now: a missing model fails when the pipeline is built

    def __call__(self, doc: Doc) -> Doc:
        ents: list[Span] = []
        chunks = self._chunks(doc)
        if chunks:
            strings = doc.vocab.strings
            orth = doc.to_array(ORTH)
            words = [[strings[orth[i]] for i in idx] for idx in chunks]
            for idx, labels in zip(
                chunks, self.tagger.tag_many(words, normalized=not self.normalize), strict=True
            ):
                ents.extend(self._spans(doc, idx, labels))
        if self.overwrite:
            doc.ents = ents
        else:
            doc.set_ents(ents, default="unmodified")
        return doc

    @staticmethod
    def _chunks(doc: Doc) -> list[list[int]]:
        """The token indices of each sentence, cut at whitespace tokens (they end an entity)."""
        if len(doc) == 0:
            return []
        arr = doc.to_array([IS_SPACE, SENT_START])
        sentences = doc.has_annotation("SENT_START")
        chunks: list[list[int]] = []
        chunk: list[int] = []
        for i, (space, start) in enumerate(arr.tolist()):
            if space or (sentences and start == 1 and chunk):
                if chunk:
                    chunks.append(chunk)
                chunk = []
            if not space:
                chunk.append(i)
        if chunk:
            chunks.append(chunk)
        return chunks

    @staticmethod
    def _spans(doc: Doc, idx: list[int], labels: list[str]) -> list[Span]:
        out: list[Span] = []
        start, typ = -1, ""
        for j, lab in enumerate([*labels, "O"]):
            tag, _, t = lab.partition("-")
            if start >= 0 and (tag != "I" or t != typ):
                out.append(Span(doc, idx[start], idx[j - 1] + 1, label=typ))
                start = -1
            if tag == "B" or (tag == "I" and start < 0):
                start, typ = j, t
        return out

    # the CRF tagger is a C object: pickle the settings and reload the model on the other side
    def __getstate__(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "normalize": self.normalize,
            "overwrite": self.overwrite,
            "domain": self.domain,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(**state)  # type: ignore[misc]


@Language.factory(
    "newsmine_ner",
    default_config={"model": "", "normalize": True, "overwrite": True, "domain": ""},
    assigns=["doc.ents"],
)
def make_ner(nlp: Language, name: str, model: str, normalize: bool, overwrite: bool, domain: str) -> TokenNer:
    """``model``: a model directory or ``.crfsuite`` file; "" loads the one newsmine ships."""
    return TokenNer(model, normalize, overwrite, domain)
