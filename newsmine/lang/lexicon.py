"""The shared lexicon: the word lists of ``newsmine/resources`` read once into lookup tables of :func:`key` s.

Organizations (``organizations.txt``: canonical name, aliases, source-only aliases), the words around their
names (``org_heads.txt``), places (``places.txt``), facility heads, titles' and honorifics' first words,
months, cardinals, given names, common words, and the verbs that end a name (``lang.verbs``). The
gazetteer matches with these tables; officials and the NER features read them too, so each list is read
and keyed in one place.

>>> lex = lexicon()
>>> lex.canonical[key("وزارت کار")]
'وزارت تعاون، کار و رفاه اجتماعی'
>>> lex.place_kind[key("یزد")], key("کرد") in lex.light
('city', True)
"""

from __future__ import annotations

from functools import lru_cache

from newsmine.lang.keys import key
from newsmine.lang.verbs import forms
from newsmine.resources import read_rows

__all__ = ["COMMON_ZIPF", "COMPLEMENT_VERBS", "Lexicon", "calendar_words", "lexicon", "read_organizations"]

COMMON_ZIPF = 3.5  # a word this common (common_words.txt) alone is no place's name (مرزی، زیبای)


#: third-person forms of the light verbs whose complement a name or a title's chain must not swallow
#: ("رئیس سازمان افتتاح شد", "نماینده سنقر پاسخ داد"); not بود/است (a name may stand before a copula: "...
#: ایالات متحده بوده است") nor other persons ("به دانشگاه علوم پزشکی بدهیم")
COMPLEMENT_VERBS = frozenset(
    key(w)
    for w in (
        "شد شدند گردید گردیدند کرد کردند نمود نمودند داد دادند می‌شود می‌شوند می‌کند می‌کنند"
        " شده کرده نموده داده گردیده می‌دهد می‌دهند می‌گردد"  # "هشدار داده است", "متهم شده است"
    ).split()
)


@lru_cache(maxsize=16)
def calendar_words(*kinds: str) -> tuple[str, ...]:
    """The words of ``calendar_words.txt`` of ``kinds`` (every kind when none), as the other stages use
    them: to stop a name or title, or to fill a claim pattern. The Afghan month names are left out (they
    are common nouns too, حمل، سرطان، میزان، جدی, and mark a date only beside a day or year, which
    ``text.dates`` decides), and so are the nouns that name a year (بودجه، انتخابات).

    >>> "بهمن" in calendar_words("jmonth"), "حمل" in calendar_words("jmonth"), "بودجه" in calendar_words()
    (True, False, False)
    """
    return tuple(
        r[0]
        for r in read_rows("calendar_words.txt")
        if len(r) > 1
        and r[0].strip()
        and (not kinds or r[1] in kinds)
        and r[1] != "yearnoun"
        and "afghan" not in (r[3].split() if len(r) > 3 else ())
    )


def _split(field: str) -> list[str]:
    return [a.strip() for a in field.split("|") if a.strip()]


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


class Lexicon:
    """The tables (sets and dicts of keys) the extractors look words up in; use :func:`lexicon`."""

    def __init__(self) -> None:
        # organizations: alias -> canonical
        self.canonical: dict[str, str] = {}
        self.source_only: dict[str, str] = {}
        self.conflicts: list[tuple[str, str, str]] = []  # (alias, first canonical, second canonical)
        self.alias_names: list[str] = []  # every alias as written (canonical names included)
        self.source_names: list[str] = []  # the source-only aliases as written
        tails: dict[str, set[str]] = {}
        for canon, names, source_names in read_organizations():
            for name in [canon, *names]:
                self._add(self.canonical, name, canon)
                self.alias_names.append(name)
                if "،" in name and " " in name:  # "تعاون، کار و رفاه اجتماعی": a known list after the head
                    tails.setdefault(name.split(" ", 1)[1], set()).add(canon)
            for name in source_names:
                self._add(self.source_only, name, canon)
                self.source_names.append(name)
        self.tail_names = list(tails)  # the lists after a head ("تعاون، کار و رفاه اجتماعی")
        self.tail_canonical = {key(t): next(iter(c)) for t, c in tails.items() if len(c) == 1}

        # head words and the words that end a name
        rows = read_rows("org_heads.txt")
        by_kind: dict[str, list[tuple[str, ...]]] = {}
        for row in rows:
            if len(row) >= 2:
                by_kind.setdefault(row[1].strip(), []).append(row)
        heads = by_kind.get("head", []) + by_kind.get("unit", [])
        self.head_names = [r[0] for r in heads]
        self.media_names = [r[0] for r in by_kind.get("media", [])]
        self.heads = {key(r[0]) for r in heads}
        self.units = {key(r[0]) for r in by_kind.get("unit", [])}
        self.vetoes = {key(r[0]): {key(w) for w in _split(r[2])} for r in heads if len(r) > 2}
        self.name_words = {key(r[0]) for r in by_kind.get("name", [])}
        self.people = {key(r[0]) for r in by_kind.get("people", [])}
        self.bylines = {key(r[0]) for r in by_kind.get("byline", [])}
        self.ordinals = {key(r[0]) for r in by_kind.get("ordinal", [])}
        self.numbered = {key(r[0]) for r in by_kind.get("numbered", [])}
        self.connectors = {key("استان"), key("شهرستان")}
        self.slogan_cues = {key(r[0]) for r in by_kind.get("slogan", [])}
        self.light: set[str] = set()
        for row in by_kind.get("light", []):
            self.light |= forms(row[0].strip())
        self.verbs = set(self.light)
        self.light_not_be = self.light - forms("بود")  # "در میدان X بودیم": no compound verb
        for row in by_kind.get("verb", []):
            self.verbs |= forms(row[0].strip())
        self.verbs -= {key("داده")}  # data, as in مرکز داده
        self.verbs |= {key(r[0].split()[-1]) for r in read_rows("speech_verbs.txt")}
        first_words = [r[0].split()[0] for r in read_rows("titles.txt") + read_rows("honorifics.txt")]
        self.honorific_words = {key(r[0].split()[0]) for r in read_rows("honorifics.txt")}
        months = list(calendar_words("jmonth", "gmonth"))
        numbers = [r[0] for r in read_rows("number_words.txt") if len(r) > 2 and r[2] == "cardinal"]
        self.stop = {key(w) for w in [r[0] for r in by_kind.get("stop", [])] + first_words + months + numbers}
        self.stop -= self.name_words
        self.copulas = self.light | {w for w in self.stop if w.startswith(("است", "هست", "نیست"))}
        self.given = {key(r[0]) for r in read_rows("given_names.txt")} - self.name_words
        self.cardinals = {key(w) for w in numbers}
        # the words an NER organization may not open with: titles, honorifics and people nouns
        self.openers = ({key(w) for w in first_words} | self.people) - self.name_words

        def kind(name: str) -> set[str]:
            return {key(r[0]) for r in by_kind.get(name, [])}

        self.determiners = kind("determiner")
        self.joiners = {tuple(key(w) for w in r[0].split(" ", 1)) for r in by_kind.get("joiner", [])}
        self.portfolio = kind("portfolio")
        self.directorates = kind("directorate")
        self.press = kind("press")
        self.media = kind("media")
        self.place_words = kind("place_word")
        self.place_modifiers = kind("place_modifier")
        self.no_place = kind("no_place")
        self.diseases = kind("disease")
        self.no_body = kind("no_body")
        self.qualifiers = kind("qualifier")
        self.descriptors = kind("descriptor")
        self.common = {
            key(r[0]) for r in read_rows("common_words.txt") if len(r) > 1 and float(r[1]) >= COMMON_ZIPF
        }

        # places
        rank = {"country": 0, "city": 1, "province": 2, "region": 3}
        self.place_kind: dict[str, str] = {}
        self.provinces: set[str] = set()  # province names without "استان"
        self.place_names: list[str] = []
        for row in read_rows("places.txt"):
            name, p_kind = row[0].strip(), row[1].strip()
            names = [name]
            if p_kind == "province" and not name.startswith("استان "):
                names.append("استان " + name)
                self.provinces.add(key(name))
            for i, n in enumerate(names):
                k, n_kind = key(n), ("province" if i else p_kind)
                if k not in self.place_kind or rank[n_kind] < rank[self.place_kind[k]]:
                    self.place_kind[k] = n_kind
                self.place_names.append(n)
        self.iran = {key(n) for n in ("ایران", "جمهوری اسلامی ایران", "جمهوری اسلامی", "کشورمان")}
        facility_rows = read_rows("facility_heads.txt")
        self.facility_names = [r[0] for r in facility_rows]
        self.facility_heads = {key(r[0]) for r in facility_rows}
        self.facility_vetoes = {
            key(r[0]): {key(w) for w in _split(r[1])} for r in facility_rows if len(r) > 1
        }

    def _add(self, table: dict[str, str], name: str, canon: str) -> None:
        k = key(name)
        old = self.canonical.get(k) or self.source_only.get(k)
        if old is not None and old != canon:
            self.conflicts.append((name, old, canon))
            return
        table[k] = canon

    @property
    def bodies(self) -> int:
        """How many organizations the lexicon knows."""
        return len(set(self.canonical.values()))

    @property
    def countries(self) -> frozenset[str]:
        """The keys of every country name."""
        return frozenset(k for k, kind in self.place_kind.items() if kind == "country")

    def demonym(self, word: str) -> bool:
        """Whether a word (its key) is a people or adjective of a place: تایلندی، فلسطینی‌ها، رومانیایی.

        >>> lex = lexicon()
        >>> lex.demonym(key("بحرینی")), lex.demonym(key("رومانیایی")), lex.demonym(key("بحرین"))
        (True, True, False)
        """
        for suffix in ("ایها", "یها", "یان", "ایی", "ای", "ی"):
            if word.endswith(suffix) and word[: -len(suffix)] in self.place_kind:
                return True
        return False


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The shared :class:`Lexicon`, read once per process."""
    return Lexicon()
