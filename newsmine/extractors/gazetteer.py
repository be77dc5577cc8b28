"""``newsmine_gazetteer``: organizations with their canonical names, and locations, in ``doc.spans``.

Runs after ``newsmine_ner`` and writes two span groups:

- ``doc.spans["organizations"]`` (label ORG): NER ORG entities, names from the organization lexicon
  (``resources/organizations.txt``: canonical name and aliases), head-word phrases (an organization head
  such as وزارت، سازمان، مرکز followed by its Ezafe chain of words) and cited sources ("به گزارش خبرنگار
  مهر"). ``span._.value`` is the canonical name, or None when the body is not known.
- ``doc.spans["locations"]`` (label LOC, or FAC for facilities): NER LOC and FAC entities, the place
  gazetteer (``resources/places.txt``) and facility phrases (``resources/facility_heads.txt``:
  "مصلای امام خمینی(ره)"). ``span._.value`` is "country", "province", "city", "facility" or None.

Overlapping candidates keep the longest; no two spans of one group overlap. ``span._.char_span`` holds the
exact character offsets (the Span itself is widened to whole tokens). A place inside an organization's name
("دانشگاه تهران") is not a location mention.

The text functions serve the other components:

>>> text = "رئیس سازمان بسیج ادارات کشور گفت"
>>> end, canonical = match_organization(text, text.index("سازمان"))
>>> text[text.index("سازمان"):end], canonical
('سازمان بسیج ادارات کشور', 'سازمان بسیج ادارات کشور')
>>> canonical_organization("وزارت کار")
'وزارت تعاون، کار و رفاه اجتماعی'
>>> canonical_organization("ایرنا")
'خبرگزاری جمهوری اسلامی'
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from newsmine.extractors import extensions
from newsmine.resources import read_rows
from newsmine.text.chars import ZWNJ, fold, trie_regex

extensions.register()

__all__ = [
    "Gazetteer",
    "Lexicon",
    "Mention",
    "canonical_organization",
    "compact",
    "find_locations",
    "find_organizations",
    "lexicon",
    "make_gazetteer",
    "match_organization",
    "read_organizations",
]

#: kinds a location span's ``._.value`` may take (a region is None)
PLACE_KINDS = ("country", "province", "city", "facility")

_MAX_WORDS = 8  # words after an organization head
_MAX_FACILITY_WORDS = 4  # words after a facility head
_MAX_ANDS = 2  # "و" inside one organization name (مرکز روابط‌عمومی و امور بین‌الملل)
_MAX_DEPTH = 3  # nested bodies: مرکز ... وزارت ...

# --- the matching form of a text ------------------------------------------------------------------------------

_DIACRITICS_RE = re.compile("[\u064b-\u065f\u0670]")
# one letter for one letter: the spellings that alternate in news (رئیس/رییس، تأمین/تامین، قوۀ/قوه)
_LETTERS = str.maketrans({"ئ": "ی", "أ": "ا", "إ": "ا", "آ": "ا", "ۀ": "ه", "ة": "ه", "ؤ": "و"})
_SEPARATORS = str.maketrans("", "", " " + ZWNJ)
_SEP = f"[ {ZWNJ}]?"  # a space in a name: also a ZWNJ, or nothing
_LEFT = rf"(?<![\w{ZWNJ}])"
_RIGHT = rf"(?![\w{ZWNJ}])"
_GAP = re.compile(rf"[ \t\u00a0{ZWNJ}]*")  # between the words of one name (a line break ends a name)
_TOKEN = re.compile(rf"[^\W\d_][\w{ZWNJ}]*|\d+|\S")
_HONORIFIC = re.compile(r" ?\((?:ره|ع|س|ص|عج|قدس سره)\)")  # (ره) after a name is part of it
_QUOTE = re.compile(r"«[^»\n]{1,200}»|\"[^\"\n]{1,200}\"|“[^”\n]{1,200}”")
_WORD_BEFORE = re.compile(rf"[^\W\d_][\w{ZWNJ}]*")
_VERB_PREFIX = ("می" + ZWNJ, "نمی" + ZWNJ)
_CLITICS = frozenset({"اش", "ام", "ات", "ای", "مان", "تان", "شان", "ها", "های", "هایی"})


def _key(text: str) -> str:
    """The matching form of a short string: folded, without diacritics, one spelling per letter."""
    return _DIACRITICS_RE.sub("", fold(text)).translate(_LETTERS)


@lru_cache(maxsize=1 << 16)
def compact(text: str) -> str:
    """The lookup key of a name: its matching form without spaces and ZWNJ.

    >>> compact("وزارت تعاون، کار و رفاه اجتماعی") == compact("وزارت‌تعاون،کار و رفاه اجتماعي")
    True
    >>> compact("قوۀ قضائیه") == compact("قوه قضاییه")
    True
    """
    return _key(text).translate(_SEPARATORS)


@dataclass(frozen=True)
class _Keyed:
    """A text and its matching form; ``idx`` maps matching offsets back (None when they are the same)."""

    text: str
    key: str
    idx: tuple[int, ...] | None

    def orig(self, i: int) -> int:
        """Offset in ``text`` of matching offset ``i`` (an end offset includes trailing diacritics)."""
        return i if self.idx is None else self.idx[i]

    def keypos(self, o: int) -> int:
        """Matching offset of ``text`` offset ``o`` (a diacritic maps to the letter after it)."""
        return o if self.idx is None else bisect_left(self.idx, o)


@lru_cache(maxsize=16)
def _keyed(text: str) -> _Keyed:
    folded = fold(text)
    if _DIACRITICS_RE.search(folded) is None:
        return _Keyed(text, folded.translate(_LETTERS), None)
    kept: list[int] = []
    prev = 0
    for m in _DIACRITICS_RE.finditer(folded):
        kept.extend(range(prev, m.start()))
        prev = m.end()
    kept.extend(range(prev, len(folded) + 1))  # the last one is the end sentinel
    return _Keyed(text, _DIACRITICS_RE.sub("", folded).translate(_LETTERS), tuple(kept))


def _atom(ch: str) -> str:
    if ch == " ":
        return _SEP
    if ch == "،":
        return " ?[،,]"
    return re.escape(ch)


def _names_regex(names: Iterable[str]) -> re.Pattern[str]:
    """A regex matching any of ``names`` (in matching form) as whole words, longest first."""
    variants = {_key(n).replace(ZWNJ, " ") for n in names if n}
    return re.compile(trie_regex(sorted(variants), _atom) + _RIGHT)


def _split(field: str) -> list[str]:
    return [a.strip() for a in field.split("|") if a.strip()]


# --- the lexicon ----------------------------------------------------------------------------------------------


def read_organizations() -> list[tuple[str, list[str], list[str]]]:
    """The rows of ``organizations.txt``: (canonical name, aliases, source-only aliases).

    >>> rows = read_organizations()
    >>> next(r for r in rows if r[0] == "خبرگزاری مهر")[2]
    ['مهر']
    """
    out = []
    for row in read_rows("organizations.txt"):
        canonical = row[0].strip()
        aliases = _split(row[1]) if len(row) > 1 else []
        sources = _split(row[2]) if len(row) > 2 else []
        out.append((canonical, aliases, sources))
    return out


def _verb_forms(past: str, present: str) -> set[str]:
    """Inflected forms (matching form, no ZWNJ) of a verb given its past and present stems."""
    forms = {past + "ن"}  # infinitive
    glide = "ی" if present.endswith(("ا", "آ")) else ""
    for pre in ("", "ن", "می", "نمی"):
        forms.update(pre + past + end for end in ("", "م", "ی", "یم", "ید", "ند"))
        forms.update(pre + past + "ه" + end for end in ("", "ام", "ای", "است", "ایم", "اید", "اند"))
    for pre in ("می", "نمی", "ب", "ن"):
        forms.update(pre + present + glide + end for end in ("م", "ی", "د", "یم", "ید", "ند"))
    # the bare present with -ی is a noun suffix written apart ("اطلاع رسانی", "سرمایه گذاری"): not a verb
    forms.update(present + glide + end for end in ("د", "ند"))
    return {compact(f) for f in forms}


class Lexicon:
    """Everything the gazetteer matches with, read from the resource files and compiled once.

    Use :func:`lexicon` for the shared instance.
    """

    def __init__(self) -> None:
        # organizations: alias -> canonical
        self.canonical: dict[str, str] = {}
        self.source_only: dict[str, str] = {}
        self.conflicts: list[tuple[str, str, str]] = []  # (alias, first canonical, second canonical)
        aliases: list[str] = []
        sources: list[str] = []
        tails: dict[str, set[str]] = {}
        for canon, names, source_names in read_organizations():
            for name in [canon, *names]:
                self._add(self.canonical, name, canon)
                aliases.append(name)
                if "،" in name and " " in name:  # "تعاون، کار و رفاه اجتماعی": a known list after the head
                    tails.setdefault(name.split(" ", 1)[1], set()).add(canon)
            for name in source_names:
                self._add(self.source_only, name, canon)
                sources.append(name)
        self.tail_canonical = {compact(t): next(iter(c)) for t, c in tails.items() if len(c) == 1}

        # head words and the words that end a name
        rows = read_rows("org_heads.txt")
        by_kind: dict[str, list[list[str]]] = {}
        for row in rows:
            if len(row) >= 2:
                by_kind.setdefault(row[1].strip(), []).append(row)
        heads = by_kind.get("head", []) + by_kind.get("unit", [])
        self.heads = {compact(r[0]) for r in heads}
        self.units = {compact(r[0]) for r in by_kind.get("unit", [])}
        self.vetoes = {compact(r[0]): {compact(w) for w in _split(r[2])} for r in heads if len(r) > 2}
        self.name_words = {compact(r[0]) for r in by_kind.get("name", [])}
        self.people = {compact(r[0]) for r in by_kind.get("people", [])}
        self.bylines = {compact(r[0]) for r in by_kind.get("byline", [])}
        self.ordinals = {compact(r[0]) for r in by_kind.get("ordinal", [])}
        self.numbered = {compact(r[0]) for r in by_kind.get("numbered", [])}
        self.connectors = {compact("استان"), compact("شهرستان")}
        self.slogan_cues = {compact(r[0]) for r in by_kind.get("slogan", [])}
        self.light: set[str] = set()
        for row in by_kind.get("light", []):
            self.light |= _verb_forms(*_key(row[0]).split("#"))
        self.verbs = set(self.light)
        for row in by_kind.get("verb", []):
            self.verbs |= _verb_forms(*_key(row[0]).split("#"))
        self.verbs -= {compact("داده")}  # data, as in مرکز داده
        self.verbs |= {compact(r[0].split()[-1]) for r in read_rows("speech_verbs.txt")}
        first_words = [r[0].split()[0] for r in read_rows("titles.txt") + read_rows("honorifics.txt")]
        months = [
            r[0] for r in read_rows("calendar_words.txt") if len(r) > 1 and r[1] in ("jmonth", "gmonth")
        ]
        numbers = [r[0] for r in read_rows("number_words.txt") if len(r) > 2 and r[2] == "cardinal"]
        self.stop = {
            compact(w) for w in [r[0] for r in by_kind.get("stop", [])] + first_words + months + numbers
        }
        self.stop -= self.name_words
        self.copulas = self.light | {w for w in self.stop if w.startswith(("است", "هست", "نیست"))}
        self.given = {compact(r[0]) for r in read_rows("ner_given_names.txt")} - self.name_words

        # places
        rank = {"country": 0, "city": 1, "province": 2, "region": 3}
        self.place_kind: dict[str, str] = {}
        place_names: list[str] = []
        for row in read_rows("places.txt"):
            name, kind = row[0].strip(), row[1].strip()
            names = [name]
            if kind == "province" and not name.startswith("استان "):
                names.append("استان " + name)
            for i, n in enumerate(names):
                k, n_kind = compact(n), ("province" if i else kind)
                if k not in self.place_kind or rank[n_kind] < rank[self.place_kind[k]]:
                    self.place_kind[k] = n_kind
                place_names.append(n)
        self.iran = {compact(n) for n in ("ایران", "جمهوری اسلامی ایران", "جمهوری اسلامی", "کشورمان")}
        facility_rows = read_rows("facility_heads.txt")
        self.facility_heads = {compact(r[0]) for r in facility_rows}
        self.facility_vetoes = {
            compact(r[0]): {compact(w) for w in _split(r[1])} for r in facility_rows if len(r) > 1
        }

        # compiled once
        self.open_aliases = {k for k in self.canonical if k in self.heads}
        self.alias_re = _names_regex(aliases)
        self.cited_re = _names_regex(aliases + sources)
        self.head_re = _names_regex(r[0] for r in heads)
        self.tail_re = _names_regex(tails)
        self.place_re = _names_regex(place_names)
        self.facility_re = re.compile(_LEFT + _names_regex(r[0] for r in facility_rows).pattern)
        start = trie_regex(
            sorted({_key(n).replace(ZWNJ, " ") for n in aliases} | {_key(r[0]) for r in heads}), _atom
        )
        self.start_re = re.compile(_LEFT + start + _RIGHT)
        self.places_scan_re = re.compile(_LEFT + self.place_re.pattern)
        cues = rf"به{_SEP}(?:گزارش|نقل{_SEP}از)|خبرنگار(?:ان)?|گزارشگر|گفت{_SEP}(?:و{_SEP})?گو{_SEP}با"
        self.citation_re = re.compile(_LEFT + f"(?:{cues})" + _RIGHT)
        self.dateline_re = re.compile(rf"(?m)^[ \t]*({self.cited_re.pattern})[ \t]*[:\-ـ–—]")

    def _add(self, table: dict[str, str], name: str, canon: str) -> None:
        key = compact(name)
        old = self.canonical.get(key) or self.source_only.get(key)
        if old is not None and old != canon:
            self.conflicts.append((name, old, canon))
            return
        table[key] = canon

    @property
    def bodies(self) -> int:
        """How many organizations the lexicon knows."""
        return len(set(self.canonical.values()))

    # --- organizations: one phrase at a position ---

    def parse(self, t: _Keyed, p: int, depth: int = 0) -> tuple[int, str | None] | None:
        """The organization phrase at matching offset ``p``: (end, canonical or None), or None."""
        k = t.key
        if p > 0 and (k[p - 1].isalnum() or k[p - 1] in "_" + ZWNJ):
            return None
        m = self.alias_re.match(k, p)
        h = self.head_re.match(k, p)
        head = compact(h.group()) if h is not None else None
        if m is not None:
            alias = compact(m.group())
            if alias not in self.open_aliases:
                return self._after_known(t, m.end(), self.canonical[alias], head in self.units, depth)
        if h is None or head is None:
            return None
        return self._chain(t, p, h.end(), head, self.canonical.get(head), depth)

    def _after_known(self, t: _Keyed, end: int, canon: str, unit: bool, depth: int) -> tuple[int, str | None]:
        """A lexicon name ends at ``end``; it may be followed by a country (a foreign body of the same
        name: وزارت خارجه آمریکا) or, for a unit (مرکز ...), by the body it belongs to."""
        k = t.key
        end = _honorific_end(k, end)
        q = _GAP.match(k, end).end()
        pm = self.place_re.match(k, q)
        if pm is not None and not _word_char_before(k, q):
            place = compact(pm.group())
            if place in self.iran:
                return pm.end(), canon
            if self.place_kind.get(place) in ("country", "region"):
                return pm.end(), None
        tok = _TOKEN.match(k, q)
        if tok is not None and compact(tok.group()) in self.iran:  # کشورمان
            return tok.end(), canon
        if unit and depth < _MAX_DEPTH and self.head_re.match(k, q) is not None:
            sub = self.parse(t, q, depth + 1)
            if sub is not None and sub[1] is not None:
                return sub[0], f"{canon} {sub[1]}"
        return end, canon

    def _chain(
        self, t: _Keyed, p: int, head_end: int, head: str, canon: str | None, depth: int
    ) -> tuple[int, str | None] | None:
        """A head word and the Ezafe chain after it; ``canon`` is the head's own canonical name (مجلس)."""
        k = t.key
        end = cur = _honorific_end(k, head_end)
        words: list[str] = []
        ands = 0
        pending_and = after_place = False
        prev = head
        while len(words) < _MAX_WORDS:
            q = _GAP.match(k, cur).end()
            m = self.alias_re.match(k, q)
            if m is not None and self.head_re.match(k, q) is not None:
                # a known body inside the chain: "X of that body" (مرکز روابط‌عمومی ... وزارت کار)
                if pending_and or after_place or depth >= _MAX_DEPTH:
                    break
                sub = self.parse(t, q, depth + 1)
                if sub is not None:
                    sub_canon = sub[1]
                    if sub_canon is not None:
                        sub_canon = f"{_surface(t, p, end)} {sub_canon}"
                    return sub[0], sub_canon
            m = m or self.tail_re.match(k, q)
            if m is not None:  # a name that is no body of its own here (آموزش و پرورش، تعاون، کار و رفاه ...)
                if pending_and or after_place:
                    break  # "X و آموزش و پرورش": another body
                end = cur = _honorific_end(k, m.end())
                words.append(compact(m.group()))
                continue
            tok = _TOKEN.match(k, q)
            if tok is None:
                break
            w = tok.group()
            word = compact(w)
            if word == "و":
                if pending_and or after_place or ands >= _MAX_ANDS or not words:
                    break
                pending_and, ands, cur = True, ands + 1, tok.end()
                continue
            if not words:
                vetoes = self.vetoes.get(head, ())
                if word in vetoes or ("<place>" in vetoes and self._place_at(k, q)):
                    return None
                if canon is not None and self._before(k, tok.end(), self.copulas):
                    break  # "ارتش آماده است": a predicate, not a name
            if w[0].isdigit():
                if pending_and or prev not in self.numbered:
                    break
            elif (pm := self.place_re.match(k, q)) is not None:
                tok = pm  # a place ends the name, but for another place: شهرداری زرند کرمان
                word = compact(pm.group())
                after_place = True
            elif after_place and word not in self.connectors:
                break  # استانداری هرمزگان | جاسم جادری
            elif not (canon is not None and word in self.ordinals):  # مجلس دهم
                if not self._name_word(w, word, prev, people=not words, given=True):
                    break
                if pending_and and word in self.heads:
                    break
                if self._before(k, tok.end(), self.light):
                    break  # "... اظهار کرد", "... برگزار شد"
            end = cur = _honorific_end(k, tok.end())
            words.append(word)
            prev = word
            pending_and = False
        if not words:
            return (end, canon) if canon is not None else None
        if len(words) == 1 and words[0].endswith("ی") and "<adjective>" in self.vetoes.get(head, ()):
            return None  # روزنامه آمریکایی، شبکه خبری: a description
        if canon is not None and ("".join(words) in self.iran or all(w in self.ordinals for w in words)):
            return end, canon
        return end, None

    def _before(self, k: str, end: int, words: set[str]) -> bool:
        """Whether the word after offset ``end`` is one of ``words``."""
        nxt = _TOKEN.match(k, _GAP.match(k, end).end())
        return nxt is not None and compact(nxt.group()) in words

    def _place_at(self, k: str, q: int) -> bool:
        return self.place_re.match(k, q) is not None

    def _name_word(self, w: str, word: str, prev: str, people: bool, given: bool = False) -> bool:
        """Whether a word may continue a name. ``people``: a people noun may (right after the head);
        ``given``: a given name may not, unless an honorific inside the name comes before it (امام رضا)."""
        if not w[0].isalpha() or word in self.stop or word in self.verbs or w.startswith(_VERB_PREFIX):
            return False
        if word.endswith("ترین"):
            return False  # a superlative describes: شرکت اینتل جدیدترین ...
        if ZWNJ in w:
            stem, _, clitic = w.rpartition(ZWNJ)
            if clitic in _CLITICS and compact(stem) in self.stop:
                return False  # درباره‌اش، این‌ها
        if word in self.people:
            return people
        return not (given and word in self.given and prev not in self.name_words)

    def canonical_of(self, t: _Keyed, s: int, e: int) -> str | None:
        """The canonical name of the organization written at matching offsets [s, e), or None."""
        key = compact(t.key[s:e])
        if key in self.canonical:
            return self.canonical[key]
        if key in self.source_only:  # something already known to be an organization, named "مهر"
            return self.source_only[key]
        found = self.parse(t, s)
        if found is not None and found[0] == e:
            return found[1]
        if key in self.tail_canonical:
            return self.tail_canonical[key]
        if " " in t.key[s:e].strip() and "وزارت" + key in self.canonical:  # امور خارجه -> وزارت امور خارجه
            return self.canonical["وزارت" + key]
        return None

    # --- whole texts ---

    def organizations(self, t: _Keyed) -> Iterator[tuple[int, int, str | None, int]]:
        """(start, end, canonical, rank) in matching offsets: lexicon and head-word phrases (rank 0), then
        cited sources (rank 1): "به گزارش (خبرنگار ...) X"، "به نقل از X"، "خبرنگار X"، "گفت‌وگو با X" and
        "X:" at a line's start, where X may be a source-only alias (مهر، فارس)."""
        k = t.key
        pos = 0
        while (m := self.start_re.search(k, pos)) is not None:
            found = self.parse(t, m.start())
            if found is None:
                pos = m.end()
                continue
            yield m.start(), found[0], found[1], 0
            pos = found[0]
        for m in self.citation_re.finditer(k):
            q = m.end()
            for _ in range(5):
                q = _GAP.match(k, q).end()
                a = self.cited_re.match(k, q)
                if a is not None:
                    key = compact(a.group())
                    yield q, a.end(), self.canonical.get(key) or self.source_only[key], 1
                    break
                tok = _TOKEN.match(k, q)
                if tok is None or compact(tok.group()) not in self.bylines:
                    break
                q = tok.end()
        for m in self.dateline_re.finditer(k):
            key = compact(m.group(1))
            yield m.start(1), m.end(1), self.canonical.get(key) or self.source_only[key], 1

    def slogans(self, t: _Keyed) -> list[tuple[int, int]]:
        """Quoted plan names and slogans (طرح «دولت مردمی؛ وزارت پاسخگو»), in matching offsets."""
        k = t.key
        out = []
        for m in _QUOTE.finditer(k):
            before = _WORD_BEFORE.findall(k, max(0, m.start() - 60), m.start())[-3:]
            if any(compact(w) in self.slogan_cues for w in before):
                out.append(m.span())
        return out

    def places(self, t: _Keyed) -> Iterator[tuple[int, int, str | None, int]]:
        """(start, end, kind, rank) in matching offsets: gazetteer places (rank 0) and facilities (rank 1)."""
        k = t.key
        for m in self.places_scan_re.finditer(k):
            kind = self.place_kind[compact(m.group())]
            yield m.start(), m.end(), (kind if kind in PLACE_KINDS else None), 0
        for m in self.facility_re.finditer(k):
            end = self._facility_end(k, m.end(), compact(m.group()))
            if end is not None:
                yield m.start(), end, "facility", 1

    def _facility_end(self, k: str, head_end: int, head: str) -> int | None:
        """End of the name after a facility head (at most a few words, through "(ره)"), or None."""
        cur, end = head_end, None
        after_place = False
        for i in range(_MAX_FACILITY_WORDS):
            q = _GAP.match(k, cur).end()
            tok: re.Match[str] | None = _TOKEN.match(k, q)
            if tok is None:
                break
            w = tok.group()
            word = compact(w)
            if i == 0 and word in self.facility_vetoes.get(head, ()):
                return None
            if (pm := self.place_re.match(k, q)) is not None:
                tok, after_place = pm, True  # ورزشگاه غدیر اهواز
            elif after_place:
                break
            # given names are common in street and hospital names (بیمارستان امام رضا): no given-name rule
            elif word == "و" or word in self.facility_heads or not self._name_word(w, word, "", people=False):
                break
            elif self._before(k, tok.end(), self.light):
                break
            cur = end = tok.end()
            after = _honorific_end(k, cur)
            if after != cur:
                return after
        return end


def _honorific_end(k: str, end: int) -> int:
    m = _HONORIFIC.match(k, end)
    return m.end() if m is not None else end


def _word_char_before(k: str, q: int) -> bool:
    return q > 0 and (k[q - 1].isalnum() or k[q - 1] == ZWNJ)


def _surface(t: _Keyed, s: int, e: int) -> str:
    """The text at matching offsets [s, e) as written, spaces collapsed, letters folded."""
    return " ".join(fold(t.text[t.orig(s) : t.orig(e)]).split())


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The shared :class:`Lexicon`, read and compiled once per process."""
    return Lexicon()


# --- the text API ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Mention:
    """One organization or location found in a text: character offsets, the value, and where it came from.

    ``value``: the canonical name of an organization, or the kind of a location; None when unknown.
    ``source``: "lexicon" (lexicon or head-word phrase), "citation", "gazetteer", "facility" or "ner".
    """

    start: int
    end: int
    value: str | None
    source: str


def match_organization(text: str, start: int) -> tuple[int, str | None] | None:
    """The longest organization phrase starting exactly at character ``start`` of ``text``.

    Returns ``(end, canonical or None)``, or None when no lexicon name or head word starts there. A phrase
    is a lexicon name (commas inside it included) or a head word and its Ezafe chain, which may end in a
    known body: its canonical name is then the chain with that body's canonical name.

    >>> t = "رئیس مرکز بازرسی، ارزیابی عملکرد و ارتباطات مردمی وزارت تعاون، خدمت"
    >>> end, canonical = match_organization(t, 5)
    >>> t[5:end]
    'مرکز بازرسی، ارزیابی عملکرد و ارتباطات مردمی وزارت تعاون'
    >>> canonical
    'مرکز بازرسی، ارزیابی عملکرد و ارتباطات مردمی وزارت تعاون، کار و رفاه اجتماعی'
    >>> match_organization(t, 0) is None
    True
    """
    if not 0 <= start < len(text):
        return None
    t = _keyed(text)
    found = lexicon().parse(t, t.keypos(start))
    if found is None:
        return None
    return t.orig(found[0]), found[1]


def canonical_organization(name: str) -> str | None:
    """The canonical name of an organization name or alias, or None when it is not a known body.

    Spelling variants (ي/ك، ZWNJ or space, hamza forms) are the same name. A ministry's name without
    "وزارت" (as after وزیر) is found too when it has more than one word.

    >>> canonical_organization("وزارت علوم")
    'وزارت علوم، تحقیقات و فناوری'
    >>> canonical_organization("تعاون، کار و رفاه اجتماعی")
    'وزارت تعاون، کار و رفاه اجتماعی'
    >>> canonical_organization("شرکت ناشناخته") is None
    True
    """
    name = name.strip()
    if not name:
        return None
    t = _keyed(name)
    return lexicon().canonical_of(t, 0, len(t.key))


def _resolve(
    cands: Iterable[tuple[int, int, str | None, int, str]],
) -> list[tuple[int, int, str | None, str]]:
    """Keep the longest of overlapping candidates (then the lower rank, then the earlier); sorted by start."""
    kept: list[tuple[int, int, str | None, str]] = []
    starts: list[int] = []
    for s, e, value, _rank, source in sorted(cands, key=lambda c: (c[0] - c[1], c[3], c[0])):
        if e <= s:
            continue
        i = bisect_left(starts, s)
        if (i > 0 and kept[i - 1][1] > s) or (i < len(kept) and kept[i][0] < e):
            continue
        starts.insert(i, s)
        kept.insert(i, (s, e, value, source))
    return kept


def _inside(spans: list[tuple[int, int, str | None, str]], starts: list[int], s: int, e: int) -> bool:
    """Whether [s, e) lies inside one of ``spans`` (sorted, not overlapping; ``starts`` their starts)."""
    i = bisect_left(starts, s + 1) - 1
    return i >= 0 and spans[i][0] <= s and e <= spans[i][1]


def _overlaps(ranges: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(a < e and s < b for a, b in ranges)


def _find(
    text: str,
    ner: Iterable[tuple[int, int, str]] = (),
) -> tuple[list[Mention], list[Mention]]:
    """Organizations and locations in ``text``; ``ner`` gives (start, end, label) entities to merge."""
    lex = lexicon()
    t = _keyed(text)
    ents = list(ner)
    slogans = lex.slogans(t)
    cands = [(s, e, v, r, "lexicon" if r == 0 else "citation") for s, e, v, r in lex.organizations(t)]
    for s, e, label in ents:
        if label == "ORG":
            trimmed = _trim_ner(lex, t, t.keypos(s), t.keypos(e))
            if trimmed is not None:
                cands.append((*trimmed, lex.canonical_of(t, *trimmed), 2, "ner"))
    cands = [c for c in cands if not _overlaps(slogans, c[0], c[1])]
    orgs = _resolve(cands)

    persons = [(t.keypos(s), t.keypos(e)) for s, e, label in ents if label == "PER"]
    places = []
    for s, e, kind, rank in lex.places(t):
        if rank == 0 and _overlaps(persons, s, e):
            continue  # a name (مهران، موریس) the NER read as a person
        places.append((s, e, kind, rank, "gazetteer" if rank == 0 else "facility"))
    for s, e, label in ents:
        if label in ("LOC", "FAC"):
            ks, ke = t.keypos(s), t.keypos(e)
            kind = lex.place_kind.get(compact(t.key[ks:ke]))
            if label == "FAC" or lex.facility_re.match(t.key, ks):
                kind = "facility"
            places.append((ks, ke, kind if kind in PLACE_KINDS else None, 2, "ner"))
    org_starts = [o[0] for o in orgs]
    places = [c for c in places if not _inside(orgs, org_starts, c[0], c[1])]
    locs = _resolve(places)
    return (
        [Mention(t.orig(s), t.orig(e), v, src) for s, e, v, src in orgs],
        [Mention(t.orig(s), t.orig(e), v, src) for s, e, v, src in locs],
    )


def _trim_ner(lex: Lexicon, t: _Keyed, s: int, e: int) -> tuple[int, int] | None:
    """An NER organization cut before a word no name has (وزارت مبنی -> وزارت); None when nothing is left
    but a bare head word, or the entity is not a name at all."""
    k = t.key
    end = s
    pos = s
    first = True
    while pos < e:
        tok = _TOKEN.match(k, _GAP.match(k, pos).end())
        if tok is None or tok.end() > e:
            break
        word = compact(tok.group())
        if not first and (word in lex.stop or word in lex.verbs or word == "مردم"):
            break
        if tok.group()[0].isalnum() or tok.group() in "،()":
            end = tok.end()
        first = False
        pos = tok.end()
    while end > s and k[end - 1] in " ،," + ZWNJ:
        end -= 1
    if end <= s:
        return None
    key = compact(k[s:end])
    if key in lex.heads and key not in lex.canonical:
        return None
    return s, end


def find_organizations(text: str) -> list[Mention]:
    """Organizations in ``text`` by the lexicon, head-word phrases and cited sources (no NER).

    >>> [(m.value, m.source) for m in find_organizations("به گزارش خبرنگار مهر، ایسنا و سپاه ...")]
    [('خبرگزاری مهر', 'citation'), ('خبرگزاری دانشجویان ایران', 'lexicon'), ('سپاه پاسداران انقلاب اسلامی', 'lexicon')]
    """
    return _find(text)[0]


def find_locations(text: str) -> list[Mention]:
    """Places and facilities in ``text`` by the gazetteer (no NER); none inside an organization's name.

    >>> text = "در مصلای امام خمینی(ره) تهران و دانشگاه تهران"
    >>> [(text[m.start : m.end], m.value) for m in find_locations(text)]
    [('مصلای امام خمینی(ره)', 'facility'), ('تهران', 'city')]
    """
    return _find(text)[1]


# --- the spaCy component --------------------------------------------------------------------------------------


class Gazetteer:
    """Writes ``doc.spans[orgs_key]`` and ``doc.spans[locations_key]`` from the lexicons and ``doc.ents``."""

    def __init__(self, orgs_key: str = "organizations", locations_key: str = "locations") -> None:
        self.orgs_key = orgs_key
        self.locations_key = locations_key
        lexicon()  # read and compile now: a broken resource fails when the pipeline is built

    def __call__(self, doc: Doc) -> Doc:
        ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        orgs, locs = _find(doc.text, ents)
        doc.spans[self.orgs_key] = self._spans(doc, orgs, "ORG")
        doc.spans[self.locations_key] = self._spans(doc, locs, "LOC")
        return doc

    @staticmethod
    def _spans(doc: Doc, mentions: list[Mention], label: str) -> list[Span]:
        """Token spans for ``mentions`` (label FAC for a facility); one that would overlap when widened to
        whole tokens is left out."""
        spans: list[Span] = []
        last_end = -1
        for m in mentions:
            kind = "FAC" if m.value == "facility" else label
            span = doc.char_span(m.start, m.end, label=kind, alignment_mode="expand")
            if span is None or span.start < last_end:
                continue  # widened to whole tokens, it would overlap the previous one
            span._.value = m.value
            span._.char_span = (m.start, m.end)
            spans.append(span)
            last_end = span.end
        return spans


@Language.factory(
    "newsmine_gazetteer",
    default_config={"orgs_key": "organizations", "locations_key": "locations"},
    assigns=["doc.spans"],
)
def make_gazetteer(nlp: Language, name: str, orgs_key: str, locations_key: str) -> Gazetteer:
    """``orgs_key``, ``locations_key``: the ``doc.spans`` keys written."""
    return Gazetteer(orgs_key, locations_key)
