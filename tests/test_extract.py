"""newsmine.extract end to end: the seed articles, the bundled sample, bad input, extract_many."""

from __future__ import annotations

import gzip
from pathlib import Path

import jsonschema
import pytest

import newsmine
from newsmine.pipeline import COMPONENTS
from newsmine.schema import Article, Record, json_schema

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "corpora" / "samples" / "sample-article.txt"
SCHEMA = json_schema()


def _valid(rec: Record) -> Record:
    """Schema-valid, and every span indexes the text its ``field`` names (title, kicker or body)."""
    jsonschema.validate(rec.to_dict(), SCHEMA)
    for start, end in rec.sentences:
        assert 0 <= start < end <= len(rec.text)
    for items in (rec.numbers, rec.dates, rec.claims):
        for item in items:
            start, end = item.span
            assert rec.text_of(item.field)[start:end] == item.surface, item
    for q in rec.quotes:
        assert rec.text_of(q.field)[q.span[0] : q.span[1]] == q.text
    for entity in (*rec.people, *rec.organizations, *rec.locations, *rec.events):
        for m in entity.mentions:
            assert 0 <= m.start < m.end <= len(rec.text_of(m.field)), (entity, m)
    return rec


@pytest.fixture(scope="module")
def mehr(corpora) -> Record:
    return _valid(newsmine.extract((corpora / "seeds" / "mehr-bases-service-desks.txt").read_text("utf-8")))


@pytest.fixture(scope="module")
def asreqom(corpora) -> Record:
    return _valid(
        newsmine.extract((corpora / "seeds" / "asreqom-labour-ministry-desk.txt").read_text("utf-8"))
    )


@pytest.mark.corpora
def test_mehr_header(mehr: Record) -> None:
    assert mehr.title == "۲۰ هزار میز خدمت عمومی در سطح کشور برگزار شد"
    assert mehr.kicker == "رئیس سازمان بسیج ادارات کشور:"
    assert mehr.dateline == "مشهد"
    assert mehr.text.startswith("مشهد ـ رئیس سازمان بسیج ادارات کشور گفت:")
    assert mehr.lead.startswith("مشهد ـ") and mehr.lead.endswith("برگزار شد.")


@pytest.mark.corpora
def test_mehr_year_98(mehr: Record) -> None:
    years = [d for d in mehr.dates if d.surface.endswith("۹۸")]
    assert years and years[0].jalali == "1398" and years[0].precision == "year"


@pytest.mark.corpora
def test_mehr_numbers(mehr: Record) -> None:
    values = [n.value for n in mehr.numbers if n.field == "body"]
    for v in (20000, 2500, 18, 5000, 1300, 82, 121, 2700):
        assert v in values
    assert values.count(20000) == 2 and values.count(2500) == 2
    assert [n.value for n in mehr.numbers if n.field == "title"] == [20000]  # the title's own figure


@pytest.mark.corpora
def test_asreqom_header_and_published(asreqom: Record) -> None:
    assert asreqom.kicker == "اوسط در میز خدمت وزارت کار در نمازجمعه تهران:"
    assert asreqom.title.startswith("خدمت مستقیم و پاسخگویی سریع به مردم")
    assert asreqom.dateline == "عصر قم"
    assert asreqom.source == "عصر قم"
    assert asreqom.published == "2024-02-10T10:12:05+03:30"
    assert asreqom.published_jalali == "1402-11-21"


@pytest.mark.corpora
def test_asreqom_dates(asreqom: Record) -> None:
    jalali = {d.jalali for d in asreqom.dates}
    assert {"1402-11-21", "1402-11-22"} <= jalali
    by_jalali = {d.jalali: d for d in asreqom.dates}
    assert by_jalali["1402-11-21"].gregorian == "2024-02-10"
    assert by_jalali["1402-11-22"].surface.endswith("22 بهمن‌ماه")


@pytest.mark.corpora
def test_asreqom_code_and_ordinal_read_right(asreqom: Record) -> None:
    by_surface = {n.surface: n for n in asreqom.numbers}
    assert by_surface["335,032"].value == 335032
    assert by_surface["45اُمین"].is_ordinal and by_surface["45اُمین"].value == 45
    assert not any(n.surface in ("10", "12", "05") for n in asreqom.numbers)  # 10:12:05 is a clock time


def test_sample_article() -> None:
    rec = _valid(newsmine.extract(SAMPLE.read_text("utf-8")))
    assert rec.title.startswith("۳ هزار و ۴۲۰ میلیارد تومان")
    assert rec.kicker == "معاون وزیر نیرو:" and rec.dateline == "تهران"
    assert rec.published == "2024-10-06T11:45:00+03:30" and rec.published_jalali == "1403-07-15"
    assert rec.numbers[0].value == 3420000000000
    assert "می‌رسد" in rec.text and "استان‌های" in rec.text
    assert any(d.jalali == "1403-11-22" for d in rec.dates)  # ۲۲ بهمن‌ماه, year from the date line


def test_published_argument_wins_and_resolves_year() -> None:
    rec = newsmine.extract("عنوان\nتهران ـ جلسه در ۲۲ بهمن برگزار شد.", published="2024-02-10")
    assert rec.published == "2024-02-10" and rec.published_jalali == "1402-11-21"
    assert [d.jalali for d in rec.dates] == ["1402-11-22"]


def test_article_and_dict_inputs() -> None:
    art = Article(text="تهران ـ ۱۲ درصد رشد.", title="عنوان", url="https://example.invalid/1")
    rec = newsmine.extract(art)
    assert rec.url == "https://example.invalid/1" and rec.title == "عنوان" and rec.numbers[0].is_percent
    rec2 = newsmine.extract({"text": "تهران ـ ۱۲ درصد رشد.", "title": "عنوان", "url": "u"})
    assert rec2.title == "عنوان" and rec2.url == "u"


def test_dict_with_title_and_lead_keeps_the_whole_body() -> None:
    # with the title given apart, a short first line of the text is body, not a title to take
    item = {"title": "عنوان", "lead": "لید خبر: ۲۰ نفر آمدند.", "text": "به گزارش فارس، کوتاه.\nبند دوم خبر."}
    rec = newsmine.extract(item)
    assert rec.title == "عنوان" and rec.lead == "لید خبر: ۲۰ نفر آمدند."
    assert rec.text == "لید خبر: ۲۰ نفر آمدند.\n\nبه گزارش فارس، کوتاه.\nبند دوم خبر."
    # a lead that already opens the text is not repeated
    again = newsmine.extract({**item, "text": item["lead"] + "\n\n" + item["text"]})
    assert again.text == rec.text


def test_id_is_stable_and_content_based() -> None:
    a = newsmine.extract("عنوان\nتهران ـ متن خبر.")
    b = newsmine.extract("عنوان\nتهران ـ متن خبر.")
    c = newsmine.extract("عنوان\nتهران ـ متن دیگر.")
    assert a.id == b.id != c.id


BAD = [
    ("empty", "", "empty"),
    ("whitespace", "  \n\n ", "empty"),
    ("binary", b"\x00\x01\x02\x03PK\x03\x04" * 50, "binary"),
    ("gzip-bytes", gzip.compress("سلام".encode()), "binary"),
    # windows-1256 has Arabic ي/ك and Latin digits, not Persian ی/ک/۰-۹: the way old pages were written
    ("windows-1256", "تهران ـ وزير گفت: سلام.".encode("cp1256"), "windows-1256"),
    (
        "html-no-date",
        "<html><head><title>عنوان</title></head><body><p>تهران ـ ۲۰ هزار نفر.</p></body></html>",
        "W205",
    ),
    ("html-no-body", "<html><body><nav>خانه</nav><div><p></div></body>", "W203"),
    (
        "html-nested-10000",
        "<html><body>" + "<div>" * 10_000 + "<p>تهران ـ متن.</p>" + "</div>" * 10_000,
        "nested",
    ),
    ("bad-published", ("عنوان\nتهران ـ متن.", "not a date"), "could not be read"),
]


@pytest.mark.parametrize(("case", "item", "warning"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_warns(case: str, item: object, warning: str) -> None:
    if isinstance(item, tuple):
        rec = newsmine.extract(item[0], published=item[1])
    else:
        rec = newsmine.extract(item)
    _valid(rec)
    assert any(warning in w for w in rec.warnings), rec.warnings


def test_html_goes_through_the_article_extractor() -> None:
    html = (
        "<html><head><title>۲۰ هزار نفر آمدند - خبرگزاری نمونه</title></head><body><nav>خانه | ورزشی</nav>"
        "<h1>۲۰ هزار نفر آمدند</h1><div class='date'>شنبه ۲۱ بهمن ۱۴۰۲ - ۱۰:۱۲</div><article>"
        "<p>تهران ـ وزیر گفت: امروز ۲۰ هزار نفر در این مراسم حاضر شدند و برنامه تا شب ادامه داشت.</p>"
        "<p>وی افزود: سال آینده این مراسم در ۳۱ استان کشور برگزار می‌شود و همه می‌توانند شرکت کنند.</p>"
        "</article><div>نظرات بینندگان</div></body></html>"
    )
    rec = _valid(newsmine.extract(html, url="https://example.invalid/news/1"))
    assert rec.title == "۲۰ هزار نفر آمدند" and rec.dateline == "تهران"
    assert rec.published == "2024-02-10T10:12:00+03:30"
    assert "خانه" not in rec.text and "نظرات" not in rec.text
    assert [(n.value, n.field) for n in rec.numbers] == [(20000, "title"), (20000, "body"), (31, "body")]


def test_huge_input_is_cut_with_warning() -> None:
    rec = newsmine.extract("عنوان\nتهران ـ " + "متن خبر. " * 150_000)
    assert any("cut to the first" in w for w in rec.warnings)


def test_windows_1256_text_is_read() -> None:
    rec = newsmine.extract("عنوان\nتهران ـ وزير گفت: 20 هزار نفر.".encode("cp1256"))
    assert rec.dateline == "تهران" and rec.numbers[0].value == 20000 and "وزیر" in rec.text


def test_extract_many_keeps_order_and_reports_bad_items() -> None:
    items = ["عنوان\nتهران ـ ۱ نفر.", 12345, "", {"no": "text"}, "عنوان\nتهران ـ ۲ نفر."]
    recs = list(newsmine.extract_many(items))
    assert len(recs) == len(items)
    assert recs[0].numbers[0].value == 1 and recs[4].numbers[0].value == 2
    assert any("E002" in w for w in recs[1].warnings)
    assert recs[2].warnings and any("E004" in w for w in recs[3].warnings)
    for rec in recs:
        _valid(rec)


def test_extract_many_in_two_processes_matches_one() -> None:
    items = [f"عنوان {i}\nتهران ـ {i} هزار نفر در ۲۲ بهمن ۱۴۰۲." for i in range(1, 9)]
    one = [r.to_dict() for r in newsmine.extract_many(items)]
    two = [r.to_dict() for r in newsmine.extract_many(items, n_process=2, chunksize=2)]
    assert one == two


def test_load_pipeline() -> None:
    nlp = newsmine.load()
    assert nlp.pipe_names == list(COMPONENTS)
    assert COMPONENTS[:3] == ("newsmine_numbers", "newsmine_dates", "newsmine_ner")
    with pytest.raises(ValueError, match="E001"):
        newsmine.load(["nope"])
    assert "newsmine_dates" not in newsmine.load(exclude=["newsmine_dates"]).pipe_names
    assert newsmine.load(["newsmine_numbers", "newsmine_ner"]).pipe_names == [
        "newsmine_numbers",
        "newsmine_ner",
    ]
