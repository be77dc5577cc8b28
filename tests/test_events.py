"""Events: one (text, expected) row per trigger type and rule, negative rows, the two seed articles."""

from __future__ import annotations

import pickle
from datetime import date

import pytest
from spacy.language import Language
from spacy.tokens import Doc

import newsmine
import newsmine.extractors.events  # registers "newsmine_events"
from newsmine.extractors.events import EVENT_TYPES, EventFinder, load_lexicon
from newsmine.lang.keys import key as word_key
from newsmine.schema import Article, Event, Mention, Person
from newsmine.text.normalize import normalize
from newsmine.text.plain import parse_text

#: Saturday 2024-02-10 = 1402-11-21, the publication day of both seeds
PUBLISHED = date(2024, 2, 10)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return newsmine.load()


def _events(nlp: Language, text: str, published: date | None = None) -> list[Event]:
    doc = nlp.make_doc(text)
    doc._.published = published
    return nlp(doc)._.events


# (rule, text, [(name, type)]): every trigger type, and the phrase rules
ROWS = [
    ("meeting-nashast", "نشست خبری سخنگوی دولت امروز برگزار شد.", [("نشست خبری سخنگوی دولت", "meeting")]),
    (
        "meeting-jalase",
        "جلسه شورای عالی امنیت ملی دیروز تشکیل شد.",
        [("جلسه شورای عالی امنیت ملی", "meeting")],
    ),
    (
        "meeting-gardehamayi",
        "گردهمایی فرماندهان بسیج استان فارس برگزار شد.",
        [("گردهمایی فرماندهان بسیج استان فارس", "meeting")],
    ),
    (
        "meeting-ejlas-intl-is-conference",
        "اجلاس سران کشورهای اسلامی در ریاض آغاز شد.",
        [("اجلاس سران کشورهای اسلامی", "conference")],
    ),
    (
        "ceremony-marasem",
        "مراسم تشییع پیکر شهدای گمنام در قم برگزار شد.",
        [("مراسم تشییع پیکر شهدای گمنام", "ceremony")],
    ),
    (
        "ceremony-jashn",
        "جشن پیروزی انقلاب اسلامی در مدارس برگزار شد.",
        [("جشن پیروزی انقلاب اسلامی", "ceremony")],
    ),
    ("program-quoted", "پویش ملی «ایران همدل» آغاز شد.", [("پویش ملی «ایران همدل»", "program")]),
    ("program-ordinal-in-chain", "برنامه هفتم توسعه تصویب شد.", [("برنامه هفتم توسعه", "program")]),
    (
        "program-connector-quote",
        "طرحی تحت عنوان «مدرسه انقلاب» اجرا شد.",
        [("طرحی «مدرسه انقلاب»", "program")],
    ),
    ("prayer-joined", "امروز در نمازجمعه تهران گفت.", [("نمازجمعه تهران", "prayer")]),
    (
        "prayer-two-words",
        "نماز جمعه اصفهان به امامت آیت‌الله طباطبایی‌نژاد اقامه شد.",
        [("نماز جمعه اصفهان", "prayer")],
    ),
    ("prayer-eid-name", "نماز عید فطر در مصلای تهران اقامه شد.", [("نماز عید فطر", "prayer")]),
    (
        "election-year",
        "انتخابات ریاست جمهوری ۱۴۰۰ با حضور مردم برگزار شد.",
        [("انتخابات ریاست جمهوری ۱۴۰۰", "election")],
    ),
    (
        "commemoration-yadvare",
        "یادواره شهدای دانشجوی استان قم برگزار شد.",
        [("یادواره شهدای دانشجوی استان قم", "commemoration")],
    ),
    (
        "commemoration-ordinal-salgard",
        "به مناسبت ۴۵اُمین سالگرد پیروزی انقلاب اسلامی برگزار شد.",
        [("۴۵اُمین سالگرد پیروزی انقلاب اسلامی", "commemoration")],
    ),
    ("commemoration-name-alone", "دهه فجر آغاز شد.", [("دهه فجر", "commemoration")]),
    ("commemoration-week", "هفته دفاع مقدس آغاز شد.", [("هفته دفاع مقدس", "commemoration")]),
    (
        "ceremony-date-in-name",  # a ceremony's head keeps its type
        "مراسم بزرگداشت شهدای هفتم تیر برگزار شد.",
        [("مراسم بزرگداشت شهدای هفتم تیر", "ceremony")],
    ),
    (
        "visit-argument-after-az",
        "بازدید وزیر کشور از مناطق زلزله‌زده انجام شد.",
        [("بازدید وزیر کشور از مناطق زلزله\u200cزده", "visit")],
    ),
    ("exhibition", "نمایشگاه کتاب تهران امروز آغاز شد.", [("نمایشگاه کتاب تهران", "exhibition")]),
    (
        "ceremony-holds-exhibition",
        "آیین افتتاحیه نمایشگاه کتاب تهران برگزار شد.",
        [("آیین افتتاحیه نمایشگاه کتاب تهران", "ceremony"), ("نمایشگاه کتاب تهران", "exhibition")],
    ),
    ("festival", "جشنواره فیلم فجر با حضور هنرمندان آغاز شد.", [("جشنواره فیلم فجر", "festival")]),
    (
        "festival-edition-weak-head",
        "سی‌امین دوره جشنواره بین‌المللی فیلم کودک در اصفهان برگزار شد.",
        [("سی\u200cامین دوره جشنواره بین\u200cالمللی فیلم کودک", "festival")],
    ),
    (
        "conference-hamayesh",
        "همایش ملی زبان فارسی در دانشگاه تهران برگزار شد.",
        [("همایش ملی زبان فارسی", "conference")],
    ),
    (
        "conference-kongre",
        "کنگره ملی شهدای استان کرمان برگزار شد.",
        [("کنگره ملی شهدای استان کرمان", "conference")],
    ),
    (
        "course-kargah",
        "کارگاه آموزشی خبرنگاران صداوسیما برگزار شد.",
        [("کارگاه آموزشی خبرنگاران صداوسیما", "course")],
    ),
    (
        "course-ordu-ezafe",
        "اردوی جهادی دانشجویان دانشگاه شریف برگزار شد.",
        [("اردوی جهادی دانشجویان دانشگاه شریف", "course")],
    ),
    (
        "competition-mosabeqat",
        "مسابقات قرآن کریم کشور در مشهد آغاز شد.",
        [("مسابقات قرآن کریم کشور", "competition")],
    ),
    ("competition-jam-jahani", "جام جهانی فوتبال در قطر برگزار شد.", [("جام جهانی فوتبال", "competition")]),
    ("competition-league", "لیگ برتر فوتبال ایران آغاز شد.", [("لیگ برتر فوتبال ایران", "competition")]),
    ("disaster-flood-place", "سیل خوزستان خسارت زد.", [("سیل خوزستان", "disaster")]),
    (
        "disaster-fire",
        "آتش‌سوزی ساختمان پلاسکو در تهران رخ داد.",
        [("آتش\u200cسوزی ساختمان پلاسکو", "disaster")],
    ),
    ("conflict-war-place", "جنگ غزه ادامه دارد.", [("جنگ غزه", "conflict")]),
    (
        "conflict-attack-argument",
        "حمله موشکی ایران به پایگاه عین‌الاسد انجام شد.",
        [("حمله موشکی ایران به پایگاه عین\u200cالاسد", "conflict")],
    ),
    ("other-rally-date", "راهپیمایی ۲۲ بهمن با حضور مردم برگزار شد.", [("راهپیمایی ۲۲ بهمن", "other")]),
    # phrase boundaries
    (
        "stops-at-light-verb",
        "در پایان دوره توانمندسازی مدیران استان اظهار کرد",
        [("دوره توانمندسازی مدیران استان", "course")],
    ),
    (
        "stops-at-adverb-prefix",
        "سالگرد پیروزی انقلاب به‌طور همزمان برگزار شد.",
        [("سالگرد پیروزی انقلاب", "commemoration")],
    ),
    ("relative-date-left-out", "در حاشیه نمازجمعه امروز تهران، گفت.", [("نمازجمعه تهران", "prayer")]),
    ("ezafe-written", "جلسه‌ی شورای شهر تهران برگزار شد.", [("جلسه\u200cی شورای شهر تهران", "meeting")]),
    # arguments and places the name goes on through
    ("pp-travel-place", "استاندار در حاشیه سفر به مازندران گفت.", [("سفر به مازندران", "visit")]),
    (
        "pp-argument-of-modifier",
        "طرح مبارزه با قاچاق کالا در استان اجرا شد.",
        [("طرح مبارزه با قاچاق کالا", "program")],
    ),
    (
        "pp-then-place",
        "درگیری پلیس با قاچاقچیان مسلح در جنوب کرمان رخ داد.",
        [("درگیری پلیس با قاچاقچیان مسلح در جنوب کرمان", "conflict")],
    ),
    ("place-makes-short-name", "خسارت سیل در ماکو زیاد بود.", [("سیل در ماکو", "disaster")]),
    ("possessive-quote", "او در دیدارش با «علی رضایی» گفت.", [("دیدارش با «علی رضایی»", "meeting")]),
    ("measure-number", "جلسه ۵ ساعته هیئت دولت در یزد برگزار شد.", [("جلسه ۵ ساعته هیئت دولت", "meeting")]),
    ("coordination", "جلسه نظارت بهداشتی و شرعی برگزار شد.", [("جلسه نظارت بهداشتی و شرعی", "meeting")]),
    (
        "future-auxiliary",
        "بازیکنان در اردوی امارات احساس خواهند کرد که آماده‌اند.",
        [("اردوی امارات", "course")],
    ),
    # what makes a short name specific
    ("occasion-of-speech", "وزیر کار در یک نشست خبری گفت که بیکاری کم شد.", [("نشست خبری", "meeting")]),
    ("in-gathering", "استاندار در جمع خبرنگاران با اشاره به بودجه گفت.", [("جمع خبرنگاران", "meeting")]),
    ("ordinal-picks-one", "تا پایان برنامه ششم به هدف می‌رسیم.", [("برنامه ششم", "program")]),
    ("full-election", "انتخابات مجلس با حضور مردم برگزار شد.", [("انتخابات مجلس", "election")]),
    ("holiday-name", "بازرسی در عید فطر امسال انجام شد.", [("عید فطر", "commemoration")]),
    ("week-occasion", "هفته سلامت با برنامه‌های متنوع آغاز شد.", [("هفته سلامت", "commemoration")]),
    ("world-day", "روز جهانی کودک گرامی داشته شد.", [("روز جهانی کودک", "commemoration")]),
    ("historic-name", "کشور پس از انقلاب اسلامی پیشرفت کرد.", [("انقلاب اسلامی", "other")]),
    ("closed-name-stops", "انقلاب اسلامی تحول بزرگی ایجاد کرد.", [("انقلاب اسلامی", "other")]),
    (
        "closed-name-takes-name",
        "دهه فجر انقلاب اسلامی آغاز شد.",
        [("دهه فجر انقلاب اسلامی", "commemoration")],
    ),
    ("closed-name-ezafe", "عاشورای حسینی در کربلا برگزار شد.", [("عاشورای حسینی", "commemoration")]),
    (
        "match-type",
        "دیدار تیم‌های استقلال و پرسپولیس برگزار شد.",
        [("دیدار تیم\u200cهای استقلال و پرسپولیس", "competition")],
    ),
    (
        "ceremony-holds-other-kind",
        "مراسم افتتاحیه دومین نمایشگاه صنایع دستی برگزار شد.",
        [
            ("مراسم افتتاحیه دومین نمایشگاه صنایع دستی", "ceremony"),
            ("دومین نمایشگاه صنایع دستی", "exhibition"),
        ],
    ),
    (
        "nested-name-in-organization",
        "در نشست مشترک شورای عالی قشر بسیج سپاه عاشورا گفت.",
        [("نشست مشترک شورای عالی قشر بسیج سپاه عاشورا", "meeting")],
    ),
    (
        "nested-occasion",
        "در گرامیداشت روز جهانی معلولین گفت.",
        [("گرامیداشت روز جهانی معلولین", "commemoration"), ("روز جهانی معلولین", "commemoration")],
    ),
    (
        "nested-name",
        "به مناسبت گرامیداشت ایام‌الله دهه فجر، برگزار شد.",
        [("گرامیداشت ایام\u200cالله دهه فجر", "commemoration"), ("دهه فجر", "commemoration")],
    ),
]

# (rule, text): no event
NEGATIVE = [
    ("bare-trigger", "نشست برگزار شد."),
    ("bare-trigger-one-modifier", "نشست روشنگری برگزار شد."),
    ("determiner", "این طرح اجرا شد."),
    ("determiner-with-modifier", "در راستای این طرح ملّی گفت."),
    ("determiner-every", "هر جلسه مهم است."),
    ("plural", "طرح‌ها اجرا شد."),
    ("plural-with-modifiers", "دوره‌های آموزشی مدیران برگزار شد."),
    ("indefinite-without-quote", "جلسه‌ای برگزار شد."),
    ("counted-claim", "بیش از ۵۰۰۰ نشست روشنگری برگزار شد."),
    ("counted-words", "۲۰ هزار یادواره شهدا برگزار شد."),
    ("compound-verb", "وزیر از نمایشگاه بازدید کرد."),
    ("compound-verb-plural", "مدیران از زیرساخت‌های کشور بازدید کردند."),
    ("tarh-raising-a-question", "طرح سوالات جدید در کلاس انجام شد."),
    ("doure-term", "در دوره ریاست جمهوری او این اتفاق افتاد."),
    ("metaphorical-war", "جنگ نرم دشمن ادامه دارد."),
    ("speech-after-bare", "او در جلسه گفت که"),
    ("no-trigger", "وزیر کار امروز گفت که میز خدمت برپا می‌شود."),
    ("week-relative", "هفته آینده جلسه‌ای برگزار می‌شود."),
    ("week-of-league", "او در هفته نهم گل زد."),
    ("one-week-counted", "تیم به مدت یک هفته در شهر ابوظبی تمرین کرد."),
    ("country-body", "کنگره آمریکا این قانون را تصویب کرد."),
    ("word-of-organization", "سازمان مدیریت و برنامه ریزی کشور گزارش داد."),
    ("name-in-organization", "سپاه پاسداران انقلاب اسلامی بیانیه داد."),
    ("plural-noun-generic", "حوادث طبیعی مختلف رخ داد."),
    ("one-modifier-no-occasion", "او به نشست روشنگری رفت."),
]


@pytest.mark.parametrize(("rule", "text", "expected"), ROWS, ids=[r[0] for r in ROWS])
def test_rows(nlp: Language, rule: str, text: str, expected: list[tuple[str, str]]) -> None:
    events = _events(nlp, text)
    assert [(e.name, e.type) for e in events] == expected
    for e in events:
        for s, t in ((m.start, m.end) for m in e.mentions):
            assert 0 <= s < t <= len(text)


@pytest.mark.parametrize(("rule", "text"), NEGATIVE, ids=[r[0] for r in NEGATIVE])
def test_negative(nlp: Language, rule: str, text: str) -> None:
    assert _events(nlp, text) == []


def test_every_type_has_a_row() -> None:
    types = {t for _, _, expected in ROWS for _, t in expected}
    assert set(EVENT_TYPES) == types


def test_lexicon_types_known() -> None:
    lex = load_lexicon()
    assert {t.type for t in lex.triggers.values()} == set(EVENT_TYPES)
    assert word_key("ملّی") == word_key("ملی")
    assert lex.triggers[(word_key("ویژه\u200cبرنامه"),)].type == "program"  # "ویژه برنامه" joined
    assert lex.triggers[(word_key("دهه"), word_key("فجر"))].flags == {"name", "closed"}
    assert "از" in lex.pp[word_key("بازدید")]


def test_merge_same_quoted_name(nlp: Language) -> None:
    text = "طرح ملّی «دولت مردمی» آغاز شد. ویژه برنامه «دولت مردمی» در تهران اجرا شد. این طرح ملّی ادامه دارد."
    (event,) = _events(nlp, text)
    assert event.name == "طرح ملّی «دولت مردمی»" and event.type == "program"
    assert [text[m.start : m.end] for m in event.mentions] == [
        "طرح ملّی «دولت مردمی»",
        "ویژه برنامه «دولت مردمی»",
    ]


def test_merge_same_name_and_ids_in_order(nlp: Language) -> None:
    text = "جشنواره فیلم فجر آغاز شد. نمازجمعه تهران اقامه شد. جشنواره فیلم فجر پایان یافت."
    events = _events(nlp, text)
    assert [(e.id, e.name, len(e.mentions)) for e in events] == [
        ("e1", "جشنواره فیلم فجر", 2),
        ("e2", "نمازجمعه تهران", 1),
    ]


def test_merge_shorter_name(nlp: Language) -> None:
    text = "جام جهانی قطر آغاز شد. تیم ملی در جام جهانی خوب بود."
    (event,) = _events(nlp, text)
    assert (event.name, len(event.mentions)) == ("جام جهانی قطر", 2)


def test_shorter_name_inside_is_apart(nlp: Language) -> None:
    # the nested name is an event of its own, not a shorter mention of the phrase around it
    events = _events(nlp, "به مناسبت گرامیداشت ایام‌الله دهه فجر برگزار شد.")
    assert [e.name for e in events] == ["گرامیداشت ایام\u200cالله دهه فجر", "دهه فجر"]


def test_name_is_one_event(nlp: Language) -> None:
    text = "عاشورای حسینی فرا رسید. مردم در عاشورای سالار شهیدان عزاداری کردند."
    (event,) = _events(nlp, text)
    assert (event.name, len(event.mentions)) == ("عاشورای حسینی", 2)


def test_names_of_one_event(nlp: Language) -> None:
    text = "رزمندگان در دفاع مقدس ایستادند. جنگ تحمیلی هشت سال طول کشید."
    (event,) = _events(nlp, text)
    assert (event.name, event.type, len(event.mentions)) == ("دفاع مقدس", "conflict", 2)


def test_title_and_kicker_events(nlp: Language) -> None:
    """The kicker and the title are texts of their own: their events come first, each mention says which
    text it is in, and an event both the title and the body name is one."""
    text = "فرماندار ماکو گفت که جشنواره فیلم فجر آغاز شد."
    kicker, title = "خسارت سیل در ماکو", "برگزاری جشنواره فیلم فجر"
    rec = newsmine.extract(Article(text=text, kicker=kicker + ":", title=title), nlp=nlp)
    assert [(e.name, [(m.field, m.start, m.end) for m in e.mentions]) for e in rec.events] == [
        ("سیل در ماکو", [("kicker", 6, 17)]),
        (
            "جشنواره فیلم فجر",
            [("title", 8, 24), ("body", text.index("جشنواره"), text.index(" آغاز"))],
        ),
    ]


def test_date_from_same_sentence(nlp: Language) -> None:
    text = "همایش ملی زبان فارسی ۲۲ بهمن ۱۴۰۲ برگزار شد. جشنواره فیلم فجر آغاز شد."
    events = _events(nlp, text)
    assert [(e.name, e.date) for e in events] == [
        ("همایش ملی زبان فارسی", "1402-11-22"),
        ("جشنواره فیلم فجر", None),
    ]


def test_relative_date_needs_published(nlp: Language) -> None:
    text = "نمازجمعه تهران امروز اقامه شد."
    assert _events(nlp, text)[0].date is None
    assert _events(nlp, text, PUBLISHED)[0].date == "1402-11-21"


def test_location_inside_preferred(nlp: Language) -> None:
    (event,) = _events(nlp, "در مشهد گفت: در نمازجمعه تهران میز خدمت مستقر شد.")
    assert event.location == "تهران"


def test_location_from_gazetteer_spans(nlp: Language) -> None:
    text = "همایش ملی زبان فارسی در شهرری برگزار شد."
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name != "newsmine_events":
            doc = proc(doc)
    start = text.index("شهرری")
    doc.spans["locations"] = [doc.char_span(start, start + len("شهرری"))]
    (event,) = nlp.get_pipe("newsmine_events")(doc)._.events
    assert event.location == "شهرری"


def test_participants_from_people(nlp: Language) -> None:
    text = "فضل‌الله کفیل در پایان دوره توانمندسازی مدیران استان گفت. علی رضایی در تهران بود."
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name != "newsmine_events":
            doc = proc(doc)
    kafil = Mention(0, len("فضل‌الله کفیل"))
    rezaei = Mention(text.index("علی رضایی"), text.index("علی رضایی") + len("علی رضایی"))
    doc._.people = [
        Person("p1", "فضل‌الله کفیل", mentions=[kafil]),
        Person("p2", "علی رضایی", mentions=[rezaei]),
    ]
    (event,) = nlp.get_pipe("newsmine_events")(doc)._.events
    assert event.participants == ["p1"]


def test_participants_through_links(nlp: Language) -> None:
    """A pronoun the quotes component links to a person (doc._.links) makes that person a participant of
    the events of its sentence, without any component editing doc._.people."""
    text = "فضل‌الله کفیل آمد. وی گفت: دوره توانمندسازی مدیران استان برگزار شد."
    doc = nlp(text)
    (kafil,) = doc._.people
    assert [(link.person, link.kind) for link in doc._.links] == [(kafil.id, "pronoun")]
    assert [m.start for m in kafil.mentions] == [0]  # the officials' own output, unchanged
    (event,) = doc._.events
    assert event.participants == [kafil.id]


def test_people_none_is_empty(nlp: Language) -> None:
    (event,) = _events(nlp, "جشنواره فیلم فجر آغاز شد.")
    assert event.participants == []


def test_without_ner_or_numbers() -> None:
    import spacy

    from newsmine.text.tokenize import HazmTokenizer

    bare = spacy.blank("fa")
    bare.tokenizer = HazmTokenizer(bare.vocab)
    bare.add_pipe("newsmine_events", config={"use_ner": False})
    doc = bare("بیش از ۵۰۰۰ نشست روشنگری و دوره توانمندسازی مدیران استان برگزار شد.")
    assert [(e.name, e.type) for e in doc._.events] == [("دوره توانمندسازی مدیران استان", "course")]


def test_pickle_and_fresh_list_per_doc(nlp: Language) -> None:
    finder = pickle.loads(pickle.dumps(nlp.get_pipe("newsmine_events")))
    assert isinstance(finder, EventFinder) and finder.max_chain == 8
    first = _events(nlp, "جشنواره فیلم فجر آغاز شد.")
    second = _events(nlp, "نشست برگزار شد.")
    assert len(first) == 1 and second == []


# --- the seeds --------------------------------------------------------------------------------------


def _seed(nlp: Language, corpora, name: str) -> tuple[str, Doc]:
    raw = (corpora / "seeds" / name).read_text(encoding="utf-8")
    text = normalize(parse_text(raw).text)
    doc = nlp.make_doc(text)
    doc._.published = PUBLISHED
    return text, nlp(doc)


@pytest.mark.corpora
def test_asreqom_seed(nlp: Language, corpora) -> None:
    text, doc = _seed(nlp, corpora, "asreqom-labour-ministry-desk.txt")
    events = doc._.events
    by_name = {e.name: e for e in events}
    plan = [e for e in events if "«دولت مردمی؛ وزارت پاسخگو»" in e.name]
    assert len(plan) == 1 and plan[0].type == "program"
    assert len(plan[0].mentions) == 4  # طرح میز خدمت ...، ویژه برنامه، طرح ملّی، برنامه
    assert by_name["دهه فجر"].type == "commemoration"
    prayer = by_name["نمازجمعه تهران"]
    assert (prayer.type, prayer.location, prayer.date) == ("prayer", "تهران", "1402-11-21")
    assert [text[m.start : m.end] for m in prayer.mentions] == ["نمازجمعه تهران", "نمازجمعه امروز تهران"]
    assert by_name["45اُمین سالگرد پیروزی شکوهمند انقلاب اسلامی"].type == "commemoration"
    assert all(text[m.start : m.end].strip() == text[m.start : m.end] for ev in events for m in ev.mentions)
    assert [e.id for e in events] == [f"e{i}" for i in range(1, len(events) + 1)]
    assert not any(e.name.startswith("این ") for e in events)


@pytest.mark.corpora
def test_mehr_seed(nlp: Language, corpora) -> None:
    _, doc = _seed(nlp, corpora, "mehr-bases-service-desks.txt")
    by_name = {e.name: e for e in doc._.events}
    course = by_name["دوره توانمندسازی کشوری مسئولین سازمان بسیج ادارات"]
    assert course.type == "course" and course.date == "1402-11-19"  # ظهر پنجشنبه before 21 بهمن
    assert by_name["طرح شهید هاشمی"].type == "program"
    # counted (۵۰۰۰ نشست، ۸۲ گردهمایی، ۱۲۱ یادواره) and plural (دوره‌ها، اردوها) triggers are no events
    assert not any(w in name for name in by_name for w in ("نشست", "گردهمایی", "یادواره", "اردو"))


def _with_event_ents(nlp: Language, text: str, names: list[str]) -> Doc:
    """``text`` through the pipeline up to the events component, with ``names`` set as NER EVENT ents."""
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name != "newsmine_events":
            doc = proc(doc)
    spans = [doc.char_span(text.index(n), text.index(n) + len(n), label="EVENT") for n in names]
    doc.ents = spans
    return nlp.get_pipe("newsmine_events")(doc)


def test_ner_events(nlp: Language) -> None:
    text = "المپیاد ریاضی برگزار شد و فتح خرمشهر یاد شد و ۵۰۰۰ نشست روشنگری برگزار شد."
    doc = _with_event_ents(nlp, text, ["المپیاد ریاضی", "فتح خرمشهر", "نشست روشنگری"])
    # a bare trigger the NER marks is an event of the trigger's type; a NER event without a trigger is
    # "other"; a counted trigger stays out whatever the NER says
    assert [(e.name, e.type) for e in doc._.events] == [
        ("المپیاد ریاضی", "competition"),
        ("فتح خرمشهر", "other"),
    ]


def test_rule_phrase_wins_over_overlapping_ner(nlp: Language) -> None:
    text = "جشنواره فیلم فجر با حضور هنرمندان آغاز شد."
    doc = _with_event_ents(nlp, text, ["فیلم فجر با حضور"])
    assert [(e.name, e.type) for e in doc._.events] == [("جشنواره فیلم فجر", "festival")]
