"""Choose the Iranian articles of the cross-outlet dev set, reproducibly (writes ``ids.tsv``).

Sources and how many articles each gives: seven news-diverse outlets with full bodies (Hamshahri 2003-07;
Asriran, Tabnak, Roozno, Sobhaneh, Mashregh 2019-20; Varzesh3), Radio Farda's feed summaries, and the
FarExStance bodies (130+ sites, 2021-23). An article qualifies when its text is 400 to 3,500 characters and
holds a digit. Each qualifying article gets a topic by counting topic words (sports, economy, provincial,
politics; ties and none: politics; every Varzesh3 article is sports) and a length band (short: under 1,200 characters; long). Within a
source, articles are ordered by the SHA-1 of their id, and taken in turns from each topic x length cell
that has any, so every source gives short and long articles of every topic it covers. Nobody picks
articles by hand.

    python scripts/select_dev_cross.py --corpora ../shared/corpora > corpora/dev-cross/ids.tsv
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from pathlib import Path

from newsmine.train.crossnews import clean, farexstance_documents, news_diverse

QUOTAS = {
    "hamshahri": 22,
    "asriran": 18,
    "tabnak": 18,
    "roozno": 18,
    "sobhanehonline": 16,
    "varzesh3": 14,
    "mashreghnews": 7,
    "radiofarda_rss": 12,
    "farexstance": 26,
}
TOPICS = {
    "sports": r"فوتبال|والیبال|کشتی|لیگ|باشگاه|سرمربی|بازیکن|قهرمانی|مسابقه|ورزش",
    "economy": r"اقتصاد|بانک|تورم|قیمت|بورس|دلار|تومان|ریال|صادرات|واردات|بودجه|نفت|گمرک|مالیات",
    "provincial": r"استان|استاندار|شهرستان|فرماندار|بخشدار|روستا|شهردار",
    "politics": r"مجلس|وزیر|رئیس[ ‌]?جمهور|رییس[ ‌]?جمهور|دولت|انتخابات|سیاسی|سفیر|دیپلمات|نماینده",
}
SHORT = 1200
#: outlets that publish sports only
SPORTS_OUTLETS = frozenset({"varzesh3"})


def topic(text: str) -> str:
    counts = {name: len(re.findall(words, text)) for name, words in TOPICS.items()}
    best = max(counts.values())
    if best == 0 or counts["politics"] == best:
        return "politics"
    return next(name for name, n in counts.items() if n == best)


def qualifies(text: str) -> bool:
    return 400 <= len(text) <= 3500 and re.search(r"[0-9۰-۹]", text) is not None


def candidates(corpora: Path, source: str) -> list[tuple[str, str]]:
    """(id, text) of the qualifying articles of a source."""
    if source == "farexstance":
        docs = list(farexstance_documents(corpora))
    else:
        docs = [(row["id"], clean(row).get("text", "")) for row in news_diverse(corpora, source)]
    return [(i, t) for i, t in docs if qualifies(t)]


def pick(docs: list[tuple[str, str]], n: int, sports: bool = False) -> list[tuple[str, str, str]]:
    """n (id, topic, band) in turns over the topic x band cells, each cell in SHA-1 order; ``sports``: a
    sports outlet, whose every article is sports (its bands still alternate)."""
    cells: dict[tuple[str, str], list[str]] = {}
    for i, text in sorted(docs, key=lambda d: hashlib.sha1(d[0].encode("utf-8")).hexdigest()):
        band = "short" if len(text) < SHORT else "long"
        cells.setdefault(("sports" if sports else topic(text), band), []).append(i)
    out: list[tuple[str, str, str]] = []
    order = sorted(cells)
    while len(out) < n and any(cells.values()):
        for cell in order:
            if cells[cell] and len(out) < n:
                out.append((cells[cell].pop(0), *cell))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--corpora", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "corpora"
    )
    args = ap.parse_args()
    print("id\tsource\ttopic\tlength")
    for source, n in QUOTAS.items():
        chosen = pick(candidates(args.corpora, source), n, sports=source in SPORTS_OUTLETS)
        if len(chosen) < n:
            print(f"{source}: only {len(chosen)} qualifying articles", file=sys.stderr)
        for i, top, band in chosen:
            print(f"{i}\t{source}\t{top}\t{band}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
