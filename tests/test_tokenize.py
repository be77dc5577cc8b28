"""Tokenizer: hazm's rules with offsets; one (text, expected tokens) row per rule."""

from __future__ import annotations

import json
import re

import pytest
import spacy

from newsmine.text.normalize import normalize
from newsmine.text.tokenize import HazmTokenizer, sentence_spans, tokenize, word_spans

WORDS = [
    ("space-split", "میز خدمت عمومی", ["میز", "خدمت", "عمومی"]),
    ("zwnj-word-is-one-token", "دستگاه‌های اداری", ["دستگاه‌های", "اداری"]),
    ("persian-comma", "بسیج ادارات، موضوع", ["بسیج", "ادارات", "،", "موضوع"]),
    ("colon", "گفت: رهبری", ["گفت", ":", "رهبری"]),
    ("guillemets", "«دولت مردمی»", ["«", "دولت", "مردمی", "»"]),
    ("parentheses", "دستگاهی(ستادی)", ["دستگاهی", "(", "ستادی", ")"]),
    ("question-marks", "چرا؟!", ["چرا", "؟!"]),
    ("slash", "است/ طرح", ["است", "/", "طرح"]),
    ("digits-split-from-suffix", "45اُمین سالگرد", ["45", "اُمین", "سالگرد"]),
    ("thousands-comma-kept", "کد خبر : 335,032", ["کد", "خبر", ":", "335,032"]),
    ("clock-time-kept", "10:12:05", ["10:12:05"]),
    ("slash-decimal-kept", "۲/۵ درصد", ["۲/۵", "درصد"]),
    ("momayyez-decimal-kept", "۱٫۵ میلیارد", ["۱٫۵", "میلیارد"]),
    ("date-with-slashes-kept", "۱۴۰۰/۰۳/۰۹", ["۱۴۰۰/۰۳/۰۹"]),
    ("url-kept", "نشانی http://www.mehrnews.com/news/1.", ["نشانی", "http://www.mehrnews.com/news/1", "."]),
    ("email-kept", "info@mehrnews.com است", ["info@mehrnews.com", "است"]),
    ("dateline-dash", "مشهد ـ رئیس", ["مشهد", "ـ", "رئیس"]),
    ("sentence-full-stop", "برگزار شد.", ["برگزار", "شد", "."]),
]


@pytest.mark.parametrize(("rule", "text", "expected"), WORDS, ids=[r[0] for r in WORDS])
def test_word_rule(rule: str, text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in word_spans(text)] == expected


SENTENCES = [
    ("full-stop", "یک. دو.", ["یک.", "دو."]),
    ("question", "چرا؟ چون", ["چرا؟", "چون"]),
    ("line-break", "عنوان\nمتن خبر", ["عنوان", "متن خبر"]),
    ("blank-line", "بند یک\n\nبند دو", ["بند یک", "بند دو"]),
    ("decimal-not-end", "۲.۵ درصد رشد", ["۲.۵ درصد رشد"]),
    ("colon-not-end", "گفت: بله", ["گفت: بله"]),
]


@pytest.mark.parametrize(("rule", "text", "expected"), SENTENCES, ids=[r[0] for r in SENTENCES])
def test_sentence_rule(rule: str, text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in sentence_spans(text)] == expected


def test_tokenize_shape() -> None:
    assert tokenize("سلام دنیا. خبر دوم") == [["سلام", "دنیا", "."], ["خبر", "دوم"]]
    assert tokenize("") == []


def test_spacy_doc_keeps_text_and_sentences() -> None:
    nlp = spacy.blank("fa")
    nlp.tokenizer = HazmTokenizer(nlp.vocab)
    text = "عنوان خبر\n\n  مشهد ـ وی گفت:  ۲۰ هزار میز.\nپایان"
    doc = nlp(text)
    assert doc.text == text
    assert [s.text.strip() for s in doc.sents] == ["عنوان خبر", "مشهد ـ وی گفت:  ۲۰ هزار میز.", "پایان"]
    for tok in doc:
        assert text[tok.idx : tok.idx + len(tok)] == tok.text
    assert nlp("").text == ""


def _fars_texts(corpora, n: int) -> list[str]:
    items = json.loads((corpora / "farsnews" / "fars-news-1.json").read_text(encoding="utf-8"))[:n]
    return [normalize("\n".join([a["title"], a.get("abstract") or "", *a["paragraphs"]])) for a in items]


@pytest.mark.corpora
def test_doc_text_round_trip_on_fars(corpora) -> None:
    nlp = spacy.blank("fa")
    nlp.tokenizer = HazmTokenizer(nlp.vocab)
    for text in _fars_texts(corpora, 100):
        assert nlp(text).text == text


@pytest.mark.corpora
def test_same_tokens_as_hazm_where_nothing_is_protected(corpora) -> None:
    """Outside URLs and numbers with separators, the tokens are exactly hazm's."""
    hazm = pytest.importorskip("hazm", reason="hazm comes with the bench and dev extras").WordTokenizer(
        join_verb_parts=False
    )
    protected = re.compile(r"\d[,٬'.٫/:]\d|@|https?://|www\.")
    compared = 0
    for text in _fars_texts(corpora, 100):
        for line in text.split("\n"):
            if protected.search(line):
                continue
            assert [line[a:b] for a, b in word_spans(line)] == hazm.tokenize(line)
            compared += 1
    assert compared > 100
