"""The HTML emitter under ``newsmine.render``: a Record's texts with their mentions highlighted, right to left.

This module imports nothing from newsmine but its error table: :mod:`newsmine.schema` imports it lazily (``Record._repr_html_``)
and hands it the registry, so the view and the schema never import each other at load time. Everything it
shows comes from the ``fields`` it is given (``newsmine.schema.RECORD_FIELDS`` or a copy): every field with
a ``label`` whose items say where they are (``spans`` "mentions": a list of ``{start, end, field}``;
"span": ``span`` + ``field``) gives marks. A style is a tuple of labels; ``STYLES`` names two.

Every highlighted span is a ``<mark class="nm-mark nm-LABEL" data-label="LABEL" data-start=".."
data-end=".." data-field="..">`` with ``[start, end)`` into the text ``data-field`` names (the title, the
kicker or the body, ``Record.text``), so the view can be checked against the record. Title and kicker
mentions are marked in the title and kicker lines. Nested mentions (a number inside a claim) are nested
marks; a mention that crosses another, or lies outside its text, is left out and counted in the footer,
never silently.

>>> from newsmine.schema import RECORD_FIELDS, Mention, Person, Record
>>> rec = Record(text="علی آمد", title="سفر علی", people=[Person("p1", "علی", mentions=[Mention(0, 3),
...     Mention(4, 7, "title")])])
>>> html = render_record(rec, RECORD_FIELDS)
>>> 'data-label="PER" data-start="4" data-end="7" data-field="title" title="PER p1: علی">علی</mark>' in html
True
"""

from __future__ import annotations

import html as _html
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, is_dataclass
from dataclasses import fields as _dataclass_fields
from typing import Any

from newsmine.errors import Errors, NewsmineError

__all__ = ["PALETTE", "STYLES", "labels_of", "render_record"]

STYLES: dict[str, tuple[str, ...]] = {
    "ents": ("PER", "ORG", "LOC", "EVENT", "NUM", "DATE"),
    "claims": ("CLAIM", "QUOTE", "PER", "NUM", "DATE"),
}
#: background colours, given to the labelled fields in registry order (cycled past the last)
PALETTE = (
    "#ffd6a5", "#bde0fe", "#caffbf", "#ffc6ff", "#ffadad", "#e9edc9", "#d0bfff", "#fdffb6",
    "#a0c4ff", "#9bf6ff", "#ffc8dd", "#cdeac0",
)  # fmt: skip
#: the texts a mention may be in, in the order the view shows them ("body" is ``Record.text``)
_LINES = ("kicker", "title", "body")
#: scalar fields of a span item shown first in its mark's title; the rest follow in field order
_FIRST = ("value", "qualifier")

_CSS = """
.nm-doc{font-family:"Vazirmatn","Noto Naskh Arabic","Noto Sans Arabic","DejaVu Sans",Tahoma,sans-serif;
 line-height:2.2;max-width:60em;text-align:right;unicode-bidi:isolate}
.nm-doc .nm-kicker{color:#666;font-size:.9em}
.nm-doc .nm-title{font-size:1.3em;margin:.2em 0}
.nm-doc .nm-meta{color:#666;font-size:.85em;direction:ltr;text-align:right}
.nm-doc .nm-legend{margin:.5em 0;font-size:.85em}
.nm-doc .nm-key{padding:.1em .4em;border-radius:.3em;margin-left:.4em}
.nm-doc .nm-text{white-space:pre-wrap}
.nm-doc mark.nm-mark{padding:.05em .2em;border-radius:.3em;color:inherit}
.nm-doc mark.nm-mark::after{content:attr(data-label);font-size:.6em;font-weight:bold;margin-right:.3em;
 vertical-align:middle;direction:ltr;unicode-bidi:isolate;opacity:.7}
.nm-doc .nm-footer{color:#a00;font-size:.8em}
"""


@dataclass
class _Mark:
    start: int
    end: int
    label: str
    title: str
    rank: int  # the field's place in the registry: at equal spans, the earlier field is the outer mark
    where: str = "body"
    children: list[_Mark] = field(default_factory=list)


def _get(item: Any, name: str, default: Any = None) -> Any:
    if isinstance(item, Mapping):
        return item.get(name, default)
    return getattr(item, name, default)


def _names(item: Any) -> list[str]:
    """An item's field names, in order (a dataclass or a dict)."""
    if is_dataclass(item):
        return [f.name for f in _dataclass_fields(item)]
    return list(item) if isinstance(item, Mapping) else []


def _shown(value: Any) -> bool:
    """A scalar worth a title: not None, "", False or NaN (0 is shown); lists, dicts and objects are not."""
    if value is None or value is False or isinstance(value, (list, tuple, Mapping)) or is_dataclass(value):
        return False
    if isinstance(value, str):
        return value != ""
    if isinstance(value, float):
        return not math.isnan(value)
    return True


def _fmt(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # 5000.0 read back from Parquet shows as 5000, as written
    return str(value)


def _entity_title(item: Any, label: str) -> str:
    """``LABEL id: name``, then the entity's other non-empty scalars as ``(k=v ...)``."""
    extra = [
        f"{k}={_fmt(_get(item, k))}"
        for k in _names(item)
        if k not in ("id", "name") and _shown(_get(item, k))
    ]
    title = f"{label} {_get(item, 'id', '')}: {_get(item, 'name') or ''}"
    return title + (f" ({' '.join(extra)})" if extra else "")


def _span_title(item: Any, label: str, marked: str) -> str:
    """``LABEL k=v ...``: value and qualifier first, then the item's other non-empty scalars in field order,
    less the place (``span``, ``field``) and the text the mark already shows (a ``surface`` equal to it, a
    ``sentence`` holding it)."""
    shown = marked.strip(" «»\"“”'")
    names = [k for k in _FIRST if k in _names(item)] + [k for k in _names(item) if k not in _FIRST]
    bits = []
    for k in names:
        value = _get(item, k)
        if k in ("span", "field") or not _shown(value):
            continue
        if isinstance(value, str) and shown and (value.strip(" «»\"“”'") == shown or shown in value):
            continue
        bits.append(f"{k}={_fmt(value)}")
    return " ".join([label, *bits])


def _marks(rec: Any, fields: Iterable[Any], labels: tuple[str, ...]) -> list[_Mark]:
    """Every mention of a labelled field whose label is in ``labels``, as marks in its text's coordinates."""
    marks: list[_Mark] = []
    for rank, spec in enumerate(fields):
        if spec.label not in labels or spec.spans is None:
            continue
        for item in _get(rec, spec.name) or []:
            if spec.spans == "mentions":
                title = _entity_title(item, spec.label)
                for mention in _get(item, "mentions") or []:
                    start, end = _get(mention, "start"), _get(mention, "end")
                    start, end = (-1, -1) if start is None or end is None else (int(start), int(end))
                    where = _get(mention, "field") or "body"
                    marks.append(_Mark(start, end, spec.label, title, rank, where))  # (-1, -1): counted
            else:
                span = _get(item, "span")
                start, end = (int(span[0]), int(span[1])) if span is not None and len(span) == 2 else (-1, -1)
                where = _get(item, "field") or "body"
                text = _text_of(rec, where)
                marks.append(
                    _Mark(start, end, spec.label, _span_title(item, spec.label, text[start:end]), rank, where)
                )
    return marks


def _text_of(rec: Any, where: str) -> str:
    """The text a mention's ``field`` names (``Record.text_of``; "body" is ``text``)."""
    if hasattr(rec, "text_of"):
        return rec.text_of(where)
    value = _get(rec, "text" if where == "body" else where)
    return value if isinstance(value, str) else ""


def _nest(marks: list[_Mark], length: int) -> tuple[list[_Mark], int]:
    """Marks as a forest (contained marks become children); returns the roots and how many were dropped
    because they were empty, outside the text, or crossed another mark."""
    dropped = 0
    roots: list[_Mark] = []
    stack: list[_Mark] = []
    for mark in sorted(marks, key=lambda m: (m.start, -m.end, m.rank)):
        if not 0 <= mark.start < mark.end <= length:
            dropped += 1
            continue
        while stack and stack[-1].end <= mark.start:
            stack.pop()
        if stack and mark.end > stack[-1].end:
            dropped += 1  # crosses the open mark: cannot nest
            continue
        (stack[-1].children if stack else roots).append(mark)
        stack.append(mark)
    return roots, dropped


def _emit(text: str, start: int, end: int, marks: list[_Mark], out: list[str]) -> None:
    pos = start
    for mark in marks:
        out.append(_html.escape(text[pos : mark.start]))
        out.append(
            f'<mark class="nm-mark nm-{mark.label}" data-label="{mark.label}" data-start="{mark.start}" '
            f'data-end="{mark.end}" data-field="{mark.where}" title="{_html.escape(mark.title)}">'
        )
        _emit(text, mark.start, mark.end, mark.children, out)
        out.append("</mark>")
        pos = mark.end
    out.append(_html.escape(text[pos:end]))


def labels_of(style: str | tuple[str, ...]) -> tuple[str, ...]:
    """The labels a style shows: a style name of ``STYLES`` or a tuple of labels."""
    if isinstance(style, tuple):
        return style
    if style not in STYLES:
        raise NewsmineError(Errors.E031, style=style, available=", ".join(STYLES))
    return STYLES[style]


def render_record(
    rec: Any, fields: Iterable[Any], style: str | tuple[str, ...] = "ents", page: bool = False
) -> str:
    """HTML of ``rec``'s kicker, title and text with the mentions of the labels ``style`` names highlighted.

    ``rec`` is a Record (or any object with its attributes); ``fields`` is the registry
    (``newsmine.schema.RECORD_FIELDS`` or a copy). ``style`` is a name in ``STYLES`` or a tuple of labels.
    ``page=True`` gives a whole HTML document (``<html dir="rtl" lang="fa">``) instead of a fragment.
    """
    labels = labels_of(style)
    fields = tuple(fields)
    labelled = [spec for spec in fields if spec.label]
    colours = {spec.label: PALETTE[i % len(PALETTE)] for i, spec in enumerate(labelled)}
    legends = {spec.label: spec.legend or spec.label for spec in labelled}
    by_line: dict[str, list[_Mark]] = {line: [] for line in _LINES}
    dropped = 0
    for mark in _marks(rec, fields, labels):
        if mark.where in by_line:
            by_line[mark.where].append(mark)
        else:
            dropped += 1  # a text the view does not know: outside every text it shows
    lines: dict[str, list[str]] = {}
    for line, marks in by_line.items():
        text = _text_of(rec, line)
        roots, n = _nest(marks, len(text))
        dropped += n
        lines[line] = []
        _emit(text, 0, len(text), roots, lines[line])
    esc = _html.escape
    css = _CSS + "".join(f".nm-doc .nm-{label}{{background:{colour}}}\n" for label, colour in colours.items())
    style_name = style if isinstance(style, str) else "custom"
    out = [f'<div class="nm-doc nm-style-{style_name}" dir="rtl" lang="fa"><style>{css}</style>']
    if _get(rec, "kicker"):
        out.append(f'<div class="nm-kicker">{"".join(lines["kicker"])}</div>')
    if _get(rec, "title"):
        out.append(f'<div class="nm-title"><b>{"".join(lines["title"])}</b></div>')
    meta = [str(m) for m in (_get(rec, k) for k in ("published_jalali", "published", "source", "url")) if m]
    if meta:
        out.append(f'<div class="nm-meta" dir="ltr">{esc(" · ".join(meta))}</div>')
    out.append('<div class="nm-legend">')
    out += [
        f'<span class="nm-key nm-{label}" data-key="{label}">{esc(legends[label])} {label}</span>'
        for label in labels
        if label in legends
    ]
    out.append('</div><div class="nm-text">')
    out += lines["body"]
    out.append("</div>")
    if dropped:
        out.append(
            f'<div class="nm-footer">{dropped} mention(s) not shown: they cross another mention or lie outside the text</div>'
        )
    out += [f'<div class="nm-footer">{esc(str(w))}</div>' for w in _get(rec, "warnings") or []]
    out.append("</div>")
    body = "".join(out)
    if not page:
        return body
    title = esc(_get(rec, "title") or "newsmine")
    return (
        '<!DOCTYPE html>\n<html dir="rtl" lang="fa"><head><meta charset="utf-8">'
        f"<title>{title}</title></head><body>{body}</body></html>\n"
    )
