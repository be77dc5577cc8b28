"""Number parser: one (text, expected) row per rule, grouped by rule, then the two shared test-vector files.

parse_number rows give the expected value (None: not a number); find_numbers rows give the exact list of
(surface, value) pairs found in a sentence, left to right.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from newsmine.lang.chars import to_latin_digits
from newsmine.text.numbers import Number, NumberSpan, find_numbers, parse_number

Z = "\u200c"
VECTORS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "vectors"


def check_value(got: Number | None, expected: int | float | None) -> None:
    if expected is None:
        assert got is None
        return
    assert got is not None
    if isinstance(expected, float):
        assert type(got.value) is float
        assert got.value == pytest.approx(expected)
    else:
        assert type(got.value) is int  # int when integral
        assert got.value == expected


# --------------------------------------------------------------------------------------------------
# parse_number

DIGITS = [
    ("0", 0),
    ("۰", 0),
    ("٠", 0),
    ("42", 42),
    ("۴۲", 42),
    ("٤٢", 42),
    ("۱۴۰۲", 1402),
    ("007", 7),
    ("۱۰۰۰۰۰۰۰۰۰۰۰", 10**11),
    ("335,032", 335032),
    ("۳۳۵,۰۳۲", 335032),
    ("۳۳۵٬۰۳۲", 335032),
    ("٣٣٥٬٠٣٢", 335032),
    ("1,000,000", 1000000),
    ("1'000'000", 1000000),
    ("2.5", 2.5),
    ("۲٫۵", 2.5),
    ("۲/۵", 2.5),
    ("۱۲/۷۵", 12.75),
    ("٠٫٥", 0.5),
    ("3.0", 3),
    ("1,234.5", 1234.5),
    ("۱٬۲۳۴٫۵", 1234.5),
    ("  ۲۵۰۰  ", 2500),
    (f"{Z}۲۵۰۰{Z}", 2500),
]

WORDS = [
    ("صفر", 0),
    ("یک", 1),
    ("يك", 1),
    ("دو", 2),
    ("سه", 3),
    ("شش", 6),
    ("شیش", 6),
    ("نه", 9),
    ("ده", 10),
    ("یازده", 11),
    ("دوازده", 12),
    ("شانزده", 16),
    ("شونزده", 16),
    ("هجده", 18),
    ("هیجده", 18),
    ("نوزده", 19),
    ("بیست", 20),
    ("سی و سه", 33),
    ("چهل و چهار", 44),
    ("نود و نه", 99),
    ("صد", 100),
    ("یکصد", 100),
    (f"یک{Z}صد", 100),
    ("یک صد", 100),
    ("دویست", 200),
    ("سیصد", 300),
    ("پانصد", 500),
    ("پونصد", 500),
    ("هفصد", 700),
    ("نهصد و نود و نه", 999),
    ("هزار", 1000),
    ("یکهزار", 1000),
    ("یک هزار و یک", 1001),
    ("هزار و سیصد و پنجاه", 1350),
    ("دو هزار و بیست و چهار", 2024),
    ("هشتصد و نود هزار", 890000),
    ("دوازده هزار بیست دو", 12022),
    ("نهصد نود نه هزار نهصد نود نه", 999999),
    ("صد و بیست و سه هزار و چهارصد و پنجاه و شش", 123456),
    ("یک میلیون", 1000000),
    ("سه میلیارد", 3000000000),
    ("پنج بیلیون", 5000000000),
    ("دو تریلیون", 2000000000000),
    ("بیست   و  یک", 21),
    (f"بیست{Z}و{Z}یک", 21),
    ("يك ميليون و دويست هزار", 1200000),
]

MIXTURES = [
    ("۳ هزار و ۴۲۰ میلیارد", 3420000000000),
    ("۲.۵ میلیون", 2500000),
    ("۱.۵ میلیارد", 1500000000),
    ("۳.۷ میلیون", 3700000),
    ("۲/۵ میلیارد", 2500000000),
    ("بیست و یک میلیارد و 300 میلیون", 21300000000),
    ("منفی چهارصد 200", -600),
    ("۲۰ هزار", 20000),
    ("۲۰هزار", 20000),
    ("دو هزار میلیارد", 2000000000000),
    ("۵ میلیاردی", 5000000000),
    ("۱۲۳ میلیون و ۴۱۷ هزار", 123417000),
    ("یک میلیون و ۵۲۲ هزار", 1522000),
    ("۶ هزار و ۱۲۷", 6127),
    ("یکهزار و 355", 1355),
    ("صد و 20", 120),
    ("۰.۵ میلیون", 500000),
]

FRACTIONS = [
    ("نیم", 0.5),
    ("یک و نیم", 1.5),
    ("۲ و نیم", 2.5),
    ("هشت و نیم", 8.5),
    ("دو و نیم میلیون", 2500000),
    ("نیم میلیون", 500000),
    ("یک میلیون و نیم", 1500000),
    ("سه چهارم", 0.75),
    ("یک سوم", 1 / 3),
    (f"یک{Z}سوم", 1 / 3),
    ("دو سوم", 2 / 3),
    ("دو پنجم", 0.4),
    ("یک دوم", 0.5),
    ("یک دهم", 0.1),
    ("ربع", 0.25),
    ("یک ربع", 0.25),
    ("سه ربع", 0.75),
]

PERCENT = [
    ("۲۰ درصد", 20),
    ("بیست درصد", 20),
    ("٪۲۰", 20),
    ("20%", 20),
    ("۲۰٪", 20),
    ("۲۰ ٪", 20),
    (f"۲۰{Z}درصد", 20),
    ("۹۰ در صد", 90),
    ("۲۰ درصدی", 20),
    ("۲/۵ درصد", 2.5),
    ("12.5%", 12.5),
    ("صد درصد", 100),
    ("نیم درصد", 0.5),
    ("نه درصد", 9),
    ("منفی ۳ درصد", -3),
]

NEGATIVES = [
    ("منفی ۳", -3),
    ("منفی سه هزار", -3000),
    ("-999", -999),
    ("−5", -5),
    ("-۲.۵", -2.5),
    ("منفی صفر", 0),
    ("منفی یک میلیون", -1000000),
    ("منفی بیست و یک", -21),
    ("منفی ۱۲ و نیم", -12.5),
    ("منفی 3 هزار و 200", -3200),
]

ORDINALS = [
    ("اول", 1),
    ("اولین", 1),
    ("اولين", 1),
    ("یکم", 1),
    ("یکمین", 1),
    ("نخست", 1),
    ("نخستین", 1),
    ("دوم", 2),
    ("دومین", 2),
    ("سوم", 3),
    ("سومین", 3),
    ("چهارم", 4),
    ("پنجم", 5),
    ("پنجمین", 5),
    ("دهم", 10),
    ("یازدهم", 11),
    ("دوازدهمین", 12),
    ("بیستم", 20),
    ("بیست و سوم", 23),
    ("بیست سوم", 23),
    (f"سی{Z}ام", 30),
    ("سی ام", 30),
    ("سیام", 30),
    (f"سی{Z}امین", 30),
    ("سی و پنجمین", 35),
    ("چهل و سومین", 43),
    ("نود و نهمین", 99),
    ("صدم", 100),
    ("صدمین", 100),
    ("صد و بیستم", 120),
    ("هزارم", 1000),
    ("هزارمین", 1000),
    ("هزار و یکم", 1001),
    ("دو هزار و پانصدمین", 2500),
    ("منفی سه هزارمین", -3000),
    ("منفی سی اُم", -30),
    ("۴۵اُمین", 45),
    ("45اُمین", 45),
    ("۴۵امین", 45),
    ("۴۵ امین", 45),
    (f"۴۵{Z}امین", 45),
    ("۱۲ام", 12),
]

NOT_NUMBERS = [
    "",
    "   ",
    "سلام دنیا",
    "منفی سلام دنیا",
    "و",
    "میز",
    "1400/03/09",
    "9/3/1400",
    "۱۴۰۰/۰۳/۰۹",
    "2024-02-10",
    "10:12:05",
    "۱۰:۳۰",
    "1,5",
    "۲۰ ۳۰",
    "۲۰ و ۳۰",
    "درصد",
    "منفی",
    "٪",
    "چند هزار",
    "میلیون‌ها",
    "هزاران",
    "سه شنبه",
    "نخست وزیر",
    "یکی",
    "سهم",
    "سیم",
    "امین",
    "بیست میز",
    "COVID19",
    "H5N1",
    "www.example.com",
    "ali@example.com",
]


@pytest.mark.parametrize(("text", "expected"), DIGITS)
def test_digits_and_separators(text: str, expected: int | float) -> None:
    check_value(parse_number(text), expected)


@pytest.mark.parametrize(("text", "expected"), WORDS)
def test_number_words(text: str, expected: int) -> None:
    check_value(parse_number(text), expected)


@pytest.mark.parametrize(("text", "expected"), MIXTURES)
def test_digits_and_words_mixed(text: str, expected: int) -> None:
    check_value(parse_number(text), expected)


@pytest.mark.parametrize(("text", "expected"), FRACTIONS)
def test_fractions(text: str, expected: int | float) -> None:
    got = parse_number(text)
    check_value(got, expected)
    assert got is not None and not got.is_ordinal


@pytest.mark.parametrize(("text", "expected"), PERCENT)
def test_percent(text: str, expected: int | float) -> None:
    got = parse_number(text)
    check_value(got, expected)
    assert got is not None and got.is_percent


@pytest.mark.parametrize(("text", "expected"), NEGATIVES)
def test_negatives(text: str, expected: int | float) -> None:
    check_value(parse_number(text), expected)


@pytest.mark.parametrize(("text", "expected"), ORDINALS)
def test_ordinals(text: str, expected: int) -> None:
    got = parse_number(text)
    check_value(got, expected)
    assert got is not None and got.is_ordinal


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_not_numbers(text: str) -> None:
    assert parse_number(text) is None


def test_number_record() -> None:
    got = parse_number("  ۲۰ هزار ")
    assert got == Number(20000, False, "۲۰ هزار", False)
    assert parse_number("چهارم") == Number(4, True, "چهارم")
    assert parse_number("سه چهارم") == Number(0.75, False, "سه چهارم")
    with pytest.raises(AttributeError):
        got.value = 1  # type: ignore[misc]  # frozen


# --------------------------------------------------------------------------------------------------
# find_numbers

SEED = "از ابتدای امسال تاکنون ۲۰ هزار میز خدمت عمومی و ۲۵۰۰ میز خدمت تخصصی در سطح کشور برگزار شد."

SENTENCES = [
    # a decimal whose point a line break follows (text split after every full stop): one number when a
    # unit, a percent or a scale word follows; else a sentence that ends in a number and one that starts
    ("شبکه نسیم با ۳۰.\n۸ درصد بیشترین بیننده", [("۳۰.\n۸ درصد", 30.8)]),
    ("قیمت نفت به ۵۹.\n۲۶ دلار رسید", [("۵۹.\n۲۶", 59.26)]),
    ("تولید به 29.\n59 میلیون بشکه رسید", [("29.\n59 میلیون", 29590000)]),
    ("رشد اقتصادی به ۴.\n۸ درصدی برسد", [("۴.\n۸ درصدی", 4.8)]),
    ("مهلت تا سال ۹۹.\n۲ بانک‌ها باید", [("۹۹", 99), ("۲", 2)]),
    ("کشته‌ها به ۱۲.\n۳ نفر دیگر زخمی شدند", [("۱۲", 12), ("۳", 3)]),
    # the seed article's numbers
    (SEED, [("۲۰ هزار", 20000), ("۲۵۰۰", 2500)]),
    ("در حدود یک ماه و نیم، بیش از ۵۰۰۰ نشست", [("یک", 1), ("نیم", 0.5), ("۵۰۰۰", 5000)]),
    ("همچنین ۱۳۰۰ نشست در حوزه‌های مقاومت", [("۱۳۰۰", 1300)]),
    ("۸۲ گردهمایی در وزارتخانه‌ها", [("۸۲", 82)]),
    ("و ۱۲۱ یادواره شهدا برگزار شد", [("۱۲۱", 121)]),
    ("بیش از ۲۷۰۰ نفر از مدیران کشور", [("۲۷۰۰", 2700)]),
    ("در سال ۹۸ بسیج ادارات", [("۹۸", 98)]),
    ("وی با بیان اینکه ۱۸ استان این ستاد را تشکیل دادند", [("۱۸", 18)]),
    # multi-part phrases
    ("۳ هزار و ۴۲۰ میلیارد تومان", [("۳ هزار و ۴۲۰ میلیارد", 3420000000000)]),
    ("۱.۵ میلیارد دلار", [("۱.۵ میلیارد", 1500000000)]),
    ("دو هزار میلیارد تومان", [("دو هزار میلیارد", 2000000000000)]),
    ("۲۰میلیون نفر", [("۲۰میلیون", 20000000)]),
    (
        "از یک میلیون و 522 هزار به 4 میلیون و 890 هزار",
        [("یک میلیون و 522 هزار", 1522000), ("4 میلیون و 890 هزار", 4890000)],
    ),
    ("كشور يك ميليون نفر", [("يك ميليون", 1000000)]),
    ("بیست و یک نفر", [("بیست و یک", 21)]),
    (f"بیست{Z}و{Z}یک نفر", [(f"بیست{Z}و{Z}یک", 21)]),
    (f"یک{Z}صد و بیست نفر", [(f"یک{Z}صد و بیست", 120)]),
    ("هزار و یک شب", [("هزار و یک", 1001)]),
    ("ساعت هشت و نیم صبح", [("هشت و نیم", 8.5)]),
    ("طرح ۵ میلیاردی و ۲۰ درصدی", [("۵ میلیاردی", 5000000000), ("۲۰ درصدی", 20)]),
    # what does not join
    ("۴۹۷ کیلو و ۴۴۰ گرم", [("۴۹۷", 497), ("۴۴۰", 440)]),
    ("سه و چهار", [("سه", 3), ("چهار", 4)]),
    ("سال ۹۸ و ۹۹", [("۹۸", 98), ("۹۹", 99)]),
    ("۱۰-۱۵ درصد", [("۱۰", 10), ("۱۵ درصد", 15)]),
    ("سال تحصیلی 94-1393", [("94", 94), ("1393", 1393)]),
    ("ده سه", [("ده", 10), ("سه", 3)]),
    ("335,032 نفر و 1,5", [("335,032", 335032), ("1", 1), ("5", 5)]),
    # percent, sign, ordinals, fractions
    ("رشد ۱۲ درصد", [("۱۲ درصد", 12)]),
    ("٪۲۰ و 20 % و ۲۰٪", [("٪۲۰", 20), ("20 %", 20), ("۲۰٪", 20)]),
    ("صد در صد سهام", [("صد در صد", 100)]),
    ("در صد سال گذشته", [("صد", 100)]),
    ("دمای منفی ۵ درجه و -3", [("منفی ۵", -5), ("-3", -3)]),
    ("۴۵اُمین سالگرد", [("۴۵اُمین", 45)]),
    ("چهل و سومین دوره", [("چهل و سومین", 43)]),
    ("سه چهارم جمعیت و فصل چهارم", [("سه چهارم", 0.75), ("چهارم", 4)]),
    ("یک دهم دلار", [("یک دهم", 0.1)]),
    ("روز نخست و نخستین بار", [("نخست", 1), ("نخستین", 1)]),
    # skipped: clock times, dates, URLs, e-mail, Latin words with digits
    ("ساعت 10:12:05 روز 1400/03/09 و 9/3/1400", []),
    ("۱۴۰۰/۰۳/۰۹ و 2024-02-10", []),
    ("https://www.mehrnews.com/news/6012345 و ali99@x.com", []),
    ("mehrnews.com/news/6012345", []),
    ("COVID-19 و COVID19 و H5N1 و 5G", []),
    # words that are also ordinary words
    ("نه تنها این، نه آن", []),
    ("سی سال", []),
    ("بی بی سی گزارش داد", []),
    ("نود و نه نفر", [("نود و نه", 99)]),
    ("نه هزار نفر", [("نه هزار", 9000)]),
    ("نه درصد", [("نه درصد", 9)]),
    ("سی و پنج نفر", [("سی و پنج", 35)]),
    ("ادامه می دهم و انجام دهم", []),
    ("مجلس دهم", [("دهم", 10)]),
    ("یک کار وسیع", [("یک", 1)]),
    ("یکی از اقدامات", []),
    ("روز سه شنبه و پنج‌شنبه", []),
    ("سهشنبه", []),
    ("نخست وزیر و نخست‌وزیر عراق", []),
    ("نخست وزیری و نخست وزیران", []),
    (f"سه شنبه{Z}ها", []),
    ("دو و میدانی", []),
    (f"یک{Z}بار", []),
    (f"سی{Z}ان{Z}ان", []),
    ("سهام عدالت", []),
    ("ماه می", []),
    # vague amounts
    ("چند هزار نفر", []),
    (f"ده{Z}ها هزار نفر", []),
    ("صدها نفر", []),
    (f"میلیون{Z}ها دلار", []),
    ("میلیارد دلار", []),
    ("هزار نفر", [("هزار", 1000)]),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCES)
def test_find_numbers(text: str, expected: list[tuple[str, int | float]]) -> None:
    spans = find_numbers(text)
    got = [(s.number.surface, s.number.value) for s in spans]
    assert got == [(surface, pytest.approx(value)) for surface, value in expected]
    for s in spans:
        assert text[s.start : s.end] == s.number.surface
    assert [s.start for s in spans] == sorted(s.start for s in spans)


def test_find_numbers_flags() -> None:
    spans = find_numbers("رشد ۱۲ درصد در سی و پنجمین سالگرد با ۲۰ هزار نفر")
    assert spans == [
        NumberSpan(4, 11, Number(12, False, "۱۲ درصد", True)),
        NumberSpan(15, 26, Number(35, True, "سی و پنجمین", False)),
        NumberSpan(37, 44, Number(20000, False, "۲۰ هزار", False)),
    ]


def test_find_numbers_agrees_with_parse_number() -> None:
    """Every phrase find_numbers reports reads the same through parse_number."""
    text = " ".join(text for text, _ in SENTENCES)
    for s in find_numbers(text):
        again = parse_number(s.number.surface)
        assert again is not None
        assert (again.value, again.is_ordinal, again.is_percent) == (
            s.number.value,
            s.number.is_ordinal,
            s.number.is_percent,
        )


def test_seed_articles(corpora: Path) -> None:
    """The two seed articles: every number the reporter wrote, none of the dates or clock times."""
    mehr = (corpora / "seeds" / "mehr-bases-service-desks.txt").read_text(encoding="utf-8")
    values = [s.number.value for s in find_numbers(mehr)]
    assert values.count(20000) == 5 and values.count(2500) == 2
    assert [5000, 1300, 82, 121, 2700] == [v for v in values if v in (5000, 1300, 82, 121, 2700)]
    asreqom = (corpora / "seeds" / "asreqom-labour-ministry-desk.txt").read_text(encoding="utf-8")
    found = [(s.number.surface, s.number.value) for s in find_numbers(asreqom)]
    assert ("45اُمین", 45) in found and ("335,032", 335032) in found
    assert not any(v in (10, 12, 5) for _, v in found)  # from the clock time 10:12:05


# --------------------------------------------------------------------------------------------------
# shared test vectors


def _jsonl(name: str) -> list[dict]:
    path = VECTORS / name
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


DUCKLING = _jsonl("duckling-fa-numerals.jsonl")


@pytest.mark.corpora
@pytest.mark.parametrize("row", DUCKLING or [None], ids=lambda r: r["text"] if r else "absent")
def test_duckling_numerals(corpora: Path, row: dict) -> None:
    check_value(parse_number(row["text"]), row["value"])


# persian-tools' wordsToNumber spec. args_js is a JS argument list: a string literal, maybe followed by an
# options object ({ digits: "ar", addCommas: true }) that only changes how the result is written.
# expected_js is a JS number, or a string in some digit script, maybe with commas. Mapping: persian-tools
# answers 0 for a text that is not a number ("سلام دنیا") and "" for "": parse_number answers None for
# both, so an expected 0 for a text with no digit and no صفر, and an expected "", mean None here.
# Rows whose args_js is not a literal (`key`, from a loop in the spec, or no argument at all) cannot be
# rebuilt and are skipped.
PERSIAN_TOOLS = [r for r in _jsonl("persian-tools-numbers.jsonl") if r["function"] == "wordsToNumber"]
_JS_STRING = re.compile(r'\s*("(?:[^"\\]|\\.)*")')
NOT_LITERAL = [r for r in PERSIAN_TOOLS if not _JS_STRING.match(r["args_js"])]


def _expected(row: dict) -> int | float | None:
    raw = row["expected_js"].strip()
    if raw.startswith('"'):
        raw = to_latin_digits(json.loads(raw)).replace(",", "")
        if raw == "":
            return None
    value = float(raw)
    if value == 0:
        text = json.loads(_JS_STRING.match(row["args_js"]).group(1))  # type: ignore[union-attr]
        if not re.search(r"[0-9۰-۹٠-٩]|صفر", text):
            return None  # persian-tools' 0 for "not a number"
    return int(value) if value.is_integer() else value


@pytest.mark.corpora
@pytest.mark.parametrize(
    "row",
    PERSIAN_TOOLS or [None],
    ids=lambda r: f"line{r['line']}" if r else "absent",
)
def test_persian_tools_words_to_number(corpora: Path, row: dict) -> None:
    m = _JS_STRING.match(row["args_js"])
    if m is None:
        pytest.skip(
            f"args_js {row['args_js']!r} is not a literal (built in a loop in the spec, or no argument): "
            f"{len(NOT_LITERAL)} of {len(PERSIAN_TOOLS)} wordsToNumber rows cannot be rebuilt"
        )
    check_value(parse_number(json.loads(m.group(1))), _expected(row))


def test_own_rows_count() -> None:
    own = (
        len(DIGITS)
        + len(WORDS)
        + len(MIXTURES)
        + len(FRACTIONS)
        + len(PERCENT)
        + len(NEGATIVES)
        + len(ORDINALS)
        + len(NOT_NUMBERS)
        + len(SENTENCES)
    )
    assert own >= 150


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("۱۳هزارو ۴۰۰ نفر", [("۱۳هزارو ۴۰۰", 13400)]),  # a multiplier glued to its "و"
        ("سه هزارو چهارصد", [("سه هزارو چهارصد", 3400)]),
        ("دو میلیاردو ۵۰۰ میلیون", [("دو میلیاردو ۵۰۰ میلیون", 2500000000)]),
        ("سهو کرد", []),  # سه + و is "a mistake", not three and
    ],
)
def test_multiplier_glued_to_and(text: str, expected: list[tuple[str, int]]) -> None:
    assert [(text[n.start : n.end], n.number.value) for n in find_numbers(text)] == expected
