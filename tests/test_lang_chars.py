"""chars.fold: one character in, one out, the same as the plain translation table."""

from __future__ import annotations

from newsmine.lang.chars import _FOLD, fold, to_latin_digits, to_persian_digits


def test_fold_matches_its_table_over_the_arabic_block() -> None:
    sample = "كشور يك ۱۲۳ ٤٥٦ 789 ى ە abc " + "".join(map(chr, range(0x600, 0x700)))
    assert fold(sample) == sample.translate(_FOLD)
    assert len(fold(sample)) == len(sample)


def test_digit_scripts() -> None:
    assert to_latin_digits("۱۴۰۲/١١/21") == "1402/11/21"
    assert to_persian_digits("1402/١١") == "۱۴۰۲/۱۱"
