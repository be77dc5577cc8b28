"""The hazm data newsmine ships (resources/hazm_chars.txt, hazm_words.txt) is hazm 0.10's, row for row.

newsmine reads no hazm at run time; ``scripts/build_hazm_data.py`` copied the two files once. These tests
compare them with the hazm installed beside the tests (the dev and bench extras bring it) and skip, saying
why, where hazm is absent.
"""

from __future__ import annotations

import importlib.util
from importlib import metadata, resources
from pathlib import Path

import pytest

from newsmine.resources import hazm_word_rows, read_rows
from newsmine.text import normalize as normalize_module

HAZM_VERSION = "0.10.0"


def _hazm_version() -> str:
    try:
        return metadata.version("hazm")
    except metadata.PackageNotFoundError:
        pytest.skip("hazm is not installed (the bench and dev extras bring it): nothing to compare with")


def _hazm_table() -> dict[int, str]:
    """hazm's letter table as the installed hazm builds it (``scripts/build_hazm_data.py`` reads it)."""
    path = Path(__file__).resolve().parents[1] / "scripts" / "build_hazm_data.py"
    spec = importlib.util.spec_from_file_location("build_hazm_data", path)
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    return {ord(a): b for a, b in script.hazm_translation_table().items()}


def _shipped_table() -> dict[int, str]:
    return {int(src, 16): chr(int(dst, 16)) for src, dst, *_ in read_rows("hazm_chars.txt")}


def test_letter_table_is_hazm_0_10s() -> None:
    version = _hazm_version()
    hazm, shipped = _hazm_table(), _shipped_table()
    if version == HAZM_VERSION:
        assert shipped == hazm
    else:  # hazm 0.12 adds rows (Farsi yeh and final alef-madda forms) newsmine does not apply
        assert {k: hazm[k] for k in shipped if k in hazm} == shipped, (
            f"hazm {version} maps a letter otherwise"
        )


def test_normalizer_table_is_what_hazm_gave() -> None:
    """The table the normalizer uses is the one it built from hazm's Normalizer before hazm left the runtime:
    hazm's rows, digits and ۀ kept, control characters dropped, no-break space and tab to a space."""
    if _hazm_version() != HAZM_VERSION:
        pytest.skip(f"hazm {metadata.version('hazm')} installed; the shipped table is hazm {HAZM_VERSION}'s")
    table = _hazm_table()
    for keep in "0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩ۀ":
        table.pop(ord(keep), None)
    for ch in "\ufeff\u200b\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u00ad\r":
        table[ord(ch)] = ""
    table[ord("\u00a0")] = " "
    table[ord("\t")] = " "
    assert normalize_module._hazm_character_table() == table
    every = "".join(chr(c) for c in sorted(table))
    assert every.translate(normalize_module._hazm_character_table()) == every.translate(table)


def test_word_rows_are_hazms_words_dat() -> None:
    _hazm_version()
    raw = (resources.files("hazm") / "data" / "words.dat").read_bytes().decode("utf-8")
    shipped = resources.files("newsmine.resources").joinpath("hazm_words.txt").read_bytes().decode("utf-8")
    body = "".join(line for line in shipped.splitlines(keepends=True) if not line.startswith("#"))
    assert body == raw
    expected = []
    for line in raw.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2:
            freq = int(parts[1]) if parts[1].isdigit() else None
            expected.append((parts[0], freq, parts[2] if len(parts) >= 3 else None))
    assert hazm_word_rows() == tuple(expected)


def test_shipped_files_name_their_source_and_licence() -> None:
    for name in ("hazm_chars.txt", "hazm_words.txt"):
        head = resources.files("newsmine.resources").joinpath(name).read_text(encoding="utf-8")[:1000]
        assert "hazm 0.10.0" in head and "MIT" in head and "scripts/build_hazm_data.py" in head
