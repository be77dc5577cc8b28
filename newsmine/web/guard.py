"""The input guard: what every public entry point does to its input before parsing or extracting it.

``extract``, ``extract_many``, ``parse_html``, the batch readers and the crawler all reach the text stage
through :func:`guard_html` (HTML) and :func:`guard_text` (plain text, and the text HTML parsing gave), so
one set of :class:`Limits` holds everywhere. Each check is one linear pass; beyond a limit the input is
cut, with a warning that says what was cut, never refused silently and never left to hang a parser:

- **HTML**: the contents of ``<script>``, ``<style>`` and comments longer than ``max_block`` characters
  are emptied (a 10 MB inline script no longer pushes the article out of the size limit); elements nested
  deeper than ``max_depth`` are unwrapped (their text is kept, and so are paragraph elements for a few
  levels more: the parsers are quadratic in depth or recurse); attributes past the ``max_attrs``-th of
  one element are dropped (libxml2 checks each new attribute against the others: one element with
  100,000 attributes took 80 s); then what is left past ``max_html_chars`` is cut.
- **text**: a run of more than ``max_token`` characters without whitespace is cut to ``max_token``; a
  line longer than ``max_line`` is broken at a space; then more than ``max_chars`` characters are cut
  (applied to the text, after HTML parsing, so the size of a page's markup does not count).

>>> text, warnings = guard_text("خبر " + "ا" * 5000, Limits(max_token=100))
>>> len(text), [w[1:5] for w in warnings]
(104, ['W021'])
>>> html, warnings = guard_html("<div>" * 500 + "خبر" + "</div>" * 500)
>>> html.count("<div>"), html.count("</div>"), "خبر" in html, [w[1:5] for w in warnings]
(250, 250, True, ['W008'])
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newsmine.errors import Warnings

__all__ = ["LIMITS", "Limits", "guard_html", "guard_text", "looks_binary_text", "looks_like_html"]


@dataclass(frozen=True)
class Limits:
    """How much input the text stage is given; see the module docstring for what happens beyond each."""

    #: characters of text (no news article is this long; a crawl accident may be)
    max_chars: int = 1_000_000
    #: characters of a title, kicker or lead
    max_header_chars: int = 2_000
    #: characters of HTML given to the parsers, after bulky scripts, styles and comments are emptied
    max_html_chars: int = 5_000_000
    #: characters of one script, style or comment kept (JSON-LD metadata: ``max_block * 16``)
    max_block: int = 65_536
    #: characters in one line of text
    max_line: int = 50_000
    #: characters in one run without whitespace (a URL is at most a few thousand)
    max_token: int = 2_000
    #: elements nested in one another (libxml2, under lxml, drops what lies deeper than about 255)
    max_depth: int = 250
    #: attributes on one element
    max_attrs: int = 64


LIMITS = Limits()

# --- HTML ---------------------------------------------------------------------------------------------------

#: an element's start or end tag; [^<>] so that a failed match never scans past the next tag (linear)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)([^<>]*)>")
_ATTR = re.compile(r"""[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>`]*))?""")
#: elements with no end tag
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr keygen".split())
#: elements a second one of the same name closes (<p>a<p>b: two paragraphs, not one in the other)
_SIBLING = frozenset("p li dt dd option tr td th tbody thead tfoot".split())
#: paragraph elements: past the depth limit they are still kept, up to ``_SLACK`` levels more, so that the
#: text of a deep page stays in paragraphs (the extractors read paragraphs; the wrappers around are chrome)
_PARAGRAPHS = frozenset("p h1 h2 h3 h4 h5 h6 li blockquote pre td th dd".split())
_SLACK = 8
#: elements whose content is text, not markup
_RAW = frozenset("script style textarea title xmp".split())
_BLOCK_START = re.compile(r"<(script|style)\b([^<>]*)>|<!--", re.I)
_BLOCK_END = {
    "script": re.compile(r"</script\s*>", re.I),
    "style": re.compile(r"</style\s*>", re.I),
    "--": re.compile(r"-->"),
}
_RAW_END = {name: re.compile(rf"</{name}\s*>", re.I) for name in _RAW}


def _empty_blocks(html: str, limits: Limits) -> tuple[str, int]:
    """Empty the scripts, styles and comments longer than their limit; returns the HTML and how many."""
    pieces: list[str] = []
    pos = emptied = 0
    while True:
        start = _BLOCK_START.search(html, pos)
        if start is None:
            break
        name = (start.group(1) or "--").lower()
        limit = limits.max_block
        if name == "script" and "ld+json" in (start.group(2) or "").lower():
            limit *= 16
        end = _BLOCK_END[name].search(html, start.end())
        stop = end.start() if end else len(html)
        if stop - start.end() > limit:
            pieces.append(html[pos : start.end()])
            emptied += 1
            pos = stop
        else:
            pieces.append(html[pos : end.end() if end else len(html)])
            pos = end.end() if end else len(html)
        if end is None:
            break
    if not emptied:
        return html, 0
    pieces.append(html[pos:])
    return "".join(pieces), emptied


def _trim_attrs(tag: str, name: str, attrs: str, limit: int) -> tuple[str, bool]:
    if len(attrs) <= 4 * limit:  # too short to hold more than ``limit`` attributes
        return tag, False
    found = _ATTR.findall(attrs)
    if len(found) <= limit:
        return tag, False
    end = "/" if attrs.rstrip().endswith("/") else ""
    return f"<{name} {' '.join(found[:limit])}{end}>", True


def guard_html(html: str, limits: Limits = LIMITS) -> tuple[str, list[str]]:
    """The HTML the parsers may be given, and the warnings for what was cut (see the module docstring)."""
    warnings: list[str] = []
    html, emptied = _empty_blocks(html, limits)
    if emptied:
        warnings.append(Warnings.W024.format(count=emptied, limit=limits.max_block))
    pieces: list[str] = []
    pos = 0
    stack: list[str] = []
    open_count: dict[str, int] = {}
    unwrapped: dict[str, int] = {}  # elements left out, by name: their end tags are left out too
    n_unwrapped = n_trimmed = 0
    no_end: set[str] = set()  # raw-text elements with no end tag after some point: never searched again
    match = _TAG.search(html, 0)
    while match is not None:
        whole = match.group(0)
        closing, raw_name, attrs = match.groups()
        name = raw_name.lower()
        keep = whole
        if closing:
            if unwrapped.get(name):  # the unwrapped elements are the innermost ones
                unwrapped[name] -= 1
                keep = ""
            elif open_count.get(name):
                while stack:  # implied end tags: close up to the last open one of this name
                    top = stack.pop()
                    open_count[top] -= 1
                    if top == name:
                        break
        elif name not in _VOID and not attrs.rstrip().endswith("/"):
            if name in _SIBLING and open_count.get(name) and not unwrapped:
                while stack:
                    top = stack.pop()
                    open_count[top] -= 1
                    if top == name:
                        break
            depth = len(stack)
            if depth >= limits.max_depth and (name not in _PARAGRAPHS or depth >= limits.max_depth + _SLACK):
                unwrapped[name] = unwrapped.get(name, 0) + 1
                n_unwrapped += 1
                keep = ""
            else:
                stack.append(name)
                open_count[name] = open_count.get(name, 0) + 1
        if keep and not closing:
            keep, trimmed = _trim_attrs(keep, raw_name, attrs, limits.max_attrs)
            n_trimmed += trimmed
        if keep is not whole:
            pieces.append(html[pos : match.start()])
            pieces.append(keep)
            pos = match.end()
        after = match.end()
        if not closing and name in _RAW and keep and name not in no_end:
            end = _RAW_END[name].search(html, after)  # skip the element's text: "<div>" in a script is text
            if end is None:
                no_end.add(name)
            else:
                after = end.start()
        match = _TAG.search(html, after)
    if n_unwrapped:
        warnings.append(Warnings.W008.format(limit=limits.max_depth, count=n_unwrapped))
    if n_trimmed:
        warnings.append(Warnings.W022.format(count=n_trimmed, limit=limits.max_attrs))
    if pieces:
        pieces.append(html[pos:])
        html = "".join(pieces)
    if len(html) > limits.max_html_chars:  # last: what the steps above removed does not count
        warnings.append(Warnings.W023.format(size=len(html), limit=limits.max_html_chars))
        html = html[: limits.max_html_chars]
    return html, warnings


# --- text ---------------------------------------------------------------------------------------------------


@lru_cache(maxsize=8)
def _long_runs(limit: int) -> re.Pattern[str]:
    # the lookbehind makes a match start only where a run starts: one attempt per run, so linear
    return re.compile(rf"(?<!\S)\S{{{limit + 1},}}")


@lru_cache(maxsize=8)
def _long_lines(limit: int) -> re.Pattern[str]:
    return re.compile(rf"(?<![^\n])[^\n]{{{limit + 1},}}")


def _break_line(line: str, limit: int) -> str:
    out: list[str] = []
    while len(line) > limit:
        cut = line.rfind(" ", limit // 2, limit)
        cut = cut if cut > 0 else limit
        out.append(line[:cut].rstrip())
        line = line[cut:].lstrip()
    out.append(line)
    return "\n".join(out)


def guard_text(text: str, limits: Limits = LIMITS, *, max_chars: int | None = None) -> tuple[str, list[str]]:
    """The text the text stage may be given, and the warnings for what was cut (module docstring)."""
    warnings: list[str] = []
    limit = limits.max_chars if max_chars is None else max_chars
    if len(text) > limits.max_token:
        runs = _long_runs(limits.max_token)
        text, n = runs.subn(lambda m: m.group(0)[: limits.max_token], text)
        if n:
            warnings.append(Warnings.W021.format(count=n, limit=limits.max_token))
    if len(text) > limits.max_line:
        lines = _long_lines(limits.max_line)
        text, n = lines.subn(lambda m: _break_line(m.group(0), limits.max_line), text)
        if n:
            warnings.append(Warnings.W020.format(count=n, limit=limits.max_line))
    if len(text) > limit:  # last: the runs cut above do not count
        warnings.append(Warnings.W004.format(size=len(text), limit=limit))
        text = text[:limit]
    return text, warnings


# --- what an input is ---------------------------------------------------------------------------------------

_HTML_START = re.compile(
    r"(?:<!doctype\s+html|<html\b|<head\b|<body\b|<article\b|<div\b|<p\b|<meta\b|<title\b|<section\b)", re.I
)


def looks_like_html(text: str) -> bool:
    """True when ``text`` starts as an HTML page does: after a BOM, whitespace, an XML declaration and
    comments, a doctype or an HTML element.

    >>> looks_like_html('\\ufeff<?xml version="1.0"?><!-- saved --><html><body>خبر</body></html>')
    True
    >>> looks_like_html("خبر <b>مهم</b>")
    False
    """
    pos = 0
    n = len(text)
    for _ in range(64):  # a prolog and comments, at most this many
        while pos < n and (text[pos].isspace() or text[pos] == "\ufeff"):
            pos += 1
        if text.startswith("<?xml", pos):
            end = text.find("?>", pos, pos + 4096)
            if end < 0:
                return False
            pos = end + 2
        elif text.startswith("<!--", pos):
            end = text.find("-->", pos + 4)
            if end < 0:
                return False
            pos = end + 3
        else:
            break
    return bool(_HTML_START.match(text, pos))


def looks_binary_text(text: str) -> bool:
    """True when decoded text holds NUL or many control characters (bytes that were never text)."""
    sample = text[:4096]
    if "\x00" in sample:
        return True
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    return bool(sample) and controls / len(sample) > 0.05
