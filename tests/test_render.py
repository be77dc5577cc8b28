"""render(): the RTL HTML view of a Record."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from newsmine.render import render
from newsmine.schema import (
    RECORD_FIELDS,
    Claim,
    DateMention,
    Location,
    Mention,
    NumberMention,
    Organization,
    Person,
    Quote,
    Record,
)
from newsmine.view import render_record

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
                "field": a["data-field"],
                "title": a["title"],
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


TITLE = "استخدام در تهران <script>alert(1)</script>"
KICKER = "وزیر کار:"


def _record() -> Record:
    i = TEXT.index
    return Record(
        text=TEXT,
        title=TITLE,
        kicker=KICKER,
        published_jalali="1402-11-22",
        locations=[Location("l1", "تهران", [Mention(0, 5), Mention(11, 16, "title")])],
        organizations=[
            Organization("o1", "وزیر کار", None, [Mention(i("وزیر"), i("</b>") + 4), Mention(0, 8, "kicker")])
        ],
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
    for field in ("kicker", "title", "body"):
        starts = [m["start"] for m in parsed.marks if m["field"] == field]
        assert starts == sorted(starts)
    for mark in parsed.marks:  # the shown text is the span's text, in the text the mark's field names
        assert mark["text"] == rec.text_of(str(mark["field"]))[mark["start"] : mark["end"]]
    assert {m["label"] for m in parsed.marks} == {"LOC", "ORG", "NUM", "DATE"}


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("kicker", [("ORG", "kicker", "وزیر کار")]),
        ("title", [("LOC", "title", "تهران")]),
        ("text", [("LOC", "body", "تهران"), ("ORG", "body", "وزیر <b>کار</b>")]),
    ],
)
def test_title_and_kicker_mentions_are_marked_in_their_lines(line: str, expected: list[tuple]) -> None:
    html = render(_record())
    part = html.split(f'<div class="nm-{line}">')[1].split("</div>")[0]
    marks = [(m["label"], m["field"], m["text"]) for m in _parse(part).marks if m["label"] in ("LOC", "ORG")]
    assert marks == expected


@pytest.mark.parametrize(
    ("mention", "shown"),
    [(Mention(0, 3, "title"), 1), (Mention(0, 3, "lead"), 0), (Mention(5, 99, "title"), 0)],
)
def test_a_mention_outside_its_text_is_counted(mention: Mention, shown: int) -> None:
    rec = Record(text="متن", title="علی رفت", people=[Person("p1", "علی", mentions=[mention])])
    html = render(rec)
    assert len(_parse(html).marks) == shown
    assert ("1 mention(s) not shown" in html) is (shown == 0)


def test_text_and_header_are_escaped() -> None:
    html = render(_record())
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>کار</b>" not in html and "&lt;b&gt;کار&lt;/b&gt;" in html
    assert "&amp; «بیشتر»" in html


def test_contained_marks_nest_and_crossing_marks_are_counted() -> None:
    rec = _record()
    html = render(rec)
    assert re.search(r'data-label="DATE"[^>]*>\s*<mark [^>]*data-label="NUM"', html)  # ۲۲ inside the date
    rec.locations.append(Location("l2", "x", [Mention(3, 8)]))  # crosses تهران [0, 5)
    rec.numbers.append(NumberMention("?", 1, (5, 999)))  # past the end of the text
    html = render(rec)
    assert "2 mention(s) not shown" in html
    assert len(_parse(html).marks) == 7  # 5 in the text, 1 in the title, 1 in the kicker


def test_claims_style_shows_claims_quotes_and_speakers() -> None:
    text = "وزیر گفت: «بیش از ۵۰۰۰ نشست برگزار شد»."
    s = text.index("بیش")
    rec = Record(
        text=text,
        people=[Person("p1", "وزیر", mentions=[Mention(0, 4)])],
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
    titles = {m["label"]: m["title"] for m in marks}
    assert titles["QUOTE"] == "QUOTE speaker=p1 verb=گفت"  # its text is the marked text: not repeated
    assert titles["NUM"] == "NUM value=5000"


@pytest.mark.parametrize(
    ("text", "item", "expected"),
    [
        ("۲۰ درصد", NumberMention("۲۰ درصد", 20, (0, 7), is_percent=True), "NUM value=20 is_percent=True"),
        ("صفر", NumberMention("صفر", 0, (0, 3)), "NUM value=0"),
        (
            "در ۲۲ بهمن",
            DateMention("۲۲ بهمن", "1402-11-22", None, (3, 10)),
            "DATE jalali=1402-11-22 precision=day",
        ),
        (
            "۲۰ هزار نفر آمدند",
            Claim("۲۰ هزار نفر", 20000.0, (0, 11), time_scope="1402", sentence="۲۰ هزار نفر آمدند"),
            "CLAIM value=20000 qualifier=exact time_scope=1402",
        ),
    ],
)
def test_mark_titles_are_the_items_scalars(text: str, item: object, expected: str) -> None:
    kind = {"NumberMention": "numbers", "DateMention": "dates", "Claim": "claims"}[type(item).__name__]
    rec = Record(text=text, **{kind: [item]})
    (mark,) = _parse(render(rec, style=("NUM", "DATE", "CLAIM"))).marks
    assert mark["title"] == expected


def test_page_dicts_repr_html_and_bad_input() -> None:
    rec = _record()
    page = render(rec, page=True)
    assert page.startswith("<!DOCTYPE html>") and '<html dir="rtl" lang="fa">' in page
    assert render(rec.to_dict()) == render(rec)
    assert rec._repr_html_() == render(rec) == render_record(rec, RECORD_FIELDS)
    row = {**rec.to_dict(), "published": pd.Timestamp("2024-02-11T06:30:00Z"), "content_hash": "h"}
    assert "2024-02-11T06:30:00+00:00" in render(row)  # a read_records row: its Timestamp shown as ISO
    assert render(pd.DataFrame([row]).iloc[0]) == render(row)
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
        assert mark["text"] == rec.text_of(str(mark["field"]))[mark["start"] : mark["end"]]


def test_view_imports_nothing_from_newsmine_but_the_error_table() -> None:
    """newsmine.schema imports the view lazily; the view importing the schema would make a cycle. It may
    name its errors: the error table imports nothing."""
    import ast

    import newsmine.view

    tree = ast.parse(Path(newsmine.view.__file__).read_text(encoding="utf-8"))
    imported = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    imported += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    assert not [m for m in imported if m.split(".")[0] == "newsmine" and m != "newsmine.errors"]
