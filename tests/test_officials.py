"""Officials: people, honorifics and titles. A row per rule, a sentence per entry of titles.txt and
honorifics.txt, and the two seed articles of the issue "Who said it"."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from spacy.language import Language

import newsmine
from newsmine.extractors.officials import OfficialsExtractor, find_titles
from newsmine.resources import read_rows
from newsmine.schema import Article, Person
from newsmine.text.normalize import normalize
from newsmine.text.plain import parse_text

COMPONENTS = [
    "newsmine_numbers",
    "newsmine_dates",
    "newsmine_ner",
    "newsmine_gazetteer",
    "newsmine_officials",
]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return newsmine.load(COMPONENTS)


def people(nlp: Language, text: str, kicker: str | None = None) -> list[Person]:
    """The people of ``text`` (the officials' own output), or, with a kicker, of the article (its texts
    joined by newsmine.assemble)."""
    if kicker is None:
        return nlp(text)._.people
    return newsmine.extract(Article(text=text, kicker=kicker), nlp=nlp).people


def summary(nlp: Language, text: str, kicker: str | None = None) -> list[tuple]:
    return [
        (p.name, p.honorifics, [(t.title, t.role, t.organization) for t in p.titles])
        for p in people(nlp, text, kicker)
    ]


# --- a row per rule ---------------------------------------------------------------------------------

RULES = [
    # a title right after the name, with a comma between
    (
        "فضل‌الله کفیل، رئیس سازمان بسیج ادارات کشور، گفت: کار ادامه دارد.",
        [("فضل‌الله کفیل", [], [("رئیس سازمان بسیج ادارات کشور", "رئیس", "سازمان بسیج ادارات کشور")])],
    ),
    # a title right before the name
    (
        "وزیر امور خارجه محمدجواد ظریف امروز گفت: مذاکرات ادامه دارد.",
        [("محمدجواد ظریف", [], [("وزیر امور خارجه", "وزیر", "وزارت امور خارجه")])],
    ),
    # a title held by someone the article never names
    (
        "معاون پژوهشی وزارت علوم اعلام کرد: پذیرش دانشجو افزایش می‌یابد.",
        [(None, [], [("معاون پژوهشی وزارت علوم", "معاون", "پژوهشی وزارت علوم")])],
    ),
    # a place or a people after the role is no organization (an envoy's seat after در is)
    (
        "استاندار یزد گفت: باران آمد. نماینده مردم تبریز در مجلس نیز گفت: خوب است.",
        [
            (None, [], [("استاندار یزد", "استاندار", None)]),
            (None, [], [("نماینده مردم تبریز در مجلس", "نماینده", "مجلس")]),
        ],
    ),
    # وقت/سابق qualify the holder, not the body
    (
        "بهرام قاسمی سخنگوی وقت وزارت خارجه ایران گفت: سفر لغو شد.",
        [("بهرام قاسمی", [], [("سخنگوی وقت وزارت خارجه ایران", "سخنگو", "وزارت خارجه ایران")])],
    ),
    # "به عنوان رئیس ...": an office someone is given, not one held here
    ("پیشنهاد دادیم معاونین سیاسی استانداران به عنوان رئیس ستاد جهاد تبیین استان منصوب شوند.", []),
    # names given to places and things are not people
    ("میز خدمت امروز در محل مصلای امام خمینی(ره) و طرح شهید هاشمی برپا شد.", []),
    # a surname alone later is the same person; a second title after "و" too
    (
        "علی لاریجانی رئیس مجلس شورای اسلامی گفت: قانون اجرا شود. لاریجانی افزود: بودجه تصویب شد.",
        [("علی لاریجانی", [], [("رئیس مجلس شورای اسلامی", "رئیس", "مجلس شورای اسلامی")])],
    ),
    (
        "غلامرضا کرد زنگنه رئیس سازمان خصوصی‌سازی و معاون وزیر اقتصاد گفت: سهام عرضه شد.",
        [
            (
                "غلامرضا کرد زنگنه",
                [],
                [
                    ("رئیس سازمان خصوصی‌سازی", "رئیس", "سازمان خصوصی‌سازی"),
                    ("معاون وزیر اقتصاد", "معاون", "وزارت امور اقتصادی و دارایی"),
                ],
            )
        ],
    ),
    # several honorifics, before the name and inside the NER's entity
    (
        "سردار سرتیپ دوم محمدحسین حمیدی رئیس پلیس راهور پایتخت گفت: ترافیک سنگین است.",
        [
            (
                "محمدحسین حمیدی",
                ["سردار", "سرتیپ دوم"],
                [("رئیس پلیس راهور پایتخت", "رئیس", "پلیس راهور پایتخت")],
            )
        ],
    ),
    (
        "آیت‌الله سید هاشم حسینی‌بوشهری مدیر حوزه‌های علمیه کشور گفت: درس آغاز شد.",
        [
            (
                "هاشم حسینی‌بوشهری",
                ["آیت‌الله", "سید"],
                [("مدیر حوزه‌های علمیه کشور", "مدیر", "حوزه‌های علمیه کشور")],
            )
        ],
    ),
    # an honorific glued to the name, and names in quotation marks
    (
        "با حضور «سیدصولت مرتضوی» وزیر تعاون، کار و رفاه اجتماعی افتتاح شد.",
        [
            (
                "صولت مرتضوی",
                ["سید"],
                [("وزیر تعاون، کار و رفاه اجتماعی", "وزیر", "وزارت تعاون، کار و رفاه اجتماعی")],
            )
        ],
    ),
    # a quoted name beside a title is a name, even one the NER or the gazetteer read otherwise
    (
        'تظاهرکنندگان به مقر حمله کردند.\nژنرال "آنوبونگ باوگیندا"، فرمانده ارتش تایلند در این باره گفت: نه.',
        [("آنوبونگ باوگیندا", ["ژنرال"], [("فرمانده ارتش تایلند", "فرمانده", "ارتش تایلند")])],
    ),
    # a surname the NER tagged is a name elsewhere too; a word opening a paragraph before it is the given name
    (
        "رئیس اداره دامپزشکی اقلید از اجرای طرح بازرسی خبر داد و گفت: دام‌ها بازرسی شد.\n\n"
        "خدارضا امیدی امروز در گفت‌وگو با خبرنگار فارس در اقلید از اجرای طرح خبر داد.\n"
        "امیدی افزود: اکیپ‌های بهداشتی تشکیل شد.",
        [("خدارضا امیدی", [], [("رئیس اداره دامپزشکی اقلید", "رئیس", "اداره دامپزشکی اقلید")])],
    ),
    # one name written with and without its space
    (
        "این فیلم حاصل همراهی «کریستین فری» با «جیمزناشوی» عکاس مشهور است. "
        "وی افزود: «جیمز ناشوی» از شجاع‌ترین عکاسان جنگ است.",
        [("کریستین فری", [], []), ("جیمز ناشوی", [], [])],
    ),
    # a name in parentheses after its title
    (
        "همانطور که می‌دانید وزیر دفاع روسیه (سرگئی شویگو) با همتایان خود تماس گرفته است.",
        [("سرگئی شویگو", [], [("وزیر دفاع روسیه", "وزیر", "وزارت دفاع روسیه")])],
    ),
    # "و" inside a title when a body follows it
    (
        "ناصر حمزه‌ای معاون پرورشی و تربیت بدنی سازمان آموزش و پرورش استان قم گفت: همایش برگزار شد.",
        [
            (
                "ناصر حمزه‌ای",
                [],
                [
                    (
                        "معاون پرورشی و تربیت بدنی سازمان آموزش و پرورش استان قم",
                        "معاون",
                        "پرورشی و تربیت بدنی سازمان آموزش و پرورش استان قم",
                    )
                ],
            )
        ],
    ),
    # saints named, a given name alone, places with a name in them: no person
    ("هزاران نفر با حمل تصاویر حسین به کربلا رفتند و عاشورای امام حسین (ع) را گرامی داشتند.", []),
    ("این کارگزاری در خسرو شهر و محمود آباد افتتاح شد.", []),
    # a surname one letter off is the same name misspelt
    (
        "ابراهیم عزیزپور رئیس اداره اوقاف رامسر گفت: ضریح نصب شد. عزیرپور افزود: کار ادامه دارد.",
        [("ابراهیم عزیزپور", [], [("رئیس اداره اوقاف رامسر", "رئیس", "اداره اوقاف رامسر")])],
    ),
    # a name given to a website is no person, nor is it anywhere else in the text
    ("پایگاه اینترنتی «ایلاف» مدعی شد الجزایر میانجیگری می‌کند. ایلاف نوشت: کارشناسان پیش‌بینی می‌کنند.", []),
    # the same office in other words is one title: the lead's goes to the name the body gives
    (
        "مدیرکل سلامت و تندرستی آموزش و پرورش گفت: آزمون برگزار می‌شود.\n"
        "به گزارش فارس، محمد محسن‌بیگی مدیرکل سلامت و تندرستی وزارت آموزش و پرورش امروز افزود: خوب است.",
        [
            (
                "محمد محسن‌بیگی",
                [],
                [
                    (
                        "مدیرکل سلامت و تندرستی وزارت آموزش و پرورش",
                        "مدیرکل",
                        "سلامت و تندرستی وزارت آموزش و پرورش",
                    )
                ],
            )
        ],
    ),
    # a title's chain stops before the complement of a light verb ("افتتاح شد", "پاسخ داد")
    (
        "این شبکه دیروز با حضور محمد کریمی رئیس سازمان افتتاح شد.",
        [("محمد کریمی", [], [("رئیس سازمان", "رئیس", "سازمان")])],
    ),
    (
        "حمید احمدی نماینده سنقر پاسخ داد که طرح تصویب نشد.",
        [("حمید احمدی", [], [("نماینده سنقر", "نماینده", None)])],
    ),
    # ... and before a participle of a light verb ("هشدار داده است", "متهم شده است")
    (
        "احمد وحیدی وزیر داخله‌ی ایران هشدار داده است که مرزها بسته می‌شود.",
        [("احمد وحیدی", [], [("وزیر داخله\u200cی ایران", "وزیر", "وزارت داخله\u200cی ایران")])],
    ),
    (
        "محمد شریعتمداری وزیر کار متهم شده است.",
        [("محمد شریعتمداری", [], [("وزیر کار", "وزیر", "وزارت تعاون، کار و رفاه اجتماعی")])],
    ),
    # an envoy's seat after در ends the title and is its body; not where another official speaks
    (
        "حسن رضایی نماینده زاهدان در مجلس گفت که طرح تصویب شد.",
        [("حسن رضایی", [], [("نماینده زاهدان در مجلس", "نماینده", "مجلس")])],
    ),
    # "این <body>" ends a title; the body it points to is named elsewhere, so no organization
    (
        "علی رضایی رییس این کمیته گفت که کار ادامه دارد.",
        [("علی رضایی", [], [("رییس این کمیته", "رئیس", None)])],
    ),
    ("علی رضایی در این باره گفت که کار ادامه دارد.", [("علی رضایی", [], [])]),
    # a minister's deputy said generally is the one deputy of that ministry named with an area: one person,
    # one office (its fullest wording)
    (
        "تهران ـ معاون آبفای وزارت نیرو گفت: کار ادامه دارد. معاون وزیر نیرو افزود: بودجه کم است.",
        [(None, [], [("معاون آبفای وزارت نیرو", "معاون", "آبفای وزارت نیرو")])],
    ),
    # a minister's body is the ministry, by the lexicon's name where it knows it
    (
        "علی رضایی وزیر کار گفت: کار ادامه دارد.",
        [("علی رضایی", [], [("وزیر کار", "وزیر", "وزارت تعاون، کار و رفاه اجتماعی")])],
    ),
    # the start of a title said again is that office ("نماینده زاهدان" after "نماینده زاهدان در مجلس")
    (
        "حسن رضایی نماینده زاهدان در مجلس گفت: طرح تصویب شد. نماینده زاهدان افزود: دولت باید کمک کند.",
        [("حسن رضایی", [], [("نماینده زاهدان در مجلس", "نماینده", "مجلس")])],
    ),
    (
        "محمد جواد ظریف وزیر امور خارجه در مجلس گفت که تحریم ادامه دارد.",
        [("محمد جواد ظریف", [], [("وزیر امور خارجه", "وزیر", "وزارت امور خارجه")])],
    ),
    # a role that names its body (رئیس‌جمهور) takes a place or a qualifier after it, no other word
    (
        "حسن روحانی رئیس جمهور روابط دو کشور را خوب دانست.",
        [("حسن روحانی", [], [("رئیس جمهور", "رئیس\u200cجمهور", None)])],
    ),
    (
        "ولادیمیر پوتین رئیس جمهور روسیه گفت: مذاکرات ادامه دارد.",
        [("ولادیمیر پوتین", [], [("رئیس جمهور روسیه", "رئیس\u200cجمهور", None)])],
    ),
    # a conjunction or an adverb ends the chain
    (
        "علی بهاروند سرپرست فدراسیون یعنی همان کسی که قرارداد را بست گفت: کار ادامه دارد.",
        [("علی بهاروند", [], [("سرپرست فدراسیون", "سرپرست", "فدراسیون")])],
    ),
    # an office the NER took into the name ends the name, and is the name's title
    (
        "همچنان سید عبدالکریم نوری والی بلخ گفت که در آستانه افتتاح بند، مخالفین به چنین حملات دست می‌زنند.",
        [("عبدالکریم نوری", ["سید"], [("والی بلخ", "والی", "بلخ")])],
    ),
    # a surname written apart (قاضی زاده، امیر پور) is part of the name, not an office
    ("احسان قاضی زاده هاشمی گفت که کار ادامه دارد.", [("احسان قاضی زاده هاشمی", [], [])]),
    # an office said alone refers back to the person named last before it who has no office yet ...
    (
        "علی رضایی در گفت‌وگو با خبرنگار ما گفت: کار ادامه دارد. مدیرکل بهزیستی استان فارس افزود: بودجه کم است.",
        [("علی رضایی", [], [("مدیرکل بهزیستی استان فارس", "مدیرکل", "بهزیستی استان فارس")])],
    ),
    # ... not after a preposition (somebody else), nor a minister or a head of state, named by office alone
    (
        "حسن رضایی دیروز با سفیر ژاپن دیدار کرد. وزیر نیرو در این دیدار گفت: همکاری ادامه دارد.",
        [
            ("حسن رضایی", [], []),
            (None, [], [("سفیر ژاپن", "سفیر", None)]),
            (None, [], [("وزیر نیرو", "وزیر", "وزارت نیرو")]),
        ],
    ),
    (
        "حسن رضایی دیروز به تهران رفت. رئیس‌جمهور در این سفر گفت: همکاری ادامه دارد.",
        [("حسن رضایی", [], []), (None, [], [("رئیس\u200cجمهور", "رئیس\u200cجمهور", None)])],
    ),
    # an infinitive and its object are no name; a name written with a space inside is the same name
    (
        "مردم برای پوشیدن ماسک تشویق شدند و سعید نجف‌پور بوشهری گفت: نجف پور بوشهری را همه می‌شناسند.",
        [("سعید نجف‌پور بوشهری", [], [])],
    ),
]


@pytest.mark.parametrize(("text", "expected"), RULES, ids=[f"rule{i}" for i in range(len(RULES))])
def test_rule(nlp: Language, text: str, expected: list[tuple]) -> None:
    assert summary(nlp, text) == expected


def test_subject_title_goes_to_the_name_in_the_next_sentence(nlp: Language) -> None:
    text = (
        "مشهد ـ رئیس سازمان بسیج ادارات کشور گفت: میز خدمت برگزار شد.\n"
        "به گزارش خبرنگار مهر، فضل‌الله کفیل ظهر پنجشنبه اظهار کرد: بسیج فعال است.\n"
        "رئیس سازمان بسیج ادارات کشور بیان کرد: کار ادامه دارد."
    )
    (p,) = people(nlp, text)
    assert p.name == "فضل‌الله کفیل" and [t.title for t in p.titles] == ["رئیس سازمان بسیج ادارات کشور"]
    said = [text[m.start : m.end] for m in p.mentions]
    assert said.count("رئیس سازمان بسیج ادارات کشور") == 2 and "فضل‌الله کفیل" in said


def test_kicker_title_goes_to_the_first_person_of_the_body(nlp: Language) -> None:
    text = "به گزارش خبرنگار مهر، فضل‌الله کفیل امروز گفت: کار ادامه دارد."
    kicker = "رئیس سازمان بسیج ادارات کشور:"
    (p,) = people(nlp, text, kicker=kicker)
    assert [t.title for t in p.titles] == ["رئیس سازمان بسیج ادارات کشور"]
    # the kicker's mention is a mention of the person, with offsets into the kicker
    assert [(m.field, (text if m.field == "body" else kicker)[m.start : m.end]) for m in p.mentions] == [
        ("kicker", "رئیس سازمان بسیج ادارات کشور"),
        ("body", "فضل‌الله کفیل"),
    ]


def test_dateline_is_no_person(nlp: Language) -> None:
    assert all(p.name != "عصر قم" for p in people(nlp, "عصر قم - علی رضایی امروز گفت: کار ادامه دارد."))


def test_ids_follow_first_mention_and_spans_group(nlp: Language) -> None:
    text = "علی رضایی و حسن روحانی دیدار کردند. رضایی گفت: خوب بود."
    doc = nlp(text)
    assert [(p.id, p.name) for p in doc._.people] == [("p1", "علی رضایی"), ("p2", "حسن روحانی")]
    group = sorted((s.start_char, s.end_char, s._.value) for s in doc.spans["people"])
    assert group == sorted((m.start, m.end, p.id) for p in doc._.people for m in p.mentions)
    assert [text[m.start : m.end] for m in doc._.people[0].mentions] == ["علی رضایی", "رضایی"]


def test_without_the_gazetteer_it_reads_no_spans_and_runs_nothing_else() -> None:
    """The component reads only what it requires: without the gazetteer in the pipeline it has no
    organization or place spans (it does not run the gazetteer itself), and still finds people and titles."""
    nlp = newsmine.load(["newsmine_ner", "newsmine_officials"])
    assert isinstance(nlp.get_pipe("newsmine_officials"), OfficialsExtractor)
    doc = nlp("حجت‌الاسلام والمسلمین «احمد صالحی» رئیس مرکز ارتباطات مردمی ریاست جمهوری گفت.")
    (p,) = doc._.people
    assert (p.name, p.honorifics) == ("احمد صالحی", ["حجت‌الاسلام والمسلمین"])
    assert p.titles[0].title.startswith("رئیس مرکز ارتباطات مردمی")
    assert "organizations" not in doc.spans and "locations" not in doc.spans


def test_find_titles_alone() -> None:
    found = find_titles("سخنگوی دولت گفت و این وزیر آمد", [])
    assert [(t.title, t.role) for t in found] == [("سخنگوی دولت", "سخنگو")]


def test_empty_text(nlp: Language) -> None:
    assert people(nlp, "") == []


# --- every entry of the lists ------------------------------------------------------------------------

TITLE_ROWS = [r for r in read_rows("titles.txt") if len(r) >= 2]
HONORIFIC_ROWS = [r for r in read_rows("honorifics.txt") if len(r) >= 2]


@pytest.mark.parametrize("row", TITLE_ROWS, ids=[r[0] for r in TITLE_ROWS])
def test_every_title_word(nlp: Language, row: list[str]) -> None:
    role, canonical, whole = row[0], row[1], len(row) > 2 and "whole" in row[2].split()
    tail = "" if whole else " سازمان بهزیستی کشور"
    text = f"به گزارش خبرنگار ما، علی رضایی {role}{tail} امروز گفت: کار ادامه دارد."
    (p,) = people(nlp, text)
    assert p.name == "علی رضایی"
    assert [(t.title, t.role) for t in p.titles] == [(f"{role}{tail}", canonical)]


@pytest.mark.parametrize("row", HONORIFIC_ROWS, ids=[r[0] for r in HONORIFIC_ROWS])
def test_every_honorific(nlp: Language, row: list[str]) -> None:
    text = f"به گزارش خبرنگار ما، {row[0]} علی رضایی امروز در جمع خبرنگاران گفت: کار ادامه دارد."
    assert summary(nlp, text) == [("علی رضایی", [row[1]], [])]


def test_resources_say_where_they_come_from() -> None:
    from newsmine.resources import read_text

    for name in ("titles.txt", "honorifics.txt"):
        assert "newsmine developers" in read_text(name).split("\n", 3)[1]


# --- the seeds -------------------------------------------------------------------------------------------


def _seed(corpora: Path, name: str) -> tuple[str, list[Person]]:
    art = parse_text((corpora / "seeds" / name).read_text(encoding="utf-8"))
    record = newsmine.extract(art, published=date(2024, 2, 10))
    return record.text, record.people


@pytest.mark.corpora
def test_mehr_seed(corpora: Path) -> None:
    text, found = _seed(corpora, "mehr-bases-service-desks.txt")
    (kafil,) = [p for p in found if p.name == normalize("فضل‌الله کفیل")]
    assert [(t.title, t.role, t.organization) for t in kafil.titles] == [
        ("رئیس سازمان بسیج ادارات کشور", "رئیس", "سازمان بسیج ادارات کشور")
    ]
    said = [text[m.start : m.end] for m in kafil.mentions]
    assert said.count("کفیل") == 2
    assert not [p for p in found if p.name is None]


@pytest.mark.corpora
def test_asreqom_seed(corpora: Path) -> None:
    _, found = _seed(corpora, "asreqom-labour-ministry-desk.txt")
    by_name = {p.name: p for p in found}
    assert set(by_name) == {"امیرعلی اوسط", "صولت مرتضوی", "احمد صالحی"}  # no امام خمینی, no عصر قم
    ousat, mortazavi, salehi = by_name["امیرعلی اوسط"], by_name["صولت مرتضوی"], by_name["احمد صالحی"]
    assert [t.title for t in ousat.titles] == [
        "رئیس مرکز بازرسی، ارزیابی عملکرد و ارتباطات مردمی وزارت تعاون، کار و رفاه اجتماعی"
    ]
    assert ousat.titles[0].organization == (
        "مرکز بازرسی، ارزیابی عملکرد و ارتباطات مردمی وزارت تعاون، کار و رفاه اجتماعی"
    )
    assert (mortazavi.honorifics, [t.title for t in mortazavi.titles]) == (
        ["سید"],
        ["وزیر تعاون، کار و رفاه اجتماعی"],
    )
    assert (salehi.honorifics, [(t.role, t.organization) for t in salehi.titles]) == (
        ["حجت‌الاسلام والمسلمین"],
        [("رئیس", "مرکز ارتباطات مردمی ریاست جمهوری")],
    )


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("نفتکش مرسر استریت در سواحل عمان هدف حمله قرار گرفت.", "نفتکش مرسر استریت"),
        ("پهپاد قاصف دیروز سرنگون شد.", "پهپاد قاصف"),
    ],
)
def test_a_vehicle_named_is_no_person(text: str, entity: str) -> None:
    """A name the NER tags as a person after a vehicle's head word (نفتکش، پهپاد) names the vehicle."""
    nlp = newsmine.load(["newsmine_gazetteer", "newsmine_officials"])
    doc = nlp.make_doc(text)
    doc.ents = [doc.char_span(0, len(entity), label="PER", alignment_mode="expand")]
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    assert doc._.people == []
