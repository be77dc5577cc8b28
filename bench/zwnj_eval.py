"""Measure ZWNJ restoration on a word list built from the 900 Fars News articles.

The word list: every word that the corpus writes both WITH a zero-width non-joiner somewhere (گفت‌وگو) and
WITHOUT it elsewhere (گفتوگو). Each occurrence of the joined spelling is a test item whose expected
answer is the ZWNJ spelling. Precision counts the items newsmine changed that it changed right; recall counts
the items it restored right among all items. hazm's Normalizer and (when installed) parsivar's are measured
on the same items, side by side.

Words the corpus only ever writes joined are not in the list (the corpus cannot say whether a ZWNJ belongs
there); how many of those newsmine changes is printed as the "touched elsewhere" rate, with examples.

    python bench/zwnj_eval.py [--corpora ../shared/corpora] [--json OUT.json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from newsmine.lang.chars import NON_JOINING
from newsmine.text.normalize import Normalizer, normalize

ZWNJ = "\u200c"
WORD = re.compile(r"[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc\u06c0\u200c]+")
DEFAULT_CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"


def fars_texts(corpora: Path) -> list[str]:
    """Title, abstract and paragraphs of every Fars News article, letters normalized (no ZWNJ work)."""
    letters = Normalizer(restore_zwnj=False, fix_spacing=False)
    texts = []
    for path in sorted((corpora / "farsnews").glob("fars-news-*.json")):
        for item in json.loads(path.read_text(encoding="utf-8")):
            parts = [item.get("title") or "", item.get("abstract") or "", *(item.get("paragraphs") or [])]
            texts.append(letters.normalize("\n".join(parts)))
    return texts


def word_counts(texts: list[str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(w.strip(ZWNJ) for w in WORD.findall(text))
    return counts


def build_word_list(counts: Counter[str]) -> dict[str, str]:
    """joined spelling -> ZWNJ spelling, for words the corpus writes both ways (most frequent ZWNJ form).

    A ZWNJ after a non-joining letter (د‌ر، بر‌ا‌ی) or beside a one-letter part changes nothing visible: such
    spellings are crawl noise in the corpus, not evidence, and are left out.
    """
    by_joined: dict[str, tuple[int, str]] = {}
    for word, n in counts.items():
        parts = word.split(ZWNJ)
        if len(parts) > 1 and all(len(p) > 1 and p[-1] not in NON_JOINING for p in parts[:-1]) and parts[-1]:
            joined = word.replace(ZWNJ, "")
            if counts.get(joined) and n > by_joined.get(joined, (0, ""))[0]:
                by_joined[joined] = (n, word)
    return {j: z for j, (_, z) in by_joined.items()}


def score(restore, items: dict[str, str], counts: Counter[str]) -> dict[str, float]:
    tp = changed = total = 0
    for joined, expected in items.items():
        n = counts[joined]
        got = restore(joined)
        total += n
        if got != joined:
            changed += n
            tp += n * (got == expected)
    p = tp / changed if changed else 0.0
    r = tp / total if total else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"items": total, "changed": changed, "correct": tp, "precision": p, "recall": r, "f1": f}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    ap.add_argument("--json", type=Path, help="write the figures here")
    ap.add_argument("--errors", type=int, default=15, help="how many errors to print")
    args = ap.parse_args()
    if not (args.corpora / "farsnews").is_dir():
        print(f"no farsnews corpus under {args.corpora}", file=sys.stderr)
        return 2

    counts = word_counts(fars_texts(args.corpora))
    items = build_word_list(counts)
    systems = {"newsmine": normalize}
    try:
        from hazm import Normalizer as HazmNormalizer

        hazm = HazmNormalizer(persian_numbers=False)
        systems["hazm"] = lambda w: hazm.normalize(w).replace(" ", ZWNJ)
    except ImportError:  # pragma: no cover - hazm is a core dependency
        pass
    try:
        from parsivar import Normalizer as ParsivarNormalizer

        parsivar = ParsivarNormalizer()
        systems["parsivar"] = lambda w: parsivar.normalize(w)
    except ImportError:
        pass

    print(f"word list: {len(items)} words, {sum(counts[j] for j in items)} joined occurrences to restore")
    figures = {}
    for name, fn in systems.items():
        figures[name] = s = score(fn, items, counts)
        print(
            f"{name:9s} precision {s['precision']:.3f}  recall {s['recall']:.3f}  F1 {s['f1']:.3f}"
            f"  ({s['correct']}/{s['changed']} changed right, {s['items']} items)"
        )

    errors = [(counts[j], j, z, normalize(j)) for j, z in items.items() if normalize(j) != z]
    errors.sort(reverse=True)
    print("\nnewsmine errors (count, joined, expected, got):")
    for n, j, z, got in errors[: args.errors]:
        print(f"  {n:4d}  {j}  ->  {z}  got {got}")

    elsewhere = [(n, w) for w, n in counts.items() if ZWNJ not in w and w not in items]
    touched = [(n, w, normalize(w)) for n, w in elsewhere if normalize(w) != w]
    n_else = sum(n for n, _ in elsewhere)
    n_touched = sum(n for n, _, _ in touched)
    print(
        f"\ntouched elsewhere: {n_touched}/{n_else} occurrences ({100 * n_touched / max(n_else, 1):.2f}%) of words"
        " the corpus never writes with a ZWNJ; most frequent:"
    )
    for n, w, got in sorted(touched, reverse=True)[: args.errors]:
        print(f"  {n:4d}  {w}  ->  {got}")
    figures["touched_elsewhere"] = {"occurrences": n_touched, "of": n_else}
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
