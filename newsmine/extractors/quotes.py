"""``newsmine_quotes``: who said what, from the speech verbs of ``resources/speech_verbs.txt``.

Each reported statement becomes a :class:`newsmine.schema.Quote` in ``doc._.quotes`` (text order): the
speaker (a person id of ``doc._.people``, an organization's name as written, or None), the speech verb as
written ("اظهارداشت", "افزوده است") and the statement with its character span in ``doc.text``.

>>> import newsmine, newsmine.extractors.quotes
>>> from newsmine.schema import Mention, Person
>>> nlp = newsmine.load(components=[])
>>> text = "فضل‌الله کفیل اظهار کرد: ۵۰۰۰ نشست برگزار شد.\\nوی افزود که کار ادامه دارد."
>>> doc = nlp.make_doc(text)
>>> doc._.people = [Person("p1", "فضل‌الله کفیل", mentions=[Mention(0, 13)])]
>>> doc = nlp.add_pipe("newsmine_quotes")(doc)
>>> [(q.speaker, q.verb, q.text) for q in doc._.quotes]
[('p1', 'اظهار کرد', '۵۰۰۰ نشست برگزار شد'), ('p1', 'افزود', 'کار ادامه دارد')]
>>> [(link.start, link.end, link.person, link.kind) for link in doc._.links]  # "وی": a link, no edit of p1
[(46, 48, 'p1', 'pronoun')]

- **Verbs**: each row of speech_verbs.txt in its past (گفت، گفتند), perfect (گفته است، افزوده‌اند، خبر داده
  بود), present (می‌گوید، تأکید می‌کند) and chained forms ("گفته و افزود", "اعلام کرده که"), the parts of a
  compound written apart, with ZWNJ or together (اظهار داشت، اظهارداشت), and the first part alone when it
  has an object and chains to the next verb ("X را ۳۷۸ اعلام و خاطرنشان کرد"). ZWNJ is no word boundary:
  گفت‌وگو، گفتگو، گفتنی است، گفته‌های وی are no verbs, nor is "گفت و گو". Weak verbs (ادامه داد، اضافه
  کرد، توضیح داد) count only before ":" or "که". Verbs of judgement (دانست، خواند: "object" in the list)
  report only "X را Y دانست": a را object in their clause and a predicate after it that is no place or
  time ("نماز را در مسجد خواند" is no quote), outside a "با بیان اینکه ..." clause.
- **Statement**: after ":" to the end of the paragraph (or the closing » of a statement opened with «),
  cut before the next speech clause of the paragraph; after "که", or after a verb followed straight by the
  statement ("گفت این ..."), to the end of the sentence; for a verb that ends its clause ("کفیل از برگزاری
  ۵۰۰۰ نشست خبر داد."), the clause between the speaker and the verb, less a context before a comma ("با
  اشاره به X، از Y خبر داد": Y); a context alone chained to the next verb is no quote ("با اشاره به X
  تأکید کرد و گفت: Y"). In "وی با بیان اینکه X، گفت: Y" the statement is Y. A verb inside a statement's first sentence or inside an open «...» is part of it unless
  ":" follows it; one in a later sentence of a statement starts a quote when ":" or "که" follows it or its
  clause names its speaker.
- **Speaker**: in the clause before the verb (from the sentence start, the previous quote's verb or a
  colon), past an attribution ("به گزارش خبرنگار مهر،"), the first of: a person mention (→ its id), an
  organization span (→ its name), a pronoun وی/او/ایشان or "این مسئول" (→ the last person speaker; its span
  becomes a :class:`~newsmine.extractors.extensions.Link` to that person in ``doc._.links``), none of them being the object of a preposition (از، به، با...). A
  clause with no subject ("افزود: ...", "و در ادامه گفت") takes the last speaker of the previous three
  sentences; a subject that is a person's name or surname the officials left out ("جنانی افزود") is that
  person; a pronoun before any speaker is the last person mentioned outside statements in the previous
  three sentences; any other subject gives None (and a pronoun after it too).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from newsmine.extractors import extensions
from newsmine.extractors.extensions import Link
from newsmine.lang.chars import fold
from newsmine.lang.docs import sentence_of, sentence_spans
from newsmine.lang.docs import text as doc_text
from newsmine.lang.verbs import conjugate
from newsmine.resources import read_rows
from newsmine.schema import Person, Quote

extensions.register()

__all__ = ["QuoteExtractor", "make_quote_extractor", "speech_verbs"]

Span = tuple[int, int]

_B = r"(?<![\w\u200c])"  # a word starts here (ZWNJ joins: گفت‌وگو is one word)
_E = r"(?![\w\u200c])"  # a word ends here
_SEP = "[ \u200c]?"  # between the parts of a compound: space, ZWNJ or nothing (اظهارداشت)
_WORD = re.compile(r"[\w\u200c]+")
_LAST_WORD = re.compile(r"([\w\u200c]+)[\s«\"'“(]*$")
_STRIP = " \t\n\r\u200c:،,.؛;!؟?«»\"'“”‹›-–—_*"
_QUOTE_OPEN, _QUOTE_CLOSE = "«", "»"
#: a source attribution opening a clause: "به گزارش خبرنگار مهر،"، "به نقل از روابط عمومی ...،"
_ATTRIBUTION = re.compile(
    r"\s*(?:به\s+(?:گزارش|نوشته|نقل\s+از)|بنا\s*(?:بر|به)\s+(?:این\s+)?گزارش|(?:بر\s*اساس|طبق)\s+(?:این\s+)?گزارش)"
    r"[^،:\n]{0,200}،"
)
#: a dateline opening a paragraph: a place or an agency of one to four words and a dash, and perhaps an
#: agency and a dash after it ("عصر قم - "، "بوشهر- ایرنا- "، "تهران ـ ")
_DATELINE = re.compile(
    r"[ \t]*(?:[^\s:،\-–ـ]+[ \u200c]+){0,3}[^\s:،\-–ـ]+[ \t]*[-–ـ][ \t]+"
    r"(?:(?:[^\s:،\-–ـ]+[ \u200c]*){1,3}[-–ـ][ \t]*)?"
)
_PRONOUN = re.compile(_B + r"(?:وی|او|ایشان|این\s+(?:مقام\s+مسئول|مقام\s+مسؤول|مسئول|مسؤول|مقام))" + _E)
#: words before a mention that make it an object, not the subject ("به گفته او"، "در دیدار با ...")
_PREPOSITIONS = frozenset(
    "از به با برای بر درباره دربارهٔ علیه توسط نزد بین میان جانب سوی خطاب مثل همچون".split()
)
#: first words of a clause that has no subject of its own ("افزود"، "در ادامه گفت"، "و با اشاره به ...")
_NO_SUBJECT = frozenset(
    "با در به از بر برای ضمن همچنین نیز سپس پس طی هم همچنان امروز اکنون هم‌اکنون درباره دربارهٔ "
    "ضمنا ضمناً بنابراین همین".split()
)
#: words before گفت/افزود that make another verb of them (تبریک گفت، ارزش افزوده) unless ":" or "که" follows
_NOT_SPEECH_BEFORE = frozenset("تبریک تسلیت خوشامد خیرمقدم سخن ارزش ترک".split())
#: a clause opening with its context: "با اشاره به ..."، "همچنین با بیان اینکه ..."، "ضمن تشکر از ..."
_CONTEXT = re.compile(r"(?:(?:همچنین|نیز|در\s+ادامه)\s+)*(?:با|ضمن)" + _E)
_CHAINED = re.compile(r"\s+و\s")
#: an object or complement in a clause: "از X خبر داد"، "بر X تأکید کرد"، "X را Y عنوان کرد"
_OBJECT = re.compile(_B + "(?:از|بر|را)" + _E)
#: light verbs whose compound may drop them before "و" when it has an object: "X را Y عنوان و ... کرد"
_CHAIN_LIGHT = frozenset(("کرد", "داشت", "نمود"))
#: the first word after را that makes no judgement of the object ("نماز را در مسجد خواند")
_NOT_PREDICATE = frozenset(fold(w) for w in "در با به از برای تا هم نیز بلند دوباره".split())
#: what after a verb makes a noun of it: "گفت و گو(ها)"، "گفت و شنود"
_NOT_SPEECH_AFTER = re.compile(r"\s*و\s*(?:گو|شنود)")


@dataclass(frozen=True)
class SpeechVerbs:
    """The compiled speech verbs: one regex, named groups per row of the verb list."""

    pattern: re.Pattern[str]
    canonical: dict[str, str]  # group name (v: a verb, h: the first part of a compound alone) -> canonical
    weak: frozenset[str]  # group names of the weak verbs
    objective: frozenset[str] = frozenset()  # group names of verbs that report only with a را object


def _last_word_forms(past: str) -> tuple[str, frozenset[str]]:
    """Regex of the forms of a speech verb's last word, from :func:`newsmine.lang.verbs.conjugate`: the
    third-person past (گفت، گفتند), perfect (گفته است، گفته‌اند), pluperfect (گفته بود), the participle
    chained to what follows ("گفته و"، "کرده که") and the می- present (می‌گوید، می‌کنند); with the letters
    a form can start with."""
    third = [f for f in conjugate(past) if f.person in ("3s", "3p", "") and f.prefix in ("", "می")]
    pasts = sorted({f.parts[0] for f in third if f.tense == "past" and not f.prefix}, key=len, reverse=True)
    auxes = {f.parts[1] for f in third if f.tense == "perfect" and not f.prefix}
    pluperfect = {f.parts[1] for f in third if f.tense == "pluperfect"}
    participle = next(f.parts[0] for f in third if f.tense == "participle" and not f.prefix)
    presents = sorted(
        {f.parts[1] for f in third if f.tense == "present" and f.prefix == "می"}, key=len, reverse=True
    )
    p = re.escape(participle)
    forms = [
        rf"{p}{_SEP}(?:{'|'.join(sorted(auxes, key=len, reverse=True))}){_E}",
        rf"{p}\s(?:{'|'.join(sorted(pluperfect, key=len, reverse=True))}){_E}",
        rf"{p}(?=\s*(?::|که{_E}|و\s))",
        rf"(?:{'|'.join(map(re.escape, pasts))}){_E}",
    ]
    firsts = {participle[0], *(w[0] for w in pasts)}
    if presents:
        forms.append(rf"می{_SEP}(?:{'|'.join(map(re.escape, presents))}){_E}")
        firsts.add("م")
    return "(?:" + "|".join(forms) + ")", frozenset(firsts)


@lru_cache(maxsize=4)
def speech_verbs(resource: str = "speech_verbs.txt", weak: tuple[str, ...] = ()) -> SpeechVerbs:
    """The verbs of ``resource`` (``#`` lines skipped), compiled once per process; ``weak`` are canonical
    verbs that report a statement only before ":" or "که".

    The alternatives are grouped by the letter they start with, behind a look-ahead for that letter: a
    position is tried only against the verbs that can start there (one alternation of all of them was
    tried at every word start, about 4 % of extract time). The order of the alternatives within a letter
    is the order of the list (longest first), so the regex matches what one alternation would. A verb that
    can start with two letters (گفت، می‌گوید) is in both groups, under a group name per letter.
    """
    alternatives: list[tuple[str, str, frozenset[str]]] = []  # (group name, regex, first letters)
    canonical: dict[str, str] = {}
    weak_names: set[str] = set()
    object_names: set[str] = set()
    rows = sorted(read_rows(resource), key=lambda r: -len(r[0].strip()))
    for i, row in enumerate(rows):
        written = fold(row[0].strip())
        canon = row[1].strip() if len(row) > 1 and row[1].strip() else written
        if len(row) > 2 and "object" in row[2].split():
            object_names.add(f"v{i}")
        *head, last = written.split()
        prefix = "".join(re.escape(w) + _SEP for w in head)
        forms, firsts = _last_word_forms(last)
        alternatives.append((f"v{i}", prefix + forms, frozenset(written[0]) if head else firsts))
        if canon in weak or written in weak:
            weak_names.add(f"v{i}")
        elif head and last in _CHAIN_LIGHT:  # "... را اعلام و خاطرنشان کرد": the first part alone
            regex = f"{_SEP.join(map(re.escape, head))}(?=\\s+و\\s)"
            alternatives.append((f"h{i}", regex, frozenset(written[0])))
        canonical[f"h{i}"] = canonical[f"v{i}"] = canon
    by_letter: dict[str, list[str]] = {}
    weak_groups: set[str] = set()
    object_groups: set[str] = set()
    names: dict[str, str] = {}
    for name, regex, firsts in alternatives:
        for letter in sorted(firsts):
            group = f"{name}_{ord(letter):x}"
            by_letter.setdefault(letter, []).append(f"(?P<{group}>{regex})")
            names[group] = canonical[name]
            if name in weak_names:
                weak_groups.add(group)
            if name in object_names:
                object_groups.add(group)
    pattern = re.compile(
        _B
        + "(?:"
        + "|".join(f"(?={re.escape(c)})(?:{'|'.join(alts)})" for c, alts in by_letter.items())
        + ")"
    )
    return SpeechVerbs(pattern, names, frozenset(weak_groups), frozenset(object_groups))


@dataclass
class _Found:
    """A speech verb in the text and what follows it."""

    start: int
    end: int
    mode: str  # "colon", "ke" (که), "after" (the statement right after the verb) or "clause" (before it)
    body: int  # where the statement after the verb starts (colon, ke, after)


@dataclass
class _Draft:
    start: int  # the verb
    end: int
    speaker: str | None
    text_start: int
    text_end: int


class QuoteExtractor:
    """Writes ``doc._.quotes`` from ``doc.text``, ``doc._.people`` and ``doc.spans[orgs_key]``."""

    def __init__(
        self,
        orgs_key: str = "organizations",
        verbs_resource: str = "speech_verbs.txt",
        weak_verbs: Iterable[str] = ("ادامه داد", "اضافه کرد", "توضیح داد"),
        window: int = 3,
    ) -> None:
        self.orgs_key = orgs_key
        self.verbs = speech_verbs(verbs_resource, tuple(fold(v) for v in weak_verbs))
        self.window = window

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes, doc._.links = self.quotes_and_links(doc)
        return doc

    # ---- the verbs ----

    def _found(self, f: str) -> list[_Found]:
        out: list[_Found] = []
        for m in self.verbs.pattern.finditer(f):
            s, e = m.start(), m.end()
            j = e
            while j < len(f) and f[j] in " \t\u200c":
                j += 1
            if f.startswith(":", j):
                mode, body = "colon", j + 1
            elif re.match("که" + _E, f[j : j + 3]):
                mode, body = "ke", j + 2
            elif j >= len(f) or f[j] in "\n.!؟?؛;)،," or re.match("و" + _E, f[j : j + 2]):
                mode, body = "clause", e
            else:
                mode, body = "after", j
            if _NOT_SPEECH_AFTER.match(f, e):
                continue
            if m.lastgroup and m.lastgroup.startswith("h"):
                clause = f[max(f.rfind("\n", 0, s), f.rfind(". ", 0, s), f.rfind("،", 0, s), 0) : s]
                if re.search(_B + "را" + _E, clause):
                    out.append(_Found(s, e, "clause", e))
                continue
            if m.lastgroup in self.verbs.objective:
                # "X را Y دانست/خواند": a judgement reported, its clause before the verb; not "نماز خواند"
                clause = f[max(f.rfind("\n", 0, s), f.rfind(". ", 0, s), 0) : s]
                objects = list(re.finditer(_B + "را" + _E, clause))
                predicate = _WORD.findall(clause[objects[-1].end() :]) if objects else []
                # what the object is judged to be, between را and the verb: none ("پاسخ را می‌دانست": he
                # knew), or a place or time ("نماز را در مسجد خواند": he prayed) is no judgement; nor is
                # one inside "با بیان اینکه ... می‌داند، گفت" (the context of the next verb)
                subordinate = re.search(_B + "(?:اینکه|این" + _SEP + "که|آنکه)" + _E, clause)
                if mode == "clause" and predicate and predicate[0] not in _NOT_PREDICATE and not subordinate:
                    out.append(_Found(s, e, "clause", e))
                continue
            if mode not in ("colon", "ke"):
                if m.lastgroup in self.verbs.weak:
                    continue
                before = _WORD.findall(f[max(0, s - 30) : s])
                if before and before[-1] in _NOT_SPEECH_BEFORE:
                    continue
            out.append(_Found(s, e, mode, body))
        return out

    # ---- the component ----

    def quotes(self, doc: Doc) -> list[Quote]:
        """The quotes of one Doc (``doc._.people`` may be None: pronouns then resolve to nobody)."""
        return self.quotes_and_links(doc)[0]

    def quotes_and_links(self, doc: Doc) -> tuple[list[Quote], list[Link]]:
        """The quotes of one Doc, and the links from the speakers' pronouns (and surnames the officials
        left out) to the person they stand for."""
        text = doc_text(doc)
        f = fold(text)
        found = self._found(f)
        if not found:
            return [], []
        people: list[Person] = list(doc._.people or [])
        mentions = sorted((m.start, m.end, p.id) for p in people for m in p.mentions)
        mention_spans = {(s, e) for s, e, _ in mentions}
        links: list[Link] = []
        names = _name_keys(people)
        orgs = sorted(
            tuple(s._.char_span or (s.start_char, s.end_char))
            for s in (doc.spans[self.orgs_key] if self.orgs_key in doc.spans else [])
        )
        spans = sentence_spans(doc)  # the tokenizer's sentences
        starts = [a for a, _ in spans]

        drafts: list[_Draft] = []
        open_q: _Draft | None = None  # the last quote whose statement runs after its verb
        last_person: str | None = None
        last_any: str | None = None
        last_sentence = -10
        for c in found:
            para_start = f.rfind("\n", 0, c.start) + 1
            sentence = sentence_of(starts, c.start)
            inside = open_q is not None and open_q.text_start <= c.start < open_q.text_end
            first_sentence = (
                inside and open_q is not None and sentence_of(starts, open_q.text_start) == sentence
            )
            quoted = f.count(_QUOTE_OPEN, para_start, c.start) > f.count(_QUOTE_CLOSE, para_start, c.start)
            if (first_sentence or quoted) and c.mode != "colon":
                continue
            clause_start = max(para_start, starts[sentence], drafts[-1].end if drafts else 0)
            colon = f.rfind(":", clause_start, c.start)
            if colon >= 0:
                clause_start = colon + 1
            if clause_start == para_start:  # "عصر قم - رئیس ... گفت", "بوشهر- ایرنا- ...": no speaker
                dl = _DATELINE.match(f, clause_start, c.start)
                clause_start = dl.end() if dl else clause_start
            m = _ATTRIBUTION.match(f, clause_start, c.start)
            region = m.end() if m else clause_start

            # the speaker
            kind, pid, (ss, se) = self._subject(f, region, c.start, mentions, orgs, names)
            if (
                inside
                and not first_sentence
                and c.mode not in ("colon", "ke")
                and kind not in ("person", "pron")
            ):
                continue  # "سازمان نرخ را اعلام می‌کند" inside a statement is part of it
            speaker: str | None = None
            if kind == "person":
                speaker = pid
            elif kind == "org":
                speaker = text[ss:se]
            elif kind == "pron":
                speaker = last_person or self._antecedent(mentions, starts, drafts, region, sentence)
            elif kind == "none" and sentence - last_sentence <= self.window:
                speaker = last_any

            # the statement
            if c.mode == "colon":
                a, b = c.body, f.find("\n", c.body)
                b = len(f) if b < 0 else b
                b = _closing_quote(f, a, b)
            elif c.mode in ("ke", "after"):
                a = c.body
                b = spans[sentence_of(starts, a)][1]
                b = _closing_quote(f, a, b)
            else:
                a, b = _stripped(f, max(se, region), c.start)
                ctx = _CONTEXT.match(f, a, b)
                if ctx and "،" in f[ctx.end() : b]:  # "با اشاره به X، از Y خبر داد": the statement is "از Y"
                    a = f.index("،", ctx.end(), b) + 1
                elif ctx and _CHAINED.match(f, c.end) and not _OBJECT.search(f, a, b):
                    continue  # "با اشاره به X تأکید کرد و گفت: Y": X is the context of the next verb
            a, b = _stripped(f, a, b)
            if a >= b:
                continue
            if inside and open_q is not None:  # the statement before stops where this clause starts
                if clause_start > open_q.text_start:
                    open_q.text_end = min(open_q.text_end, clause_start)
                elif kind in ("person", "pron") and ss > open_q.text_start:  # "گفت: X، وی افزود: Y"
                    open_q.text_end = min(open_q.text_end, ss)
            draft = _Draft(c.start, c.end, speaker, a, b)
            drafts.append(draft)
            if c.mode != "clause":
                open_q = draft
            if kind in ("person", "pron") and speaker is not None:
                if kind == "pron" or (ss, se) not in mention_spans:
                    # a pronoun, or a surname the officials missed: a link, merged into the Record later
                    links.append(Link(ss, se, speaker, "pronoun" if kind == "pron" else "surname", "quotes"))
                last_person = speaker
            elif kind == "unknown":
                last_person = None
            if speaker is not None or kind == "unknown":
                last_any, last_sentence = speaker, sentence

        out: list[Quote] = []
        for d in drafts:
            a, b = _stripped(f, d.text_start, d.text_end)
            if a < b:
                out.append(Quote(d.speaker, text[d.start : d.end], text[a:b], (a, b), doc._.field))
        return out, sorted(set(links), key=lambda link: (link.start, link.end))

    def _subject(
        self,
        f: str,
        start: int,
        end: int,
        mentions: list[tuple[int, int, str]],
        orgs: list[tuple[int, ...]],
        names: dict[tuple[str, ...], str],
    ) -> tuple[str, str | None, Span]:
        """The subject of the clause ``f[start:end]``: ``(kind, person id, its span)``, kind "person",
        "org", "pron", "none" (no subject: the clause is empty or opens with a preposition or an adverb)
        or "unknown" (a subject nobody resolves; the span is then empty at ``start``)."""
        best: tuple[int, int, str, str | None] | None = None
        for s, e, pid in mentions[bisect_right(mentions, (start, -1, "")) :]:
            if s >= end:
                break
            if e <= end and not _object(f, s):
                best = (s, e, "person", pid)
                break
        for s, e in orgs[bisect_left(orgs, (start,)) :]:  # sorted by start: those before the clause skipped
            if (best is not None and s >= best[0]) or s >= end:
                break
            if s >= start and e <= end and not _object(f, s, start, words=3):
                if not any(ms <= s < me for ms, me, _ in mentions):
                    best = (s, e, "org", None)
                    break
        for m in _PRONOUN.finditer(f, start, end):
            if best is not None and m.start() >= best[0]:
                break
            if not _object(f, m.start()):
                return "pron", None, (m.start(), m.end())
        if best is not None:
            return best[2], best[3], (best[0], best[1])
        words = list(_WORD.finditer(f, start, end))
        led = bool(words) and words[0].group() == "و"  # "و نمایشگاه ..." goes on a clause before it
        words = words[1:] if led else words
        for i in range(min(3, len(words))):  # a surname the officials missed: "جنانی افزود"
            for k in range(min(4, len(words) - i), 0, -1):
                pid = names.get(tuple(w.group() for w in words[i : i + k]))
                if pid is not None:
                    return "person", pid, (words[i].start(), words[i + k - 1].end())
        if not words or words[0].group() in _NO_SUBJECT or led:
            return "none", None, (start, start)
        return "unknown", None, (start, start)

    def _antecedent(
        self,
        mentions: list[tuple[int, int, str]],
        starts: list[int],
        drafts: list[_Draft],
        before: int,
        sentence: int,
    ) -> str | None:
        """The person a pronoun means when no quote named a speaker yet: the last person mentioned in the
        previous ``window`` sentences, outside any statement ("«پائولو اتوری» ... برگزیده. وی گفت")."""
        lo = starts[max(0, sentence - self.window)]
        for s, _e, pid in reversed(mentions[: bisect_right(mentions, (before, -1, ""))]):
            if s < lo:
                break
            if not any(d.text_start <= s < d.text_end for d in drafts):
                return pid
        return None


def _object(f: str, pos: int, start: int = 0, words: int = 1) -> bool:
    """Whether the mention at ``pos`` follows a preposition ("به گفته او"، "در دیدار با «X»"), right
    before it or, with ``words`` > 1, that many words back in the clause ("با خبرنگار فارس")."""
    lo = max(start, pos - 30 * words, f.rfind("،", start, pos) + 1)
    before = _WORD.findall(f, lo, pos)[-words:]
    if words == 1:
        m = _LAST_WORD.search(f, max(0, pos - 30), pos)
        return m is not None and m.group(1) in _PREPOSITIONS
    return any(w in _PREPOSITIONS for w in before)


def _name_keys(people: list[Person]) -> dict[tuple[str, ...], str]:
    """The words of each person's name and its last words ("محمدعلی جنانی", "جنانی") -> the person's id,
    for the names no other person shares."""
    keys: dict[tuple[str, ...], str | None] = {}
    for p in people:
        words = tuple(_WORD.findall(fold(p.name or "")))
        for i in range(len(words)):
            key = words[i:]
            if len("".join(key)) >= 3:
                keys[key] = p.id if keys.get(key, p.id) == p.id else None
    return {k: v for k, v in keys.items() if v is not None}


def _closing_quote(f: str, a: int, b: int) -> int:
    """The end of a statement that opens with « at the matching », else ``b``."""
    i = a
    while i < b and f[i] in " \t\u200c":
        i += 1
    if i >= b or f[i] != _QUOTE_OPEN:
        return b
    depth = 0
    for j in range(i, b):
        if f[j] == _QUOTE_OPEN:
            depth += 1
        elif f[j] == _QUOTE_CLOSE:
            depth -= 1
            if depth == 0:
                rest = f[j + 1 : b].lstrip(" \t\u200c")
                # «جیمز ناشوی» یکی از ... : the marks only quote a name
                return j + 1 if not rest or rest[0] in ".،,؛;!؟?" else b
    return b


def _stripped(f: str, a: int, b: int) -> Span:
    """``[a, b)`` without the spaces, punctuation and quote marks around it (and a leading "و"); a mark
    that pairs with one inside stays: "«جیمز» یکی از عکاسان است"."""
    a0, b0 = a, b
    while True:
        while a < b and f[a] in _STRIP:
            a += 1
        while b > a and f[b - 1] in _STRIP:
            b -= 1
        if not (f.startswith("و ", a) and a + 2 <= b):
            break
        a += 2
    opened = f.rfind(_QUOTE_OPEN, a0, a)
    if opened >= 0 and f.count(_QUOTE_CLOSE, a, b) > f.count(_QUOTE_OPEN, a, b):
        a = opened
    closed = f.find(_QUOTE_CLOSE, b, b0)
    if closed >= 0 and f.count(_QUOTE_OPEN, a, b) > f.count(_QUOTE_CLOSE, a, b):
        b = closed + 1
    return a, b


@Language.factory(
    "newsmine_quotes",
    default_config={
        "orgs_key": "organizations",
        "verbs_resource": "speech_verbs.txt",
        "weak_verbs": ["ادامه داد", "اضافه کرد", "توضیح داد"],
        "window": 3,
    },
    requires=["doc._.people", "doc.spans"],
    assigns=["doc._.quotes", "doc._.links"],
)
def make_quote_extractor(
    nlp: Language, name: str, orgs_key: str, verbs_resource: str, weak_verbs: list[str], window: int
) -> QuoteExtractor:
    """The quotes component; it reads ``doc._.people`` and ``doc.spans[orgs_key]``, and writes
    ``doc._.quotes`` and ``doc._.links`` (pronouns and surnames that stand for a person)."""
    return QuoteExtractor(orgs_key, verbs_resource, weak_verbs, window)
