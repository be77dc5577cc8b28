"""Persian plot labels: shaped (joined letters) and in visual order, with glyphs in matplotlib's font."""

from __future__ import annotations

import pytest

from newsmine.plots import shape


@pytest.mark.parametrize("label", ["numbers", "2024-10", "1403-07-15", "", None, 42])
def test_labels_without_persian_are_unchanged(label: object) -> None:
    assert shape(label) == ("" if label is None else str(label))


def test_persian_is_joined_and_in_visual_order() -> None:
    pytest.importorskip("arabic_reshaper", reason="the plots extra brings arabic-reshaper")
    pytest.importorskip("bidi", reason="the plots extra brings python-bidi")
    drawn = shape("وزارت نیرو")
    # presentation forms, the last word first and each word's last letter leftmost: و ر ی(medial) ن(initial),
    # then ت ر ا ز و (each isolated: ر ز ا و do not join to the next letter)
    assert drawn == "\ufeed\ufeae\ufbff\ufee7 \ufe95\ufead\ufe8d\ufeaf\ufeed"
    assert all(not "\u0600" <= c <= "\u06ff" for c in drawn)


def test_zwnj_keeps_letters_apart_and_digits_read_left_to_right() -> None:
    pytest.importorskip("arabic_reshaper", reason="the plots extra brings arabic-reshaper")
    pytest.importorskip("bidi", reason="the plots extra brings python-bidi")
    drawn = shape("آب‌رسانی ۱۴۰۳")
    assert "\u200c" not in drawn and "۱۴۰۳" in drawn  # digits keep their order inside the RTL label
    assert drawn.endswith("\ufe81")  # آ, the first letter, drawn rightmost


def test_matplotlib_default_font_has_every_shaped_glyph() -> None:
    pytest.importorskip("arabic_reshaper", reason="the plots extra brings arabic-reshaper")
    pytest.importorskip("bidi", reason="the plots extra brings python-bidi")
    font_manager = pytest.importorskip("matplotlib.font_manager", reason="the plots extra brings matplotlib")
    from matplotlib.ft2font import FT2Font

    charmap = FT2Font(font_manager.findfont("DejaVu Sans")).get_charmap()
    label = shape("پژوهشگاه گچساران، کمیته امداد و سازمان برنامه و بودجه: ۱۲ هزار میلیارد ریال")
    assert [c for c in set(label) if ord(c) not in charmap] == []
