"""Batch inputs: expand paths and globs, read every unit of work, give each a content hash.

A *unit* is one article: an .html/.htm/.txt file, one line of a .jsonl/.jsonl.gz file (a JSON object with
``html`` or ``text``, plus optional ``url``, ``title``, ``published``), or one article response record of a
.warc/.warc.gz file. Reading is lazy (one unit at a time), so memory does not grow with the corpus.

What cannot become a unit (an empty or oversized file, a malformed JSON line, a truncated gzip stream, a
broken WARC record, HTML nested too deep for the parsers) is yielded as an :class:`InputError` instead: the
batch writes it to ``errors.jsonl`` and goes on. Nothing is dropped silently.

>>> unit_key({"url": "https://farsnews.ir/1", "text": "خبر"}) == unit_key({"text": "خبر", "url": "https://farsnews.ir/1"})
True
"""

from __future__ import annotations

import glob
import gzip
import hashlib
import json
import os
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsmine.web.article import check_html

__all__ = ["InputError", "Unit", "expand_inputs", "read_units", "unit_key"]

FILE_SUFFIXES = (".html", ".htm", ".txt")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")
#: the fields of a JSONL object (or dict unit) that are passed on and that the content hash covers
ITEM_FIELDS = ("url", "title", "published", "html", "text")
#: a file or record larger than this is refused (no news page is; a crawl accident may be, and parsing
#: 20 MB of HTML takes about a minute)
MAX_BYTES = 5_000_000


@dataclass
class Unit:
    """One article to extract: ``item`` goes to ``newsmine.extract``; ``key`` is its content hash."""

    key: str
    ref: str  # "path", "path:LINE" (1-based) or "path@OFFSET" (WARC byte offset)
    item: dict[str, Any]
    url: str | None = None


@dataclass
class InputError:
    """An input that could not become a unit; ``key`` makes it known to the state store on a rerun."""

    ref: str
    stage: str  # "read" (file, line or record) or "validate" (too large, nested too deep)
    error: str  # an error type: EmptyFile, JSONDecodeError, TruncatedGzip, BrokenWarcRecord, ...
    message: str
    url: str | None = None
    key: str = field(default="")

    def __post_init__(self) -> None:
        if not self.key:
            self.key = "err:" + _sha(f"{self.ref}\x1f{self.stage}\x1f{self.error}".encode())

    def to_dict(self) -> dict[str, Any]:
        return {
            "input": self.ref,
            "stage": self.stage,
            "error": self.error,
            "message": self.message,
            "url": self.url,
            "key": self.key,
        }


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:32]


def unit_key(item: dict[str, Any]) -> str:
    """The content hash of a unit: the same article content gives the same key, a changed one a new key."""
    h = hashlib.sha256()
    for name in ITEM_FIELDS:
        value = item.get(name)
        if value is None:
            continue
        h.update(name.encode())
        h.update(b"\x1e")
        h.update(value if isinstance(value, bytes) else str(value).encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()[:32]


def expand_inputs(inputs: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Files named by ``inputs`` (paths, directories searched recursively, globs), each once, sorted."""
    seen: set[Path] = set()
    for raw in inputs:
        text = str(raw)
        matches = sorted(glob.glob(text, recursive=True)) if glob.has_magic(text) else [text]
        for match in matches:
            path = Path(match)
            found = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
            for p in found:
                if path.is_dir() and not _known(p):
                    continue
                if p not in seen:
                    seen.add(p)
                    yield p


def _known(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith(FILE_SUFFIXES + JSONL_SUFFIXES + WARC_SUFFIXES)


def read_units(
    inputs: Iterable[str | os.PathLike[str]], max_bytes: int = MAX_BYTES
) -> Iterator[Unit | InputError]:
    """Every unit of every input, lazily, in a stable order; what cannot be read comes as an InputError."""
    for path in expand_inputs(inputs):
        name = path.name.lower()
        try:
            if name.endswith(JSONL_SUFFIXES):
                yield from _read_jsonl(path, max_bytes)
            elif name.endswith(WARC_SUFFIXES):
                yield from _read_warc(path, max_bytes)
            elif name.endswith(FILE_SUFFIXES):
                yield _read_file(path, max_bytes)
            elif not path.exists():
                yield InputError(str(path), "read", "FileNotFoundError", "no such file or directory")
            else:
                yield InputError(
                    str(path), "read", "UnknownFormat",
                    f"not a known input type (use {', '.join(FILE_SUFFIXES + JSONL_SUFFIXES + WARC_SUFFIXES)})",
                )  # fmt: skip
        except OSError as exc:
            yield InputError(str(path), "read", type(exc).__name__, str(exc))


def _read_file(path: Path, max_bytes: int) -> Unit | InputError:
    ref = str(path)
    size = path.stat().st_size
    if size == 0:
        return InputError(ref, "read", "EmptyFile", "the file is empty")
    if size > max_bytes:
        return InputError(ref, "validate", "TooLarge", f"{size} bytes, more than the limit of {max_bytes}")
    data = path.read_bytes()
    problem = check_html(data)
    if problem:
        return InputError(ref, "validate", "NestedTooDeep", problem)
    kind = "text" if path.suffix.lower() == ".txt" else "html"
    item: dict[str, Any] = {kind: data}
    return Unit(unit_key(item), ref, item)


def _open_lines(path: Path) -> Any:
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")
    return open(path, "rb")


def _read_jsonl(path: Path, max_bytes: int) -> Iterator[Unit | InputError]:
    lineno = 0
    with _open_lines(path) as fh:
        try:
            for raw in fh:
                lineno += 1
                if not raw.strip():
                    continue
                yield _jsonl_unit(path, lineno, raw, max_bytes)
        except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
            yield InputError(
                f"{path}:{lineno + 1}", "read", "TruncatedGzip" if isinstance(exc, EOFError) else "BadGzip",
                f"gzip stream ends or breaks after line {lineno}: {exc}",
            )  # fmt: skip
    if lineno == 0:
        yield InputError(str(path), "read", "EmptyFile", "the file has no lines")


def _jsonl_unit(path: Path, lineno: int, raw: bytes, max_bytes: int) -> Unit | InputError:
    ref = f"{path}:{lineno}"
    if len(raw) > max_bytes:
        return InputError(ref, "validate", "TooLarge", f"line of {len(raw)} bytes, more than {max_bytes}")
    try:
        obj = json.loads(raw)
    except ValueError as exc:
        return InputError(ref, "read", type(exc).__name__, f"malformed JSON line: {exc}"[:300])
    if not isinstance(obj, dict):
        return InputError(ref, "read", "NotAnObject", f"a JSON {type(obj).__name__}, not an object")
    url = obj.get("url") if isinstance(obj.get("url"), str) else None
    item = {k: obj[k] for k in ITEM_FIELDS if obj.get(k) is not None}
    body = item.get("html", item.get("text"))
    if not isinstance(body, str):
        return InputError(ref, "read", "NoText", "the object has no 'html' or 'text' string", url)
    if "html" in item:
        problem = check_html(item["html"])
        if problem:
            return InputError(ref, "validate", "NestedTooDeep", problem, url)
    return Unit(unit_key(item), ref, item, url)


def _read_warc(path: Path, max_bytes: int) -> Iterator[Unit | InputError]:
    from newsmine.web.warc import read_warc

    for rec in read_warc(path, max_bytes=max_bytes):
        ref = f"{path}@{rec.offset if rec.offset is not None else '?'}"
        if rec.error:
            too_large = "larger than" in rec.error
            yield InputError(
                ref, "validate" if too_large else "read", "TooLarge" if too_large else "BrokenWarcRecord",
                rec.error, rec.url,
            )  # fmt: skip
            continue
        if rec.role and rec.role != "article":
            continue
        if rec.status is not None and 300 <= rec.status < 400:
            continue  # a redirect hop: the page it leads to is archived as its own record
        if rec.status is not None and not 200 <= rec.status < 300:
            yield InputError(
                ref, "read", "HttpStatus", f"the archived response is HTTP {rec.status}", rec.url
            )
            continue
        item: dict[str, Any] = {"html": rec.text}
        if rec.url:
            item["url"] = rec.url
        if not rec.text.strip():
            yield InputError(ref, "read", "EmptyRecord", "the response record has no body", rec.url)
            continue
        problem = check_html(rec.body)
        if problem:
            yield InputError(ref, "validate", "NestedTooDeep", problem, rec.url)
            continue
        yield Unit(unit_key(item), ref, item, rec.url)
