"""The plain-text lexicons newsmine ships: UTF-8, ``#`` comment lines, one entry a line, fields split by tabs.

>>> rows = read_rows("number_words.txt")
>>> all(row[0] and not row[0].startswith("#") for row in rows)
True
"""

from __future__ import annotations

from importlib import resources


def read_text(name: str) -> str:
    """The whole text of one resource file."""
    return (resources.files(__name__) / name).read_text(encoding="utf-8")


def read_rows(name: str) -> list[list[str]]:
    """The entries of a resource file, each split on tabs; comment (``#``) and blank lines left out."""
    return [
        line.split("\t") for line in read_text(name).splitlines() if line.strip() and not line.startswith("#")
    ]
