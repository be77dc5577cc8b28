"""``newsmine_gazetteer``: organizations with their canonical names, and locations, in ``doc.spans``.

Runs after ``newsmine_ner`` and writes two span groups:

- ``doc.spans["organizations"]`` (label ORG): NER ORG entities, names from the organization lexicon
  (``resources/organizations.txt``: canonical name and aliases), head-word phrases (an organization head
  such as وزارت، سازمان، مرکز followed by its Ezafe chain of words), cited sources ("به گزارش خبرنگار
  مهر") and outlets' quoted names (روزنامه صهیونیستی «هاآرتص»). ``span._.value`` is the canonical name,
  or None when the body is not known. A known body followed by a province or city is its branch there
  (اوقاف فارس: "سازمان اوقاف و امور خیریه استان فارس"); a short form of a body the text also names with a
  place after it is that body (ارتش beside ارتش تایلند، اداره دامپزشکی beside اداره دامپزشکی میبد).
- ``doc.spans["locations"]`` (label LOC, or FAC for facilities): NER LOC and FAC entities, the place
  gazetteer (``resources/places.txt``) and facility phrases (``resources/facility_heads.txt``:
  "مصلای امام خمینی(ره)"). ``span._.value`` is "country", "province", "city", "facility" or None.
  A place is named without its classing word ("استان یزد" and "شهرستان ماکو" are یزد and ماکو) and a
  city after a facility's name is a place of its own ("ورزشگاه آزادی" and "تهران").

NER entities are checked before they are kept: an ORG that is a place is a location; one after وزیر (a
portfolio), after a determiner or a number, or opening with a title word, a people noun, a plural or a
demonym is none; one running past a known name by a word is cut there.

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
from newsmine.lang.chars import ZWNJ, fold, trie_regex
from newsmine.lang.docs import text as doc_text
from newsmine.lang.keys import Keyed, key, keyed, spelling
from newsmine.lang.lexicon import COMPLEMENT_VERBS, Lexicon

extensions.register()

__all__ = [
    "Gazetteer",
    "Matcher",
    "Mention",
    "canonical_organization",
    "find_locations",
    "find_organizations",
    "make_gazetteer",
    "match_organization",
    "matcher",
]

#: kinds a location span's ``._.value`` may take (a region is None)
PLACE_KINDS = ("country", "province", "city", "facility")

_MAX_WORDS = 8  # words after an organization head
_MAX_FACILITY_WORDS = 4  # words after a facility head
_MAX_ANDS = 2  # "و" inside one organization name (مرکز روابط‌عمومی و امور بین‌الملل)
_MAX_DEPTH = 3  # nested bodies: مرکز ... وزارت ...

# --- the matching form of a text ------------------------------------------------------------------------------

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
_POSSESSIVES = frozenset(
    {"اش", "ام", "ات", "مان", "تان", "شان", "یشان", "هایش", "هایشان", "هایمان", "هایتان"}
)
_PLURALS = frozenset({"ها", "های", "هایی"})
_PREV_TOKEN = re.compile(rf"([^\W_][\w{ZWNJ}]*)[ \t\u00a0{ZWNJ}]*\Z")
_OPEN_QUOTE = re.compile('[«"“]')
_CLOSE_QUOTE = re.compile('[»"”]')
_NATIONAL = ("جمهوری اسلامی ایران", "کشور", "ایران")  # dropped from a body's name before its branch's place
_TEAM_PREFIXES = ("تیمفوتبال", "باشگاهفوتبال", "تیم")  # compact forms: "تیم فوتبال X" is club X
_CLUB = "باشگاه"


def _atom(ch: str) -> str:
    if ch == " ":
        return _SEP
    if ch == "،":
        return " ?[،,]"
    return re.escape(ch)


def _names_regex(names: Iterable[str]) -> re.Pattern[str]:
    """A regex matching any of ``names`` (in matching form) as whole words, longest first."""
    variants = {spelling(n).replace(ZWNJ, " ") for n in names if n}
    return re.compile(trie_regex(sorted(variants), _atom) + _RIGHT)


class Matcher(Lexicon):
    """The shared :class:`~newsmine.lang.lexicon.Lexicon` tables and the regexes and rules the gazetteer
    matches with, compiled once. Use :func:`matcher` for the shared instance.
    """

    def __init__(self) -> None:
        super().__init__()
        # compiled once
        self.open_aliases = {k for k in self.canonical if k in self.heads}
        self.alias_re = _names_regex(self.alias_names)
        self.cited_re = _names_regex(self.alias_names + self.source_names)
        self.head_re = _names_regex(self.head_names)
        self.tail_re = _names_regex(self.tail_names)
        self.place_re = _names_regex(self.place_names)
        self.facility_re = re.compile(_LEFT + _names_regex(self.facility_names).pattern)
        start = trie_regex(
            sorted(
                {spelling(n).replace(ZWNJ, " ") for n in self.alias_names}
                | {spelling(h) for h in self.head_names}
            ),
            _atom,
        )
        self.start_re = re.compile(_LEFT + start + _RIGHT)
        self.places_scan_re = re.compile(_LEFT + self.place_re.pattern)
        outlets = trie_regex(sorted({spelling(m).replace(ZWNJ, " ") for m in self.media_names}), _atom)
        self.outlet_re = re.compile(
            rf"{_LEFT}(?:{outlets})(?P<words>(?:[ {ZWNJ}]+[^\W\d_][\w{ZWNJ}]*){{0,3}}?)[ {ZWNJ}]*"
            r"(?:«(?P<a>[^»\n]{1,40})»|\"(?P<b>[^\"\n]{1,40})\"|“(?P<c>[^”\n]{1,40})”)"
        )
        cues = rf"به{_SEP}(?:گزارش|نقل{_SEP}از)|خبرنگار(?:ان)?|گزارشگر|گفت{_SEP}(?:و{_SEP})?گو{_SEP}با"
        self.citation_re = re.compile(_LEFT + f"(?:{cues})" + _RIGHT)
        self.dateline_re = re.compile(rf"(?m)^[ \t]*({self.cited_re.pattern})[ \t]*[:\-ـ–—]")

    # --- organizations: one phrase at a position ---

    def parse(self, t: Keyed, p: int, depth: int = 0) -> tuple[int, str | None] | None:
        """The organization phrase at matching offset ``p``: (end, canonical or None), or None."""
        k = t.key
        if p > 0 and (k[p - 1].isalnum() or k[p - 1] in "_" + ZWNJ):
            return None
        m = self.alias_re.match(k, p)
        h = self.head_re.match(k, p)
        head = key(h.group()) if h is not None else None
        found = None
        if m is not None:
            alias = key(m.group())
            if alias not in self.open_aliases:
                found = self._after_known(t, m.end(), self.canonical[alias], head in self.units, depth)
        if found is None:
            if h is None or head is None:
                return None
            if depth == 0 and self._counted(k, p):
                return None  # "این اداره"، "۴۰۰ شرکت": a common noun
            found = self._chain(t, p, h.end(), head, self.canonical.get(head), depth)
        if found is not None and found[1] is not None and self._foreign_after(k, found[0]):
            return found[0], None  # "وزارت بهداشت این کشور": a foreign body of that name
        return found

    def _disease_before(self, k: str, p: int) -> bool:
        """Whether a disease word stands one or two words before offset ``p`` (تب مالت، تب کریمه کنگو)."""
        words = _WORD_BEFORE.findall(k, max(0, p - 30), p)[-2:]
        return any(key(w) in self.diseases for w in words)

    def club(self, name: str) -> str | None:
        """The club a team's name (its key) names: "تیم فوتبال پرسپولیس" is باشگاه پرسپولیس."""
        for prefix in _TEAM_PREFIXES:
            rest = name.removeprefix(prefix)
            club = self.canonical.get(rest) or self.source_only.get(rest) if rest != name else None
            if club is not None and club.startswith(_CLUB):
                return club
        return None

    def _counted(self, k: str, p: int) -> bool:
        """Whether a determiner or a number stands right before offset ``p`` (این سازمان، دو شرکت)."""
        before = _token_before(k, p)
        return before is not None and (
            before in self.determiners or before in self.cardinals or before.isdigit()
        )

    def _foreign_after(self, k: str, end: int) -> bool:
        """Whether "این کشور" or "آن کشور" follows offset ``end``."""
        a = _TOKEN.match(k, _GAP.match(k, end).end())
        if a is None or key(a.group()) not in ("این", "آن"):
            return False
        b = _TOKEN.match(k, _GAP.match(k, a.end()).end())
        return b is not None and key(b.group()) == "کشور"

    def _place_after(self, k: str, q: int) -> tuple[int, str, int] | None:
        """A place at ``q``, maybe after a classing word (شهرستان بم): (end, kind, start of the name). The
        kind is "city" after شهرستان or شهر, "province" after استان."""
        name = q
        tok = _TOKEN.match(k, q)
        if tok is not None and key(tok.group()) in self.place_words and self.place_re.match(k, q) is None:
            name = _GAP.match(k, tok.end()).end()
        pm = self.place_re.match(k, name)
        if pm is None or _word_char_before(k, name):
            return None
        p_kind = self.place_kind[key(pm.group())]
        if name != q and tok is not None:
            p_kind = {"استان": "province", "شهرستان": "city", "شهر": "city"}.get(key(tok.group()), p_kind)
        return pm.end(), p_kind, name

    def _branch(self, canon: str, t: Keyed, s: int, e: int, p_kind: str) -> str:
        """The name of a body's branch in the place at matching offsets [s, e) (its classing word
        included): "<body> استان <province>", "<body> شهرستان <county>", "<body> <city>"."""
        base = canon
        for suffix in _NATIONAL:
            if base.endswith(" " + suffix):
                base = base[: -len(suffix) - 1]
                break
        place = _surface(t, s, e)
        name_key = key(place)
        if not name_key.startswith(("استان", "شهرستان", "شهر")) and (
            p_kind == "province" or name_key in self.provinces
        ):
            place = "استان " + place  # اوقاف فارس، آموزش و پرورش قم: the province's directorate
        return f"{base} {place}"

    def _after_known(self, t: Keyed, end: int, canon: str, unit: bool, depth: int) -> tuple[int, str | None]:
        """A lexicon name ends at ``end``; it may be followed by a country (a foreign body of the same
        name: وزارت خارجه آمریکا) or, for a unit (مرکز ...), by the body it belongs to."""
        k = t.key
        end = _honorific_end(k, end)
        q = _GAP.match(k, end).end()
        found = self._place_after(k, q)
        if found is not None:
            p_end, p_kind, p_start = found
            if key(k[p_start:p_end]) in self.iran:
                return p_end, canon
            if p_kind in ("country", "region") or canon.startswith(_CLUB):
                return p_end, None  # وزارت خارجه آمریکا، پرسپولیس گناوه: another body of that name
            return p_end, self._branch(canon, t, q, p_end, p_kind)  # اوقاف فارس: the branch in Fars
        tok = _TOKEN.match(k, q)
        if tok is not None and key(tok.group()) in self.iran:  # کشورمان
            return tok.end(), canon
        if unit and depth < _MAX_DEPTH and self.head_re.match(k, q) is not None:
            sub = self.parse(t, q, depth + 1)
            if sub is not None and sub[1] is not None:
                return sub[0], f"{canon} {sub[1]}"
        return end, canon

    def _chain(
        self, t: Keyed, p: int, head_end: int, head: str, canon: str | None, depth: int
    ) -> tuple[int, str | None] | None:
        """A head word and the Ezafe chain after it; ``canon`` is the head's own canonical name (مجلس)."""
        k = t.key
        end = cur = _honorific_end(k, head_end)
        words: list[str] = []
        ands = 0
        pending_and = after_place = False
        prev = head
        first_at = place_at = place_end = -1  # where the first word and the first place start
        place_kind = ""
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
                words.append(key(m.group()))
                first_at = q if first_at < 0 else first_at
                continue
            tok = _TOKEN.match(k, q)
            if tok is None:
                break
            w = tok.group()
            word = key(w)
            if word == "و":
                if pending_and or after_place or ands >= _MAX_ANDS or not words:
                    break
                pending_and, ands, cur = True, ands + 1, tok.end()
                continue
            if (prev, word) in self.joiners and not after_place:  # مبارزه با مواد مخدر
                end = cur = tok.end()
                words.append(word)
                prev = word
                continue
            if not words:
                vetoes = self.vetoes.get(head, ())
                if word in vetoes or ("<place>" in vetoes and self._place_at(k, q)):
                    return None
                if canon is not None and self._before(k, tok.end(), self.copulas):
                    break  # "ارتش آماده است": a predicate, not a name
            if w[0].isdigit() or (word in self.cardinals and prev in self.numbered):
                if pending_and or prev not in self.numbered:
                    break  # شبکه یک، منطقه ۲
            elif (pm := self.place_re.match(k, q)) is not None:
                tok = pm  # a place ends the name, but for another place: شهرداری زرند کرمان
                word = key(pm.group())
                if not after_place:
                    place_at, place_end, place_kind = q, pm.end(), self.place_kind[word]
                after_place = True
            elif after_place and word not in self.connectors:
                break  # استانداری هرمزگان | جاسم جادری
            elif not (canon is not None and word in self.ordinals):  # مجلس دهم
                if not self._name_word(w, word, prev, people=not words, given=True):
                    break
                if pending_and and (word in self.heads or word in self.facility_heads):
                    break  # "اداره دامپزشکی و میدان شهدا": another thing
                if self._before(k, tok.end(), self.light):
                    break  # "... اظهار کرد", "... برگزار شد"
            if first_at < 0:
                first_at = q
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
        if (
            canon is not None
            and place_kind in ("province", "city")
            and place_end == end
            and all(w in self.place_words for w in words[:-1])
        ):
            return end, self._branch(canon, t, first_at, place_end, place_kind)  # سپاه شهرستان بم
        if head in self.press and canon is None:  # روزنامه کامرسانت: named کامرسانت
            name_end = place_at if first_at < place_at else end
            return end, _surface(t, first_at, name_end) or None
        return end, self.club(key(k[p:end]))

    def _before(self, k: str, end: int, words: set[str]) -> bool:
        """Whether the word after offset ``end`` is one of ``words``."""
        nxt = _TOKEN.match(k, _GAP.match(k, end).end())
        return nxt is not None and key(nxt.group()) in words

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
            if clitic in _CLITICS and key(stem) in self.stop:
                return False  # درباره‌اش، این‌ها
        if word in self.people:
            return people
        return not (given and word in self.given and prev not in self.name_words)

    def canonical_of(self, t: Keyed, s: int, e: int) -> str | None:
        """The canonical name of the organization written at matching offsets [s, e), or None."""
        name_key = key(t.key[s:e])
        if name_key in self.canonical:
            return self.canonical[name_key]
        if name_key in self.source_only:  # something already known to be an organization, named "مهر"
            return self.source_only[name_key]
        if (club := self.club(name_key)) is not None:
            return club
        found = self.parse(t, s)
        if found is not None and found[0] == e:
            return found[1]
        if name_key in self.tail_canonical:
            return self.tail_canonical[name_key]
        if (
            " " in t.key[s:e].strip() and "وزارت" + name_key in self.canonical
        ):  # امور خارجه -> وزارت امور خارجه
            return self.canonical["وزارت" + name_key]
        return None

    # --- whole texts ---

    def organizations(self, t: Keyed) -> Iterator[tuple[int, int, str | None, int]]:
        """(start, end, canonical, rank) in matching offsets: lexicon and head-word phrases (rank 0), then
        cited sources (rank 1): "به گزارش (خبرنگار ...) X"، "به نقل از X"، "خبرنگار X"، "گفت‌وگو با X" and
        "X:" at a line's start, where X may be a source-only alias (مهر، فارس)."""
        k = t.key
        described: set[int] = set()  # outlet words before a quoted name: a description, not a name
        for m in self.outlet_re.finditer(k):
            words = _TOKEN.findall(k, m.start("words"), m.end("words"))
            if any(key(w) in self.stop or key(w) in self.verbs or w.startswith(_VERB_PREFIX) for w in words):
                continue  # "روزنامه نوشت «...»": a quotation
            group = next(g for g in ("a", "b", "c") if m.group(g) is not None)
            if len(m.group(group).split()) > 4:
                continue
            name_key = key(m.group(group))
            described.add(m.start())
            yield (
                m.start(group),
                m.end(group),
                self.canonical.get(name_key) or self.source_only.get(name_key),
                1,
            )
        pos = 0
        while (m := self.start_re.search(k, pos)) is not None:
            if m.start() in described:
                pos = m.end()
                continue
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
                    name_key = key(a.group())
                    yield q, a.end(), self.canonical.get(name_key) or self.source_only[name_key], 1
                    break
                tok = _TOKEN.match(k, q)
                if tok is None or key(tok.group()) not in self.bylines:
                    break
                q = tok.end()
        for m in self.dateline_re.finditer(k):
            name_key = key(m.group(1))
            yield m.start(1), m.end(1), self.canonical.get(name_key) or self.source_only[name_key], 1

    def slogans(self, t: Keyed) -> list[tuple[int, int]]:
        """Quoted plan names and slogans (طرح «دولت مردمی؛ وزارت پاسخگو»), in matching offsets."""
        k = t.key
        out = []
        for m in _QUOTE.finditer(k):
            before = _WORD_BEFORE.findall(k, max(0, m.start() - 60), m.start())[-3:]
            if any(key(w) in self.slogan_cues for w in before):
                out.append(m.span())
        return out

    def places(self, t: Keyed) -> Iterator[tuple[int, int, str | None, int]]:
        """(start, end, kind, rank) in matching offsets: gazetteer places (rank 0) and facilities (rank 1)."""
        k = t.key
        for m in self.places_scan_re.finditer(k):
            kind = self.place_kind[key(m.group())]
            if self._disease_before(k, m.start()):
                continue  # تب مالت، تب کریمه کنگو: a disease
            yield self._bare(k, m.start(), m.end()), m.end(), (kind if kind in PLACE_KINDS else None), 0
        for m in self.facility_re.finditer(k):
            end = self._facility_end(k, m.end(), key(m.group()))
            if end is not None:
                yield m.start(), end, "facility", 1

    def place_pieces(self, t: Keyed, s: int, e: int, fac: bool = False) -> list[tuple[int, int, str | None]]:
        """The places in an NER place entity at matching offsets [s, e): classing and surrounding words
        dropped (شهرستان ماکو، جنوب بغداد), a city after a name split off (سینما تربیت | قم), nothing for a
        word that names no place (جهان، دبیرستان، کره‌ای‌ها). ``fac``: the NER said facility."""
        k = t.key
        whole = [m for m in _TOKEN.finditer(k, s, e) if m.group()[0].isalnum()]
        toks = whole
        classed: str | None = None
        while toks and self.place_re.match(k, toks[0].start()) is None:
            word = key(toks[0].group())
            if word not in self.place_words and word not in self.place_modifiers:
                break
            if len(toks) > 1 and toks[1].group()[0].isdigit():
                break  # منطقه ۲۲: a numbered area
            classed = word if word in self.place_words else classed
            toks = toks[1:]
        if not toks:
            return []
        if toks is not whole and not classed and len(toks) > 1 and not self._spans_place(k, toks):
            toks = whole  # منطقه ویژه اقتصادی مهران: more than a place after the word, left whole
        s0, e0 = toks[0].start(), _honorific_end(k, toks[-1].end())
        first = key(toks[0].group())
        if (
            first in self.stop
            or first == "و"
            or (_plural(toks[0].group()) and not self._spans_place(k, toks[1:]))
        ):
            return []  # "... و شمال کشور"، نمایشگاه‌های ...
        if len(toks) == 1 and (
            first in self.no_place
            or first in self.facility_heads
            or first in self.heads
            or self.demonym(first)
            or (toks is not whole and not classed and first in self.common)  # منطقه مرزی
        ):
            return []
        if self._spans_place(k, toks):
            kind = self.place_kind[key(k[s0:e0])]
            return [(self._bare(k, s0, e0), e0, kind if kind in PLACE_KINDS else None)]
        vetoed = len(toks) > 1 and key(toks[1].group()) in self.facility_vetoes.get(first, ())
        facility = not vetoed and (fac or first in self.facility_heads)
        for j in range(1, len(toks)):
            if not self._spans_place(k, toks[j:]):
                continue
            q = toks[j].start()
            x = toks[:j]
            while x and key(x[-1].group()) in self.place_words:
                x = x[:-1]  # کریم‌آباد شهرستان تویسرکان
            p_kind = self.place_kind[key(k[q:e0])]
            place = (self._bare(k, q, e0), e0, p_kind if p_kind in PLACE_KINDS else None)
            named = [key(w.group()) for w in x[1:]]
            if facility and (len(x) == 1 or all(w in self.descriptors for w in named)):
                return [(s0, e0, "facility")]  # فرودگاه مشهد، نیروگاه اتمی بوشهر: named by its city
            lone = len(x) == 1 and (not classed or key(x[0].group()) in self.common)
            part = first in self.heads or (first in self.numbered and first not in self.place_modifiers)
            if not x or vetoed or lone or part or _plural(x[0].group()):
                return [place]  # اردوی امارات، شهر زیبای بجستان، ایستگاه آتش‌نشانی آبادان: only the place
            if not (classed or facility):
                break  # محور خوی – چای‌پاره: one name
            x_kind = self.place_kind.get(key(k[x[0].start() : x[-1].end()]))
            if facility:
                x_kind = "facility"
            elif x_kind not in PLACE_KINDS:
                x_kind = {"استان": "province", "شهرستان": "city", "شهر": "city", "کشور": "country"}.get(
                    classed or "", None
                )
            return [(x[0].start(), _honorific_end(k, x[-1].end()), x_kind), place]
        if vetoed:
            return []
        kind = self.place_kind.get(key(k[s0:e0]))
        if facility:
            kind = "facility"
        return [(s0, e0, kind if kind in PLACE_KINDS else None)]

    def _spans_place(self, k: str, toks: list[re.Match[str]]) -> bool:
        """Whether the words ``toks`` are one gazetteer place, whole."""
        if not toks:
            return False
        pm = self.place_re.match(k, toks[0].start())
        return pm is not None and pm.end() == toks[-1].end()

    def ner_place(self, t: Keyed, s: int, e: int) -> list[tuple[int, int, str | None]] | None:
        """The place an NER organization at [s, e) is, when it is one: a country, province or region
        (لبنان، قلمرو جمهوری آذربایجان), a city after مردم (مردم یزد), none that names a known body (فارس)."""
        k = t.key
        q = s
        while (tok := _TOKEN.match(k, _GAP.match(k, q).end())) is not None and tok.end() < e:
            if self.place_re.match(k, tok.start()) is not None:
                break
            word = key(tok.group())
            if word not in self.place_words and word not in self.place_modifiers:
                break
            q = tok.end()
        q = _GAP.match(k, q).end()
        pm = self.place_re.match(k, q)
        if pm is None or pm.end() != e:
            return None
        name_key = key(pm.group())
        if name_key in self.canonical or name_key in self.source_only:
            return None  # فارس: the agency
        kind = self.place_kind[name_key]
        if kind == "city" and q == s and _token_before(k, s) != "مردم":
            return None  # بارسلونا، میلان: a city's name is also its club's
        return [(self._bare(k, q, e), e, kind if kind in PLACE_KINDS else None)]

    def place_tail(self, k: str, s: int, e: int) -> int | None:
        """Where a place (maybe after a classing word) ends the organization at [s, e), after its first
        word: "اداره دامپزشکی | میبد"; None when none does."""
        for tok in _TOKEN.finditer(k, s, e):
            if tok.start() == s:
                continue
            found = self._place_after(k, tok.start())
            if found is not None and found[0] == e:
                return tok.start()
        return None

    def _bare(self, k: str, s: int, e: int) -> int:
        """Where the name of the place at [s, e) starts: after "استان" when the rest is a place by itself."""
        name_key = key(k[s:e])
        if name_key.startswith("استان") and name_key[5:] in self.place_kind:
            return _GAP.match(k, s + 5).end()
        return s

    def _facility_end(self, k: str, head_end: int, head: str) -> int | None:
        """End of the name after a facility head (at most a few words, through "(ره)"), or None. A place
        right after the head is the name (فرودگاه مشهد); after other words it is a place of its own."""
        cur, end = head_end, None
        prev = head
        described = True  # only describing words so far (بین‌المللی، اتمی)
        for i in range(_MAX_FACILITY_WORDS):
            q = _GAP.match(k, cur).end()
            tok: re.Match[str] | None = _TOKEN.match(k, q)
            if tok is None:
                break
            w = tok.group()
            word = key(w)
            if i == 0 and word in self.facility_vetoes.get(head, ()):
                return None
            if (pm := self.place_re.match(k, q)) is not None:
                if i == 0 or prev in self.name_words or described:
                    return pm.end()  # فرودگاه مشهد، میدان شهدای میبد، نیروگاه اتمی بوشهر: the place names it
                return end  # ورزشگاه آزادی | تهران: a place of its own
            if _plural(w):
                break
            # given names are common in street and hospital names (بیمارستان امام رضا): no given-name rule,
            # and honorifics belong to them (امامزاده سید هاشم، بیمارستان دکتر شریعتی)
            elif word == "و" or word in self.facility_heads:
                break
            elif word not in self.honorific_words and not self._name_word(w, word, "", people=False):
                break
            elif self._before(k, tok.end(), self.light_not_be):
                break
            prev = word
            described = described and word in self.descriptors
            cur = end = tok.end()
            after = _honorific_end(k, cur)
            if after != cur:
                return after
        return end


def _token_before(k: str, p: int) -> str | None:
    """The matching key of the word or number right before offset ``p`` (spaces only between), or None."""
    m = _PREV_TOKEN.search(k, max(0, p - 40), p)
    return key(m.group(1)) if m is not None else None


def _plural(w: str) -> bool:
    return ZWNJ in w and w.rsplit(ZWNJ, 1)[1] in _PLURALS


def _honorific_end(k: str, end: int) -> int:
    m = _HONORIFIC.match(k, end)
    return m.end() if m is not None else end


def _word_char_before(k: str, q: int) -> bool:
    return q > 0 and (k[q - 1].isalnum() or k[q - 1] == ZWNJ)


def _surface(t: Keyed, s: int, e: int) -> str:
    """The text at matching offsets [s, e) as written, spaces collapsed, letters folded."""
    return " ".join(fold(t.text[t.orig(s) : t.orig(e)]).split())


@lru_cache(maxsize=1)
def matcher() -> Matcher:
    """The shared :class:`Matcher`, read and compiled once per process."""
    return Matcher()


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
    t = keyed(text)
    found = matcher().parse(t, t.keypos(start))
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
    t = keyed(name)
    return matcher().canonical_of(t, 0, len(t.key))


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
    lex = matcher()
    t = keyed(text)
    k = t.key
    # a "person" that opens with a word classing a place is that place: "ولسوالی دولتیار", "روستای ..."
    ents = [
        (s, e, "LOC" if label == "PER" and _classed_place(lex, k, t.keypos(s)) else label)
        for s, e, label in ner
    ]
    slogans = lex.slogans(t)
    cands = [(s, e, v, r, "lexicon" if r == 0 else "citation") for s, e, v, r in lex.organizations(t)]
    places: list[tuple[int, int, str | None, int, str]] = []
    named: list[tuple[int, int]] = []  # persons named at the end of an NER organization
    for s, e, label in ents:
        if label == "ORG":
            ks, ke = t.keypos(s), t.keypos(e)
            as_place = lex.ner_place(t, ks, ke)
            if as_place is not None:  # "مردم یزد": the NER took the place for its people's body
                places.extend((ps, pe, kind, 2, "ner") for ps, pe, kind in as_place)
                continue
            for ps, pe in _fixture_sides(k, ks, ke):
                trimmed = _trim_ner(lex, t, ps, pe)
                if trimmed is not None:
                    cands.append((*trimmed, lex.canonical_of(t, *trimmed), 2, "ner"))
                    rest = _TOKEN.search(k, trimmed[1], pe)
                    if rest is not None and _person_tail(lex, k, rest.start(), pe):
                        named.append((rest.start(), pe))  # "فولاد مهران موسوی": مهران is no city here
    cands = [c for c in cands if not _overlaps(slogans, c[0], c[1])]
    orgs = _corefer(lex, t, [_directorate(lex, t, o) for o in _resolve(cands)])

    persons = [(t.keypos(s), t.keypos(e)) for s, e, label in ents if label == "PER"] + named
    for s, e, kind, rank in lex.places(t):
        if rank == 0 and _overlaps(persons, s, e):
            continue  # a name (مهران، موریس) the NER read as a person
        places.append((s, e, kind, rank, "gazetteer" if rank == 0 else "facility"))
    for s, e, label in ents:
        if label in ("LOC", "FAC"):
            ks, ke = t.keypos(s), t.keypos(e)
            if lex._disease_before(k, ks):
                continue  # تب کریمه کنگو: a disease
            fac = label == "FAC" or lex.facility_re.match(k, ks) is not None
            places.extend((ps, pe, kind, 2, "ner") for ps, pe, kind in lex.place_pieces(t, ks, ke, fac))
    org_starts = [o[0] for o in orgs]
    places = [c for c in places if not _inside(orgs, org_starts, c[0], c[1])]
    locs = _resolve(places)
    return (
        [Mention(t.orig(s), t.orig(e), v, src) for s, e, v, src in orgs],
        [Mention(t.orig(s), t.orig(e), v, src) for s, e, v, src in locs],
    )


def _trim_ner(lex: Matcher, t: Keyed, s: int, e: int) -> tuple[int, int] | None:
    """An NER organization cut before a word no name has (وزارت مبنی -> وزارت); None when nothing is left
    but a bare head word, or the entity is not a name at all: a minister's portfolio (وزیر امور خارجه), a
    counted or pointed-at common noun (دو شرکت، این اداره), a title or people noun (نمایندگان پارلمان), a
    plural or a demonym (کانون‌های ...، تایلندی). An outlet word before a quoted name leaves the name."""
    k = t.key
    quote = _OPEN_QUOTE.search(k, s, e)
    first = _TOKEN.match(k, s)
    if quote is not None and first is not None and key(first.group()) in lex.media:
        s = quote.end()  # پایگاه اینترنتی "ایلاف": the name
        close = _CLOSE_QUOTE.search(k, s, e)
        e = close.start() if close is not None else e
    before = _token_before(k, s)
    if before is not None and (before in lex.determiners or before in lex.cardinals or before.isdigit()):
        return None
    if before in lex.portfolio and lex.canonical_of(t, s, e) is None:
        return None  # وزیر امور خارجه روسیه: a portfolio (a known ministry's stays, for the title)
    tok = _TOKEN.match(k, _GAP.match(k, s).end())
    while tok is not None and tok.end() < e and key(tok.group()) in lex.qualifiers:
        s = tok.end()  # "(مدیرکل) جدید تبلیغات اسلامی ...": a word of the title before it
        tok = _TOKEN.match(k, _GAP.match(k, s).end())
    if tok is None or tok.end() > e:
        return None
    s = tok.start()
    word = key(tok.group())
    if word in lex.openers or _plural(tok.group()) or (tok.end() >= e and lex.demonym(word)):
        return None
    end = s
    pos = s
    prev = ""
    while pos < e:
        tok = _TOKEN.match(k, _GAP.match(k, pos).end())
        if tok is None or tok.end() > e:
            break
        w = tok.group()
        word = key(w)
        if prev and (word in lex.stop or word in lex.verbs or word == "مردم"):
            break
        if prev and lex._before(k, tok.end(), COMPLEMENT_VERBS) and not lex._place_at(k, tok.start()):
            break  # "سازمان افتتاح شد", "فدراسیون پاسخ داد": the word before the verb is its complement
        if prev and ZWNJ in w and w.rsplit(ZWNJ, 1)[1] in _POSSESSIVES:
            break  # خانواده‌هایشان
        if w[0].isdigit() and prev not in lex.numbered:
            break  # تیم 90 دقیقه
        if "_" in w:
            break
        if prev and word in lex.given and prev not in lex.name_words and _person_tail(lex, k, tok.start(), e):
            break  # "فولاد مهران موسوی": a person named after the body
        if word == "و":
            if lex.head_re.match(k, _GAP.match(k, tok.end()).end()) is not None:
                break  # شهرداری و وزارت کشور: two bodies
            prev, pos = word, tok.end()
            continue  # the name goes on only if a word follows
        if w[0].isalnum() or w in "،()":
            end = tok.end()
        prev = word
        pos = tok.end()
    while end > s and k[end - 1] in " ،," + ZWNJ:
        end -= 1
    if end <= s:
        return None
    name_key = key(k[s:end])
    if (
        name_key in lex.heads or name_key in lex.numbered or name_key in lex.no_body
    ) and name_key not in lex.canonical:
        return None  # a bare head, "شعبه" of "شعبه یک", "تیم"
    found = lex.parse(t, s)
    if found is not None and found[1] is not None and s < found[0] < end:
        nxt = _TOKEN.match(k, _GAP.match(k, found[0]).end())
        if nxt is not None and key(nxt.group()) in lex.given:
            end = found[0]  # "خبرگزاری فارس احمد سالک": a person after the body
        elif lex._before(k, end, lex.copulas) and len(_TOKEN.findall(k, found[0], end)) == 1:
            end = found[0]  # "کمیته امداد ارزشمند است": the known name and a predicate
    return s, end


_FIXTURE_DASH = re.compile(r"\s+[-–—]\s*|\s*[-–—]\s+")


def _classed_place(lex: Matcher, k: str, s: int) -> bool:
    """Whether an entity at ``s`` opens with a word that classes a place (ولسوالی، شهرستان، روستای)."""
    tok = _TOKEN.match(k, s)
    return tok is not None and key(tok.group()) in lex.place_words


def _fixture_sides(k: str, s: int, e: int) -> list[tuple[int, int]]:
    """An entity cut at each dash with a space beside it: "شهرخودرو مشهد- پرسپولیس" is two teams of a
    fixture; "واکنش اضطراری-سی‌اف" is one name."""
    out, start = [], s
    for m in _FIXTURE_DASH.finditer(k, s, e):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < e:
        out.append((start, e))
    return out


def _person_tail(lex: Matcher, k: str, s: int, e: int) -> bool:
    """Whether the last words of an entity, from a given name at ``s`` to ``e``, are a person's name: the
    given name and one or two words more, none a head, a place, a given name, a known body or a word no
    name has."""
    toks = list(_TOKEN.finditer(k, s, e))
    if not 2 <= len(toks) <= 3:
        return False
    for m in toks[1:]:
        w = key(m.group())
        if not w[0].isalpha() or w in lex.heads or w in lex.stop or w in lex.given or w in lex.canonical:
            return False
        if lex._place_at(k, m.start()):
            return False
    return True


def _directorate(
    lex: Matcher, t: Keyed, org: tuple[int, int, str | None, str]
) -> tuple[int, int, str | None, str]:
    """After مدیرکل, an unknown body that is no head-word phrase is an اداره کل: "مدیرکل منابع طبیعی
    استان قم" heads "اداره کل منابع طبیعی استان قم"."""
    s, e, value, source = org
    if value is not None or lex.head_re.match(t.key, s) is not None:
        return org
    if not key(t.key[max(0, s - 12) : s]).endswith(tuple(lex.directorates)):
        return org
    return s, e, f"اداره کل {_surface(t, s, e)}", source


def _corefer(
    lex: Matcher, t: Keyed, orgs: list[tuple[int, int, str | None, str]]
) -> list[tuple[int, int, str | None, str]]:
    """A short form of a body the text also names with a place after it is that body: the nearest such
    name before it (else the first after), as its value. "ارتش" beside "ارتش تایلند" is ارتش تایلند."""
    k = t.key
    full: dict[str, list[tuple[int, str]]] = {}
    for s, e, value, _ in orgs:
        split = lex.place_tail(k, s, e)
        if split is not None:
            full.setdefault(key(k[s:split]), []).append((s, value or _surface(t, s, e)))
    if not full:
        return orgs
    out = []
    for s, e, value, source in orgs:
        named = full.get(key(k[s:e]))
        if named:
            before = [n for n in named if n[0] < s]
            value = (before[-1] if before else named[0])[1]
        out.append((s, e, value, source))
    return out


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
        matcher()  # read and compile now: a broken resource fails when the pipeline is built

    def __call__(self, doc: Doc) -> Doc:
        ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        orgs, locs = _find(doc_text(doc), ents)
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
