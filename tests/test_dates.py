"""Dates: one (text, expected) row per rule, dateparser's Jalali vectors, and parstdex as a span regression set."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

import pytest

from newsmine.text.dates import IRST, DateSpan, ParsedDate, find_dates, parse_date

Z = "\u200c"
#: publication date of the "ref" rows: Tuesday 2024-02-20 = 1402-12-01 (1402 is not a leap year, 1403 is)
REF = date(2024, 2, 20)

# (rule, text, ref, expected): expected None = not a date; else the ParsedDate fields to check, plus
# "time": (hour, minute, second) and "jalali"/"gregorian" (the properties).
PARSE = [
    # day month year, and the clock time attached to it
    (
        "day-month-year",
        "21 بهمن 1402",
        None,
        {"jalali": "1402-11-21", "gregorian": "2024-02-10", "weekday": 0},
    ),
    ("persian-digits", "۲۱ بهمن ۱۴۰۲", None, {"jalali": "1402-11-21"}),
    ("arabic-indic-digits", "٢١ بهمن ١٤٠٢", None, {"jalali": "1402-11-21"}),
    (
        "weekday-and-time-hms",
        "شنبه ۲۱ بهمن ۱۴۰۲ - ۱۰:۱۲:۰۵",
        None,
        {"jalali": "1402-11-21", "time": (10, 12, 5)},
    ),
    ("time-hm", "21 بهمن 1402 09:20", None, {"gregorian": "2024-02-10", "time": (9, 20, None)}),
    (
        "time-with-saat",
        "پنجشنبه ۲۶ شهريور ۱۳۹۴ ساعت ۹:۳۲",
        None,
        {"jalali": "1394-06-26", "time": (9, 32, None)},
    ),
    ("time-pm-marker", "7 آذر 1395 10 : 13 ب . ظ", None, {"jalali": "1395-09-07", "time": (22, 13, None)}),
    ("time-words", "26 شهریور 1394 ساعت 11 و 01 دقیقه و 47 ثانیه", None, {"time": (11, 1, 47)}),
    ("time-hour-only", "۲۲ بهمن ۱۴۰۲ ساعت ۱۰", None, {"jalali": "1402-11-22", "time": (10, 0, None)}),
    (
        "time-before-date",
        "ساعت 4 : 45 روز 22 آذرماه 1395",
        None,
        {"jalali": "1395-09-22", "time": (4, 45, None)},
    ),
    ("year-glued", "جمعه ۳۰ اسفند ۱۳۸۷ساعت 19:47", None, {"jalali": "1387-12-30", "time": (19, 47, None)}),
    ("glued-day-month-year", "۱۴مهر۹۴", None, {"jalali": "1394-07-14"}),
    ("slashes-around-month", "۱۴ / فروردین / ۱۳۹۵", None, {"jalali": "1395-01-14"}),
    ("year-after-sal", "۱۸ شهریور سال ۱۳۷۸ ه.ش.", None, {"jalali": "1378-06-18"}),
    ("two-digit-year-after-day", "چهارشنبه 22 شهریور 02", None, {"jalali": "1402-06-22", "weekday": 4}),
    ("two-digit-year-13xx", "۲۶ شهریور ۹۴", None, {"jalali": "1394-06-26"}),
    ("ordinal-suffix-digit", "۹ ام دی ماه ۱۴۰۰", None, {"jalali": "1400-10-09"}),
    # month variants: ZWNJ/space/joined ماه, Arabic letters, hamza
    ("mah-zwnj-ref", f"۲۲ بهمن{Z}ماه", REF, {"jalali": "1402-11-22", "gregorian": "2024-02-11"}),
    ("mah-joined-ref", "22 بهمنماه", REF, {"jalali": "1402-11-22"}),
    ("mah-spaced-ref", "۲۲ بهمن ماه", REF, {"jalali": "1402-11-22"}),
    ("no-year-no-ref", f"۲۲ بهمن{Z}ماه", None, {"year": None, "month": 11, "day": 22, "jalali": "--11-22"}),
    (
        "relative-year-no-ref",
        "۲۷ مهر سال جاری",
        None,
        {"year": None, "relative": "this_year", "jalali": "--07-27"},
    ),
    ("relative-year-ref", "۲۷ مهر سال جاری", REF, {"jalali": "1402-07-27"}),
    ("no-year-nearest-ahead", "۵ فروردین", REF, {"jalali": "1403-01-05"}),
    ("no-year-nearest-back", "۲۵ دی", REF, {"jalali": "1402-10-25"}),
    ("arabic-yeh-shahrivar", "۲۶ شهريور ۱۳۹۴", None, {"jalali": "1394-06-26"}),
    ("arabic-yeh-ordibehesht", "۱۰ ارديبهشت ۱۴۰۰", None, {"jalali": "1400-02-10"}),
    ("arabic-yeh-dey", "۵ دي ۱۳۹۹", None, {"jalali": "1399-10-05"}),
    ("hamza-azar", "۷ أذر ۱۳۹۵", None, {"jalali": "1395-09-07"}),
    ("no-madda-aban", "۱ ابان ۱۴۰۰", None, {"jalali": "1400-08-01"}),
    # numeric dates
    ("numeric-ymd-slash", "1400/03/09", None, {"jalali": "1400-03-09", "gregorian": "2021-05-30"}),
    ("numeric-persian-digits", "۱۴۰۰/۰۳/۰۹", None, {"jalali": "1400-03-09"}),
    ("numeric-dmy", "9/3/1400", None, {"jalali": "1400-03-09"}),
    ("numeric-dash", "1400-03-09", None, {"jalali": "1400-03-09"}),
    ("numeric-dots-spaced", "23 . 8 . 1395", None, {"jalali": "1395-08-23"}),
    ("numeric-two-digit-year", "95/9/6", None, {"jalali": "1395-09-06"}),
    ("numeric-two-digit-year-14xx", "02/11/21", None, {"jalali": "1402-11-21"}),
    ("numeric-two-digit-year-last", "27/3/66", None, {"jalali": "1366-03-27"}),
    ("numeric-small-parts-not-date", "12.5.3", None, None),
    (
        "numeric-with-time-and-marker",
        "۱۳۲۳-۰۳-۲۳ ۱۲:۴۲ ه.ش.",
        None,
        {"jalali": "1323-03-23", "time": (12, 42, None)},
    ),
    ("numeric-gregorian-dmy", "24/05/1965", None, {"gregorian": "1965-05-24", "calendar": "gregorian"}),
    ("numeric-gregorian-mdy", "11.24.2016", None, {"gregorian": "2016-11-24", "calendar": "gregorian"}),
    ("numeric-gregorian-ymd", "1999-02-01", None, {"gregorian": "1999-02-01", "written": (1999, 2, 1)}),
    (
        "numeric-hijri-marker",
        "1100/09/09 قمری",
        None,
        {"calendar": "hijri", "written": (1100, 9, 9), "year": None},
    ),
    # years
    ("year-two-digit", "سال ۹۸", None, {"jalali": "1398", "precision": "year"}),
    ("year-two-digit-ref", "سال ۹۸", REF, {"jalali": "1398"}),
    ("year-two-digit-14xx", "سال ۰۲", None, {"jalali": "1402"}),
    ("year-two-digit-13xx", "سال ۵۷", None, {"jalali": "1357"}),
    ("year-four-digit", "سال ۱۴۰۲", None, {"jalali": "1402", "precision": "year"}),
    (
        "year-gregorian",
        "سال 2017",
        None,
        {"calendar": "gregorian", "written": (2017, None, None), "jalali": None},
    ),
    ("year-with-marker", "۱۳۰۰ هجری شمسی", None, {"jalali": "1300"}),
    (
        "year-gregorian-miladi-gives-gregorian",
        "سال 2015 میلادی",
        None,
        {"gregorian": "2015", "jalali": None, "precision": "year", "calendar": "gregorian"},
    ),
    ("year-gregorian-bare-gives-gregorian", "سال ۲۰۱۷", None, {"gregorian": "2017", "jalali": None}),
    ("year-jalali-no-gregorian", "سال ۹۸", None, {"jalali": "1398", "gregorian": None}),
    ("year-hijri-no-gregorian", "سال ۱۳۵۴ ه.ق.", None, {"gregorian": None, "jalali": None}),
    ("year-miladi", "۱۲۱۰ میلادی", None, {"calendar": "gregorian", "written": (1210, None, None)}),
    ("year-hijri", "سال ۱۳۵۴ ه.ق.", None, {"calendar": "hijri", "written": (1354, None, None)}),
    ("bare-number-not-year", "بودجه ۱۴۰۲", None, None),
    # month precision
    ("month-year", "بهمن ۱۴۰۲", None, {"jalali": "1402-11", "precision": "month", "gregorian": None}),
    ("month-mah-year2", f"دی{Z}ماه ۹۲", None, {"jalali": "1392-10"}),
    ("month-sal-year2", "دی سال 93", None, {"jalali": "1393-10"}),
    ("month-mah-ref", "مهرماه", REF, {"jalali": "1402-07", "precision": "month"}),
    ("month-this-year", "آبان امسال", REF, {"jalali": "1402-08", "relative": "this_year"}),
    ("day-month-this-year", f"12 بهمن{Z}ماه امسال", REF, {"jalali": "1402-11-12", "relative": "this_year"}),
    ("day-month-last-year", "۲۲ آذرماه سال گذشته", REF, {"jalali": "1401-09-22"}),
    # Gregorian months written in Persian
    (
        "gregorian-day",
        "۱۰ فوریه ۲۰۲۴",
        None,
        {"jalali": "1402-11-21", "calendar": "gregorian", "written": (2024, 2, 10)},
    ),
    (
        "gregorian-month",
        "ژوئن ۱۹۹۱",
        None,
        {"year": 1370, "month": None, "precision": "month", "written": (1991, 6, None)},
    ),
    (
        "gregorian-month-gives-gregorian",
        "ژوئن 2015",
        None,
        {"gregorian": "2015-06", "jalali": None, "precision": "month", "year": 1394},
    ),
    ("gregorian-month-persian-digits", "اوت ۲۰۲۰", None, {"gregorian": "2020-08"}),
    ("gregorian-month-rel-year", "ژانویه امسال", REF, {"gregorian": "2024-01", "relative": "this_year"}),
    ("gregorian-may-meh", "۱۳ مه ۲۰۲۳", None, {"gregorian": "2023-05-13"}),
    ("gregorian-may-mi", "۱۳ می ۲۰۲۳", None, {"gregorian": "2023-05-13"}),
    ("gregorian-july-variants", "۴ ژوییه ۲۰۲۳", None, {"gregorian": "2023-07-04"}),
    ("gregorian-july-jolay", "۴ جولای ۲۰۲۳", None, {"gregorian": "2023-07-04"}),
    ("gregorian-august-agust", "۱۵ آگوست ۲۰۲۰", None, {"gregorian": "2020-08-15"}),
    ("gregorian-august-ut", "۱۵ اوت ۲۰۲۰", None, {"gregorian": "2020-08-15"}),
    ("gregorian-sept-11", "۱۱ سپتامبر ۲۰۰۱", None, {"jalali": "1380-06-20"}),
    ("gregorian-no-year-ref", "۲۵ دسامبر", REF, {"gregorian": "2023-12-25", "jalali": "1402-10-04"}),
    # Hijri-qamari: kept as written (no conversion)
    ("hijri-day", "۱۵ رمضان ۱۴۴۵", None, {"calendar": "hijri", "written": (1445, 9, 15), "jalali": None}),
    ("hijri-month", "ماه رمضان", None, {"calendar": "hijri", "precision": "month"}),
    # invalid
    ("invalid-day", "۳۲ بهمن ۱۴۰۲", None, None),
    ("invalid-month", "1400/13/01", None, None),
    ("invalid-esfand-30-non-leap", "۳۰ اسفند ۱۴۰۲", None, None),
    ("valid-esfand-30-leap", "۳۰ اسفند ۱۴۰۳", None, {"jalali": "1403-12-30"}),
    ("invalid-mehr-31", "۳۱ مهر ۱۴۰۲", None, None),
    ("valid-shahrivar-31", "۳۱ شهریور ۱۴۰۲", None, {"jalali": "1402-06-31"}),
    ("invalid-gregorian", "۳۰ فوریه ۲۰۲۴", None, None),
    ("not-a-date-time-alone", "ساعت ۱۰ صبح", None, None),
    ("not-a-date-duration", "۴۵ دقیقه", None, None),
    ("not-a-date-event", "دهه فجر", None, None),
    # relative, with ref
    ("rel-today", "امروز", REF, {"jalali": "1402-12-01", "relative": "today"}),
    ("rel-yesterday", "دیروز", REF, {"jalali": "1402-11-30", "relative": "yesterday"}),
    ("rel-rooz-gozashte", "روز گذشته", REF, {"jalali": "1402-11-30", "relative": "yesterday"}),
    ("rel-tomorrow", "فردا", REF, {"jalali": "1402-12-02", "relative": "tomorrow"}),
    ("rel-day-before-yesterday", "پریروز", REF, {"jalali": "1402-11-29"}),
    ("rel-this-year", "امسال", REF, {"jalali": "1402", "precision": "year", "relative": "this_year"}),
    ("rel-last-year", "پارسال", REF, {"jalali": "1401", "relative": "last_year"}),
    ("rel-sal-gozashte", "سال گذشته", REF, {"jalali": "1401", "relative": "last_year"}),
    ("rel-sal-jari", "سال جاری", REF, {"jalali": "1402", "relative": "this_year"}),
    (
        "rel-year-miladi",
        "سال جاری میلادی",
        REF,
        {
            "calendar": "gregorian",
            "written": (2024, None, None),
            "jalali": None,
            "gregorian": "2024",
            "relative": "this_year",
        },
    ),
    (
        "rel-last-week",
        "هفته گذشته",
        REF,
        {"jalali": "1402-11-21", "precision": "week", "relative": "last_week"},
    ),
    ("rel-hafte-pish", "هفته پیش", REF, {"jalali": "1402-11-21", "relative": "last_week"}),
    (
        "rel-last-month",
        "ماه گذشته",
        REF,
        {"jalali": "1402-11", "precision": "month", "relative": "last_month"},
    ),
    ("rel-this-month", "ماه جاری", REF, {"jalali": "1402-12", "relative": "this_month"}),
    ("rel-days-ago-digits", "۳ روز پیش", REF, {"jalali": "1402-11-28", "relative": "3_days_ago"}),
    ("rel-weeks-later", "۲ هفته دیگر", REF, {"jalali": "1402-12-12", "precision": "week"}),
    ("rel-weekday-rooz", "روز شنبه", REF, {"jalali": "1402-11-28", "relative": "weekday", "weekday": 0}),
    ("rel-weekday-last", "شنبه گذشته", REF, {"jalali": "1402-11-28", "relative": "last_weekday"}),
    ("rel-weekday-next", "دوشنبه آینده", REF, {"jalali": "1402-12-07", "relative": "next_weekday"}),
    (
        "rel-today-weekday",
        f"امروز سه{Z}شنبه",
        REF,
        {"jalali": "1402-12-01", "relative": "today", "weekday": 3},
    ),
    ("rel-today-with-time", "امروز ساعت ۱۰:۳۰", REF, {"jalali": "1402-12-01", "time": (10, 30, None)}),
    ("rel-daypart", "بامداد دیروز", REF, {"jalali": "1402-11-30"}),
    # relative, without ref: found, fields unknown
    ("rel-no-ref", "دیروز", None, {"year": None, "day": None, "relative": "yesterday", "precision": "day"}),
    ("rel-year-no-ref", "سال گذشته", None, {"year": None, "relative": "last_year", "precision": "year"}),
    ("rel-duration-not-date", "۳ سال گذشته", REF, None),
    # the whole string: a month name alone is not a date even here ("مهر" as a dateline is the agency)
    ("whole-string-month", "مهر", None, None),
    ("whole-string-weekday", "یکشنبه", None, {"weekday": 1, "relative": "weekday"}),
    ("whole-string-two-dates", "۱ فروردین ۱۴۰۳ و ۲ فروردین ۱۴۰۳", None, None),
]

# words parsed by newsmine.text.numbers
PARSE_WORDS = [
    ("word-day-first", "اول فروردین", REF, {"jalali": "1403-01-01"}),
    (
        "word-day-compound",
        "بیست و سوم اردیبهشت ۱۳۸۹",
        None,
        {"jalali": "1389-02-23", "gregorian": "2010-05-13"},
    ),
    ("word-day-si-om", "سی ام اسفند ۱۳۸۷", None, {"jalali": "1387-12-30"}),
    ("word-day-si-om-zwnj", f"سی{Z}ام اسفند ۱۳۸۷", None, {"jalali": "1387-12-30"}),
    ("word-day-weekday", "سه شنبه سوم شهریور ۱۳۹۴", None, {"gregorian": "2015-08-25"}),
    ("word-day-cardinal-with-year", "یک تیر سال 1332", None, {"jalali": "1332-04-01"}),
    ("word-day-mah-year", "بیست و دو مهرماه ۱۴۰۰", None, {"jalali": "1400-07-22"}),
    ("word-day-ordinal-rooz", f"بیست{Z}و{Z}یکمین روز فروردین ۱۴۰۰", None, {"jalali": "1400-01-21"}),
    ("word-year", "سال هزار و سیصد و شصت و چهار هجری شمسی", None, {"jalali": "1364"}),
    (
        "word-year-gregorian-month",
        "می دو هزار و بیست و یک",
        None,
        {"written": (2021, 5, None), "gregorian": "2021-05"},
    ),
    ("word-days-ago", "سه روز پیش", REF, {"jalali": "1402-11-28", "relative": "3_days_ago"}),
    ("word-years-ago", "دو سال پیش", REF, {"jalali": "1400", "relative": "2_years_ago"}),
    ("word-duration-not-date", "پنج سال آینده", REF, None),
    ("word-time", "امروز ساعت ده و سی دقیقه صبح", REF, {"jalali": "1402-12-01", "time": (10, 30, None)}),
    ("word-time-pm", "۲۲ بهمن ۱۴۰۲ ساعت یازده شب", None, {"time": (23, 0, None)}),
]

# (rule, running text, ref, [(surface, jalali)])
FIND = [
    ("agency-mehr", "به گزارش خبرنگار مهر، وزیر گفت", None, []),
    (
        "agency-mehr-then-date",
        "به گزارش خبرگزاری مهر ۲۲ بهمن ۱۴۰۲ برگزار شد",
        None,
        [("۲۲ بهمن ۱۴۰۲", "1402-11-22")],
    ),
    ("dj-dey", "یک دی جی قبل بهار آزادی پیش بهمن لیزینگ رفت", None, []),
    ("bullet-tir", "دو تیر به سمت او شلیک شد و تیر سوم خطا رفت", None, []),
    ("cd-not-dey", "این سی دی را از بازار خرید", None, []),
    ("words-day-common-month-mah", "بیست دی ماه", None, [("بیست دی ماه", "--10-20")]),
    ("names-azar-bahman", "آذر گفت و بهمن نامور مطلق پاسخ داد", None, []),
    ("month-needs-anchor", "در خرداد و مرداد", None, []),
    ("month-with-mah", "خبرگزاری مهر در مهرماه ۱۳۸۸ تاسیس شد", None, [("مهرماه ۱۳۸۸", "1388-07")]),
    ("mah-before-month", "ماه مهر امسال", REF, [("ماه مهر امسال", "1402-07")]),
    ("place-named-after-date", "ورزشگاه ۱۷ تیر در میدان ۱۵ خرداد", None, []),
    ("count-after-date-not-year", "۲۲ بهمن ۱۰ نفر کشته شدند", REF, [("۲۲ بهمن", "1402-11-22")]),
    ("time-not-year", "21 بهمن 09:20", REF, [("21 بهمن 09:20", "1402-11-21")]),
    ("weekday-as-name", "نماز جمعه و دوشنبه بازار", None, []),
    ("bare-weekday", "وزیر شنبه گفت", REF, [("شنبه", "1402-11-28")]),
    ("few-days-duration", "در چند روز گذشته", REF, []),
    ("weekday-with-rooz", "روز یکشنبه در نشستی گفت", REF, [("روز یکشنبه", "1402-11-29")]),
    ("weekday-prefix-joins", "روز شنبه ۲ مرداد ۱۴۰۲", None, [("روز شنبه ۲ مرداد ۱۴۰۲", "1402-05-02")]),
    ("today-weekday-joined", "امروزدوشنبه", REF, [("امروزدوشنبه", "1402-12-01")]),
    ("pish-az-not-ago", "یک سال پیش از انقلاب", None, []),
    ("plural-years-not-date", f"در سال{Z}های گذشته و سال{Z}های اخیر", None, []),
    ("duration-months", "در طول ۴۰ ماه گذشته", REF, []),
    ("may-mi-needs-year", "تعداد به ۱۳ می رسد", None, []),
    ("too-long-ago", "۲ هزار سال پیش", REF, []),
    ("ip-not-date", "آی‌پی 1.1.12.234 سرور", None, []),
    ("event-not-date", "دهه فجر آغاز شد", None, []),
    ("bare-four-digit", "رقم ۱۴۰۲ تصویب شد", None, []),
    ("year-noun", "بودجه ۱۴۰۲ تصویب شد", None, [("۱۴۰۲", "1402")]),
    ("year-noun-election", "انتخابات ۱۴۰۰ ریاست جمهوری", None, [("۱۴۰۰", "1400")]),
    ("year-noun-then-counter", "بودجه ۱۴۰۰ میلیارد تومانی", None, []),
    # a season, a decade or years before the number; a range of years is two years
    ("year-noun-season", "در بهار ۱۴۰۱ برگزار شد", None, [("۱۴۰۱", "1401")]),
    # سال glued to در (Dari typing); a year before "روز <weekday>" (not a count of days)
    ("year-glued-dar", "درسال ۱۳۹۸ تعمیر شد", None, [("درسال ۱۳۹۸", "1398")]),
    ("year-then-weekday", "در سال ۱۳۹۳ روز یکشنبه", None, [("سال ۱۳۹۳", "1393"), ("روز یکشنبه", None)]),
    ("year-then-days", "سال ۱۳۹۸ روز کار کرد", None, []),
    ("year-noun-decade", "در دهه ۱۳۶۰ ساخته شد", None, [("۱۳۶۰", "1360")]),
    ("year-range", f"در سال{Z}های ۱۳۸۹ تا ۱۳۹۲ مدیر بود", None, [("۱۳۸۹", "1389"), ("۱۳۹۲", "1392")]),
    ("year-range-then-counter", "سال ۱۳۹۸ تا ۱۴۰۰ نفر آمدند", None, [("سال ۱۳۹۸", "1398")]),
    # years listed bare, in order; not amounts, not a list that ends in a counter
    (
        "year-list",
        "این تیم ۱۳۹۶، ۱۳۹۷ و ۱۳۹۸ قهرمان شد",
        None,
        [("۱۳۹۶", "1396"), ("۱۳۹۷", "1397"), ("۱۳۹۸", "1398")],
    ),
    ("amount-list", "قیمت‌ها ۱۵۰۰، ۱۴۰۰ و ۱۳۰۰ تومان است", None, []),
    ("year-list-then-counter", "تعداد ۱۳۹۸ و ۱۴۰۱ نفر بود", None, []),
    (
        "two-dates",
        "از ۲۰ آبان ماه لغایت ۱۴ آذرماه ۱۴۰۲",
        REF,
        [("۲۰ آبان ماه", "1402-08-20"), ("۱۴ آذرماه ۱۴۰۲", "1402-09-14")],
    ),
    ("year-then-date", "در سال ۹۸ و ۱۴۰۲/۰۱/۱۵", None, [("سال ۹۸", "1398"), ("۱۴۰۲/۰۱/۱۵", "1402-01-15")]),
    (
        "day-range-first-day",  # the range is a date (its first day) holding the date of its last day
        "نمایشگاه از ۱۰ تا ۱۵ بهمن‌ماه برپاست",
        REF,
        [("۱۰ تا ۱۵ بهمن‌ماه", "1402-11-10"), ("۱۵ بهمن‌ماه", "1402-11-15")],
    ),
    (
        "day-range-ali",
        "طی روزهای 13 الی 19 مهرماه",
        REF,
        [("13 الی 19 مهرماه", "1402-07-13"), ("19 مهرماه", "1402-07-19")],
    ),
    ("day-range-backwards-not-range", "بین ۱۵ تا ۱۰ بهمن", REF, [("۱۰ بهمن", "1402-11-10")]),
    (
        "ordinal-day-of-month",
        "در بیست و ششمین روز از خرداد ماه سال جاری",
        REF,
        [("بیست و ششمین روز از خرداد ماه سال جاری", "1402-03-26")],
    ),
    ("cardinal-days-of-month-not-date", "سه روز از خرداد گذشت", REF, []),
    (
        "same-year-as-the-last-written",
        "اسکار ۲۲ ژانویه سال ۲۰۰۹ اعلام و ۲۲ فوریه همین سال اهدا می‌شود",
        REF,
        [("۲۲ ژانویه سال ۲۰۰۹", "1387-11-03"), ("۲۲ فوریه همین سال", "1387-12-04")],
    ),
    ("same-year-without-one-written", "۲۲ فوریه همین سال", REF, [("۲۲ فوریه همین سال", "1402-12-03")]),
    (
        "month-last-and-next",
        "در مهر گذشته و خرداد آینده",
        REF,
        [("مهر گذشته", "1402-07"), ("خرداد آینده", "1403-03")],
    ),
    ("day-month-last", "در 12 ژوئن گذشته", REF, [("12 ژوئن گذشته", "1402-03-22")]),
    ("gregorian-year-in-text", "در سال 2015 میلادی برگزار شد", None, [("سال 2015 میلادی", None)]),
    (
        "header-time-date",
        "بزرگنمایی 13 : 31 - 1395 . 8 . 19",
        None,
        [("13 : 31 - 1395 . 8 . 19", "1395-08-19")],
    ),
    (
        "spans-into-original",
        "پنجشنبه ۲۶ شهريور ۱۳۹۴ ساعت ۹:۳۲ - تهران",
        None,
        [("پنجشنبه ۲۶ شهريور ۱۳۹۴ ساعت ۹:۳۲", "1394-06-26")],
    ),
]

FIND_WORDS = [
    ("period-not-day", "دهه اول محرم و نیمه دوم اسفند", None, []),
    ("word-days-ago-in-text", "او سه روز پیش گفت", REF, [("سه روز پیش", "1402-11-28")]),
    ("word-duration-in-text", "در پنج سال آینده و سه سال گذشته", REF, []),
    (
        "word-day-in-text",
        "در روز نهم دی ماه سال 1299 متولد شد",
        None,
        [("روز نهم دی ماه سال 1299", "1299-10-09")],
    ),
]


def _check(parsed: ParsedDate | None, expected: dict | None) -> None:
    if expected is None:
        assert parsed is None
        return
    assert parsed is not None
    for key, want in expected.items():
        got = (parsed.hour, parsed.minute, parsed.second) if key == "time" else getattr(parsed, key)
        assert got == want, f"{key}: {got!r} != {want!r}"


@pytest.mark.parametrize(("rule", "text", "ref", "expected"), PARSE, ids=[r[0] for r in PARSE])
def test_parse(rule: str, text: str, ref: date | None, expected: dict | None) -> None:
    _check(parse_date(text, ref=ref), expected)


@pytest.mark.parametrize(("rule", "text", "ref", "expected"), PARSE_WORDS, ids=[r[0] for r in PARSE_WORDS])
def test_parse_number_words(rule: str, text: str, ref: date | None, expected: dict | None) -> None:
    _check(parse_date(text, ref=ref), expected)


@pytest.mark.parametrize(
    ("rule", "text", "ref", "expected"), FIND + FIND_WORDS, ids=[r[0] for r in FIND + FIND_WORDS]
)
def test_find(rule: str, text: str, ref: date | None, expected: list[tuple[str, str]]) -> None:
    found = find_dates(text, ref=ref)
    assert [(text[d.start : d.end], d.date.jalali) for d in found] == expected
    assert all(d.date.surface == text[d.start : d.end] for d in found)


# (rule, running text, [(surface, jalali, gregorian)]): year and month precision in both calendars
FIND_PRECISION = [
    ("no-year-day-month", "این طرح روز ۲۲ بهمن افتتاح شد", [("روز ۲۲ بهمن", "--11-22", None)]),
    (
        "gregorian-year-range",
        "در سالهای 1975 تا 1980 کار کرد",
        [("1975", None, "1975"), ("1980", None, "1980")],
    ),
    ("no-year-gregorian-day", "نشست روز ۳۰ ژوئن برگزار شد", [("روز ۳۰ ژوئن", None, "--06-30")]),
    ("year-noun-census", "سرشماری ۱۳۹۵ نشان داد", [("۱۳۹۵", "1395", None)]),
    ("competition-name-year", "المپیک ۲۰۲۰ توکیو", []),
    # the Afghan solar months of Dari news (حمل = فروردین ... حوت = اسفند)
    (
        "afghan-day-month-year",
        "کابل - ۲۹ اسد ۱۴۰۲ والی هرات گفت",
        [("۲۹ اسد ۱۴۰۲", "1402-05-29", "2023-08-20")],
    ),
    ("afghan-day-month", "این نشست ۱۵ حوت برگزار شد", [("۱۵ حوت", "--12-15", None)]),
    ("afghan-month-year", "در ماه جوزا ۱۴۰۱ سیل آمد", [("ماه جوزا ۱۴۰۱", "1401-03", None)]),
    ("afghan-burj", "از برج حمل ۱۴۰۱ آغاز شد", [("برج حمل ۱۴۰۱", "1401-01", None)]),
    ("afghan-ambiguous-with-year", "۱۲ سرطان ۱۳۹۹ گفت", [("۱۲ سرطان ۱۳۹۹", "1399-04-12", "2020-07-02")]),
    ("afghan-cancer-count", "۳ سرطان شایع در کشور", []),
    # a two-digit year after a month that is no common word; two days of one month joined by و
    ("month-two-digit-year", "بدهکاران تا پایان خرداد ۹۹ فرصت دارند", [("خرداد ۹۹", "1399-03", None)]),
    ("common-month-two-digits", "در بهمن ۹۸ نفر ثبت نام کردند", []),
    (
        "two-days-of-a-month",
        "یکشنبه و دوشنبه ۱۹ و ۲۰ آبان ماه",
        [
            ("یکشنبه", None, None),
            ("دوشنبه", None, None),
            ("۱۹", "--08-19", None),
            ("۲۰ آبان ماه", "--08-20", None),
        ],
    ),
    ("afghan-transport", "وزارت حمل و نقل اعلام کرد", []),
    ("afghan-level", "میزان تورم بالا رفت", []),
    ("afghan-serious-needs-year", "۲۰ جدی گرفته شد", []),
    ("afghan-jadi-day", "این نشست 26 جدی برگزار شد", [("26 جدی", "--10-26", None)]),
    ("afghan-ordinal-day", "بیست و ششم جدی", [("بیست و ششم جدی", "--10-26", None)]),
    ("afghan-ordinal-this-year", "پانزدهم حوت سال روان", [("پانزدهم حوت سال روان", "--12-15", None)]),
    ("afghan-cardinal-words", "دو حوت", []),
    ("afghan-name", "حکومت بشار اسد ۲۰۱۱ آغاز شد", []),
    ("afghan-name-month-after", "بشار اسد ماه گذشته گفت", [("ماه گذشته", None, None)]),
    ("gregorian-year", "در سال 2015 میلادی برگزار شد", [("سال 2015 میلادی", None, "2015")]),
    ("gregorian-month", "در ژوئن 2015 برگزار شد", [("ژوئن 2015", None, "2015-06")]),
    ("jalali-year", "در سال ۹۸ برگزار شد", [("سال ۹۸", "1398", None)]),
    ("jalali-month", "در بهمن ۱۴۰۲ برگزار شد", [("بهمن ۱۴۰۲", "1402-11", None)]),
]


def test_last_named_month_is_before_the_reference() -> None:
    """ "ژوئن گذشته" said in September 2012 is June 2012; said in May 2012, June 2011."""
    for ref, want in (
        (date(2012, 9, 29), "2012-06"),
        (date(2012, 5, 1), "2011-06"),
        (date(2012, 6, 10), "2011-06"),
    ):
        (found,) = find_dates("در ژوئن گذشته", ref=ref)
        assert (found.date.gregorian, found.date.relative) == (want, "last_named_month")


@pytest.mark.parametrize(("rule", "text", "expected"), FIND_PRECISION, ids=[r[0] for r in FIND_PRECISION])
def test_find_precision(rule: str, text: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    found = find_dates(text)
    assert [(text[d.start : d.end], d.date.jalali, d.date.gregorian) for d in found] == expected


def test_own_rows_count() -> None:
    assert len(PARSE) + len(PARSE_WORDS) + len(FIND) + len(FIND_WORDS) >= 60


# --- API details --------------------------------------------------------------------------------------


def test_types_and_spans() -> None:
    text = "جلسه ۲۲ بهمن ۱۴۰۲ برگزار شد"
    (found,) = find_dates(text)
    assert isinstance(found, DateSpan) and isinstance(found.date, ParsedDate)
    assert text[found.start : found.end] == "۲۲ بهمن ۱۴۰۲"


def test_to_datetime_offsets() -> None:
    # 1402 on: fixed +03:30; 1394 summer: +04:30 from the tz database (fixed +03:30 where it is missing)
    assert parse_date("۱ فروردین ۱۴۰۳ ساعت ۱۰:۰۰").to_datetime().utcoffset() == timedelta(hours=3, minutes=30)
    summer = parse_date("۲۶ شهريور ۱۳۹۴ ساعت ۹:۳۲").to_datetime()
    assert summer.utcoffset() in (timedelta(hours=4, minutes=30), timedelta(hours=3, minutes=30))
    assert (
        parse_date("۱ فروردین ۱۴۰۳").to_datetime(tz=timezone.utc).isoformat() == "2024-03-20T00:00:00+00:00"
    )
    assert parse_date("بهمن ۱۴۰۲").to_datetime() is None
    assert IRST.utcoffset(None) == timedelta(hours=3, minutes=30)


def test_ref_datetime_aware() -> None:
    # 22:00 UTC on 19 Feb is 01:30 on 20 Feb in Tehran: "today" is 1402-12-01
    ref = datetime(2024, 2, 19, 22, 0, tzinfo=timezone.utc)
    assert parse_date("امروز", ref=ref).jalali == "1402-12-01"


# --- dateparser's Jalali vectors ----------------------------------------------------------------------


def _dateparser(corpora, test: str) -> list[dict]:
    path = corpora / "vectors" / "dateparser-jalali.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if r["test"] == test]


JALALI_MONTHS = [
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
]
WEEKDAYS = ["شنبه", "یکشنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه"]
LATIN_MONTHS = ["Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar",
                "Mehr", "Aban", "Azar", "Dey", "Bahman", "Esfand"]  # fmt: skip
LATIN_WEEKDAYS = ["Saturday", "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def test_dateparser_get_date(corpora) -> None:
    rows = _dateparser(corpora, "test_get_date")
    assert len(rows) == 25
    for row in rows:
        parsed = parse_date(row["date_string"])
        assert parsed is not None, row["date_string"]
        got = parsed.to_datetime().replace(tzinfo=None).isoformat(timespec="minutes")
        assert got == row["dt"], row["date_string"]


def test_dateparser_months(corpora) -> None:
    rows = _dateparser(corpora, "test_replace_months")
    assert len(rows) == 12
    for row in rows:
        month = LATIN_MONTHS.index(row["latin"]) + 1
        assert parse_date(f"{row['date_string']} ماه ۱۴۰۰").jalali == f"1400-{month:02d}"
        assert parse_date(f"۱ {row['date_string']} ۱۴۰۰").jalali == f"1400-{month:02d}-01"
        assert [d.date.month for d in find_dates(f"در {row['date_string']} ماه ۱۴۰۰ گفت")] == [month]


def test_dateparser_weekdays(corpora) -> None:
    rows = _dateparser(corpora, "test_replace_weekdays")
    assert len(rows) == 7
    for row in rows:
        weekday = LATIN_WEEKDAYS.index(row["latin"])
        assert parse_date(row["date_string"]).weekday == weekday
        (found,) = find_dates(f"{row['date_string']} گذشته", ref=REF)
        assert found.date.weekday == weekday and found.date.relative == "last_weekday"


def test_dateparser_weekday_of_date(corpora) -> None:
    # dateparser numbers weekdays from Sunday = 0; newsmine (jdatetime) from Saturday = 0
    rows = _dateparser(corpora, "test_weekday")
    assert len(rows) == 4
    for row in rows:
        ours = (row["weekday"] + 1) % 7
        text = f"{WEEKDAYS[ours]} {row['day']} {JALALI_MONTHS[row['month'] - 1]} {row['year']}"
        parsed = parse_date(text)
        assert (parsed.year, parsed.month, parsed.day, parsed.weekday) == (
            row["year"],
            row["month"],
            row["day"],
            ours,
        )


def test_dateparser_day_words(corpora) -> None:
    rows = _dateparser(corpora, "test_replace_day_literal_with_numerals")
    assert len(rows) == 57
    # left out: "صفر" (0 is no day) and "بیست ثانیه" -> 22, a slip in dateparser's own table
    used = [r for r in rows if r["persian"] not in ("صفر", "بیست ثانیه")]
    assert len(used) == 55
    for row in used:
        parsed = parse_date(f"{row['persian']} فروردین ۱۴۰۰")
        assert parsed is not None and parsed.day == int(row["numeral"]), row["persian"]


# --- parstdex: span regression set --------------------------------------------------------------------

# Measured with bench/parstdex_spans.py: exact P 0.424 R 0.213 F1 0.284; overlap P 0.990 R 0.471 F1 0.638.
# Recall is low by design: parstdex also marks durations ("۴۵ دقیقه"), bare clock times, seasons, centuries
# and ranges, and starts spans at "در"/"از"; overlap precision 0.99 says what newsmine finds is a time
# expression. The floor is the measured exact F1 minus 0.02, a regression guard.
PARSTDEX_EXACT_F1_FLOOR = 0.264


def test_parstdex_span_f1(corpora) -> None:
    rows = json.loads((corpora / "vectors" / "parstdex-date-spans.json").read_text(encoding="utf-8"))
    n_pred = n_gold = exact = 0
    for row in rows:
        gold = {tuple(x) for x in json.loads(row["expected"])}
        pred = {(d.start, d.end) for d in find_dates(row["test_input"])}
        n_pred, n_gold, exact = n_pred + len(pred), n_gold + len(gold), exact + len(pred & gold)
    p, r = exact / n_pred, exact / n_gold
    f1 = 2 * p * r / (p + r)
    assert f1 >= PARSTDEX_EXACT_F1_FLOOR, f"exact-span F1 {f1:.3f} fell below {PARSTDEX_EXACT_F1_FLOOR}"
