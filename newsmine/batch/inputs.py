"""Batch inputs: expand paths and globs, read every unit of work, give each a content hash.

A *unit* is one article: an .html/.htm/.txt file, one line of a .jsonl/.jsonl.gz file (a JSON object with
``html`` or ``text``, plus optional ``url``, ``title``, ``published``), or one article response record of a
.warc/.warc.gz file. Reading is lazy (one unit at a time), so memory does not grow with the corpus.

What cannot become a unit (an empty or oversized file, a malformed JSON line, a truncated gzip stream, a
broken WARC record) is yielded as an :class:`InputError` instead: the batch writes it to ``errors.jsonl``
and goes on. Nothing is dropped silently. What the parsers must not be given whole (deep nesting, huge
markup, endless lines) is cut by the input guard every extraction goes through
(:mod:`newsmine.web.guard`), with a warning in the Record.

What is read from a directory (searched recursively):

- files with a known suffix; hidden files and folders (``.cache``, ``.lock``) are not read;
- never a batch's own output: a folder holding a ``state.sqlite`` (another batch's ``--out``, or this
  one's when it lies inside an input folder) is skipped whole, and so are the paths passed as
  ``exclude``, also when a glob names files inside them;
- never an ``errors.jsonl`` (a crawl's or a batch's error log is no article);
- a crawl folder (one with ``crawl-*.warc.gz``) once: its WARCs are read, its ``records.jsonl`` (the same
  articles, already extracted) is not.

What was asked for and not found (a missing path, a glob matching nothing) is counted in
:class:`Reading` (``missing``), with how many files were read and what was skipped, for the run summary.

>>> unit_key({"url": "https://farsnews.ir/1", "text": "خبر"}) == unit_key({"text": "خبر", "url": "https://farsnews.ir/1"})
True
"""

from __future__ import annotations

import fnmatch
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

__all__ = ["InputError", "Reading", "Unit", "expand_inputs", "read_units", "unit_key"]

FILE_SUFFIXES = (".html", ".htm", ".txt")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")
#: the fields of a JSONL object (or dict unit) that are passed on and that the content hash covers
ITEM_FIELDS = ("url", "title", "published", "html", "text")
#: a file, line or record larger than this is refused (no news page is; a crawl accident may be); what is
#: smaller goes to the input guard, which empties bulky scripts and cuts the rest to its limits
MAX_BYTES = 20_000_000
#: files a directory never gives as input: error logs (a crawl's, a batch's) are no articles
NOT_INPUT = ("errors.jsonl",)
#: a folder with this file is a batch's output: never read as input
BATCH_MARK = "state.sqlite"
#: the files of a crawl folder (newsmine.web.crawl): when a folder holds a crawl WARC, its records.jsonl
#: (the same articles, extracted already) is not read again
CRAWL_WARC = "crawl-*.warc.gz"
CRAWL_RECORDS = "records.jsonl"


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
    stage: str  # "read" (file, line or record) or "validate" (too large)
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


@dataclass
class Reading:
    """What reading the inputs found: files read, units met, what was asked for and not found, what was
    skipped and why (at most ``keep`` paths listed; ``n_skipped`` counts them all)."""

    files: int = 0
    units: int = 0
    missing: list[str] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)
    n_skipped: int = 0
    keep: int = 100

    def skip(self, path: Path, why: str) -> None:
        self.n_skipped += 1
        if len(self.skipped) < self.keep:
            self.skipped.append({"path": str(path), "why": why})


class _Scope:
    """Which folders are batch outputs or excluded (asked once per folder)."""

    def __init__(self, exclude: Iterable[str | os.PathLike[str]]) -> None:
        self.exclude = {Path(p).resolve() for p in exclude}
        self._outputs: dict[Path, bool] = {}

    def output(self, folder: Path) -> Path | None:
        """The batch output or excluded folder ``folder`` is in (itself or a parent), or None."""
        folder = folder.resolve()
        for candidate in (folder, *folder.parents):
            if candidate in self.exclude:
                return candidate
            marked = self._outputs.get(candidate)
            if marked is None:
                marked = self._outputs[candidate] = (candidate / BATCH_MARK).is_file()
            if marked:
                return candidate
        return None


def _walk(root: Path, scope: _Scope, reading: Reading) -> Iterator[Path]:
    """The input files under ``root``, sorted, skipping what the module docstring says is skipped."""
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        kept = []
        for name in sorted(dirs):
            sub = here / name
            if name.startswith("."):
                continue
            if scope.output(sub) is not None:
                reading.skip(sub, "a batch output folder (it holds a state.sqlite) or the --out folder")
                continue
            kept.append(name)
        dirs[:] = kept
        crawl = any(fnmatch.fnmatch(n, CRAWL_WARC) for n in files)
        for name in sorted(files):
            path = here / name
            if name.startswith(".") or not _known(path):
                continue
            if name in NOT_INPUT:
                reading.skip(path, "an error log, not articles")
            elif crawl and name == CRAWL_RECORDS:
                reading.skip(path, "a crawl's records: its WARC holds the same articles and is read")
            else:
                yield path


def expand_inputs(
    inputs: Iterable[str | os.PathLike[str]],
    exclude: Iterable[str | os.PathLike[str]] = (),
    reading: Reading | None = None,
) -> Iterator[Path]:
    """Files named by ``inputs`` (paths, directories searched recursively, globs), each once, sorted; see
    the module docstring for what is skipped. What is missing is listed in ``reading.missing``."""
    reading = reading if reading is not None else Reading()
    scope = _Scope(exclude)
    seen: set[Path] = set()
    for raw in inputs:
        text = str(raw)
        magic = glob.has_magic(text)
        matches = sorted(glob.glob(text, recursive=True)) if magic else [text]
        if not matches or (not magic and not os.path.lexists(text)):
            reading.missing.append(text)
            continue
        for match in matches:
            path = Path(match)
            if path.is_dir():
                if scope.output(path) is not None:
                    reading.skip(path, "a batch output folder (it holds a state.sqlite) or the --out folder")
                    continue
                found: Iterable[Path] = _walk(path, scope, reading)
            else:
                if magic and not _known(path):
                    continue  # a glob's other matches: only known types
                if scope.output(path.parent) is not None:
                    reading.skip(path, "inside a batch output folder or the --out folder")
                    continue
                found = [path]
            for p in found:
                if p not in seen:
                    seen.add(p)
                    yield p


def _known(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith(FILE_SUFFIXES + JSONL_SUFFIXES + WARC_SUFFIXES)


def read_units(
    inputs: Iterable[str | os.PathLike[str]],
    max_bytes: int = MAX_BYTES,
    *,
    exclude: Iterable[str | os.PathLike[str]] = (),
    reading: Reading | None = None,
) -> Iterator[Unit | InputError]:
    """Every unit of every input, lazily, in a stable order; what cannot be read comes as an InputError.
    ``reading`` (a :class:`Reading`) is filled in as the inputs are read."""
    reading = reading if reading is not None else Reading()
    for path in expand_inputs(inputs, exclude, reading):
        name = path.name.lower()
        reading.files += 1
        try:
            if name.endswith(JSONL_SUFFIXES):
                units: Iterable[Unit | InputError] = _read_jsonl(path, max_bytes)
            elif name.endswith(WARC_SUFFIXES):
                units = _read_warc(path, max_bytes)
            elif name.endswith(FILE_SUFFIXES):
                units = [_read_file(path, max_bytes)]
            else:
                units = [
                    InputError(
                        str(path), "read", "UnknownFormat",
                        f"not a known input type (use {', '.join(FILE_SUFFIXES + JSONL_SUFFIXES + WARC_SUFFIXES)})",
                    )
                ]  # fmt: skip
            for unit in units:
                reading.units += 1
                yield unit
        except OSError as exc:
            reading.units += 1
            yield InputError(str(path), "read", type(exc).__name__, str(exc))


def _read_file(path: Path, max_bytes: int) -> Unit | InputError:
    ref = str(path)
    size = path.stat().st_size
    if size == 0:
        return InputError(ref, "read", "EmptyFile", "the file is empty")
    if size > max_bytes:
        return InputError(ref, "validate", "TooLarge", f"{size} bytes, more than the limit of {max_bytes}")
    data = path.read_bytes()
    kind = "text" if path.suffix.lower() == ".txt" else "html"
    item: dict[str, Any] = {kind: data}
    return Unit(unit_key(item), ref, item)


def _open_lines(path: Path) -> Any:
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")
    return open(path, "rb")


def _lines(fh: Any, max_bytes: int) -> Iterator[tuple[bytes, int]]:
    """The lines of a file, each with its length; a line longer than ``max_bytes`` is not kept in memory:
    it comes as its first ``max_bytes + 1`` bytes, with its whole length."""
    while True:
        raw = fh.readline(max_bytes + 1)
        if not raw:
            return
        size = len(raw)
        if size > max_bytes and not raw.endswith(b"\n"):
            while True:  # the rest of an overlong line, read and dropped in bounded pieces
                more = fh.readline(1 << 20)
                size += len(more)
                if not more or more.endswith(b"\n"):
                    break
        yield raw, size


def _read_jsonl(path: Path, max_bytes: int) -> Iterator[Unit | InputError]:
    lineno = 0
    with _open_lines(path) as fh:
        try:
            for raw, size in _lines(fh, max_bytes):
                lineno += 1
                if size > max_bytes:
                    yield InputError(
                        f"{path}:{lineno}",
                        "validate",
                        "TooLarge",
                        f"line of {size} bytes, more than {max_bytes}",
                    )
                    continue
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
        yield Unit(unit_key(item), ref, item, rec.url)
