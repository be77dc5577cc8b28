"""One way to compare Persian words: :func:`spelling` (one spelling per letter) and :func:`key` (that, without
spaces or ZWNJ), and :class:`Keyed`, the spelling of a whole text with a map back to its offsets.

Every component, lexicon and the gold scorer compare words through these, so "رئیس جمهور", "رییس‌جمهور"
and "رئيس جمهور" are one key everywhere, and "آمار" and "امار" are one key everywhere.

Written by hand: the folds are Persian-specific (which hamza seats and letter variants news writes for one
another) and no library offers them with offsets kept.

>>> key("رئیس جمهور") == key("رییس‌جمهور") == key("رئيس جمهور")
True
>>> key("آمار") == key("امار"), key("ملّی") == key("ملی"), key("۱۴۰۲"), key("رئال") == key("ریال")
(True, True, '1402', False)
>>> spelling("قوۀ قضائیه")
'قوه قضاییه'
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from newsmine.lang.chars import ZWNJ, fold

__all__ = ["DIACRITICS", "Keyed", "key", "keyed", "spelling"]

#: combining marks of the Arabic script (harakat, tanwin, shadda, superscript alef, Quranic marks) and the
#: invisible joiners and direction marks web copies carry: none of them changes which word is written
DIACRITICS = (
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed\u200d\u200e\u200f"
)
_DROP = re.compile(f"[{DIACRITICS}]")
# one letter for one letter: the spellings that alternate in news (تأمین/تامین، قوۀ/قوه، آمار/امار، مؤسسه/موسسه)
_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ۀ": "ه", "ة": "ه", "ؤ": "و"})
# ئ is written for ی after ا and before ی (نائب/نایب، مسائل/مسایل، رئیس/رییس، پائیز/پاییز); elsewhere it is a
# letter of its own: "رئال" (the club) is no "ریال" (the currency)
_HAMZA_YA = re.compile("(?<=ا)ئ|ئ(?=ی)")
_GAPS = re.compile(rf"[\s{ZWNJ}]+")


def spelling(text: str) -> str:
    """The text with one spelling per letter: Arabic ي/ك and digits folded (:func:`fold`), hamza seats and
    letter variants evened out, diacritics dropped. Spaces and ZWNJ stay.

    >>> spelling("تأمين اجتماعيّ")
    'تامین اجتماعی'
    """
    return _HAMZA_YA.sub("ی", _DROP.sub("", fold(text)).translate(_LETTERS))


@lru_cache(maxsize=1 << 17)
def key(text: str) -> str:
    """The comparison key of a word or phrase: its :func:`spelling` without spaces, line breaks or ZWNJ.

    >>> key("وزارت تعاون، کار و رفاه اجتماعی") == key("وزارت‌تعاون،کار و رفاه اجتماعي")
    True
    """
    return _GAPS.sub("", spelling(text))


@dataclass(frozen=True)
class Keyed:
    """A text and its :func:`spelling` (``key``); ``idx`` maps spelling offsets back to the text (None when
    they are the same: no diacritic was dropped)."""

    text: str
    key: str
    idx: tuple[int, ...] | None

    def orig(self, i: int) -> int:
        """Offset in ``text`` of spelling offset ``i`` (an end offset includes trailing diacritics)."""
        return i if self.idx is None else self.idx[i]

    def keypos(self, o: int) -> int:
        """Spelling offset of ``text`` offset ``o`` (a diacritic maps to the letter after it)."""
        return o if self.idx is None else bisect_left(self.idx, o)


@lru_cache(maxsize=16)
def keyed(text: str) -> Keyed:
    """The :class:`Keyed` form of a text, cached for the few texts a pipeline works on at once.

    >>> k = keyed("مِلّی شد")
    >>> k.key, k.orig(k.key.index("شد"))
    ('ملی شد', 6)
    """
    folded = fold(text)
    if _DROP.search(folded) is None:
        return Keyed(text, _HAMZA_YA.sub("ی", folded.translate(_LETTERS)), None)
    kept: list[int] = []
    prev = 0
    for m in _DROP.finditer(folded):
        kept.extend(range(prev, m.start()))
        prev = m.end()
    kept.extend(range(prev, len(folded) + 1))  # the last one is the end sentinel
    return Keyed(text, _HAMZA_YA.sub("ی", _DROP.sub("", folded).translate(_LETTERS)), tuple(kept))
