"""The plain-text lexicons newsmine ships, and their one cached loader: UTF-8, ``#`` comment lines, one entry a
line, fields split by tabs.

>>> rows = read_rows("number_words.txt")
>>> all(row[0] and not row[0].startswith("#") for row in rows)
True
"""

from __future__ import annotations

from functools import cache, lru_cache
from importlib import resources


def read_text(name: str) -> str:
    """The whole text of one resource file."""
    return (resources.files(__name__) / name).read_text(encoding="utf-8")


@cache
def read_rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The entries of a resource file, each split on tabs; comment (``#``) and blank lines left out.

    Read once per process: every component that reads the same file shares these rows.
    """
    return tuple(
        tuple(line.split("\t"))
        for line in read_text(name).splitlines()
        if line.strip() and not line.startswith("#")
    )


@lru_cache(maxsize=1)
def word_rows() -> tuple[tuple[str, int | None, str | None], ...]:
    """hazm's word list (its ``data/words.dat``, shipped as ``hazm_words.txt``), read once per process for
    every user of it.

    Each row is ``(word, frequency, POS classes)``; frequency is None where the file has no number and
    POS is None where the line has no third field. Words may repeat (one row per POS reading).
    """
    rows = []
    for line in read_text("hazm_words.txt").splitlines():
        if line.startswith("#"):  # the header; no row of hazm's file starts with #
            continue
        parts = line.rstrip("\n").split("\t")
        if len(parts) < 2:
            continue
        freq = int(parts[1]) if parts[1].isdigit() else None
        rows.append((parts[0], freq, parts[2] if len(parts) >= 3 else None))
    return tuple(rows)


#: the name the readers knew it by, from when it read hazm's own copy
hazm_word_rows = word_rows
