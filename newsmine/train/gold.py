"""Scorer of newsmine against the hand-annotated dev gold set (``corpora/dev-gold``).

``load_gold`` reads the annotation, ``score`` compares it with Records (a pure function), and
``evaluate_gold`` extracts the Fars News articles by id and scores them; ``newsmine eval gold`` prints the
result. Every string comparison goes through ``_norm`` (or ``_tokens`` for token overlaps), so Arabic
ي/ك, digits in any script, ZWNJ, spaces, diacritics and quotes never count as errors. Each field is
matched one-to-one, greedily in text order, and scored by micro precision, recall and F1 over articles.

>>> _norm("«محمدعلي  جناني»") == _norm("محمدعلی\u200cجنانی")
True
>>> _tokens("۱۷مرداد\u200cماه سال ١٤٠٢")
['17', 'مرداد', 'ماه', 'سال', '1402']
>>> verb_key("اظهار داشتند") == verb_key("اظهارداشته است") == verb_key("اظهار داشت")
True
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from newsmine.errors import Errors, NewsmineError
from newsmine.lang.keys import key, spelling
from newsmine.schema import Person, Record

__all__ = [
    "FIELDS",
    "Counts",
    "GoldError",
    "Report",
    "evaluate_gold",
    "find_corpora",
    "find_farsnews",
    "load_gold",
    "score",
    "verb_key",
]

#: the scored fields, in report order
FIELDS = (
    "people",
    "titles",
    "organizations",
    "locations",
    "quotes",
    "quotes_speaker",
    "claims",
    "claims_value",
    "dates",
    "dates_surface",
    "events",
)
#: the accuracies and means reported beside the F1s
EXTRAS = ("qualifier_accuracy", "counted_overlap", "event_type_accuracy")

_WORD = re.compile(r"\d+|[^\W\d_]+")
G = TypeVar("G")
P = TypeVar("P")


class GoldError(NewsmineError):
    """A problem with the gold files or the article corpus, with where it is."""


def _norm(s: str | None) -> str:
    """The comparison form: the word key every component uses (:func:`newsmine.lang.keys.key`), with
    punctuation, quotes, brackets and kashida left out too."""
    if not s:
        return ""
    return "".join(c for c in key(s) if unicodedata.category(c)[0] not in "PZC" and c != "\u0640")


def _tokens(s: str | None) -> list[str]:
    """Words in one spelling (:func:`newsmine.lang.keys.spelling`), split on spaces, ZWNJ and punctuation,
    and between digits and letters."""
    return _WORD.findall(spelling(s).replace("\u0640", "")) if s else []


def _overlap(gold: str | None, pred: str | None, denominator: str = "max") -> float:
    """Shared distinct tokens over the gold's count (``"gold"``) or the larger count (``"max"``)."""
    g, p = set(_tokens(gold)), set(_tokens(pred))
    n = len(g) if denominator == "gold" else max(len(g), len(p))
    return len(g & p) / n if n else 0.0


def _token_f1(gold: str | None, pred: str | None) -> float:
    """Token F1 of two phrases; 1.0 when both are None, 0.0 when one is."""
    if gold is None and pred is None:
        return 1.0
    g, p = Counter(_tokens(gold)), Counter(_tokens(pred))
    common = sum((g & p).values())
    if not common:
        return 0.0
    precision, recall = common / sum(p.values()), common / sum(g.values())
    return 2 * precision * recall / (precision + recall)


def verb_key(verb: str | None) -> str:
    """A speech verb with person and tense evened out: "گفتند", "گفته است", "گفته‌اند" all give "گفت".

    Auxiliaries است/اند are dropped, the words joined ("اظهارداشت" is "اظهار داشت"), then a plural ند
    and a participle ه are cut from the end.
    """
    words = [w for w in _tokens(verb) if w not in ("است", "اند", "ام", "ایم")]
    key = "".join(words)
    if key.endswith("ند") and len(key) > 3:
        key = key[:-2]
    if key.endswith("ه") and len(key) > 3:
        key = key[:-1]
    return key


def _match(
    gold: Sequence[G], pred: Sequence[P], sim: Callable[[G, P], float], threshold: float = 1.0
) -> list[tuple[int, int]]:
    """One-to-one greedy matching: each gold item, in order, takes the unused prediction most similar to
    it (the first on ties) when the similarity reaches ``threshold``. Returns ``[(gold_i, pred_j)]``."""
    used: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for i, g in enumerate(gold):
        best, best_j = threshold, -1
        for j, p in enumerate(pred):
            if j not in used:
                s = float(sim(g, p))
                if s >= best and (best_j < 0 or s > best):
                    best, best_j = s, j
        if best_j >= 0:
            used.add(best_j)
            pairs.append((i, best_j))
    return pairs


@dataclass
class Counts:
    """True positives, false positives and false negatives of one field, summed over articles."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn} | {
            k: round(getattr(self, k), 4) for k in ("precision", "recall", "f1")
        }


@dataclass
class Report:
    """Per-field counts, the extra accuracies (their values' sums and counts) and per-article errors."""

    counts: dict[str, Counts] = field(default_factory=lambda: {f: Counts() for f in FIELDS})
    extra_sums: dict[str, float] = field(default_factory=lambda: dict.fromkeys(EXTRAS, 0.0))
    extra_n: dict[str, int] = field(default_factory=lambda: dict.fromkeys(EXTRAS, 0))
    articles: int = 0
    #: article id -> field -> [{"fp": ...} | {"fn": ...} | {"wrong": ...}]
    errors: dict[str, dict[str, list[dict[str, str]]]] = field(default_factory=dict)
    #: the same figures for the articles of each source (``crossnews.source_of`` of the id)
    sources: dict[str, Report] = field(default_factory=dict)
    #: gold articles left out because their text is not in this copy (the Dari pages), by source
    skipped: dict[str, int] = field(default_factory=dict)
    #: the name of the set, for the report's heading
    name: str = "dev gold"

    def extra(self, name: str) -> float:
        """The mean of an extra metric (0.0 when nothing was matched)."""
        return self.extra_sums[name] / self.extra_n[name] if self.extra_n[name] else 0.0

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "articles": self.articles,
            "fields": {f: c.to_dict() for f, c in self.counts.items()},
            "extras": {e: {"value": round(self.extra(e), 4), "n": self.extra_n[e]} for e in EXTRAS},
        }
        if len(self.sources) > 1:
            out["sources"] = {name: sub.to_dict() for name, sub in sorted(self.sources.items())}
        if self.skipped:
            out["skipped"] = dict(self.skipped)
        return out

    def format_report(self) -> str:
        """A text table: one row per field, then the extra metrics; with several sources, the F1 of each
        field per source."""
        rows = [f"{self.name}, {self.articles} articles", f"{'field':<16} {'tp':>5} {'fp':>5} {'fn':>5}"]
        rows[1] += f" {'P':>6} {'R':>6} {'F1':>6}"
        for f, c in self.counts.items():
            rows.append(f"{f:<16} {c.tp:5d} {c.fp:5d} {c.fn:5d}")
            rows[-1] += f" {100 * c.precision:6.2f} {100 * c.recall:6.2f} {100 * c.f1:6.2f}"
        rows += [f"{e:<22} {100 * self.extra(e):6.2f}  (n={self.extra_n[e]})" for e in EXTRAS]
        if len(self.sources) > 1:
            short = {
                f: f.replace("quotes_speaker", "speaker").replace("organizations", "orgs")[:8] for f in FIELDS
            }
            rows += [
                "",
                "F1 per source",
                f"{'source':<16} {'n':>3} " + " ".join(f"{short[f]:>8}" for f in FIELDS),
            ]
            rows += [
                f"{name:<16} {sub.articles:3d} " + " ".join(f"{100 * sub.counts[f].f1:8.1f}" for f in FIELDS)
                for name, sub in sorted(self.sources.items())
            ]
        for name, n in sorted(self.skipped.items()):
            rows.append(f"{name}: {n} articles left out (their texts are not in this copy)")
        return "\n".join(rows)

    __str__ = format_report

    def write_errors(self, path: str | Path) -> None:
        """The per-article errors as JSONL, one object per article (id, then only the fields with errors)."""
        with Path(path).open("w", encoding="utf-8") as out:
            for aid, fields in self.errors.items():
                out.write(json.dumps({"id": aid, **fields}, ensure_ascii=False) + "\n")

    def _tally(
        self,
        aid: str,
        name: str,
        pairs: list[tuple[int, int]],
        gold_labels: Sequence[Any],
        pred_labels: Sequence[Any],
        errors: bool = True,
    ) -> None:
        """Add one article's matches to a field's counts and, if ``errors``, its FP and FN labels (strings)."""
        c = self.counts[name]
        c.tp += len(pairs)
        c.fp += len(pred_labels) - len(pairs)
        c.fn += len(gold_labels) - len(pairs)
        if not errors:
            return
        gi, pj = {i for i, _ in pairs}, {j for _, j in pairs}
        errs = [{"fp": s} for j, s in enumerate(pred_labels) if j not in pj]
        errs += [{"fn": s} for i, s in enumerate(gold_labels) if i not in gi]
        self._err(aid, name, errs)

    def _err(self, aid: str, name: str, errs: list[dict[str, str]]) -> None:
        if errs:
            self.errors.setdefault(aid, {}).setdefault(name, []).extend(errs)

    def _extra(self, name: str, values: Iterable[float]) -> None:
        for v in values:
            self.extra_sums[name] += v
            self.extra_n[name] += 1


def load_gold(corpus_dir: str | Path, pattern: str = "*.jsonl") -> dict[str, dict[str, Any]]:
    """Every article of the ``*.jsonl`` files in ``corpus_dir`` (sorted by file name), by article id (a Fars
    News id, or a ``newsmine.train.crossnews`` id); the Dari page texts beside them are no annotation."""
    from newsmine.train.crossnews import DARI_TEXTS

    files = sorted(p for p in Path(corpus_dir).glob(pattern) if p.name != DARI_TEXTS)
    if not files:
        raise GoldError(Errors.E050, path=corpus_dir)
    gold: dict[str, dict[str, Any]] = {}
    for path in files:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as err:
                raise GoldError(Errors.E051, path=path, line=n, why=err.msg) from None
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                raise GoldError(Errors.E052, path=path, line=n)
            if item["id"] in gold:
                raise GoldError(Errors.E053, path=path, line=n, id=item["id"])
            gold[item["id"]] = item
    return gold


def _speaker(rec: Record, speaker: str | None) -> tuple[str | None, list[str]]:
    """A predicted speaker as a name (a person id resolved to the name, else its first title) and titles."""
    person: Person | None = next((p for p in rec.people if p.id == speaker), None)
    if person is None:
        return speaker, []
    titles = [t.title for t in person.titles]
    return person.name or (titles[0] if titles else None), titles


def _speaker_ok(gold: str | None, pred: str | None, titles: list[str]) -> bool:
    """Gold speaker vs predicted: equal, one a whole-word suffix of the other, or in a predicted title."""
    if gold is None or pred is None:
        return gold is None and pred is None
    if _norm(gold) == _norm(pred):
        return True
    g, p = _tokens(gold), _tokens(pred)
    short, long_ = sorted((g, p), key=len)
    if short and long_[-len(short) :] == short:
        return True
    return bool(_norm(gold)) and any(_norm(gold) in _norm(t) for t in titles)


def _value_eq(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and math.isclose(float(a), float(b), rel_tol=1e-6)


def _by_span(items: list[Any]) -> list[Any]:
    return sorted(items, key=lambda x: tuple(x.span))


def _score_article(report: Report, aid: str, g: dict[str, Any], rec: Record) -> None:
    def eq(a: str, b: str) -> float:
        return float(a == b and a != "")

    # people
    gp = [p["name"] for p in g.get("people", []) if p.get("name")]
    pp = [p.name for p in rec.people if p.name]
    report._tally(aid, "people", _match([_norm(x) for x in gp], [_norm(x) for x in pp], eq), gp, pp)

    # titles: (person name or None, title)
    gt = [(p.get("name"), t) for p in g.get("people", []) for t in p.get("titles", [])]
    pt = [(p.name, t) for p in rec.people for t in p.titles]

    def title_ok(a: tuple[str | None, dict[str, Any]], b: tuple[str | None, Any]) -> bool:
        (gn, gt_), (pn, pt_) = a, b
        if (gn is None) != (pn is None) or (gn is not None and _norm(gn) != _norm(pn)):
            return False
        if _norm(gt_["title"]) == _norm(pt_.title):
            return True
        return bool(gt_.get("role")) and (
            _norm(gt_["role"]) == _norm(pt_.role)
            and _norm(gt_.get("organization")) == _norm(pt_.organization)
        )

    report._tally(
        aid,
        "titles",
        _match(gt, pt, title_ok),
        [f"{n or '—'}: {t['title']}" for n, t in gt],
        [f"{n or '—'}: {t.title}" for n, t in pt],
    )

    # organizations: gold {name, aliases, canonical}; predictions collapsed on shared name/canonical
    gsets = [
        {_norm(s) for s in [o["name"], *o.get("aliases", []), o.get("canonical")] if _norm(s)}
        for o in g.get("organizations", [])
    ]
    groups: list[tuple[set[str], str]] = []
    for o in rec.organizations:
        keys = {k for k in (_norm(o.name), _norm(o.canonical)) if k}
        label = (
            o.name if not o.canonical or _norm(o.canonical) == _norm(o.name) else f"{o.name} ({o.canonical})"
        )
        for grp in [grp for grp in groups if grp[0] & keys]:
            groups.remove(grp)
            keys |= grp[0]
            label = grp[1]
        groups.append((keys, label))
    report._tally(
        aid,
        "organizations",
        _match(gsets, [k for k, _ in groups], lambda a, b: bool(a & b)),
        [o["name"] for o in g.get("organizations", [])],
        [label for _, label in groups],
    )

    # locations
    gl, pl = list(g.get("locations", [])), [loc.name for loc in rec.locations]
    report._tally(aid, "locations", _match([_norm(x) for x in gl], [_norm(x) for x in pl], eq), gl, pl)

    # quotes: verb and text overlap; then the speaker
    gq, pq = g.get("quotes", []), _by_span(rec.quotes)
    spk = [_speaker(rec, q.speaker) for q in pq]
    pairs = _match(
        gq,
        pq,
        lambda a, b: verb_key(a["verb"]) == verb_key(b.verb) and _overlap(a["text"], b.text, "gold") >= 0.5,
    )
    report._tally(
        aid,
        "quotes",
        pairs,
        [f"{q['speaker']} | {q['verb']} | {q['text']}" for q in gq],
        [f"{spk[j][0]} | {q.verb} | {q.text[:80]}" for j, q in enumerate(pq)],
    )
    good = [(i, j) for i, j in pairs if _speaker_ok(gq[i]["speaker"], *spk[j])]
    report._tally(aid, "quotes_speaker", good, gq, pq, errors=False)
    report._err(
        aid,
        "quotes_speaker",
        [
            {"wrong": f"speaker: pred {spk[j][0]} gold {gq[i]['speaker']}", "text": gq[i]["text"]}
            for i, j in pairs
            if (i, j) not in good
        ],
    )

    # claims: value + unit; value alone; qualifier and counted on the value + unit matches
    gc, pc = g.get("claims", []), _by_span(rec.claims)
    pairs = _match(
        gc, pc, lambda a, b: _value_eq(a["value"], b.value) and _norm(a.get("unit")) == _norm(b.unit)
    )
    glab = [f"{c['surface']} = {c['value']} {c.get('unit') or ''}".strip() for c in gc]
    plab = [f"{c.surface} = {c.value} {c.unit or ''}".strip() for c in pc]
    report._tally(aid, "claims", pairs, glab, plab)
    value_pairs = _match(gc, pc, lambda a, b: _value_eq(a["value"], b.value))
    report._tally(aid, "claims_value", value_pairs, gc, pc, errors=False)  # its errors would repeat claims'
    report._extra("qualifier_accuracy", (float(gc[i]["qualifier"] == pc[j].qualifier) for i, j in pairs))
    report._extra("counted_overlap", (_token_f1(gc[i].get("counted"), pc[j].counted) for i, j in pairs))
    report._err(
        aid,
        "claims",
        [
            {
                "wrong": f"qualifier: pred {pc[j].qualifier} gold {gc[i]['qualifier']}",
                "text": gc[i]["surface"],
            }
            for i, j in pairs
            if gc[i]["qualifier"] != pc[j].qualifier
        ],
    )

    # dates: Jalali or Gregorian value, else the surface
    # the guideline leaves out relative words alone (امروز، سال جاری، روز چهارشنبه): a prediction is scored
    # when it has a number or a month name ("مرداد امسال" is a date, "امسال" is not)
    gd = g.get("dates", [])
    pd = [d for d in _by_span(rec.dates) if not _relative_only(d)]

    def date_ok(a: dict[str, Any], b: Any) -> bool:
        jalali, gregorian = a.get("jalali"), a.get("gregorian")
        if jalali or gregorian:
            return (bool(jalali) and jalali == b.jalali) or (bool(gregorian) and gregorian == b.gregorian)
        return _overlap(a["surface"], b.surface) >= 0.5

    glab = [f"{d['surface']} = {d.get('jalali') or d.get('gregorian')}" for d in gd]
    plab = [f"{d.surface} = {d.jalali} / {d.gregorian}" for d in pd]
    report._tally(aid, "dates", _match(gd, pd, date_ok), glab, plab)
    pairs = _match(gd, pd, lambda a, b: _overlap(a["surface"], b.surface), 0.5)
    report._tally(aid, "dates_surface", pairs, gd, pd, errors=False)

    # events: name overlap, then type
    ge, pe = g.get("events", []), rec.events
    pairs = _match(ge, pe, lambda a, b: _overlap(a["name"], b.name), 0.5)
    report._tally(aid, "events", pairs, [e["name"] for e in ge], [e.name for e in pe])
    report._extra("event_type_accuracy", (float(ge[i].get("type") == pe[j].type) for i, j in pairs))
    report._err(
        aid,
        "events",
        [
            {"wrong": f"type: pred {pe[j].type} gold {ge[i].get('type')}", "text": ge[i]["name"]}
            for i, j in pairs
            if ge[i].get("type") != pe[j].type
        ],
    )


def score(gold: dict[str, dict[str, Any]], records: dict[str, Record]) -> Report:
    """Score Records against gold annotations by article id; a gold id without a Record scores as empty.
    Each article counts in the whole set's figures and in its source's (``report.sources``)."""
    from newsmine.train.crossnews import source_of

    report = Report(articles=len(gold))
    for aid, g in gold.items():
        report.errors[aid] = {}
        rec = records.get(aid) or Record()
        _score_article(report, aid, g, rec)
        sub = report.sources.setdefault(source_of(aid), Report())
        sub.articles += 1
        _score_article(sub, aid, g, rec)
    for sub in report.sources.values():
        sub.errors = {}  # the whole set's errors hold them already
    return report


def find_farsnews(directory: str | Path | None = None) -> Path:
    """The Fars News corpus folder: ``directory`` if given, else ``../shared/corpora/farsnews`` from the
    current folder, then from the repository root. Raises GoldError when there is none."""
    if directory is not None:
        candidates = [Path(directory)]
    else:
        rel = Path("..", "shared", "corpora", "farsnews")
        candidates = [Path.cwd() / rel, Path(__file__).resolve().parents[2] / rel]
    for c in candidates:
        if c.is_dir() and any(c.glob("fars-news-*.json")):
            return c.resolve()
    tried = ", ".join(str(c) for c in candidates)
    raise GoldError(Errors.E054, tried=tried)


def _relative_only(d: Any) -> bool:
    """A relative date with neither a number nor a month's name ("ماه گذشته", "امسال"): the guideline
    leaves these out ("مرداد امسال" is a date)."""
    if not d.relative or re.search(r"\d", _norm(d.surface)):
        return False
    names = _month_names()
    return not any(w in names or w.removesuffix("ماه") in names for w in _tokens(d.surface))  # مهرماه


@lru_cache(maxsize=1)
def _month_names() -> frozenset[str]:
    """Every month's name, the Afghan solar months included (``lang.lexicon.calendar_words`` leaves those
    out, as common words)."""
    from newsmine.resources import read_rows

    kinds = {"jmonth", "gmonth", "hmonth"}
    months = (r[0] for r in read_rows("calendar_words.txt") if len(r) > 1 and r[1].strip() in kinds)
    return frozenset(t for w in months for t in _tokens(w))


def find_corpora(directory: str | Path | None = None) -> Path:
    """The shared corpora folder (the parent of ``farsnews``): see :func:`find_farsnews`."""
    return find_farsnews(Path(directory) / "farsnews" if directory is not None else None).parent


def evaluate_gold(
    corpus_dir: str | Path,
    farsnews_dir: str | Path | None = None,
    nlp: Any = None,
    errors_path: str | Path | None = None,
    limit: int | None = None,
    corpora_dir: str | Path | None = None,
    pattern: str = "*.jsonl",
) -> Report:
    """Extract the gold articles (the first ``limit`` of them, if given) with ``newsmine.extract`` and
    score them; write the per-article errors as JSONL to ``errors_path`` if given. ``pattern``: the
    annotation files of ``corpus_dir`` to read (``iran-*.jsonl``: a part of the set).

    Fars News ids are read from ``farsnews_dir`` (default: ``../shared/corpora/farsnews``); the ids of the
    cross-outlet set from ``corpora_dir`` (default: the folder above it) and, for the Dari pages, from the
    texts file beside the annotation, whose articles are left out (``report.skipped``) when it is absent."""
    from newsmine.extract import extract
    from newsmine.train.crossnews import find_items, source_of
    from newsmine.train.farsnews import read_farsnews

    gold = load_gold(corpus_dir, pattern)
    if limit is not None:
        gold = dict(list(gold.items())[:limit])
    fars = {i for i in gold if source_of(i) == "farsnews"}
    items: dict[str, Any] = {}
    if fars:
        items = {a.id: a.as_input() for a in read_farsnews(find_farsnews(farsnews_dir)) if a.id in fars}
    others = [i for i in gold if i not in fars]
    if others:
        corpora = Path(corpora_dir) if corpora_dir is not None else find_corpora(None)
        items.update(find_items(others, corpora, Path(corpus_dir)))
    skipped: dict[str, int] = {}
    for i in [i for i in gold if i not in items and source_of(i) == "dari"]:
        skipped["dari"] = skipped.get("dari", 0) + 1
        del gold[i]
    missing = [i for i in gold if i not in items]
    if missing:
        raise GoldError(Errors.E055, count=len(missing), ids=", ".join(missing))
    records = {i: extract(items[i], nlp=nlp) for i in gold}
    report = score(gold, records)
    report.skipped = skipped
    report.name = Path(corpus_dir).name
    if errors_path is not None:
        report.write_errors(errors_path)
    return report
