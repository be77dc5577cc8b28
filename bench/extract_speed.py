"""Throughput of ``newsmine.extract`` with every component, on one core, and where the time goes.

    python bench/extract_speed.py            # the 900 Fars News articles, one process
    python bench/extract_speed.py --limit 200

Prints articles/s and characters/s on one core for the whole extract (normalize, tokenize, every
component, the Record), the share of each pipeline component, and the process's peak RSS. The corpus is
read from ../shared/corpora/farsnews (research-licensed: read there, never copied).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path

import newsmine
from newsmine.train.farsnews import read_farsnews

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "farsnews"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    items = [a.as_input() for a in read_farsnews(args.corpus)]
    if args.limit:
        items = items[: args.limit]
    nlp = newsmine.load()
    newsmine.extract(items[0], nlp=nlp)  # warm up: lexicons and the model load once

    spent: dict[str, float] = defaultdict(float)
    # the same components in the same order, each call timed
    nlp._components = [(name, _Timed(proc, name, spent)) for name, proc in nlp._components]

    chars = 0
    start = time.process_time()
    for item in items:
        rec = newsmine.extract(item, nlp=nlp)
        chars += len(rec.text)
    cpu = time.process_time() - start
    n = len(items)
    print(f"articles: {n}, characters: {chars:,}")
    print(f"one core: {n / cpu:.1f} articles/s, {chars / cpu / 1e3:.0f} k chars/s (CPU {cpu:.1f} s)")
    total = sum(spent.values())
    for name, sec in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"  {name:22s} {sec:6.1f} s  {100 * sec / cpu:5.1f} %")
    print(f"  {'rest (normalize, Doc)':22s} {cpu - total:6.1f} s  {100 * (cpu - total) / cpu:5.1f} %")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


class _Timed:
    """A pipeline component that adds its CPU time to ``spent[name]``."""

    def __init__(self, proc, name: str, spent: dict[str, float]) -> None:  # type: ignore[no-untyped-def]
        self.proc, self.name, self.spent = proc, name, spent

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self.proc, name)  # the rest of the component (EventFinder.group) as it is

    def __call__(self, doc):  # type: ignore[no-untyped-def]
        t = time.process_time()
        try:
            return self.proc(doc)
        finally:
            self.spent[self.name] += time.process_time() - t


if __name__ == "__main__":
    raise SystemExit(main())
