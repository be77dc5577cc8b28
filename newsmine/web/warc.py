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


def read_warc(path: str | Path, max_bytes: int = 10_000_000) -> Iterator[WarcItem]:
    """Response records of a .warc or .warc.gz, in file order. A damaged record yields a WarcItem with
    ``error`` (and its URL when it could be read), and reading goes on at the next record found.

    ``max_bytes`` caps one payload as the fetcher does (a stored gzip body is inflated in bounded steps)."""
    from warcio.archiveiterator import ArchiveIterator

    path = Path(path)
    try:
        fh = open(path, "rb")
    except OSError as exc:
        yield WarcItem(url=None, error=f"cannot open {path}: {exc}")
        return
    try:
        gz = fh.read(2) == b"\x1f\x8b"
        position = 0
        while True:
            fh.seek(position)
            iterator = ArchiveIterator(fh)
            url: str | None = None
            try:
                for record in iterator:
                    offset = iterator.offset
                    url = record.rec_headers.get_header("WARC-Target-URI")
                    try:
                        if record.rec_type == "response":
                            item: WarcItem | None = _item(record, offset, max_bytes)
                        else:
                            _read_block(record, max_bytes)  # checked for truncation, not returned
                            item = None
                    except _Broken as exc:
                        item = WarcItem(url=url, offset=offset, error=f"{record.rec_type} record: {exc}")
                    if item is not None:
                        yield item
                    url = None
                end = iterator.offset
                fh.seek(end)
                if not fh.read(1 << 16).strip(b"\r\n\t \x00"):
                    return  # the whole file was read (trailing blank lines are fine)
                broken_at = end
                reason = "bytes here could not be read as a WARC record (truncated file?)"
            except Exception as exc:
                broken_at = max(iterator.offset, position)
                reason = ascii(f"{type(exc).__name__}: {exc}".strip())[1:-1][:160]
            url = url or _peek_url(fh, broken_at, gz)
            resume = _find_next(fh, broken_at + 1, gz)
            where = f"resumed at offset {resume}" if resume is not None else "nothing readable after it"
            yield WarcItem(
                url=url,
                offset=broken_at,
                error=f"broken WARC record at offset {broken_at} ({reason}); {where}",
            )
            if resume is None:
                return
            position = resume
    finally:
        fh.close()
