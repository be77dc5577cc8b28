"""Normalize + tokenize throughput on the 900 Fars News articles, one core, newsmine beside hazm and parsivar.

Each system normalizes every article and splits it into sentences and words:

- newsmine: ``normalize`` then ``sentence_spans`` + ``word_spans`` (offsets kept), and separately the same
  into a spaCy ``Doc`` (what ``newsmine.load()`` does before the components); for scale, the whole
  ``newsmine.extract`` (article header rules, every component, the Record) is timed too;
- hazm 0.10: ``Normalizer().normalize`` then ``SentenceTokenizer`` + ``WordTokenizer``;
- parsivar: ``Normalizer().normalize`` then its ``Tokenizer`` (sentences, then words).

Every system gets one warm-up pass over the corpus (loading word lists, filling caches), then the best of
``--repeat`` timed passes is reported, in articles and characters per second. The process is pinned to one
core where the OS allows it.

    python bench/text_speed.py [--corpora ../shared/corpora] [--repeat 3] [--json OUT.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

DEFAULT_CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"


def fars_articles(corpora: Path) -> list[str]:
    texts = []
    for path in sorted((corpora / "farsnews").glob("fars-news-*.json")):
        for item in json.loads(path.read_text(encoding="utf-8")):
            parts = [item.get("title") or "", item.get("abstract") or "", *(item.get("paragraphs") or [])]
            texts.append("\n".join(parts))
    return texts


def systems() -> dict[str, Callable[[str], object]]:
    from newsmine.text.normalize import normalize
    from newsmine.text.tokenize import HazmTokenizer, sentence_spans, word_spans

    def newsmine_spans(text: str) -> object:
        clean = normalize(text)
        return [word_spans(clean, s, e) for s, e in sentence_spans(clean)]

    import spacy

    nlp = spacy.blank("fa")
    tokenizer = HazmTokenizer(nlp.vocab)

    from newsmine.extract import extract

    out: dict[str, Callable[[str], object]] = {
        "newsmine (spans)": newsmine_spans,
        "newsmine (spaCy Doc)": lambda text: tokenizer(normalize(text)),
        "newsmine extract()": extract,
    }

    from hazm import Normalizer, SentenceTokenizer, WordTokenizer

    hazm_norm, hazm_sent, hazm_word = Normalizer(), SentenceTokenizer(), WordTokenizer()
    out["hazm 0.10"] = lambda text: [
        hazm_word.tokenize(s) for s in hazm_sent.tokenize(hazm_norm.normalize(text))
    ]
    try:
        from parsivar import Normalizer as PNormalizer
        from parsivar import Tokenizer as PTokenizer

        p_norm, p_tok = PNormalizer(), PTokenizer()
        out["parsivar"] = lambda text: [
            p_tok.tokenize_words(s) for s in p_tok.tokenize_sentences(p_norm.normalize(text))
        ]
    except ImportError:
        print("parsivar not installed (pip install -e '.[dev]'): skipped", file=sys.stderr)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    if not (args.corpora / "farsnews").is_dir():
        print(f"no farsnews corpus under {args.corpora}", file=sys.stderr)
        return 2
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})

    texts = fars_articles(args.corpora)
    chars = sum(map(len, texts))
    print(f"{len(texts)} articles, {chars} characters; python {platform.python_version()}, one core")
    results = {}
    for name, fn in systems().items():
        for text in texts:  # warm-up
            fn(text)
        best = float("inf")
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            for text in texts:
                fn(text)
            best = min(best, time.perf_counter() - t0)
        results[name] = {"seconds": best, "articles_per_s": len(texts) / best, "chars_per_s": chars / best}
        print(
            f"{name:22s} {best:6.2f} s  {len(texts) / best:8.1f} articles/s  {chars / best / 1e6:6.2f} M chars/s"
        )
    base = results.get("hazm 0.10")
    if base:
        print("\nspeed relative to hazm (higher is faster):")
        for name, r in results.items():
            print(f"  {name:22s} {base['seconds'] / r['seconds']:.2f}x")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
