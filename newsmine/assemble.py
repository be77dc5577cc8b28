"""Docs -> Record: the one place that turns what the components found into the Record that leaves the library.

An article goes through the pipeline as one Doc per text (``doc._.field``: "kicker", "title", "body"; the lead
is the body's first paragraph). Here, and only here, their outputs are joined:

- every mention keeps the text it is in (``field``) and its offsets there;
- the links the components emitted (``doc._.links``: a pronoun or a surname standing for a person) become
  mentions of that person;
- the people of the title and kicker are joined to the body's (``officials.join_fields``): a name is one
  person wherever it stands, a title that opens the kicker goes to the person the body's lead names;
- organizations and places are grouped under one canonical name (or spelling) across the texts; events are
  grouped across the texts by the events component's own rule (``EventFinder.group``);
- a figure of the title that the body repeats is one claim (the body's, with its speaker), not two.

Ids: p1..., o1..., l1..., e1... number the body's entities in the order the components give them, then those
only the title or kicker names. Lists without ids (claims, quotes, dates, numbers) come in reading order:
kicker, title, body. Where a component is not in the pipeline, its list comes from the NER's entities alone
(one entry per distinct surface), or stays empty.

>>> import newsmine
>>> rec = newsmine.extract({"title": "۲۸ کارگزاری افتتاح شد", "text": "تهران ـ امروز ۲۸ کارگزاری افتتاح شد."})
>>> [(c.surface, c.unit, c.field) for c in rec.claims]  # the title's figure is the body's claim
[('۲۸', 'کارگزاری', 'body')]
>>> [(n.surface, n.field) for n in rec.numbers]
[('۲۸', 'title'), ('۲۸', 'body')]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from newsmine.extractors.extensions import Link
from newsmine.extractors.officials import HeldTitle, join_fields
from newsmine.lang.docs import sentence_spans
from newsmine.lang.docs import text as doc_text
from newsmine.lang.keys import key
from newsmine.schema import (
    FIELDS_OF_TEXT,
    Claim,
    DateMention,
    Event,
    Location,
    Mention,
    NumberMention,
    Organization,
    Person,
)

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["READING_ORDER", "assemble"]

#: the texts of an article in the order a reader meets them
READING_ORDER: tuple[str, ...] = ("kicker", "title", "body")
assert set(READING_ORDER) == set(FIELDS_OF_TEXT)

#: NER label -> the Record list it feeds where the component for that list is missing
_NER_LISTS = {
    "PER": "people",
    "ORG": "organizations",
    "LOC": "locations",
    "FAC": "locations",
    "EVENT": "events",
}


def assemble(docs: dict[str, Doc], nlp: Language | None = None) -> dict[str, Any]:
    """The Record fields the Docs of one article give: people, organizations, locations, events, claims,
    quotes, dates, numbers and sentences (the body's). ``docs`` maps a field to its Doc; ``nlp`` is the
    pipeline that made them (its events component groups events across the texts)."""
    ordered = [(f, docs[f]) for f in READING_ORDER if f in docs]
    body = docs.get("body")
    people, ids = _people(ordered)
    out: dict[str, Any] = {
        "sentences": _sentences(body) if body is not None else [],
        "people": people,
        "organizations": _organizations(ordered),
        "locations": _locations(ordered),
        "events": _events(ordered, people, nlp),
        "quotes": [],
        "claims": [],
        "dates": [],
        "numbers": [],
    }
    for field, doc in ordered:
        out["numbers"] += _numbers(doc, field)
        out["dates"] += _dates(doc, field)
        out["quotes"] += [
            replace(q, speaker=_speaker(q.speaker, field, doc, ids)) for q in doc._.quotes or []
        ]
    out["claims"] = _claims(ordered, ids)
    return out


# --- people --------------------------------------------------------------------------------------------------


def _with_links(people: Iterable[Person], links: Iterable[Link], field: str) -> list[Person]:
    """Copies of ``people`` with the mentions ``links`` give them."""
    extra: dict[str, list[Mention]] = {}
    for link in links:
        extra.setdefault(link.person, []).append(Mention(link.start, link.end, field))
    out = []
    for p in people:
        mentions = sorted({*map(_span_of, p.mentions), *map(_span_of, extra.get(p.id, []))})
        out.append(replace(p, mentions=[Mention(s, e, field) for s, e in mentions]))
    return out


def _span_of(m: Mention) -> tuple[int, int]:
    return (m.start, m.end)


def _held(doc: Doc) -> list[HeldTitle]:
    return [span._.value for span in doc.spans.get("titles", []) if isinstance(span._.value, HeldTitle)]


def _people(ordered: list[tuple[str, Doc]]) -> tuple[list[Person], dict[tuple[str, str], str | None]]:
    docs = dict(ordered)
    body = docs.get("body")
    if body is None or body._.people is None:
        return _from_ents(ordered, "people", lambda i, name, m: Person(f"p{i}", name, mentions=m)), {}
    people = _with_links(body._.people, body._.links or [], "body")
    headers = [
        (field, _with_links(doc._.people or [], doc._.links or [], field), _held(doc))
        for field, doc in ordered
        if field != "body"
    ]
    ends = [e for _, e in sentence_spans(body)]
    return join_fields(people, _held(body), ends, headers)


def _speaker(speaker: str | None, field: str, doc: Doc, ids: dict[tuple[str, str], str | None]) -> str | None:
    """A speaker of a title or kicker Doc as the Record's person id (an organization's name stays as is)."""
    if speaker is None or field == "body" or not any(p.id == speaker for p in doc._.people or []):
        return speaker
    return ids.get((field, speaker))


# --- organizations, places, events ------------------------------------------------------------------------


def _grouped(
    ordered: list[tuple[str, Doc]], group: str, canonical: bool
) -> list[tuple[str, Any, list[Mention]]]:
    """A span group's mentions over every text, grouped by canonical name (or by spelling): (the longest
    surface, the value, the mentions in reading order); the body's groups first.

    One that only the title or kicker names is kept when the lexicon knows it (a canonical organization,
    a place of a known kind): headlines have no verb to end a phrase, so their unknown phrases run on
    ("تداوم فعالیت جبهه نیروی‌های انقلاب برکات زیادی ...")."""
    groups: dict[str, tuple[list[str], Any, list[Mention]]] = {}
    for field, doc in sorted(ordered, key=lambda fd: fd[0] != "body"):
        text = doc_text(doc)
        for span in doc.spans.get(group, []):
            s, e = span._.char_span or (span.start_char, span.end_char)
            surface = text[s:e]
            value = span._.value
            k = key((value if canonical else None) or surface)
            if k not in groups and field != "body" and value is None:
                continue  # a headline phrase that neither the lexicon knows nor the body names
            names, _, mentions = groups.setdefault(k, ([], value if canonical else None, []))
            names.append(surface)
            mentions.append(Mention(s, e, field))
    return [
        (max(names, key=len), value, sorted(mentions, key=_reading_order))
        for names, value, mentions in groups.values()
    ]


def _organizations(ordered: list[tuple[str, Doc]]) -> list[Organization]:
    if not any("organizations" in doc.spans for _, doc in ordered):
        return _from_ents(
            ordered, "organizations", lambda i, name, m: Organization(f"o{i}", name, mentions=m)
        )
    return [
        Organization(f"o{n}", name, value, mentions)
        for n, (name, value, mentions) in enumerate(_grouped(ordered, "organizations", True), 1)
    ]


def _locations(ordered: list[tuple[str, Doc]]) -> list[Location]:
    if not any("locations" in doc.spans for _, doc in ordered):
        return _from_ents(ordered, "locations", lambda i, name, m: Location(f"l{i}", name, m))
    return [
        Location(f"l{n}", name, mentions)
        for n, (name, _, mentions) in enumerate(_grouped(ordered, "locations", False), 1)
    ]


def _events(ordered: list[tuple[str, Doc]], people: list[Person], nlp: Language | None) -> list[Event]:
    finder = None
    if nlp is not None:
        finder = next((proc for name, proc in nlp.pipeline if name == "newsmine_events"), None)
    if finder is None or not all(doc._.events is not None for _, doc in ordered):
        return _from_ents(ordered, "events", lambda i, name, m: Event(f"e{i}", name, mentions=m))
    return finder.group(dict(ordered), people)


def _from_ents(ordered: list[tuple[str, Doc]], kind: str, make: Any) -> list[Any]:
    """One entry per distinct surface of the NER's entities of ``kind`` (the component's list is missing)."""
    names: dict[str, list[Mention]] = {}
    for field, doc in sorted(ordered, key=lambda fd: fd[0] != "body"):
        for ent in doc.ents:
            if _NER_LISTS.get(ent.label_) == kind:
                names.setdefault(ent.text, []).append(Mention(ent.start_char, ent.end_char, field))
    return [make(n, name, sorted(m, key=_reading_order)) for n, (name, m) in enumerate(names.items(), 1)]


def _reading_order(m: Mention) -> tuple[int, int, int]:
    return (READING_ORDER.index(m.field) if m.field in READING_ORDER else len(READING_ORDER), m.start, m.end)


# --- claims, numbers, dates, sentences ----------------------------------------------------------------------


def _claims(ordered: list[tuple[str, Doc]], ids: dict[tuple[str, str], str | None]) -> list[Claim]:
    """The claims of every text in reading order; one of the title or kicker that the body repeats (same
    value, range and unit) is left to the body's, which has its sentence and speaker."""
    docs = dict(ordered)
    body = docs.get("body")
    said = {_claim_key(c) for c in (body._.claims or [])} if body is not None else set()
    out: list[Claim] = []
    for field, doc in ordered:
        for c in doc._.claims or []:
            if field != "body" and _claim_key(c) in said:
                continue
            out.append(replace(c, speaker=_speaker(c.speaker, field, doc, ids)))
    return out


def _claim_key(c: Claim) -> tuple[Any, Any, str]:
    return (c.value, c.value_max, key(c.unit or ""))


def _found(doc: Doc, group: str) -> Iterator[tuple[str, Any, tuple[int, int]]]:
    """(surface, value, span) of each span of a group a finder component wrote (numbers, dates)."""
    text = doc_text(doc)
    for s in doc.spans.get(group, []):
        a, b = s._.char_span
        yield text[a:b], s._.value, (a, b)


def _numbers(doc: Doc, field: str) -> list[NumberMention]:
    return [
        NumberMention(surface, n.value, span, n.is_ordinal, n.is_percent, field)
        for surface, n, span in _found(doc, "numbers")
    ]


def _dates(doc: Doc, field: str) -> list[DateMention]:
    return [
        DateMention(surface, d.jalali, d.gregorian, span, d.precision, d.relative, field)
        for surface, d, span in _found(doc, "dates")
    ]


def _sentences(doc: Doc) -> list[tuple[int, int]]:
    """The body's sentences, each without the spaces that follow it; empty ones left out."""
    text = doc_text(doc)
    out = []
    for a, b in sentence_spans(doc):
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out
