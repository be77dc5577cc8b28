"""An RTL HTML view of a Record: the article's title, kicker and text with their mentions highlighted.

``render(record)`` returns an HTML fragment (``<div dir="rtl" lang="fa">``) that notebooks show inline
(``Record._repr_html_`` gives the same); ``render(record, page=True)`` returns a whole page for a file or a
browser. This module turns what it is given (a Record, a record dict, a spaCy Doc) into a Record; the HTML
comes from :func:`newsmine.view.render_record`, which takes the labels, colours and mention lists from the
registry :data:`newsmine.schema.RECORD_FIELDS`. Every highlighted span is a ``<mark class="nm-mark
nm-LABEL" data-label="LABEL" data-start=".." data-end=".." data-field="..">`` with ``[start, end)`` into
the text ``data-field`` names (``title``, ``kicker`` or ``body``, which is ``Record.text``), so the view can
be checked against the record. Nested mentions (a number inside a claim) are nested marks; a mention that
crosses another is left out and counted in the footer, never silently.

>>> from newsmine.schema import Record, NumberMention
>>> html = render(Record(text="۲۰ هزار میز", numbers=[NumberMention("۲۰ هزار", 20000, (0, 7))]))
>>> 'data-label="NUM" data-start="0" data-end="7" data-field="body"' in html
True
"""

from __future__ import annotations

import dataclasses
import math
import typing
from collections.abc import Mapping
from typing import Any

from newsmine.errors import Errors, NewsmineTypeError
from newsmine.schema import RECORD_FIELDS, FieldSpec, Record
from newsmine.view import STYLES, labels_of, render_record

__all__ = ["STYLES", "render"]


def _as_record(record_or_doc: Any, fields: tuple[FieldSpec, ...]) -> Any:
    """A Record as is; a dict (``to_dict()`` or a ``read_records`` row) or a spaCy Doc made into one."""
    if isinstance(record_or_doc, Record):
        return record_or_doc
    if isinstance(record_or_doc, Mapping):
        return _dict_to_record(record_or_doc, fields)
    if hasattr(record_or_doc, "to_dict") and hasattr(record_or_doc, "index"):  # a row: records.iloc[i]
        return _dict_to_record(record_or_doc.to_dict(), fields)
    if hasattr(record_or_doc, "ents") and hasattr(record_or_doc, "text"):
        return _doc_to_record(record_or_doc, fields)
    raise NewsmineTypeError(Errors.E030, type=type(record_or_doc).__name__)


def _plain(spec: FieldSpec, value: Any) -> Any:
    """A ``read_records`` row's value as ``to_dict()`` has it: a Timestamp as ISO text, NaN/NaT as None."""
    if spec.is_list:
        return list(value) if isinstance(value, (list, tuple)) else []
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if not isinstance(value, str) and hasattr(value, "isoformat"):
        text = value.isoformat()
        return None if text == "NaT" else text
    return value


def _dict_to_record(data: Mapping[str, Any], fields: tuple[FieldSpec, ...]) -> Record:
    values = {spec.name: _plain(spec, data[spec.name]) for spec in fields if spec.name in data}
    rec = Record.from_dict(values)
    known = {f.name for f in dataclasses.fields(Record)}
    for name, value in values.items():  # fields of a registry copy that Record lacks: kept as dicts
        if name not in known:
            setattr(rec, name, value)
    return rec


def _doc_to_record(doc: Any, fields: tuple[FieldSpec, ...]) -> Record:
    """The Doc's entities as the entity lists whose label they carry (PER -> people, ...), body mentions."""
    rec = Record(text=doc.text)
    lists = {spec.label: spec for spec in fields if spec.spans == "mentions" and hasattr(rec, spec.name)}
    for i, ent in enumerate(doc.ents):
        spec = lists.get(ent.label_)
        if spec is None or spec.item is None:
            continue
        mention = typing.get_args(typing.get_type_hints(spec.item)["mentions"])[0]
        item = spec.item(id=f"e{i}", name=ent.text, mentions=[mention(ent.start_char, ent.end_char)])
        getattr(rec, spec.name).append(item)
    return rec


def render(
    record_or_doc: Any,
    style: str | tuple[str, ...] = "ents",
    page: bool = False,
    fields: tuple[FieldSpec, ...] = RECORD_FIELDS,
) -> str:
    """HTML of the article with mentions highlighted in its kicker, title and text, right to left.

    ``style="ents"``: people, organizations, locations, events, numbers and dates. ``style="claims"``:
    numeric claims, quotes, people (the speakers), numbers and dates. A tuple of labels picks them by hand.
    ``record_or_doc`` is a Record, a record dict (``to_dict()``), a ``read_records`` row (a dict or the
    Series ``records.iloc[i]``; its Timestamp ``published`` shows as ISO text) or a spaCy Doc (its
    entities, as body mentions). ``page=True`` gives a whole HTML
    document (``<html dir="rtl" lang="fa">``) instead of a fragment. ``fields`` is the registry the marks
    come from (a copy with more labelled fields shows them too).

    >>> from newsmine.schema import Record, Location, Mention
    >>> rec = Record(text="تهران <ـ>", locations=[Location("l1", "تهران", [Mention(0, 5)])])
    >>> print(render(rec).split('<div class="nm-text">')[1].split("</div>")[0])
    <mark class="nm-mark nm-LOC" data-label="LOC" data-start="0" data-end="5" data-field="body" title="LOC l1: تهران">تهران</mark> &lt;ـ&gt;
    """
    labels_of(style)  # an unknown style fails before the record is read
    return render_record(_as_record(record_or_doc, fields), fields, style=style, page=page)
