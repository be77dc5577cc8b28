"""Dates in Persian news: Jalali, Gregorian and Hijri dates, times attached to them, relative dates.

Two entry points. :func:`find_dates` scans running text and returns every date with its ``[start, end)``
span; :func:`parse_date` reads a string that is, as a whole, one date expression (a dateline, a table
cell). Both take ``ref``, the article's publication date: it supplies the year a date omits
("۲۲ بهمن‌ماه") and resolves relative words (دیروز، امسال، هفته گذشته).

>>> d = parse_date("شنبه ۲۱ بهمن ۱۴۰۲ - ۱۰:۱۲:۰۵")
>>> d.jalali, d.gregorian, (d.hour, d.minute, d.second)
('1402-11-21', '2024-02-10', (10, 12, 5))
>>> text = "به گزارش خبرنگار مهر، جلسه روز ۲۲ بهمن‌ماه و دیروز برگزار شد."
>>> [(text[s.start:s.end], s.date.jalali) for s in find_dates(text, ref=date(2024, 2, 20))]
[('روز ۲۲ بهمن\u200cماه', '1402-11-22'), ('دیروز', '1402-11-30')]

What counts as a date (the rules, in the order the scanner tries them):

* numeric dates: ``1400/03/09``, ``۱۴۰۰-۰۳-۰۹``, ``9/3/1400`` (day first when the year is last),
  ``95/9/6`` (two-digit year first). A four-digit year 1200-1499 is Jalali, 1500-2199 Gregorian
  (``24/05/1965``; month/day order read from which number can be a month), unless a calendar word
  (میلادی، هجری شمسی، قمری) after it says otherwise;
* day + month [+ year]: ``21 بهمن 1402``, ``بیست و سوم اردیبهشت ۱۳۸۹``, ``۱۴مهر۹۴``, ``۱۰ فوریه ۲۰۲۴``,
  ``بیست و ششمین روز از خرداد``; month + year or month + ماه: ``بهمن ۱۴۰۲``, ``مهرماه``, ``دی سال ۹۳``,
  ``آبان امسال``, and the last or next such month: ``ژوئن گذشته``, ``مهر آینده``. A month word alone is
  never a date in running text (مهر is a news agency, دی a DJ, تیر a bullet, آذر a name);
* a range of days of one month, ``۱۰ تا ۱۵ بهمن‌ماه``, is a date of its own (its first day, its span the
  whole range) holding the date of its last day (``۱۵ بهمن‌ماه``); in two days of one month, ``۱۹ و ۲۰
  آبان``, the first number is a date of its own too;
* ``سال ۹۸``, ``سال ۱۴۰۲``, ``سال هزار و سیصد و شصت و چهار``, ``۱۲۱۰ میلادی``, and the four-digit
  number after a noun that names a year (``بودجه ۱۴۰۲``, ``انتخابات ۱۴۰۰``, ``سرشماری ۱۳۹۵``: the number
  alone is the date; in ``المپیک ۲۰۲۰`` it is part of a name). A bare four-digit number is not a date;
* the Afghan solar months of Dari news (حمل ... حوت, the Iranian months under the zodiac names): ``۲۹ اسد
  ۱۴۰۲``, ``۱۵ حوت``, ``برج حمل``; being common words too (حمل، سرطان، میزان، جدی), they need a day in digits,
  a year or ماه/برج beside them, and سرطان، میزان، جدی a year;
* relative words from the lexicon (امروز، دیروز، پارسال، هفته گذشته، ماه جاری) and counted ones
  (سه روز پیش، دو هفته دیگر); "۳ سال گذشته", "چند روز گذشته" (during the past days) are durations,
  and "سال پیش از انقلاب" (the year before) is not "last year";
* weekdays: روز یکشنبه، شنبه گذشته، دوشنبه هفته آینده، امروز دوشنبه, and a bare weekday ("وزیر شنبه
  گفت") unless a word beside it makes it a name (نماز جمعه، دوشنبه بازار). With ``ref``, a weekday
  without گذشته/آینده is the one from four days before ``ref`` to two days after (news reports the past).

A weekday before a date, روز, a part of the day (صبح، شامگاه) and a clock time before or after a date
(``ساعت ۹:۳۲``, ``ساعت 11 و 01 دقیقه``, ``10 : 13 ب . ظ``) join the date's span. Invalid dates
(۳۲ بهمن، 1400/13/01) are not dates. Durations (۴۵ دقیقه) and clock times without a date are not found.

Decisions:

* a missing year comes from ``ref``: of the years ref-1, ref, ref+1 the one that puts the date nearest to
  ``ref`` (on a tie, the earlier). Without ``ref`` the year stays ``None`` and a day and month are given
  as ``--MM-DD`` (``jalali``, or ``gregorian`` for a Gregorian month). "ژوئن گذشته" is the last June
  strictly before ``ref``, "مهر آینده" the next Mehr after it; "۲۲ فوریه همین سال" takes the year of the
  last date before it with a written year in its calendar ("۲۲ ژانویه ۲۰۰۹ ... ۲۲ فوریه همین سال" is
  2009-02-22), and ``ref``'s year when there is none;
* two-digit years: the century that puts the year nearest to ``ref``'s Jalali year; without ``ref``,
  00-49 -> 14xx and 50-99 -> 13xx;
* Gregorian and Hijri dates keep what was written in ``written`` (year, month, day in their own calendar);
  ``year/month/day`` are always Jalali, filled only where the Jalali value is determined: ``ژوئن ۱۹۹۱``
  lies within Jalali 1370 but across two Jalali months (year 1370, month None); Hijri dates are not
  converted (jdatetime has no Hijri calendar), so their Jalali fields are ``None``;
* ``gregorian`` is the Gregorian day for day precision, and for a date written in the Gregorian calendar
  at year or month precision the year or month as written (``سال 2015 میلادی`` = "2015", ``ژوئن 2015`` =
  "2015-06"); a Jalali year or month (``سال ۹۸``, ``بهمن ۱۴۰۲``) spans two Gregorian ones, so it has none;
* a weekday that disagrees with the date it names is kept out of ``weekday``, which is computed from the
  date whenever the date is known.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone, tzinfo

import jdatetime

from newsmine.lang.chars import fold, trie_regex
from newsmine.lang.keys import key
from newsmine.resources import read_rows

__all__ = ["IRST", "DateSpan", "ParsedDate", "find_dates", "parse_date", "tehran_tz"]

#: Iran Standard Time. Iran has kept it all year since 1402 (21 March 2023): no daylight saving.
IRST = timezone(timedelta(hours=3, minutes=30), "IRST")
#: the first day (Gregorian) from which Iran observes no daylight saving: 1402-01-01
NO_DST_FROM: date = jdatetime.date(1402, 1, 1).togregorian()

# --------------------------------------------------------------------------------------------------
# the result types


@dataclass(frozen=True)
class ParsedDate:
    """One date: Jalali fields, the clock time if written, how precise it is and how it was written.

    ``year``/``month``/``day`` are Jalali whatever calendar the text used (``calendar``); ``written``
    keeps the numbers as written in that calendar. ``relative`` names the relative expression
    ("yesterday", "last_week", "3_days_ago"...) when the text was relative; the Jalali fields are then
    filled only when a ``ref`` was given. For ``precision == "week"`` the fields hold the week's
    Saturday. ``weekday`` is 0 for Saturday ... 6 for Friday (jdatetime's numbering).

    >>> d = parse_date("21 بهمن 1402 09:20")
    >>> d.jalali, d.gregorian, d.weekday, d.to_datetime().isoformat()
    ('1402-11-21', '2024-02-10', 0, '2024-02-10T09:20:00+03:30')
    >>> parse_date("بهمن ۱۴۰۲").jalali, parse_date("سال ۹۸").jalali
    ('1402-11', '1398')
    """

    surface: str
    year: int | None
    month: int | None
    day: int | None
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    precision: str = "day"
    calendar: str = "jalali"
    relative: str | None = None
    weekday: int | None = None
    written: tuple[int | None, int | None, int | None] | None = None

    @property
    def jalali(self) -> str | None:
        """``"1402-11-21"``, ``"1402-11"`` or ``"1402"`` by precision; a day and month whose year is unknown
        (no ``ref``) as ``"--11-21"`` (ISO 8601's form without a year); None when that much is unknown.

        >>> parse_date("۲۱ بهمن").jalali, parse_date("۲۱ بهمن", ref=date(2024, 2, 20)).jalali
        ('--11-21', '1402-11-21')
        """
        if self.year is None:
            # "۲۷ مهر سال جاری" with no ref: the year is relative, the month and day are written
            if self.precision == "day" and self.month is not None and self.day is not None:
                return f"--{self.month:02d}-{self.day:02d}"
            return None
        if self.precision == "year":
            return f"{self.year:04d}"
        if self.month is None:
            return None
        if self.precision == "month":
            return f"{self.year:04d}-{self.month:02d}"
        if self.day is None:
            return None
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def gregorian(self) -> str | None:
        """The Gregorian day (``"2024-02-10"``) for day precision (``"--06-30"`` for a Gregorian day and month
        whose year is unknown); for a date written in the Gregorian calendar at year or month precision, the
        year (``"2015"``) or month (``"2015-06"``) as written.
        None otherwise: a Jalali year or month spans two Gregorian ones.

        >>> parse_date("سال 2015 میلادی").gregorian, parse_date("ژوئن ۲۰۱۵").gregorian
        ('2015', '2015-06')
        >>> parse_date("سال ۹۸").gregorian is None, parse_date("۳۰ ژوئن").gregorian
        (True, '--06-30')
        """
        if self.precision == "day" and self.year is None and self.calendar == "gregorian" and self.written:
            _, month, day = self.written  # "۳۰ ژوئن" with no year known: "--06-30"
            return f"--{month:02d}-{day:02d}" if month is not None and day is not None else None
        if self.precision in ("year", "month"):
            if self.calendar != "gregorian" or self.written is None or self.written[0] is None:
                return None
            year, month = self.written[0], self.written[1]
            if self.precision == "year":
                return f"{year:04d}"
            return f"{year:04d}-{month:02d}" if month is not None else None
        g = self._gregorian_date()
        return g.isoformat() if g is not None else None

    def _gregorian_date(self) -> date | None:
        if self.precision != "day" or self.year is None or self.month is None or self.day is None:
            return None
        return jdatetime.date(self.year, self.month, self.day).togregorian()

    def to_datetime(self, tz: tzinfo | None = None) -> datetime | None:
        """An aware datetime for a day-precision date (None otherwise); the clock time, or midnight.

        ``tz`` is the zone the written clock time is in. By default Tehran: a fixed +03:30 from 1402 on
        (Iran dropped daylight saving), and before that ``zoneinfo``'s Asia/Tehran, which knows the
        historic +04:30 summers (fixed +03:30 if the system has no tz database).

        >>> parse_date("پنجشنبه ۲۶ شهريور ۱۳۹۴ ساعت ۹:۳۲").to_datetime().isoformat()
        '2015-09-17T09:32:00+04:30'
        """
        g = self._gregorian_date()
        if g is None:
            return None
        naive = datetime(g.year, g.month, g.day, self.hour or 0, self.minute or 0, self.second or 0)
        return naive.replace(tzinfo=tz if tz is not None else tehran_tz(naive))


@dataclass(frozen=True)
class DateSpan:
    """A date found in running text: ``text[start:end]`` is ``date.surface``."""

    start: int
    end: int
    date: ParsedDate


def tehran_tz(when: datetime | date) -> tzinfo:
    """The Tehran zone to use for a wall-clock time: IRST from 1402 on, zoneinfo's Asia/Tehran before."""
    day = when.date() if isinstance(when, datetime) else when
    if day >= NO_DST_FROM:
        return IRST
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo("Asia/Tehran")
    except Exception:  # no tz database on this system
        return IRST


# --------------------------------------------------------------------------------------------------
# the lexicon


@dataclass(frozen=True)
class _Entry:
    word: str
    kind: str
    value: str
    flags: frozenset[str]


_DOTS = re.compile("[\u0640.]+")


def _key(s: str) -> str:
    """Lookup key of a matched word: its :func:`newsmine.lang.keys.key`, without dots or kashida ("ب.ظ")."""
    return key(_DOTS.sub("", s))


def _load_lexicon() -> tuple[dict[str, dict[str, _Entry]], dict[str, list[str]]]:
    """The calendar words by kind: entries by key (spellings of one word share one), and every spelling
    as written, for the patterns (آبان and ابان, ژانویه and ژانویهٔ are matched as written)."""
    lex: dict[str, dict[str, _Entry]] = {}
    written: dict[str, list[str]] = {}
    for parts in read_rows("calendar_words.txt"):
        word = " ".join(fold(parts[0]).replace("\u200c", " ").split())
        flags = frozenset(parts[3].split()) if len(parts) > 3 else frozenset()
        lex.setdefault(parts[1], {})[_key(word)] = _Entry(word, parts[1], parts[2], flags)
        written.setdefault(parts[1], []).append(word)
    return lex, written


_LEX, _WRITTEN = _load_lexicon()
_MONTH_KINDS = {"jmonth": "jalali", "gmonth": "gregorian", "hmonth": "hijri"}
_MONTHS: dict[str, _Entry] = {k: e for kind in _MONTH_KINDS for k, e in _LEX[kind].items()}
_PLACES = frozenset(_LEX["place"])
_PERIODS = frozenset(_LEX["period"])
_QUANTIFIERS = frozenset(_LEX["quantifier"])
_NOT_WEEKDAY_BEFORE = frozenset(k for k, e in _LEX["notweekday"].items() if e.value == "before")
_NOT_WEEKDAY_AFTER = frozenset(k for k, e in _LEX["notweekday"].items() if e.value == "after")
_LEAP_JALALI = next(y for y in range(1399, 1420) if jdatetime.date(y, 1, 1).isleap())

# --------------------------------------------------------------------------------------------------
# the patterns (all on fold(text): Latin digits, ی and ک)

_S = "[ \\t\\u00a0\\u2009\\u202f\\u200c]"  # a space within a line, ZWNJ included
_SO = _S + "*"
_SP = _S + "+"
_L = "\u0621-\u063a\u0640-\u065f\u0670-\u06d3\u06fa-\u06fcA-Za-z"
_NL = f"(?![{_L}\u200c])"  # not followed by a letter
_PL = f"(?<![{_L}\u200c])"  # not preceded by a letter


def _alternation(words: list[str], sep: str = _SO) -> str:
    """A prefix-factored regex for a word list; a space in a word matches ``sep``."""
    return trie_regex(words, lambda ch: sep if ch == " " else re.escape(ch))


def _words(kind: str) -> list[str]:
    return _WRITTEN.get(kind, [])


_MONTH_RE = _alternation([w for kind in _MONTH_KINDS for w in _words(kind)])
_WEEKDAY_RE = _alternation(_words("weekday"))
_REL_RE = _alternation(_words("rel"))
_RELYEAR_RE = _alternation([w for w in _words("rel") if _LEX["rel"][_key(w)].value.startswith("year:")])
_RELMONTH_RE = _alternation(_words("relmonth"))
_CAL_RE = (
    "(?:"
    + _alternation([w for w in _words("calendar") if len(w) > 3])
    + f"|هـ?{_SO}\\.?{_SO}[شق](?:{_SO}\\.)?"  # ه.ش. / هـ ق
    + ")"
)
_DAYPART_RE = _alternation(_words("daypart"))
_YEARNOUN_RE = _alternation(_words("yearnoun"))
_COUNTER_RE = _alternation(_words("counter"))
_RELDAY_RE = _alternation(
    [
        w
        for w in _words("rel")
        if _LEX["rel"][_key(w)].value.startswith("day:") and not _LEX["rel"][_key(w)].flags
    ]
)

_SEP = "[/\\-.\\\\]"
_YEAR_GUARD = (
    f"(?![0-9])(?![.٫/:][0-9])(?!{_SO}[:/]{_SO}[0-9])(?!{_SO}{_COUNTER_RE}{_NL}(?!{_SO}{_WEEKDAY_RE}{_NL}))"
    f"(?!{_SO}و{_SO}[0-9]{{1,2}}{_SO}دقیقه)"
)
_ND = (
    "(?<![0-9/.\\\\:\\-])(?:"
    f"(?P<ymd_y>[0-9]{{4}}){_SO}(?P<ymd_s>{_SEP}){_SO}(?P<ymd_m>[0-9]{{1,2}}){_SO}(?P=ymd_s){_SO}"
    f"(?P<ymd_d>[0-9]{{1,2}})(?![0-9])(?!(?P=ymd_s)[0-9])"
    f"|(?P<dmy_d>[0-9]{{1,2}}){_SO}(?P<dmy_s>{_SEP}){_SO}(?P<dmy_m>[0-9]{{1,2}}){_SO}(?P=dmy_s){_SO}"
    f"(?P<dmy_y>[0-9]{{4}})(?![0-9])(?!(?P=dmy_s)[0-9])"
    f"|(?P<yy_a>[0-9]{{1,2}}){_SO}(?P<yy_s>[/.]){_SO}(?P<yy_m>[0-9]{{1,2}}){_SO}(?P=yy_s){_SO}"
    f"(?P<yy_b>[0-9]{{1,2}})(?![0-9])(?!(?P=yy_s)[0-9])"
    ")"
)
_TD = (
    f"(?:(?<![0-9/.:٫,])(?P<dd>[0-3]?[0-9])(?:{_SO}(?:ام|اُم|م){_NL})?{_SO}(?:[/\\-]{_SO})?)?"
    f"(?:(?P<mahpre>ماه|برج){_SP}(?:مبارک{_SP})?)?"
    f"{_PL}(?P<mon>{_MONTH_RE})(?:{_SO}(?P<mah>ماه))?{_NL}"
    "(?:"
    f"{_SO}[,،]{_SO}(?P<yrc>[0-9]{{4}}){_YEAR_GUARD}"
    f"|{_SO}(?:[/\\-]{_SO})?(?:(?P<sal>سال){_SO})?(?P<yr>[0-9]{{4}}|[0-9]{{2}}){_YEAR_GUARD}"
    f"|{_SP}(?P<ry>{_RELYEAR_RE}){_NL}"
    f"|{_SP}(?P<rm>{_RELMONTH_RE}){_NL}"
    ")?"
)
_YR = (
    f"{_PL}(?:در)?سال{_SO}(?P<yy>[0-9]{{4}}|[0-9]{{2}}){_YEAR_GUARD}"  # "درسال ۱۳۹۸": در glued
    f"|{_PL}(?:{_YEARNOUN_RE}){_SP}(?P<yn>[0-9]{{4}}){_YEAR_GUARD}"
    f"|(?<![0-9.٫/:])(?P<yc>[0-9]{{3,4}}){_SO}(?={_CAL_RE}{_NL})"
    f"|{_PL}سال{_SP}(?=(?:یک{_SP})?هزار{_NL}|دو{_SO}هزار)(?P<yw>)"
)
_REL = f"{_PL}(?P<rel>{_REL_RE})(?:{_SO}(?P<relwd>{_WEEKDAY_RE}))?{_NL}"
_WD_LAST, _WD_NEXT = ("گذشته", "پیش", "قبل"), ("آینده", "آتی", "بعد")
_WD_MODS = [*_WD_LAST, *_WD_NEXT, "این هفته", "همین هفته", "هفته جاری"]
_WD_MODS += [f"هفته {w}" for w in (*_WD_LAST, *_WD_NEXT)]
_WD = (
    f"{_PL}(?:(?P<wpre>روز|این|همین){_SP})?(?P<wd>{_WEEKDAY_RE})"
    f"(?:{_SP}(?P<wmod>{_alternation(_WD_MODS)}))?{_NL}"
)

#: what after a month and a two-digit number makes the number a day: a month or a digit, or a range or
#: list word before one ("فروردین ۱۲ تا ۱۵ اردیبهشت")
_DATE_AHEAD = re.compile(f"{_SO}(?:(?:تا|الی|لغایت|و|[-–]){_SO})?(?:[0-9]|(?:{_MONTH_RE}){_NL})")

#: after an Afghan month's word, a verb that makes the word an adjective or a noun (جدی گرفتن، میزان است)
_ADJECTIVE_AFTER = re.compile(f"{_SP}(?:گرفت|گرفته|می{_SO}گیر|بگیر|است|بود|نیست|هست|شد|باشد|تر{_NL}|ترین)")

_A_YEAR = "(?:19[0-9]{2}|20[0-9]{2}|1[34][0-9]{2})"
_YEAR_LIST = re.compile(
    f"(?<![0-9/.:٫,])(?<![0-9][،,]){_A_YEAR}(?:{_SO}(?:[،,]|و){_SO}{_A_YEAR})+{_YEAR_GUARD}(?!{_SO}[،,]{_SO}[0-9])"
)

_YEAR_RANGE_END = re.compile(f"{_SO}(?:تا|الی|لغایت|[-–]){_SO}(?P<y2>[0-9]{{4}}){_YEAR_GUARD}")

_MASTER = re.compile(f"(?P<ND>{_ND})|(?P<TD>{_TD})|(?P<REL>{_REL})|(?P<WD>{_WD})|(?P<YR>{_YR})")

# Where the scanner tries _MASTER: at numbers and at words that can begin a date. Running one regex over
# every character costs ~1 ms per 2,000 characters; picking words first and matching only there is ~5x less.
_TRIGGER = re.compile(
    f"[0-9]+|{_PL}"
    + _alternation(
        sorted(
            {
                w
                for kind in ("jmonth", "gmonth", "hmonth", "weekday", "rel", "yearnoun")
                for word in _words(kind)
                for w in (word.split()[0], word.replace(" ", ""))
            }
            | {"ماه", "روز", "سال", "درسال", "این", "همین", "برج"}
        ),
        sep="",
    )
)

_AMPM = f"(?:(?P<ap>[AaPp]\\.?{_SO}[Mm]\\.?|[بق]{_SO}\\.{_SO}ظ\\.?)|(?P<dp>{_DAYPART_RE}){_NL})"
_TIME_AFTER = re.compile(
    f"{_SO}(?:[\\-–—،,|]{_SO})?(?:(?:در{_SP})?(?P<saat>ساعت){_SO}(?:ساعت{_SO})?)?(?:"
    f"(?P<h>[0-2]?[0-9]){_SO}:{_SO}(?P<mi>[0-5]?[0-9])(?:{_SO}:{_SO}(?P<se>[0-5]?[0-9]))?"
    f"|(?P<h2>[0-2]?[0-9]){_SO}و{_SO}(?P<mi2>[0-5]?[0-9]){_SO}دقیقه(?:{_SO}و{_SO}(?P<se2>[0-5]?[0-9]){_SO}ثانیه)?"
    f"|(?P<h3>[0-2]?[0-9])(?![0-9]|{_SO}[:/.])"
    f")(?![0-9])(?:{_SO}{_AMPM})?"
)
_TIME_BEFORE = re.compile(
    f"(?<![0-9:/.]){_PL}(?:(?P<saat>ساعت){_SO})?(?P<h>[0-2]?[0-9]){_SO}:{_SO}(?P<mi>[0-5][0-9])"
    f"(?:{_SO}:{_SO}(?P<se>[0-5][0-9]))?(?:{_SO}{_AMPM})?{_SO}(?:[\\-–—،,|]{_SO}|روز{_SP})?\\Z"
)
_PREFIX = re.compile(
    f"{_PL}(?:(?P<dp>{_DAYPART_RE}){_SP})?(?:(?P<rd>{_RELDAY_RE}){_SO}|روز{_SP})?"
    f"(?:(?P<wd>{_WEEKDAY_RE}){_NL}{_SO}(?:{_DAYPART_RE}{_NL}{_SO})?[,،\\-–]?{_SO})?"
    f"(?:روز{_SP})?\\Z"
)
_DAYPART_BEFORE = re.compile(f"{_PL}(?P<dp>{_DAYPART_RE}){_SP}\\Z")
_DAYPART_AFTER = re.compile(f"{_SP}(?P<dp>{_DAYPART_RE}){_NL}")
_CAL_AFTER = re.compile(f"{_SO}(?P<cal>{_CAL_RE}){_NL}")
_FROM_AFTER = re.compile(f"{_SP}از{_NL}")
_WORD_BEFORE = re.compile(f"(?P<w>[{_L}](?:[{_L}\u200c]*[{_L}])?){_SO}\\Z")
_COUNTER_AFTER = re.compile(f"{_SO}{_COUNTER_RE}{_NL}")
_WORD_AFTER = re.compile(f"{_SO}(?P<w>[{_L}]+)")
_SPACE_AFTER = re.compile(_SO)
_MONTH_SEARCH = re.compile(f"{_PL}{_MONTH_RE}")
_SEP_AFTER = re.compile(f"{_SO}[,،\\-–]?{_SO}")
_SAAT_WORDS = re.compile(f"{_SO}(?:[\\-–—،,|]{_SO})?(?:در{_SP})?ساعت{_SP}(?=[{_L}])")
_AND = re.compile(f"{_SO}و{_SO}")
_MINUTE_WORD = re.compile(f"{_SP}دقیقه{_NL}")
_YEAR_WORDS_AHEAD = re.compile(f"{_SP}(?=(?:یک{_SP})?هزار{_NL}|دو{_SO}هزار)")


# --------------------------------------------------------------------------------------------------
# number words (newsmine.text.numbers)


_NUMBERS: list = []


def _numbers_module():
    if not _NUMBERS:
        try:
            from newsmine.text import numbers
        except ImportError:  # pragma: no cover - the number parser is part of newsmine
            numbers = None
        _NUMBERS.append(numbers)
    return _NUMBERS[0]


def _number_before(s: str, pos: int, floor: int) -> tuple[int, int | float, bool] | None:
    """The number (digits or words) that ends right before ``pos``: (start, value, is_ordinal)."""
    lo = max(floor, pos - 48)
    if lo > floor:  # start the window at a word boundary
        sp = s.find(" ", lo, pos)
        lo = sp + 1 if sp >= 0 else pos
    window = s[lo:pos]
    stripped = window.rstrip(" \t\u00a0\u200c")
    if not stripped:
        return None
    mod = _numbers_module()
    if mod is None:
        m = re.search("(?<![0-9.٫/:])([0-9]{1,4})\\Z", stripped)
        return (lo + m.start(), int(m.group(1)), False) if m else None
    for span in reversed(mod.find_numbers(stripped)):
        if span.end == len(stripped):
            n = span.number
            return lo + span.start, n.value, bool(n.is_ordinal)
        if span.end < len(stripped):
            break
    # find_numbers leaves out words that are also ordinary words ("نه" = no); right before a month the
    # caller still asks for a year or an ordinal, so the one word is read as a number here
    word = _WORD_BEFORE.search(stripped)
    n = mod.parse_number(word.group("w")) if word is not None else None
    return (lo + word.start(), n.value, bool(n.is_ordinal)) if n is not None else None


def _number_after(s: str, pos: int) -> tuple[int, int | float] | None:
    """The number in words that starts at ``pos``: (end, value)."""
    mod = _numbers_module()
    if mod is None:
        return None
    hi = min(len(s), pos + 64)
    if hi < len(s):
        sp = s.rfind(" ", pos, hi)
        hi = sp if sp > pos else hi
    window = s[pos:hi]
    for span in mod.find_numbers(window):
        if span.start == 0:
            return pos + span.end, span.number.value
        break
    return None


def _word_before(s: str, pos: int, floor: int) -> str | None:
    m = _WORD_BEFORE.search(s, max(floor, pos - 24), pos)
    return m.group("w") if m else None


# --------------------------------------------------------------------------------------------------
# candidates


@dataclass
class _Cand:
    start: int
    end: int
    calendar: str = "jalali"
    year: int | None = None  # as written, in ``calendar``
    year_digits: int = 4  # 2 for a two-digit year
    month: int | None = None
    day: int | None = None
    precision: str = "day"
    rel: _Entry | None = None  # relative expression
    count: int | None = None  # N of "N روز پیش"
    rel_year: _Entry | None = None  # "آبان امسال"
    rel_month: _Entry | None = None  # "ژوئن گذشته": the last June before ref
    weekday: int | None = None  # named in the text
    wd_mode: str | None = None  # how a weekday-only date resolves
    order: str | None = None  # "dmy" for a numeric date with the year last (11.24.2016 may be m/d/y)
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    source: str = ""  # which scanner rule found it: ND, TD, YR, REL, WD
    marker: str | None = None  # calendar written after the year (میلادی، هجری شمسی، قمری)


def _td(s: str, m: re.Match[str], floor: int) -> tuple[_Cand | None, int]:
    """[day] month [ماه] [year | امسال ...]; the day may be words before the month (بیست و سوم)."""
    entry = _MONTHS[_key(m.group("mon"))]
    cal = _MONTH_KINDS[entry.kind]
    c = _Cand(m.start(), m.end(), calendar=cal, month=int(entry.value))
    mah = m.group("mah") is not None or m.group("mahpre") is not None
    month_start = m.start("mahpre") if m.group("mahpre") is not None else m.start("mon")
    after_month = m.end("mah") if m.group("mah") is not None else m.end("mon")
    dd, yr = m.group("dd"), m.group("yr") or m.group("yrc")
    plain = "common" not in entry.flags and not _DATE_AHEAD.match(s, m.end())  # "تا پایان خرداد ۹۹ فرصت"
    if yr and len(yr) == 2 and (cal != "jalali" or not (dd or mah or m.group("sal") or plain)):
        yr, c.end = None, after_month  # "مهر ۲۲ بهمن": the ۲۲ is the next date's day
    if yr and cal == "gregorian" and int(yr) < 1500:
        return None, m.end()  # "۴ ژانویه ۱۳۷۶": a Jalali year with a Gregorian month
    if yr:
        c.year, c.year_digits = int(yr), len(yr)
    elif m.group("ry"):
        c.rel_year = _LEX["rel"][_key(m.group("ry"))]
    elif m.group("rm"):
        c.rel_month = _LEX["relmonth"][_key(m.group("rm"))]
    afghan = "afghan" in entry.flags
    if dd:
        c.day = int(dd)
    elif m.group("mahpre") is None:
        found = _day_words_before(s, m.start("mon"), floor)
        # "دو تیر" (two bullets), "سی دی" (a CD): a day in words before a month that is a common word is
        # an ordinal, or has a year or ماه; before an Afghan month only an ordinal ("پانزدهم حوت")
        common = "common" in entry.flags
        if found is not None and (found[2] or (not afghan and (yr or mah or (found[1] > 10 and not common)))):
            c.start, c.day = found[0], found[1]
    if c.day is not None and _key(_word_before(s, c.start, floor) or "") in _PERIODS:
        c.start, c.day = month_start, None  # "دهه اول محرم", "نیمه دوم اسفند": a period, not a day
    if c.year is None and c.rel_year is None and _YEAR_WORDS_AHEAD.match(s, after_month):
        found = _number_after(s, _SPACE_AFTER.match(s, after_month).end())
        low, high = (1500, 2199) if cal == "gregorian" else (1200, 1499)
        if found is not None and isinstance(found[1], int) and low <= found[1] <= high:
            if not _COUNTER_AFTER.match(s, found[0]):  # "اسفند یک هزار و ۹۶۰ تومان": a price
                c.end, c.year = found[0], found[1]
    anchored = c.day is not None or c.year is not None or mah or c.rel_year is not None
    anchored = anchored or c.rel_month is not None
    if afghan:  # "۲۹ اسد", "اسد ۱۴۰۲", "ماه اسد", "برج اسد"; never "میزان امسال" (this year's level), nor
        # "اسد ماه گذشته" (Assad last month): ماه anchors an Afghan month only before it; a relative year
        # only after a day ("پانزدهم حوت سال روان")
        anchored = c.day is not None or c.year is not None or m.group("mahpre") is not None
        if c.day is None and (c.rel_year is not None or c.rel_month is not None):
            c.rel_year = c.rel_month = None
            c.end = after_month
    if not anchored or ("needyear" in entry.flags and c.year is None):
        return None, m.end("mon")
    if afghan and c.year is None and _ADJECTIVE_AFTER.match(s, after_month):
        return None, m.end("mon")  # "۲۰ جدی گرفته شد" (taken seriously), "میزان است"
    if c.year is None and _key(_word_before(s, c.start, floor) or "") in _PLACES:
        return None, m.end()  # "میدان ۱۵ خرداد": a name
    c.precision = "day" if c.day is not None else "month"
    return c, m.end()


def _day_words_before(s: str, pos: int, floor: int) -> tuple[int, int, bool] | None:
    """A day number in words right before the month at ``pos``: (start, day, is_ordinal)."""
    found = _number_before(s, pos, floor)
    rm = _WORD_BEFORE.search(s, max(floor, pos - 24), pos) if found is None else None
    if rm is not None and _key(rm.group("w")) == "از":  # "بیست و ششمین روز از خرداد"
        rm = _WORD_BEFORE.search(s, max(floor, rm.start() - 24), rm.start())
    if rm is not None and _key(rm.group("w")) == "روز":
        # "بیست‌و‌یکمین روز فروردین": an ordinal, then روز (and از), then the month
        found = _number_before(s, rm.start(), floor)
        if found is not None and not found[2]:
            return None
    if found is None or not isinstance(found[1], int) or not 1 <= found[1] <= 31:
        return None
    return found[0], found[1], found[2]


def _nd(m: re.Match[str]) -> _Cand | None:
    """1400/03/09, 9/3/1400, 95/9/6 and 27/3/66 (a two-digit year first, or last when it cannot be a day)."""
    g = m.group
    if g("ymd_y"):
        return _Cand(m.start(), m.end(), year=int(g("ymd_y")), month=int(g("ymd_m")), day=int(g("ymd_d")))
    if g("dmy_y"):
        year, month, day = int(g("dmy_y")), int(g("dmy_m")), int(g("dmy_d"))
        return _Cand(m.start(), m.end(), year=year, month=month, day=day, order="dmy")
    a, b, sep = g("yy_a"), g("yy_b"), g("yy_s")
    if len(a) == 2 and (int(a) > 31 or (sep == "/" and int(b) <= 31)):
        year, day = a, b  # 95/9/6, 02/11/21
    elif len(b) == 2 and int(b) > 31:
        year, day = b, a  # 27/3/66
    else:
        return None  # 1.2.3, 12.5.3: no two-digit year that can only be a year
    return _Cand(m.start(), m.end(), year=int(year), year_digits=2, month=int(g("yy_m")), day=int(day))


def _yr(s: str, m: re.Match[str]) -> tuple[_Cand | None, int]:
    if m.group("yn") is not None:  # "بودجه ۱۴۰۲": the year is the number, the noun is no part of it
        return _Cand(m.start("yn"), m.end(), year=int(m.group("yn")), precision="year"), m.end()
    if m.group("yy") is not None:
        yy = m.group("yy")
        return _Cand(m.start(), m.end(), year=int(yy), year_digits=len(yy), precision="year"), m.end()
    if m.group("yc") is not None:
        return _Cand(m.start(), m.end(), year=int(m.group("yc")), precision="year"), m.end()
    found = _number_after(s, m.end())
    if found is None or not isinstance(found[1], int) or not 1000 <= found[1] <= 2999:
        return None, m.end()
    return _Cand(m.start(), found[0], year=found[1], precision="year"), found[0]


#: the most units "N ... پیش/دیگر" may count: beyond these it is history, not a news date
_MAX_COUNT = {"day": 400, "week": 104, "month": 120, "year": 150}


def _rel(s: str, m: re.Match[str], floor: int) -> tuple[_Cand | None, int]:
    entry = _LEX["rel"][_key(m.group("rel"))]
    unit = entry.value.split(":")[0]
    c = _Cand(m.start(), m.end(), rel=entry, precision=unit)
    if entry.word.endswith(("پیش", "قبل", "بعد")) and _FROM_AFTER.match(s, m.end("rel")):
        return None, m.end()  # "سال پیش از انقلاب": before, not ago
    if " " in entry.word and _key(_word_before(s, m.start(), floor) or "") in _QUANTIFIERS:
        return None, m.end()  # "چند روز گذشته": the past few days
    found = _number_before(s, m.start(), floor) if unit != "day" or " " in entry.word else None
    if found is not None:
        nstart, value, ordinal = found
        if (
            "ago" not in entry.flags
            or ordinal
            or not isinstance(value, int)
            or not 1 <= value <= _MAX_COUNT[unit]
        ):
            return None, m.end()  # "۳ سال گذشته": three years long, not a date; "۲ هزار سال پیش": history
        c.start, c.count = nstart, value
    elif "needn" in entry.flags:
        return None, m.end()
    if m.group("relwd"):
        c.weekday = int(_LEX["weekday"][_key(m.group("relwd"))].value)
    return c, m.end()


def _wd(s: str, m: re.Match[str], floor: int) -> tuple[_Cand | None, int]:
    """A weekday with روز/این before it or گذشته/آینده/هفته ... after it; bare only beside صبح، عصر..."""
    pre, mod = m.group("wpre"), m.group("wmod")
    mode = "this_weekday" if pre in ("این", "همین") else "weekday"
    if mod:
        last = mod.split()[-1]
        if last in _WD_LAST or last in _WD_NEXT:
            if _FROM_AFTER.match(s, m.end("wmod")):
                return None, m.end("wd")  # "شنبه پیش از انتخابات": before, not last
            when = "last" if last in _WD_LAST else "next"
            mode = f"{when}_weekday" if " " not in mod else f"weekday_{when}_week"
        else:
            mode = "weekday_this_week"
    elif not pre:
        # a bare weekday is a date ("وزیر شنبه گفت") unless a word beside it makes it a name
        after = _WORD_AFTER.match(s, m.end())
        if _key(_word_before(s, m.start(), floor) or "") in _NOT_WEEKDAY_BEFORE or (
            after is not None and _key(after.group("w")) in _NOT_WEEKDAY_AFTER
        ):
            return None, m.end("wd")
    wd = int(_LEX["weekday"][_key(m.group("wd"))].value)
    return _Cand(m.start(), m.end(), weekday=wd, wd_mode=mode), m.end()


def _followed_by_date(s: str, pos: int, floor: int) -> bool:
    """True when a day-precision date starts right after ``pos`` (it will take this weekday as prefix)."""
    p = _SEP_AFTER.match(s, pos).end()
    m = _MASTER.match(s, p)
    if m is not None and m.lastgroup == "ND":
        return True
    if m is None or m.lastgroup != "TD":  # the day may be words: "سه شنبه سوم شهریور"
        month = _MONTH_SEARCH.search(s, p, min(len(s), p + 40))
        m = _MASTER.match(s, month.start()) if month is not None else None
        if m is None or m.lastgroup != "TD":
            return False
    c, _ = _td(s, m, floor)
    return c is not None and c.precision == "day" and c.start == p


def _attach_time(s: str, c: _Cand, floor: int) -> None:
    """A clock time right after the date (or right before it: "13:31 - 1395/8/19") joins its span."""
    t = _TIME_AFTER.match(s, c.end)
    if t is not None:
        saat = t.group("saat") is not None
        if t.group("h") is not None:
            h, mi, se = t.group("h"), t.group("mi"), t.group("se")
            ok = saat or len(mi) == 2  # "۲۲ بهمن ۱۴۰۲ ۳:۱" is more likely a score than a time
        elif t.group("h2") is not None:
            h, mi, se = t.group("h2"), t.group("mi2"), t.group("se2")
            ok = saat
        else:
            h, mi, se = t.group("h3"), None, None
            ok = saat
        if ok and _set_time(c, h, mi, se, t.group("ap"), t.group("dp")):
            c.end = t.end()
            return
    if _attach_time_words(s, c):
        return
    t = _TIME_BEFORE.search(s, max(floor, c.start - 40), c.start)
    if t is not None and _set_time(
        c, t.group("h"), t.group("mi"), t.group("se"), t.group("ap"), t.group("dp")
    ):
        c.start = t.start()


def _attach_time_words(s: str, c: _Cand) -> bool:
    """ "ساعت ده و سی دقیقه صبح" after a date: the hour and minutes in words."""
    saat = _SAAT_WORDS.match(s, c.end)
    mod = _numbers_module() if saat is not None else None
    if mod is None:
        return False
    window = s[saat.end() : saat.end() + 64]
    hour = minute = None
    unit = _MINUTE_WORD.search(window)
    if unit is not None:  # "H و M دقیقه": try each و as the one between hour and minutes
        body = window[: unit.start()]
        for sep in reversed(list(_AND.finditer(body))):  # the longest hour first: "بیست و سه و ..."
            h, mi = mod.parse_number(body[: sep.start()]), mod.parse_number(body[sep.end() :])
            if h is None or mi is None or not isinstance(mi.value, int) or not 0 <= mi.value <= 59:
                continue
            if isinstance(h.value, int) and 0 <= h.value <= 24:
                hour, minute, end = h.value, str(mi.value), unit.end()
                break
    if hour is None:
        spans = mod.find_numbers(window)
        if not spans or spans[0].start != 0:
            return False
        hour, end = spans[0].number.value, spans[0].end
    if not isinstance(hour, int) or not 0 <= hour <= 24:
        return False
    dp = _DAYPART_AFTER.match(window, end)
    if not _set_time(c, str(hour), minute, None, None, dp.group("dp") if dp else None):
        return False
    c.end = saat.end() + (dp.end() if dp else end)
    return True


def _set_time(c: _Cand, h: str, mi: str | None, se: str | None, ap: str | None, dp: str | None) -> bool:
    hour, minute, second = int(h), int(mi) if mi else None, int(se) if se else None
    if ap is not None:
        if _key(ap).lower().startswith(("p", "ب")) and hour < 12:
            hour += 12
    elif dp is not None:
        part = _LEX["daypart"][_key(dp)].value
        if (
            (part == "pm" and hour < 12)
            or (part == "night" and 6 <= hour < 12)
            or (part == "noon" and hour < 5)
        ):
            hour += 12
    if hour > 23 or (minute is not None and minute > 59) or (second is not None and second > 59):
        return False
    c.hour, c.minute, c.second = hour, minute if minute is not None else 0, second
    return True


def _attach_prefix(s: str, c: _Cand, floor: int) -> None:
    p = _PREFIX.search(s, max(floor, c.start - 40), c.start)
    if p is None or p.start() == c.start:
        return
    c.start = p.start()
    if p.group("wd") and c.weekday is None:
        c.weekday = int(_LEX["weekday"][_key(p.group("wd"))].value)


def _scan(s: str, floor_at: int = 0) -> list[_Cand]:
    out: list[_Cand] = []
    pos, floor = floor_at, floor_at
    for tok in _TRIGGER.finditer(s, floor_at):
        if tok.start() < pos:
            continue
        m = _MASTER.match(s, tok.start())
        if m is None:
            continue
        kind = m.lastgroup
        c: _Cand | None
        if kind == "ND":
            c, resume = _nd(m), m.end()
        elif kind == "TD":
            c, resume = _td(s, m, floor)
        elif kind == "REL":
            c, resume = _rel(s, m, floor)
            if c is not None and c.rel is not None and c.rel.value.startswith("day:") and c.count is None:
                if _followed_by_date(s, m.end(), floor):
                    c, resume = None, m.end()
        elif kind == "WD":
            c, resume = _wd(s, m, floor)
            if c is not None and _followed_by_date(s, m.end(), floor):
                c, resume = None, m.end()
        else:
            c, resume = _yr(s, m)
        if c is None:
            pos = max(resume, m.start() + 1)
            continue
        c.source = kind
        if (kind in ("ND", "TD", "YR") and c.year is not None) or (
            c.rel is not None and c.precision == "year"
        ):
            _attach_calendar(s, c)  # "۱۳۰۰ هجری شمسی", "سال جاری میلادی"
        if c.precision == "day":
            if kind in ("ND", "TD"):
                _attach_prefix(s, c, floor)
            else:
                dp = _DAYPART_BEFORE.search(s, max(floor, c.start - 16), c.start)
                if dp is not None:
                    c.start = dp.start()
                dp = _DAYPART_AFTER.match(s, c.end)
                if dp is not None:
                    c.end = dp.end()
            if c.count is None:
                _attach_time(s, c, floor)
            if kind == "ND" and c.marker is None:
                _attach_calendar(s, c)  # "۱۳۲۳-۰۳-۲۳ ۱۲:۴۲ ه.ش."
        c.start = max(c.start, floor)
        out.append(c)
        pos = floor = c.end
        end = _year_range_end(s, c) if kind == "YR" else None
        if end is not None:
            out.append(end)
            pos = floor = end.end
    listed = _listed_years(s, floor_at, out)
    return sorted(out + listed, key=lambda c: c.start) if listed else out


def _listed_years(s: str, floor_at: int, found: list[_Cand]) -> list[_Cand]:
    """Years listed bare ("قهرمان ۲۰۰۴، ۲۰۰۵ و ۲۰۰۶"): two or more four-digit years in order, within 150
    years, joined by "،" or "و", the last followed by no counter; those no other date holds."""
    out: list[_Cand] = []
    starts = [c.start for c in found]  # the dates found are in order and do not overlap
    for m in _YEAR_LIST.finditer(s, floor_at):
        years = [
            (y.start(), y.end(), int(y.group())) for y in re.finditer("[0-9]{4}", s[m.start() : m.end()])
        ]
        values = [v for _, _, v in years]
        if values != sorted(values) or values[-1] - values[0] > 150:
            continue
        for a, b, v in years:
            a, b = a + m.start(), b + m.start()
            i = bisect_left(starts, b)
            if i > 0 and found[i - 1].end > a:
                continue
            c = _Cand(a, b, year=v, precision="year", source="YR")
            _attach_calendar(s, c)
            out.append(c)
    return out


def _year_range_end(s: str, c: _Cand) -> _Cand | None:
    """The last year of a range of years that starts with ``c`` ("سال‌های ۱۳۸۹ تا ۱۳۹۲", "1975 تا 1980"): a
    year of the same width, later by at most 150."""
    if c.precision != "year" or c.year is None or c.year_digits != 4:
        return None
    m = _YEAR_RANGE_END.match(s, c.end)
    if m is None or not 0 < int(m.group("y2")) - c.year <= 150:
        return None
    end = _Cand(m.start("y2"), m.end("y2"), year=int(m.group("y2")), precision="year", source="YR")
    _attach_calendar(s, end)
    return end


def _attach_calendar(s: str, c: _Cand) -> None:
    cal = _CAL_AFTER.match(s, c.end)
    if cal is not None:
        c.marker = _LEX["calendar"][_key(cal.group("cal"))].value
        c.end = cal.end()


# --------------------------------------------------------------------------------------------------
# resolution


def _ref_dates(ref: date | datetime | None) -> tuple[date, jdatetime.date] | None:
    if ref is None:
        return None
    if isinstance(ref, datetime):
        if ref.tzinfo is not None:
            ref = ref.astimezone(tehran_tz(ref.astimezone(IRST)))
        ref = ref.date()
    return ref, jdatetime.date.fromgregorian(date=ref)


def _full_year(yy: int, ref_year: int | None) -> int:
    if ref_year is None:
        return 1400 + yy if yy < 50 else 1300 + yy
    century = ref_year // 100
    candidates = [(c * 100 + yy) for c in (century - 1, century, century + 1)]
    return min(candidates, key=lambda y: (abs(y - ref_year), y))


def _jdate(y: int, m: int, d: int) -> jdatetime.date | None:
    try:
        return jdatetime.date(y, m, d)
    except (ValueError, TypeError):
        return None


def _gdate(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except (ValueError, TypeError):
        return None


def _nearest_year(make, ref_year: int, ref_day) -> int | None:
    """Of ref_year-1, ref_year, ref_year+1, the year for which ``make(year)`` is nearest ``ref_day``."""
    best: tuple[int, int] | None = None
    for y in (ref_year - 1, ref_year, ref_year + 1):
        d = make(y)
        if d is None:
            continue
        dist = abs((d - ref_day).days)
        if best is None or dist < best[0]:
            best = (dist, y)
    return best[1] if best else None


def _calendar_of(c: _Cand) -> str | None:
    """The calendar a date was written in; None for a year no calendar rule accepts."""
    if c.source == "TD":
        return c.calendar  # the month word decides: شهریور, فوریه, رمضان
    if c.year_digits == 2:
        return "jalali" if c.marker in (None, "jalali") else None  # "سال 70 میلادی": the 1970s
    if c.marker is not None:
        return c.marker
    if c.year is None:
        return "jalali"
    if 1200 <= c.year <= 1499 or (c.source == "YR" and 1000 <= c.year < 1200):
        return "jalali"
    if 1500 <= c.year <= 2199:
        return "gregorian"
    return None


def _resolve(c: _Cand, surface: str, refs: tuple[date, jdatetime.date] | None) -> ParsedDate | None:
    time = {"hour": c.hour, "minute": c.minute, "second": c.second}
    if c.rel is not None or c.wd_mode is not None:
        return _resolve_relative(c, surface, refs, time)
    refg, refj = refs if refs is not None else (None, None)
    cal = _calendar_of(c)
    if cal is None:
        return None
    if c.order is not None and cal == "gregorian" and c.day is not None and c.month is not None:
        if c.day <= 12 < c.month:
            c.day, c.month = c.month, c.day  # 11.24.2016: the month comes first
    year = c.year
    if year is not None and c.year_digits == 2:
        year = _full_year(year, refj.year if refj is not None else None)
    relative = None
    if c.rel_year is not None:
        relative = c.rel_year.value.split(":")[2]
        if refs is not None:
            base = refj.year if cal == "jalali" else refg.year
            year = base + int(c.rel_year.value.split(":")[1])
    if c.rel_month is not None:
        step, relative = c.rel_month.value.split(":")
        if refs is not None and cal in ("jalali", "gregorian"):
            ref_day = refj if cal == "jalali" else refg
            year = _named_month_year(int(step), c.month, c.day, (ref_day.year, ref_day.month, ref_day.day))
    if cal == "jalali" and c.precision in ("day", "month") and year is not None and not 1000 <= year <= 1999:
        return None
    written = (year, c.month, c.day)
    if cal == "hijri":
        if c.precision != "year" and not (c.month and 1 <= c.month <= 12):
            return None
        if c.day is not None and not 1 <= c.day <= 30:
            return None
        return ParsedDate(
            surface, None, None, None, precision=c.precision, calendar=cal, written=written, **time
        )
    if cal == "gregorian":
        return _resolve_gregorian(c, surface, year, relative, refg, time)
    # Jalali
    if c.precision == "year":
        return ParsedDate(surface, year, None, None, precision="year", written=written, **time)
    if not (c.month and 1 <= c.month <= 12):
        return None
    if c.precision == "month":
        if year is None and refj is not None:
            ref_index = refj.year * 12 + refj.month
            year = min(
                (refj.year - 1, refj.year, refj.year + 1),
                key=lambda y: (abs(y * 12 + c.month - ref_index), y),
            )
        return ParsedDate(
            surface, year, c.month, None, precision="month", relative=relative, written=(year, c.month, None)
        )
    if _jdate(year if year is not None else _LEAP_JALALI, c.month, c.day) is None:
        return None
    if year is None and refj is not None:
        year = _nearest_year(lambda y: _jdate(y, c.month, c.day), refj.year, refj)
    weekday = _jdate(year, c.month, c.day).weekday() if year is not None else c.weekday
    return ParsedDate(
        surface,
        year,
        c.month,
        c.day,
        relative=relative,
        weekday=weekday,
        written=(year, c.month, c.day),
        **time,
    )


def _named_month_year(step: int, month: int | None, day: int | None, ref: tuple[int, int, int]) -> int:
    """The year of the last (``step`` -1) or next (1) such month or day strictly before or after ``ref``
    (year, month, day) in its own calendar: "ژوئن گذشته" said in September 2012 is June 2012."""
    years = (ref[0] - 1, ref[0], ref[0] + 1)
    when = [(y, month or 0, day or 0) for y in years]
    here = (ref[0], ref[1], ref[2] if day is not None else 0)
    if step < 0:
        return max(w for w in when if w < here)[0]
    return min(w for w in when if w > here)[0]


def _resolve_gregorian(c: _Cand, surface: str, year, relative, refg, time) -> ParsedDate | None:
    month, day = c.month, c.day
    if c.precision == "year":
        return ParsedDate(
            surface, None, None, None, precision="year", calendar="gregorian", written=(year, None, None)
        )
    if not (month and 1 <= month <= 12):
        return None
    if day is not None and _gdate(year if year is not None else 2024, month, day) is None:
        return None
    if year is None and refg is not None:
        if day is not None:
            year = _nearest_year(lambda y: _gdate(y, month, day), refg.year, refg)
        else:
            idx = refg.year * 12 + refg.month
            year = min(
                (refg.year - 1, refg.year, refg.year + 1), key=lambda y: (abs(y * 12 + month - idx), y)
            )
    written = (year, month, day)
    if year is None:
        return ParsedDate(
            surface,
            None,
            None,
            None,
            precision=c.precision,
            calendar="gregorian",
            relative=relative,
            written=written,
            **time,
        )
    if day is not None:
        j = jdatetime.date.fromgregorian(date=date(year, month, day))
        return ParsedDate(
            surface,
            j.year,
            j.month,
            j.day,
            calendar="gregorian",
            relative=relative,
            weekday=j.weekday(),
            written=written,
            **time,
        )
    first = jdatetime.date.fromgregorian(date=date(year, month, 1))
    last = jdatetime.date.fromgregorian(date=date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1))
    return ParsedDate(
        surface,
        first.year if first.year == last.year else None,
        first.month if first.month == last.month else None,
        None,
        precision="month",
        calendar="gregorian",
        relative=relative,
        written=written,
    )


def _resolve_relative(c: _Cand, surface: str, refs, time) -> ParsedDate | None:
    if c.rel is not None:
        unit, offset, label = c.rel.value.split(":")
        n = int(offset)
        if c.count is not None:
            n = c.count * (1 if n > 0 else -1)
            label = f"{c.count}_{unit}s_" + ("ago" if n < 0 else "later")
    else:
        unit, n, label = "day", 0, c.wd_mode
    precision = unit
    gregorian = unit == "year" and c.marker == "gregorian"  # "سال جاری میلادی"
    cal = "gregorian" if gregorian else "jalali"
    if refs is None or (unit == "year" and c.marker == "hijri"):
        return ParsedDate(
            surface,
            None,
            None,
            None,
            precision=precision,
            calendar=cal,
            relative=label,
            weekday=c.weekday,
            **time,
        )
    refg, refj = refs
    if gregorian:
        y = refg.year + n
        return ParsedDate(
            surface, None, None, None, precision="year", calendar=cal, relative=label, written=(y, None, None)
        )
    if c.rel is None:
        d = _weekday_date(refj, c.weekday, c.wd_mode)
    elif unit == "day":
        d = refj + timedelta(days=n)
    elif unit == "week":
        d = refj - timedelta(days=refj.weekday()) + timedelta(days=7 * n)
    elif unit == "month":
        y, m0 = divmod(refj.year * 12 + refj.month - 1 + n, 12)
        return ParsedDate(
            surface, y, m0 + 1, None, precision="month", relative=label, written=(y, m0 + 1, None)
        )
    else:
        y = refj.year + n
        return ParsedDate(surface, y, None, None, precision="year", relative=label, written=(y, None, None))
    if precision == "week":
        return ParsedDate(
            surface,
            d.year,
            d.month,
            d.day,
            precision="week",
            relative=label,
            written=(d.year, d.month, d.day),
        )
    return ParsedDate(
        surface,
        d.year,
        d.month,
        d.day,
        precision="day",
        relative=label,
        weekday=d.weekday(),
        written=(d.year, d.month, d.day),
        **time,
    )


def _weekday_date(refj: jdatetime.date, wd: int, mode: str) -> jdatetime.date:
    today = refj.weekday()
    week_start = refj - timedelta(days=today)
    if mode == "last_weekday":
        return refj - timedelta(days=(today - wd) % 7 or 7)
    if mode == "next_weekday":
        return refj + timedelta(days=(wd - today) % 7 or 7)
    if mode == "this_weekday":
        return refj + timedelta(days=(wd - today) % 7)
    if mode == "weekday_this_week":
        return week_start + timedelta(days=wd)
    if mode == "weekday_last_week":
        return week_start + timedelta(days=wd - 7)
    if mode == "weekday_next_week":
        return week_start + timedelta(days=wd + 7)
    # a weekday with روز and no modifier: news mostly reports the past, so look 4 days back, 2 ahead
    return next(refj + timedelta(days=k) for k in range(-4, 3) if (today + k) % 7 == wd)


# --------------------------------------------------------------------------------------------------
# the public functions


def find_dates(text: str, ref: date | datetime | None = None) -> list[DateSpan]:
    """Every date in running text, left to right, with ``[start, end)`` spans into ``text``.

    ``ref`` (the publication date) gives a year to dates without one and resolves relative words.

    >>> t = "پنجشنبه ۲۶ شهريور ۱۳۹۴ ساعت ۹:۳۲ - به گزارش خبرنگار مهر، در سال ۹۸ و ۱۴۰۲/۰۱/۱۵"
    >>> [(t[s.start:s.end], s.date.jalali, s.date.hour) for s in find_dates(t)]
    [('پنجشنبه ۲۶ شهريور ۱۳۹۴ ساعت ۹:۳۲', '1394-06-26', 9), ('سال ۹۸', '1398', None), ('۱۴۰۲/۰۱/۱۵', '1402-01-15', None)]
    >>> [(s.date.relative, s.date.jalali) for s in find_dates("امسال و هفته گذشته", ref=date(2024, 2, 20))]
    [('this_year', '1402'), ('last_week', '1402-11-21')]
    >>> find_dates("تیر به هدف خورد و دهه فجر آغاز شد")
    []
    """
    s = fold(text)
    refs = _ref_dates(ref)
    out: list[DateSpan] = []
    years: dict[str, int] = {}  # calendar -> the year of the last date written with one
    for c in _scan(s):
        if c.rel_year is not None and "same" in c.rel_year.flags and c.calendar in years:
            c.year, c.rel_year = years[c.calendar], None  # "۲۲ فوریه همین سال": the year just named
        written_year = c.year is not None
        for cand in (_range_start(s, c, out[-1].end if out else 0), c):
            if cand is None:
                continue
            parsed = _resolve(cand, text[cand.start : cand.end], refs)
            if parsed is not None:
                out.append(DateSpan(cand.start, cand.end, parsed))
                if written_year and parsed.written and parsed.written[0] is not None:
                    years[parsed.calendar] = parsed.written[0]
    return out


_RANGE_BEFORE = re.compile(f"(?<![0-9/.:٫,])(?P<d>[0-3]?[0-9]){_SO}(?:تا|الی|لغایت|[-–]){_SO}\\Z")


_LIST_BEFORE = re.compile(f"(?<![0-9/.:٫,])(?P<d>[0-3]?[0-9]){_SO}و{_SO}\\Z")


def _range_start(s: str, c: _Cand, floor: int) -> _Cand | None:
    """ "۱۰ تا ۱۵ بهمن‌ماه", "13 الی 19 مهرماه": the first day of a range of days of one month, as a date
    of its own that spans the whole range (the last day is ``c``, the date inside it). "۱۹ و ۲۰ آبان": the
    first of two days of one month, a date of its own that spans its number only."""
    if c.source != "TD" or c.day is None or c.precision != "day" or c.start - floor < 2:
        return None
    m = _RANGE_BEFORE.search(s, max(floor, c.start - 16), c.start)
    end = None
    if m is None:
        m = _LIST_BEFORE.search(s, max(floor, c.start - 12), c.start)
        end = m.end("d") if m is not None else None
    if m is None or not 1 <= int(m.group("d")) < c.day:
        return None
    return replace(
        c,
        start=m.start("d"),
        end=end if end is not None else c.end,
        day=int(m.group("d")),
        weekday=None,
        hour=None,
        minute=None,
        second=None,
    )


_EDGE = "[\\s\u200c.,،:;؛\\-–—()«»\"'!؟?]*"
_LEADING = re.compile(_EDGE)


def parse_date(text: str, ref: date | datetime | None = None) -> ParsedDate | None:
    """Read ``text`` as one date expression; None when it is not one date (or the date is invalid).

    The rules are :func:`find_dates`'s: a month name alone ("مهر", a dateline that names the agency) is
    not a date here either.

    >>> parse_date("۲۲ بهمن‌ماه", ref=date(2024, 3, 1)).jalali
    '1402-11-22'
    >>> parse_date("جمعه ۳۰ اسفند ۱۳۸۷ساعت 19:47").to_datetime().isoformat()
    '2009-03-20T19:47:00+03:30'
    >>> parse_date("۱۰ فوریه ۲۰۲۴").jalali, parse_date("ژوئن ۱۹۹۱").written
    ('1402-11-21', (1991, 6, None))
    >>> parse_date("۳۲ بهمن ۱۴۰۲") is None, parse_date("1400/13/01") is None
    (True, True)
    """
    s = fold(text)
    lead = _LEADING.match(s).end()
    cands = _scan(s, floor_at=lead)
    if len(cands) != 1 or cands[0].start != lead or _LEADING.match(s, cands[0].end).end() != len(s):
        return None
    return _resolve(cands[0], text[lead : cands[0].end], _ref_dates(ref))
