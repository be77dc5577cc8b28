"""``newsmine_claims``: numeric claims from the number phrases in ``doc.spans["numbers"]``.

Each number mention that is a claim becomes one :class:`newsmine.schema.Claim` in ``doc._.claims``, in
text order: its value (scale words, ranges, mixed units and "و نیم" folded in), the unit or counted head
noun after it, the counted noun phrase, the qualifier before it (بیش از، حدود، دست‌کم...), the time scope
of its clause ("از ابتدای امسال تاکنون"), the speaker of the quote holding it and its sentence.

>>> import newsmine, newsmine.extractors.claims
>>> nlp = newsmine.load()
>>> doc = nlp("از ابتدای امسال تاکنون بیش از ۲۰ هزار میز خدمت عمومی در کشور برگزار شد.")
>>> c = doc._.claims[0]
>>> c.surface, c.value, c.unit, c.counted, c.qualifier, c.time_scope
('۲۰ هزار', 20000, 'میز', 'میز خدمت عمومی', 'more_than', 'از ابتدای امسال تاکنون')
>>> [(c.surface, c.value, c.value_max, c.unit) for c in nlp("رشد بین ۱۱ تا ۱۲ درصد بود.")._.claims]
[('۱۱ تا ۱۲ درصد', 11, 12, 'درصد')]
>>> [(c.value, c.unit) for c in nlp("۴۹۷ کیلو و ۴۴۰ گرم مواد مخدر کشف شد.")._.claims]
[(497.44, 'کیلوگرم')]
>>> nlp("در سال ۹۸ یک کار وسیع با شماره ۱۲۵ و ماده ۱ آغاز شد.")._.claims
[]

A title and a kicker are Docs of their own (``doc._.field``); their claims carry that field, and
``newsmine.assemble`` keeps one claim where the body repeats a figure of the title.

Ranges are one claim (value the low end, value_max the high end): "۱۱ تا ۱۲ درصد", "بین ۱۱ و ۱۲ درصد",
"۱۰-۱۵ درصد", "۱۰ تا ۱۲ میلیون" (the scale word of the high end reaches the low end), "از ۳ ماه تا یک
سال و نیم" (3 to 18 ماه: the high end in the low end's unit), and, qualified about, number words side by
side ("دو سه روز", "هفتاد هشتاد نفر").

The unit of a bare count is نفر for a person noun ("دو سرنشین", "چهار غیرنظامی"), else the head noun
without its plural or Ezafe ending ("۳۴ پروژه‌های" -> پروژه، "۲۰ روستای" -> روستا), with the second part
of a compound ("سه راکت انداز"). When nothing is named after the number, the counted noun is the measure
named before it ("به حجم ۷۵۰ متر مکعب" -> حجم) or, for a bare count of persons, نفر; an amount made an
adjective ("تحصن ۲۴ ساعته", "سود وام ۱۲ درصدی"), or a sum of money or a percentage with nothing named
after it ("با بودجه ۱۶ میلیون پوند", "رشد ۲۰ درصد"), counts the noun of one or two words before it.

Which numbers are not claims (each a table row in ``resources/claim_words.txt`` or a rule here): ordinals,
anything inside a date of ``doc.spans["dates"]``, years after سال/بودجه/برنامه, clock times, identifiers
(کد خبر، شماره، ماده، تبصره، شعبه، کووید ۱۹، پراید ۱۳۱، ...) and the numbers listed after one ("شعب ۹،
۲۲ و ۲۴"), codes and model names ("/ت10", "تی-۷۲"), score lines ("۲ بر ۱"), a bare یک/نیم (the article
"a") unless that یک is an item of a list of counts ("۱۵ کارگزاری اقماری و یک کارگزاری جایگزین") or one
more person ("یک غیرنظامی دیگر"), a fraction or zero alone ("یک‌سوم مطالبات"), and the number of a time
scope ("۲۴ ساعت" in "طی ۲۴ ساعت گذشته", "به مدت یک هفته", "۳ روز قبل از بازی"). Units come from
``resources/units.txt``, person nouns (a count of them is in نفر) from ``resources/person_nouns.txt``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterator
from dataclasses import dataclass, replace
from fractions import Fraction
from functools import lru_cache
from itertools import pairwise
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from newsmine.extractors import extensions
from newsmine.lang.chars import ZWNJ, fold
from newsmine.lang.docs import sentence_spans
from newsmine.lang.docs import text as doc_text
from newsmine.lang.keys import key
from newsmine.lang.lexicon import calendar_words
from newsmine.lang.lexicon import lexicon as shared_lexicon
from newsmine.lang.verbs import COPULA, copula_forms, forms, is_past_stem
from newsmine.resources import read_rows
from newsmine.schema import Claim
from newsmine.text.numbers import Number, parse_number

extensions.register()

__all__ = ["ClaimExtractor", "Unit", "make_claim_extractor"]


# --------------------------------------------------------------------------------------------------
# the tables


@dataclass(frozen=True)
class Unit:
    """A unit as ``Claim.unit`` names it, its kind (currency, mass, time, people, head...) and its size."""

    name: str
    kind: str
    size: Fraction | None = None


_PEOPLE = Unit("نفر", "people")
_PERCENT = Unit("درصد", "percent")


@dataclass(frozen=True)
class _Lexicon:
    units: dict[str, Unit]
    persons: frozenset[str]
    words: dict[str, dict[str, str]]  # kind -> phrase key -> value
    multipliers: dict[str, int]
    fractions: frozenset[str]
    scopes: tuple[re.Pattern[str], ...]
    zipf: dict[str, float]  # key(word) -> Zipf frequency (common_words.txt)


#: a quotation mark opening a name of one to three words that runs to the number ("ورزش سه"، «پایتخت ۶»)
_QUOTED_NAME = re.compile(r"[«\"“][^\s«»\"“”]+(?:[ \u200c][^\s«»\"“”]+){0,2}[ \u200c]+\Z")
_QUOTE_CLOSE = re.compile(r"[ \u200c]*[»\"”]")


def _person_forms(noun: str) -> set[str]:
    """A person noun and its plurals: +ان/+ها, +یان after a vowel, ه -> +گان, +ین; and the Ezafe forms
    before what follows ("۸ نیروی نظامی", "۳ نماینده‌ی مجلس", "۵۰ نیروهای امدادی"): +ی after a vowel
    or ه, +های."""
    forms = {noun, noun + "ها", noun + "ان", noun + "ین", noun + "های"}
    if noun.endswith(("و", "ا", "ی")):
        forms.add(noun + "یان")
    if noun.endswith(("و", "ا", "ه")):
        forms.add(noun + "ی")
    if noun.endswith("ه"):
        forms.add(noun[:-1] + "گان")
    return forms


def _scope_regex(template: str, fill: dict[str, str]) -> re.Pattern[str]:
    """A scope pattern of claim_words.txt compiled: placeholders filled, " " and "_" made separators."""
    body = template.replace(" ", "[ \u200c]+").replace("_", "[ \u200c]*")
    for name, pattern in fill.items():
        body = body.replace("{" + name + "}", pattern)
    return re.compile(rf"(?<![\w\u200c])(?:{body})(?!\u200c?\w)")


def _alternation(words: list[str]) -> str:
    """Phrases as one regex alternative, longest first, spaces and ZWNJ optional between their words."""
    parts = sorted({w for w in words if w}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace("\\ ", "[ \u200c]*") for w in parts) + ")"


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    """The claim tables, read and compiled once per process."""
    units: dict[str, Unit] = {}
    durations: list[str] = []
    for row in read_rows("units.txt"):
        written, name, kind, size = (fold(c.strip()) for c in row[:4])
        units.setdefault(key(written), Unit(name, kind, None if size == "-" else Fraction(size)))
        if kind == "time":
            durations.append(written)
    persons: set[str] = set()
    for row in read_rows("person_nouns.txt"):
        persons |= _person_forms(key(fold(row[0].strip())))
    words: dict[str, dict[str, str]] = {}
    templates: list[str] = []
    verbs: list[tuple[str, str]] = []  # (light or -, past stem or copula)
    for row in read_rows("claim_words.txt"):
        kind, value, phrase = row[0].strip(), row[1].strip(), fold(row[2].strip())
        if kind == "scope":
            templates.append(phrase)
        elif kind == "verb":
            verbs.append((value, phrase))
        else:
            words.setdefault(kind, {})[key(phrase) if phrase.strip("-–—") else phrase] = value
    table = words.setdefault("verb", {})
    for value, stem in sorted(verbs, key=lambda v: v[0] != "light"):  # a light verb's forms first
        for form in copula_forms() if stem in COPULA else forms(stem):
            table.setdefault(form, value)
    multipliers: dict[str, int] = {}
    fractions: set[str] = set()
    for row in read_rows("number_words.txt"):
        if row[2] == "multiplier":
            multipliers[key(fold(row[0]))] = int(row[1])
        elif row[2] == "fraction":
            fractions.add(key(fold(row[0])))
    months = [fold(w) for w in calendar_words("jmonth", "gmonth")]
    fill = {
        "N": "[#YH]+",
        "YEAR": "Y+",
        "HALF": "H+",
        "DUR": _alternation(durations) + "(?:ی|ه)?",
        "MONTH": _alternation(months),
        "W": "[^\\s،,.:؛;!؟?«»()\\[\\]]+",
    }
    scopes = tuple(_scope_regex(t, fill) for t in templates)
    zipf = {key(r[0]): float(r[1]) for r in read_rows("common_words.txt") if len(r) > 1}
    return _Lexicon(units, frozenset(persons), words, multipliers, frozenset(fractions), scopes, zipf)


# --------------------------------------------------------------------------------------------------
# words around a number

_PUNCT = "،,.:؛;!?؟«»()\\[\\]{}\"'/\\\\…ـ\\-–—*|"
_TOKEN = re.compile(f"[{_PUNCT}]|[^\\s{_PUNCT}]+")
_DIGITS = re.compile(r"\d+")
_CLAUSE_BREAK = re.compile("[،,:؛;]")
#: why a number is not an amount at all: the other end of a range with it is not one either
_NOT_AMOUNTS = frozenset({"date", "year", "clock time", "identifier", "code"})
_HEADWORD = re.compile(r"[^\W\d_]{2,}")
_POINTERS = frozenset(key(w) for w in "یک این آن همین همان هر چند".split())  # no part of a counted noun
_LINE_START = re.compile(r"(?:^|\n)[ \t\u200c*•\-–—]*\Z")
_MARKER_AFTER = re.compile(r"[ \u200c]*[\-–—.)]")
_GLUED_MARKER = re.compile(r"[\-–—)][ \u200c]+[^\W\d_]")
_CLOCK_RANGE = re.compile(r"[ \u200c]*(?:تا|الی|-|–)[ \u200c]*\d{1,2}:\d{2}")
_LOOKBACK = 60  # characters: enough for the longest cue phrase (three words) before a number
#: endings a head noun drops to name its unit: plurals, an Ezafe or indefinite ی after ZWNJ
_ENDINGS = frozenset({"ها", "های", "هایی", "ی", "ای"})
_NUMBERED_LINE = re.compile(r"^[ \t]*(\d{1,2})(?=[ \t]+[^\W\d_])", re.MULTILINE)


def _numbered_lines(f: str) -> set[int]:
    """Where the numbers of a numbered list start: a number opening a line, with the line of the number
    before or after it also in the text ("۲ طرح ..." and "۳ سیاست ..."). One line alone opening with a
    number is a count ("۱۲ نفر ...")."""
    found = [(int(m.group(1)), m.start(1)) for m in _NUMBERED_LINE.finditer(f)]
    values = {v for v, _ in found}
    return {pos for v, pos in found if v - 1 in values or v + 1 in values}


_LIST_GAP = 80  # characters: the most between two counts of one list
_LIST_JOINTS = frozenset({"و", "،", ","})
_AND = frozenset({"و"})
_NEAR = 16  # characters: two numbers further apart than this are never one claim
_FAR = 1 << 62


@dataclass(frozen=True)
class _Tok:
    start: int
    end: int
    text: str  # folded
    key: str
    punct: bool


def _tok(m: re.Match[str]) -> _Tok:
    a, b = m.span()
    s = m.group()
    while s.startswith(ZWNJ):  # a ZWNJ at a token's edge is not part of the word
        s, a = s[1:], a + 1
    while s.endswith(ZWNJ):
        s, b = s[:-1], b - 1
    return _Tok(a, b, s, key(s), len(s) == 1 and s in _PUNCT.replace("\\", ""))


def _after(f: str, pos: int) -> Iterator[_Tok]:
    """Tokens of the folded text from ``pos`` on."""
    for m in _TOKEN.finditer(f, pos):
        t = _tok(m)
        if t.text:
            yield t


def _before(f: str, pos: int, n: int = 4) -> list[_Tok]:
    """The last ``n`` tokens before ``pos``."""
    toks = [_tok(m) for m in _TOKEN.finditer(f, max(0, pos - _LOOKBACK), pos)]
    return [t for t in toks if t.text][-n:]


def _match_phrase(part: list[_Tok], table: dict[str, str], most: int, at_end: bool) -> tuple[str, int] | None:
    for k in range(min(most, len(part)), 0, -1):
        words = part[-k:] if at_end else part[:k]
        if k > 1 and any(t.punct for t in words):
            continue
        value = table.get("".join(t.key for t in words))
        if value is not None:
            return value, k
    return None


def _match_end(toks: list[_Tok], table: dict[str, str], most: int = 3) -> tuple[str, int] | None:
    """The longest phrase of ``table`` that the last words of ``toks`` spell: (value, words used)."""
    return _match_phrase(toks, table, most, at_end=True)


def _match_start(toks: list[_Tok], table: dict[str, str], most: int = 3) -> tuple[str, int] | None:
    """The longest phrase of ``table`` that the first words of ``toks`` spell: (value, words used)."""
    return _match_phrase(toks, table, most, at_end=False)


# --------------------------------------------------------------------------------------------------
# one number mention on its way to a claim


@dataclass
class _Mention:
    start: int
    end: int
    number: Number
    value: Fraction
    digits_only: bool  # written as plain digits, no words, no separators
    words_only: bool  # written in words only
    mult: int | None  # the multiplier word it ends with (۱۲ میلیون -> 10**6)
    has_mult: bool
    unit: Unit | None = None
    unit_source: str | None = None  # table, percent, person, head
    unit_end: int = 0  # where the unit word ends (the number's end when none)
    counted_at: int | None = None  # where the counted noun phrase starts
    drop: str | None = None  # why this is not a claim
    value_max: Fraction | None = None
    surface_end: int = 0
    vague: bool = False  # "دو سه روز": a range said loosely, about
    adjective: bool = False  # the amount describes the noun before it: "تحصن ۲۴ ساعته", "وام ۱۲ درصدی"
    before: list[_Tok] | None = None  # the last words before the number, read once

    def prev(self, f: str, n: int = 4) -> list[_Tok]:
        """The last ``n`` (at most 4) tokens before the number."""
        if self.before is None:
            self.before = _before(f, self.start, 4)
        return self.before[-n:]

    @property
    def year_like(self) -> bool:
        if not self.digits_only or self.value.denominator != 1:
            return False
        v, n = int(self.value), self.end - self.start
        return n == 2 or (n == 4 and (1300 <= v <= 1499 or 1900 <= v <= 2099))

    @property
    def table_unit(self) -> bool:
        return self.unit_source in ("table", "percent")


def _exact(value: int | float) -> Fraction:
    return Fraction(value) if isinstance(value, int) else Fraction(str(value))


def _plain(value: Fraction | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value.denominator == 1 else round(float(value), 10)


class ClaimExtractor:
    """Turns ``doc.spans[numbers_key]`` into ``doc._.claims`` (a list of :class:`Claim`, text order).

    Rule-based and table-driven; the tables are read once per process (:func:`lexicon`).
    """

    def __init__(self, numbers_key: str = "numbers", dates_key: str = "dates") -> None:
        self.numbers_key = numbers_key
        self.dates_key = dates_key
        self.lex = lexicon()

    # ---- the component ----

    def __call__(self, doc: Doc) -> Doc:
        doc._.claims = self.claims(doc)
        return doc

    def claims(self, doc: Doc) -> list[Claim]:
        """The claims of one Doc whose numbers (and dates) components have run, each with the Doc's
        ``field`` and the speaker of the quote that holds it."""
        spans = doc.spans.get(self.numbers_key, [])
        found = [
            (tuple(s._.char_span or (s.start_char, s.end_char)), s._.value)
            for s in spans
            if isinstance(s._.value, Number)
        ]
        if not found:
            return []
        dates = [
            tuple(s._.char_span or (s.start_char, s.end_char)) for s in doc.spans.get(self.dates_key, [])
        ]
        claims = self._claims_of(doc_text(doc), found, dates, sentence_spans(doc), list(doc._.quotes or []))
        return [replace(c, field=doc._.field) for c in claims]

    def _claims_of(
        self,
        text: str,
        found: list[tuple[tuple[int, int], Number]],
        date_spans: list[tuple[int, int]],
        sentences: list[tuple[int, int]],
        quotes: list[Any],
    ) -> list[Claim]:
        """The claims of one text, from its number phrases and date spans (character offsets)."""
        found = sorted(found, key=lambda item: item[0])
        f = fold(text)
        mentions = [self._mention(f, a, b, n) for (a, b), n in found]
        starts = [m.start for m in mentions]
        scopes = self._scopes(f, mentions)
        dates = sorted(date_spans)
        numbered = _numbered_lines(f)
        for m in mentions:
            self._first_pass(f, m, scopes, dates, starts)
            if m.drop is None and m.digits_only and m.start in numbered:
                m.drop = "list marker"  # "۲ طرح فاصله‌گذاری ..." on a line, "۳ سیاست ..." on the next
        self._lists(f, mentions)
        self._pairs(f, mentions)
        listed = self._listed(f, mentions, sentences)
        for m in mentions:
            self._last_checks(f, m, m.start in listed)
        out: list[Claim] = []
        speakers = _Speakers(quotes)
        for m in mentions:
            if m.drop is not None:
                continue
            end = m.surface_end
            out.append(
                Claim(
                    surface=text[m.start : end],
                    value=_plain(m.value),
                    span=(m.start, end),
                    unit=m.unit.name if m.unit else None,
                    counted=self._counted(text, f, m.counted_at, starts) or self._counted_else(text, f, m),
                    qualifier=self._qualifier(f, m),
                    time_scope=_scope_of(text, f, m.start, end, scopes, sentences),
                    speaker=speakers.of(m.start, end, _sentence_at(sentences, m.start)),
                    sentence=_sentence_of(text, m.start, sentences),
                    value_max=_plain(m.value_max),
                )
            )
        return out

    # ---- reading one mention ----

    def _mention(self, f: str, a: int, b: int, n: Number) -> _Mention:
        surface = f[a:b]
        words = [w for w in re.split(f"[ {ZWNJ}]+", surface) if w]
        last = key(words[-1]) if words else ""
        mult = self.lex.multipliers.get(last)
        return _Mention(
            start=a,
            end=b,
            number=n,
            value=_exact(n.value),
            digits_only=_DIGITS.fullmatch(surface) is not None,
            words_only=not any(c.isdigit() for c in surface),
            mult=mult,
            has_mult=any(key(w) in self.lex.multipliers for w in words),
            unit_end=b,
            surface_end=b,
        )

    def _unit(self, f: str, m: _Mention, starts: list[int]) -> None:
        """The unit after the number (a unit word, درصد, a person noun or the head noun) and where the
        counted noun phrase starts."""
        m.unit_end = m.end
        if m.number.is_percent:
            m.unit, m.unit_source = _PERCENT, "percent"
            if not f[m.start : m.end].endswith("ی"):  # "افزایش ۱۵ درصدی حقوق": an adjective
                self._counted_start(f, m, m.end)
            else:
                m.adjective = True
            return
        toks: list[_Tok] = []
        for t in _after(f, m.end):
            if t.punct or _is_number(t, starts) or len(toks) == 4:
                break
            toks.append(t)
        if not toks or f[m.end : toks[0].start].strip(" " + ZWNJ):
            return
        units = self.lex.units
        for k in range(min(3, len(toks)), 0, -1):
            joined = "".join(t.key for t in toks[:k])
            unit = units.get(joined)
            adjective = unit is not None and joined.endswith("ه") and not key(unit.name).endswith("ه")
            if unit is None and k == 1 and joined.endswith("ی") and joined not in self.lex.persons:
                unit = units.get(joined[:-1])  # تومانی، نفری: the unit as an adjective (فوتی is a person)
                adjective = True
            if unit is not None:
                rest = toks[k:]
                if unit.name == "تن" and rest:
                    cue = rest[0].key
                    if cue in self.lex.words.get("personcue", {}) or cue in self.lex.persons:
                        unit = _PEOPLE
                m.unit, m.unit_source, m.unit_end = unit, "table", toks[k - 1].end
                m.surface_end = m.unit_end
                if not adjective:  # "قرارداد ۲۵ ساله ایران و چین": the amount describes what precedes
                    self._counted_start(f, m, m.unit_end)
                m.adjective = adjective
                return
        head = toks[0]
        if _HEADWORD.fullmatch(head.key) is None:
            return  # a letter, a symbol: no head noun
        if not self._nounish(head, toks[1] if len(toks) > 1 else None):
            return
        if _superlative(head):
            return  # "2014 بدترین سال": a superlative adjective is no counted noun
        if any("".join(t.key for t in toks[:k]) in self.lex.persons for k in range(len(toks), 0, -1)):
            m.unit, m.unit_source = _PEOPLE, "person"  # "۵۰۰ دانش آموز": a person noun of one or more words
        elif shared_lexicon().demonym(head.key):
            m.unit, m.unit_source = _PEOPLE, "person"  # "۵ بحرینی", "یک رومانیایی": people of a country
        else:
            m.unit, m.unit_source = Unit(self._head_name(toks), "head"), "head"
        m.counted_at = head.start

    def _head_name(self, toks: list[_Tok]) -> str:
        """The unit a head noun names: the noun without its plural or Ezafe ending ("پروژه‌های" ->
        پروژه، "روستای" -> روستا), with the second part of a compound ("راکت انداز")."""
        word = toks[0].text
        parts = word.split(ZWNJ)
        if len(parts) > 1 and parts[-1] in _ENDINGS and len(parts[0]) > 1:
            word = ZWNJ.join(parts[:-1])
        elif word.endswith("ای") and len(word) > 3 and ZWNJ not in word:
            word = word[:-1]  # "۲۰ روستای بخش": the Ezafe after a long vowel
        elif word.endswith("ی") and len(word) > 3 and ZWNJ not in word and self._adjective_of(word):
            word = word[:-1]  # "۲۰۰ هزار واحدی", "۹۶ تختخوابی": the noun as an adjective (not بازی، کشتی)
        if len(toks) > 1 and toks[1].key in self.lex.words.get("compound", {}):
            word = f"{word} {toks[1].text}"
        return word

    def _adjective_of(self, word: str) -> bool:
        """Whether a word ending in ی is a noun made an adjective (or indefinite) by it: the noun without
        it is a common word (Zipf 3.5 or more) clearly commoner than the word (واحدی 4.2 < واحد 5.2), which
        keeps the nouns that end in ی of their own (بازی 6.1 > باز 5.9، کشتی، صندلی)."""
        zipf = self.lex.zipf
        base = zipf.get(key(word[:-1]), 0.0)
        return base >= 3.5 and zipf.get(key(word), 0.0) < base - 0.5

    def _counted_start(self, f: str, m: _Mention, pos: int) -> None:
        """The counted noun phrase starts after the unit, or after "از" in "۲۷۰۰ نفر از مدیران"."""
        nxt = next(_after(f, pos), None)
        if nxt is None or nxt.punct:
            return
        if m.unit is not None and m.unit.kind in ("people", "percent") and nxt.key in self.lex.words["of"]:
            m.counted_at = nxt.end
        else:
            m.counted_at = pos

    def _nounish(self, t: _Tok, nxt: _Tok | None) -> bool:
        """Whether a word can stand in a counted noun phrase: not a function word, not a verb, and not
        the complement of a verb right after it (برگزار in "برگزار شد")."""
        w = self.lex.words
        if t.punct or t.key in w["stop"] or self._verb(t) is not None:
            return False
        return nxt is None or t.key in self.lex.persons or self._verb(nxt) != "light"

    @staticmethod
    def _past_verb(t: _Tok) -> bool:
        """A past stem of the verb list longer than two letters, or its plural: "۵۰ میلی‌متر باران بارید"."""
        return _long_stem(t.key) or (t.key.endswith("ند") and _long_stem(t.key[:-2]))

    def _verb(self, t: _Tok) -> str | None:
        """None for a word that is not a verb, "light" for a light verb, "-" for any other verb."""
        verbs = self.lex.words["verb"]
        kind = verbs.get(t.key)
        if kind is not None:
            return kind
        if t.text in ("می", "نمی"):
            return "-"
        for prefix in ("می" + ZWNJ, "نمی" + ZWNJ):
            if t.text.startswith(prefix):
                return verbs.get(key(t.text[len(prefix) :]), "-")
        return None

    # ---- what is not a claim ----

    def _first_pass(
        self,
        f: str,
        m: _Mention,
        scopes: list[tuple[int, int]],
        dates: list[tuple[int, int]],
        starts: list[int],
    ) -> None:
        self._unit(f, m, starts)
        w = self.lex.words
        if m.number.is_ordinal:
            m.drop = "ordinal"
        elif _overlaps(dates, m.start, m.end):
            m.drop = "date"
        elif _inside(scopes, m.start, m.end):
            m.drop = "time scope"
        if m.drop:
            return
        prev = [t for t in m.prev(f) if t.text not in (":", "-")]
        if not m.table_unit:
            if _match_end(prev, w["id"]):
                m.drop = "identifier"
            elif _code_before(f, m.start):
                m.drop = "code"  # "/ت10", "تی-۷۲"
            elif _QUOTED_NAME.search(f, max(0, m.start - 40), m.start) and _QUOTE_CLOSE.match(f, m.end):
                m.drop = "name"  # "ورزش سه"، «تهران ۲۰»: the last word of a short quoted name
            elif m.year_like and _match_end(prev, w["year"]):
                m.drop = "year"
            elif _match_end(prev, w["clock"]):
                m.drop = "clock time"
            elif m.words_only and not m.has_mult and prev and prev[-1].key in w["each"]:
                m.drop = "each"  # "هر دو طرف", "این دو کشور"
        if m.drop:
            return
        nxt = list(_first(_after(f, m.end), 3))
        if _match_start(nxt, w["idafter"]):
            m.drop = "identifier"
        elif m.table_unit:
            return
        elif nxt and _match_start(nxt, w["suffix"]) and nxt[0].start - m.end <= 1:
            m.drop = "adjective"  # "قواعد ۱۲ گانه", "مذاکرات سه جانبه"
        elif _CLOCK_RANGE.match(f, m.end):
            m.drop = "clock time"  # "۸ تا ۹:۳۰"
        elif nxt and nxt[0].key in w["clockafter"] and m.value <= 24:
            m.drop = "clock time"
        elif m.year_like and nxt and nxt[0].key in w["yearafter"]:
            m.drop = "year"  # "1416ق", "۱۹۷۹ میلادی"
        elif prev and prev[-1].text in "([" and nxt and nxt[0].text in ")]" and prev[-1].end == m.start:
            m.drop = "reference"  # "(۲)", "[۵]": a footnote or a list reference
        elif _GLUED_MARKER.match(f, m.end) or (
            _LINE_START.search(f, max(0, m.start - 12), m.start) and _MARKER_AFTER.match(f, m.end)
        ):
            m.drop = "list marker"  # "۱- سنندج ۲- مریوان", "۲۴. حر عاملی"

    def _last_checks(self, f: str, m: _Mention, listed: bool = False) -> None:
        """``listed``: the number is a bare یک in a list of counts (:meth:`_listed`), so one, not "a"."""
        if m.drop:
            return
        w = self.lex.words
        surface = key(f[m.start : m.end])
        if surface in w["indefinite"] and not m.table_unit and m.value_max is None:
            if not listed and not self._another(f, m):
                m.drop = "indefinite"  # یک کار وسیع، یکی از
        elif m.words_only and m.value < 1 and not m.table_unit and m.value_max is None:
            m.drop = "fraction"  # "یک‌سوم از بدهی", "یک‌سوم مطالبات": a share of what follows, no amount
        elif m.year_like and m.end - m.start == 4 and m.unit is None and m.value_max is None:
            prev = m.prev(f, 3)
            hit = _match_end(prev, w["qualifier"])
            if hit is None or (hit[1] == 1 and prev[-1].key == "تا"):
                m.drop = "year"  # "جیتکس 2004", "تا ۱۴۰۵": a bare year-like number with no unit

    def _another(self, f: str, m: _Mention) -> bool:
        """ "یک غیرنظامی دیگر": one more person, a count."""
        if m.unit_source != "person":
            return False
        after = list(_first(_after(f, m.end), 3))
        return any(t.key == "دیگر" for t in after[1:3]) and not any(t.punct for t in after[:2])

    def _lists(self, f: str, mentions: list[_Mention]) -> None:
        """Numbers listed after an identifier are identifiers too: "شعب ۹، ۲۲ و ۲۴", "مواد ۱، ۲ و ۵"."""
        for m, n in pairwise(mentions):
            if m.drop != "identifier" or n.drop is not None or not n.digits_only or n.table_unit:
                continue
            gap = _between(f, m.end, n.start)
            if len(gap) == 1 and gap[0].text in _LIST_JOINTS:
                n.drop = "identifier"

    def _listed(self, f: str, mentions: list[_Mention], sentences: list[tuple[int, int]]) -> set[int]:
        """Where a bare یک stands in a list of counts, the starts of those یک: joined by و or a comma to
        the count before it ("۱۵ کارگزاری اقماری و یک کارگزاری جایگزین") or to the one after it ("یک سازه
        گابیونی به حجم ۷۵۰ متر مکعب و سه بند"), in one sentence. There یک is one, not the article."""
        w = self.lex.words
        counts = [m for m in mentions if m.drop is None and self._is_count(m)]
        out: set[int] = set()
        for i, m in enumerate(counts):
            if m.value != 1 or key(f[m.start : m.end]) not in w["indefinite"]:
                continue
            if m.unit is not None and key(m.unit.name) in w["vague"]:
                continue  # "یک سری آموزش‌ها": a vague quantity, whatever stands beside it
            lo, hi = _sentence_at(sentences, m.start)
            prev = counts[i - 1] if i else None
            nxt = counts[i + 1] if i + 1 < len(counts) else None
            if (
                prev is not None
                and prev.start >= lo
                and m.start - prev.end <= _LIST_GAP
                and _same_kind(prev, m)
                and _joined(f, m, _LIST_JOINTS)
            ):
                out.add(m.start)
            elif (
                nxt is not None
                and nxt.start < hi
                and nxt.start - m.end <= _LIST_GAP
                and _same_kind(m, nxt)
                and _joined(f, nxt, _AND)
            ):
                out.add(m.start)
        return out

    @staticmethod
    def _is_count(m: _Mention) -> bool:
        """A count of things or persons (a head noun, a person noun, نفر, a classifier)."""
        if m.unit is None:
            return False
        return m.unit_source in ("head", "person") or m.unit.kind in ("people", "classifier")

    # ---- two numbers that make one claim, or none ----

    def _pairs(self, f: str, mentions: list[_Mention]) -> None:
        w = self.lex.words
        for m, n in pairwise(mentions):  # "یک سال و نیم" first: a range may end in it
            if m.drop is None and n.drop is None and m.unit_source == "table" and self._half(n):
                gap = _between(f, m.unit_end, n.start)
                if len(gap) == 1 and gap[0].key == "و":
                    self._merge_amounts(m, n)
        mentions = [m for m in mentions if m.drop != "merged"]
        i = 0
        while i < len(mentions) - 1:
            m, n = mentions[i], mentions[i + 1]
            gap = _between(f, m.unit_end, n.start) if n.start - m.unit_end <= _NEAR else None
            one = gap[0] if gap and len(gap) == 1 else None
            if gap == [] and m.drop is None and _loose_range(m, n):
                if n.drop in _NOT_AMOUNTS:
                    m.drop = n.drop  # "سه چهار هفته دیگر": a relative date
                elif n.drop is None:
                    self._make_range(m, n)  # "دو سه روز", "هفتاد هشتاد نفر"
                    m.vague = True
                i += 2
                continue
            if (
                one is not None
                and one.key in w["score"]
                and m.unit is None
                and (n.unit is None or (n.unit_source == "head" and one.key == "بر"))
                and _small(m)
                and _small(n)
            ):
                if m.drop is None or n.drop is None:  # "۲ بر ۱", "۳ - ۱": a score line
                    m.drop = m.drop or "score"
                    n.drop = n.drop or "score"
                i += 2
                continue
            if one is not None and self._joins_range(f, m, n, one):
                if n.drop in _NOT_AMOUNTS and m.drop is None and not m.table_unit:
                    m.drop = n.drop  # "از ۱۴ تا ۲۱ اردیبهشت": a range of dates
                elif m.drop is not None:
                    if not n.table_unit:
                        n.drop = n.drop or m.drop  # "ساعت ۸ تا ۱۲", "سال‌های ۱۳۹۰ تا ۱۴۰۰"
                elif n.drop is None:
                    self._make_range(m, n)
                i += 2
                continue
            if one is not None and one.key == "و" and m.drop is None and n.drop is None and m.unit:
                if self._merge_amounts(m, n):
                    i += 2
                    continue
            i += 1

    def _joins_range(self, f: str, m: _Mention, n: _Mention, joint: _Tok) -> bool:
        table = self.lex.words["range"]
        kind = table.get(joint.key)
        if kind is None:
            return False
        if kind == "and":
            prev = m.prev(f, 1)
            if not prev or prev[-1].key not in ("بین", "میان"):
                return False
        if kind == "or" and (m.unit is not None or m.has_mult != n.has_mult):
            return False  # "چهار یا پنج نفر" is a range; "۲ نفر یا ۳ کیلو" is not
        if n.number.is_ordinal or m.number.is_ordinal:
            return False
        if m.unit is not None and m.unit_source != "head":
            return n.unit is not None and (n.unit.name == m.unit.name or _convertible(m.unit, n.unit))
        return n.value >= m.value  # "۹۹-۹۸" is no range (a season written right to left, a score)

    def _make_range(self, m: _Mention, n: _Mention) -> None:
        low = m.value
        if not m.has_mult and n.mult and low * n.mult <= n.value:
            low *= n.mult  # "۱۰ تا ۱۲ میلیون": ten million
        high = n.value
        if m.unit is not None and n.unit is not None and _convertible(m.unit, n.unit):
            assert m.unit.size is not None and n.unit.size is not None
            high = n.value * n.unit.size / m.unit.size  # "از ۳ ماه تا یک سال و نیم": 3 to 18 months
        m.value, m.value_max = low, high
        if m.unit is None or m.unit_source == "head":
            m.unit, m.unit_source, m.counted_at = n.unit, n.unit_source, n.counted_at
        else:
            m.counted_at = n.counted_at
        m.unit_end = n.unit_end
        m.surface_end = max(n.end, n.unit_end)
        n.drop = "range end"

    def _merge_amounts(self, m: _Mention, n: _Mention) -> bool:
        """Merge "۴۹۷ کیلو و ۴۴۰ گرم" (one kind, a smaller unit) or "دو سال و نیم" into one amount."""
        assert m.unit is not None
        if m.unit_source != "table":
            return False
        if self._half(n):
            m.value += n.value
            m.surface_end = m.unit_end = n.end
            n.drop = "merged"
            return True
        a, b = m.unit, n.unit
        if b is None or n.unit_source != "table" or a.kind != b.kind or not a.size or not b.size:
            return False
        if b.size >= a.size:
            return False
        m.value += n.value * b.size / a.size
        m.surface_end = n.unit_end
        m.counted_at = n.counted_at
        m.unit_end = n.unit_end
        n.drop = "merged"
        return True

    def _half(self, n: _Mention) -> bool:
        """ "نیم"، "ربع" alone, with no unit: the fraction that ends "دو سال و نیم"."""
        return not n.table_unit and key(fold(n.number.surface)) in self.lex.fractions and n.value < 1

    # ---- the claim's fields ----

    def _qualifier(self, f: str, m: _Mention) -> str:
        w = self.lex.words
        prev = m.prev(f)
        hit = _match_end(prev, w["qualifier"])
        if hit is not None and not (hit[0] == "at_most" and m.value_max is not None and hit[1] == 1):
            return hit[0]
        after = list(_first(_after(f, m.surface_end), 3))
        post = _match_start(after, w["postqualifier"])
        if post:
            return post[0]
        return "about" if m.vague else "exact"

    def _counted(self, text: str, f: str, at: int | None, starts: list[int]) -> str | None:
        if at is None:
            return None
        toks: list[_Tok] = []
        it = _after(f, at)
        cur = next(it, None)
        while cur is not None and len(toks) < 4:
            nxt = next(it, None)
            if _is_number(cur, starts) or not self._nounish(cur, nxt):
                break
            if toks and (self._past_verb(cur) or _superlative(cur)):
                break  # "۵۰ میلی‌متر باران بارید", "۶۷ میلی‌متر بارش بیشترین میزان بارش را"
            toks.append(cur)
            cur = nxt
        if not toks:
            return None
        return text[toks[0].start : toks[-1].end]

    def _counted_else(self, text: str, f: str, m: _Mention) -> str | None:
        """The counted noun when nothing is named after the number: for an amount made an adjective, a sum
        of money or a share, the noun of one or two words before it ("تحصن ۲۴ ساعته" = تحصن, "با بودجه ۱۶
        میلیون پوند" = بودجه); else the measure before it ("به حجم ۷۵۰ متر مکعب" = حجم), or the word نفر of
        a bare count of persons ("۱۴۵۰ نفر در ...")."""
        if m.adjective or (m.unit is not None and m.unit.kind in ("currency", "percent")):
            # "تحصن ۲۴ ساعته": the noun (of one or two words) the amount describes; "بودجه ۱۶ میلیون
            # پوند", "رشد ۲۰ درصد": what a sum of money or a share is
            words: list[_Tok] = []
            for t in reversed(m.prev(f, 3)):
                if (
                    t.punct
                    or t.key in self.lex.words["stop"]
                    or t.key in _POINTERS
                    or self._verb(t) is not None
                    or _HEADWORD.fullmatch(t.key) is None
                ):
                    break
                words.insert(0, t)
                if len(words) == 2:
                    break
            return text[words[0].start : words[-1].end] if words else None
        prev = m.prev(f)
        hit = _match_end(prev, self.lex.words["qualifier"])
        if hit is not None:
            prev = prev[: -hit[1]]
        if len(prev) >= 2 and prev[-2].key in ("به", "با") and self._measure(prev[-1]):
            return text[prev[-1].start : prev[-1].end]
        if m.unit == _PEOPLE and m.unit_source == "table":
            words = list(_first(_after(f, m.end), 2))
            if words and words[0].end == m.unit_end and words[0].key == key(_PEOPLE.name):
                if len(words) < 2 or words[1].key not in self.lex.words["of"]:  # "۵۰ نفر از آنها": none
                    return text[words[0].start : words[0].end]
        return None

    def _measure(self, t: _Tok) -> bool:
        table = self.lex.words["measure"]
        return t.key in table or (t.key.endswith("ی") and t.key[:-1] in table)  # "در مساحتی بیش از"

    def _scopes(self, f: str, mentions: list[_Mention]) -> list[tuple[int, int]]:
        """Time-scope phrases of the whole text, longest first where they overlap, in text order."""
        chars = list(f)
        for m in mentions:
            if m.number.is_ordinal:
                continue  # "در ۱۰ روز اول": an ordinal is a word of the scope
            code = "#"
            if m.year_like:
                code = "Y"
            elif key(f[m.start : m.end]) in self.lex.fractions:
                code = "H"
            chars[m.start : m.end] = code * (m.end - m.start)
        masked = "".join(chars)
        found = [mt.span() for rx in self.lex.scopes for mt in rx.finditer(masked)]
        found.sort(key=lambda s: (s[0] - s[1], s[0]))
        kept: list[tuple[int, int]] = []  # sorted, not overlapping: a new one is checked by its neighbours
        for a, b in found:
            i = bisect_left(kept, (a, -1))
            if (i > 0 and kept[i - 1][1] > a) or (i < len(kept) and kept[i][0] < b):
                continue
            insort(kept, (a, b))
        return kept


# --------------------------------------------------------------------------------------------------
# helpers


def _first(it: Iterator[_Tok], n: int) -> Iterator[_Tok]:
    for i, t in enumerate(it):
        if i == n:
            return
        yield t


def _code_before(f: str, a: int) -> bool:
    """A code or a model name ends right before the number: one letter glued to it after a space or a
    slash ("/ت10", "/غ20": a news agency's signature), or a word and a hyphen ("تی-۷۲", "F-16")."""
    if a >= 2 and f[a - 1] in "-–" and f[a - 2].isalpha():
        word = re.search(r"[^\W\d_]+\Z", f[max(0, a - 12) : a - 1])
        return word is not None and parse_number(word.group()) is None  # "دو-سه روز" is a range
    if a >= 1 and f[a - 1].isalpha() and f[a - 1] != "و":
        return a == 1 or f[a - 2] in "/ \t\n"
    return False


def _long_stem(word: str) -> bool:
    return len(word) > 2 and is_past_stem(word)


def _superlative(t: _Tok) -> bool:
    """ "بیشترین"، "بزرگ‌ترین": an adjective that ends a counted noun phrase or is none itself."""
    return t.key.endswith("ترین") and len(t.key) > 5


def _convertible(a: Unit, b: Unit) -> bool:
    """Two units of one kind with sizes, the second larger: a range "۳ ماه تا یک سال" in the first."""
    return a.kind == b.kind and a.name != b.name and bool(a.size) and bool(b.size) and b.size > a.size


def _joined(f: str, m: _Mention, joints: frozenset[str]) -> bool:
    """Whether the word right before the number is one of ``joints`` (و, a comma: an item of a list)."""
    before = m.prev(f, 1)
    return bool(before) and before[-1].text in joints


def _same_kind(a: _Mention, b: _Mention) -> bool:
    """Two counts of persons, or two counts of things: items of one list."""
    assert a.unit is not None and b.unit is not None
    return (a.unit.kind == "people") == (b.unit.kind == "people")


def _between(f: str, a: int, b: int) -> list[_Tok]:
    if b < a:
        return []
    return [t for t in (_tok(m) for m in _TOKEN.finditer(f, a, b)) if t.text]


def _is_number(t: _Tok, starts: list[int]) -> bool:
    i = bisect_left(starts, t.start)
    return t.text[:1].isdigit() or (i < len(starts) and starts[i] == t.start)


def _loose_range(m: _Mention, n: _Mention) -> bool:
    """Two number words side by side, the second the next step up: "دو سه", "ده پانزده", "هفتاد هشتاد"."""
    if not (m.words_only and n.words_only) or m.has_mult or m.unit is not None:
        return False
    if m.value.denominator != 1 or n.value.denominator != 1 or m.number.is_percent:
        return False
    a, b = int(m.value), int(n.value) // (n.mult or 1)
    if a < 10:
        return b == a + 1
    step = 10 if a < 100 else 100 if a < 1000 else 0
    return bool(step) and a % step == 0 and b in (a + step, a + step // 2)


def _small(m: _Mention) -> bool:
    return not m.has_mult and not m.number.is_percent and m.value.denominator == 1 and 0 <= m.value < 100


def _overlaps(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    """Whether ``[a, b)`` overlaps one of ``spans`` (sorted, not nested: a finder's hits)."""
    i = bisect_left(spans, (b, 0)) - 1
    while i >= 0 and spans[i][1] > a:
        if spans[i][0] < b:
            return True
        i -= 1
    return False


def _inside(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    """Whether ``[a, b)`` lies inside one of ``spans`` (sorted and not overlapping: the time scopes)."""
    i = bisect_right(spans, (a, _FAR)) - 1
    return i >= 0 and spans[i][0] <= a and b <= spans[i][1]


def _sentence_at(sentences: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    i = bisect_right(sentences, (pos, _FAR)) - 1
    return sentences[max(i, 0)]


def _sentence_of(text: str, pos: int, sentences: list[tuple[int, int]]) -> str:
    a, b = _sentence_at(sentences, pos)
    return text[a:b].strip()


def _scope_of(
    text: str,
    f: str,
    start: int,
    end: int,
    scopes: list[tuple[int, int]],
    sentences: list[tuple[int, int]],
) -> str | None:
    """The time scope governing a claim: the nearest one before it in its sentence, else the first after
    it in the same clause (nothing like ، : ؛ between)."""
    sa, sb = _sentence_at(sentences, start)
    i = bisect_right(scopes, (start, _FAR))  # the scopes that start at or before the claim: scopes[:i]
    for a, b in reversed(scopes[max(0, i - 4) : i]):  # not overlapping: the last that ends by the claim
        if b <= start:
            if sa <= a:
                return text[a:b]
            break
    for a, b in scopes[bisect_left(scopes, (end, -1)) :]:
        if b <= sb:
            if _CLAUSE_BREAK.search(f, end, a) is None:
                return text[a:b]
        break
    return None


class _Speakers:
    """Who said a claim, from the quotes of its Doc: the speaker of the quote whose statement holds it;
    else of the first statement that starts later in the claim's sentence ("وی با بیان اینکه ۱۸ استان ...،
    اظهار کرد: ...": the context of the speech verb is the speaker's too).

    Statements in text order that do not overlap (the usual case) are found by bisection; otherwise every
    quote is looked at, in the Doc's order (a long text has thousands of claims and quotes)."""

    def __init__(self, quotes: list[Any]) -> None:
        self.spans = [(q.span[0], q.span[1], q.speaker) for q in quotes if getattr(q, "span", None)]
        self.starts = [a for a, _, _ in self.spans]
        self.ordered = all(b1 <= a2 for (_, b1, _), (a2, _, _) in pairwise(self.spans))

    def of(self, start: int, end: int, sentence: tuple[int, int]) -> str | None:
        if not self.ordered:
            return self._scan(start, end, sentence)
        i = bisect_right(self.starts, start) - 1
        if i >= 0 and end <= self.spans[i][1]:
            return self.spans[i][2]
        for a, _b, speaker in self.spans[bisect_left(self.starts, end) :]:
            if a >= sentence[1]:
                break
            if speaker is not None:
                return speaker
        return None

    def _scan(self, start: int, end: int, sentence: tuple[int, int]) -> str | None:
        for a, b, speaker in self.spans:
            if a <= start and end <= b:
                return speaker
        for a, _b, speaker in self.spans:
            if end <= a < sentence[1] and speaker is not None:
                return speaker
        return None


@Language.factory(
    "newsmine_claims",
    default_config={"numbers_key": "numbers", "dates_key": "dates"},
    requires=["doc.spans", "doc._.quotes"],
    assigns=["doc._.claims"],
)
def make_claim_extractor(nlp: Language, name: str, numbers_key: str, dates_key: str) -> ClaimExtractor:
    """The claims component; it reads ``doc.spans[numbers_key]``, ``doc.spans[dates_key]`` and the
    speakers of ``doc._.quotes``."""
    return ClaimExtractor(numbers_key, dates_key)
