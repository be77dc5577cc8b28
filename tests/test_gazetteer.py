"""The gazetteer: organizations with canonical names, and locations (newsmine.extractors.gazetteer).

One row per rule, so a failing row names its rule. No test measures time (speed lives in bench/).
"""

from __future__ import annotations

import itertools
import pickle
from pathlib import Path

import pytest

import newsmine
import newsmine.extractors.gazetteer as gz
from newsmine.extractors.gazetteer import (
    Gazetteer,
    canonical_organization,
    find_locations,
    find_organizations,
    match_organization,
    matcher,
)
from newsmine.lang.keys import key as compact
from newsmine.lang.lexicon import lexicon, read_organizations
from newsmine.resources import read_rows

LABOUR = "وزارت تعاون، کار و رفاه اجتماعی"
ZWNJ = "\u200c"


def orgs(text: str) -> list[tuple[str, str | None]]:
    text = newsmine.normalize(text)
    return [(text[m.start : m.end], m.value) for m in find_organizations(text)]


def locs(text: str) -> list[tuple[str, str | None]]:
    text = newsmine.normalize(text)
    return [(text[m.start : m.end], m.value) for m in find_locations(text)]


# --- the resources -------------------------------------------------------------------------------------------


def test_lexicon_has_at_least_150_bodies() -> None:
    rows = read_organizations()
    assert len({canonical for canonical, _, _ in rows}) >= 150
    assert lexicon().bodies >= 150


def test_every_alias_maps_to_one_canonical() -> None:
    owner: dict[str, str] = {}
    clashes = []
    for canonical, aliases, sources in read_organizations():
        for alias in [canonical, *aliases, *sources]:
            key = compact(alias)
            if owner.setdefault(key, canonical) != canonical:
                clashes.append((alias, owner[key], canonical))
    assert clashes == []
    assert lexicon().conflicts == []


def test_canonical_names_are_unique_rows() -> None:
    canonicals = [compact(c) for c, _, _ in read_organizations()]
    assert len(canonicals) == len(set(canonicals))


def test_resources_say_where_they_come_from() -> None:
    for name in ("organizations.txt", "places.txt", "org_heads.txt", "facility_heads.txt"):
        head = (Path(gz.__file__).parents[1] / "resources" / name).read_text(encoding="utf-8")
        assert head.startswith("#") and "general knowledge" in head and "MIT" in head, name


def test_places_have_valid_kinds_and_all_31_provinces() -> None:
    rows = read_rows("places.txt")
    assert {r[1] for r in rows} <= {"country", "province", "city", "region"}
    provinces = {compact(r[0]) for r in rows if r[1] == "province"}
    canonical_provinces = [
        "آذربایجان شرقی", "آذربایجان غربی", "اردبیل", "اصفهان", "البرز", "ایلام", "بوشهر", "تهران",
        "چهارمحال و بختیاری", "خراسان جنوبی", "خراسان رضوی", "خراسان شمالی", "خوزستان", "زنجان", "سمنان",
        "سیستان و بلوچستان", "فارس", "قزوین", "قم", "کردستان", "کرمان", "کرمانشاه", "کهگیلویه و بویراحمد",
        "گلستان", "گیلان", "لرستان", "مازندران", "استان مرکزی", "هرمزگان", "همدان", "یزد",
    ]  # fmt: skip
    assert len(canonical_provinces) == 31
    assert all(compact(p) in provinces for p in canonical_provinces)
    # every province has its capital or main city listed
    cities = {r[2] for r in rows if r[1] == "city" and len(r) > 2}
    assert all(p.removeprefix("استان ") in cities for p in canonical_provinces)


def test_countries_cover_the_un_members() -> None:
    rows = read_rows("places.txt")
    countries = {r[2] if len(r) > 2 else r[0] for r in rows if r[1] == "country"}
    assert len(countries) >= 193


# --- match_organization: the longest phrase at a position ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "at", "expected", "canonical"),
    [
        # head word + Ezafe chain, stopped by a verb
        ("رئیس سازمان بسیج ادارات کشور گفت", "سازمان", "سازمان بسیج ادارات کشور", "سازمان بسیج ادارات کشور"),
        # a lexicon name with commas, then the body it belongs to; stops before "، خدمت"
        (
            f"رئیس مرکز بازرسی، ارزیابی عملکرد و ارتباطات مردمی {LABOUR}، خدمت مستقیم",
            "مرکز",
            f"مرکز بازرسی، ارزیابی عملکرد و ارتباطات مردمی {LABOUR}",
            f"مرکز بازرسی، ارزیابی عملکرد و ارتباطات مردمی {LABOUR}",
        ),
        # a unit of a body named by its short alias: the canonical name spells the body out
        (
            "مرکز روابط‌عمومی و امور بین‌الملل وزارت کار اعلام کرد",
            "مرکز",
            "مرکز روابط‌عمومی و امور بین‌الملل وزارت کار",
            f"مرکز روابط‌عمومی و امور بین‌الملل {LABOUR}",
        ),
        # unknown chains have no canonical name
        (
            "مدیر اداره کل دفاتر خدمات بانکی پست بانک گفت",
            "اداره",
            "اداره کل دفاتر خدمات بانکی پست بانک",
            None,
        ),
        (
            "رئیس مرکز ارتباطات مردمی ریاست جمهوری و مسئولین",
            "مرکز",
            "مرکز ارتباطات مردمی ریاست جمهوری",
            "مرکز ارتباطات مردمی ریاست جمهوری",
        ),
        # a known body followed by a foreign country is another body
        ("سخنگوی وزارت کشور عراق گفت", "وزارت", "وزارت کشور عراق", None),
        ("سخنگوی وزارت خارجه ایران گفت", "وزارت", "وزارت خارجه ایران", "وزارت امور خارجه"),
        ("ارتش اسرائیل حمله کرد", "ارتش", "ارتش اسرائیل", None),
        ("ارتش آماده است", "ارتش", "ارتش", "ارتش جمهوری اسلامی ایران"),
        ("مجلس دهم تصویب کرد", "مجلس", "مجلس دهم", "مجلس شورای اسلامی"),
        # a nested known body after an open head: committee of the parliament
        (
            "کمیسیون امنیت ملی و سیاست خارجی مجلس امروز",
            "کمیسیون",
            "کمیسیون امنیت ملی و سیاست خارجی مجلس",
            "کمیسیون امنیت ملی و سیاست خارجی مجلس شورای اسلامی",
        ),
        # a known list after a head (تعاون، کار و رفاه اجتماعی) is crossed whole, then a place ends the name
        (
            f"اداره کل {LABOUR.removeprefix('وزارت ')} استان قم اعلام کرد",
            "اداره",
            f"اداره کل {LABOUR.removeprefix('وزارت ')} استان قم",
            None,
        ),
        # (ره) belongs to the name
        (
            "کمیته امداد امام خمینی(ره) اعلام کرد",
            "کمیته",
            "کمیته امداد امام خمینی(ره)",
            "کمیته امداد امام خمینی",
        ),
        # a number after "ماده" stays in the name
        ("کمیسیون ماده ۱۰۰ شهرداری", "کمیسیون", "کمیسیون ماده ۱۰۰ شهرداری", None),
        # "و" joins words of one name, not two bodies
        (
            "سازمان برنامه و بودجه و وزارت اقتصاد",
            "سازمان",
            "سازمان برنامه و بودجه",
            "سازمان برنامه و بودجه کشور",
        ),
        ("انجمن علمی و فرهنگی و سازمان", "انجمن", "انجمن علمی و فرهنگی", None),
        # people nouns may follow the head only
        ("انجمن مدیران صنایع گفت", "انجمن", "انجمن مدیران صنایع", None),
        # a given name starts a person after the name; after امام it is part of the name
        ("سخنگوی سازمان انرژی هسته‌ای علی اکبری", "سازمان", "سازمان انرژی هسته‌ای", None),
        ("دانشگاه امام صادق اعلام کرد", "دانشگاه", "دانشگاه امام صادق", "دانشگاه امام صادق"),
        # a person title word ends it
        ("سازمان ملی جوانان رئیس جدید دارد", "سازمان", "سازمان ملی جوانان", None),
        # a superlative describes, it does not name
        ("شرکت اینتل جدیدترین پردازنده را", "شرکت", "شرکت اینتل", None),
        # after a place only another place
        ("استانداری هرمزگان جاسم جادری گفت", "استانداری", "استانداری هرمزگان", None),
        ("شهرداری زرند کرمان اعلام کرد", "شهرداری", "شهرداری زرند کرمان", None),
        # "مبارزه با" stays inside a name; a county after it is the branch's place
        (
            "جلسه کمیسیون مبارزه با مواد مخدر شهرستان بم برگزار شد",
            "کمیسیون",
            "کمیسیون مبارزه با مواد مخدر شهرستان بم",
            None,
        ),
        # a number word after a numbered head (a channel)
        ("شبکه یک روسیه گزارش داد", "شبکه", "شبکه یک روسیه", None),
        # "و" before a facility ends the name: another thing, not a word of it
        ("در اداره دامپزشکی و میدان شهدا مستقر شدند", "اداره", "اداره دامپزشکی", None),
        # a known body and a province or city after it: that body's branch there
        ("رئیس هلال احمر میناب گفت", "هلال", "هلال احمر میناب", "جمعیت هلال احمر میناب"),
        ("مدیرکل اوقاف فارس گفت", "اوقاف", "اوقاف فارس", "سازمان اوقاف و امور خیریه استان فارس"),
        ("فرمانده سپاه شهرستان بم گفت", "سپاه", "سپاه شهرستان بم", "سپاه پاسداران انقلاب اسلامی شهرستان بم"),
        # a county is no province, though its name may be one's (بوشهر)
        (
            "رئیس کمیته امداد شهرستان بوشهر گفت",
            "کمیته",
            "کمیته امداد شهرستان بوشهر",
            "کمیته امداد امام خمینی شهرستان بوشهر",
        ),
        # "... این کشور": a foreign body of that name, not the Iranian one
        ("وزارت بهداشت این کشور اعلام کرد", "وزارت", "وزارت بهداشت", None),
        ("ارتش این کشور اعلام کرد", "ارتش", "ارتش", None),
        # a club and a city after it: another club of that name (پرسپولیس گناوه), or its home town
        ("هواداران سپاهان اصفهان آمدند", "سپاهان", "سپاهان اصفهان", None),
        # an academy is a head
        (
            "آکادمی علوم و هنرهای سینمایی امسال اعلام کرد",
            "آکادمی",
            "آکادمی علوم و هنرهای سینمایی",
            "آکادمی علوم و هنرهای سینمایی",
        ),
        # a newspaper is named by the words after "روزنامه" (a country after them is where it is)
        ("روزنامه کامرسانت نوشت", "روزنامه", "روزنامه کامرسانت", "کامرسانت"),
        ("روزنامه ال‌پائیس اسپانیا نوشت", "روزنامه", "روزنامه ال‌پائیس اسپانیا", "ال‌پائیس"),
    ],
)
def test_match_organization(text: str, at: str, expected: str, canonical: str | None) -> None:
    text = newsmine.normalize(text)
    start = text.index(at)
    found = match_organization(text, start)
    assert found is not None
    assert text[start : found[0]] == newsmine.normalize(expected)
    assert found[1] == canonical


@pytest.mark.parametrize(
    ("text", "at"),
    [
        ("در مرکز استان تهران", "مرکز"),  # veto: the provincial capital
        ("در مرکز گیلان", "مرکز"),  # veto: مرکز + a place
        ("مجلس ختم برگزار شد", "مجلس"),  # veto: a funeral
        ("شرکت در انتخابات", "شرکت"),  # a bare head is no name
        ("وزارت مبنی بر", "وزارت"),  # a bare head is no name
        ("روزنامه آمریکایی نوشت", "روزنامه"),  # a lone adjective is a description
        ("آژانس مسافرتی", "آژانس"),  # veto
        ("سازمان اظهار کرد", "سازمان"),  # the word before a light verb is no name
        ("تهران سازمان", "ران"),  # not at a word's start
        ("برنامه‌های این اداره نمایشگاه کتاب است", "اداره"),  # a determiner: "this office"
        ("در نمایشگاه ۴۰۰ شرکت داخلی حضور دارند", "شرکت"),  # a number: companies counted
        ("دو انجمن علمی تشکیل شد", "انجمن"),  # a number word
        ("مصدوم به مرکز درمانی منتقل شد", "مرکز"),  # a lone adjective
        ("یک شرکت خارجی", "شرکت"),  # a number word and a lone adjective
        ("هیئت اعزامی رسید", "هیئت"),  # a lone adjective
        ("هیئت رئیسه مجلس", "هیئت"),  # veto: a board of some body
        ("طول شبکه گاز شهری", "شبکه"),  # veto: the gas network
        ("کلید انتخابات در جبهه نخورده است", "جبهه"),  # a verb (خوردن)
        ("کمیسیون 90 روز فرصت دارد", "کمیسیون"),  # a number after a head that takes none
        ("شرکت مرتکب تخلف شد", "شرکت"),  # a compound verb's noun
    ],
)
def test_match_organization_none(text: str, at: str) -> None:
    assert match_organization(text, text.index(at)) is None


def test_match_organization_out_of_range() -> None:
    assert match_organization("وزارت کار", 40) is None
    assert match_organization("", 0) is None


def test_match_organization_offsets_with_diacritics() -> None:
    text = "به گزارش بانکِ ملّی ایران و خبرگزاری فارس"
    start = text.index("بانک")
    end, canonical = match_organization(text, start)  # type: ignore[misc]
    assert text[start:end] == "بانکِ ملّی ایران"
    assert canonical == "بانک ملی ایران"


# --- canonical_organization ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        # ministries
        ("وزارت کار", LABOUR),
        ("وزارت رفاه", LABOUR),
        ("وزارت تعاون", LABOUR),
        ("وزارت‌کار", LABOUR),  # ZWNJ for the space
        ("وزارت تعاون،کار و رفاه اجتماعي", LABOUR),  # Arabic ي, no space after the comma
        ("تعاون، کار و رفاه اجتماعی", LABOUR),  # as after وزیر
        ("وزارت علوم", "وزارت علوم، تحقیقات و فناوری"),
        ("وزارت بهداشت", "وزارت بهداشت، درمان و آموزش پزشکی"),
        ("وزارت خارجه", "وزارت امور خارجه"),
        ("امور خارجه", "وزارت امور خارجه"),
        ("وزارت صمت", "وزارت صنعت، معدن و تجارت"),
        ("آموزش و پرورش", "وزارت آموزش و پرورش"),
        # organizations
        ("سازمان برنامه و بودجه", "سازمان برنامه و بودجه کشور"),
        ("سازمان بسیج", "سازمان بسیج مستضعفین"),
        ("بسیج ادارات", "سازمان بسیج ادارات کشور"),
        ("سازمان تامین اجتماعی", "سازمان تأمین اجتماعی"),
        ("صداوسیما", "سازمان صدا و سیمای جمهوری اسلامی ایران"),
        # news agencies
        ("ایرنا", "خبرگزاری جمهوری اسلامی"),
        ("ایسنا", "خبرگزاری دانشجویان ایران"),
        ("ایلنا", "خبرگزاری کار ایران"),
        ("تسنیم", "خبرگزاری تسنیم"),
        ("خبرگزاری مهر", "خبرگزاری مهر"),
        ("مهر", "خبرگزاری مهر"),  # a source-only alias, given as a name
        # councils, parliament, judiciary
        ("شورای عالی امنیت ملی", "شورای عالی امنیت ملی"),
        ("مجمع تشخیص مصلحت", "مجمع تشخیص مصلحت نظام"),
        ("مجلس", "مجلس شورای اسلامی"),
        ("مجلس شورا", "مجلس شورای اسلامی"),
        ("قوۀ قضائیه", "قوه قضاییه"),
        # armed forces
        ("سپاه", "سپاه پاسداران انقلاب اسلامی"),
        ("ارتش", "ارتش جمهوری اسلامی ایران"),
        ("ناجا", "فرماندهی انتظامی جمهوری اسلامی ایران"),
        ("نیروی انتظامی", "فرماندهی انتظامی جمهوری اسلامی ایران"),
        ("نیروی قدس", "نیروی قدس سپاه پاسداران انقلاب اسلامی"),
        # international
        ("سازمان ملل", "سازمان ملل متحد"),
        ("ناتو", "سازمان پیمان آتلانتیک شمالی"),
        ("اتحادیه اروپایی", "اتحادیه اروپا"),
        ("آژانس بین المللی انرژی اتمی", "آژانس بین‌المللی انرژی اتمی"),
        ("اوپک", "سازمان کشورهای صادرکننده نفت"),
        # banks, universities
        ("بانک مرکزی", "بانک مرکزی جمهوری اسلامی ایران"),
        ("دانشگاه شریف", "دانشگاه صنعتی شریف"),
        # clubs: a club's short name where something else says it is an organization, "تیم فوتبال X"
        ("استقلال", "باشگاه استقلال"),
        ("تیم فوتبال پرسپولیس", "باشگاه پرسپولیس"),
        # more bodies
        ("نیروی زمینی سپاه پاسداران", "نیروی زمینی سپاه پاسداران انقلاب اسلامی"),
        ("جامعه‌المصطفی", "جامعة المصطفی العالمیة"),
        ("آموزش و پرورش استثنایی", "سازمان آموزش و پرورش استثنایی کشور"),
        ("ریانووستی", "خبرگزاری ریانووستی"),
        # unknown
        ("شرکت ناشناخته", None),
        ("کار", None),
        ("", None),
    ],
)
def test_canonical_organization(name: str, canonical: str | None) -> None:
    assert canonical_organization(name) == canonical


# --- find_organizations: the text-level rules ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # citations: the agency word(s) with the agency's canonical name
        ("به گزارش خبرنگار مهر، کفیل گفت", [("مهر", "خبرگزاری مهر")]),
        ("به گزارش فارس از تهران", [("فارس", "خبرگزاری فارس")]),
        ("به گزارش ایسنا، وی گفت", [("ایسنا", "خبرگزاری دانشجویان ایران")]),
        ("به نقل از رویترز، وی گفت", [("رویترز", "خبرگزاری رویترز")]),
        ("در گفت‌وگو با خبرنگار اجتماعی فارس افزود", [("فارس", "خبرگزاری فارس")]),
        ("ایسنا: وی گفت", [("ایسنا", "خبرگزاری دانشجویان ایران")]),
        ("مهر - وی گفت", [("مهر", "خبرگزاری مهر")]),
        # a source-only alias outside a citation is no organization
        ("در ماه مهر و استان فارس", []),
        ("وی را انتخاب کرد و به اعتماد مردم", []),
        ("به گزارش گروه سیاسی خبرگزاری تسنیم، وی", [("خبرگزاری تسنیم", "خبرگزاری تسنیم")]),
        # overlapping candidates: the longest wins, none overlap
        (
            f"رئیس مرکز بازرسی، ارزیابی عملکرد و ارتباطات مردمی {LABOUR}، گفت",
            [
                (
                    f"مرکز بازرسی، ارزیابی عملکرد و ارتباطات مردمی {LABOUR}",
                    f"مرکز بازرسی، ارزیابی عملکرد و ارتباطات مردمی {LABOUR}",
                )
            ],
        ),
        # slogans and plan names in quotes are not organizations
        ("طرح ملّی «دولت مردمی؛ وزارت پاسخگو» برگزار شد", []),
        ('طرحی تحت عنوان "پایگاه مقاومت بسیج؛ اداره کارآمد" طراحی شد', []),
        ("خبرگزاری «ایرنا» گزارش داد", [("ایرنا", "خبرگزاری جمهوری اسلامی")]),
        # a lexicon name standing alone
        (
            "سپاه و ارتش و بسیج",
            [
                ("سپاه", "سپاه پاسداران انقلاب اسلامی"),
                ("ارتش", "ارتش جمهوری اسلامی ایران"),
                ("بسیج", "سازمان بسیج مستضعفین"),
            ],
        ),
        # plural heads are no heads
        ("مدیران سازمان‌ها و بانک‌ها در وزارتخانه‌ها", []),
        # a quoted name after an outlet word is the outlet's name
        ("روزنامه صهیونیستی «هاآرتص» مدعی شد", [("هاآرتص", None)]),
        ("به گزارش وبگاه خبری «قدس»، وی گفت", [("قدس", None)]),
        ("خبرگزاری رسمی عراق «واع» گزارش داد", [("واع", None)]),
        ("روزنامه نوشت «دولت باید پاسخ دهد»", []),  # a verb between: a quotation, not a name
        # a short form of a body named in full beside a place is that body (a foreign one, a branch)
        (
            "ارتش تایلند اعلام کرد که ارتش هرگز کودتا نمی‌کند",
            [("ارتش تایلند", None), ("ارتش", "ارتش تایلند")],
        ),
        (
            "رئیس اداره دامپزشکی میبد گفت: اداره دامپزشکی بازرسی می‌کند",
            [("اداره دامپزشکی میبد", None), ("اداره دامپزشکی", "اداره دامپزشکی میبد")],
        ),
        (
            "وزارت بهداشت افغانستان اعلام کرد. وزارت بهداشت این کشور هشدار داد",
            [("وزارت بهداشت افغانستان", None), ("وزارت بهداشت", "وزارت بهداشت افغانستان")],
        ),
    ],
)
def test_find_organizations(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert orgs(text) == expected


# --- find_locations -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("در مشهد و تهران", [("مشهد", "city"), ("تهران", "city")]),
        # "استان X" is the place X (the province); "استان مرکزی" has no shorter name
        ("در استان تهران", [("تهران", "province")]),
        ("در استان یزد و شهر یزد", [("یزد", "province"), ("یزد", "city")]),
        ("استان مرکزی و بانک مرکزی", [("استان مرکزی", "province")]),
        (
            "در آذربایجان‌شرقی و آذربایجان شرقی",
            [("آذربایجان\u200cشرقی", "province"), ("آذربایجان شرقی", "province")],
        ),
        ("کهگیلویه و بویراحمد", [("کهگیلویه و بویراحمد", "province")]),
        ("سفر به جمهوری آذربایجان و آمریکا", [("جمهوری آذربایجان", "country"), ("آمریکا", "country")]),
        ("در خلیج فارس", [("خلیج فارس", None)]),
        ("در مالی و چک", []),  # common words, not Mali and Czechia
        # facilities: the head and the name after it, through (ره)
        ("در محل مصلای امام خمینی(ره) نیز مستقر شد", [("مصلای امام خمینی(ره)", "facility")]),
        ("واقع در خیابان آزادی برپا می‌شود", [("خیابان آزادی", "facility")]),
        # a city after a facility's name is a place of its own; a facility named by a city keeps it
        ("در ورزشگاه آزادی تهران", [("ورزشگاه آزادی", "facility"), ("تهران", "city")]),
        ("در فرودگاه مشهد", [("فرودگاه مشهد", "facility")]),
        ("در سالن اجتماعات کتابخانه امام علی", [("کتابخانه امام علی", "facility")]),  # veto: its hall
        ("ایستگاه آتش‌نشانی شماره ۵", []),  # veto: a kind of station
        ("در مسجد شیعیان بغداد", [("بغداد", "city")]),  # a people noun names no mosque
        ("بیماری‌هایی مانند تب مالت", []),  # a disease named after a place
        ("در سمیرم و شازند و کلیبر", [("سمیرم", "city"), ("شازند", "city"), ("کلیبر", "city")]),
        ("در میدان شهدای میبد", [("میدان شهدای میبد", "facility")]),  # "شهدای X": X is in the name
        ("ضریح امامزاده سید هاشم تهیه شد", [("امامزاده سید هاشم", "facility")]),  # honorifics in names
        ("در سه‌راهی حاجی‌لار بودیم", [("سه‌راهی حاجی‌لار", "facility")]),  # "بودیم" is no compound verb
        ("در نیروگاه اتمی بوشهر", [("نیروگاه اتمی بوشهر", "facility")]),  # described, then named by its city
        ("در هتل آپارتمان‌ها", []),  # a plural names nothing
        ("در میدان حاضر شدند", []),  # veto: "present on the scene"
        ("نمایشگاه در فرهنگسرای اشراق دایر خواهد بود", [("فرهنگسرای اشراق", "facility")]),
        ("موارد تب کریمه کنگو", []),
        ("در میدان عمل", []),  # veto
        # a place inside an organization's name is not a location
        ("دانشگاه تهران و خبرگزاری فارس", []),
    ],
)
def test_find_locations(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert locs(text) == expected


# --- merging the NER's entities --------------------------------------------------------------------------


def merged(text: str, ents: list[tuple[str, str]]) -> tuple[list[tuple[str, str | None]], ...]:
    """Organizations and locations of ``text`` with NER entities given as (surface, label)."""
    text = newsmine.normalize(text)
    spans = []
    for surface, label in ents:
        i = text.index(newsmine.normalize(surface))
        spans.append((i, i + len(newsmine.normalize(surface)), label))
    o, p = gz._find(text, spans)
    return [(text[m.start : m.end], m.value) for m in o], [(text[m.start : m.end], m.value) for m in p]


@pytest.mark.parametrize(
    ("text", "ents", "organizations", "locations"),
    [
        # an NER organization that is a country or province is a place, a city only after مردم (a city is
        # also a club's name); a place that is also an agency's short name stays the agency
        ("مردم یزد آمدند", [("یزد", "ORG")], [], [("یزد", "city")]),
        ("تیم ملی مقابل لبنان بازی کرد", [("لبنان", "ORG")], [], [("لبنان", "country")]),
        ("بازی بارسلونا و رئال", [("بارسلونا", "ORG")], [("بارسلونا", None)], []),
        ("خبر فارس از تصویب لایحه", [("فارس", "ORG")], [("فارس", "خبرگزاری فارس")], []),
        # two teams of a fixture are two names; a person named after an unknown body is no part of it
        (
            "دیدار کاوه کرمان- نساجی نو دیروز",
            [("کاوه کرمان- نساجی نو", "ORG")],
            [("کاوه کرمان", None), ("نساجی نو", None)],
            [],
        ),
        (
            "قهرمانی آرمان صنعت بهروز کریمی گفت",
            [("آرمان صنعت بهروز کریمی", "ORG")],
            [("آرمان صنعت", None)],
            [],
        ),
        ("اعضای فراکسیون امید مجلس", [("فراکسیون امید مجلس", "ORG")], [("فراکسیون امید مجلس", None)], []),
        # a given name after a known name starts a person
        (
            "خبرگزاری فارس احمد سالک گفت",
            [("خبرگزاری فارس احمد سالک", "ORG")],
            [("خبرگزاری فارس", "خبرگزاری فارس")],
            [],
        ),
        # a minister's portfolio is no organization
        ("وزیر امور خارجه روسیه گفت", [("امور خارجه روسیه", "ORG")], [], [("روسیه", "country")]),
        # an NER organization that opens with a title or a people noun: the body in it is found by rule
        (
            "نمایندگان پارلمان اسپانیا رای دادند",
            [("نمایندگان پارلمان اسپانیا", "ORG")],
            [("پارلمان اسپانیا", None)],
            [],
        ),
        # plural heads, demonyms, possessive words
        ("با همکاری کانون‌های مساجد شهرستان", [("کانون‌های مساجد شهرستان", "ORG")], [], []),
        ("هواداران تایلندی تظاهرات کردند", [("تایلندی", "ORG")], [], []),
        ("اعضای کانون و خانواده‌هایشان آمدند", [("کانون و خانواده‌هایشان", "ORG")], [], []),
        # a known name the NER runs on past: cut at its end
        (
            "نتیجه برای کمیته امداد ارزشمند است",
            [("کمیته امداد ارزشمند", "ORG")],
            [("کمیته امداد", "کمیته امداد امام خمینی")],
            [],
        ),
        # "و" and a head: two bodies
        (
            "تجمع در شهرداری و وزارت کشور",
            [("شهرداری و وزارت کشور", "ORG")],
            [("وزارت کشور", "وزارت کشور")],
            [],
        ),
        # an outlet word and a quoted name: the name
        ('پایگاه اینترنتی "ایلاف" نوشت', [('پایگاه اینترنتی "ایلاف', "ORG")], [("ایلاف", None)], []),
        # digits only after a word that takes a number
        ("تیم 90 دقیقه با تمرکز بازی کرد", [("تیم 90", "ORG")], [], []),
        ("فرمانده تیپ 48 فتح گفت", [("تیپ 48 فتح", "ORG")], [("تیپ 48 فتح", None)], []),
        # after مدیرکل the body is an اداره کل
        (
            "مدیرکل منابع طبیعی استان قم گفت",
            [("منابع طبیعی استان قم", "ORG")],
            [("منابع طبیعی استان قم", "اداره کل منابع طبیعی استان قم")],
            [],
        ),
        # NER places: classing and surrounding words dropped, a trailing city split off
        (
            "در شهرستان ماکو و شهر مقدس کربلا",
            [("شهرستان ماکو", "LOC"), ("شهر مقدس کربلا", "LOC")],
            [],
            [("ماکو", "city"), ("کربلا", "city")],
        ),
        ("در جنوب غربی بغداد", [("جنوب غربی بغداد", "LOC")], [], [("بغداد", "city")]),
        (
            "اهل روستای کریم‌آباد همدان است",
            [("روستای کریم‌آباد همدان", "LOC")],
            [],
            [("کریم‌آباد", None), ("همدان", "city")],
        ),
        (
            "در سینما تربیت قم برگزار شد",
            [("سینما تربیت قم", "LOC")],
            [],
            [("سینما تربیت", "facility"), ("قم", "city")],
        ),
        ("در نمایشگاه‌های بین‌المللی بوشهر", [("نمایشگاه‌های بین‌المللی بوشهر", "LOC")], [], [("بوشهر", "city")]),
        ("در منطقه الدوره", [("منطقه الدوره", "LOC")], [], [("الدوره", None)]),
        # an area that is more than a name and a place is left whole
        (
            "در منطقه ویژه اقتصادی مهران",
            [("منطقه ویژه اقتصادی مهران", "LOC")],
            [],
            [("منطقه ویژه اقتصادی مهران", None)],
        ),
        ("در منطقه 22 تهران", [("منطقه 22", "LOC")], [], [("منطقه 22", None), ("تهران", "city")]),
        ("در شهر زیبای بجستان", [("شهر زیبای بجستان", "LOC")], [], [("بجستان", "city")]),
        ("در جاده مریوان", [("جاده مریوان", "FAC")], [], [("جاده مریوان", "facility")]),
        # a "person" that opens with a word classing a place is the place; ولایت is no such word (ولایت فقیه)
        ("در ولسوالی زرگیلک سیل آمد", [("ولسوالی زرگیلک", "PER")], [], [("زرگیلک", None)]),
        ("ولایت علوی را پذیرفتند", [("ولایت علوی", "PER")], [], []),
        ("در ولسوالی اجرستان سیل آمد", [], [], [("اجرستان", "city")]),
        # a word of the holder's title is no part of the body
        (
            "رئیس جدید بنیاد نخبگان گفت",
            [("جدید بنیاد نخبگان", "ORG")],
            [("بنیاد نخبگان", "بنیاد ملی نخبگان")],
            [],
        ),
        ("در استان غرب و شمال کشور", [("استان غرب و شمال کشور", "LOC")], [], []),
        # a branch number is no body
        ("در شعبه یک شیراز", [("شعبه یک شیراز", "ORG")], [], [("شیراز", "city")]),
        # no place at all
        ("از 96 کشور جهان", [("جهان", "LOC")], [], []),
        ("در منطقه موسوم به مثلث", [("منطقه موسوم", "LOC")], [], []),
        ("مقاطع دبستان و دبیرستان", [("دبیرستان", "LOC")], [], []),
        ("در بازی با کره‌ای‌ها", [("کره‌ای‌ها", "LOC")], [], []),
    ],
)
def test_ner_entities(
    text: str,
    ents: list[tuple[str, str]],
    organizations: list[tuple[str, str | None]],
    locations: list[tuple[str, str | None]],
) -> None:
    assert merged(text, ents) == (organizations, locations)


# --- the spaCy component ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return newsmine.load(["newsmine_ner", "newsmine_gazetteer"])


def spans(doc, key: str) -> list[tuple[str, str | None]]:  # type: ignore[no-untyped-def]
    return [(doc.text[s._.char_span[0] : s._.char_span[1]], s._.value) for s in doc.spans[key]]


def check_spans(doc) -> None:  # type: ignore[no-untyped-def]
    """Invariants of both groups: no overlaps, char_span inside the token span, values of the right kind."""
    for key in ("organizations", "locations"):
        group = list(doc.spans[key])
        for a, b in itertools.pairwise(group):
            assert a.end <= b.start
        for s in group:
            cs, ce = s._.char_span
            assert s.start_char <= cs < ce <= s.end_char
            if key == "locations":
                assert s._.value in (None, "country", "province", "city", "facility")
                assert s.label_ == ("FAC" if s._.value == "facility" else "LOC")
            else:
                assert s._.value is None or isinstance(s._.value, str)
                assert s.label_ == "ORG"


def test_component_merges_ner_and_rules(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(
        newsmine.normalize("رئیس سازمان بسیج ادارات کشور در مشهد گفت: به گزارش ایرنا، وزارت کار اعلام کرد.")
    )
    check_spans(doc)
    assert spans(doc, "organizations") == [
        ("سازمان بسیج ادارات کشور", "سازمان بسیج ادارات کشور"),
        ("ایرنا", "خبرگزاری جمهوری اسلامی"),
        ("وزارت کار", LABOUR),
    ]
    assert spans(doc, "locations") == [("مشهد", "city")]


def test_component_trims_ner_organizations(nlp) -> None:  # type: ignore[no-untyped-def]
    # the NER reads "وزارت مبنی" as an organization: cut at "مبنی", a bare head is dropped
    doc = nlp(newsmine.normalize("تأکیدات مقام عالی وزارت مبنی بر تکریم مردم"))
    assert not any(s.text.startswith("وزارت") for s in doc.spans["organizations"])


def test_component_without_ner(nlp) -> None:  # type: ignore[no-untyped-def]
    blank = newsmine.load(components=["newsmine_numbers"])
    blank.add_pipe("newsmine_gazetteer", config={"orgs_key": "orgs", "locations_key": "places"})
    doc = blank("به گزارش ایسنا در تهران")
    assert spans(doc, "orgs") == [("ایسنا", "خبرگزاری دانشجویان ایران")]
    assert spans(doc, "places") == [("تهران", "city")]


def test_component_pickles() -> None:
    comp = pickle.loads(pickle.dumps(Gazetteer("o", "l")))
    assert (comp.orgs_key, comp.locations_key) == ("o", "l")


def test_resources_compiled_once() -> None:
    # the lexicon and its regexes are built once per process and shared by every call and component
    assert lexicon() is lexicon() and matcher() is matcher()
    assert Gazetteer() is not Gazetteer() and matcher().alias_re is matcher().alias_re
    text = "رئیس سازمان بسیج ادارات کشور گفت"
    assert match_organization(text, 5) == match_organization(text, 5)
    assert gz.keyed(text) is gz.keyed(text)  # one matching form per text, however many lookups


# --- the seed articles --------------------------------------------------------------------------------------


def seed_doc(nlp, corpora: Path, name: str):  # type: ignore[no-untyped-def]
    doc = nlp(newsmine.normalize((corpora / "seeds" / name).read_text(encoding="utf-8")))
    check_spans(doc)
    return doc


def test_seed_asreqom(nlp, corpora: Path) -> None:  # type: ignore[no-untyped-def]
    doc = seed_doc(nlp, corpora, "asreqom-labour-ministry-desk.txt")
    found = spans(doc, "organizations")
    assert (LABOUR, LABOUR) in found
    assert ("وزارت کار", LABOUR) in found
    assert ("وزارت رفاه", LABOUR) in found
    assert ("مرکز ارتباطات مردمی ریاست جمهوری", "مرکز ارتباطات مردمی ریاست جمهوری") in found
    assert (
        f"مرکز بازرسی، ارزیابی عملکرد و ارتباطات مردمی {LABOUR}",
        f"مرکز بازرسی، ارزیابی عملکرد و ارتباطات مردمی {LABOUR}",
    ) in found
    pr = f"مرکز روابط{ZWNJ}عمومی و امور بین{ZWNJ}الملل {LABOUR}"
    assert (pr, pr) in found
    # the slogan «دولت مردمی؛ وزارت پاسخگو» and the NER's "وزارت مبنی" are no organizations
    assert not any("پاسخگو" in s or s in ("وزارت مبنی", "وزارت مردم") for s, _ in found)
    places = spans(doc, "locations")
    assert ("مصلای امام خمینی(ره)", "facility") in places
    assert ("خیابان آزادی", "facility") in places
    assert ("تهران", "city") in places
    # one location over the whole name: the people component skips a PER inside it
    fac = next(s for s in doc.spans["locations"] if s._.value == "facility" and "مصلای" in s.text)
    assert fac.label_ == "FAC" and fac.text.endswith("(ره)")


def test_seed_mehr(nlp, corpora: Path) -> None:  # type: ignore[no-untyped-def]
    doc = seed_doc(nlp, corpora, "mehr-bases-service-desks.txt")
    found = spans(doc, "organizations")
    assert ("سازمان بسیج ادارات کشور", "سازمان بسیج ادارات کشور") in found
    assert ("مهر", "خبرگزاری مهر") in found
    assert ("بسیج ادارات", "سازمان بسیج ادارات کشور") in found
    # "سازمان بسیج ادارات اظهار کرد": the word before the light verb is not part of the name
    assert ("سازمان بسیج ادارات", "سازمان بسیج ادارات کشور") in found
    assert not any("اظهار" in s for s, _ in found)
    assert ("مشهد", "city") in spans(doc, "locations")
    assert ("محلات", "city") not in spans(doc, "locations")  # "در محلات": neighbourhoods
