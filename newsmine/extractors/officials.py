"""``newsmine_officials``: the people an article names, with their honorifics and the offices they hold.

Reads the NER's PER entities and the gazetteer's ``doc.spans["organizations"]`` and ``["locations"]``
(none when the gazetteer is not in the pipeline: it never runs it itself); writes ``doc._.people`` (a
list of ``newsmine.schema.Person``, ids p1, p2... by first mention), ``doc.spans["people"]`` (every
mention, ``span._.value`` the person id) and ``doc.spans["titles"]`` (every title mention and its holder).

- **Names** are the NER's PER entities, less those inside an organization or a place ("مصلای امام
  خمینی(ره)", "عصر قم" as a source), a dateline ("مشهد ـ") or a name given to a thing ("طرح شهید
  هاشمی"). Honorifics before a name or glued to it ("حجت‌الاسلام والمسلمین «احمد صالحی»",
  "سیدصولت مرتضوی") are kept apart in ``honorifics``.
- **Titles** start at an office word of ``resources/titles.txt`` (رئیس، وزیر، معاون...) and run over the
  Ezafe chain after it: an organization phrase of the gazetteer (commas inside it included: "رئیس مرکز
  بازرسی، ارزیابی عملکرد و ارتباطات مردمی وزارت تعاون، کار و رفاه اجتماعی"), places and plain words, up
  to a verb, a function word, punctuation or a name. ``organization`` is the chain after the role (null
  when it only names a place or a people: "استاندار یزد", "نماینده مردم تبریز").
- **Attaching** a title to a name: the name right before it ("«سیدصولت مرتضوی» وزیر ..."), else right
  after it ("وزیر کشور عبدالرضا رحمانی"), else the same with a comma between. A title that opens a
  sentence with no name beside it ("رئیس سازمان بسیج ادارات کشور گفت:") goes to the first named person of
  the next two sentences who has no title yet ("فضل‌الله کفیل، ظهر پنجشنبه ... اظهار کرد"); one said
  again later is a mention of whoever holds it. A title nobody holds by then is a person with no name
  ("معاون پژوهشی وزارت علوم اعلام کرد").
- **Headlines**: a title or kicker Doc (``doc._.field``) is read the same way, but a name there loses
  the nouns the NER glued before it ("انتقاد ترامپ از ..."). :func:`join_fields` (called by
  ``newsmine.assemble``) joins its people to the body's: the same name is one person, and a title that
  opens the kicker goes to the person the body's first sentences name.
- **Merging**: a name that is the last words of a fuller name is that person ("کفیل" after "فضل‌الله
  کفیل"). Title mentions are the person's mentions too, so that the quotes component finds the speaker
  of "رئیس سازمان بسیج ادارات کشور بیان کرد".

>>> import newsmine
>>> nlp = newsmine.load()
>>> doc = nlp("حجت‌الاسلام والمسلمین «احمد صالحی» رئیس مرکز ارتباطات مردمی ریاست جمهوری گفت: سلام.")
>>> [(p.name, p.honorifics, [t.title for t in p.titles]) for p in doc._.people]
[('احمد صالحی', ['حجت\u200cالاسلام والمسلمین'], ['رئیس مرکز ارتباطات مردمی ریاست جمهوری'])]
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, SpanGroup

from newsmine.extractors import extensions
from newsmine.lang.chars import ZWNJ
from newsmine.lang.docs import sentence_of, sentence_spans
from newsmine.lang.docs import text as doc_text
from newsmine.lang.keys import key
from newsmine.lang.lexicon import COMPLEMENT_VERBS, calendar_words, lexicon
from newsmine.resources import read_rows
from newsmine.schema import Mention, Person, Title
from newsmine.text.tokenize import sentence_spans as text_sentence_spans

extensions.register()

__all__ = [
    "HeldTitle",
    "OfficialsExtractor",
    "TitleMention",
    "find_titles",
    "join_fields",
    "make_officials",
    "roles",
]

_MAX_ROLE_WORDS = 3
_MAX_PLAIN_WORDS = 5  # words of a title's chain that are no organization or place
_MAX_TITLE_WORDS = 16
_LOOKAHEAD_SENTENCES = 3  # a subject title finds its name this many sentences on

_WORD = re.compile(rf"[^\W\d_][\w{ZWNJ}]*")
_QUOTES = "«»\"'“”‹›"
_DIRECT_GAP = re.compile(rf"[\s{ZWNJ}{_QUOTES}]*")
_COMMA_GAP = re.compile(rf"[\s{ZWNJ}{_QUOTES}]*[،,(][\s{ZWNJ}{_QUOTES}]*")
_AND_GAP = re.compile(rf"[\s{ZWNJ}،,]*و[\s{ZWNJ}]+")
_DATELINE = re.compile(r"[ \t\u00a0]*[-ـ–—]")
_ATTRIBUTION = re.compile(r"^(?:به\s+گزارش|به\s+نقل\s+از)\b")
_PREV_WORD = re.compile(rf"([^\W\d_][\w{ZWNJ}]*)[ ]+$")
_QUOTED_NAME = re.compile(r"[«\"“]([^«»\"“”\n\d،,:.]{2,40})[»\"”]")
_PLACE_ENDS = tuple(key(w) for w in "شهر آباد کوه رود".split())
_INFINITIVE_ENDS = ("یدن", "ادن", "ودن", "ردن", "ستن", "فتن", "ختن", "شتن", "اندن")
_HOLY = re.compile(r"\s*\((?:ع|س|ص|عج|علیه‌السلام|علیها‌السلام)\)")
_HELD_IN = frozenset({"نماینده", "سفیر", "کاردار"})  # envoys: "X در Y" is their seat
_PREPOSITIONS = frozenset(key(w) for w in "با به از برای توسط نزد همراه علیه بدون میان بین".split())
_SENTENCE_ENDS = tuple('.!?؟:»"”')
_SURNAME_ENDS = tuple(key(w) for w in "زاده پور نژاد زادگان".split())  # "قاضی زاده": a surname, no office
#: honorifics that are given names too: one stays the name when nothing but a surname follows
_GIVEN_NAMES_TOO = frozenset({"امیر", "بانو"})
#: words before a role that make it no office held here: "به عنوان رئیس ستاد", "این وزیر"
_NOT_HELD_BEFORE = frozenset(
    key(w) for w in "عنوان این آن یک هر چند دو سه همه تمام برخی سایر دیگر چون مانند همچون هیچ کدام".split()
)
#: words of a chain that give a place or a people, not a body: "نماینده مردم تبریز"
_PLACE_WORDS = frozenset(key(w) for w in "مردم کشور کشورمان این سابق وقت اسبق استان شهرستان شهر".split())
#: words that end a title's chain however it goes on: "رئیس‌جمهور این حضور"
_DETERMINERS = frozenset(key(w) for w in "این آن همین همان هر".split())
#: words at the start of a chain that qualify the holder, not the body: "سخنگوی وقت وزارت خارجه"
_QUALIFIERS = frozenset(key(w) for w in "وقت سابق اسبق جدید فعلی کنونی پیشین منتخب موقت مخلوع".split())
#: words a head of state's title may hold besides places and qualifiers ("رئیس جمهوری اسلامی ایران")
_STATE_WORDS = _QUALIFIERS | _PLACE_WORDS | frozenset(key(w) for w in "اسلامی فدرال".split())
#: things named after a person ("طرح شهید هاشمی", "مصلای امام خمینی"): the name is no person here
_NAMING_HEADS = frozenset(
    key(w)
    for w in (
        "طرح یادواره سالگرد جایزه عملیات ناو گردان لشکر تیپ کنگره بیمارستان مدرسه دبیرستان هنرستان "
        "مسجد حسینیه خیابان بلوار میدان بزرگراه کوچه پایگاه شهرک مجتمع سالن ورزشگاه حرم مزار آرامگاه "
        "مقبره بنیاد کمیته جشنواره دانشگاه فرودگاه بندر بیت آثار اندیشه اندیشه‌های مکتب راه خط "
        "امامزاده ضریح میلاد ولادت شهادت زیارت زائران زائر اینترنتی خبری سایت وب‌سایت روزنامه نشریه "
        "هفته‌نامه ماهنامه شبکه عاشورا عاشورای تاسوعا تاسوعای اربعین حماسه "
        "نفتکش کشتی ناوشکن رزمناو ناوچه زیردریایی پهپاد موشک هواپیما بالگرد ماهواره"  # "نفتکش مرسر استریت"
    ).split()
)


# --- the lexicons ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Lexicons:
    roles: dict[str, tuple[str, bool]]  # key(role) -> (canonical, whole title by itself)
    state_roles: frozenset[str]  # canonical roles of heads of state or government: only a place follows
    role_starts: frozenset[str]  # every start of a role's key: a token whose key is none starts no role
    honorifics: re.Pattern[str]  # honorific phrases, longest first, matched at the end of a window
    honorific_canon: dict[str, str]  # key(honorific) -> canonical
    glued: tuple[str, ...]  # honorifics written glued to the name: سیدصولت
    dangling: frozenset[str]  # words that only end an honorific: دوم in سرتیپ دوم
    stop: frozenset[str]  # words that end a title's chain
    verbs: frozenset[str]
    heads: frozenset[str]  # words that name a thing after a person
    org_heads: frozenset[str]  # organization heads and place words: no name starts with one
    given: frozenset[str]  # given names
    countries: frozenset[str]


@lru_cache(maxsize=1)
def _lexicons() -> _Lexicons:
    roles: dict[str, tuple[str, bool]] = {}
    state: set[str] = set()
    for row in read_rows("titles.txt"):
        if len(row) >= 2:
            flags = row[2].split() if len(row) > 2 else []
            roles[key(row[0])] = (row[1].strip(), "whole" in flags)
            if "state" in flags:
                state.add(row[1].strip())
    canon: dict[str, str] = {}
    forms: list[str] = []
    for row in read_rows("honorifics.txt"):
        if len(row) >= 2:
            canon[key(row[0])] = row[1].strip()
            forms.append(row[0].strip())
    alternatives = sorted(
        {rf"[ {ZWNJ}]?".join(re.escape(p) for p in re.split(rf"[ {ZWNJ}]+", f)) for f in forms},
        key=len,
        reverse=True,
    )
    honorifics = re.compile(rf"(?<![\w{ZWNJ}])(?:{'|'.join(alternatives)})[\s{ZWNJ}{_QUOTES}]*$")
    lex = lexicon()
    calendar = {key(w) for w in calendar_words()}
    stop = (set(lex.stop) | calendar) - set(roles)
    stop |= {key(w) for w in "و یا که را در به از با برای تا نیز هم همچنین اما ولی یعنی بسیار خیلی".split()}
    stop -= {key("واحد")}  # a unit of a body (مسئول واحد تشکیلات), not the number one
    heads = set(_NAMING_HEADS) | set(lex.facility_heads)
    return _Lexicons(
        roles=roles,
        state_roles=frozenset(state),
        role_starts=frozenset(r[:k] for r in roles for k in range(1, len(r) + 1)),
        honorifics=honorifics,
        honorific_canon=canon,
        glued=("سید", "سیده", "حاج", "میر"),
        dangling=frozenset({key(w) for f in forms for w in re.split(rf"[ {ZWNJ}]+", f)[1:]} - set(canon)),
        stop=frozenset(stop),
        verbs=frozenset(lex.verbs),
        heads=frozenset(heads),
        org_heads=frozenset(set(lex.heads) | set(lex.connectors)),
        given=frozenset(lex.given),
        countries=frozenset(k for k, kind in lex.place_kind.items() if kind == "country"),
    )


def roles() -> dict[str, str]:
    """The office words newsmine knows, as written -> canonical role.

    >>> roles()["رییس"]
    'رئیس'
    """
    return {row[0].strip(): row[1].strip() for row in read_rows("titles.txt") if len(row) >= 2}


# --- what is found in a text ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    key: str  # lang.keys.key form: folded, no ZWNJ or space


@dataclass(slots=True)
class _Name:
    start: int  # the name itself, honorifics excluded
    end: int
    prefix: int  # where its honorifics begin (= start when none)
    name: str
    honorifics: list[str]
    words: tuple[str, ...]  # compact keys of its words


@dataclass(slots=True)
class TitleMention:
    start: int
    end: int
    title: str
    role: str
    organization: str | None
    key: str  # role + the organization's canonical (or compact) form: "the same office"
    org_key: str | None
    subject: bool  # opens its sentence: "رئیس سازمان ... گفت"


@dataclass(slots=True)
class _Person:
    names: list[_Name] = field(default_factory=list)
    titles: list[TitleMention] = field(default_factory=list)
    #: one title mention for each wording (what :func:`_same_office` reads is the same for them all), kept
    #: as titles are added: comparing a new title with every mention of a person was quadratic
    offices: dict[tuple[str, str, str, str | None, str | None], TitleMention] = field(default_factory=dict)

    def add_title(self, t: TitleMention) -> None:
        self.titles.append(t)
        self.offices.setdefault((t.key, t.role, t.title, t.org_key, t.organization), t)

    @property
    def first(self) -> int:
        starts = [n.start for n in self.names] + [t.start for t in self.titles]
        return min([s for s in starts if s >= 0] or [1 << 30])


_TOKEN = re.compile(rf"[\w{ZWNJ}]+|[^\w\s]")


class _Ranges:
    """Character ranges ``[s, e)`` sorted by start, for the questions the rules ask of them at every title
    (does one hold this offset? which start inside this stretch?) in logarithmic time, not a scan of all."""

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        self.ranges = sorted(ranges)
        self.starts = [s for s, _ in self.ranges]
        self.reach: list[int] = []  # the furthest end of the ranges up to each one
        for _, e in self.ranges:
            self.reach.append(max(e, self.reach[-1]) if self.reach else e)

    def holding(self, pos: int, strict: bool = False) -> bool:
        """Whether a range holds ``pos``: ``s <= pos < e`` (``s < pos < e`` with ``strict``)."""
        k = bisect_right(self.starts, pos - 1 if strict else pos) - 1
        while k >= 0 and self.reach[k] > pos:
            s, e = self.ranges[k]
            if (s < pos if strict else s <= pos) and pos < e:
                return True
            k -= 1
        return False

    def overlapping(self, a: int, b: int) -> bool:
        """Whether a range overlaps ``[a, b)``."""
        k = bisect_left(self.starts, b) - 1
        while k >= 0 and self.reach[k] > a:
            if self.ranges[k][1] > a:
                return True
            k -= 1
        return False

    def starting_in(self, a: int, b: int) -> list[tuple[int, int]]:
        """The ranges that start in ``[a, b)``."""
        return self.ranges[bisect_left(self.starts, a) : bisect_left(self.starts, b)]


def _tokens(text: str) -> list[_Tok]:
    return [_Tok(m.start(), m.end(), key(m.group())) for m in _TOKEN.finditer(text)]


def _spans_of(doc: Doc, group: str) -> list[tuple[int, int, str | None]]:
    """``(start, end, value)`` of a span group the component requires; none when it is not set."""
    out = []
    for span in doc.spans.get(group, []):
        s, e = span._.char_span or (span.start_char, span.end_char)
        out.append((s, e, span._.value))
    return sorted(out)


def find_titles(
    text: str,
    organizations: Iterable[tuple[int, int, str | None]],
    locations: Iterable[tuple[int, int, str | None]] = (),
    names: Iterable[tuple[int, int]] = (),
    sentence_starts: list[int] | None = None,
) -> list[TitleMention]:
    """Title phrases in ``text`` given the organization and location spans ``(start, end, value)`` and the
    name spans (a chain stops at a name).

    >>> t = "استاندار یزد امروز گفت"
    >>> [(m.title, m.role, m.organization) for m in find_titles(t, [], [(9, 12, "city")])]
    [('استاندار یزد', 'استاندار', None)]
    >>> [(m.title, m.organization) for m in find_titles(t, [])]  # without the place, a body named یزد
    [('استاندار یزد', 'یزد')]
    """
    lex = _lexicons()
    toks = _tokens(text)
    if sentence_starts is None:
        sentence_starts = [a for a, _ in text_sentence_spans(text)] or [0]
    orgs = {s: (e, v) for s, e, v in organizations}
    org_ranges = _Ranges((s, e) for s, (e, _) in orgs.items())
    places = {s: e for s, e, _ in locations}
    place_ranges = _Ranges(places.items())
    name_starts = {s for s, _ in names}
    found: list[TitleMention] = []
    i = 0
    while i < len(toks):
        hit = _role_at(toks, i, lex)
        if hit is None:
            i += 1
            continue
        n, role, whole = hit
        start = toks[i].start
        if _not_held(text, toks, i, org_ranges, place_ranges):
            i += n
            continue
        j, end, org_first = i + n, toks[i + n - 1].end, None
        chain_start: int | None = None
        plain = words = 0
        nested: bool | None = None  # a role inside the chain ("معاون وزیر اقتصاد"): whole or not
        before_and: tuple[int, int] | None = None  # (end, j) before a "و" that needs a body after it
        pointed, org_end = False, None  # the chain ends in "این <body>"
        while j < len(toks) and words < _MAX_TITLE_WORDS:
            tok = toks[j]
            gap = text[end : tok.start]
            if "\n" in gap or (gap.strip(ZWNJ + " \t\u00a0") and tok.start not in orgs):
                break
            if tok.start in name_starts:
                break
            if tok.start in orgs:
                o_end, canon = orgs[tok.start]
                if org_first is None:
                    org_first = canon or key(text[tok.start : o_end])
                chain_start = tok.start if chain_start is None else chain_start
                end = o_end
                j = _next_token(toks, j, o_end)
                words += 1
                continue
            if tok.start in places:
                chain_start = tok.start if chain_start is None else chain_start
                end = places[tok.start]
                j = _next_token(toks, j, end)
                words += 1
                continue
            if (
                tok.key == "در"
                and role in _HELD_IN
                and chain_start is not None
                and j + 1 < len(toks)
                and toks[j + 1].start in orgs
            ):
                # "نماینده زاهدان در مجلس", "سفیر ایران در سازمان ملل": the body an envoy sits in ends
                # the title, and is its organization (not "وزیر امور خارجه در مجلس گفت": a place of speech)
                o_end, canon = orgs[toks[j + 1].start]
                org_first = canon or key(text[toks[j + 1].start : o_end])
                chain_start, end, j = toks[j + 1].start, o_end, _next_token(toks, j + 1, o_end)
                break
            if org_first is not None or (whole and plain >= 2) or nested or (nested is False and plain >= 2):
                break  # after a body, only a place may follow ("... استان بوشهر")
            if not _WORD.fullmatch(text[tok.start : tok.end]):
                break
            if tok.key == "و" and before_and is None and chain_start is not None:
                before_and = (end, j)  # "معاون پرورشی و تربیت بدنی سازمان ...": kept if a body follows
                end = tok.end
                j += 1
                continue
            if (
                tok.key in _DETERMINERS
                and j + 1 < len(toks)
                and (toks[j + 1].key in lex.org_heads or toks[j + 1].key in _PLACE_WORDS)
                and not text[tok.end : toks[j + 1].start].strip(" " + ZWNJ)
            ):
                # "سخنگوی این وزارت", "رییس این کمیته", "سرمربی تیم ملی این کشور": a body named before
                org_end = end if chain_start is not None else None
                chain_start = tok.start if chain_start is None else chain_start
                end, j = toks[j + 1].end, j + 2
                pointed = True
                break
            if tok.key in _DETERMINERS or (
                tok.key not in _PLACE_WORDS
                and tok.key not in _QUALIFIERS
                and (
                    tok.key in lex.stop
                    or tok.key in lex.verbs
                    or (tok.key.startswith("می") and len(tok.key) > 4)
                )
            ):
                break
            if plain >= _MAX_PLAIN_WORDS:
                break
            if (
                whole
                and role in lex.state_roles
                and tok.key not in _QUALIFIERS
                and tok.key not in _PLACE_WORDS
            ):
                break  # "رئیس جمهور روابط ...": after a head of state only a place or a qualifier
            if j + 1 < len(toks) and toks[j + 1].key in COMPLEMENT_VERBS and tok.key not in _QUALIFIERS:
                break  # "رئیس سازمان افتتاح شد", "نماینده سنقر پاسخ داد": a light verb's complement
            inner = _role_at(toks, j, lex)
            if inner is not None:
                chain_start = tok.start if chain_start is None else chain_start
                end, j = toks[j + inner[0] - 1].end, j + inner[0]
                if not inner[2]:  # "معاون وزیر اقتصاد": the office word's own body, a known one or a word
                    tail = _known_tail(text, toks, j, lex)
                    if tail:
                        end, j = toks[j + tail - 1].end, j + tail
                break

            chain_start = tok.start if chain_start is None else chain_start
            end = tok.end
            plain += 1
            words += 1
            j += 1
        if before_and is not None and org_first is None and not pointed:
            end, j = before_and
        if pointed:  # the body "این وزارت" points to is no name: the organization is what precedes it
            organization = (
                _organization(text, chain_start, org_end, org_first, toks, place_ranges) if org_end else None
            )
        else:
            organization = _ministry_of(
                role, _organization(text, chain_start, end, org_first, toks, place_ranges)
            )
        if chain_start is None and not whole:
            found.append(TitleMention(start, end, text[start:end], role, None, role, None, False))
            found[-1].key = ""  # a bare role ("مدیر"): a title only beside a name
        else:
            org_key = org_first or (key(organization) if organization else None)
            found.append(
                TitleMention(
                    start, end, text[start:end], role, organization, f"{role}|{org_key or ''}", org_key, False
                )
            )
        found[-1].subject = _opens_sentence(text, start, sentence_starts[sentence_of(sentence_starts, start)])
        i = max(j, i + n)
    return found


def _known_tail(text: str, toks: list[_Tok], j: int, lex: _Lexicons) -> int:
    """How many words at token j name the body of a nested role: the longest known ministry name
    ("امور خارجه", "تعاون، کار و رفاه اجتماعی"), else one plain word, else none."""
    for n in range(min(6, len(toks) - j), 0, -1):
        phrase = text[toks[j].start : toks[j + n - 1].end]
        if "\n" not in phrase and key("وزارت " + phrase) in lexicon().canonical:
            return n
    if j < len(toks) and _WORD.fullmatch(text[toks[j].start : toks[j].end]) and toks[j].key not in lex.stop:
        return 1
    return 0


def _role_at(toks: list[_Tok], i: int, lex: _Lexicons) -> tuple[int, str, bool] | None:
    if i >= len(toks) or toks[i].key not in lex.role_starts:
        return None  # no role's key starts with this word's (the words of a role are joined in its key)
    for n in range(min(_MAX_ROLE_WORDS, len(toks) - i), 0, -1):
        joined = "".join(t.key for t in toks[i : i + n])
        if joined in lex.roles:
            if n < len(toks) - i and toks[i + n].key in ("ها", "های", "هایی", "ان", "ین", *_SURNAME_ENDS):
                return None  # "رئیس‌ها", or a surname written apart: "قاضی زاده"
            return n, *lex.roles[joined]
    return None


def _not_held(text: str, toks: list[_Tok], i: int, org_ranges: _Ranges, places: _Ranges) -> bool:
    """Whether the role word at token i is no office held by someone here."""
    start = toks[i].start
    if i > 0 and toks[i - 1].key in _NOT_HELD_BEFORE and not text[toks[i - 1].end : start].strip():
        return True
    if org_ranges.holding(start, strict=True):
        return True  # "دفتر رئیس‌جمهور": part of an organization's name
    return places.holding(start)


def _next_token(toks: list[_Tok], j: int, end: int) -> int:
    while j < len(toks) and toks[j].start < end:
        j += 1
    return j


def _organization(
    text: str,
    start: int | None,
    end: int,
    org_first: str | None,
    toks: list[_Tok],
    places: _Ranges,
) -> str | None:
    """The chain after the role as an organization, without a leading "وقت"/"سابق"; None when it names only
    places or people of a place ("استاندار یزد", "نماینده مردم تبریز"): every word a place word or inside
    one of the ``places`` spans (start -> end)."""
    if start is None:
        return None
    first = bisect_left(toks, start, key=lambda t: t.start)
    words = [
        t
        for t in toks[first : bisect_left(toks, end, key=lambda t: t.start)]
        if t.end <= end and _WORD.fullmatch(text[t.start : t.end])
    ]
    while words and words[0].key in _QUALIFIERS:
        words = words[1:]
    if not words:
        return None
    if org_first is None:
        inside = places.starting_in(words[0].start, end)
        if all(t.key in _PLACE_WORDS or any(s <= t.start < e for s, e in inside) for t in words):
            return None
    return text[words[0].start : end].strip(" ،," + ZWNJ)


def _opens_sentence(text: str, start: int, sentence_start: int) -> bool:
    """Whether only a dateline or an attribution stands between the start of the clause (its sentence's
    start, or a colon in it) and ``start``."""
    clause_start = max(sentence_start, text.rfind(":", sentence_start, start) + 1)
    before = text[clause_start:start].strip(" \t\u00a0" + ZWNJ)
    if not before:
        return True
    if before[-1] in "-ـ–—" and len(before.split()) <= 5:
        return True
    return before.endswith(("،", ",")) and bool(_ATTRIBUTION.match(before))


# --- names -------------------------------------------------------------------------------------------------


def _headline_name(text: str, s: int, e: int, strong: bool, lex: _Lexicons) -> tuple[int, int, bool]:
    """A name of a title or kicker without the nouns before it: headlines drop the Ezafe and the verb, and
    the NER takes the noun before a surname into the name ("انتقاد ترامپ از ...", "مخالفت کمالوند با
    ..."). Words before the last that are neither a given name nor an honorific are cut off.

    >>> t = "انتقاد ترامپ از چین"
    >>> s, e, _ = _headline_name(t, 0, 12, False, _lexicons())
    >>> t[s:e]
    'ترامپ'
    """
    if strong:
        return s, e, strong
    words = list(re.finditer(rf"[^\s{ZWNJ}]+(?:{ZWNJ}[^\s{ZWNJ}]+)*", text[s:e]))
    while len(words) > 1:
        first = key(words[0].group())
        if _given_name(first, lex) or first in lex.honorific_canon:
            break
        words.pop(0)
    return (s + words[0].start(), e, strong) if words else (s, e, strong)


def _names(
    text: str,
    ents: Iterable[tuple[int, int, bool]],
    blocked: list[tuple[int, int]],
    lex: _Lexicons,
) -> list[_Name]:
    out: list[_Name] = []
    blocked_ranges = _Ranges(blocked)
    for s, e, strong in ents:
        while s < e and text[s] in _QUOTES + " " + ZWNJ:
            s += 1
        while e > s and text[e - 1] in _QUOTES + " " + ZWNJ + "،,.":
            e -= 1
        if e <= s or (not strong and blocked_ranges.overlapping(s, e)):
            continue
        if _DATELINE.match(text, e) and not text[text.rfind("\n", 0, s) + 1 : s].strip():
            continue  # "مشهد ـ", "عصر قم -": a dateline
        # honorifics before the entity ("حجت‌الاسلام والمسلمین «احمد صالحی»"): where they begin
        prefix = s
        while True:
            window = text[max(0, prefix - 60) : prefix]
            m = lex.honorifics.search(window)
            if m is None:
                break
            prefix = prefix - len(window) + m.start()
        # then every honorific from there on, inside the entity too ("سید محمد خاتمی"), longest first
        honorifics: list[str] = []
        s = prefix
        while True:
            m = _honorific_at_start(text, s, e, lex)
            if m is None or (m[1] in _GIVEN_NAMES_TOO and len(text[m[0] : e].split()) < 2):
                break  # "امیر حسینی" is a name, "امیر سرتیپ ..." an honorific
            honorifics.append(m[1])
            s = m[0]
        words = text[s:e].split()
        if len(words) >= 2:  # glued to the name: "سیدصولت مرتضوی"
            for g in lex.glued:
                w = words[0]
                if w.startswith(g) and len(w) - len(g) >= 3 and w[len(g)] != ZWNJ:
                    honorifics.append(lex.honorific_canon.get(key(g), g))
                    s += len(g)
                    break
        # an office the NER took into the name ("علی رضایی دهیار", "عبدالوحید قتالی والی هرات"): the
        # name ends before it, and the office is a title of its own beside the name
        cut = next((i for i in range(2, len(words)) if _role_in_name(words, i, lex)), None)
        if cut is not None:
            e = s + _word_offset(text[s:e], cut)
            e = len(text[:e].rstrip(" " + ZWNJ))
            words = words[:cut]
        if e <= s or all(key(w) in lex.stop for w in text[s:e].split()):
            continue  # nothing but honorifics, or a word such as امروز the NER took for a name
        first = key(words[0]) if words else ""
        if first in lex.org_heads or first in lex.heads or key(text[s:e]).rstrip("ان") in lex.honorific_canon:
            continue  # "خبرگزاری روسی", "شهرستان دشتی", "شهیدان"
        if _HOLY.match(text, e) or (first == "امام" and len(words) == 2):
            continue  # "امام رضا (ع)": a saint named, not a person acting in the news
        last = key(words[-1]) if words else ""
        if last in lex.countries or (len(words) > 1 and last.endswith(_PLACE_ENDS)):
            continue  # "نیون سوییس", "خسرو شهر", "محمود آباد", "تلیج‌کوه": a place
        if len(words) > 1 and first.endswith(_INFINITIVE_ENDS) and len(first) >= 5:
            continue  # "پوشیدن ماسک": an infinitive and its object
        if _named_thing(text, prefix, lex):
            continue
        name = text[s:e]
        out.append(_Name(s, e, prefix, name, honorifics, tuple(key(w) for w in name.split())))
    return out


def _role_in_name(words: list[str], i: int, lex: _Lexicons) -> bool:
    """Whether an office starts at the ``i``-th word of a name: a role, not the first part of a surname
    written apart ("قاضی زاده", "امیر پور")."""
    keys = [key(w) for w in words]
    for n in range(min(_MAX_ROLE_WORDS, len(words) - i), 0, -1):
        if "".join(keys[i : i + n]) in lex.roles:
            return i + n >= len(words) or keys[i + n] not in _SURNAME_ENDS
    return False


def _word_offset(phrase: str, i: int) -> int:
    """Where the ``i``-th whitespace-separated word of ``phrase`` starts."""
    return [m.start() for m in re.finditer(r"\S+", phrase)][i]


def _candidates(text: str, ents: list[tuple[int, int]], lex: _Lexicons) -> list[tuple[int, int, bool]]:
    """The NER's PER entities, mended: a name in quotation marks beside a title or after an honorific
    («وحید مجروح»، معاون ...) is taken whole even where the NER saw part of it or none; a surname the
    NER took alone gets the given name before it ("خدارضا امیدی"); a name stops at a dash. The flag
    marks a quoted name beside a title: a name even where the gazetteer saw an organization."""
    spans: list[tuple[int, int]] = []
    strong: set[tuple[int, int]] = set()
    for s, e in ents:
        cut = re.search(r"\s*[-–—]", text[s:e])
        if cut and cut.start() > 0:
            e = s + cut.start()
        spans.append((s, e))
    for m in _QUOTED_NAME.finditer(text):
        s, e = m.start(1), m.end(1)
        words = text[s:e].split()
        if not 1 <= len(words) <= 4 or any(key(w) in lex.stop or key(w) in lex.roles for w in words):
            continue
        after = _role_at(_tokens(text[m.end() : m.end() + 40].lstrip(" ،,")), 0, lex) is not None
        before = lex.honorifics.search(text[max(0, m.start() - 40) : m.start()]) is not None
        if after or before:
            spans = [(a, b) for a, b in spans if not (a < e and s < b)] + [(s, e)]
            strong.add((s, e))
    spans = _surnames_written_apart(text, sorted(spans))
    out = []
    for s, e in spans:
        flag = (s, e) in strong
        if " " not in text[s:e].strip():
            s = _with_given_name(text, s, lex)
        out.append((s, e, flag))
    return out


def _surnames_written_apart(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A name whose first word ends a surname written apart ("زاده هاشمی" after "قاضی") takes the word
    before it, and the name before that when only a space is between: "احسان قاضی زاده هاشمی" is one."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        first = text[s:e].split()[0] if text[s:e].split() else ""
        m = _PREV_WORD.search(text, 0, s) if key(first) in _SURNAME_ENDS else None
        if m is not None:
            s = m.start(1)
            if out and out[-1][1] <= s and not text[out[-1][1] : s].strip():
                s = out.pop()[0]
        out.append((s, e))
    return out


def _surname_spans(text: str, names: list[_Name], lex: _Lexicons) -> list[tuple[int, int, bool]]:
    """A surname of a name found is a name wherever else it stands alone ("امیدی افزود"), with the given
    name before it where there is one ("... اما خدارضا امیدی")."""
    taken = [(n.prefix, n.end) for n in names]
    surnames = {n.name.split()[-1] for n in names if n.name.split()}
    surnames = {w for w in surnames if len(w) >= 3 and key(w) not in lex.stop and key(w) not in lex.given}
    if not surnames:
        return []
    out = []
    pattern = rf"(?<![\w{ZWNJ}])(?:{'|'.join(map(re.escape, sorted(surnames)))})(?![\w{ZWNJ}])"
    taken_ranges = _Ranges(taken)
    for m in re.finditer(pattern, text):
        s, e = m.start(), m.end()
        if taken_ranges.holding(s):
            continue
        out.append((_with_given_name(text, s, lex), e, False))
    return out


def _with_given_name(text: str, s: int, lex: _Lexicons) -> int:
    """Where a surname starting at ``s`` begins with the given name before it, if there is one."""
    prev = _PREV_WORD.search(text, max(0, s - 30), s)
    if prev and _first_name_before(text, prev.start(), key(prev.group(1)), lex):
        return prev.start()
    return s


def _first_name_before(text: str, start: int, word: str, lex: _Lexicons) -> bool:
    """Whether the word at ``start`` (before a surname) is a given name: one of the list, two of them
    written as one (علی‌اکبر), or any name-like word opening a paragraph or following the comma of an
    attribution ("\nخدارضا امیدی امروز ...", "به گزارش فارس، علی‌اکبر محمدی ...")."""
    if _given_name(word, lex):
        return True
    if (
        word in lex.stop
        or word in lex.roles
        or word in lex.honorific_canon
        or word in lex.org_heads
        or len(word) < 3
    ):
        return False
    before = text[text.rfind("\n", 0, start) + 1 : start].rstrip()
    return not before or before.endswith(("،", ","))


def _given_name(word: str, lex: _Lexicons) -> bool:
    """A given name of the list, or two of them written as one (خدارضا، علی‌اکبر)."""
    if word in lex.given:
        return True
    return any(word[:k] in lex.given and word[k:] in lex.given for k in range(2, len(word) - 1))


def _honorific_at_start(text: str, s: int, e: int, lex: _Lexicons) -> tuple[int, str] | None:
    """(new start, canonical honorific) when the span [s, e) opens with an honorific and more follows.

    The longest honorific wins unless it leaves a word that only ends another one: "سردار سرتیپ دوم" is
    سردار + سرتیپ دوم, not سردار سرتیپ + "دوم".
    """
    words = list(re.finditer(rf"[^\s{ZWNJ}]+", text[s:e]))
    found: list[tuple[int, str]] = []
    for n in range(1, min(5, len(words))):
        hk = key(text[s : s + words[n - 1].end()])
        if hk in lex.honorific_canon:
            nxt = s + words[n].start()
            while nxt < e and text[nxt] in _QUOTES:
                nxt += 1
            found.append((nxt, lex.honorific_canon[hk]))
    for nxt, canon in reversed(found):
        rest = text[nxt:e].split()
        if not rest or key(rest[0]) not in lex.dangling:
            return nxt, canon
    return found[0] if found else None


def _named_thing(text: str, prefix: int, lex: _Lexicons) -> bool:
    """Whether the word before the name (and its honorifics) heads a thing named after it: "طرح شهید"."""
    window = text[max(0, prefix - 40) : prefix].rstrip(" \t" + ZWNJ + _QUOTES)
    words = window.split()
    while words and key(words[-1]) in lex.honorific_canon:
        words.pop()
    return bool(words) and key(words[-1]) in lex.heads


# --- the component -----------------------------------------------------------------------------------------


class OfficialsExtractor:
    """Writes ``doc._.people`` and ``doc.spans["people"]`` (see the module docstring)."""

    def __init__(self, spans_key: str = "people", titles_key: str = "titles") -> None:
        self.spans_key = spans_key
        self.titles_key = titles_key

    def __call__(self, doc: Doc) -> Doc:
        lex = _lexicons()
        text = doc_text(doc)
        orgs = _spans_of(doc, "organizations")
        places = _spans_of(doc, "locations")
        blocked = [(s, e) for s, e, _ in orgs] + [(s, e) for s, e, _ in places]
        ents = _candidates(text, [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PER"], lex)
        if doc._.field != "body":
            ents = [_headline_name(text, s, e, strong, lex) for s, e, strong in ents]
        names = _names(text, ents, blocked, lex)
        names = sorted(
            names + _names(text, _surname_spans(text, names, lex), blocked, lex), key=lambda n: n.start
        )
        spans = sentence_spans(doc)
        titles = find_titles(text, orgs, places, [(n.prefix, n.end) for n in names], [a for a, _ in spans])
        people, held = _assemble(text, names, titles, [e for _, e in spans], doc._.field)
        doc._.people = people
        group = []
        for p in people:
            for m in p.mentions:
                span = doc.char_span(m.start, m.end, label="PER", alignment_mode="expand")
                if span is not None:
                    span._.value = p.id
                    group.append(span)
        doc.spans[self.spans_key] = SpanGroup(doc, name=self.spans_key, spans=group)
        group = []
        for h in held:
            span = doc.char_span(h.mention.start, h.mention.end, label="TITLE", alignment_mode="expand")
            if span is not None:
                span._.value = h
                group.append(span)
        doc.spans[self.titles_key] = SpanGroup(doc, name=self.titles_key, spans=group)
        return doc


@dataclass(frozen=True, slots=True)
class HeldTitle:
    """A title mention and the id of the person it was given to: ``doc.spans["titles"]`` values."""

    person: str
    mention: TitleMention


def _assemble(
    text: str, names: list[_Name], titles: list[TitleMention], sentence_ends: list[int], where: str
) -> tuple[list[Person], list[HeldTitle]]:
    """The people of one text and who holds each title mention."""
    persons: list[_Person] = []
    by_key: dict[str, _Person] = {}
    lex = _lexicons()
    given = lex.given
    # names, fullest first, so that a surname alone joins the full name it ends; one written with or
    # without a space is one name ("جیمزناشوی", "جیمز ناشوی"); a given name alone joins the one it opens
    for n in sorted(names, key=lambda n: (-len(n.words), n.start)):
        p = by_key.get("".join(n.words)) or _suffix_owner(n, persons)
        if p is None and len(n.words) == 1 and n.words[0] in given:
            p = next(
                (q for q in persons if any(len(m.words) > 1 and m.words[0] == n.words[0] for m in q.names)),
                None,
            )
        if p is None:
            p = _Person()
            persons.append(p)
        p.names.append(n)
        by_key.setdefault("".join(n.words), p)
    owner = {id(n): p for p in persons for n in p.names}
    ordered = sorted(names, key=lambda n: n.start)
    starts = [n.start for n in ordered]

    def attach(t: TitleMention, p: _Person) -> None:
        p.add_title(t)

    pending: list[TitleMention] = []
    previous: tuple[TitleMention, _Person] | None = None
    for t in titles:
        n = _beside(text, t, ordered, starts)
        if n is not None:
            attach(t, owner[id(n)])
            previous = (t, owner[id(n)])
        elif previous is not None and t.key and _AND_GAP.fullmatch(text, previous[0].end, t.start):
            attach(t, previous[1])  # "... رئیس سازمان خصوصی‌سازی و معاون وزیر اقتصاد": a second office
        elif t.key:
            pending.append(t)
    for t in pending:
        # a person's offices, each said once (the same title said again is the same office)
        holder = next((p for p in persons if any(_same_office(t, h) for h in p.offices.values())), None)
        if holder is None and t.subject:
            limit = _sentence_limit(sentence_ends, t.end, _LOOKAHEAD_SENTENCES)
            near = [owner[id(n)] for n in ordered[bisect_left(starts, t.end) : bisect_left(starts, limit)]]
            # the first who has no title yet, else the first who holds the same kind of office
            # ("رئیس پلیس راهور پایتخت گفت" ... "سردار حمیدی رئیس پلیس راهنمایی و رانندگی تهران بزرگ")
            holder = next((p for p in near if not p.titles), None) or next(
                (p for p in near if any(h.role == t.role for h in p.titles)), None
            )
        if holder is None and _referring(text, t, lex):
            # an office said alone after a name: the person named last before it (in this sentence or the
            # two before) who has no office yet ("علی رضایی گفت ... مدیرکل بهزیستی استان فارس افزود");
            # not a head of state or a minister, whom a text names by the office alone
            # ("... با رضا احمدی دیدار کرد. رئیس‌جمهور گفت")
            lo = _sentence_start(sentence_ends, t.start, _LOOKAHEAD_SENTENCES)
            lo = _prose_start(text, lo, t.start)
            near = [owner[id(n)] for n in ordered[bisect_left(starts, lo) : bisect_left(starts, t.start)]]
            holder = next((p for p in reversed(near) if not p.titles and _full_name(p, given)), None)
        if holder is None:
            holder = _specific_holder(t, persons)
        if holder is None:
            holder = _Person()
            persons.append(holder)
        attach(t, holder)
    # a given name alone that opens no full name ("حسین" in "تصاویر حسین") is no person we can tell
    persons = [p for p in persons if p.titles or _full_name(p, given)]
    persons.sort(key=lambda p: p.first)
    people = [_person(f"p{i}", p, where) for i, p in enumerate(persons, 1)]
    held = [HeldTitle(f"p{i}", t) for i, p in enumerate(persons, 1) for t in p.titles]
    return people, sorted(held, key=lambda h: h.mention.start)


def _full_name(p: _Person, given: frozenset[str]) -> bool:
    """Whether a person is named by more than a given name alone."""
    return any(len(n.words) > 1 or n.words[0] not in given for n in p.names)


def _suffix_owner(n: _Name, persons: list[_Person]) -> _Person | None:
    """The person whose fuller name ends with this one's words (the nearest before it, else the first).

    Spaces inside a name do not count ("نجف پور بوشهری" ends "سعید نجف‌پور بوشهری"), and a name one
    letter off a known one is that name misspelt ("عزیرپور" for "عزیزپور", "بالتزار کورما").
    """
    best: _Person | None = None
    best_pos = -1
    key = "".join(n.words)
    for p in persons:
        for m in p.names:
            other = "".join(m.words)
            same = (len(m.words) > len(n.words) and m.words[-len(n.words) :] == n.words) or (
                len(key) >= 5 and len(other) > len(key) and other.endswith(key)
            )
            if not same and len(key) >= 6:
                tail = other[-len(key) :] if len(m.words) > len(n.words) else other
                same = _one_letter_off(key, tail) or _one_letter_off(key, other)
            if same:
                pos = m.start if m.start < n.start else -1
                if best is None or pos > best_pos:
                    best, best_pos = p, pos
    return best


def _one_letter_off(a: str, b: str) -> bool:
    """Whether a and b differ by one letter replaced, added or left out."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _beside(text: str, t: TitleMention, names: list[_Name], starts: list[int]) -> _Name | None:
    """The name a title stands beside: right before, right after, then the same across a comma.

    ``names`` are sorted by start (``starts``): the last one ending before the title is found walking back
    from the title's place among them, the first one whose honorifics start after it walking on."""
    k = bisect_left(starts, t.start)
    before = next((names[i] for i in range(k - 1, -1, -1) if names[i].end <= t.start), None)
    k = bisect_left(starts, t.end)
    after = next((names[i] for i in range(k, len(names)) if names[i].prefix >= t.end), None)
    for gap in (_DIRECT_GAP, _COMMA_GAP):
        if before is not None and gap.fullmatch(text, before.end, t.start):
            return before
        if after is not None and gap.fullmatch(text, t.end, after.prefix):
            return after
    return None


def _same_office(a: TitleMention, b: TitleMention) -> bool:
    """The same office said twice: same role and the same body (one name may be the other's start)."""
    if not a.key or not b.key or a.role != b.role:
        return False
    if a.key == b.key:
        return True
    if key(a.title) == key(b.title):
        return True
    wa, wb = [key(w) for w in a.title.split()], [key(w) for w in b.title.split()]
    if len(wa) >= 2 and len(wb) >= 2 and (wa[: len(wb)] == wb or wb[: len(wa)] == wa):
        return True  # "نماینده زاهدان", "نماینده زاهدان در مجلس": one office, said in full once
    for x, y in ((a.org_key, b.org_key), (a.organization, b.organization)):
        x, y = key(x or ""), key(y or "")
        if x and y and (x.startswith(y) or y.startswith(x)):
            return True
    # the body said twice in other words: "سلامت و تندرستی آموزش و پرورش", "... وزارت آموزش و پرورش"
    x, y = _content_words(a.organization), _content_words(b.organization)
    if not x or not y:
        return False
    return len(x & y) >= 0.75 * min(len(x), len(y)) and len(x & y) >= 2


def _content_words(phrase: str | None) -> set[str]:
    words = {key(w)[:5] for w in re.split(rf"[\s{ZWNJ}،,]+", phrase or "") if w}
    return words - {key(w) for w in "و وزارت سازمان اداره کل".split()}


def _ministry_of(role: str, organization: str | None) -> str | None:
    """A minister's body is a ministry: "وزیر نیرو" -> وزارت نیرو, "معاون وزیر کار" -> وزارت تعاون، کار و
    رفاه اجتماعی (the lexicon's name where it knows the ministry), never the bare portfolio."""
    words = (organization or "").split()
    if not words:
        return organization
    if role == "وزیر" and key(words[0]) != key("وزارت"):
        rest = organization
    elif key(words[0]) == key("وزیر") and len(words) > 1:
        rest = " ".join(words[1:])
    else:
        return organization
    name = f"وزارت {rest}"
    return lexicon().canonical.get(key(name)) or name


def _ministry(organization: str | None) -> tuple[str | None, bool]:
    """The ministry an office's body names ("وزارت نیرو" of "آبفای وزارت نیرو", and of "معاون وزیر نیرو",
    whose body :func:`_ministry_of` made the ministry), and whether an area of it comes first (a specific
    office)."""
    words = (organization or "").split()
    for i, w in enumerate(words):
        if key(w) == key("وزارت") and i + 1 < len(words):
            return key(" ".join(words[i:])), i > 0
    return None, False


def _specific_holder(t: TitleMention, persons: list[_Person]) -> _Person | None:
    """The one person holding a specific office of the ministry a general title names ("معاون وزیر نیرو"
    after "معاون آبفای وزارت نیرو"): the general title is that office said again. None when no one, or
    more than one, holds such an office."""
    ministry, specific = _ministry(t.organization)
    if ministry is None or specific:
        return None
    holders = [
        p
        for p in persons
        if any(h.role == t.role and _ministry(h.organization) == (ministry, True) for h in p.titles)
    ]
    return holders[0] if len(holders) == 1 else None


def _referring(text: str, t: TitleMention, lex: _Lexicons) -> bool:
    """Whether an office said alone may refer back to a person named before: not after a preposition
    ("با سفیر ژاپن دیدار کرد": somebody else), and not a head of state, a minister or the Leader, whom a
    text names by the office alone ("... به تهران رفت. رئیس‌جمهور گفت")."""
    if t.role in lex.state_roles or t.role in ("وزیر", "رهبر"):
        return False
    m = _PREV_WORD.search(text, max(0, t.start - 40), t.start)
    return m is None or key(m.group(1)) not in _PREPOSITIONS


def _prose_start(text: str, lo: int, pos: int) -> int:
    """Where the prose running up to ``pos`` starts, at ``lo`` or after: a line that does not end as a
    sentence does (a headline, an item of a list of headlines) ends it."""
    nl = text.rfind("\n", lo, pos)
    while nl >= lo:
        if not text[lo:nl].rstrip().endswith(_SENTENCE_ENDS):
            return nl + 1
        nl = text.rfind("\n", lo, nl)
    return lo


def _sentence_start(ends: list[int], pos: int, n: int) -> int:
    """Where the sentence ``n - 1`` sentences before the one holding ``pos`` starts (``ends`` sorted)."""
    k = bisect_right(ends, pos) - n
    return ends[k] if k >= 0 else 0


def _sentence_limit(ends: list[int], pos: int, n: int) -> int:
    """The end of the ``n``-th sentence ending after ``pos`` (``ends`` sorted), or the last one's."""
    k = bisect_right(ends, pos)
    if k + n - 1 < len(ends):
        return ends[k + n - 1]
    return ends[-1] if k < len(ends) else 1 << 30


def _person(pid: str, p: _Person, where: str) -> Person:
    name = max(p.names, key=lambda n: (len(n.words), -n.start)).name if p.names else None
    honorifics: list[str] = []
    for n in sorted(p.names, key=lambda n: n.start):
        for h in n.honorifics:
            if h not in honorifics:
                honorifics.append(h)
    kept: list[TitleMention] = []  # one mention per office, its longest wording with a body
    for t in sorted(p.titles, key=lambda t: (t.start, -len(t.title))):
        same = next(
            (i for i, k in enumerate(kept) if _same_office(t, k) or key(t.title) == key(k.title)),
            None,
        )
        if same is None:
            kept.append(t)
        elif len(t.title) > len(kept[same].title) and t.organization:
            kept[same] = t
    titles = [Title(t.title, t.role, t.organization) for t in kept]
    mentions = {(n.start, n.end) for n in p.names} | {(t.start, t.end) for t in p.titles}
    return Person(pid, name, honorifics, titles, [Mention(s, e, where) for s, e in sorted(mentions)])


# --- the people of several texts of one article -------------------------------------------------------------


_READING_ORDER = {"kicker": 0, "title": 1, "body": 2}


def join_fields(
    body: list[Person],
    body_titles: list[HeldTitle],
    body_sentence_ends: list[int],
    headers: list[tuple[str, list[Person], list[HeldTitle]]],
) -> tuple[list[Person], dict[tuple[str, str], str | None]]:
    """The people of an article: the body's, with those of its kicker and title joined to them.

    ``headers``: ``(field, people, titles)`` of each header text, in reading order. A named person of a
    header is the body's person of that name (or whose fuller name ends with it), with the header's
    mentions and any office the body does not give them; else a person of their own, after the body's. A
    header title with no name beside it that opens its line ("رئیس سازمان بسیج ادارات کشور:") is a mention
    of whoever holds that office in the body, else goes to the first person the body's first sentences name
    who has no title yet; otherwise it is left out, as no holder can be told. Returns the people (new
    objects; ids p1... the body's, then the header's own) and the id each header person became
    (``(field, id) -> id``, None where they joined nobody).
    """
    people = [Person(p.id, p.name, list(p.honorifics), list(p.titles), list(p.mentions)) for p in body]
    offices: dict[str, list[TitleMention]] = {p.id: [] for p in people}
    for h in body_titles:
        offices.setdefault(h.person, []).append(h.mention)
    by_id = {p.id: p for p in people}
    title_spans = {(h.mention.start, h.mention.end) for h in body_titles}
    limit = _sentence_limit(body_sentence_ends, 0, _LOOKAHEAD_SENTENCES + 1)
    named = sorted(
        (m.start, p.id) for p in people for m in p.mentions if (m.start, m.end) not in title_spans and p.name
    )
    first = next((by_id[pid] for start, pid in named if start < limit), None)
    ids: dict[tuple[str, str], str | None] = {}
    for where, header_people, header_titles in headers:
        held: dict[str, list[TitleMention]] = {}
        for h in header_titles:
            held.setdefault(h.person, []).append(h.mention)
        for hp in header_people:
            target: Person | None = None
            if hp.name:
                target = _same_name(hp.name, people)
                if target is None:
                    target = Person(f"p{len(people) + 1}", hp.name, list(hp.honorifics))
                    people.append(target)
                    offices[target.id] = []
                target.honorifics += [h for h in hp.honorifics if h not in target.honorifics]
                for t in held.get(hp.id, []):
                    if not any(_same_office(t, o) for o in offices[target.id]):
                        offices[target.id].append(t)
                        target.titles.append(Title(t.title, t.role, t.organization))
                target.mentions += [m for m in hp.mentions if m not in target.mentions]
            else:
                for t in held.get(hp.id, []):
                    if not (t.key and t.subject):
                        continue
                    holder = next((p for p in people if any(_same_office(t, o) for o in offices[p.id])), None)
                    if holder is None and first is not None and not offices[first.id]:
                        holder = first
                        offices[first.id].append(t)
                        first.titles.append(Title(t.title, t.role, t.organization))
                    if holder is not None:
                        holder.mentions.append(Mention(t.start, t.end, where))
                        target = holder
            ids[(where, hp.id)] = target.id if target is not None else None
    for p in people:
        p.mentions.sort(key=lambda m: (_READING_ORDER.get(m.field, 3), m.start, m.end))
    return people, ids


def _same_name(name: str, people: list[Person]) -> Person | None:
    """The person named ``name`` (its key), or whose fuller name ends with its words or is one letter off."""
    words = tuple(key(w) for w in name.split())
    joined = "".join(words)
    candidates = [p for p in people if p.name]
    exact = next((p for p in candidates if key(p.name or "") == joined), None)
    if exact is not None:
        return exact
    for p in candidates:
        other_words = tuple(key(w) for w in (p.name or "").split())
        other = "".join(other_words)
        if len(other_words) > len(words) and other_words[-len(words) :] == words:
            return p
        if len(joined) >= 6 and (
            _one_letter_off(joined, other) or _one_letter_off(joined, other[-len(joined) :])
        ):
            return p
    return None


@Language.factory(
    "newsmine_officials",
    default_config={"spans_key": "people", "titles_key": "titles"},
    requires=["doc.ents", "doc.spans"],
    assigns=["doc._.people", "doc.spans"],
)
def make_officials(nlp: Language, name: str, spans_key: str, titles_key: str) -> OfficialsExtractor:
    """The officials component. It reads ``doc.ents`` (PER) and the gazetteer's ``doc.spans``
    "organizations" and "locations" (none when they are not set); it writes ``doc._.people``,
    ``doc.spans[spans_key]`` (every mention, ``span._.value`` the person id) and ``doc.spans[titles_key]``
    (every title mention, ``span._.value`` a :class:`HeldTitle`)."""
    return OfficialsExtractor(spans_key, titles_key)
