"""One verb-inflection generator, from one stem list (``resources/verbs.txt``): :func:`conjugate` gives every
form of a verb as its written parts, :func:`forms` their comparison keys.

Components say which verbs they care about by past stem (the light verbs of compound verbs in
``org_heads.txt`` and ``event_triggers.txt``, the speech verbs of ``speech_verbs.txt``); the forms always
come from here, so "is this a form of کرد" has one answer everywhere.

Written by hand: Persian conjugation from two stems is a small, regular table, and no maintained library
produces the written forms with their parts (hazm's Conjugation gives strings only and imports its whole
package).

>>> present_stem("گفت"), present_stem("نوشت")
('گو', 'نویس')
>>> sorted(f for f in forms("گفت") if f.startswith("میگوی"))
['میگوی', 'میگوید', 'میگویم', 'میگویند', 'میگویی', 'میگویید', 'میگوییم']
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from newsmine.lang.keys import key
from newsmine.resources import read_rows

__all__ = ["COPULA", "Form", "conjugate", "copula_forms", "forms", "is_past_stem", "present_stem"]

PERSONS = ("1s", "2s", "3s", "1p", "2p", "3p")
_PAST_ENDINGS = ("م", "ی", "", "یم", "ید", "ند")
_PRESENT_ENDINGS = ("م", "ی", "د", "یم", "ید", "ند")
_PERFECT_AUX = ("ام", "ای", "است", "ایم", "اید", "اند")
#: the copula and its negative, written as words of their own
COPULA = ("است", "هست", "نیست")


@dataclass(frozen=True, slots=True)
class Form:
    """One inflected form: its parts as written apart (``("گفته", "است")``, ``("می", "گوید")``), its tense
    (infinitive, past, participle, perfect, pluperfect, present), person (1s...3p, "" for none) and prefix
    ("", "ن", "می", "نمی", "ب")."""

    parts: tuple[str, ...]
    tense: str
    person: str = ""
    prefix: str = ""

    @property
    def text(self) -> str:
        """The form written joined, with no space or ZWNJ: "میگوید"."""
        return "".join(self.parts)


@lru_cache(maxsize=1)
def _stems() -> dict[str, str]:
    """past stem -> the present stem newsmine conjugates with (the first row of that past)."""
    out: dict[str, str] = {}
    for row in read_rows("verbs.txt"):
        out.setdefault(row[0].strip(), row[1].strip())
    return out


def present_stem(past: str) -> str | None:
    """The present stem of a past stem, from the stem list (None when the verb is not in it)."""
    return _stems().get(past)


@lru_cache(maxsize=1)
def _past_keys() -> frozenset[str]:
    return frozenset(key(p) for p in _stems())


def is_past_stem(word_key: str) -> bool:
    """Whether a word (its :func:`key`) is the past stem of a verb of the list: "بارید", "گردید"."""
    return word_key in _past_keys()


def _glides(present: str) -> tuple[str, ...]:
    """What stands between a present stem and a vowel ending: ی after ا/آ (افزاید), either after و (گوید,
    شود), nothing after a consonant."""
    if present.endswith(("ا", "آ")):
        return ("ی",)
    if present.endswith("و"):
        return ("", "ی")
    return ("",)


@lru_cache(maxsize=1024)
def conjugate(past: str, present: str | None = None) -> tuple[Form, ...]:
    """Every form of the verb with past stem ``past`` (its present from the stem list unless given).

    The second person singular is given only with می/نمی: without them its ی is far more often a noun or
    adjective suffix ("اطلاع رسانی"، "سرمایه گذاری"، "اوراق بدهی"، "زبان کردی") than a verb in news.

    >>> [f.parts for f in conjugate("گفت") if f.tense == "perfect" and f.person == "3s" and not f.prefix]
    [('گفته', 'است')]
    """
    present = present if present is not None else present_stem(past)
    out: list[Form] = [Form((past + "ن",), "infinitive")]
    for prefix in ("", "ن", "می", "نمی"):
        head = (prefix,) if prefix in ("می", "نمی") else ()
        stem = past if prefix in ("می", "نمی") else prefix + past
        for person, ending in zip(PERSONS, _PAST_ENDINGS, strict=True):
            if person == "2s" and not head:
                continue  # "کردی" is Kurdish, "دادی" no verb in news: the second person only as می‌کردی
            out.append(Form((*head, stem + ending), "past", person, prefix))
        out.append(Form((*head, stem + "ه"), "participle", "", prefix))
        for person, aux in zip(PERSONS, _PERFECT_AUX, strict=True):
            out.append(Form((*head, stem + "ه", aux), "perfect", person, prefix))
        if prefix == "":
            for person, aux in zip(("3s", "3p"), ("بود", "بودند"), strict=True):
                out.append(Form((stem + "ه", aux), "pluperfect", person, prefix))
    if present:
        for prefix in ("", "ب", "ن", "می", "نمی"):
            head = (prefix,) if prefix in ("می", "نمی") else ()
            stem = present if prefix in ("می", "نمی") else prefix + present
            for glide in _glides(present):
                for person, ending in zip(PERSONS, _PRESENT_ENDINGS, strict=True):
                    if person == "2s" and not head:
                        continue  # "رسانی" (اطلاع رسانی), "بدهی" (debt): the second person only as می‌رسانی
                    out.append(Form((*head, stem + glide + ending), "present", person, prefix))
    return tuple(out)


@lru_cache(maxsize=1)
def _number_words() -> frozenset[str]:
    """Number words and their ordinals (ده, دهم, دهمین): a verb form spelled like one is read as the number."""
    out: set[str] = set()
    for row in read_rows("number_words.txt"):
        word = key(row[0])
        out.add(word)
        if len(row) > 2 and row[2].strip() in ("cardinal", "multiplier"):
            out.update((word + "م", word + "مین"))
    return frozenset(out)


@lru_cache(maxsize=1)
def _homographs() -> frozenset[str]:
    """Forms that in news are almost always another word (``verb_homographs.txt``: نزد، بدهی، کردی...)."""
    return frozenset(key(row[0].split("#")[0].strip()) for row in read_rows("verb_homographs.txt"))


@lru_cache(maxsize=1024)
def forms(past: str, present: str | None = None) -> frozenset[str]:
    """The keys (:func:`key`: no space or ZWNJ) of every one-word form of a verb, its perfect written joined
    ("گفته‌است" is "گفتهاست") included; the pluperfect's two words are two forms of their own verbs. A form
    spelled like a number word is left out ("دهم" is tenth, not "I give", in "دولت دهم"), and so is one that in
    news is almost always another word (``verb_homographs.txt``: "نزد" is "at", "بدهی" "debt").

    >>> {"کرد", "کردند", "میکند", "کرده", "کردهاست", "نکرد", "بکنید", "کردن"} <= forms("کرد")
    True
    >>> "رسانی" in forms("رساند"), "میرسانی" in forms("رساند"), "دهم" in forms("داد")
    (False, True, False)
    """
    skip = _number_words() | _homographs()
    return frozenset(
        k for f in conjugate(past, present) if f.tense != "pluperfect" and (k := key(f.text)) not in skip
    )


@lru_cache(maxsize=1)
def copula_forms() -> frozenset[str]:
    """است, اند and the persons of هست and نیست (هستند، نیستیم): the copula as a word of its own."""
    out = {"است", "اند"}
    for word in ("هست", "نیست"):
        out.update(word + ending for ending in ("", "م", "ی", "یم", "ید", "ند"))
    return frozenset(key(w) for w in out)
