"""Bytes -> text, one way for every entry point (the fetcher, WARC records, ``parse_html``, ``extract``).

In order: a byte-order mark (UTF-8, UTF-16, UTF-32) decides; then the charset the response header
declares; then ``<meta charset>`` / ``<meta http-equiv>`` / the XML declaration; then UTF-8 if the bytes
are valid UTF-8; then UTF-8 with its few invalid bytes replaced where the rest is UTF-8 (one bad byte does
not turn a whole page into windows-1256 mojibake); then windows-1256 where it reads as Persian; then
detection (charset_normalizer). Only text codecs that web pages use are accepted from a page
(:data:`TEXT_CODECS`, the WHATWG encodings Python has): ``<meta charset="rot13">`` or an EBCDIC label is
ignored, never obeyed.

>>> charset_from_content_type("text/html; charset=Windows-1256")
'cp1256'
>>> decode_body("<p>خبر</p>".encode("cp1256"), "text/html; charset=windows-1256")
('<p>خبر</p>', 'cp1256')
>>> decoded = decode_bytes("متن خبر است".encode() + b"\\xff" + "، ادامه خبر".encode())
>>> decoded.codec, decoded.replaced, "\\ufffd" in decoded.text
('utf-8', 1, True)
>>> decode_bytes("خبر".encode("utf-16")).codec
'utf-16'
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

__all__ = [
    "TEXT_CODECS",
    "Decoded",
    "charset_from_content_type",
    "codec_for",
    "decode_body",
    "decode_bytes",
    "is_text",
    "looks_persian_cp1256",
    "sniff_binary",
]

#: WHATWG: these labels mean windows-1252 on the web
_LABEL_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "ascii": "cp1252", "us-ascii": "cp1252"}
#: the encodings of the WHATWG Encoding Standard that Python has: the only ones a page may ask for
_WHATWG = (
    "utf-8 ibm866 iso-8859-2 iso-8859-3 iso-8859-4 iso-8859-5 iso-8859-6 iso-8859-7 iso-8859-8 iso-8859-10 "
    "iso-8859-13 iso-8859-14 iso-8859-15 iso-8859-16 koi8-r koi8-u macintosh cp874 windows-1250 "
    "windows-1251 windows-1252 windows-1253 windows-1254 windows-1255 windows-1256 windows-1257 "
    "windows-1258 mac-cyrillic gbk gb18030 big5 euc-jp iso-2022-jp shift_jis euc-kr utf-16le utf-16be "
    "utf-16 utf-8-sig utf-32 utf-32-le utf-32-be"
)
TEXT_CODECS = frozenset(codecs.lookup(label).name for label in _WHATWG.split())
_CHARSET_PARAM = re.compile(r"""charset\s*=\s*["']?([\w.:-]+)""", re.I)
_META_CHARSET = re.compile(rb"""<meta\b[^<>]*?charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_XML_ENCODING = re.compile(
    rb"""\A(?:\xef\xbb\xbf)?\s*<\?xml\b[^<>]*?encoding\s*=\s*["']([\w.:-]+)["']""", re.I
)
#: longest first: the UTF-32 LE mark begins with the UTF-16 LE one
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_TEXT_TYPES = re.compile(r"^(text/|application/(?:[\w.+-]*\+)?(?:xml|json|javascript|xhtml\+xml|rss|atom))")
#: file signatures of formats that are never text
_MAGIC = (
    (b"\x1f\x8b", "gzip"),
    (b"PK\x03\x04", "zip"),
    (b"%PDF-", "PDF"),
    (b"\x89PNG", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ", "xz"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
    (b"\x7fELF", "ELF"),
)
_CONTROL = bytes(c for c in range(32) if c not in b"\n\r\t\f\x1b")


@dataclass
class Decoded:
    """Text decoded from bytes: ``codec`` used, ``replaced`` invalid sequences replaced by U+FFFD, and
    ``how``: "bom", "declared", "utf-8", "utf-8 with replacements", "persian", "detected" or "fallback"."""

    text: str
    codec: str
    replaced: int = 0
    how: str = "utf-8"


def codec_for(label: str | None) -> str | None:
    """The Python codec of a charset label when it names a text encoding web pages use, else None.

    >>> codec_for("Windows-1256"), codec_for("latin1"), codec_for("rot13"), codec_for("cp037")
    ('cp1256', 'cp1252', None, None)
    """
    if not label:
        return None
    label = label.strip().lower()
    label = _LABEL_ALIASES.get(label, label)
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return name if name in TEXT_CODECS else None


def charset_from_content_type(content_type: str | None) -> str | None:
    """The codec named by a Content-Type header's ``charset`` parameter, if it is a text codec."""
    match = _CHARSET_PARAM.search(content_type or "")
    return codec_for(match.group(1)) if match else None


def is_text(content_type: str | None) -> bool:
    """True for text, HTML, XML and JSON types, and when the type is missing (sniffed as text)."""
    if not content_type:
        return True
    return bool(_TEXT_TYPES.match(content_type.split(";")[0].strip().lower()))


def sniff_binary(data: bytes) -> str | None:
    """Why ``data`` is not text (a file signature, NUL bytes, control characters), or None.

    A byte-order mark makes it text whatever follows (UTF-16 has NUL bytes in every ASCII character).

    >>> sniff_binary(b"\\x1f\\x8b\\x08\\x00"), sniff_binary("خبر".encode("utf-16")), sniff_binary("خبر".encode())
    ('gzip data', None, None)
    """
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return f"{name} data"
    head = data[:4096]
    if b"\x00" in head:
        return "NUL bytes"
    controls = len(head) - len(head.translate(None, _CONTROL))
    if head and controls / len(head) > 0.05:
        return "control characters"
    return None


def looks_persian_cp1256(body: bytes) -> bool:
    """True when nearly every non-ASCII character of the body read as windows-1256 is Arabic script.

    Other 8-bit pages do not pass: Cyrillic or Greek bytes read as windows-1256 give many Latin letters
    with accents (à, é, î, ô), which windows-1256 keeps at those positions.
    """
    text = body.decode("cp1256", errors="replace")
    high = [c for c in text if ord(c) >= 0x80]
    if not high:
        return False
    arabic = sum(1 for c in high if "\u0600" <= c <= "\u06ff" or c in "\u200c\u200d«»")
    return arabic / len(high) >= 0.9


def _mostly_utf8(body: bytes) -> Decoded | None:
    """UTF-8 with its invalid bytes replaced, when the valid multi-byte characters outnumber the invalid
    sequences at least ten to one (a page of another codec has almost no valid multi-byte sequence)."""
    text = body.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - body.count("\ufffd".encode())
    good = sum(1 for c in text if ord(c) >= 0x80 and c != "\ufffd")
    if bad > 0 and good >= 10 * bad:
        return Decoded(text, "utf-8", bad, "utf-8 with replacements")
    return None


def decode_bytes(body: bytes, content_type: str | None = None, *, html: bool = True) -> Decoded:
    """Decode bytes by the rules in the module docstring; ``html=False`` skips the in-document
    declarations (plain text has none)."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            text = body.decode(name, errors="replace")
            return Decoded(text, name, text.count("\ufffd"), "bom")
    declared = [charset_from_content_type(content_type)]
    if html:
        head = body[:4096]
        meta = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
        declared.append(codec_for(meta.group(1).decode("ascii")) if meta else None)
    named = [name for name in declared if name and not name.startswith(("utf-16", "utf-32"))]
    # a document that names UTF-16 in ASCII bytes is not UTF-16: only a BOM says so
    for name in named:
        try:
            return Decoded(body.decode(name), name, 0, "declared")
        except UnicodeDecodeError:
            continue
    try:
        return Decoded(body.decode("utf-8"), "utf-8", 0, "utf-8")
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(body)
    if mostly is not None:
        return mostly
    if looks_persian_cp1256(body):  # Persian first: short pages fool generic detection
        return Decoded(body.decode("cp1256", errors="replace"), "cp1256", 0, "persian")
    from charset_normalizer import from_bytes

    best = from_bytes(body).best()
    name = codec_for(best.encoding) if best is not None else None
    how = "detected"
    if name is None:
        name, how = (named[0] if named else "cp1256"), "fallback"
    text = body.decode(name, errors="replace")
    return Decoded(text, name, text.count("\ufffd"), how)


def decode_body(body: bytes, content_type: str | None = None) -> tuple[str, str | None]:
    """Decode a response body (:func:`decode_bytes`); returns ``(text, codec)``, and ``("", None)`` for
    non-text content."""
    if not body or not is_text(content_type):
        return "", None
    decoded = decode_bytes(body, content_type)
    return decoded.text, decoded.codec
