"""Numbers in Persian text: digits in three scripts, number words, ordinals, fractions and percents.

Two entry points. :func:`parse_number` is told that a whole string is one number phrase and reads it
leniently: parts side by side add up (persian-tools' ``wordsToNumber`` strings such as "منفی چهارصد 200"
or "دهم هزار" included), though two digit numbers ("۲۰ ۳۰", "۲۰ و ۳۰") are never one number.
:func:`find_numbers` scans running news text with two compiled regexes (digits, words) and groups what it
finds into the longest well-formed phrases; it is strict about what may join and about words that are
also ordinary words.

>>> parse_number("سه هزار و دویست")
Number(value=3200, is_ordinal=False, surface='سه هزار و دویست', is_percent=False)
>>> parse_number("۲/۵ درصد")
Number(value=2.5, is_ordinal=False, surface='۲/۵ درصد', is_percent=True)
>>> [(s.number.surface, s.number.value) for s in find_numbers("امسال ۲۰ هزار میز خدمت عمومی و ۲۵۰۰ میز")]
[('۲۰ هزار', 20000), ('۲۵۰۰', 2500)]

The word table is ``newsmine/resources/number_words.txt`` (cardinals, multipliers, irregular ordinals,
fractions, vague quantifiers, phrases that are not numbers); regular ordinals (چهارم، پنجمین، هزارم) are
derived from it at import. The scan treats Arabic ي/ك like ی/ک and digits of the three scripts alike
(what :func:`newsmine.lang.chars.fold` would do, without folding the whole text first), so no
normalization is needed first, and spans index the text as given.

Reading rules (both functions)

- Digits: thousands separators ``,`` ``٬`` ``'`` count only before exactly three digits ("335,032" is
  335032; "1,5" is the two numbers 1 and 5, and ``parse_number("1,5")`` is None). ``.`` and ``٫`` are
  decimal marks, and so is one ``/`` with digits on both sides, as Persian news writes it ("۲/۵" = 2.5).
- Words add up within a group ("نهصد نود نه" = 999, "و" optional) and multipliers scale the groups
  before them: "۳ هزار و ۴۲۰ میلیارد" = 3 420 000 000 000, "دو هزار میلیارد" = 2 * 10^12. The scale is
  short: میلیارد = بیلیون = 10^9, تریلیون = 10^12. "یک صد" and "یک‌صد" are 100, as is "یکصد".
- Halves and quarters: "نیم" 0.5, "یک و نیم" 1.5, "دو و نیم میلیون" 2 500 000, "یک میلیون و نیم"
  1 500 000, "ربع" 0.25, "سه ربع" 0.75.
- A cardinal word directly followed (no "و") by an ordinal in م that cannot extend it is a fraction:
  "سه چهارم" = 0.75, "یک سوم", "دو پنجم". "بیست و سوم" (and "بیست سوم") is the ordinal 23, "چهارم" alone
  the ordinal 4.
- Ordinals: word+م / word+مین, irregular اول/نخست/یکم/سوم, "سی‌ام"/"سی ام"/"سیام", and digits with
  ام/امین/اُمین, glued or after a space or ZWNJ ("۴۵اُمین", "۴۵ امین"). Multiplier ordinals multiply:
  "منفی سه هزارمین" = -3000, ordinal.
- Percent: درصد (or "در صد", "درصدی"), ``٪`` or ``%`` after the number, or ``٪`` right before digits.
- Sign: "منفی" before the number, or ``-``/``−`` glued to digits and not after a letter or a digit
  (so "۱۰-۱۵" is the two numbers 10 and 15). "منفی صفر" is 0.

find_numbers policy

- Joins: two parts join only when nothing but spaces/ZWNJ, or a lone "و", stands between them and the
  second can extend the first: units after tens, below-100 after hundreds ("بیست و یک", "صد و هجده"),
  anything smaller after a multiplier ("دوازده هزار بیست دو"), a multiplier after a number
  ("۲۰ هزار", "۲.۵ میلیون", "۲۰میلیون"). Two digit numbers never join, nor do two units ("سه و چهار" is
  3 and 4), so "۲۰ هزار میز خدمت عمومی و ۲۵۰۰ میز" gives 20000 and 2500, and "۴۹۷ کیلو و ۴۴۰ گرم" 497
  and 440 (units are a later stage's job).
- "یک ماه و نیم" gives "یک" (1) and "نیم" (0.5) as separate spans: the half belongs to the noun, and a
  later stage that sees "number noun و نیم" can add it; nothing is lost or invented here.
- Skipped entirely: clock times and ratios (``10:12:05``), dates written with two or more ``/``, ``.``
  or ``-`` ("1400/03/09", "9/3/1400", "2024-02-10", and so also "1.234.567"), URLs, e-mail addresses,
  domain names, Latin words with digits ("COVID19", "COVID-19", "H5N1", "5G", "10km"), and digit runs
  longer than 40 digits.
- An adjective multiplier ends its phrase: "طرح ۵ میلیاردی و ۲۰ درصدی" gives 5 000 000 000 and 20%.
- Words that are also ordinary words: "نه" ("no") and "سی" (a letter name: "بی بی سی") are weak: never
  reported alone, only inside a longer phrase ("نود و نه"، "سی و پنجمین"، "نه هزار") or with درصد
  ("نه درصد"). A consequence: "نه دی" as a date needs digits ("۹ دی"). "یک" is reported ("a"/"one" is a
  mention of one), as are "ده", "صد", "هشت"... "دهم"/"نهم" alone after a light verb or می/نمی are
  verbs ("انجام دهم", "ادامه می دهم") and are not reported; "مجلس دهم" is.
- Phrases listed as not numbers are skipped: weekdays ("سه شنبه", "پنج شنبه"), "نخست وزیر",
  "دو و میدانی", "بی بی سی". A number word glued by ZWNJ to a non-number ("یک‌بار"، "میلیون‌ها"،
  "نیم‌نگاه"، "سی‌ان‌ان") is part of another word and is not reported; "یک‌صد" and "سی‌ام" are numbers.
- Vague amounts are not numbers: a phrase right after چند/چندین/ده‌ها/صدها/هزاران/میلیون‌ها ("چند
  هزار نفر", "ده‌ها هزار") is dropped, as is a bare میلیون/میلیارد/... with no count before it ("هزار"
  alone is reported as 1000).
- "منفی" is taken as a sign whenever a number follows it (temperatures: "منفی ۵ درجه"); in "رأی منفی دو
  کشور" this misreads -2, a known limit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from itertools import pairwise

from newsmine.lang.chars import DIGIT_CLASS, ZWNJ, fold, trie_regex
from newsmine.lang.keys import key
from newsmine.resources import read_rows

__all__ = ["Number", "NumberSpan", "find_numbers", "parse_number"]


@dataclass(frozen=True)
class Number:
    """A number read from text: its value, whether it is an ordinal or a percent, and the text read."""

    value: int | float  # int when integral, else float
    is_ordinal: bool
    surface: str  # the text as given (stripped)
    is_percent: bool = False


@dataclass(frozen=True)
class NumberSpan:
    """A number found in running text: ``text[start:end]`` is ``number.surface``."""

    start: int
    end: int
    number: Number


# --------------------------------------------------------------------------------------------------
# the word table


@dataclass(frozen=True)
class _Entry:
    kind: str  # cardinal multiplier ordinal fraction sign percent vague not_number lightverb
    value: Fraction | int | None = None
    weak: bool = False
    verb: bool = False  # an ordinal that is also a verb form (دهم، نهم)
    denominator: bool = False  # an ordinal that can be the denominator of a fraction
    scale: bool = False  # an ordinal of a multiplier (هزارم): it multiplies
    adjective: bool = False  # a multiplier+ی (میلیاردی): it ends the phrase


def _parse_value(raw: str) -> Fraction | int | None:
    if raw == "-":
        return None
    if "/" in raw:
        num, den = raw.split("/")
        return Fraction(int(num), int(den))
    return int(raw)


def _load_table() -> tuple[dict[str, _Entry], list[str], list[str], list[str]]:
    """The table read once: entries keyed by :func:`_key`, the words as spelled (with their spaces, for
    the regex), the light-verb words, and the percent signs (the entries that are not letters)."""
    table: dict[str, _Entry] = {}
    spelled: list[str] = []
    lightverbs: list[str] = []
    signs: list[str] = []

    def add(word: str, entry: _Entry) -> None:
        if key(word) not in table:
            table[key(word)] = entry
            spelled.append(word)

    rows = read_rows("number_words.txt")
    for row in rows:
        word, kind = fold(row[0]), row[2]
        flags = set(row[3].split(",")) if len(row) > 3 else set()
        value = _parse_value(row[1])
        if kind == "lightverb":
            lightverbs.append(word)
        elif kind == "percent" and not word[0].isalpha():
            signs.append(word)
        else:
            flag = {"weak": "weak" in flags, "denominator": "denominator" in flags}
            add(word, _Entry(kind, value, verb=kind == "ordinal" and "verb" in flags, **flag))
    # derived forms, after the listed ones so that a listed spelling always wins
    for row in rows:
        word, kind = fold(row[0]), row[2]
        flags = set(row[3].split(",")) if len(row) > 3 else set()
        value = _parse_value(row[1])
        if kind in ("cardinal", "multiplier") and "noderive" not in flags:
            assert isinstance(value, int)
            big = kind == "multiplier"
            add(word + "م", _Entry("ordinal", value, verb="verb" in flags, denominator=value >= 2, scale=big))
            add(word + "مین", _Entry("ordinal", value, scale=big))
            if big:
                add(word + "ی", _Entry("multiplier", value, adjective=True))  # میلیاردی
        elif kind == "percent" and word[0].isalpha():
            add(word + "ی", _Entry("percent", value))  # درصدی
    return table, spelled, lightverbs, signs


_TABLE, _SPELLED, _LIGHTVERBS, _PERCENT_SIGNS = _load_table()


# --------------------------------------------------------------------------------------------------
# the scanning regex

# The regex runs on the text as given, not on fold(text): folding a whole article costs more than the
# scan. So each letter that fold() maps is matched with its Arabic twins here (ی also ي/ى, ک also ك),
# digits in all three scripts; table words are folded when looked up.

#: Persian/Arabic letters (ي ك ى included), diacritics and kashida
_L = "\u0621-\u065f\u0670-\u06d3\u06d5\u06fa-\u06ff"
_D = DIGIT_CLASS
_LETTER = re.compile(f"[{_L}]")
_SEP = "[ \u200c]*"  # a space in a table word: spaces/ZWNJ or nothing
_TWINS = {"ی": "[یيى]", "ک": "[کك]", "ه": "[هە]", " ": _SEP}


def _atom(ch: str) -> str:
    return _TWINS.get(ch) or re.escape(ch)


def _trie_regex(words: Iterable[str]) -> str:
    """One regex for a word list, as a character trie (Arabic letter twins and spaces allowed)."""
    return trie_regex(words, _atom)


# Each pattern starts only where its run of characters starts (the lookbehinds), so a long run of Latin
# letters or digits is tried once, not once per character.
_SKIP = "|".join(
    [
        r"(?<![A-Za-z0-9])(?:https?://|www\.)[^\s<>\"'«»]+",  # URL
        r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+",  # e-mail address
        r"(?<![A-Za-z0-9.\-])[A-Za-z0-9][A-Za-z0-9\-]*(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}(?![A-Za-z0-9])"
        r"(?:/[^\s<>\"'«»]*)?",  # domain name, with a path
        f"(?<![{_D}])[{_D}]+(?:[/.\\-][{_D}]+){{2,}}",  # dates: 1400/03/09, 9/3/1400, 2024-02-10, 1400.03.09
        f"(?<![{_D}])[{_D}]+(?::[{_D}]+)+",  # clock times and ratios: 10:12:05
        f"(?<![A-Za-z])[A-Za-z]+-?[{_D}][A-Za-z{_D}]*",  # Latin words with digits: COVID19, COVID-19, H5N1
        f"(?<![{_D}])[{_D}]+[A-Za-z][A-Za-z{_D}]*",  # 5G, 10km
    ]
)
#: longer digit runs are not numbers (account numbers, hashes) and would not fit int()'s default limit
_MAX_DIGITS = 40
_ORD_SUFFIX = "(?:[ \u200c]?اُ?م(?:ین)?|مین)"


def _broken_decimal_next() -> str:
    """What may follow a decimal whose point a line break follows ("۱۵.\n۳ درصد", "۵۹.\n۲۶ دلار": text
    split into sentences after every full stop, as some datasets and scrapers do): a percent sign, a
    multiplier, or a unit of measure or money (units.txt; not persons or classifiers, which a fraction
    never counts). Anything else after the line break is a new sentence starting with a number."""
    kinds = {"currency", "percent", "mass", "length", "area", "volume", "power", "energy", "data"}
    words = {r[0].strip() for r in read_rows("units.txt") if len(r) > 2 and r[2].strip() in kinds}
    words |= {w for w in _SPELLED if _TABLE[key(w)].kind == "multiplier"}
    return "[ \t\u00a0\u200c]*(?:" + _trie_regex(words) + f"ی?(?![{_L}])|{_SYM_CLASS})"


_BROKEN_POINT = re.compile(f"(?<=[{_D}])[.٫]\\n(?=[{_D}])")
_SYM_CLASS = "[" + "".join(re.escape(s) for s in _PERCENT_SIGNS) + "]"
_NUM = (
    r"(?P<sign>(?<![\w\-−])[-−])?"
    f"(?<![{_D}A-Za-z_/.:٫])"
    f"(?P<int>[{_D}]{{1,3}}(?:[,٬'][{_D}]{{3}})+(?![{_D}])|[{_D}]+)"
    f"(?:(?:[.٫/]|[.٫]\n(?=[{_D}]+{_broken_decimal_next()}))(?P<dec>[{_D}]+))?"
    f"(?P<nsuf>{_ORD_SUFFIX}(?![{_L}]))?"
)
# not_number phrases match as prefixes (نخست وزیری، سه شنبه‌ها); the rest need a word boundary after them
_NOT_NUMBERS = [w for w in _SPELLED if _TABLE[key(w)].kind == "not_number"]
# a multiplier may be written glued to the "و" after it: "۱۳هزارو ۴۰۰" is 13 400
_GLUED_AND = "|".join(f"(?<={re.escape(w)})" for w in _SPELLED if _TABLE[key(w)].kind == "multiplier")
_WORD = (
    f"(?<![{_L}])(?:(?P<idiom>{_trie_regex(_NOT_NUMBERS)})"
    f"|(?P<w>{_trie_regex(w for w in _SPELLED if w not in _NOT_NUMBERS)})"
    f"(?P<wsuf>[ \u200c]اُ?م(?:ین)?)?(?:(?![{_L}])|(?:{_GLUED_AND})(?=و[ \t\u00a0\u200c])))"
)
_SYM = "[" + "".join(re.escape(s) for s in _PERCENT_SIGNS) + "]"
# Two scans, merged: digits and their neighbours, then table words. One regex holding both is about
# twice as slow in CPython (every branch is tried at every letter).
_NUMERIC = re.compile(f"(?=[{_D}A-Za-z\\-−٪%])(?:(?P<skip>{_SKIP})|(?P<num>{_NUM})|(?P<sym>{_SYM}))")
_WORDS = re.compile(_WORD)

_GAP_SPACE = re.compile("[ \t\u00a0\u200c]*")
_GAP_AND = re.compile("[ \t\u00a0\u200c]*و[ \t\u00a0\u200c]*")
_LIGHTVERB_BEFORE = re.compile(
    f"(?<![{_L}])(?:{'|'.join(''.join(map(_atom, w)) for w in sorted(_LIGHTVERBS, key=len, reverse=True))})"
    "[ \u200c]+\\Z"
)
_STRIP = " \t\r\n\u00a0\u200c\u200f\u200e"


# --------------------------------------------------------------------------------------------------
# tokens


class _Tok:
    """One scanned piece: digits, a table word, a percent sign, or a stretch to skip."""

    __slots__ = (
        "adjective",
        "denominator",
        "end",
        "glued_left",
        "glued_right",
        "kind",
        "neg",
        "ordinal",
        "scale",
        "start",
        "symbol",
        "value",
        "verb",
        "weak",
        "word",
    )

    def __init__(self, kind: str, start: int, end: int, value: Fraction | int | None = None) -> None:
        self.kind = kind  # num card mult ord frac sign pct vague skip
        self.start = start
        self.end = end
        self.value = value
        self.neg = False
        self.ordinal = False  # a cardinal or digits with an ام/امین suffix
        self.weak = self.verb = self.denominator = self.scale = self.symbol = self.adjective = False
        self.glued_left = self.glued_right = False
        self.word = ""


_KINDS = {
    "cardinal": "card",
    "multiplier": "mult",
    "ordinal": "ord",
    "fraction": "frac",
    "sign": "sign",
    "percent": "pct",
    "vague": "vague",
    "not_number": "skip",
}


@lru_cache(maxsize=1024)
def _lookup(raw: str) -> tuple[str, _Entry]:
    word = fold(raw)
    return word, _TABLE[key(word)]


def _scan(f: str) -> list[_Tok]:
    """Every token of ``f``, left to right; a word inside a skipped stretch (a URL) is dropped."""
    toks: list[_Tok] = []
    for m in _NUMERIC.finditer(f):
        g = m.lastgroup
        if g == "num":
            digits = m.group("int")
            if not digits.isdigit():
                digits = digits.replace(",", "").replace("٬", "").replace("'", "")
            dec = m.group("dec") or ""
            if len(digits) + len(dec) > _MAX_DIGITS:
                toks.append(_Tok("skip", m.start(), m.end()))
                continue
            value = Fraction(int(digits + dec), 10 ** len(dec)) if dec else int(digits)
            t = _Tok("num", m.start(), m.end(), value)
            t.neg = m.group("sign") is not None
            t.ordinal = m.group("nsuf") is not None
        elif g == "sym":
            t = _Tok("pct", m.start(), m.end(), 1)
            t.symbol = True
        else:
            t = _Tok("skip", m.start(), m.end())
        toks.append(t)
    words: list[_Tok] = []
    for m in _WORDS.finditer(f):
        if m.lastgroup == "idiom":
            words.append(_Tok("skip", m.start(), m.end()))
            continue
        w, e = _lookup(m.group("w"))
        t = _Tok(_KINDS[e.kind], m.start(), m.end(), e.value)
        t.word = w
        if m.group("wsuf") and t.kind == "card":
            t.ordinal = True
        elif m.group("wsuf") and t.kind == "mult":
            t.kind = "ord"
            t.scale = True
        else:
            t.end = m.end("w")
        if e.kind == "ordinal":
            t.scale, t.verb, t.denominator = e.scale, e.verb, e.denominator
        t.weak, t.adjective = e.weak, e.adjective
        s, end = t.start, t.end
        t.glued_left = s >= 2 and f[s - 1] == ZWNJ and _LETTER.match(f, s - 2) is not None
        t.glued_right = end + 1 < len(f) and f[end] == ZWNJ and _LETTER.match(f, end + 1) is not None
        words.append(t)
    if not toks:
        return words
    if not words:
        return toks
    merged: list[_Tok] = []
    last_end = 0
    for t in sorted(toks + words, key=_start):
        if t.start >= last_end:
            merged.append(t)
            last_end = t.end
    return merged


def _start(t: _Tok) -> int:
    return t.start


def _gap(f: str, a: int, b: int) -> str | None:
    """What stands between two tokens: 'space' (spaces/ZWNJ or nothing), 'and' (a lone و), or None."""
    if a == b:
        return "space"
    if b - a > 8:
        return None
    if _GAP_SPACE.fullmatch(f, a, b):
        return "space"
    if _GAP_AND.fullmatch(f, a, b):
        return "and"
    return None


def _place(t: _Tok) -> str:
    if t.kind == "num":
        return "digits"
    v = t.value
    assert isinstance(v, int)
    if v < 10:
        return "unit"
    if v < 20:
        return "teen"
    return "tens" if v < 100 else "hund"


def _extends(place: str | None, v: Fraction | int | None) -> bool:
    """Whether a part of value ``v`` can be added after a word in ``place``: بیست + یک, صد + بیست."""
    if v is None or v <= 0:
        return False
    if place == "tens":
        return v < 10
    if place == "hund":
        return v < 100
    return False


# --------------------------------------------------------------------------------------------------
# evaluation


def _evaluate(toks: list[_Tok], ands: list[bool]) -> tuple[int | float, bool, bool] | None:
    """(value, is_ordinal, is_percent) of a phrase; ``ands[i]`` says whether "و" stands before ``toks[i]``."""
    sign = 1
    pct = False
    groups: list[tuple[Fraction | int, int]] = []  # (amount, scale) per multiplier seen
    cur: Fraction | int = 0
    have = False  # cur holds a count
    place: str | None = None
    is_ord = False
    any_num = False
    prev: _Tok | None = None
    for t, and_ in zip(toks, ands, strict=True):
        k = t.kind
        if k == "sign":
            sign = -sign
            continue
        if k == "pct":
            pct = True
            continue
        if k not in ("num", "card", "mult", "ord", "frac"):
            return None
        v = t.value
        assert v is not None
        any_num = True
        is_ord = False
        if t.neg:
            sign = -sign
        if k == "mult" or (k == "ord" and t.scale):
            acc: Fraction | int = cur if have else 0
            popped = False
            while groups and groups[-1][1] < v:
                acc += groups.pop()[0]
                popped = True
            if not have and not popped:
                acc = 1
            groups.append((acc * v, int(v)))
            cur, have, place = 0, False, None
            is_ord = k == "ord"
        elif k == "card" and v == 100 and t.word == "صد" and place == "unit" and not and_ and cur < 10:
            cur *= 100  # یک صد، یک‌صد، دو صد
            place = "hund"
            is_ord = t.ordinal
        elif k in ("num", "card"):
            cur += v
            have = True
            place = _place(t)
            is_ord = t.ordinal
        elif k == "frac":
            if and_ and prev is not None and (prev.kind == "mult" or (prev.kind == "ord" and prev.scale)):
                cur += v * (prev.value or 1)  # یک میلیون و نیم
            elif have and (and_ or v == Fraction(1, 2)):
                cur += v  # یک و نیم
            elif have:
                cur *= v  # سه ربع
            else:
                cur = v
            have = True
            place = "frac"
        else:  # an ordinal word
            if have and not and_ and t.denominator and not _extends(place, v):
                cur = Fraction(cur) / v  # سه چهارم
            else:
                cur += v
                is_ord = True
            have = True
            place = "ord"
        prev = t
    if not any_num:
        return None
    total = sum(g[0] for g in groups) + cur
    total *= sign
    if isinstance(total, Fraction):
        value: int | float = int(total) if total.denominator == 1 else float(total)
    else:
        value = int(total)
    return value, is_ord, pct


# --------------------------------------------------------------------------------------------------
# grouping running text into phrases


class _Phrase:
    __slots__ = ("ands", "closed", "has_num", "last", "ncount", "pct", "place", "single_unit", "toks")

    def __init__(self) -> None:
        self.toks: list[_Tok] = []
        self.ands: list[bool] = []
        self.has_num = False
        self.closed = False  # an ordinal, a fraction or a percent ended it
        self.pct = False
        self.place: str | None = None
        self.ncount = 0  # numeric tokens
        self.single_unit = False  # the group since the last multiplier is one unit word (یک, before صد)
        self.last: _Tok | None = None

    def push(self, t: _Tok, and_: bool) -> None:
        self.toks.append(t)
        self.ands.append(and_)
        self.last = t
        k = t.kind
        if k == "sign":
            return
        if k == "pct":
            self.pct = True
            if self.has_num:
                self.closed = True
            return
        self.has_num = True
        self.ncount += 1
        if k in ("num", "card"):
            self.single_unit = (
                k == "card" and self.place is None and isinstance(t.value, int) and t.value < 10
            )
            self.place = _place(t)
            if t.ordinal:
                self.closed = True
        elif k == "mult":
            self.place = None
            self.single_unit = False
            self.closed = t.adjective  # ۵ میلیاردی
        else:
            self.place = k
            self.single_unit = False
            if k == "ord":
                self.closed = True

    def can_join(self, t: _Tok, gap: str | None) -> bool:
        if gap is None:
            return False
        k = t.kind
        if k == "pct":
            return gap == "space" and self.has_num and not self.pct and not self.closed
        if self.closed or k in ("sign", "vague", "skip") or t.neg:
            return False
        last = self.last
        assert last is not None
        if not self.has_num:  # a sign or a ٪ sign so far
            if self.pct:
                return k == "num" and last.end == t.start
            return gap == "space" and k in ("num", "card", "mult", "frac", "ord")
        v = t.value
        assert v is not None
        lk = last.kind
        if k == "mult" or (k == "ord" and t.scale):
            if gap != "space":
                return False
            if lk == "mult":
                return last.value is not None and last.value < v
            return lk in ("num", "card", "frac")
        if k == "frac":
            if lk in ("num", "card"):
                return gap == "and" or v == Fraction(1, 4)
            return lk == "mult" and gap == "and" and v == Fraction(1, 2)
        if lk == "mult":
            assert last.value is not None
            return v < last.value and (gap == "and" or k != "num")
        if lk != "card":
            return False
        if k == "card" and t.word == "صد" and self.single_unit and gap == "space":
            return True  # یک صد
        if _extends(self.place, v):
            return k != "num" or gap == "and"
        # a fraction: سه چهارم، یک سوم (a lone unit word over a larger denominator)
        return (
            k == "ord"
            and gap == "space"
            and t.denominator
            and self.ncount == 1
            and last.value is not None
            and last.value < v
        )


def _group(f: str, toks: list[_Tok]) -> list[_Phrase]:
    phrases: list[_Phrase] = []
    n = len(toks)
    i = 0
    while i < n:
        t = toks[i]
        if t.kind == "pct":
            nxt = toks[i + 1] if i + 1 < n else None
            if t.symbol and nxt is not None and nxt.kind == "num" and nxt.start == t.end and not nxt.neg:
                pass  # ٪۲۰
            elif not t.symbol and f[t.end - 2 : t.end] == "صد" and " " in f[t.start : t.end]:
                t = _hundred_of(t)  # "در صد سال" with no number before: the صد is a number
            else:
                i += 1
                continue
        elif t.kind not in ("num", "card", "mult", "ord", "frac", "sign"):
            i += 1
            continue
        ph = _Phrase()
        ph.push(t, False)
        prev_tok = toks[i - 1] if i else None
        j = i + 1
        while j < n:
            u = toks[j]
            assert ph.last is not None
            g = _gap(f, ph.last.end, u.start)
            if not ph.can_join(u, g):
                break
            ph.push(u, g == "and")
            j += 1
        if _keep(f, ph, prev_tok):
            phrases.append(ph)
        i = j
    return phrases


def _hundred_of(t: _Tok) -> _Tok:
    u = _Tok("card", t.end - 2, t.end, 100)
    u.word = "صد"
    u.glued_right = t.glued_right
    return u


def _keep(f: str, ph: _Phrase, prev_tok: _Tok | None) -> bool:
    """Trim a phrase's glued edge words and say whether what is left is a number worth reporting."""
    toks = ph.toks
    # a word glued by ZWNJ to a non-number is part of another word: یک‌بار، میلیون‌ها، بی‌بی‌سی
    while toks and toks[-1].glued_right and toks[-1].kind not in ("mult", "num"):
        toks.pop()
        ph.ands.pop()
    if toks and toks[0].glued_left and toks[0].kind != "num":
        toks.pop(0)
        ph.ands.pop(0)
        if ph.ands:
            ph.ands[0] = False
    numeric = [t for t in toks if t.kind not in ("sign", "pct")]
    if not numeric:
        return False
    first = toks[0]
    if (
        prev_tok is not None
        and prev_tok.kind == "vague"
        and not prev_tok.glued_right
        and _gap(f, prev_tok.end, first.start) == "space"
    ):
        return False  # چند هزار، ده‌ها هزار
    if len(numeric) == 1:
        t = numeric[0]
        has_pct = any(u.kind == "pct" for u in toks)
        if t.weak and not t.ordinal and len(toks) == 1:
            return False  # نه، سی alone
        if t.kind == "mult" and isinstance(t.value, int) and t.value > 1000 and not has_pct:
            return False  # a bare میلیون / میلیارد
        if t.kind == "ord" and t.verb and len(toks) == 1:
            if _LIGHTVERB_BEFORE.search(f, max(0, t.start - 24), t.start):
                return False  # انجام دهم، می دهم
    return True


# --------------------------------------------------------------------------------------------------
# public API


def parse_number(text: str) -> Number | None:
    """Read ``text``, all of it (surrounding spaces aside), as one number phrase; None if it is not one.

    >>> parse_number("۳ هزار و ۴۲۰ میلیارد").value
    3420000000000
    >>> parse_number("دو و نیم میلیون").value
    2500000
    >>> parse_number("سه چهارم").value
    0.75
    >>> parse_number("بیست و سوم")
    Number(value=23, is_ordinal=True, surface='بیست و سوم', is_percent=False)
    >>> parse_number("منفی سه هزارمین")
    Number(value=-3000, is_ordinal=True, surface='منفی سه هزارمین', is_percent=False)
    >>> parse_number("٪۲۰")
    Number(value=20, is_ordinal=False, surface='٪۲۰', is_percent=True)
    >>> parse_number("1400/03/09") is None, parse_number("سلام دنیا") is None
    (True, True)
    """
    surface = text.strip(_STRIP)
    if not surface:
        return None
    f = _BROKEN_POINT.sub(".", surface)  # one phrase as a whole: "۵۹.\n۲۶" is 59.26 with no unit after it
    toks = _scan(f)
    if not toks or toks[0].start != 0 or toks[-1].end != len(f):
        return None
    ands: list[bool] = [False]
    for a, b in pairwise(toks):
        g = _gap(f, a.end, b.start)
        if g is None or (a.kind == "num" and b.kind == "num"):
            return None  # "۲۰ ۳۰", "۲۰ و ۳۰": two numbers
        ands.append(g == "and")
    if any(t.kind in ("skip", "vague") for t in toks):
        return None
    result = _evaluate(toks, ands)
    if result is None:
        return None
    value, is_ordinal, is_percent = result
    return Number(value, is_ordinal, surface, is_percent)


def find_numbers(text: str) -> list[NumberSpan]:
    """Every number phrase in running text, left to right, each the longest that reads as one number.

    >>> [(s.number.surface, s.number.value) for s in find_numbers("۳ هزار و ۴۲۰ میلیارد تومان")]
    [('۳ هزار و ۴۲۰ میلیارد', 3420000000000)]
    >>> [(s.number.surface, s.number.value, s.number.is_percent) for s in find_numbers("رشد ۱۲ درصد")]
    [('۱۲ درصد', 12, True)]
    >>> [s.number.value for s in find_numbers("ساعت 10:12:05 روز 1400/03/09 با 335,032 نفر")]
    [335032]
    >>> [s.number.surface for s in find_numbers("نه تنها بیست و نه نفر، بلکه سی و پنجمین نفر")]
    ['بیست و نه', 'سی و پنجمین']
    """
    spans: list[NumberSpan] = []
    for ph in _group(text, _scan(text)):
        result = _evaluate(ph.toks, ph.ands)
        if result is None:
            continue
        value, is_ordinal, is_percent = result
        start, end = ph.toks[0].start, ph.toks[-1].end
        spans.append(NumberSpan(start, end, Number(value, is_ordinal, text[start:end], is_percent)))
    return spans
