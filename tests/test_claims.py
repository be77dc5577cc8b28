"""The claims component (``newsmine_claims``): one (text, expected) row per rule, grouped by rule, then the
two seed articles and the stress rows of ``fixtures/claims_stress.tsv`` (one test id per row).

Every text goes through ``newsmine.normalize`` and then the full pipeline of ``newsmine.load()`` with the
claims component added, as ``newsmine.extract`` would run it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc

import newsmine
import newsmine.extractors.claims  # registers the factory
from newsmine.extract import to_article
from newsmine.extractors.claims import ClaimExtractor, lexicon
from newsmine.resources import read_rows, read_text
from newsmine.schema import QUALIFIERS, Claim, Quote

STRESS = Path(__file__).resolve().parent / "fixtures" / "claims_stress.tsv"


@pytest.fixture(scope="module")
def nlp() -> Language:
    return newsmine.load()


def run(nlp: Language, text: str) -> list[Claim]:
    return nlp(newsmine.normalize(text))._.claims


def one(nlp: Language, text: str) -> Claim:
    found = run(nlp, text)
    assert len(found) == 1, [(c.surface, c.value) for c in found]
    return found[0]


def approx(value: Any) -> Any:
    return pytest.approx(value) if isinstance(value, float) else value


# --------------------------------------------------------------------------------------------------
# value: scale words, mixed units, halves, glued "هزارو"

VALUES = [
    ("۲۰ هزار میز خدمت برگزار شد.", 20000),
    ("دو هزار میلیارد تومان هزینه شد.", 2_000_000_000_000),
    ("صادرات ۱.۵ میلیارد دلار بود.", 1_500_000_000),
    ("۳ هزار و ۴۲۰ میلیارد تومان تخصیص یافت.", 3_420_000_000_000),
    ("۴۹۷ کیلو و ۴۴۰ گرم تریاک کشف شد.", 497.44),
    ("قیمت هر بشکه ۲۱ دلار و ۵۶ سنت شد.", 21.56),  # a dollar is 100 cents
    ("یک تن و ۲۰۰ کیلو برنج رسید.", 1.2),
    ("دو سال و شش ماه حبس گرفت.", 2.5),
    ("۲ ماه و ۱۵ روز طول کشید.", 2.5),
    ("۳ کیلومتر و ۵۰۰ متر جاده ساخته شد.", 3.5),
    ("۲ کیلو و نیم گوشت دادند.", 2.5),
    ("یک سال و نیم گذشت.", 1.5),
    ("نیم میلیون دلار اهدا شد.", 500_000),
    ("یک میلیون و ۲۰۰ هزار تومان است.", 1_200_000),
    ("۱۳هزارو ۴۰۰ بسته توزیع شد.", 13400),
    ("دمای هوا منفی ۱۵ درجه بود.", -15),
]


@pytest.mark.parametrize(("text", "value"), VALUES)
def test_value(nlp: Language, text: str, value: float) -> None:
    assert one(nlp, text).value == approx(value)


def test_value_is_int_when_integral(nlp: Language) -> None:
    assert type(one(nlp, "۲۰ هزار نفر آمدند.").value) is int
    assert type(one(nlp, "۲/۵ درصد رشد").value) is float


# --------------------------------------------------------------------------------------------------
# surface and span: the number with its unit word; a bare count is the number alone

SURFACES = [
    ("امسال ۲۵۰۰ میلیارد تومان هزینه شد.", "۲۵۰۰ میلیارد تومان"),
    ("رشد ۲۰ درصد بود.", "۲۰ درصد"),
    ("۲۷۰۰ نفر از مدیران کشور آمدند.", "۲۷۰۰ نفر"),
    ("۲۰ هزار میز خدمت عمومی برگزار شد.", "۲۰ هزار"),
    ("۲۰۰ دانشجو آمدند.", "۲۰۰"),
    ("۵۰۰ متر مربع زیربنا دارد.", "۵۰۰ متر مربع"),
    ("طرح ۵ میلیارد تومانی تصویب شد.", "۵ میلیارد تومانی"),
    ("نرخ بین ۱۱ تا ۱۲ درصد است.", "۱۱ تا ۱۲ درصد"),
    ("۴۹۷ کیلو و ۴۴۰ گرم تریاک کشف شد.", "۴۹۷ کیلو و ۴۴۰ گرم"),
    ("۵۰ دستگاه خودرو رسید.", "۵۰ دستگاه"),
]


@pytest.mark.parametrize(("text", "surface"), SURFACES)
def test_surface_and_span(nlp: Language, text: str, surface: str) -> None:
    doc = nlp(newsmine.normalize(text))
    (claim,) = doc._.claims
    assert claim.surface == surface
    assert doc.text[claim.span[0] : claim.span[1]] == surface


# --------------------------------------------------------------------------------------------------
# unit: currency, percent, measures, people (نفر or a person noun), classifiers, the head noun

UNITS = [
    ("۱۲۰ میلیون تومن هزینه شد.", "تومان"),  # spelling variant -> canonical
    ("۲۰۰ کیلو برنج رسید.", "کیلوگرم"),  # کیلو -> کیلوگرم
    ("۱۰۰ مترمربع زمین", "متر مربع"),
    ("۱۰۰ متر‌مربع زمین", "متر مربع"),
    ("۳۰ درصد مردم", "درصد"),
    ("۳۰٪ مردم", "درصد"),
    ("۲۷۰۰ نفر آمدند.", "نفر"),
    ("۲۰۰ دانشجو آمدند.", "نفر"),
    ("۲۰۰ دانشجویان آمدند.", "نفر"),  # plural +یان
    ("۵۰ مدیران آمدند.", "نفر"),  # plural +ان
    ("۲۰ نمایندگان آمدند.", "نفر"),  # ه -> گان
    ("۱۵ معلمین آمدند.", "نفر"),  # +ین
    ("۳۰ پرستارها آمدند.", "نفر"),  # +ها
    ("۵۰۰ دانش آموز آمدند.", "نفر"),  # ZWNJ or space inside the noun
    ("۱۰ تن از دانشجویان آمدند.", "نفر"),  # تن as persons
    ("۵ تن کشته شدند.", "نفر"),
    ("چهار تن دیگر مجروح شدند.", "نفر"),  # "N تن دیگر": more persons
    ("پلیس ۱۶ تن را بازداشت کرد.", "نفر"),
    ("۵۰ تن گندم رسید.", "تن"),  # تن as tonnes
    ("زلزله‌ای به بزرگی ۶.۳ درجه ریشتر آمد.", "ریشتر"),
    ("سه تکواندوکار به فینال رسیدند.", "نفر"),
    ("تیم ۱۱ نفره آمد.", "نفر"),
    ("۲ فروند هواپیما نشست.", "فروند"),
    ("۲۰ هزار میز خدمت عمومی برگزار شد.", "میز"),  # the head noun
    ("۱۸ استان این ستاد را تشکیل دادند.", "استان"),
    ("قرارداد ۲۵ ساله امضا شد.", "سال"),
    ("۴۸ ساعت بازداشت بود.", "ساعت"),
    ("تعداد به ۵۰ رسید.", None),  # nothing counted after it
    ("تعداد به ۵۰ افزایش یافت.", None),  # a light verb's complement is not a head noun
    ("سه سرنشین خودرو جان باختند.", "نفر"),
    ("تصادف دو فوتی بر جای گذاشت.", "نفر"),  # a person noun before the adjective unit فوت + ی
    ("۲۰ غیرنظامی کشته شدند.", "نفر"),
    ("۳ هزار خانوار گازدار شدند.", "خانوار"),  # a household is no person
    ("۵۰۰ مشترک جدید گاز گرفتند.", "مشترک"),
    ("۲۰ روستای استان گازدار شد.", "روستا"),  # the head noun without its Ezafe
    ("۳۴ پروژه‌های عمرانی افتتاح شد.", "پروژه"),  # ... or its plural
    ("تست قلب از ۴۰ سالگی لازم است.", "سال"),
    ("سه موشک انداز منهدم شد.", "موشک انداز"),  # a compound head noun
]


@pytest.mark.parametrize(("text", "unit"), UNITS)
def test_unit(nlp: Language, text: str, unit: str | None) -> None:
    assert one(nlp, text).unit == unit


# --------------------------------------------------------------------------------------------------
# counted: the noun phrase after the number or its unit, up to a stop

COUNTED = [
    ("۲۰ هزار میز خدمت عمومی و ۲۵۰۰ میز", "میز خدمت عمومی"),
    ("۲۵۰۰ میز خدمت تخصصی در سطح کشور برگزار شد.", "میز خدمت تخصصی"),
    ("بیش از ۵۰۰۰ نشست روشنگری در پایگاه‌ها تشکیل شد.", "نشست روشنگری"),
    ("بیش از ۲۷۰۰ نفر از مدیران کشور در جریان اردوها بودند.", "مدیران کشور"),
    ("۱۲۱ یادواره شهدا برگزار شد.", "یادواره شهدا"),  # stops before the light verb's complement
    ("۱۰۰ دفتر ICT روستایی راه‌اندازی شد.", "دفتر ICT روستایی"),
    ("۱۸ استان این ستاد را تشکیل دادند.", "استان"),  # stops at a demonstrative
    ("۵۰ دستگاه خودرو به ناوگان اضافه شد.", "خودرو"),  # after a classifier
    ("۵۰ هزار تن گندم خریداری شد.", "گندم"),
    ("۲۰ درصد از دانشجویان آمدند.", "دانشجویان"),  # "درصد از X"
    ("۵۰ میلی‌متر باران بارید.", "باران"),  # stops at a past verb
    ("۲۵۰۰ میلیارد تومان هزینه شد.", None),  # money with nothing named
    ("این پروژه با بودجه ۱۶ میلیون پوند اجرا شد.", "بودجه"),  # what the sum is, named before it
    ("رشد ۲۰ درصد بود.", "رشد"),  # a share with nothing named after it: the noun before it
    # an adjective amount describes the noun (one or two words) before it
    ("قرارداد ۲۵ ساله ایران و چین امضا شد.", "قرارداد"),
    ("افزایش ۱۵ درصدی حقوق تصویب شد.", "افزایش"),
    ("کارگران یک تحصن ۲۴ ساعته برگزار کردند.", "تحصن"),  # not the article یک
    ("بانک سود وام ۱۲ درصدی را کاهش داد.", "سود وام"),
    ("در این طرح ۵ میلیارد تومانی شرکت کرد.", "طرح"),  # not the demonstrative
    ("۵۰ نفر از آنها آمدند.", None),  # a pronoun is not a noun phrase
    ("مخزنی به حجم ۷۵۰ متر مکعب ساخته شد.", "حجم"),  # the measure named before it
    ("واحدی با ظرفیت بیش از ۱.۲ میلیون تن", "ظرفیت"),
    ("۱۴۵۰ نفر در کلاس‌ها شرکت کردند.", "نفر"),  # a bare count of persons
    ("شهر ماکو با ۶۷ میلی‌متر بارش بیشترین میزان بارش را داشت.", "بارش"),  # stops at a superlative
]


@pytest.mark.parametrize(("text", "counted"), COUNTED)
def test_counted(nlp: Language, text: str, counted: str | None) -> None:
    assert run(nlp, text)[0].counted == counted


# --------------------------------------------------------------------------------------------------
# qualifier: one row per phrase of claim_words.txt

QUALIFIER_ROWS = [
    ("بیش از ۵۰ نفر آمدند.", "more_than"),
    ("بیشتر از ۵۰ نفر آمدند.", "more_than"),
    ("بالای ۵۰ نفر آمدند.", "more_than"),
    ("بالاتر از ۵۰ نفر آمدند.", "more_than"),
    ("افزون بر ۵۰ نفر آمدند.", "more_than"),
    ("متجاوز از ۵۰ نفر آمدند.", "more_than"),
    ("فراتر از ۵۰ نفر آمدند.", "more_than"),
    ("فزون بر ۵۰ نفر آمدند.", "more_than"),
    ("صادرات از مرز ۵۰ میلیارد دلار گذشت.", "more_than"),
    ("بالغ بر ۵۰ نفر آمدند.", "exact"),
    ("معادل ۵۰ نفر آمدند.", "exact"),
    ("دقیقاً ۵۰ نفر آمدند.", "exact"),
    ("۵۰ نفر آمدند.", "exact"),
    ("کمتر از ۵۰ نفر آمدند.", "less_than"),
    ("کم‌تر از ۵۰ نفر آمدند.", "less_than"),
    ("زیر ۵۰ نفر آمدند.", "less_than"),
    ("پایین‌تر از ۵۰ نفر آمدند.", "less_than"),
    ("حدود ۵۰ نفر آمدند.", "about"),
    ("در حدود ۵۰ نفر آمدند.", "about"),
    ("حدوداً ۵۰ نفر آمدند.", "about"),
    ("حدودا ۵۰ نفر آمدند.", "about"),
    ("نزدیک به ۵۰ نفر آمدند.", "about"),
    ("قریب به ۵۰ نفر آمدند.", "about"),
    ("قریب ۵۰ نفر آمدند.", "about"),
    ("تقریباً ۵۰ نفر آمدند.", "about"),
    ("چیزی حدود ۵۰ نفر آمدند.", "about"),
    ("چیزی در حدود ۵۰ نفر آمدند.", "about"),
    ("نزدیک ۵۰ نفر آمدند.", "about"),
    ("در آینده نزدیک ۵۰ مدرسه افتتاح می‌شود.", "exact"),  # نزدیک of آینده نزدیک is no qualifier
    ("تخمیناً ۵۰ نفر آمدند.", "about"),
    ("دست‌کم ۵۰ نفر آمدند.", "at_least"),
    ("دست کم ۵۰ نفر آمدند.", "at_least"),
    ("دستکم ۵۰ نفر آمدند.", "at_least"),
    ("حداقل ۵۰ نفر آمدند.", "at_least"),
    ("لااقل ۵۰ نفر آمدند.", "at_least"),
    ("حداکثر ۵۰ نفر می‌آیند.", "at_most"),
    ("حد اکثر ۵۰ نفر می‌آیند.", "at_most"),
    ("نهایتاً ۵۰ نفر می‌آیند.", "at_most"),
    ("تا ۵۰ درصد تخفیف می‌دهند.", "at_most"),
    ("تا سقف ۵۰ میلیون تومان وام می‌دهند.", "at_most"),
    ("سقف ۵۰ میلیون تومان وام است.", "at_most"),
    ("افراد ۵۰ سال و بیشتر", "at_least"),
    ("افراد ۵۰ سال و بالاتر", "at_least"),
    ("افراد ۵۰ سال به بالا", "at_least"),
    ("افراد ۵۰ سال یا بیشتر", "at_least"),
    ("افراد ۵۰ سال و کمتر", "at_most"),
    ("افراد ۵۰ سال و پایین‌تر", "at_most"),
    ("افراد ۵۰ سال به پایین", "at_most"),
    ("افراد ۵۰ سال یا کمتر", "at_most"),
]


@pytest.mark.parametrize(("text", "qualifier"), QUALIFIER_ROWS)
def test_qualifier(nlp: Language, text: str, qualifier: str) -> None:
    assert one(nlp, text).qualifier == qualifier


def test_every_qualifier_phrase_has_a_row() -> None:
    """A phrase added to claim_words.txt needs its row here, so that a regression names it."""
    texts = {re.sub("[ \u200c]+", "", newsmine.normalize(t)) for t, _ in QUALIFIER_ROWS}
    for kind, value, phrase in read_rows("claim_words.txt"):
        if kind in ("qualifier", "postqualifier"):
            assert value in QUALIFIERS
            key = re.sub("[ \u200c]+", "", phrase)
            assert any(key in t for t in texts), phrase


# --------------------------------------------------------------------------------------------------
# ranges: one claim, value the low end and value_max the high end

RANGES = [
    ("نرخ بین ۱۱ تا ۱۲ درصد است.", 11, 12, "درصد"),
    ("نرخ ۱۱ تا ۱۲ درصد است.", 11, 12, "درصد"),
    ("نرخ ۱۱ الی ۱۲ درصد است.", 11, 12, "درصد"),
    ("نرخ بین ۱۱ و ۱۲ درصد است.", 11, 12, "درصد"),
    ("نرخ ۱۰-۱۵ درصد است.", 10, 15, "درصد"),
    ("۱۰ درصد تا ۱۲ درصد رشد", 10, 12, "درصد"),
    ("۱۰ تا ۱۲ میلیون تومان هزینه دارد.", 10_000_000, 12_000_000, "تومان"),  # the scale word of the end
    ("۵۰ تا ۶۰ هزار نفر آمدند.", 50_000, 60_000, "نفر"),
    ("۸۰۰ میلیون تا یک میلیارد تومان", 800_000_000, 1_000_000_000, "تومان"),
    ("از ۱۰ تا ۲۰ نفر آمدند.", 10, 20, "نفر"),
    ("چهار یا پنج نفر آمدند.", 4, 5, "نفر"),
    ("سابقه آنها از ۳ ماه تا یک سال و نیم است.", 3, 18, "ماه"),  # the high end in the low end's unit
]


@pytest.mark.parametrize(("text", "low", "high", "unit"), RANGES)
def test_range(nlp: Language, text: str, low: int, high: int, unit: str) -> None:
    claim = one(nlp, text)
    assert (claim.value, claim.value_max, claim.unit, claim.qualifier) == (low, high, unit, "exact")


LOOSE_RANGES = [
    ("دو سه روز طول کشید.", 2, 3, "روز"),
    ("هفتاد هشتاد نفر آمدند.", 70, 80, "نفر"),
    ("بیست سی درصد کاهش یافت.", 20, 30, "درصد"),
    ("ده پانزده هزار تومان خرج شد.", 10_000, 15_000, "تومان"),
]


@pytest.mark.parametrize(("text", "low", "high", "unit"), LOOSE_RANGES)
def test_loose_range_is_about(nlp: Language, text: str, low: int, high: int, unit: str) -> None:
    claim = one(nlp, text)
    assert (claim.value, claim.value_max, claim.unit, claim.qualifier) == (low, high, unit, "about")


def test_range_keeps_a_qualifier_before_it(nlp: Language) -> None:
    claim = one(nlp, "حدود ۱۰۰ تا ۱۵۰ نفر آمدند.")
    assert (claim.value, claim.value_max, claim.qualifier) == (100, 150, "about")


def test_two_units_are_not_a_range(nlp: Language) -> None:
    assert [(c.value, c.unit) for c in run(nlp, "۲ نفر یا ۳ کیلو")] == [(2, "نفر"), (3, "کیلوگرم")]


# --------------------------------------------------------------------------------------------------
# time scope: the phrase governing the claim; its own number is not a claim

SCOPES = [
    ("از ابتدای امسال تاکنون ۵۰۰ نفر آمدند.", "از ابتدای امسال تاکنون"),
    ("از ابتدای امسال تا کنون ۵۰۰ نفر آمدند.", "از ابتدای امسال تا کنون"),
    ("از ابتدای سال ۵۰۰ نفر آمدند.", "از ابتدای سال"),
    ("از ابتدای فروردین ماه ۵۰۰ نفر آمدند.", "از ابتدای فروردین ماه"),
    ("از آغاز دولت سیزدهم تاکنون ۵۰۰ نفر آمدند.", "از آغاز دولت سیزدهم تاکنون"),
    ("در ۹ ماه گذشته ۵۰۰ نفر آمدند.", "در ۹ ماه گذشته"),
    ("در ۳ سال اخیر ۵۰۰ نفر آمدند.", "در ۳ سال اخیر"),
    ("طی ۲۴ ساعت ۵۰۰ نفر آمدند.", "طی ۲۴ ساعت"),
    ("طی ۲۴ ساعت گذشته ۵۰۰ نفر آمدند.", "طی ۲۴ ساعت گذشته"),
    ("ظرف ۴۸ ساعت ۵۰۰ نفر آمدند.", "ظرف ۴۸ ساعت"),
    ("در ۶ ماهه نخست امسال ۵۰۰ نفر آمدند.", "در ۶ ماهه نخست امسال"),
    ("در ۱۰ روز اول فروردین ۵۰۰ نفر آمدند.", "در ۱۰ روز اول فروردین"),
    ("در حدود یک ماه و نیم، ۵۰۰ نفر آمدند.", "در حدود یک ماه و نیم"),
    ("در همین ۹ ماهی که از شروع سال می‌گذرد، ۵۰۰ نفر آمدند.", "در همین ۹ ماهی که از شروع سال می‌گذرد"),
    ("در سال جاری ۵۰۰ نفر آمدند.", "در سال جاری"),
    ("امسال ۵۰۰ نفر آمدند.", "امسال"),
    ("پارسال ۵۰۰ نفر آمدند.", "پارسال"),
    ("در سال ۱۴۰۱ ۵۰۰ نفر آمدند.", "در سال ۱۴۰۱"),
    ("در سال‌های ۱۳۹۰ تا ۱۴۰۰ ۵۰۰ نفر آمدند.", "در سال‌های ۱۳۹۰ تا ۱۴۰۰"),
    ("۵۰۰ نفر طی ۲۴ ساعت گذشته آمدند.", "طی ۲۴ ساعت گذشته"),  # after the claim, same clause
    ("پس از گذشت شش سال ۵۰۰ نفر آمدند.", "پس از گذشت شش سال"),
    ("به مدت یک هفته ۵۰۰ نفر اردو زدند.", "به مدت یک هفته"),
    ("۳ روز قبل از بازی ۵۰۰ نفر آمدند.", "۳ روز قبل"),
    ("۵۰۰ نفر آمدند.", None),
    ("۵۰۰ نفر آمدند، در ۹ ماه گذشته هم همین بود.", None),  # another clause
]


@pytest.mark.parametrize(("text", "scope"), SCOPES)
def test_time_scope(nlp: Language, text: str, scope: str | None) -> None:
    assert one(nlp, text).time_scope == scope


def test_time_scope_stays_in_its_sentence(nlp: Language) -> None:
    found = run(nlp, "در ۹ ماه گذشته ۵۰۰ نفر آمدند. ۲۰ نفر رفتند.")
    assert [(c.value, c.time_scope) for c in found] == [(500, "در ۹ ماه گذشته"), (20, None)]


# --------------------------------------------------------------------------------------------------
# not claims: one row per class (the stress rows hold more)

NOT_CLAIMS = [
    ("در ۲۲ بهمن ۱۴۰۲ مراسم برگزار شد.", "a date"),
    ("در سال ۹۸ این طرح آغاز شد.", "سال + two digits"),
    ("بودجه ۱۴۰۲ تصویب شد.", "بودجه + year"),
    ("برنامه ۱۴۰۳ اعلام شد.", "برنامه + year"),
    ("این قانون در ۱۳۹۸ تصویب شد.", "a bare four-digit year"),
    ("این کتاب در 1416ق نوشته شد.", "a year with its calendar mark"),
    ("مراسم ساعت ۱۰ صبح آغاز شد.", "ساعت + number"),
    ("ساعت هفت و نیم شب زلزله آمد.", "ساعت + number in words"),
    ("خبر ساعت ۱۰:۱۲:۰۵ منتشر شد.", "a clock time with seconds"),
    ("قطار ۷ صبح حرکت کرد.", "a part of the day after the number"),
    ("کلاس‌ها ۸ تا ۹:۳۰ برگزار شد.", "a range of clock times"),
    ("45اُمین سالگرد انقلاب", "an ordinal in digits"),
    ("دور دوم انتخابات برگزار شد.", "an ordinal word"),
    ("برنامه پنجم توسعه اجرا شد.", "برنامه + ordinal"),
    ("کد خبر : 335,032", "an article code"),
    ("شماره ۱۲ مجله", "شماره"),
    ("با تماس با ۱۱۰ گزارش دهید.", "a phone number"),
    ("سامانه ۱۳۷ پاسخ داد.", "سامانه"),
    ("با ۱۱۵ تماس بگیرید.", "a phone number before تماس بگیرید"),
    ("ماده 1 اصلاح شد.", "ماده"),
    ("تبصره ۲ حذف شد.", "تبصره"),
    ("بند ۳ ابلاغ شد.", "بند"),
    ("اصل ۴۴ اجرا شد.", "اصل"),
    ("فصل ۵ کتاب", "فصل"),
    ("کووید ۱۹ شایع است.", "a disease"),
    ("کووید-۱۹ شایع است.", "a disease, hyphenated"),
    ("پراید ۱۳۱ متوقف شد.", "a product"),
    ("یکی از اقدامات مهم است.", "یکی از"),
    ("یک کار وسیع انجام دهیم.", "the article یک"),
    ("هر دو طرف توافق کردند.", "هر دو"),
    ("استقلال ۲ بر ۱ برد.", "a score with بر"),
    ("تیم ملی ۳ - ۱ شکست خورد.", "a score with a dash"),
    ("در http://www.example.com/news/589814 آمده است.", "a URL"),
    ("با info2024@example.ir مکاتبه کنید.", "an e-mail address"),
    ("قواعد ۱۲ گانه انیمیشن", "an adjective with گانه"),
    ("۱- سنندج ۲- مریوان", "list markers"),
    ("نکات طرح:\n۲ طرح فاصله گذاری ادامه دارد.\n۳ سیاست جدید اجرا می‌شود.", "numbered lines with no marker"),
    ("این مطلب در منابع [۵] آمده است.", "a footnote reference"),
    ("در ۲۴ ساعت گذشته باران بارید.", "the number of a time scope"),
    ("حراج سه چهار هفته دیگر انجام می‌شود.", "a loose range inside a relative date"),
    ("این مطلب در (نراقی، 1419ق، ج16، ص169) آمده است.", "a bibliographic reference"),
    ("مذاکرات سه جانبه ادامه دارد.", "an adjective with جانبه"),
    ("شعب ۹، ۲۲ و ۲۴ تامین اجتماعی افتتاح شد.", "numbers listed after an identifier"),
    ("شعبه دو کرج افتتاح شد.", "a branch number in words"),
    ("انتهای پیام/ت10/ض1002", "one letter glued before the number: a signature code"),
    ("تانک تی-۷۲ منهدم شد.", "a model name: a word, a hyphen, the number"),
    ("لهستان بر سر دو راهی انتخاب است.", "an adjective with راهی"),
    ("دولت تنها یک‌سوم مطالبات را پرداخت.", "a fraction alone is a share"),
    ("در محرم و صفر مراسم برگزار شد.", "zero, a month name"),
    ("2014 بدترین سال بود.", "a year before a superlative"),
    ("تیم از فردا به مدت یک هفته اردو می‌زند.", "a time scope with به مدت"),
    ("پس از گذشت شش سال پرداخت شد.", "a time scope with پس از گذشت"),
    ("۳ روز قبل از آن بازی باختیم.", "a time before or after something"),
]


@pytest.mark.parametrize(("text", "why"), NOT_CLAIMS, ids=[w for _, w in NOT_CLAIMS])
def test_not_a_claim(nlp: Language, text: str, why: str) -> None:
    assert run(nlp, text) == [], why


def test_a_claim_beside_non_claims(nlp: Language) -> None:
    text = "بر اساس ماده ۱۰، در سال ۱۴۰۱ حدود ۳۰ درصد بودجه با کد ۱۲ هزینه شد."
    assert [(c.value, c.unit, c.qualifier) for c in run(nlp, text)] == [(30, "درصد", "about")]


def test_each_drops_only_a_bare_number_word(nlp: Language) -> None:
    found = run(nlp, "این سه میلیون نفر آمدند و این دو کشور توافق کردند.")
    assert [(c.value, c.unit) for c in found] == [(3_000_000, "نفر")]


def test_yek_with_a_unit_or_scale_is_a_claim(nlp: Language) -> None:
    found = run(nlp, "یک نفر کشته شد و یک میلیون نفر آمدند.")
    assert [(c.value, c.unit) for c in found] == [(1, "نفر"), (1_000_000, "نفر")]


# a bare یک is the number one, not the article "a", as an item of a list of counts (joined by و or a
# comma to the count before it, or by و to the one after it, both of persons or both of things)
YEK_LISTS = [
    ("۱۵ کارگزاری اقماری و یک کارگزاری جایگزین افتتاح شد.", [(15, "کارگزاری"), (1, "کارگزاری")]),
    (
        "یک سازه گابیونی به حجم ۷۵۰ متر مکعب و سه بند سنگی ساخته شد.",
        [(1, "سازه"), (750, "مترمکعب"), (3, "بند")],
    ),
    ("پنج تانک، یک سامانه پدافند و دو توپ منهدم شد.", [(5, "تانک"), (1, "سامانه"), (2, "توپ")]),
    ("انفجار به کشته شدن یک سرباز و یک غیرنظامی انجامید.", [(1, "نفر"), (1, "نفر")]),
    ("انفجار یک غیرنظامی دیگر را زخمی کرد.", [(1, "نفر")]),  # one more person
    ("یک بمبگذار انتحاری باعث کشته شدن ۵ نفر شد.", [(5, "نفر")]),
    ("انفجار در مسیر یک اتوبوس، یک کشته و ۲۹ مجروح برجا گذاشت.", [(1, "نفر"), (29, "نفر")]),
    ("یک خودرو متوقف و در بازرسی یک نفر دستگیر شد.", [(1, "نفر")]),  # a thing and a person
    ("یک سری آموزش‌ها و یک سری تمرین‌ها داده شد.", []),  # a vague quantity
]


@pytest.mark.parametrize(("text", "expected"), YEK_LISTS)
def test_yek_in_a_list_of_counts(nlp: Language, text: str, expected: list[tuple[int, str]]) -> None:
    assert [(c.value, c.unit) for c in run(nlp, text)] == expected


def test_a_title_figure_the_body_repeats_is_one_claim() -> None:
    """The title is a text of its own: its figure is the body's claim when the body says it again (with
    the body's speaker), and a claim of the title, with its span there, when the body does not."""
    rec = newsmine.extract(
        {"text": "علی رضایی گفت: ۲۸ کارگزاری افتتاح می‌شود.", "title": "افتتاح ۲۸ کارگزاری رسمی"}
    )
    s = rec.text.index("۲۸")
    assert [(c.surface, c.value, c.unit, c.span, c.field) for c in rec.claims] == [
        ("۲۸", 28, "کارگزاری", (s, s + 2), "body")
    ]
    assert rec.claims[0].speaker == rec.people[0].id
    rec = newsmine.extract({"text": "وزیر گفت: کارگزاری‌ها افتتاح می‌شود.", "title": "افتتاح ۲۸ کارگزاری رسمی"})
    [claim] = rec.claims
    assert (claim.field, claim.span, claim.sentence) == ("title", (7, 9), "افتتاح ۲۸ کارگزاری رسمی")
    assert rec.title[slice(*claim.span)] == "۲۸" and claim.counted == "کارگزاری رسمی"


# --------------------------------------------------------------------------------------------------
# speaker and sentence


def _with_quotes(nlp: Language, text: str, quotes: list[Quote]) -> Doc:
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name == "newsmine_claims":
            doc._.quotes = quotes
        doc = proc(doc)
    return doc


def test_speaker_from_the_quote_holding_the_claim(nlp: Language) -> None:
    text = "وزیر گفت: بیش از ۵۰۰۰ نشست برگزار شد. خبرنگار افزود که ۲۰ نفر آمدند."
    start = text.index("بیش")
    quote = Quote("p1", "گفت", "بیش از ۵۰۰۰ نشست برگزار شد", (start, text.index(".") + 1))
    doc = _with_quotes(nlp, text, [quote])
    assert [(c.value, c.speaker) for c in doc._.claims] == [(5000, "p1"), (20, None)]


def test_speaker_none_without_quotes(nlp: Language) -> None:
    assert one(nlp, "وزیر گفت: ۵۰۰۰ نشست برگزار شد.").speaker is None


def test_sentence_is_the_stripped_sentence(nlp: Language) -> None:
    found = run(nlp, "مقدمه خبر است.  ۲۰ هزار نفر آمدند. پایان.")
    assert found[0].sentence == "۲۰ هزار نفر آمدند."


def test_claims_are_in_text_order_and_typed(nlp: Language) -> None:
    found = run(nlp, "۵۰ تن گندم و ۳۰ درصد سهم و ۲۰۰ دانشجو و ۱۰ میلیون تومان")
    assert all(isinstance(c, Claim) for c in found)
    assert [c.span for c in found] == sorted(c.span for c in found)
    assert [c.value for c in found] == [50, 30, 200, 10_000_000]


def test_arabic_letters_and_latin_digits(nlp: Language) -> None:
    found = nlp("بيش از 5 ميليون تومان و دستكم 30 كيلوگرم")._.claims  # not normalized
    assert [(c.value, c.unit, c.qualifier) for c in found] == [
        (5_000_000, "تومان", "more_than"),
        (30, "کیلوگرم", "at_least"),
    ]


# --------------------------------------------------------------------------------------------------
# the component itself


def test_factory_and_config(nlp: Language) -> None:
    assert "newsmine_claims" in nlp.pipe_names
    assert isinstance(nlp.get_pipe("newsmine_claims"), ClaimExtractor)
    assert nlp.get_pipe_meta("newsmine_claims").assigns == ["doc._.claims"]


def test_doc_without_number_spans_gets_an_empty_list(nlp: Language) -> None:
    doc = nlp.make_doc("۲۰ هزار نفر آمدند.")  # the numbers component has not run
    assert nlp.get_pipe("newsmine_claims")(doc)._.claims == []
    assert run(nlp, "") == []
    assert run(nlp, "خبری بدون عدد.") == []


def test_each_doc_gets_its_own_list(nlp: Language) -> None:
    a, b = nlp("۲۰ نفر آمدند."), nlp("خبری بدون عدد.")
    assert len(a._.claims) == 1 and b._.claims == []


def test_resources_say_where_they_come_from() -> None:
    for name in ("units.txt", "claim_words.txt", "person_nouns.txt"):
        head = read_text(name).splitlines()[:4]
        assert head[0].startswith("#"), name
        assert "newsmine" in " ".join(head) and "MIT" in " ".join(head), name


def test_units_table_is_well_formed() -> None:
    kinds = {"currency", "percent", "people", "mass", "length", "area", "volume", "power", "energy", "time"}
    kinds |= {"data", "classifier", "other"}
    for row in read_rows("units.txt"):
        assert len(row) == 4, row
        assert row[2] in kinds, row
        assert row[3] == "-" or float(row[3]) > 0, row
    lex = lexicon()
    assert lexicon() is lex  # read and compiled once
    assert lex.units["کیلو"].name == "کیلوگرم"
    assert len(lex.scopes) >= 5


# --------------------------------------------------------------------------------------------------
# the seed articles


def _seed(nlp: Language, path: Path) -> list[Claim]:
    article = to_article(path.read_text("utf-8"))
    return nlp(newsmine.normalize(article.text))._.claims


@pytest.mark.corpora
def test_mehr_seed(nlp: Language, corpora: Path) -> None:
    found = _seed(nlp, corpora / "seeds" / "mehr-bases-service-desks.txt")
    got = [(c.value, c.unit, c.counted, c.qualifier) for c in found]
    desks = [
        (20000, "میز", "میز خدمت عمومی", "exact"),
        (2500, "میز", "میز خدمت تخصصی", "exact"),
    ]
    assert got == [
        *desks,
        *desks,
        (18, "استان", "استان", "exact"),
        (5000, "نشست", "نشست روشنگری", "more_than"),
        (1300, "نشست", "نشست", "exact"),
        (82, "گردهمایی", "گردهمایی", "exact"),
        (121, "یادواره", "یادواره شهدا", "exact"),
        (2700, "نفر", "مدیران کشور", "more_than"),
    ]
    assert [c.time_scope for c in found[:2]] == ["از ابتدای امسال تاکنون"] * 2
    assert [c.time_scope for c in found[2:4]] == ["در همین ۹ ماهی که از شروع سال می‌گذرد"] * 2
    assert found[5].time_scope == "در حدود یک ماه و نیم"  # its "یک ماه و نیم" is no claim
    assert found[9].surface == "۲۷۰۰ نفر"
    assert all(c.sentence and c.surface in c.sentence for c in found)
    assert not any(c.value == 98 for c in found)  # "سال ۹۸"


@pytest.mark.corpora
def test_asreqom_seed(nlp: Language, corpora: Path) -> None:
    found = _seed(nlp, corpora / "seeds" / "asreqom-labour-ministry-desk.txt")
    assert found == []  # 45اُمین, کد خبر : 335,032, the dates, the URL: none is a claim


# --------------------------------------------------------------------------------------------------
# the stress rows


def _stress_rows() -> list[Any]:
    rows = []
    for n, line in enumerate(STRESS.read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        sentence, expected = line.split("\t")
        rows.append(pytest.param(sentence, json.loads(expected), id=f"line{n:03d}"))
    return rows


STRESS_ROWS = _stress_rows()


def test_stress_file_size() -> None:
    assert len(STRESS_ROWS) >= 200
    assert sum(1 for p in STRESS_ROWS if p.values[1] == []) >= 50  # the non-claim classes


@pytest.mark.parametrize(("sentence", "expected"), STRESS_ROWS)
def test_stress(nlp: Language, sentence: str, expected: list[list[Any]]) -> None:
    got = []
    for c in run(nlp, sentence):
        row: list[Any] = [c.value, c.unit, c.qualifier]
        if c.value_max is not None:
            row.append(c.value_max)
        got.append(row)
    want = [[approx(v) for v in row] for row in expected]
    assert got == want


def test_a_claim_before_the_speech_verb_has_its_speaker(nlp: Language) -> None:
    """ "وی با بیان اینکه ۱۸ استان ...، اظهار کرد: ..." : the context of the verb is the speaker's too."""
    doc = nlp(
        "فضل‌الله کفیل گفت: کار ادامه دارد. وی با بیان اینکه ۱۸ استان این ستاد را تشکیل دادند، اظهار کرد: ۵۰۰۰ نشست برگزار شد."
    )
    speakers = {c.value: c.speaker for c in doc._.claims}
    assert speakers[18] == speakers[5000] == doc._.people[0].id
