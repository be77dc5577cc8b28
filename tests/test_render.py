"""render(): the RTL HTML view of a Record."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from newsmine.render import render
from newsmine.schema import (
    Claim,
    DateMention,
    Location,
    NumberMention,
    Organization,
    Person,
    Quote,
    Record,
)

TEXT = "تهران ـ وزیر <b>کار</b> گفت: ۲۰ هزار نفر در ۲۲ بهمن ۱۴۰۲ استخدام شدند & «بیشتر»."


class _Marks(HTMLParser):
    """Collects the marks (label, start, end, text) in document order, and the root's attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.root: dict[str, str | None] | None = None
        self.marks: list[dict[str, object]] = []
        self._open: list[dict[str, object]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.root is None:
            self.root = dict(attrs)
        if tag == "mark":
            a = dict(attrs)
            mark = {
                "label": a["data-label"],
                "start": int(a["data-start"]),
                "end": int(a["data-end"]),
                "text": "",
            }
            self.marks.append(mark)
            self._open.append(mark)

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self._open.pop()

    def handle_data(self, data: str) -> None:
        for mark in self._open:
            mark["text"] = str(mark["text"]) + data


def _parse(html: str) -> _Marks:
    parser = _Marks()
    parser.feed(html)
    return parser


def _record() -> Record:
    i = TEXT.index
    return Record(
        text=TEXT,
        title="عنوان <script>alert(1)</script>",
        kicker="روتیتر:",
        published_jalali="1402-11-22",
        locations=[Location("l1", "تهران", [(0, 5)])],
        organizations=[Organization("o1", "وزیر کار", None, [(i("وزیر"), i("</b>") + 4)])],
        numbers=[
            NumberMention("۲۰ هزار", 20000, (i("۲۰"), i("۲۰") + 7)),
            NumberMention("۲۲", 22, (i("۲۲"), i("۲۲") + 2)),
        ],
        dates=[DateMention("۲۲ بهمن ۱۴۰۲", "1402-11-22", "2024-02-11", (i("۲۲"), i("۲۲") + 12))],
    )


def test_root_is_rtl_persian_and_marks_follow_the_text() -> None:
    rec = _record()
    parsed = _parse(render(rec))
    assert parsed.root is not None and parsed.root["dir"] == "rtl" and parsed.root["lang"] == "fa"
    starts = [m["start"] for m in parsed.marks]
    assert starts == sorted(starts)
    for mark in parsed.marks:
        assert mark["text"] == TEXT[mark["start"] : mark["end"]]  # the shown text is the span's text
    assert {m["label"] for m in parsed.marks} == {"LOC", "ORG", "NUM", "DATE"}


def test_text_and_header_are_escaped() -> None:
    html = render(_record())
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>کار</b>" not in html and "&lt;b&gt;کار&lt;/b&gt;" in html
    assert "&amp; «بیشتر»" in html


def test_contained_marks_nest_and_crossing_marks_are_counted() -> None:
    rec = _record()
    html = render(rec)
    assert re.search(r'data-label="DATE"[^>]*>\s*<mark [^>]*data-label="NUM"', html)  # ۲۲ inside the date
    rec.locations.append(Location("l2", "x", [(3, 8)]))  # crosses تهران [0, 5)
    rec.numbers.append(NumberMention("?", 1, (5, 999)))  # past the end of the text
    html = render(rec)
    assert "2 mention(s) not shown" in html
    assert len(_parse(html).marks) == 5


def test_claims_style_shows_claims_quotes_and_speakers() -> None:
    text = "وزیر گفت: «بیش از ۵۰۰۰ نشست برگزار شد»."
    s = text.index("بیش")
    rec = Record(
        text=text,
        people=[Person("p1", "وزیر", mentions=[(0, 4)])],
        claims=[
            Claim("بیش از ۵۰۰۰ نشست", 5000, (s, s + 16), unit="نشست", qualifier="more_than", speaker="p1")
        ],
        quotes=[Quote("p1", "گفت", "بیش از ۵۰۰۰ نشست برگزار شد", (s - 1, len(text) - 1))],
        numbers=[NumberMention("۵۰۰۰", 5000, (s + 7, s + 11))],
    )
    marks = _parse(render(rec, style="claims")).marks
    assert [m["label"] for m in marks] == ["PER", "QUOTE", "CLAIM", "NUM"]
    assert 'title="CLAIM value=5000 qualifier=more_than unit=نشست speaker=p1"' in render(rec, style="claims")
    assert [m["label"] for m in _parse(render(rec)).marks] == ["PER", "NUM"]  # ents: no claims


def test_page_dicts_repr_html_and_bad_input() -> None:
    rec = _record()
    page = render(rec, page=True)
    assert page.startswith("<!DOCTYPE html>") and '<html dir="rtl" lang="fa">' in page
    assert render(rec.to_dict()) == render(rec)
    assert rec._repr_html_() == render(rec)
    with pytest.raises(ValueError, match="E031"):
        render(rec, style="nope")
    with pytest.raises(TypeError, match="E030"):
        render(42)


def test_spacy_doc() -> None:
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("fa")
    doc = nlp("علی به تهران رفت")
    doc.ents = [doc.char_span(0, 3, label="PER"), doc.char_span(7, 12, label="LOC")]
    marks = _parse(render(doc)).marks
    assert [(m["label"], m["text"]) for m in marks] == [("PER", "علی"), ("LOC", "تهران")]


def test_bundled_sample_renders_every_mention() -> None:
    import newsmine

    sample = Path(__file__).resolve().parents[1] / "corpora" / "samples" / "sample-article.txt"
    rec = newsmine.extract(sample.read_text(encoding="utf-8"))
    html = render(rec)
    marks = _parse(html).marks
    expected = sum(len(e.mentions) for e in (*rec.people, *rec.organizations, *rec.locations, *rec.events))
    expected += len(rec.numbers) + len(rec.dates)
    dropped = re.search(r"(\d+) mention\(s\) not shown", html)
    assert len(marks) + (int(dropped.group(1)) if dropped else 0) == expected
    for mark in marks:
        assert mark["text"] == rec.text[mark["start"] : mark["end"]]
