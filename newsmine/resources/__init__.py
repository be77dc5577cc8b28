"""The plain-text lexicons newsmine ships, and their one cached loader: UTF-8, ``#`` comment lines, one entry a
line, fields split by tabs.

>>> rows = read_rows("number_words.txt")
>>> all(row[0] and not row[0].startswith("#") for row in rows)
True

Tables built from the large lists (hazm's 190,000 words) are also kept on disk by :func:`cached`, so that a
new process reads them in a few milliseconds instead of parsing the lists again (0.5 s of start-up).
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


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


def cache_dir() -> Path | None:
    """Where :func:`cached` keeps its tables: ``$NEWSMINE_CACHE_DIR``, else the user's cache folder
    (``$XDG_CACHE_HOME`` or ``~/.cache``, ``%LOCALAPPDATA%`` on Windows) + ``newsmine``; None when
    ``NEWSMINE_CACHE_DIR`` is set empty (no disk cache)."""
    env = os.environ.get("NEWSMINE_CACHE_DIR")
    if env is not None:
        return Path(env) if env else None
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "newsmine" / "cache"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsmine"


def cached(name: str, sources: Sequence[str], build: Callable[[], T]) -> T:
    """``build()``, kept on disk under a key made of ``name``, this Python's version and the bytes of the
    resource files ``sources`` it is built from, so that an edited list (or another newsmine) builds anew.

    The value must be plain data (dicts, lists, tuples, sets, strings, numbers: what :mod:`marshal`
    writes). A cache that cannot be read or written (read-only home, a full disk) is passed over: the
    table is then built every time, as without a cache.
    """
    folder = cache_dir()
    if folder is None:
        return build()
    digest = hashlib.sha256(f"{name}|{sys.version_info[:2]}|{marshal.version}".encode())
    for source in sources:
        digest.update(source.encode("utf-8") + b"\0" + (resources.files(__name__) / source).read_bytes())
    path = folder / f"{name}-{digest.hexdigest()[:20]}.marshal"
    try:
        return marshal.loads(path.read_bytes())  # type: ignore[no-any-return]
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = build()
    tmp: str | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(marshal.dumps(value))
        os.replace(tmp, path)  # whole or not at all: another process may be reading it
        tmp = None
    except (OSError, ValueError):
        pass
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
    return value
