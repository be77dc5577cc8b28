"""WARC in and out (warcio): ``WarcWriter`` / ``write_warc`` archive fetches as request + response
records in a .warc.gz; ``read_warc`` yields the response records of a .warc or .warc.gz as ``WarcItem``.

Bodies are stored as newsmine read them, after gzip/deflate: the stored HTTP headers drop
Content-Encoding and Transfer-Encoding (kept as ``X-Newsmine-Original-*``) and give the stored length, so any
WARC reader sees a consistent record. A redirect is archived as its own response record.

A broken record never ends a read silently: it becomes a ``WarcItem`` with ``error`` set, and reading
resumes at the next record that can be found (the next gzip member, or the next ``WARC/`` line).
"""

from __future__ import annotations

import io
import os
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO, Any
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsmine.version import __version__
from newsmine.web.fetch import FetchResult, _header, _Inflater, _phrase, _Refused, decode_body

__all__ = ["WarcItem", "WarcWriter", "read_warc", "write_warc"]

#: the crawler's note of why a URL was fetched ("article", "feed", "sitemap"), as a WARC header
ROLE_HEADER = "WARC-Newsmine-Role"
_HOP_HEADERS = ("content-encoding", "transfer-encoding", "content-length")
_READ_CHUNK = 64 * 1024


@dataclass
class WarcItem:
    """One response record read back. ``text`` is the body decoded as the fetcher would decode it."""

    url: str | None
    text: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    date: str | None = None
    status: int | None = None
    body: bytes = b""
    encoding: str | None = None
    role: str | None = None
    offset: int | None = None
    error: str | None = None

    @property
    def html(self) -> str:
        return self.text

    @property
    def content_type(self) -> str | None:
        return _header(self.headers, "content-type")


class WarcWriter:
    """Append fetches to a WARC file (gzip per record when the name ends in .gz).

    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "t.warc.gz")
    >>> with WarcWriter(path) as w:
    ...     w.write(FetchResult(url="http://x.ir/a", final_url="http://x.ir/a", status=200,
    ...                         headers={"Content-Type": "text/html; charset=utf-8"}, body="<p>خبر</p>".encode()))
    >>> [(i.url, i.text, i.error) for i in read_warc(path)]
    [('http://x.ir/a', '<p>خبر</p>', None)]
    """

    def __init__(self, path: str | Path, gzip: bool | None = None) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._fh: IO[bytes] = open(self.path, "wb")
        self._writer = WARCWriter(self._fh, gzip=self.path.name.endswith(".gz") if gzip is None else gzip)
        info = self._writer.create_warcinfo_record(
            self.path.name, {"software": f"newsmine/{__version__}", "format": "WARC File Format 1.1"}
        )
        self._writer.write_record(info)
        self.count = 0

    def write(self, result: FetchResult, role: str | None = None) -> None:
        """Archive one fetch: a request and a response record per hop. A fetch that got no response (refused,
        timed out) has nothing to archive and is skipped; the crawler reports it elsewhere."""
        for hop in result.history:
            self._write_pair(hop.url, hop.status, _phrase(hop.status), hop.headers, b"", result, role)
        if result.status is not None:
            self._write_pair(
                result.final_url, result.status, result.reason, result.headers, result.body, result, role
            )

    def _write_pair(
        self,
        url: str,
        status: int,
        reason: str,
        headers: dict[str, str],
        body: bytes,
        result: FetchResult,
        role: str | None,
    ) -> None:
        stored = [(k, v) for k, v in headers.items() if k.lower() not in _HOP_HEADERS]
        for name in ("Content-Encoding", "Transfer-Encoding"):
            original = _header(headers, name)
            if original:
                stored.append((f"X-Newsmine-Original-{name}", original))
        stored.append(("Content-Length", str(len(body))))
        http = StatusAndHeaders(f"{status} {reason or _phrase(status)}".strip(), stored, protocol="HTTP/1.1")
        warc_headers: dict[str, str] = {}
        if result.fetched_at:
            warc_headers["WARC-Date"] = result.fetched_at
        if role:
            warc_headers[ROLE_HEADER] = role
        response = self._writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), http_headers=http, warc_headers_dict=warc_headers
        )
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        req_headers = [(k, v) for k, v in result.request_headers.items()] or [("Host", parts.netloc)]
        request = self._writer.create_warc_record(
            url,
            "request",
            payload=io.BytesIO(b""),
            http_headers=StatusAndHeaders(f"GET {target} HTTP/1.1", req_headers, is_http_request=True),
            warc_headers_dict={
                **warc_headers,
                "WARC-Concurrent-To": response.rec_headers.get_header("WARC-Record-ID"),
            },
        )
        self._writer.write_record(response)
        self._writer.write_record(request)
        self._fh.flush()
        self.count += 1

    def close(self) -> None:
        if not self._fh.closed:
            self._fh.close()

    def __enter__(self) -> WarcWriter:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def write_warc(path: str | Path, responses: Iterable[FetchResult]) -> int:
    """Write fetches to a new WARC at ``path``; returns how many responses were archived."""
    with WarcWriter(path) as writer:
        for result in responses:
            writer.write(result)
        return writer.count


# --- reading ----------------------------------------------------------------------------------------


def _find_next(fh: IO[bytes], start: int, gz: bool) -> int | None:
    """Offset of the next record start at or after ``start``: a gzip member, or a ``WARC/1.`` line."""
    magic = b"\x1f\x8b\x08" if gz else b"WARC/1."
    fh.seek(start)
    carry = b""
    pos = start
    while True:
        block = fh.read(1 << 20)
        if not block:
            return None
        data = carry + block
        base = pos - len(carry)
        at = 0
        while True:
            i = data.find(magic, at)
            if i < 0:
                break
            if gz or i + base == 0 or data[i - 1 : i] == b"\n":
                return base + i
            at = i + 1
        carry = data[-(len(magic) - 1) :]
        pos += len(block)


_TARGET = re.compile(rb"WARC-Target-URI:\s*(\S+)")


def _peek_url(fh: IO[bytes], offset: int, gz: bool) -> str | None:
    """The target URI of a broken record, if its first bytes can still be read."""
    fh.seek(offset)
    head = fh.read(1 << 16)
    if gz:
        try:
            head = zlib.decompressobj(31).decompress(head, 1 << 16)
        except zlib.error:
            return None
    match = _TARGET.search(head[:8192])
    return match.group(1).decode("utf-8", errors="replace") if match else None


def _read_block(record: Any, limit: int) -> bytes:
    """The record's bytes after its HTTP headers, as stored; a short read (truncated file) is an error."""
    declared = (record.rec_headers.get_header("Content-Length") or "").strip()
    if record.format.startswith("warc") and not declared.isdigit():
        raise _Broken(f"invalid WARC Content-Length {declared[:40]!r}")
    out = bytearray()
    while True:
        chunk = record.raw_stream.read(_READ_CHUNK)
        if not chunk:
            break
        out += chunk
        if len(out) > limit:
            raise _Broken(f"aborted: payload larger than {limit} bytes")
    header_len = record.http_headers.total_len if record.http_headers is not None else 0
    expected = (record.length or 0) - header_len
    if record.length is not None and len(out) < expected:
        raise _Broken(f"truncated record: {len(out)} of {expected} payload bytes present")
    return bytes(out)


def _decode_payload(raw: bytes, headers: dict[str, str], limit: int) -> bytes:
    """Undo chunked transfer coding and gzip/deflate (bounded, as the fetcher does) in a stored payload."""
    if (_header(headers, "transfer-encoding") or "").lower() == "chunked":
        from warcio.bufferedreaders import ChunkedDataReader

        raw = ChunkedDataReader(io.BytesIO(raw)).read()
    coding = (_header(headers, "content-encoding") or "identity").strip().lower()
    if coding in ("identity", ""):
        return raw
    if coding not in ("gzip", "x-gzip", "deflate"):
        raise _Broken(f"unsupported Content-Encoding {coding!r} in stored response")
    inflater = _Inflater(coding)
    out = bytearray()
    try:
        for piece in inflater.feed(raw):
            out += piece
            if len(out) > limit:
                raise _Broken(f"aborted: payload larger than {limit} bytes after {coding} decompression")
    except _Refused as exc:
        raise _Broken(str(exc)) from None
    return bytes(out + inflater.flush())


class _Broken(Exception):
    """A record that can be located but not read; reading goes on with the next one."""


def _item(record: Any, offset: int, limit: int) -> WarcItem:
    item = WarcItem(
        url=record.rec_headers.get_header("WARC-Target-URI"),
        date=record.rec_headers.get_header("WARC-Date"),
        role=record.rec_headers.get_header(ROLE_HEADER),
        offset=offset,
    )
    if not item.url:
        raise _Broken("record has no WARC-Target-URI (not a WARC response?)")
    if record.http_headers is not None:
        item.headers = dict(record.http_headers.headers)
        code = (record.http_headers.get_statuscode() or "").strip()
        item.status = int(code) if code.isdigit() else None
    item.body = _decode_payload(_read_block(record, limit), item.headers, limit)
    item.text, item.encoding = decode_body(item.body, item.content_type)
    return item


#: a WARC record's header block is never longer than this
_MAX_HEADER = 1 << 16
_FIELD = re.compile(rb"^([A-Za-z0-9-]+):[ \t]*(.*?)[ \t]*\r?$", re.M)
_NEXT_RECORD = re.compile(rb"\r?\n\r?\nWARC/1\.[01]\r?\n")


@dataclass
class _Frame:
    """One record as its framing delimits it: header fields, and the whole record's bytes (or an error)."""

    offset: int
    fields: dict[str, str]
    data: bytes = b""
    error: str | None = None
    resume: int | None = None  # where reading goes on, when the frame is broken


def _fields(header: bytes) -> dict[str, str]:
    return {
        m.group(1).decode("ascii").lower(): m.group(2).decode("utf-8", "replace")
        for m in _FIELD.finditer(header)
    }


def _frame(fh: IO[bytes], pos: int, size: int, limit: int, *, nested: bool = True) -> _Frame | None:
    """The record starting at (or after blank lines from) ``pos`` of a plain WARC stream, checked against
    its framing: a ``WARC/1.x`` line, header fields, a blank line, ``Content-Length`` bytes of block,
    then a blank line and the next record's ``WARC/`` line (or the end). None at the end of the stream."""
    fh.seek(pos)
    head = fh.read(_MAX_HEADER)
    start = pos + len(head) - len(head.lstrip(b"\r\n"))
    head = head.lstrip(b"\r\n")
    if not head:
        return None
    end = head.find(b"\r\n\r\n")
    sep = 4
    if end < 0:
        end, sep = head.find(b"\n\n"), 2
    if not head.startswith(b"WARC/") or end < 0:
        return _Frame(start, {}, error="bytes here are not a WARC record header", resume=start + 1)
    header = head[: end + sep]
    fields = _fields(header[:end])
    kind = fields.get("warc-type", "?")
    declared = fields.get("content-length", "")
    block = start + len(header)
    if not declared.isdigit():
        return _Frame(
            start, fields, error=f"{kind} record: invalid WARC Content-Length {declared[:40]!r}", resume=block
        )
    length = int(declared)
    if block + length > size:
        present = max(0, size - block)
        if _find_next(fh, block, gz=False) is None:  # nothing after it: the file was cut in this record
            error = f"{kind} record: truncated record: {present} of {length} bytes present"
            return _Frame(start, fields, error=error, resume=None)
        return _Frame(
            start, fields,
            error=f"{kind} record: its Content-Length {length} runs past the end of the file, over the "
            "records after it; the next record is read from where it starts",
            resume=block,
        )  # fmt: skip
    fh.seek(block + length)
    after = fh.read(4 + 16)
    tail = after[:4] if after[:4] == b"\r\n\r\n" else after[:2] if after[:2] == b"\n\n" else None
    rest = after[len(tail or b"") :].lstrip(b"\r\n")
    if tail is None or (rest and not rest.startswith(b"WARC/")):
        return _Frame(
            start, fields,
            error=f"{kind} record: its Content-Length {length} disagrees with its framing (no blank line and "
            "next record where it says the record ends); the next record is read from where it starts",
            resume=block,
        )  # fmt: skip
    if length > limit + _MAX_HEADER:
        return _Frame(
            start,
            fields,
            error=f"{kind} record: aborted: payload larger than {limit} bytes",
            resume=block + length + len(tail),
        )
    fh.seek(block)
    body = fh.read(length)
    if nested:
        # a length too long by exactly the records after it swallows them with a framing that checks out:
        # a whole record inside this block (header and framing of its own) says so
        for m in _NEXT_RECORD.finditer(body):
            inner = _frame(fh, block + m.start(), block + length, limit, nested=False)
            if inner is not None and inner.error is None and "warc-record-id" in inner.fields:
                return _Frame(
                    start, fields,
                    error=f"{kind} record: its Content-Length {length} swallows the record at offset {inner.offset}; "
                    "the next record is read from where it starts",
                    resume=inner.offset,
                )  # fmt: skip
    return _Frame(start, fields, data=header + body + tail, resume=block + length + len(tail))


def _frames(fh: IO[bytes], size: int, limit: int, base: int | None = None) -> Iterator[_Frame]:
    """The frames of a plain WARC stream; after a broken one, reading resumes at the next ``WARC/`` line.
    ``base``: the offset to report for every frame (a gzip member's, in a .warc.gz)."""
    pos = 0
    while pos is not None and pos < size:
        frame = _frame(fh, pos, size, limit)
        if frame is None:
            return
        if frame.error is not None and frame.resume is not None:
            resume = _find_next(fh, frame.resume, gz=False)
            where = f"resumed at offset {resume}" if resume is not None else "nothing readable after it"
            if "not a WARC record header" in frame.error:
                frame.error = f"broken WARC record at offset {frame.offset} ({frame.error}); {where}"
            frame.resume = resume
        if base is not None:
            frame.offset = base
        yield frame
        pos = frame.resume


def _members(
    fh: IO[bytes], size: int, limit: int
) -> Iterator[tuple[int, bytes | None, str | None, int | None]]:
    """The gzip members of a .warc.gz, each inflated in bounded steps: ``(offset, data, error, next)``.
    The file is read once, in blocks; what follows a member's end starts the next one."""
    pos = 0
    cap = limit + 2 * _MAX_HEADER
    fh.seek(0)
    pending = b""  # the file's bytes from ``pos`` on, read already
    while True:
        if not pending:
            pending = fh.read(_READ_CHUNK)
            if not pending:
                return
        inflater = zlib.decompressobj(31)
        out = bytearray()
        fed = 0
        error = None
        data, pending = pending, b""
        while not inflater.eof:
            if not data:
                data = fh.read(_READ_CHUNK)
                if not data:
                    error = "truncated gzip member (the file ends inside it)"
                    break
            try:
                out += inflater.decompress(data, _READ_CHUNK)
            except zlib.error as exc:
                error = f"damaged gzip member ({exc})"
                break
            fed += len(data) - len(inflater.unconsumed_tail)
            data = inflater.unconsumed_tail
            if len(out) > cap:
                error = f"gzip member inflates past {cap} bytes (payload larger than {limit} bytes?)"
                break
        if error is None:
            rest = inflater.unused_data
            end = pos + fed - len(rest)
            yield pos, bytes(out), None, end
            pos, pending = end, rest + data
            continue
        resume = _find_next(fh, pos + 1, gz=True)
        yield pos, None, error, resume
        if resume is None:
            return
        fh.seek(resume)
        pos, pending = resume, b""


def _item_of(frame: _Frame, limit: int) -> WarcItem | None:
    """The response record a frame holds, read with warcio (None for other record types)."""
    from warcio.archiveiterator import ArchiveIterator

    url = frame.fields.get("warc-target-uri")
    if frame.error is not None:
        return WarcItem(url=url, offset=frame.offset, error=frame.error)
    if frame.fields.get("warc-type") != "response":
        return None
    try:
        record = next(iter(ArchiveIterator(io.BytesIO(frame.data))))
        return _item(record, frame.offset, limit)
    except _Broken as exc:
        return WarcItem(url=url, offset=frame.offset, error=f"response record: {exc}")
    except Exception as exc:
        reason = ascii(f"{type(exc).__name__}: {exc}".strip())[1:-1][:160]
        return WarcItem(
            url=url, offset=frame.offset, error=f"broken WARC record at offset {frame.offset} ({reason})"
        )


def read_warc(path: str | Path, max_bytes: int = 10_000_000) -> Iterator[WarcItem]:
    """Response records of a .warc or .warc.gz, in file order. A damaged record yields a WarcItem with
    ``error`` (and its URL when it could be read), and reading goes on at the next record found.

    Records are read by their own framing: in a .warc.gz one gzip member is one record, in a .warc a
    record ends ``Content-Length`` bytes after its header with a blank line before the next ``WARC/`` line.
    A length that disagrees with the framing (too short, too long, or swallowing the records after it) is
    an error item, and the neighbour records are read as they are. ``max_bytes`` caps one payload as the
    fetcher does (a stored gzip body is inflated in bounded steps)."""
    path = Path(path)
    try:
        fh = open(path, "rb")
    except OSError as exc:
        yield WarcItem(url=None, error=f"cannot open {path}: {exc}")
        return
    try:
        size = os.fstat(fh.fileno()).st_size
        gz = fh.read(2) == b"\x1f\x8b"
        if not gz:
            for frame in _frames(fh, size, max_bytes):
                item = _item_of(frame, max_bytes)
                if item is not None:
                    yield item
            return
        for offset, data, error, resume in _members(fh, size, max_bytes):
            if error is not None:
                where = f"resumed at offset {resume}" if resume is not None else "nothing readable after it"
                yield WarcItem(
                    url=_peek_url(fh, offset, gz=True), offset=offset,
                    error=f"broken WARC record at offset {offset} ({error}); {where}",
                )  # fmt: skip
                continue
            assert data is not None
            member = io.BytesIO(data)
            for frame in _frames(member, len(data), max_bytes, base=offset):
                item = _item_of(frame, max_bytes)
                if item is not None:
                    yield item
    finally:
        fh.close()
