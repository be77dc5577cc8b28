"""The articles of the cross-outlet dev set (``corpora/dev-cross``), found again by their ids.

The texts stay where their licences keep them; the repository holds only ids and annotations:

- ``<outlet>:<id>`` (``tabnak:953251``, ``hamshahri:HAM2-811011-007``): a line of
  ``../shared/corpora/news-diverse/<outlet>.jsonl.gz``;
- ``farexstance:<n>:<sha1>``: the n-th document (from 0) of ``../shared/corpora/unlabeled/farexstance_news.txt.gz``
  (paragraphs a line, a blank line between documents), with the first 8 hex digits of the SHA-1 of its
  text, so that a changed file is noticed instead of scoring the wrong article;
- ``dari:<slug>``: a Dari news page found on the web (its address is in the annotation), whose text lives in
  ``dari-texts.jsonl`` beside the annotations when this copy of the project has it (it is not
  redistributed with the project: a set without it is scored without the Dari part).

>>> clean({"title": "nan", "published": "None", "text": "متن"})
{'text': 'متن'}
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

__all__ = ["DARI_TEXTS", "clean", "farexstance_documents", "find_items", "news_diverse", "source_of"]

#: the file of Dari page texts, beside the annotations of the cross-outlet set
DARI_TEXTS = "dari-texts.jsonl"
_FIELDS = ("text", "title", "lead", "url", "published")


def clean(row: dict[str, Any]) -> dict[str, Any]:
    """The fields newsmine.extract takes, without the datasets' "nan" and "None" placeholders."""
    return {k: row[k] for k in _FIELDS if row.get(k) not in (None, "", "nan", "None")}


def news_diverse(corpora: Path, outlet: str) -> Iterator[dict[str, Any]]:
    """The rows of one news-diverse outlet, as stored (ids included)."""
    with gzip.open(corpora / "news-diverse" / f"{outlet}.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def farexstance_documents(corpora: Path) -> Iterator[tuple[str, str]]:
    """(id, text) of each FarExStance document: paragraphs joined by line breaks."""
    with gzip.open(corpora / "unlabeled" / "farexstance_news.txt.gz", "rt", encoding="utf-8") as fh:
        paragraphs: list[str] = []
        n = 0
        for line in [*fh, "\n"]:
            if line.strip():
                paragraphs.append(line.strip())
            elif paragraphs:
                text = "\n".join(paragraphs)
                yield f"farexstance:{n}:{hashlib.sha1(text.encode('utf-8')).hexdigest()[:8]}", text
                n += 1
                paragraphs = []


def source_of(article_id: str) -> str:
    """The source an id names: the outlet, "farexstance", or "dari"; a Fars News id (digits) is "farsnews".

    >>> source_of("tabnak:953251"), source_of("farexstance:12:0a1b2c3d"), source_of("8707060255")
    ('tabnak', 'farexstance', 'farsnews')
    """
    return article_id.partition(":")[0] if ":" in article_id else "farsnews"


def find_items(ids: list[str], corpora: Path, corpus_dir: Path | None = None) -> dict[str, dict[str, Any]]:
    """The extract input of each id that can be found (ids of a source that is absent are left out)."""
    wanted = set(ids)
    out: dict[str, dict[str, Any]] = {}
    outlets = {source_of(i) for i in ids} - {"farexstance", "dari", "farsnews"}
    for outlet in sorted(outlets):
        if (corpora / "news-diverse" / f"{outlet}.jsonl.gz").is_file():
            for row in news_diverse(corpora, outlet):
                if row["id"] in wanted:
                    out[row["id"]] = clean(row)
    if any(source_of(i) == "farexstance" for i in ids) and (corpora / "unlabeled").is_dir():
        for doc_id, text in farexstance_documents(corpora):
            if doc_id in wanted:
                out[doc_id] = {"text": text}
    texts = corpus_dir / DARI_TEXTS if corpus_dir is not None else None
    if texts is not None and texts.is_file():
        for line in texts.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if row["id"] in wanted:
                    out[row["id"]] = clean(row)
    return out
