"""Persian text normalization: hazm's character table plus newsmine's ordered rule table.

What it does, in order (each row of ``RULES`` says why):

1. characters: Arabic ي/ك and presentation forms to Persian letters (hazm's translation table),
   ligatures such as ﷼ to words, control characters (BOM, bidi marks, soft hyphen) removed;
2. kashida (ـ) removed inside words, but a free-standing ـ is kept: "مشهد ـ" is a dateline dash;
3. spacing: repeated spaces, spaces before Persian punctuation, missing spaces after ، and ؛;
4. the zero-width non-joiner (ZWNJ) lost in web copies is restored: "میکرد" -> "می‌کرد",
   "دستگاههای" -> "دستگاه‌های", "فضلالله" -> "فضل‌الله", "می شود" -> "می‌شود".

What it does not do: digits stay in the script the text used (every parser reads all three), diacritics
stay (ملّی, اُمین), URLs and e-mail addresses are left byte for byte, "335,032" and "10:12:05" are not
re-spaced. Unlike hazm's Normalizer, every pattern is compiled once, at import.

>>> normalize("رئيس سازمان گفت :ما ميتوانيم")
'رئیس سازمان گفت: ما می‌توانیم'
>>> normalize("دستگاههای اداری در حوزه های مختلف")
'دستگاه‌های اداری در حوزه‌های مختلف'
>>> normalize("مشهد ـ رویدادهای میدانی")
'مشهد ـ رویدادهای میدانی'
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from newsmine.lang.chars import EMAIL_PATTERN, KASHIDA, NON_JOINING, URL_PATTERN, ZWNJ
from newsmine.resources import cached, read_rows
from newsmine.resources import word_rows as hazm_word_rows

__all__ = ["Normalizer", "normalize"]

LETTERS = "آاأإءئؤبپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیۀة"
DIACRITICS = "\u064b-\u065f\u0670"
_WORD = f"[{LETTERS}]+"

#: suffixes that join their word with a ZWNJ when the word ends in a joining letter
PLURAL_SUFFIXES = frozenset(
    {"ها", "های", "هایی", "هاست", "هایم", "هایت", "هایش", "هایمان", "هایتان", "هایشان"}
)
#: suffixes that join only after a final ه (hazm's rule): گسترده ای -> گسترده‌ای
HEH_SUFFIXES = frozenset({"ای", "ام", "ات", "اش", "ایم", "اید", "اند", "ایی"})
#: comparative suffixes
COMPARATIVE_SUFFIXES = frozenset({"تر", "ترین", "تری"})
BOUND_SUFFIXES = PLURAL_SUFFIXES | HEH_SUFFIXES | COMPARATIVE_SUFFIXES
#: short first parts allowed in a compound split: به‌مناسبت، بی‌توجه، هم‌زمان
SHORT_PREFIXES = frozenset({"به", "بی", "هم", "پس", "پیش"})
#: two-letter second parts allowed in a compound split: ادارات‌کل
SHORT_TAILS = frozenset({"کل"})
#: first parts never split off: names and Arabic article compounds (سیدصولت، والمسلمین، بالنسبه)
NO_SPLIT_PREFIXES = ("سید", "میر", "وال", "بال", "فال", "عبد", "ابو", "ال")
#: second parts of given names written joined (رئیسعلی، حسینعلی، محمدرضا)
NO_SPLIT_TAILS = frozenset({"علی", "رضا", "حسین", "حسن", "محمد", "مهدی", "جواد", "اکبر", "اصغر"})


@dataclass(frozen=True)
class Rule:
    """One row of the rule table: a compiled pattern, its replacement and the reason for it."""

    name: str
    pattern: re.Pattern[str]
    replacement: str | Callable[[re.Match[str]], str]
    why: str
    #: characters (or strings) of which at least one must be in the text for the rule to match: a cheap
    #: pre-check that spares most texts the regex
    needs: str | tuple[str, ...] = ""

    def apply(self, text: str) -> str:
        if self.needs and not any(c in text for c in self.needs):
            return text
        return self.pattern.sub(self.replacement, text)


def _hazm_character_table() -> dict[int, str]:
    """hazm's Arabic-to-Persian letter table (presentation forms, ي ك ى ة ...), digits untouched.

    The table ships as ``resources/hazm_chars.txt`` (``source<TAB>target`` in hex, hazm 0.10's Normalizer's
    table as ``scripts/build_hazm_data.py`` copied it), so hazm is not needed at run time.
    """
    table = {int(src, 16): chr(int(dst, 16)) for src, dst, *_ in read_rows("hazm_chars.txt")}
    for keep in "0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩ۀ":
        table.pop(ord(keep), None)
    # control characters web copies carry: BOM, zero-width space, bidi marks, soft hyphen, ZWJ
    for ch in "\ufeff\u200b\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u00ad\r":
        table[ord(ch)] = ""
    table[ord("\u00a0")] = " "
    table[ord("\t")] = " "
    return table


# (ligature, words) as hazm's unicodes_replacement has them
LIGATURES = {
    "﷽": "بسم الله الرحمن الرحیم",
    "﷼": "ریال",
    "ﷰ": "صلی",
    "ﷹ": "صلی",
    "ﷲ": "الله",
    "ﷳ": "اکبر",
    "ﷴ": "محمد",
    "ﷵ": "صلعم",
    "ﷶ": "رسول",
    "ﷷ": "علیه",
    "ﷸ": "وسلم",
    **dict.fromkeys("ﻵﻶﻷﻸﻹﻺﻻﻼ", "لا"),
}

_PUNCT_AFTER = "،؛؟!»)\\]}"
_PUNCT_BEFORE = "«(\\[{"

#: whitespace rules, applied to the whole text (URLs and e-mail addresses hold no spaces)
WHITESPACE_RULES: tuple[Rule, ...] = (
    Rule("space-runs", re.compile(r"[ ]{2,}"), " ", "repeated spaces", ("  ",)),
    Rule("space-line-edges", re.compile(r"^[ ]+|[ ]+$", re.M), "", "spaces at the start or end of a line"),
    Rule(
        "newline-runs",
        re.compile(r"\n{3,}"),
        "\n\n",
        "a blank line separates paragraphs; more say nothing",
        ("\n\n\n",),
    ),
)

#: the ordered spacing table; applied outside URLs and e-mail addresses only
RULES: tuple[Rule, ...] = (
    Rule(
        "kashida-in-word",
        re.compile(f"(?<=[{LETTERS}{DIACRITICS}]){KASHIDA}+|{KASHIDA}+(?=[{LETTERS}])"),
        "",
        "kashida stretches a word (دنیـــا); a free-standing ـ between spaces is a dateline dash and stays",
        KASHIDA,
    ),
    Rule("zwnj-runs", re.compile(f"{ZWNJ}{{2,}}"), ZWNJ, "one ZWNJ is enough", ZWNJ),
    Rule(
        "zwnj-at-edges",
        re.compile(f"{ZWNJ}+(?=[\\s{_PUNCT_AFTER}.:]|$)|(?<![^\\s{_PUNCT_BEFORE}]){ZWNJ}+", re.M),
        "",
        "a ZWNJ next to a space, punctuation or a line edge joins nothing",
        ZWNJ,
    ),
    Rule(
        "space-before-punct",
        re.compile(f" +(?=[،؛؟{_PUNCT_AFTER}])"),
        "",
        "no space before ، ؛ ؟ ! » ) (میگذرد ،۲۰ -> میگذرد، ۲۰)",
        "،؛؟!»)]}",
    ),
    Rule(
        "space-after-punct",
        re.compile(f"([،؛؟])(?=[{LETTERS}0-9۰-۹٠-٩«(])"),
        r"\1 ",
        "a space after ، ؛ ؟ when a word follows at once",
        "،؛؟",
    ),
    Rule(
        "space-after-colon",
        re.compile(f"(?<=[{LETTERS}]) ?:(?=[{LETTERS}«])"),
        ": ",
        "گفت:رهبری -> گفت: رهبری; digits around : (10:12:05) are left alone",
        ":",
    ),
    Rule(
        "space-inside-guillemets",
        re.compile(r"« +| +»"),
        lambda m: m.group().strip(),
        "«  دولت مردمی » -> «دولت مردمی»",
        "«»",
    ),
)

_PROTECTED = re.compile(f"{URL_PATTERN}|{EMAIL_PATTERN}")


class ZwnjRestorer:
    """Restores the ZWNJ lost in web copies, one word (or word pair) at a time.

    Decision order for a joined word ``J`` (no ZWNJ in it):

    1. the lexicon (``resources/zwnj_lexicon.txt``, built from wordfreq and hazm by
       ``scripts/build_zwnj_lexicon.py``) maps J to its ZWNJ spelling: میکرد -> می‌کرد;
    2. a word hazm or wordfreq knows is left alone: میدانی (field), میز, امیرعلی;
    3. an unknown word is split in two where both parts are common words or the second is a bound
       suffix and the first part ends in a joining letter: فضلالله -> فضل‌الله,
       وزارتخانهها -> وزارتخانه‌ها, بهمنماه -> بهمن‌ماه. Two-letter parts come only from short lists
       (به، بی، هم، کل), and given-name tails (علی، رضا) are never split, so a rare name is not cut in two.

    >>> r = ZwnjRestorer()
    >>> r.word("ناآرامیهای"), r.word("میدانی"), r.word("کفیل")
    ('ناآرامی\u200cهای', 'میدانی', 'کفیل')
    """

    MIN_PART = 3.5

    def __init__(self) -> None:
        self.lexicon, self.zipf, self.known = cached(
            "zwnj-tables", ("zwnj_lexicon.txt", "common_words.txt", "hazm_words.txt"), _zwnj_tables
        )
        #: word -> :meth:`word` of it, filled as words come (``spellings[w]`` is the cheapest call)
        self.spellings = _Spellings(self._word)

    def word(self, word: str) -> str:
        """The spelling of one joined word with its ZWNJ restored (or the word itself)."""
        return self.spellings[word]

    def _split_score(self, head: str, tail: str) -> float:
        """How sure a split head‌tail is: the lower Zipf frequency of its parts (0: not a split)."""
        if head[-1] in NON_JOINING or tail in NO_SPLIT_TAILS:
            return 0.0
        if (
            tail in PLURAL_SUFFIXES
            or tail in COMPARATIVE_SUFFIXES
            or (tail in HEH_SUFFIXES and head[-1] == "ه")
        ):
            tail_score = 9.0
        elif len(tail) < 3 and tail not in SHORT_TAILS:
            return 0.0
        elif tail[0] == "ا" and not tail.startswith("ال") and head not in SHORT_PREFIXES:
            return 0.0  # مدیران، مومنانه: an alef after a joining letter is a suffix written joined
        else:
            tail_score = self.zipf.get(tail, 0.0)
        if head in SHORT_PREFIXES:
            head_score = 9.0
        elif len(head) < 3:
            return 0.0
        else:
            head_score = self.zipf.get(head, 0.0)
        return min(head_score, tail_score)

    def _well_formed(self, word: str) -> bool:
        """A known word plus a plural suffix across a non-joining letter needs no ZWNJ: ماماها، اردوها."""
        for suffix in PLURAL_SUFFIXES:
            head = word[: -len(suffix)]
            if word.endswith(suffix) and head and head[-1] in NON_JOINING and head in self.known:
                return True
        return False

    def _word(self, word: str) -> str:
        if word in self.lexicon:
            return self.lexicon[word]
        if (
            word in self.known
            or len(word) < 4
            or word.startswith(NO_SPLIT_PREFIXES)
            or self._well_formed(word)
        ):
            return word
        best, best_score = word, self.MIN_PART
        for i in range(2, len(word) - 1):
            head, tail = word[:i], word[i:]
            score = self._split_score(head, tail)
            if score >= best_score:
                best, best_score = head + ZWNJ + self.lexicon.get(tail, tail), score
        return best

    def pair(self, first: str, second: str) -> str | None:
        """The joined spelling of two words a space apart, or None when they stay apart.

        >>> ZwnjRestorer().pair("می", "شود"), ZwnjRestorer().pair("ماه", "می")
        ('می\u200cشود', None)
        """
        joined = self.lexicon.get(first + second)
        if first in ("می", "نمی"):
            return joined if joined == first + ZWNJ + second else None
        if (
            second in PLURAL_SUFFIXES
            or second in COMPARATIVE_SUFFIXES
            or (second in HEH_SUFFIXES and first.endswith("ه"))
        ):
            return first + second if first[-1] in NON_JOINING else first + ZWNJ + second
        if second.startswith("ال") and joined == first + ZWNJ + second and self.zipf.get(second, 0.0) < 5.5:
            return joined  # بین المللی -> بین‌المللی; a word that stands alone (الله) stays apart
        return None


def _zwnj_tables() -> tuple[dict[str, str], dict[str, float], set[str]]:
    """The restorer's tables: the ZWNJ lexicon, each known word's Zipf frequency (wordfreq's common words,
    raised by hazm's counts), and every known word."""
    lexicon = {j: z for j, z in read_rows("zwnj_lexicon.txt")}
    zipf = {w: float(z) for w, z in read_rows("common_words.txt")}
    known = set(zipf)
    hazm_freq = hazm_word_frequencies()
    total = sum(hazm_freq.values()) or 1
    known.update(hazm_freq)
    for w, f in hazm_freq.items():
        if f > 0 and ZWNJ not in w:
            z = math.log10(f / total) + 9.0
            if z > zipf.get(w, 0.0):
                zipf[w] = z
    return lexicon, zipf, known


def hazm_word_frequencies() -> dict[str, int]:
    """hazm's words with the highest frequency the list gives each."""
    freq: dict[str, int] = {}
    for word, n, _ in hazm_word_rows():
        if n is not None:
            freq[word] = max(freq.get(word, 0), n)
    return freq


_B = f"{ZWNJ}{LETTERS}{DIACRITICS}"  # what may not touch a word for it to count as whole
_SUFFIX_ALT = "|".join(sorted(BOUND_SUFFIXES, key=len, reverse=True))
# Word pairs a space apart that may join; only "first " is consumed, so the second word can pair again.
# Two narrow patterns instead of one over every pair: the callback then runs on few candidates.
_PAIR_PATTERNS = (
    re.compile(f"(?<![{_B}])(ن?می) (?=({_WORD})(?![{_B}]))"),  # می شود -> می‌شود
    re.compile(f"(?<![{_B}])({_WORD}) (?=({_SUFFIX_ALT}|ال{_WORD})(?![{_B}]))"),  # حوزه های، بین المللی
)
# a word not touching a ZWNJ or diacritic (a word with either is left as written)
_RESTORE_WORD = re.compile(f"(?<![{_B}]){_WORD}(?![{_B}])")


class Normalizer:
    """Configurable normalizer; every option can be switched off on its own and the rest still works.

    >>> Normalizer(restore_zwnj=False).normalize("ميكرد")
    'میکرد'
    >>> Normalizer(fix_spacing=False).normalize("ميكرد  ،")
    'می\u200cکرد  ،'
    """

    def __init__(
        self,
        *,
        persian_letters: bool = True,
        fix_spacing: bool = True,
        restore_zwnj: bool = True,
    ) -> None:
        self.persian_letters = persian_letters
        self.fix_spacing = fix_spacing
        self.restore_zwnj = restore_zwnj
        self._table = _character_table() if persian_letters else {}
        # the letters the table changes, found by a regex: most texts hold few of them, and replacing
        # those few is four times faster than translating every character
        self._letters = re.compile(
            "[" + "".join(re.escape(chr(c)) for c in self._table) + "]" if self._table else "(?!)"
        )
        by_char = {chr(c): v for c, v in self._table.items()}
        self._letter: Callable[[re.Match[str]], str] = lambda m: by_char[m.group()]
        self._ligatures = re.compile("|".join(map(re.escape, LIGATURES))) if persian_letters else None
        self._restorer = _restorer() if restore_zwnj else None

    def normalize(self, text: str) -> str:
        """Return the normalized text; see the module docstring for the steps."""
        if not text:
            return ""
        if self.persian_letters:
            # no letter the table maps to is one it maps from, so a text with many such letters can be
            # translated whole after the first ones were replaced
            limit = len(text) // 16 + 1
            text, n = self._letters.subn(self._letter, text, count=limit)
            if n == limit:
                text = text.translate(self._table)
            if self._ligatures is not None:
                text = self._ligatures.sub(lambda m: LIGATURES[m.group()], text)
        else:
            text = text.replace("\r\n", "\n")
        if self.fix_spacing:
            for rule in WHITESPACE_RULES:
                text = rule.apply(text)
        if "@" not in text and "://" not in text and "www." not in text:
            return self._normalize_plain(text).strip() if self.fix_spacing else self._normalize_plain(text)
        pieces: list[str] = []
        last = 0
        for m in _PROTECTED.finditer(text):
            pieces.append(self._normalize_plain(text[last : m.start()]))
            pieces.append(m.group())
            last = m.end()
        pieces.append(self._normalize_plain(text[last:]))
        out = "".join(pieces)
        return out.strip() if self.fix_spacing else out

    def _normalize_plain(self, text: str) -> str:
        if self.fix_spacing:
            for rule in RULES:
                text = rule.apply(text)
        if self._restorer is not None:
            restorer = self._restorer
            for pattern in _PAIR_PATTERNS:
                text = pattern.sub(lambda m: _join(restorer.pair(m[1], m[2]), m[1], m.group()), text)
            spellings = restorer.spellings
            text = _RESTORE_WORD.sub(lambda m: spellings[m.group()], text)
        return text


class _Spellings(dict[str, str]):
    """A dict that computes a missing word's spelling on first use (and starts again from empty past
    500,000 words, so that a long batch holds no more)."""

    def __init__(self, spell: Callable[[str], str]) -> None:
        super().__init__()
        self.spell = spell

    def __missing__(self, word: str) -> str:
        if len(self) > 500_000:
            self.clear()
        got = self[word] = self.spell(word)
        return got


def _join(joined: str | None, first: str, original: str) -> str:
    """The first word plus what now stands between it and the next one (ZWNJ, nothing, or the space)."""
    if joined is None:
        return original
    return joined[: len(first) + 1] if joined[len(first)] == ZWNJ else first


@lru_cache(maxsize=1)
def _character_table() -> dict[int, str]:
    return _hazm_character_table()


@lru_cache(maxsize=1)
def _restorer() -> ZwnjRestorer:
    return ZwnjRestorer()


@lru_cache(maxsize=1)
def _default() -> Normalizer:
    return Normalizer()


def normalize(text: str) -> str:
    """Normalize Persian text with the default settings (all steps on).

    >>> normalize("فضلالله کفیل اظهار کرد")
    'فضل\u200cالله کفیل اظهار کرد'
    """
    return _default().normalize(text)
