"""Span precision/recall/F1 of ``newsmine.text.dates.find_dates`` on parstdex's date/time span set.

parstdex (MIT, vectors/parstdex-date-spans.json: {"test_input", "expected": "[[s, e], ...]"}) marks every
time expression: dates, but also durations ("۴۵ دقیقه"), clock times without a date, seasons and
centuries, which newsmine does not call dates. So this is a regression measure, not a target:

* exact: a found span counts only when its [start, end) equals an expected span;
* overlap: a found span counts when it overlaps an expected one (precision), an expected span counts when
  a found one overlaps it (recall).

    python bench/parstdex_spans.py [--corpora ../shared/corpora] [--show-errors] [--time]

--time also times find_dates on 2,000-character pieces: the parstdex sentences run together (a worst
case: a time expression every few words) and, when ../shared/corpora/farsnews is there, real news text.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from newsmine.text.dates import find_dates  # noqa: E402

Span = tuple[int, int]


def load(corpora: Path) -> list[tuple[str, list[Span]]]:
    rows = json.loads((corpora / "vectors" / "parstdex-date-spans.json").read_text(encoding="utf-8"))
    return [(r["test_input"], [tuple(x) for x in json.loads(r["expected"])]) for r in rows]


def _prf(tp_p: int, n_pred: int, tp_g: int, n_gold: int) -> tuple[float, float, float]:
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_g / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(rows: list[tuple[str, list[Span]]]) -> dict[str, tuple[float, float, float]]:
    """{"exact": (P, R, F1), "overlap": (P, R, F1)} of find_dates over the rows."""
    n_pred = n_gold = exact = ov_pred = ov_gold = 0
    for text, gold in rows:
        pred = [(d.start, d.end) for d in find_dates(text)]
        n_pred += len(pred)
        n_gold += len(gold)
        exact += len(set(pred) & set(gold))
        ov_pred += sum(any(s < ge and gs < e for gs, ge in gold) for s, e in pred)
        ov_gold += sum(any(s < ge and gs < e for s, e in pred) for gs, ge in gold)
    return {"exact": _prf(exact, n_pred, exact, n_gold), "overlap": _prf(ov_pred, n_pred, ov_gold, n_gold)}


def show_errors(rows: list[tuple[str, list[Span]]]) -> None:
    for text, gold in rows:
        pred = [(d.start, d.end) for d in find_dates(text)]
        if set(pred) == set(gold):
            continue
        print(repr(text[:160]))
        print("   expected:", [text[s:e] for s, e in gold if (s, e) not in pred])
        print("   found:   ", [text[s:e] for s, e in pred if (s, e) not in gold])


def _ms(chunks: list[str], rounds: int = 0) -> float:
    """Mean milliseconds of one find_dates call per chunk."""
    rounds = rounds or max(1, 400 // len(chunks))
    for c in chunks[:5]:
        find_dates(c)
    t0 = time.perf_counter()
    for _ in range(rounds):
        for c in chunks:
            find_dates(c)
    return (time.perf_counter() - t0) / (rounds * len(chunks)) * 1000


def _news_chunks(corpora: Path) -> list[str]:
    """The 900 Fars News articles cut into 2,000-character pieces (empty when the corpus is absent)."""
    paths = sorted((corpora / "farsnews").glob("fars-news-*.json"))
    text = "\n".join(
        " ".join(a["paragraphs"]) for p in paths for a in json.loads(p.read_text(encoding="utf-8"))
    )
    return [text[i : i + 2000] for i in range(0, len(text) - 2000, 2000)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", type=Path, default=REPO.parent / "shared" / "corpora")
    ap.add_argument("--show-errors", action="store_true", help="print every row whose spans differ")
    ap.add_argument("--time", action="store_true", help="also time find_dates on 2,000-character pieces")
    args = ap.parse_args(argv)
    rows = load(args.corpora)
    if args.show_errors:
        show_errors(rows)
    print(f"rows: {len(rows)}  expected spans: {sum(len(g) for _, g in rows)}")
    for name, (p, r, f) in score(rows).items():
        print(f"{name:8s} P={p:.3f} R={r:.3f} F1={f:.3f}")
    if args.time:
        dense = " ".join(t for t, _ in rows)[:2000]
        print(
            f"find_dates, parstdex sentences run together (a date every ~30 chars): {_ms([dense]):.3f} ms / 2,000 chars"
        )
        news = _news_chunks(args.corpora)
        if news:
            print(f"find_dates, Fars News text ({len(news)} chunks): {_ms(news):.3f} ms / 2,000 chars")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
