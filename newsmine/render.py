"""An RTL HTML view of a Record: the article text with its mentions highlighted.

``render(record)`` returns an HTML fragment (``<div dir="rtl" lang="fa">``) that notebooks show inline
(``Record._repr_html_`` calls it); ``render(record, page=True)`` returns a whole page for a file or a browser.
Every highlighted span is a ``<mark class="nm-mark nm-LABEL" data-label="LABEL" data-start=".." data-end="..">``
with ``[start, end)`` into ``Record.text``, so the view can be checked against the record. Nested mentions
(a number inside a claim) are nested marks; a mention that crosses another is left out and counted in the
footer, never silently.

>>> from newsmine.schema import Record, NumberMention
>>> html = render(Record(text="۲۰ هزار میز", numbers=[NumberMention("۲۰ هزار", 20000, (0, 7))]))
>>> 'data-label="NUM" data-start="0" data-end="7"' in html
True
"""

from __future__ import annotations

import html as _html
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["LABELS", "STYLES", "render"]

# label -> (colour, Persian name shown in the legend)
LABELS: dict[str, tuple[str, str]] = {
    "PER": ("#ffd6a5", "شخص"),
    "ORG": ("#bde0fe", "سازمان"),
    "LOC": ("#caffbf", "مکان"),
    "EVENT": ("#ffc6ff", "رویداد"),
    "CLAIM": ("#ffadad", "ادعای عددی"),
    "QUOTE": ("#e9edc9", "نقل قول"),
    "NUM": ("#fdffb6", "عدد"),
    "DATE": ("#d0bfff", "تاریخ"),
}
STYLES: dict[str, tuple[str, ...]] = {
    "ents": ("PER", "ORG", "LOC", "EVENT", "NUM", "DATE"),
    "claims": ("CLAIM", "QUOTE", "PER", "NUM", "DATE"),
}
# when two mentions share a span, the earlier label here is the outer mark
_ORDER = {label: i for i, label in enumerate(("QUOTE", "CLAIM", "EVENT", "ORG", "PER", "LOC", "DATE", "NUM"))}

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
""" + "".join(f".nm-doc .nm-{label}{{background:{colour}}}\n" for label, (colour, _) in LABELS.items())


@dataclass
class _Mark:
    start: int
    end: int
    label: str
    title: str
    children: list[_Mark] = field(default_factory=list)


def _get(item: Any, name: str, default: Any = None) -> Any:
    if isinstance(item, Mapping):
        return item.get(name, default)
    return getattr(item, name, default)


def _as_record(record_or_doc: Any) -> Any:
    """A Record as is; a dict (``to_dict()`` or a ``read_records`` row) or a spaCy Doc made into one."""
    from newsmine.schema import Record

    if isinstance(record_or_doc, Record):
        return record_or_doc
    if isinstance(record_or_doc, Mapping):
        return Record.from_dict(dict(record_or_doc))
    if hasattr(record_or_doc, "ents") and hasattr(record_or_doc, "text"):
        return _doc_to_record(record_or_doc)
    raise TypeError(
        f"[E030] render() takes a Record, a record dict or a spaCy Doc, not {type(record_or_doc).__name__}"
    )


def _doc_to_record(doc: Any) -> Any:
    from newsmine.schema import Event, Location, Organization, Person, Record

    rec = Record(text=doc.text)
    kinds = {
        "PER": (rec.people, Person),
        "ORG": (rec.organizations, Organization),
        "LOC": (rec.locations, Location),
        "EVENT": (rec.events, Event),
    }
    for i, ent in enumerate(doc.ents):
        if ent.label_ in kinds:
            target, cls = kinds[ent.label_]
            target.append(cls(id=f"e{i}", name=ent.text, mentions=[(ent.start_char, ent.end_char)]))
    return rec


def _entity_marks(items: Iterable[Any], label: str) -> list[_Mark]:
    marks = []
    for item in items:
        name = _get(item, "name") or ""
        extra = _get(item, "canonical") or _get(item, "type")
        title = f"{label} {_get(item, 'id', '')}: {name}" + (f" ({extra})" if extra else "")
        for start, end in _get(item, "mentions") or []:
            marks.append(_Mark(int(start), int(end), label, title))
    return marks


def _marks(rec: Any, style: str) -> list[_Mark]:
    labels = STYLES[style]
    marks: list[_Mark] = []
    if "PER" in labels:
        marks += _entity_marks(rec.people, "PER")
    if "ORG" in labels:
        marks += _entity_marks(rec.organizations, "ORG")
    if "LOC" in labels:
        marks += _entity_marks(rec.locations, "LOC")
    if "EVENT" in labels:
        marks += _entity_marks(rec.events, "EVENT")
    if "CLAIM" in labels:
        for c in rec.claims:
            bits = [f"value={_get(c, 'value')}", f"qualifier={_get(c, 'qualifier')}"]
            bits += [f"{k}={_get(c, k)}" for k in ("unit", "counted", "speaker") if _get(c, k)]
            marks.append(_Mark(*map(int, _get(c, "span")), "CLAIM", "CLAIM " + " ".join(bits)))
    if "QUOTE" in labels:
        for q in rec.quotes:
            title = f"QUOTE speaker={_get(q, 'speaker')} verb={_get(q, 'verb')}"
            marks.append(_Mark(*map(int, _get(q, "span")), "QUOTE", title))
    if "NUM" in labels:
        for n in rec.numbers:
            kind = " ordinal" if _get(n, "is_ordinal") else (" percent" if _get(n, "is_percent") else "")
            marks.append(_Mark(*map(int, _get(n, "span")), "NUM", f"NUM value={_get(n, 'value')}{kind}"))
    if "DATE" in labels:
        for d in rec.dates:
            title = f"DATE jalali={_get(d, 'jalali')} gregorian={_get(d, 'gregorian')}"
            marks.append(_Mark(*map(int, _get(d, "span")), "DATE", title))
    return marks


def _nest(marks: list[_Mark], length: int) -> tuple[list[_Mark], int]:
    """Marks as a forest (contained marks become children); returns the roots and how many were dropped
    because they were empty, outside the text, or crossed another mark."""
    dropped = 0
    roots: list[_Mark] = []
    stack: list[_Mark] = []
    for mark in sorted(marks, key=lambda m: (m.start, -m.end, _ORDER.get(m.label, 99))):
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
            f'data-end="{mark.end}" title="{_html.escape(mark.title)}">'
        )
        _emit(text, mark.start, mark.end, mark.children, out)
        out.append("</mark>")
        pos = mark.end
    out.append(_html.escape(text[pos:end]))


def render(record_or_doc: Any, style: str = "ents", page: bool = False) -> str:
    """HTML of the article text with mentions highlighted, right to left.

    ``style="ents"``: people, organizations, locations, events, numbers and dates. ``style="claims"``:
    numeric claims, quotes, people (the speakers), numbers and dates. ``record_or_doc`` is a Record, a
    record dict (``to_dict()``, a ``read_records`` row) or a spaCy Doc (its entities). ``page=True`` gives
    a whole HTML document (``<html dir="rtl" lang="fa">``) instead of a fragment.

    >>> from newsmine.schema import Record, Location
    >>> rec = Record(text="تهران <ـ>", locations=[Location("l1", "تهران", [(0, 5)])])
    >>> print(render(rec).split('<div class="nm-text">')[1].split("</div>")[0])
    <mark class="nm-mark nm-LOC" data-label="LOC" data-start="0" data-end="5" title="LOC l1: تهران">تهران</mark> &lt;ـ&gt;
    """
    if style not in STYLES:
        raise ValueError(f"[E031] unknown render style {style!r}; use one of {', '.join(STYLES)}")
    rec = _as_record(record_or_doc)
    text = rec.text or ""
    roots, dropped = _nest(_marks(rec, style), len(text))
    esc = _html.escape
    out = [f'<div class="nm-doc nm-style-{style}" dir="rtl" lang="fa"><style>{_CSS}</style>']
    if rec.kicker:
        out.append(f'<div class="nm-kicker">{esc(rec.kicker)}</div>')
    if rec.title:
        out.append(f'<div class="nm-title"><b>{esc(rec.title)}</b></div>')
    meta = [m for m in (rec.published_jalali, rec.published, rec.source, rec.url) if m]
    if meta:
        out.append(f'<div class="nm-meta" dir="ltr">{esc(" · ".join(meta))}</div>')
    out.append('<div class="nm-legend">')
    out += [
        f'<span class="nm-key nm-{label}" data-key="{label}">{LABELS[label][1]} {label}</span>'
        for label in STYLES[style]
    ]
    out.append('</div><div class="nm-text">')
    _emit(text, 0, len(text), roots, out)
    out.append("</div>")
    if dropped:
        out.append(
            f'<div class="nm-footer">{dropped} mention(s) not shown: they cross another mention or lie outside the text</div>'
        )
    if rec.warnings:
        out += [f'<div class="nm-footer">{esc(w)}</div>' for w in rec.warnings]
    out.append("</div>")
    body = "".join(out)
    if not page:
        return body
    title = esc(rec.title or "newsmine")
    return (
        '<!DOCTYPE html>\n<html dir="rtl" lang="fa"><head><meta charset="utf-8">'
        f"<title>{title}</title></head><body>{body}</body></html>\n"
    )
