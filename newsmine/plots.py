"""Persian labels for matplotlib (the plots extra: matplotlib, arabic-reshaper, python-bidi).

matplotlib draws the characters of a label left to right as they are stored, each in its isolated form,
so Persian comes out with its letters unjoined and its words reversed. :func:`shape` turns a label into
what matplotlib should draw: the letters in their joined forms (arabic-reshaper; a ZWNJ keeps two letters
apart, as in the text) and in visual order (python-bidi, the Unicode bidirectional algorithm), so Persian
and digits or Latin words in one label each read the right way. matplotlib's default font, DejaVu Sans,
has every joined form Persian needs.

    from newsmine.plots import shape
    ax.barh([shape(name) for name in per_org.index], per_org.values)
    ax.set_title(shape("سازمان‌ها"))

A label without Arabic-script letters is returned unchanged, so ``shape`` can be mapped over any labels.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

__all__ = ["shape"]

#: Arabic-script letters (Arabic, its supplement and extended-A blocks): a label without them stays as it is
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")


def shape(label: Any) -> str:
    """``label`` as matplotlib should draw it: letters joined and in visual (left-to-right) order.

    Needs arabic-reshaper and python-bidi (``pip install 'newsmine[plots]'``) for labels with Persian
    letters; any other label (numbers, Latin text, ``None``) comes back as ``str(label)``.
    """
    text = "" if label is None else str(label)
    if not _ARABIC_SCRIPT.search(text):
        return text
    return _shaped(text)


@lru_cache(maxsize=4096)
def _shaped(text: str) -> str:
    try:
        import arabic_reshaper
        from bidi.algorithm import get_display
    except ImportError as exc:  # the message names the extra that brings both
        raise ImportError(
            f"newsmine.plots.shape needs {exc.name}, which the plots extra brings: "
            "pip install 'newsmine[plots]'"
        ) from exc
    return get_display(arabic_reshaper.reshape(text))
