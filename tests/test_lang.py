"""The shared language layer: one word key, one verb-inflection generator, one lexicon, one resource loader."""

from __future__ import annotations

import pytest

from newsmine.lang.keys import key, keyed, spelling
from newsmine.lang.lexicon import lexicon
from newsmine.lang.verbs import conjugate, copula_forms, forms, is_past_stem, present_stem
from newsmine.resources import read_rows


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("رئیس جمهور", "رییس‌جمهور"),  # hamza seat before ی, space or ZWNJ
        ("رئيس جمهور", "رئیس جمهور"),  # Arabic ي
        ("آمار", "امار"),  # alef madda
        ("تأمین", "تامین"),  # hamza on alef
        ("قوۀ قضائیه", "قوه قضاییه"),  # ۀ, and ئ before ی
        ("نائب رئیس", "نایب رییس"),  # ئ after ا
        ("مسائل", "مسایل"),
        ("مؤسسه", "موسسه"),
        ("ملّی", "ملی"),  # shadda
        ("حدوداً", "حدودا"),  # tanwin
        ("۱۴۰۲", "1402"),  # digits in any script
        ("بین‌المللی", "بین المللی"),
    ],
)
def test_spellings_of_one_word_share_a_key(a: str, b: str) -> None:
    assert key(a) == key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("رئال", "ریال"),  # the club is no currency: ئ before ا stays a letter
        ("کشور", "کشورها"),  # a plural is another word
        ("کرد", "کرده"),
    ],
)
def test_other_words_keep_their_own_key(a: str, b: str) -> None:
    assert key(a) != key(b)


def test_spelling_keeps_spaces_and_keyed_maps_offsets_back() -> None:
    assert spelling("تأمين اجتماعيّ") == "تامین اجتماعی"
    text = "وزارت مِلّی کار"
    k = keyed(text)
    assert k.key == "وزارت ملی کار"
    start = k.key.index("کار")
    assert text[k.orig(start) : k.orig(start + 3)] == "کار"
    assert k.keypos(text.index("کار")) == start


@pytest.mark.parametrize(
    ("past", "present"),
    [("گفت", "گو"), ("کرد", "کن"), ("نوشت", "نویس"), ("گردید", "گرد"), ("آمد", "آ"), ("افزود", "افزا")],
)
def test_one_stem_list(past: str, present: str) -> None:
    assert present_stem(past) == present


@pytest.mark.parametrize(
    ("past", "form"),
    [
        ("گفت", "گفتند"),
        ("گفت", "گفته‌اند"),
        ("گفت", "می‌گوید"),  # glide after و
        ("گفت", "نگفت"),
        ("افزود", "می‌افزاید"),  # glide after ا
        ("کرد", "کردن"),
        ("کرد", "بکنید"),
        ("کرد", "نمی‌کنند"),
        ("شد", "شده است"),
        ("داشت", "دارند"),
    ],
)
def test_forms_of_a_verb(past: str, form: str) -> None:
    assert key(form) in forms(past)


@pytest.mark.parametrize(
    ("past", "word"),
    [
        ("رساند", "رسانی"),  # "اطلاع رسانی": the noun suffix, not a verb
        ("گذاشت", "گذاری"),  # "سرمایه گذاری"
        ("داد", "دهم"),  # "دولت دهم": tenth
    ],
)
def test_words_that_are_not_forms(past: str, word: str) -> None:
    assert key(word) not in forms(past)


def test_conjugate_gives_parts_tense_person_and_prefix() -> None:
    perfect = [
        f.parts for f in conjugate("گفت") if f.tense == "perfect" and f.person == "3p" and not f.prefix
    ]
    assert perfect == [("گفته", "اند")]
    present = {
        f.parts for f in conjugate("گفت") if f.tense == "present" and f.prefix == "می" and f.person == "3s"
    }
    assert ("می", "گوید") in present
    assert key("نیستند") in copula_forms() and key("است") in copula_forms()
    assert is_past_stem(key("بارید")) and not is_past_stem(key("باران"))


def test_the_verb_stem_list_is_the_only_one() -> None:
    """Components name verbs by past stem; the stems come from verbs.txt alone."""
    rows = read_rows("verbs.txt")
    assert len(rows) > 600 and all(len(r) == 2 for r in rows)
    for name in ("org_heads.txt", "event_triggers.txt"):
        for row in read_rows(name):
            if len(row) > 1 and row[1].strip() in ("light", "verb", "@light", "@verb"):
                assert "#" not in row[0] and len(row) == 2, (name, row)


def test_lexicon_is_read_once_and_shared() -> None:
    lex = lexicon()
    assert lex is lexicon()
    assert lex.canonical[key("وزارت کار")] == "وزارت تعاون، کار و رفاه اجتماعی"
    assert lex.place_kind[key("یزد")] == "city" and key("ایران") in lex.countries
    assert key("اظهار") not in lex.light and key("کرد") in lex.light
    assert read_rows("titles.txt") is read_rows("titles.txt")  # the one cached loader


@pytest.mark.parametrize("word", ["نزد", "بدهی", "کردی", "گذشته", "افزوده"])
def test_homographs_are_no_verb_forms(word: str) -> None:
    """Forms the conjugation makes that in news are almost always another word (verb_homographs.txt)."""
    everything = forms("زد") | forms("داد") | forms("کرد") | forms("گذشت") | forms("افزود")
    assert key(word) not in everything
