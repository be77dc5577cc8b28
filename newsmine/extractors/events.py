"""``newsmine_events``: the events an article names, in ``doc._.events`` (a list of ``schema.Event``).

Two sources. The NER component's ``EVENT`` entities, and trigger words from
``resources/event_triggers.txt`` (مراسم، نشست، طرح، دوره، سالگرد، نمازجمعه، انتخابات، زلزله ...) with the
phrase each heads: its Ezafe chain of modifiers ("نظارت بهداشتی و شرعی" with its "و"), a quoted name right
after it (``«...»`` or ``"..."``, possibly after تحت عنوان / با عنوان / به نام), the argument after a
preposition a word of the phrase takes ("بازدید از ..."، "سفر به ..."، "طرح مبارزه با ...", the ``@pp``
rows), and the place after "در" of a name that is short or has such an argument ("سیل در ماکو"). A phrase
stops at punctuation, another preposition or conjunction, a verb (and the word a light verb takes, even
past a future auxiliary: "برگزار شد", "احساس خواهند کرد"), a number that is not a year (but "۵ ساعته",
and a count inside an argument), and a date that no name follows. An ordinal before the trigger joins it
("۴۵اُمین سالگرد ..."). A name by itself with the ``closed`` flag takes only a proper name, a place or
another name ("دهه فجر انقلاب اسلامی", not "انقلاب اسلامی تحول ...").

A trigger is an event only when the phrase names one: a quoted name, a proper name or place in the chain
(from the NER entities or ``doc.spans["locations"]``), a year or date in the name, an ordinal right after
the trigger ("برنامه ششم"), a chain of two words or more, a trigger that is a name or names a kind by
itself (دهه فجر، انتخابات مجلس), one modifier for an occasion word ("هفته سلامت"), or one modifier for
the occasion of a statement ("در یک نشست خبری گفت"). Not events: a bare trigger ("نشست"), a counted one
("۵۰۰۰ نشست روشنگری" is a claim), a plural ("طرح‌ها"), one after a determiner ("این طرح"; "یک" is an
article there, "یک هفته" a count) or with the indefinite ی ("طرحی") unless a quoted name follows, a
trigger that is part of a verb ("بازدید کردند"), a name inside an organization's name ("سپاه پاسداران
انقلاب اسلامی") and a body of a country ("کنگره آمریکا").

Every mention goes into ``doc.spans["events"]`` (``span._.value``: its name, type and key). A title and a
kicker are Docs of their own (``doc._.field``), read with the same rules; :meth:`EventFinder.group` (called
by ``newsmine.assemble``) joins the mentions of an article's texts into events, in reading order, each
mention with the text it is in.

Mentions with the same name (folded: ی/ک, digits, ZWNJ, diacritics) are one event; phrases with the same
quoted name and type are one event too ("طرح ملّی «X»" and "ویژه برنامه «X»"); so are the mentions of a
name by itself ("عاشورای حسینی", "عاشورای سالار شهیدان"), names of one event (``@same``: جنگ تحمیلی،
دفاع مقدس), and a name whose words all stand in a fuller one of the same type, outside it ("جام جهانی"
and "جام جهانی قطر"), under the fullest. A shorter later reference ("این طرح ملّی") is not merged. A
name inside a phrase is an event of its own ("گرامیداشت ... دهه فجر") unless of the phrase's type
("بازی‌های المپیک سوچی"), and so is an event of another kind in a ceremony's phrase ("مراسم افتتاحیه
دهمین نمایشگاه ..."). Each event gets:

* ``type``: from the trigger (a generic head such as دوره or برنامه takes the type of a trigger inside its
  phrase, مراسم and آیین stay ceremony; اجلاس with بین‌المللی or سران is a conference, دیدار with تیم or
  برابر a competition), "other" for NER events without a trigger;
* ``date``: the Jalali value of the date (``doc.spans["dates"]``) nearest a mention in the same sentence;
* ``location``: a place in the same sentence (``doc.spans["locations"]`` if set, else NER LOC/FAC),
  preferring one inside the mention, then one right after it, then the nearest;
* ``participants``: the ids of the persons in ``doc._.people`` mentioned in a sentence with the event.

>>> import newsmine
>>> nlp = newsmine.load()
>>> doc = nlp("طرح ملّی «دولت مردمی؛ وزارت پاسخگو» در دهه فجر برگزار شد و ۵۰۰۰ نشست تشکیل شد.")
>>> [(e.id, e.name, e.type) for e in doc._.events]
[('e1', 'طرح ملّی «دولت مردمی؛ وزارت پاسخگو»', 'program'), ('e2', 'دهه فجر', 'commemoration')]
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc, SpanGroup

from newsmine.errors import Errors, NewsmineError
from newsmine.extractors import extensions
from newsmine.lang.chars import fold
from newsmine.lang.docs import sentence_starts
from newsmine.lang.docs import text as doc_text
from newsmine.lang.keys import key
from newsmine.lang.verbs import COPULA, copula_forms, forms
from newsmine.resources import read_rows
from newsmine.schema import Event, Mention, Person

__all__ = ["EVENT_TYPES", "EventFinder", "EventLexicon", "load_lexicon", "make_event_finder"]

extensions.register()

#: the values ``Event.type`` takes
EVENT_TYPES: tuple[str, ...] = (
    "meeting",
    "ceremony",
    "program",
    "prayer",
    "election",
    "commemoration",
    "visit",
    "exhibition",
    "festival",
    "conference",
    "course",
    "competition",
    "disaster",
    "conflict",
    "other",
)

#: NER labels whose words make a trigger's modifier a proper name ("نمازجمعه تهران", "طرح شهید هاشمی")
PROPER_LABELS = frozenset({"PER", "ORG", "LOC", "FAC", "EVENT", "PRO"})
LOCATION_LABELS = frozenset({"LOC", "FAC"})

# --------------------------------------------------------------------------------------------------
# word keys and the lexicon

_WS = re.compile(r"\s+")
_NAME_WORD = re.compile(r"\w+")
_LETTER = re.compile("[\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06fa-\u06fcA-Za-z]")
_DIGITS = re.compile("[0-9]+")
_YEAR_WRITTEN = re.compile("[0-9]{4}|سال")
_ADVERB_PREFIX = re.compile("^به\u200c")  # به‌مناسبت، به‌طور، به‌منظور: never part of a name
_VERB_PREFIX = re.compile("^ن?می\u200c")  # می‌شود، نمی‌کند
_PLURAL = ("هایشان", "هایمان", "هایتان", "هایش", "هایی", "های", "ها")
_INDEFINITE = ("ای", "ی")
_POSSESSIVE = ("شان", "اش", "ش")  # "دیدارش با ...": his meeting, a specific one
_PRESENT_ENDINGS = ("م", "ی", "د", "یم", "ید", "ند")
_OPEN_QUOTES = {"«": "»", '"': '"'}
_FUTURE = frozenset(pre + "خواه" + end for pre in ("", "ن") for end in _PRESENT_ENDINGS)
#: at most this many tokens between a quote mark and its closing mark
MAX_QUOTE_TOKENS = 24
#: at most this many prepositional phrases a name takes ("بازدید از ... در دبیرستان البرز")
MAX_PPS = 2
#: at most this many modifiers after an occasion word with the "one" flag ("هفته عفاف و حجاب")
NAME_CHAIN = 2
#: a measure word after a number that makes the two a modifier ("جلسه ۵ ساعته", "اردوی ۱۰ روزه")
_MEASURE = re.compile("ساعته|روزه|ماهه|ساله|هفتهای|دقیقهای")
#: trigger types a ceremony's phrase holds as an event of their own ("مراسم افتتاحیه نمایشگاه ...")
NESTED_TYPES = frozenset(
    {
        "meeting",
        "program",
        "prayer",
        "election",
        "visit",
        "exhibition",
        "festival",
        "conference",
        "course",
        "competition",
    }
)


def _stem(word: str) -> str:
    """A word without a written Ezafe after a vowel ("عاشورای" is "عاشورا", "اردوی" is "اردو")."""
    return word[:-1] if len(word) > 3 and word.endswith(("ای", "وی")) else word


def _name_words(name: str) -> set[str]:
    """The words of a name as keys, without their Ezafe after a vowel: what two names share."""
    return {_stem(w) for part in name.split() for w in _NAME_WORD.findall(key(part))}


def _phrase_keys(text: str) -> tuple[str, ...]:
    return tuple(key(w) for w in text.split())


@dataclass(frozen=True)
class Trigger:
    """A word (or words) that heads an event name, with its event type and flags (name, weak, intl)."""

    text: str
    type: str
    flags: frozenset[str]
    keys: tuple[str, ...]


@dataclass(frozen=True)
class EventLexicon:
    """``event_triggers.txt`` read into lookup tables of word keys (see the file's header)."""

    triggers: dict[tuple[str, ...], Trigger]
    longest: int
    stop: frozenset[str]
    determiners: frozenset[str]
    connectors: frozenset[tuple[str, ...]]
    intl: frozenset[str]
    not_events: frozenset[tuple[str, ...]]
    light_verbs: frozenset[str]
    verbs: frozenset[str]
    pp: dict[str, frozenset[str]] = field(default_factory=dict)  # word -> prepositions its argument takes
    same: dict[str, str] = field(default_factory=dict)  # a name -> the name of the same event (joined keys)
    match: frozenset[str] = frozenset()  # words that make a meeting a sports match


@lru_cache(maxsize=4)
def load_lexicon(name: str = "event_triggers.txt") -> EventLexicon:
    """Read a trigger file from ``newsmine/resources`` (once per process).

    >>> lex = load_lexicon()
    >>> lex.triggers[("نمازجمعه",)].type, sorted(lex.triggers[("دهه", "فجر")].flags)
    ('prayer', ['closed', 'name'])
    """
    triggers: dict[tuple[str, ...], Trigger] = {}
    lists: dict[str, set[str]] = {"@stop": set(), "@det": set(), "@intl": set(), "@match": set()}
    connectors: set[tuple[str, ...]] = set()
    not_events: set[tuple[str, ...]] = set()
    light: set[str] = set()
    verbs: set[str] = set()
    pp: dict[str, set[str]] = {}
    same: dict[str, str] = {}
    for row in read_rows(name):
        word, kind = row[0].strip(), row[1].strip()
        extra = row[2].strip() if len(row) > 2 else ""
        if kind in EVENT_TYPES:
            keys = _phrase_keys(word)
            trig = Trigger(word, kind, frozenset(extra.split()), keys)
            triggers[keys] = trig
            if len(keys) > 1:
                triggers.setdefault(("".join(keys),), trig)  # "نمازجمعه" for "نماز جمعه"
        elif kind in lists:
            lists[kind].add("".join(_phrase_keys(word)))
        elif kind == "@connector":
            connectors.add(_phrase_keys(word))
        elif kind == "@not":
            not_events.add(_phrase_keys(word))
        elif kind == "@same":
            same["".join(_phrase_keys(word))] = "".join(_phrase_keys(extra))
        elif kind == "@pp":
            pp.setdefault("".join(_phrase_keys(word)), set()).update(key(x) for x in extra.split())
        elif kind in ("@light", "@verb"):
            found = copula_forms() if word in (*COPULA, "اند") else forms(word)
            verbs |= found
            if kind == "@light":
                light |= found
        else:
            raise NewsmineError(Errors.E020, name=name, kind=kind, word=word)
    return EventLexicon(
        triggers=triggers,
        longest=max(len(k) for k in triggers),
        stop=frozenset(lists["@stop"]),
        determiners=frozenset(lists["@det"]),
        connectors=frozenset(connectors),
        intl=frozenset(lists["@intl"]),
        not_events=frozenset(not_events),
        light_verbs=frozenset(light),
        verbs=frozenset(verbs),
        pp={k: frozenset(v) for k, v in pp.items()},
        same=same,
        match=frozenset(lists["@match"]),
    )


@lru_cache(maxsize=4)
def _starter(name: str) -> Callable[[str], bool]:
    """A cached test: can a token with this key begin a trigger (its first word, or a suffixed one)?"""
    lex = load_lexicon(name)
    firsts = {k[0] for k in lex.triggers}

    @lru_cache(maxsize=65536)
    def may_start(key: str) -> bool:
        if key in firsts:
            return True
        return any(
            key.endswith(suf) and key[: -len(suf)] in firsts for suf in _PLURAL + _INDEFINITE + _POSSESSIVE
        )

    return may_start


# --------------------------------------------------------------------------------------------------
# what one Doc offers the rules


@dataclass
class _DocView:
    """Per-Doc lookups: token keys, numbers, dates, proper-name and place tokens, sentence starts."""

    doc: Doc
    text: str
    keys: list[str]
    number_end: dict[int, tuple[int, bool]]  # last token of a number -> (first token, is ordinal)
    number_tokens: dict[int, tuple[int, int, bool]]  # token -> its number's (first, end token, is ordinal)
    dates: dict[int, tuple[int, Any]]  # first token of a date -> (end token, ParsedDate)
    date_spans: list[tuple[int, int, str]]  # (start char, end char, jalali) of dates with a value
    proper: set[int]  # tokens inside a proper-name entity or a location span
    places: list[tuple[int, int, str]]  # gazetteer locations: (start char, end char, text)
    ner_places: list[tuple[int, int, str]]
    sent_starts: list[int]  # start chars of the sentences
    org: set[int] = field(default_factory=set)  # tokens inside an organization's name
    loc: set[int] = field(default_factory=set)  # tokens inside a place's name
    org_end: dict[int, int] = field(default_factory=dict)  # first token of an organization -> its end
    by_sentence: dict[str, dict[int, list[tuple[int, int, str]]]] = field(default_factory=dict)


def _view(doc: Doc, places_only: bool = False) -> _DocView:
    """What the rules read of a Doc; ``places_only``: only what an event's date and place need (the
    sentences, dates and places), for grouping mentions already found."""
    if places_only:
        date_spans = [
            (s.start_char, s.end_char, jalali)
            for s in doc.spans.get("dates", [])
            if (jalali := getattr(s._.value, "jalali", None))
        ]
        places = [(s.start_char, s.end_char, s.text) for s in doc.spans.get("locations", [])]
        ner_places = [(e.start_char, e.end_char, e.text) for e in doc.ents if e.label_ in LOCATION_LABELS]
        return _DocView(
            doc, doc_text(doc), [], {}, {}, {}, date_spans, set(), places, ner_places, sentence_starts(doc)
        )
    strings = doc.vocab.strings
    keys = [key(strings[o]) for o in doc.to_array(ORTH)] if len(doc) else []
    number_end: dict[int, tuple[int, bool]] = {}
    number_tokens: dict[int, tuple[int, int, bool]] = {}
    for span in doc.spans.get("numbers", []):
        ordinal = bool(getattr(span._.value, "is_ordinal", False))
        number_end[span.end - 1] = (span.start, ordinal)
        for i in range(span.start, span.end):
            number_tokens[i] = (span.start, span.end, ordinal)
    if "numbers" not in doc.spans:  # no numbers component: a run of digits is a number
        for i, k in enumerate(keys):
            if _DIGITS.fullmatch(k):
                number_end[i] = (i, False)
                number_tokens[i] = (i, i + 1, False)
    dates: dict[int, tuple[int, Any]] = {}
    date_spans: list[tuple[int, int, str]] = []
    for span in doc.spans.get("dates", []):
        value = span._.value
        dates.setdefault(span.start, (span.end, value))
        jalali = getattr(value, "jalali", None)
        if jalali:
            date_spans.append((span.start_char, span.end_char, jalali))
    proper = {i for e in doc.ents if e.label_ in PROPER_LABELS for i in range(e.start, e.end)}
    places: list[tuple[int, int, str]] = []
    for span in doc.spans.get("locations", []):
        places.append((span.start_char, span.end_char, span.text))
        proper.update(range(span.start, span.end))
    ner_places = [(e.start_char, e.end_char, e.text) for e in doc.ents if e.label_ in LOCATION_LABELS]
    org = {i for e in doc.ents if e.label_ == "ORG" for i in range(e.start, e.end)}
    org.update(i for span in doc.spans.get("organizations", []) for i in range(span.start, span.end))
    loc = {i for e in doc.ents if e.label_ in LOCATION_LABELS for i in range(e.start, e.end)}
    org_end = {e.start: e.end for e in doc.ents if e.label_ == "ORG"}
    loc.update(i for span in doc.spans.get("locations", []) for i in range(span.start, span.end))
    sent_starts = sentence_starts(doc)
    return _DocView(
        doc,
        doc_text(doc),
        keys,
        number_end,
        number_tokens,
        dates,
        date_spans,
        proper,
        places,
        ner_places,
        sent_starts,
        org,
        loc,
        org_end,
    )


# --------------------------------------------------------------------------------------------------
# the rule mentions


@dataclass
class _Mention:
    start: int  # chars
    end: int
    name: str
    type: str
    key: tuple[str, ...]
    field: str = "body"  # the text of the article the chars are in: "title", "kicker" or "body"


@dataclass
class _Found:
    """What the trigger scan leaves: accepted mentions, triggers that were bare, tokens ruled out."""

    mentions: list[_Mention] = field(default_factory=list)
    bare: list[tuple[int, int, Trigger]] = field(default_factory=list)  # token range of a bare trigger
    blocked: set[int] = field(default_factory=set)  # trigger tokens that are surely no event


def _clean(text: str) -> str:
    return _WS.sub(" ", text).strip()


class EventFinder:
    """The ``newsmine_events`` component: rule and NER event mentions, merged into ``doc._.events``.

    ``max_chain``: the most modifier words a trigger's phrase takes; ``use_ner``: add the NER component's
    EVENT entities; ``triggers``: the trigger file in ``newsmine/resources``.
    """

    def __init__(
        self,
        max_chain: int = 8,
        use_ner: bool = True,
        triggers: str = "event_triggers.txt",
        spans_key: str = "events",
    ) -> None:
        self.max_chain = max_chain
        self.use_ner = use_ner
        self.triggers = triggers
        self.spans_key = spans_key
        self.lex = load_lexicon(triggers)
        self._may_start = _starter(triggers)

    def __call__(self, doc: Doc) -> Doc:
        view = _view(doc)
        found = self._scan(view)
        mentions = list(found.mentions)
        if self.use_ner:
            mentions += self._ner_mentions(view, found)
        mentions = [replace(m, field=doc._.field) for m in mentions]
        group = []
        for m in mentions:
            span = doc.char_span(m.start, m.end, label="EVENT", alignment_mode="expand")
            if span is not None:
                span._.value = m
                group.append(span)
        doc.spans[self.spans_key] = SpanGroup(doc, name=self.spans_key, spans=group)
        doc._.events = self._events(view, mentions, _linked_people(doc), doc._.field)
        return doc

    def group(self, docs: dict[str, Doc], people: list[Person]) -> list[Event]:
        """The events of an article's texts (``{field: Doc}``, each run through this component): mentions
        with one name are one event, across the title, the kicker and the body. Date, place and
        participants (ids of ``people``) come from the body's mentions (from a lone text's own, when it
        is the only one)."""
        mentions = [span._.value for doc in docs.values() for span in doc.spans.get(self.spans_key, [])]
        where = "body" if "body" in docs else next(iter(docs), "body")
        view = _view(docs[where], places_only=True) if docs else None
        return self._events(view, mentions, people, where)

    # -- triggers

    def _trigger_at(self, keys: list[str], i: int) -> tuple[Trigger, int, str] | None:
        """The longest trigger starting at token ``i``: (trigger, end token, form of its last word).

        The form is "base", "plural" (طرح‌ها), or "indefinite" (طرحی، جلسه‌ای); a written Ezafe
        (جلسه‌ی، اردوی) and a possessive (دیدارش، سفرشان) are "base".
        """
        if not self._may_start(keys[i]):
            return None
        triggers = self.lex.triggers
        for length in range(min(self.lex.longest, len(keys) - i), 0, -1):
            words = tuple(keys[i : i + length])
            trig = triggers.get(words)
            if trig is not None:
                return trig, i + length, "base"
            head, last = words[:-1], words[-1]
            for suffix in _PLURAL + _INDEFINITE + _POSSESSIVE:
                if not last.endswith(suffix) or len(last) <= len(suffix) + 1:
                    continue
                stem = last[: -len(suffix)]
                trig = triggers.get((*head, stem))
                if trig is None:
                    continue
                if suffix in _PLURAL:
                    form = "plural"
                elif suffix in _POSSESSIVE or (suffix == "ی" and stem.endswith(("ه", "ا", "و"))):
                    form = "base"  # a written Ezafe (جلسه‌ی، اردوی) or a possessive (دیدارش)
                else:
                    form = "indefinite"
                return trig, i + length, form
        return None

    def _is_verb(self, view: _DocView, j: int, light: bool = False) -> bool:
        if j >= len(view.keys) or j in view.number_tokens:
            return False  # "دوره دهم": an ordinal, not the verb دهم
        text = view.doc[j].text
        if not light and _VERB_PREFIX.match(text):
            return True
        return view.keys[j] in (self.lex.light_verbs if light else self.lex.verbs)

    def _connector_at(self, keys: list[str], j: int) -> int:
        for words in self.lex.connectors:
            if tuple(keys[j : j + len(words)]) == words:
                return len(words)
        return 0

    @staticmethod
    def _quote_at(doc: Doc, j: int) -> int | None:
        """The end token (past the closing mark) of a quoted name opening at ``j``, or None."""
        if j >= len(doc):
            return None
        close = _OPEN_QUOTES.get(doc[j].text)
        if close is None:
            return None
        for k in range(j + 1, min(len(doc), j + MAX_QUOTE_TOKENS + 2)):
            tok = doc[k]
            if "\n" in tok.text:
                return None
            if tok.text == close:
                return k + 1 if k > j + 1 else None
        return None

    def _modifier(self, view: _DocView, j: int) -> bool:
        """True when token ``j`` can continue an Ezafe chain (a noun or adjective of the name)."""
        tok = view.doc[j]
        word = view.keys[j]
        if tok.is_space or not _LETTER.search(tok.text) or _ADVERB_PREFIX.match(tok.text):
            return False
        if word in self.lex.stop or word in self.lex.determiners or self._is_verb(view, j):
            return False
        if self._is_verb(view, j + 1, light=True):
            return False  # "اظهار کرد": the verb's, not the name's
        # "احساس خواهند کرد": the future auxiliary stands between the word and its light verb
        return not (
            j + 1 < len(view.keys) and view.keys[j + 1] in _FUTURE and self._is_verb(view, j + 2, True)
        )

    def _scan(self, view: _DocView) -> _Found:
        doc, keys, lex = view.doc, view.keys, self.lex
        found = _Found()
        i, n = 0, len(doc)
        while i < n:
            match = self._trigger_at(keys, i) if keys[i] else None
            if match is None:
                i += 1
                continue
            trig, trig_end, form = match
            if "name" in trig.flags and i - 1 in view.org and i in view.org:
                # a name inside an organization's ("سپاه پاسداران انقلاب اسلامی"); other triggers there
                # name events ("روابط عمومی جشنواره سینمای مستند سوییس")
                found.blocked.update(range(i, trig_end))
                i = trig_end
                continue
            if "in" in trig.flags and (i == 0 or keys[i - 1] != "در"):
                i = trig_end  # "جمع" heads a gathering only in "در جمع ..."
                continue
            start = i
            refused = form == "plural"
            determiner = False
            # "یک نشست خبری" is "a" meeting, "یک هفته" one week
            article = keys[i - 1 : i] == ["یک"] and "one" not in trig.flags
            before = view.number_end.get(i - 1) if not article else None
            if before is not None:
                if before[1]:
                    start = before[0]  # "۴۵اُمین سالگرد": the ordinal is part of the name
                else:
                    refused = True  # "۵۰۰۰ نشست روشنگری": counted, a claim
            elif i > 0 and keys[i - 1] in lex.determiners and keys[i - 1] != "یک":
                determiner = True  # "این طرح": a reference back, or a generic
            if form == "base" and (
                (self._is_verb(view, trig_end) and "name" not in trig.flags)
                or (*trig.keys, keys[trig_end] if trig_end < n else "") in lex.not_events
            ):
                refused = True  # "بازدید کردند", "طرح سوال"
            if refused:
                found.blocked.update(range(i, trig_end))
                i = trig_end
                continue
            end, segments, chain, quote, dated = self._phrase(view, start, trig_end, trig)
            specific = self._specific(view, trig, start, end, chain, quote, dated)
            if (
                "body" in trig.flags
                and len(chain) == 1
                and (chain[0] in view.loc or view.org_end.get(i) == end)
            ):
                specific = False  # "کنگره آمریکا": a country's body
                found.blocked.update(range(i, trig_end))
            if form == "indefinite" or determiner:
                specific = quote is not None
                if not specific:
                    found.blocked.update(range(i, trig_end))
            if not specific:
                if form == "base" and not determiner:
                    found.bare.append((i, trig_end, trig))
                i = trig_end
                continue
            found.mentions.append(self._mention(view, trig, start, end, segments, chain, quote))
            found.mentions.extend(self._nested(view, trig, chain, end))
            i = end
        return found

    def _specific(
        self,
        view: _DocView,
        trig: Trigger,
        start: int,
        end: int,
        chain: list[int],
        quote: tuple[int, int] | None,
        dated: bool,
    ) -> bool:
        """Whether a trigger's phrase names one happening (see the module's docstring)."""
        if "one" in trig.flags and chain and chain[0] in view.number_tokens:
            return False  # "هفته نهم" of a league
        if "plural" in trig.flags:  # "حوادث ۱۱ سپتامبر", not "حوادث طبیعی مختلف"
            return quote is not None or dated or any(k in view.proper for k in chain)
        if quote is not None or trig.flags & {"name", "full"} or dated or len(chain) >= 2:
            return True
        if chain and chain[0] in view.number_tokens:
            return True  # "برنامه ششم", "جلسه دوم": an ordinal picks one
        if any(k in view.proper for k in chain):
            return True
        if not chain:
            return False
        if "one" in trig.flags:
            return True  # "عید فطر", "هفته سلامت", "جمع خبرنگاران"
        # the occasion of a statement: "در نشست خبری گفت", "در یک جلسه کاری اظهار کرد"
        k = start - 1
        if k >= 0 and view.keys[k] == "یک":
            k -= 1
        return (
            k >= 0
            and view.keys[k] == "در"
            and (self._is_verb(view, end) or self._is_verb(view, end + 1, light=True))
        )

    def _nested(self, view: _DocView, trig: Trigger, chain: list[int], end: int) -> list[_Mention]:
        """The events named inside a phrase: a name or an occasion ("گرامیداشت ... دهه فجر", "گرامیداشت
        روز جهانی معلولین"), and in a ceremony's phrase an event of another kind ("مراسم افتتاحیه دهمین
        نمایشگاه ایران‌پلاس"). A name of the same kind is the same event ("بازی‌های المپیک سوچی")."""
        out: list[_Mention] = []
        frame = "frame" in trig.flags
        for k in chain:
            inner = self._trigger_at(view.keys, k)
            if inner is None or inner[2] != "base" or inner[1] > end:
                continue
            itrig, iend, _ = inner
            if itrig.type == trig.type and itrig.type != "commemoration":
                continue
            if k - 1 in view.org and k in view.org:
                continue  # "نشست شورای ... سپاه عاشورا": a word of an organization's name
            named = bool(itrig.flags & {"name", "one"}) and "outer" not in itrig.flags
            kind = frame and itrig.type in NESTED_TYPES and not itrig.flags & {"weak", "frame"}
            if not (named or kind):
                continue
            before = view.number_end.get(k - 1)
            if before is not None and not before[1]:
                continue  # counted
            istart = before[0] if before is not None else k
            jend, segs, ichain, iquote, idated = self._phrase(view, istart, iend, itrig)
            if jend <= end and self._specific(view, itrig, istart, jend, ichain, iquote, idated):
                out.append(self._mention(view, itrig, istart, jend, segs, ichain, iquote))
                frame = frame and not kind  # one event of another kind inside a ceremony
        return out

    def _pp_at(
        self, view: _DocView, j: int, words: list[int], chain: list[int], pps: int, named: bool
    ) -> int:
        """What the preposition at token ``j`` opens: -1 an argument of the phrase so far (``words``, its
        trigger and modifiers: "بازدید از ...", "سفر به ...", "مبارزه با ..."), else the end token of a
        place after "در" that the name takes ("سیل در ماکو", "درگیری ... در جنوب بغداد"), else 0."""
        keys, n = view.keys, len(view.keys)
        if pps >= MAX_PPS or j + 1 >= n:
            return 0
        prep = keys[j]
        nxt = j + 1
        opens = nxt in view.number_tokens or view.doc[nxt].text in _OPEN_QUOTES or self._modifier(view, nxt)
        if not opens:
            return 0
        if any(prep in self._takes(keys[k]) for k in words):
            return -1
        # a place, within three words, for a name that is not one yet or after an argument
        short = not named and len(chain) < 2 and not any(k in view.proper for k in chain)
        if prep != "در" or not (short or pps > 0):
            return 0
        end, k = 0, nxt
        while k < min(n, nxt + 3) and self._modifier(view, k):
            if k in view.proper:
                end = k + 1
            elif end:
                break
            k += 1
        return end

    def _takes(self, key: str) -> frozenset[str]:
        """The prepositions whose argument a word takes (through a plural, possessive or Ezafe ending)."""
        pp = self.lex.pp
        if key in pp:
            return pp[key]
        for suffix in (*_PLURAL, *_POSSESSIVE, "ی"):
            if key.endswith(suffix) and key[: -len(suffix)] in pp:
                return pp[key[: -len(suffix)]]
        return frozenset()

    def _phrase(
        self, view: _DocView, start: int, j: int, trig: Trigger | None = None
    ) -> tuple[int, list[tuple[int, int]], list[int], tuple[int, int] | None, bool]:
        """The phrase a trigger (ending at token ``j``) heads: its end token, the token ranges of its name
        (a relative date inside is left out: "نمازجمعه امروز تهران"), its modifiers, its quoted name and
        whether a year or date is part of the name. The name goes on through an argument after a
        preposition its words take ("بازدید از ...") and a place after "در" ("سیل در ماکو")."""
        doc, n, keys = view.doc, len(view.doc), view.keys
        segments: list[tuple[int, int]] = []
        chain: list[int] = []
        heads: list[int] = list(range(start, j))  # the trigger and modifier words, for their arguments
        quote: tuple[int, int] | None = None
        dated = False
        seg_start = start
        pps = 0
        budget = self.max_chain
        named = trig is not None and "name" in trig.flags
        closed = trig is not None and "closed" in trig.flags
        # "عاشورای حسینی": the name's last word written with its Ezafe
        ezafe = closed and keys[j - 1].endswith("ی") and keys[j - 1] != trig.keys[-1]
        if trig is not None and "one" in trig.flags:
            budget = min(budget, NAME_CHAIN)  # "هفته وقف منهای ساختمان ...": an occasion needs few words
        while j < n and budget > 0:
            tok = doc[j]
            if tok.is_space:
                break
            conn = self._connector_at(keys, j)
            close = self._quote_at(doc, j + conn)
            if close is not None:
                if conn:
                    segments.append((seg_start, j))
                    seg_start = j + conn
                quote = (j + conn, close)
                j = close
                break  # the quoted name ends the phrase: "دیدارش با «مهند جرادات»"
            if conn or (not _LETTER.search(tok.text) and j not in view.number_tokens):
                break  # punctuation, or a connector with no quote after it
            date = view.dates.get(j)
            if date is not None:
                date_end, value = date
                if getattr(value, "relative", None) is None:
                    # a date right after the trigger, or one without a year, names the event ("راهپیمایی
                    # ۲۲ بهمن", "شهدای هفتم تیر"); a full date after a name is when it happened
                    if not chain or not _YEAR_WRITTEN.search(fold(doc[j:date_end].text)):
                        j, dated = date_end, True
                    break
                if date_end < n and self._modifier(view, date_end):
                    segments.append((seg_start, j))  # "نمازجمعه امروز تهران": the name skips "امروز"
                    seg_start = j = date_end
                    continue
                break
            number = view.number_tokens.get(j)
            if number is not None:
                if number[2] and number[0] == j:  # "برنامه هفتم توسعه", "دوره بیست و یکم"
                    chain.extend(range(j, number[1]))
                    budget -= number[1] - j
                    j = number[1]
                    continue
                if self._is_year(view, j):
                    j, dated = j + 1, True  # "انتخابات ۱۴۰۰", "المپیک ۲۰۲۴"
                    break
                after = number[1]
                if (
                    number[0] == j
                    and after < n
                    and (pps > 0 or _MEASURE.fullmatch(keys[after]))
                    and self._modifier(view, after)
                ):
                    # "جلسه ۵ ساعته ...", "کلنگ‌زنی گاز به ۲۰ روستای ...": a measure, or a count in an argument
                    heads.append(after)
                    chain.append(after)
                    budget -= 1
                    j = after + 1
                    continue
                break
            if closed and j not in view.proper:
                inner = self._names_at(keys, j)
                if inner:  # "دهه فجر انقلاب اسلامی"
                    chain.extend(range(j, inner))
                    budget -= inner - j
                    j = inner
                    continue
                if not (ezafe and not chain and self._modifier(view, j)):
                    break  # "کرونا میزان ...": a closed name takes a proper name, a place or a name
            if not self._modifier(view, j):
                if keys[j] == "و" and chain and chain[-1] == j - 1 and self._coordinated(view, j + 1):
                    chain.append(j + 1)  # "نظارت بهداشتی و شرعی", "جنگ‌های خاورمیانه و بالکان"
                    heads.append(j + 1)
                    budget -= 1
                    j += 2
                    continue
                pp = self._pp_at(view, j, heads, chain, pps, named)
                if pp < 0:
                    pps += 1
                    budget = self.max_chain
                    j += 1
                    continue
                if pp > 0:  # the place ends the name
                    chain.extend(range(j + 1, pp))
                    j = pp
                break
            chain.append(j)
            heads.append(j)
            budget -= 1
            j += 1
        segments.append((seg_start, j))
        return j, segments, chain, quote, dated

    def _names_at(self, keys: list[str], j: int) -> int:
        """The end token of a trigger that is a name by itself starting at token ``j`` ("... انقلاب
        اسلامی"), else 0."""
        found = self._trigger_at(keys, j) if j < len(keys) else None
        return found[1] if found is not None and "name" in found[0].flags and found[2] == "base" else 0

    def _coordinated(self, view: _DocView, j: int) -> bool:
        """Whether token ``j``, after "و" in a name, is a second modifier rather than a new phrase."""
        if j >= len(view.keys) or not self._modifier(view, j):
            return False
        if self._trigger_at(view.keys, j) is not None:
            return False  # "نمایشگاه کتاب و نمایشگاه ...": two events
        return True

    @staticmethod
    def _is_year(view: _DocView, j: int) -> bool:
        text = fold(view.doc[j].text)
        if not (len(text) == 4 and text.isdigit()):
            return False
        value = int(text)
        return 1300 <= value <= 1499 or 1900 <= value <= 2100

    def _mention(
        self,
        view: _DocView,
        trig: Trigger,
        start: int,
        end: int,
        segments: list[tuple[int, int]],
        chain: list[int],
        quote: tuple[int, int] | None,
    ) -> _Mention:
        doc, keys = view.doc, view.keys
        name = " ".join(_clean(doc[a:b].text) for a, b in segments if b > a)
        type_ = trig.type
        if "weak" in trig.flags:  # "سی‌امین دوره جشنواره فیلم فجر" is a festival
            for k in chain:
                inner = self._trigger_at(keys, k)
                if inner is not None and "weak" not in inner[0].flags:
                    type_ = inner[0].type
                    break
        words = [keys[k] for a, b in segments for k in range(a, b)]
        if "intl" in trig.flags and any(w in self.lex.intl for w in words):
            type_ = "conference"  # "اجلاس سران", "نشست بین‌المللی"
        if type_ == "meeting" and any(w in self.lex.match for w in words):
            type_ = "competition"  # "دیدار تیم‌های ...", "دیدار برابر سوریه"
        if quote is not None:
            inner_text = doc[quote[0] + 1 : quote[1] - 1].text
            mkey: tuple[str, ...] = ("q", type_, key(inner_text))
        else:
            # a name by itself is one event whatever follows it ("عاشورای حسینی", "عاشورای سالار شهیدان")
            named = "name" in trig.flags and start not in view.number_tokens
            joined = "".join(trig.keys) if named else "".join(words)
            mkey = ("n", self.lex.same.get(joined, joined))  # "جنگ تحمیلی" is "دفاع مقدس"
        span = doc[start:end]
        return _Mention(span.start_char, span.end_char, name, type_, mkey)

    # -- NER

    def _ner_mentions(self, view: _DocView, found: _Found) -> list[_Mention]:
        """EVENT entities that no rule mention covers and no refused trigger rules out."""
        taken = [(m.start, m.end) for m in found.mentions]
        out: list[_Mention] = []
        for ent in view.doc.ents:
            if ent.label_ != "EVENT":
                continue
            if any(s < ent.end_char and ent.start_char < e for s, e in taken):
                continue  # the rule phrase has it, with its boundaries and type
            if any(i in found.blocked for i in range(ent.start, ent.end)):
                continue  # "۱۲۱ یادواره شهدا", "این طرح"
            if view.keys[ent.start] in self.lex.determiners:
                continue
            type_ = "other"
            for s, e, trig in found.bare:
                if s < ent.end and ent.start < e:
                    type_ = trig.type  # NER says this bare trigger names an event
                    break
            else:
                for k in range(ent.start, ent.end):
                    inner = self._trigger_at(view.keys, k)
                    if inner is not None:
                        type_ = inner[0].type
                        break
                if (ent.end - ent.start == 1) and type_ != "other":
                    continue  # a trigger word alone is no name
            mkey = ("n", "".join(view.keys[ent.start : ent.end]))
            out.append(_Mention(ent.start_char, ent.end_char, _clean(ent.text), type_, mkey))
        return out

    # -- events

    def _events(
        self, view: _DocView | None, mentions: list[_Mention], people: list[Person], where: str
    ) -> list[Event]:
        # in reading order: the kicker and the title come before the text
        unique = {(m.field, m.start, m.end): m for m in mentions}.values()
        mentions = sorted(unique, key=_reading_order)
        by_key: dict[tuple[str, ...], list[_Mention]] = {}
        for m in mentions:
            by_key.setdefault(m.key, []).append(m)
        groups = self._merge_shorter(list(by_key.values()))
        person_sents = [
            (p.id, {self._sentence(view, m.start) for m in p.mentions if m.field == where})
            for p in people
            if view is not None
        ]
        events: list[Event] = []
        for n, (head, every) in enumerate(groups, 1):
            group = [m for m in every if m.field == where]  # the mentions in the text read for the rest
            sents = {self._sentence(view, m.start) for m in group} if view is not None else set()
            events.append(
                Event(
                    id=f"e{n}",
                    name=head.name,
                    type=head.type,
                    date=self._date(view, group) if view is not None else None,
                    location=self._location(view, group) if view is not None else None,
                    participants=[pid for pid, ps in person_sents if ps & sents],
                    mentions=[Mention(m.start, m.end, m.field) for m in every],
                )
            )
        return events

    @staticmethod
    def _merge_shorter(groups: list[list[_Mention]]) -> list[tuple[_Mention, list[_Mention]]]:
        """Groups whose name's words all stand in a fuller name of the same type are that event ("جام
        جهانی" after "جام جهانی برزیل"), unless one is inside the other ("گرامیداشت ... دهه فجر").
        Returns (the mention with the fullest name, the mentions in text order), in text order."""
        words = [_name_words(g[0].name) for g in groups]
        target = list(range(len(groups)))

        def root(i: int) -> int:
            while target[i] != i:
                i = target[i]
            return i

        def inside(a: list[_Mention], b: list[_Mention]) -> bool:
            return any(x.field == y.field and y.start <= x.start and x.end <= y.end for x in a for y in b)

        for i in sorted(range(len(groups)), key=lambda k: len(words[k])):
            best = None
            for j in range(len(groups)):
                if j == i or root(j) == root(i) or groups[j][0].type != groups[i][0].type:
                    continue
                if not words[i] or not words[i] <= words[j] or len(words[j]) < len(words[i]):
                    continue
                if inside(groups[i], groups[j]) or inside(groups[j], groups[i]):
                    continue
                if best is None or len(words[j]) > len(words[best]):
                    best = j
            if best is not None:
                target[root(i)] = root(best)
        merged: dict[int, list[int]] = {}
        for i in range(len(groups)):
            merged.setdefault(root(i), []).append(i)
        out = []
        for members in merged.values():
            mentions = sorted((m for i in members for m in groups[i]), key=_reading_order)
            # the first mention of the fullest name: the title's when it has one
            head = max(
                members, key=lambda i: (len(words[i]), groups[i][0].field != "body", -groups[i][0].start)
            )
            out.append((groups[head][0], mentions))
        return sorted(out, key=lambda g: _reading_order(g[1][0]))

    @staticmethod
    def _sentence(view: _DocView, char: int) -> int:
        return bisect_right(view.sent_starts, char) - 1

    def _by_sentence(self, view: _DocView, pool: str) -> dict[int, list[tuple[int, int, str]]]:
        """A view's dates or places grouped by sentence, made once per view (a lookup per mention, not a
        scan of the whole text)."""
        made = view.by_sentence.get(pool)
        if made is None:
            made = view.by_sentence[pool] = {}
            for item in getattr(view, pool):
                made.setdefault(self._sentence(view, item[0]), []).append(item)
        return made

    def _date(self, view: _DocView, group: list[_Mention]) -> str | None:
        dates = self._by_sentence(view, "date_spans")
        for m in group:
            near = [
                (self._distance(m, s, e), jalali)
                for s, e, jalali in dates.get(self._sentence(view, m.start), ())
            ]
            if near:
                return min(near)[1]
        return None

    def _location(self, view: _DocView, group: list[_Mention]) -> str | None:
        best: tuple[int, int, str] | None = None
        pools = (self._by_sentence(view, "places"), self._by_sentence(view, "ner_places"))
        for order, m in enumerate(group):
            sent = self._sentence(view, m.start)
            for pool in pools:
                in_sentence = pool.get(sent)
                if not in_sentence:
                    continue
                for s, e, text in in_sentence:
                    if s <= m.start < e:
                        continue  # a place that holds the trigger is the event misread (NER)
                    if s >= m.start and e <= m.end:
                        rank = 0  # inside: "نمازجمعه تهران"
                    elif s >= m.end and len(view.text[m.end : s].split()) <= 1:
                        rank = 1  # right after: "همایش ملی ... در تهران"
                    else:
                        rank = 2 + self._distance(m, s, e)
                    cand = (rank, order, _clean(text))
                    if best is None or cand < best:
                        best = cand
                break  # the gazetteer's places, when it found any here, else the NER's
        return best[2] if best is not None else None

    @staticmethod
    def _distance(m: _Mention, s: int, e: int) -> int:
        if e <= m.start:
            return m.start - e
        if s >= m.end:
            return s - m.end
        return 0

    # the lexicon is shared per process: pickle the settings only
    def __getstate__(self) -> dict[str, Any]:
        return {
            "max_chain": self.max_chain,
            "use_ner": self.use_ner,
            "triggers": self.triggers,
            "spans_key": self.spans_key,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(**state)  # type: ignore[misc]


@Language.factory(
    "newsmine_events",
    default_config={"max_chain": 8, "use_ner": True, "triggers": "event_triggers.txt", "spans_key": "events"},
    requires=["doc.ents", "doc.spans", "doc._.people", "doc._.links"],
    assigns=["doc._.events", "doc.spans"],
)
def make_event_finder(
    nlp: Language, name: str, max_chain: int, use_ner: bool, triggers: str, spans_key: str
) -> EventFinder:
    """``max_chain``: most modifiers a phrase takes; ``use_ner``: add NER EVENT entities; ``triggers``:
    the trigger file in ``newsmine/resources``; ``spans_key``: the ``doc.spans`` group of every event mention
    (``span._.value`` the mention with its name, type and key), which ``EventFinder.group`` joins across an
    article's texts. It reads ``doc.ents``, the gazetteer's places, the numbers and dates, ``doc._.people``
    and ``doc._.links`` (participants)."""
    return EventFinder(max_chain, use_ner, triggers, spans_key)


def _reading_order(m: _Mention) -> tuple[int, int, int]:
    return ({"kicker": 0, "title": 1}.get(m.field, 2), m.start, m.end)


def _linked_people(doc: Doc) -> list[Person]:
    """``doc._.people`` with the mentions ``doc._.links`` give them (a pronoun after a speaker's name)."""
    people = doc._.people or []
    links = doc._.links or []
    if not links:
        return list(people)
    out = []
    for p in people:
        extra = [Mention(link.start, link.end, doc._.field) for link in links if link.person == p.id]
        out.append(replace(p, mentions=sorted([*p.mentions, *extra], key=lambda m: (m.start, m.end))))
    return out
